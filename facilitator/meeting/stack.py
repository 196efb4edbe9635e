"""The order in which the stack is served, and why each entry stands where it does."""

from __future__ import annotations

from typing import NamedTuple

from facilitator.clock import clock_time, format_duration
from facilitator.meeting.state import Entry, Meeting


class Place(NamedTuple):
    """A hand on the stack in speaking order, with why it stands there."""

    entry: Entry
    reason: str


def order(meeting: Meeting, now: float) -> list[Place]:
    """The waiting entries in serving order (PROCESS.md 1.2-1.7).

    Kept until the next event (the screens ask several times a second, from several panels);
    in least-airtime mode the order also moves with the clock."""
    key = (meeting.last_seq, now if meeting.mode == "least-airtime" else None)
    kept = meeting.__dict__.get("_order")  # beside the fields: not part of the meeting's value
    if kept is not None and kept[0] == key:
        return list(kept[1])
    places = _order(meeting, now)
    meeting.__dict__["_order"] = (key, places)
    return list(places)


def _order(meeting: Meeting, now: float) -> list[Place]:
    waiting = meeting.waiting()
    if not waiting:
        return []
    tiers = {kind: i for i, kind in enumerate(meeting.settings.kind_order)}
    mode = meeting.mode
    airtime = meeting.airtime(now) if mode == "least-airtime" else {}
    spoken_here = meeting.spoken_on_item()

    def progressive(entry: Entry) -> tuple[float, ...]:
        if entry.kind != "new" or mode == "off":
            return (0,)
        if mode == "first-time":
            return (1 if entry.name.casefold() in spoken_here else 0,)
        if mode == "least-airtime":
            return (round(airtime.get(entry.name, 0.0), 3),)
        return (0 if entry.step_up else 1,)  # step-up

    def reason(entry: Entry) -> str:
        if entry.late:
            return "added late"
        if entry.moved_by:
            return f"moved by the {entry.moved_by}"
        if entry.kind in ("process", "clarify"):
            return f"asked {clock_time(entry.asked_at)}"  # the kind itself says why it goes first
        if entry.kind == "response":
            answered = meeting.turns.get(entry.answers) if entry.answers is not None else None
            return f"responds to {answered.name}" if answered else "direct response"
        if mode == "first-time":
            return "spoke before" if entry.name.casefold() in spoken_here else "first time"
        if mode == "least-airtime":
            return f"{format_duration(airtime.get(entry.name, 0.0))} so far"
        if mode == "step-up" and entry.step_up:
            return "step up"
        return f"asked {clock_time(entry.asked_at)}"

    ruled = sorted(waiting, key=lambda e: (tiers.get(e.kind, len(tiers)), progressive(e), e.asked_at, e.id))
    # Every manual move is replayed in the order it was made, as the operator made it: taken out
    # and put back next to the neighbour it was given. Replaying only each entry's latest move
    # would misplace entries that were moved relative to it in between.
    waiting_ids = {e.id for e in waiting}
    for entry_id, before, after in meeting.moves:
        if entry_id not in waiting_ids:
            continue
        ids = [e.id for e in ruled]
        was = ids.index(entry_id)
        moved = ruled.pop(was)
        ids.pop(was)
        if before in ids:
            ruled.insert(ids.index(before), moved)
        elif after in ids:
            ruled.insert(ids.index(after) + 1, moved)
        elif after is None:
            ruled.insert(0, moved)  # it was moved to the top
        elif before is None:
            ruled.append(moved)  # it was moved to the bottom
        else:
            ruled.insert(was, moved)  # both neighbours have gone: it stays where the rules put it

    places = [Place(e, reason(e)) for e in ruled]
    if meeting.settings.no_twice_in_row:
        places = _no_twice_in_row(meeting, places)
    return places


def _no_twice_in_row(meeting: Meeting, places: list[Place]) -> list[Place]:
    """PROCESS.md 1.6: the last speaker waits one place while someone else is waiting."""
    last = meeting.speaker or meeting.last_turn()
    if last is None or not places or places[0].entry.kind == "process":
        return places
    if places[0].entry.moved_by:  # a manual move is the stack keeper's decision: it stands
        return places
    if places[0].entry.name.casefold() != last.name.casefold():
        return places
    for i, place in enumerate(places[1:], start=1):
        if place.entry.name.casefold() != last.name.casefold():
            first = places[0]
            rest = places[1:i] + places[i + 1 :]
            return [place, Place(first.entry, "spoke last"), *rest]
    return places
