"""Commands for quorum, roles, notes, action items, the next meeting, and the agenda's later
changes (table an item to a later meeting, reorder, remove or edit one not yet started)."""

from __future__ import annotations

import re
from difflib import get_close_matches
from typing import Any

from facilitator.errors import Refused
from facilitator.meeting.commands import (
    Context,
    Outcome,
    _leaving,
    back_again,
    command,
    find_item,
    known_name,
    person_named,
)
from facilitator.meeting.records import ACTION_STATUSES, ROLES, role_label
from facilitator.meeting.settings import ITEM_KINDS
from facilitator.meeting.state import Item, Meeting
from facilitator.meeting.text import clean_text, clean_title
from facilitator.meeting.when import check_date

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
    holder = person_named(meeting, name) if name is not None and name.strip() else None
    current = meeting.roles.get(key)
    if holder is None:
        if current is None:
            raise Refused(f"nobody holds the role {label}: name who takes it")
        empty = ("role_set", {"role": key, "name": None})
        return Outcome(f"{label}: {current} stepped down; the role is empty", [empty])
    if current is not None and current.casefold() == holder.casefold():
        raise Refused(f"{current} is already {label}")
    events = back_again(meeting, holder)
    arrived = " (back, and marked present again)" if events else ""
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
    ref = f"A{max((action_number(a.ref) for a in meeting.actions), default=0) + 1}"
    data = {"text": text, "owners": names, "due": check_due(due), "item": item_ref(meeting, item), "ref": ref}
    by = f" by {data['due']}" if data["due"] else ""
    return Outcome(f"action item {ref}: {', '.join(names)}{by}", [("action_added", data)])


def action_number(ref: str) -> int:
    found = ACTION_REF.fullmatch(ref)
    return int(found["number"]) if found else 0


# A1 (this meeting's action item), or MEETING:A1 (another meeting's)
ACTION_REF = re.compile(r"(?:(?P<meeting>[^\s:]+):)?[Aa](?P<number>[0-9]{1,6})")


def action_ref(raw: str) -> str:
    """An action item's id as written down: A1, or MEETING:A1."""
    found = ACTION_REF.fullmatch(raw.strip())
    if found is None:
        raise Refused(
            f"'{clean_title(raw, 'the action item id')}' is not an action item id: "
            "A1, or MEETING:A1 for another meeting's"
        )
    where = f"{found['meeting']}:" if found["meeting"] else ""
    return f"{where}A{int(found['number'])}"


@command("action_status")
def action_status(
    meeting: Meeting,
    ctx: Context,
    ref: str,
    status: str,
    note: str = "",
    item: str | None = None,
    elsewhere: dict[str, Any] | None = None,
) -> Outcome:
    """Record an action item's progress (PROCESS.md 7): done, dropped, or open again. `elsewhere`
    is another meeting's action item, as the data folder's register holds it, when it was not
    carried to this one."""
    if status not in ACTION_STATUSES:
        raise Refused(f"an action item is open, done or dropped, not '{clean_title(status, 'the status')}'")
    ref = action_ref(ref)
    known = meeting.known_actions()
    if ref not in known and elsewhere is not None and elsewhere.get("ref") == ref:
        known[ref] = (str(elsewhere.get("text", "")), tuple(str(o) for o in elsewhere.get("owners") or ()))
    if ref not in known:
        close = get_close_matches(ref, list(known), n=3, cutoff=0.5) or list(known)[:3]
        hint = f": did you mean {', '.join(close)}?" if close else ": this meeting has none yet"
        raise Refused(f"no action item {ref} here{hint} (another meeting's is MEETING:A1)")
    text, owners = known[ref]
    reviewed = meeting.action_status(ref)
    before = reviewed.status if reviewed else str((elsewhere or {}).get("status") or "open")
    if before == status:
        raise Refused(f"{ref} is already {status}: {text}")
    why = clean_title(note, "the note") if note.strip() else ""
    data = {
        "action": ref,
        "status": status,
        "note": why,
        "item": item_ref(meeting, item),
        "text": text,
        "owners": list(owners),
    }
    return Outcome(f"{ref} {status}: {text}" + (f" ({why})" if why else ""), [("action_reviewed", data)])


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


