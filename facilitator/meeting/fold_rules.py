"""How each event changes the meeting. Tolerant by design: after an undo, later events may
refer to things that no longer exist, and the fold must still give a sensible meeting."""

from __future__ import annotations

import sys
from typing import Any

from facilitator.meeting.records import CarriedAction, ReviewDue
from facilitator.meeting.settings import KINDS, Settings, role_label
from facilitator.meeting.state import Entry, Item, Meeting, Turn, handles

Event = dict[str, Any]
Data = dict[str, Any]


@handles("meeting_opened")
def _opened(m: Meeting, e: Event, d: Data) -> None:
    m.title = d["title"]
    m.date = d.get("date", "")
    m.location = d.get("location", "")
    m.opened_at = e["ts"]
    m.series = d["series"] if isinstance(d.get("series"), str) and d["series"] else None
    m.after = d["after"] if isinstance(d.get("after"), str) and d["after"] else None
    m.settings = Settings.from_dict(d["settings"])
    m.mode = m.settings.mode
    m.quorum = m.settings.quorum
    m.rule = m.settings.rule
    m.fallback_rule = m.settings.fallback_rule


@handles("meeting_begun")
def _begun(m: Meeting, e: Event, d: Data) -> None:
    if m.begun_at is None:
        m.begun_at = e["ts"]


@handles("adjourned")
def _adjourned(m: Meeting, e: Event, d: Data) -> None:
    m.adjourned_at = e["ts"]


@handles("reopened")
def _reopened(m: Meeting, e: Event, d: Data) -> None:
    m.adjourned_at = None


def _mark_present(m: Meeting, name: str) -> None:
    key = name.casefold()
    m.people.setdefault(key, name)
    m.present.setdefault(key, m.people[key])


@handles("attended")
def _attended(m: Meeting, e: Event, d: Data) -> None:
    _mark_present(m, d["name"])


@handles("left")
def _left(m: Meeting, e: Event, d: Data) -> None:
    key = d["name"].casefold()
    m.present.pop(key, None)
    for entry in [x for x in m.entries.values() if x.name.casefold() == key]:
        del m.entries[entry.id]


@handles("hand_raised")
def _hand_raised(m: Meeting, e: Event, d: Data) -> None:
    _mark_present(m, d["name"])
    m.entries[e["seq"]] = Entry(
        id=e["seq"],
        name=m.people[d["name"].casefold()],
        kind=sys.intern(d["kind"]),
        asked_at=e["ts"],
        item=m.item,
        step_up=d["step_up"],
        answers=d.get("answers"),
        by_participant=bool(e["actor"].get("as")),
        late=d.get("late") is True,
    )


@handles("hand_lowered")
def _hand_lowered(m: Meeting, e: Event, d: Data) -> None:
    m.entries.pop(d["entry"], None)


@handles("moved")
def _moved(m: Meeting, e: Event, d: Data) -> None:
    entry = m.entries.get(d["entry"])
    if entry is None:
        return
    # the room sees the role of the terminal that moved it; who exactly is the audit's business
    role = e["actor"].get("role")
    entry.moved_by = role_label(role).casefold() if isinstance(role, str) and role else "operator"
    entry.moved_before = d.get("before")
    entry.moved_after = d.get("after")
    entry.moved_seq = e["seq"]
    m.moves.append((entry.id, entry.moved_before, entry.moved_after))


@handles("stack_closed")
def _stack_closed(m: Meeting, e: Event, d: Data) -> None:
    m.stack_closed = True


@handles("stack_opened")
def _stack_opened(m: Meeting, e: Event, d: Data) -> None:
    m.stack_closed = False


@handles("stack_mode")
def _stack_mode(m: Meeting, e: Event, d: Data) -> None:
    m.mode = d["mode"]


