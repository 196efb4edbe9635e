"""Commands for quorum, roles, notes, action items, the next meeting, and the agenda's later
changes (table an item to a later meeting, reorder)."""

from __future__ import annotations

import re
from typing import Any

from facilitator.commands import Context, Outcome, _leaving, command, find_item, known_name
from facilitator.errors import Refused
from facilitator.meetings import check_date
from facilitator.records import ROLES, role_label
from facilitator.state import Meeting
from facilitator.text import clean_text, clean_title

QUORUM_LIMIT = 100_000
ROLE_ALIASES = {
    "cofacilitator": "co-facilitator",
    "co facilitator": "co-facilitator",
    "stack keeper": "stack",
    "stack-keeper": "stack",
    "stackkeeper": "stack",
    "timekeeper": "time",
    "time keeper": "time",
    "time-keeper": "time",
    "minute taker": "minutes",
    "minute-taker": "minutes",
    "minutetaker": "minutes",
    "vibes watcher": "vibes",
    "vibes-watcher": "vibes",
}


def present_count(present: int, quorum: int | None) -> str:
    """'9 present, quorum 10: below quorum'."""
    if quorum is None:
        return f"{present} present"
    state = "quorate" if present >= quorum else "below quorum"
    return f"{present} present, quorum {quorum}: {state}"


@command("quorum")
def quorum(meeting: Meeting, ctx: Context, count: int) -> Outcome:
    if not 0 <= count <= QUORUM_LIMIT:
        raise Refused(f"a quorum is a number of people, 0 to {QUORUM_LIMIT} (0: no quorum)")
    if (meeting.quorum or 0) == count:
        raise Refused(f"the quorum is already {count}" if count else "there is no quorum to remove")
    after = present_count(len(meeting.present), count or None)
    what = f"quorum set to {count}" if count else "no quorum"
    return Outcome(f"{what} ({after})", [("quorum_set", {"quorum": count})])


def role_key(meeting: Meeting, raw: str) -> str:
    """The role's name as the meeting knows it: the usual ones by short name, others as typed."""
    role = clean_title(raw, "the role")
    if len(role) > 40:
        raise Refused("a role's name is at most 40 characters")
    folded = role.casefold()
    folded = ROLE_ALIASES.get(folded, folded)
    if folded in ROLES:
        return folded
    for known in meeting.roles:
        if known.casefold() == folded:
            return known
    return role


@command("role")
def role(meeting: Meeting, ctx: Context, role: str, name: str | None = None) -> Outcome:
    key = role_key(meeting, role)
    label = role_label(key)
    holder = known_name(meeting, name) if name is not None and name.strip() else None
    current = meeting.roles.get(key)
    if holder is None:
        if current is None:
            raise Refused(f"nobody holds the role {label}: name who takes it")
        empty = ("role_set", {"role": key, "name": None})
        return Outcome(f"{label}: {current} stepped down; the role is empty", [empty])
    if current is not None and current.casefold() == holder.casefold():
        raise Refused(f"{current} is already {label}")
    events: list[tuple[str, dict[str, Any]]] = []
    arrived = ""
    if not meeting.is_present(holder):
        events.append(("attended", {"name": holder}))
        arrived = " (now marked present)"
    events.append(("role_set", {"role": key, "name": holder}))
    took_over = f", taking over from {current}" if current else ""
    return Outcome(f"{label}: {holder}{took_over}{arrived}", events)


def item_ref(meeting: Meeting, ref: str | None) -> int | None:
    """The item a note or action belongs to: the one named, else the one under way (or none)."""
    if ref is None:
        return meeting.item
    return find_item(meeting, ref).id


@command("note")
def note(meeting: Meeting, ctx: Context, text: str, item: str | None = None) -> Outcome:
    text = clean_text(text, "the note")
    where = item_ref(meeting, item)
    on = f" on '{meeting.items[where].title}'" if where is not None else ""
    return Outcome(f"note added{on}", [("noted", {"text": text, "item": where})])


def check_due(due: str | None) -> str | None:
    if due is None or not due.strip():
        return None
    return check_date(due.strip())


@command("action")
def action(
    meeting: Meeting, ctx: Context, text: str, owners: list[str], due: str | None = None, item: str | None = None
) -> Outcome:
    text = clean_text(text, "the action item")
    if "\n" in text:
        raise Refused("an action item is one line: say what, and put the details in a note")
    if not owners:
        raise Refused("an action item needs an owner: --owner NAME")
    names: list[str] = []
    for raw in owners:
        name = known_name(meeting, raw)
        if name.casefold() not in (n.casefold() for n in names):
            names.append(name)
    data = {"text": text, "owners": names, "due": check_due(due), "item": item_ref(meeting, item)}
    by = f" by {data['due']}" if data["due"] else ""
    return Outcome(f"action item {len(meeting.actions) + 1}: {', '.join(names)}{by}", [("action_added", data)])


TIME = re.compile(r"([01]?\d|2[0-3]):[0-5]\d")


@command("next_meeting")
def next_meeting(
    meeting: Meeting, ctx: Context, date: str, time: str | None = None, place: str | None = None
) -> Outcome:
    date = check_date(date.strip())
    if time is not None and not TIME.fullmatch(time.strip()):
        raise Refused(f"'{time}' is not a time of day: use HH:MM")
    where = clean_title(place, "the place") if place is not None and place.strip() else None
    data = {"date": date, "time": time.strip() if time else None, "place": where}
    shown = " ".join(str(v) for v in (date, data["time"]) if v) + (f", {where}" if where else "")
    return Outcome(f"next meeting: {shown}", [("next_meeting_set", data)])


# ---- the agenda's later changes -----------------------------------------------------------


@command("agenda_table")
def agenda_table(meeting: Meeting, ctx: Context, item: str | None = None, carry: bool | None = None) -> Outcome:
    """Table an item to a later meeting: the one under way, or a planned one named."""
    if item is None:
        if meeting.item is None:
            raise Refused("no agenda item is under way: name the item to table")
        target = meeting.items[meeting.item]
    else:
        target = find_item(meeting, item)
    if target.status == "done":
        raise Refused(f"'{target.title}' has been dealt with already; it cannot be tabled")
    if target.status == "tabled":
        raise Refused(f"'{target.title}' is already tabled")
    events = _leaving(meeting, carry) if target.id == meeting.item else []
    events.append(("item_tabled", {"item": target.id, "carry": bool(carry)}))
    return Outcome(f"tabled to a later meeting: {target.title}", events)


@command("agenda_move")
def agenda_move(meeting: Meeting, ctx: Context, item: str, position: int) -> Outcome:
    target = find_item(meeting, item)
    count = len(meeting.items)
    if not 1 <= position <= count:
        raise Refused(f"position {position} is off the agenda: choose 1 to {count}")
    now_at = list(meeting.items).index(target.id) + 1
    if now_at == position:
        raise Refused(f"'{target.title}' is already item {position}")
    return Outcome(
        f"'{target.title}' moved to item {position}", [("item_moved", {"item": target.id, "position": position})]
    )