def not_started(meeting: Meeting, item: Item, doing: str) -> None:
    """Only an item not yet taken up can be removed or edited (PROCESS.md 3.6): refused otherwise."""
    if item.status == "active" or item.id == meeting.item:
        raise Refused(f"'{item.title}' is under way: only items not yet started can be {doing}")
    if item.status == "done":
        raise Refused(f"'{item.title}' has been dealt with: it stays on the record as it was")
    if item.status == "tabled":
        raise Refused(f"'{item.title}' is tabled to a later meeting: it stays on the record as it was")
    if item.started_at is not None:
        raise Refused(f"'{item.title}' has been taken up: only items not yet started can be {doing}")


def _counted(n: int, what: str) -> str:
    return f"{n} {what}" + ("s" if n != 1 else "")


@command("agenda_remove")
def agenda_remove(meeting: Meeting, ctx: Context, item: str) -> Outcome:
    """Take an item not yet started off the agenda; it never appears in the minutes."""
    target = find_item(meeting, item)
    not_started(meeting, target, "removed")
    notes = len([n for n in meeting.notes if n.item == target.id])
    actions = len([a for a in meeting.actions if a.item == target.id])
    if notes or actions:
        held = " and ".join(_counted(n, w) for n, w in ((notes, "note"), (actions, "action item")) if n)
        raise Refused(f"'{target.title}' has {held} on record: it cannot be removed (table it instead)")
    left = len(meeting.items) - 1
    return Outcome(
        f"removed from the agenda: {target.title} ({_counted(left, 'item')} left)",
        [("item_removed", {"item": target.id})],
    )


@command("agenda_edit")
def agenda_edit(
    meeting: Meeting,
    ctx: Context,
    item: str,
    title: str | None = None,
    minutes: float | None = None,
    kind: str | None = None,
    presenter: str | None = None,
) -> Outcome:
    """Change an item not yet started: its title, time box, kind or presenter ('' for none).
    Only what changes is recorded; an edit that changes nothing is refused."""
    target = find_item(meeting, item)
    not_started(meeting, target, "edited")
    if title is None and minutes is None and kind is None and presenter is None:
        raise Refused("say what to change: a title, a time box, a kind or a presenter")
    changes: dict[str, Any] = {}
    said: list[str] = []
    if title is not None:
        new_title = clean_title(title, "the item's title")
        if new_title != target.title:
            changes["title"] = new_title
            said.append(f"title '{new_title}'")
    if minutes is not None:
        if isinstance(minutes, bool) or not 0 <= minutes <= 24 * 60:
            raise Refused("an item's time box is 0 to 1440 minutes")
        if minutes != target.minutes:
            changes["minutes"] = minutes
            said.append(f"time box {minutes:g} min" if minutes else "no time box")
    if kind is not None:
        if kind not in ITEM_KINDS:
            raise Refused(f"unknown item kind '{kind}': use one of {', '.join(ITEM_KINDS)}")
        if kind != target.kind:
            changes["kind"] = kind
            said.append(f"kind {kind}")
    if presenter is not None:
        who = person_named(meeting, presenter) if presenter.strip() else None
        if who != target.presenter:
            changes["presenter"] = who
            said.append(f"presented by {who}" if who else "no presenter")
    if not changes:
        raise Refused(f"that changes nothing: '{target.title}' is already so")
    number = list(meeting.items).index(target.id) + 1
    return Outcome(
        f"agenda item {number} '{target.title}' now: {', '.join(said)}",
        [("item_edited", {"item": target.id, **changes})],
    )