@handles("turn_started")
def _turn_started(m: Meeting, e: Event, d: Data) -> None:
    entry_id = d.get("entry")
    if entry_id is not None:
        m.entries.pop(entry_id, None)
    m.turns[e["seq"]] = Turn(
        id=e["seq"],
        name=sys.intern(d["name"]),  # a congress has thousands of turns by a few hundred people
        kind=sys.intern(d["kind"]),
        limit=d["limit"],
        started_at=e["ts"],
        item=m.item,
        answers=d.get("answers"),
    )
    m.current = e["seq"]
    m.turns_seq = e["seq"]
    if m.begun_at is None:  # the first turn opens the meeting
        m.begun_at = e["ts"]


@handles("turn_paused")
def _turn_paused(m: Meeting, e: Event, d: Data) -> None:
    turn = m.turns.get(d["turn"])
    if turn is None or turn.ended_at is not None:
        return
    if not turn.paused:
        turn.pauses.append([e["ts"], None])
    if d["process"]:
        turn.suspended = True
        if turn.id not in m.suspended:
            m.suspended.append(turn.id)
        if m.current == turn.id:
            m.current = None


@handles("turn_resumed")
def _turn_resumed(m: Meeting, e: Event, d: Data) -> None:
    turn = m.turns.get(d["turn"])
    if turn is None or turn.ended_at is not None:
        return
    if turn.paused:
        turn.pauses[-1][1] = e["ts"]
    if turn.suspended:
        turn.suspended = False
        if turn.id in m.suspended:
            m.suspended.remove(turn.id)
    m.current = turn.id


@handles("turn_ended")
def _turn_ended(m: Meeting, e: Event, d: Data) -> None:
    turn = m.turns.get(d["turn"])
    if turn is None or turn.ended_at is not None:
        return
    if turn.paused:
        turn.pauses[-1][1] = e["ts"]
    turn.ended_at = e["ts"]
    m.turns_seq = e["seq"]
    if turn.id in m.suspended:
        m.suspended.remove(turn.id)
        turn.suspended = False
    if m.current == turn.id:
        m.current = None


@handles("extended")
def _extended(m: Meeting, e: Event, d: Data) -> None:
    turn = m.turns.get(d["turn"])
    if turn is not None and turn.ended_at is None:
        turn.extended += d["seconds"]


@handles("item_added")
def _item_added(m: Meeting, e: Event, d: Data) -> None:
    m.items[e["seq"]] = Item(
        id=e["seq"],
        title=d["title"],
        minutes=d["minutes"],
        kind=d["kind"],
        presenter=d.get("presenter"),
        limits={k: int(v) for k, v in (d.get("limits") or {}).items() if k in KINDS and type(v) is int},
        carried_from=d["carried_from"] if isinstance(d.get("carried_from"), str) else None,
        follow_up=[a for a in map(CarriedAction.from_dict, d.get("follow_up") or []) if a is not None],
        review_of=ReviewDue.from_dict(d.get("review_of")),
    )


def _leave_item(m: Meeting, e: Event, carry_to: int | None, carry: bool) -> None:
    """Waiting entries follow the assembly to the next stack, or are cleared."""
    for entry in [x for x in m.entries.values() if x.item == m.item]:
        if carry:
            entry.item = carry_to
        else:
            del m.entries[entry.id]
    current = m.items.get(m.item) if m.item is not None else None
    if current is not None and current.status == "active":
        current.status = "done"
        current.ended_at = e["ts"]


@handles("item_started")
def _item_started(m: Meeting, e: Event, d: Data) -> None:
    item = m.items.get(d["item"])
    if item is None:
        return
    _leave_item(m, e, item.id, d["carry"])
    if m.begun_at is None:  # so does the first item
        m.begun_at = e["ts"]
    item.status = "active"
    item.started_at = item.started_at or e["ts"]
    item.ended_at = None
    m.item = item.id
    m.stack_closed = False


@handles("item_done")
def _item_done(m: Meeting, e: Event, d: Data) -> None:
    if m.item != d["item"]:
        return
    _leave_item(m, e, None, d["carry"])
    m.item = None
    m.stack_closed = False
