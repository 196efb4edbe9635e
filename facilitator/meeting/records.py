"""Quorum, roles, notes, action items and the next meeting (PROCESS.md 3, 7): the fold.

Also the agenda's later changes (tabling an item to a later meeting, reordering, removing or
editing one not yet started), which sit beside the agenda rules of fold_rules.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitator.meeting.events import EVENT_SHAPES
from facilitator.meeting.fold_rules import _leave_item
from facilitator.meeting.settings import ITEM_KINDS
from facilitator.meeting.settings import ROLE_LABELS as ROLE_LABELS
from facilitator.meeting.settings import ROLES as ROLES
from facilitator.meeting.settings import role_label as role_label
from facilitator.meeting.state import Meeting, handles

Event = dict[str, Any]
Data = dict[str, Any]
Maybe = (str, type(None))
MaybeInt = (int, type(None))

EVENT_SHAPES.update(
    {
        "quorum_set": {"quorum": int},  # 0: no quorum
        "role_set": {"role": str, "name": Maybe},  # name None: the role is left empty
        "noted": {"text": str, "item": MaybeInt},
        "action_added": {"text": str, "owners": list, "due": Maybe, "item": MaybeInt},
        "next_meeting_set": {"date": str, "time": Maybe, "place": Maybe},
        "item_tabled": {"item": int, "carry": bool},
        "item_moved": {"item": int, "position": int},
        "item_removed": {"item": int},
        # and only what changed, of: title (str), minutes (number), kind (str), presenter (str or None)
        "item_edited": {"item": int},
    }
)


@dataclass
class Note:
    """What the minute taker wrote down about an item (None: outside any agenda item)."""

    text: str
    id: int = 0
    item: int | None = None
    at: float = 0.0


@dataclass
class ActionItem:
    """Something someone will do: what, who, by when."""

    text: str
    id: int = 0
    owners: list[str] = field(default_factory=list)
    due: str | None = None
    item: int | None = None
    at: float = 0.0


@dataclass
class RoleTerm:
    """One person holding one role for a while (name None: the role was left empty)."""

    role: str
    name: str | None
    since: float
    until: float | None = None


@dataclass
class NextMeeting:
    """When and where the group meets next, as agreed (PROCESS.md 7)."""

    date: str
    time: str | None = None
    place: str | None = None


def known_item(m: Meeting, item: int | None) -> int | None:
    # After an undo an item may be gone: its notes then belong to no item.
    return item if item in m.items else None


@handles("quorum_set")
def _quorum_set(m: Meeting, e: Event, d: Data) -> None:
    m.quorum = d["quorum"] or None


@handles("role_set")
def _role_set(m: Meeting, e: Event, d: Data) -> None:
    role = d["role"]
    for term in m.role_terms:
        if term.role == role and term.until is None:
            term.until = e["ts"]
    m.roles[role] = d["name"]
    m.role_terms.append(RoleTerm(role, d["name"], e["ts"]))


@handles("noted")
def _noted(m: Meeting, e: Event, d: Data) -> None:
    m.notes.append(Note(d["text"], e["seq"], known_item(m, d["item"]), e["ts"]))


@handles("action_added")
def _action_added(m: Meeting, e: Event, d: Data) -> None:
    owners = [str(o) for o in d["owners"]]
    m.actions.append(ActionItem(d["text"], e["seq"], owners, d["due"], known_item(m, d["item"]), e["ts"]))


@handles("next_meeting_set")
def _next_meeting_set(m: Meeting, e: Event, d: Data) -> None:
    m.next_meeting = NextMeeting(d["date"], d["time"], d["place"])


# ---- the agenda's later changes -----------------------------------------------------------


@handles("item_tabled")
def _item_tabled(m: Meeting, e: Event, d: Data) -> None:
    item = m.items.get(d["item"])
    if item is None or item.status == "done":
        return
    if m.item == item.id:
        _leave_item(m, e, None, d["carry"])
        m.item = None
        m.stack_closed = False
    item.status = "tabled"


@handles("item_moved")
def _item_moved(m: Meeting, e: Event, d: Data) -> None:
    if d["item"] not in m.items:
        return
    order = [i for i in m.items if i != d["item"]]
    position = min(max(d["position"], 1), len(order) + 1)
    order.insert(position - 1, d["item"])
    m.items = {i: m.items[i] for i in order}


@handles("item_removed")
def _item_removed(m: Meeting, e: Event, d: Data) -> None:
    item = m.items.get(d["item"])
    if item is None or item.status != "planned" or m.item == item.id:
        return  # the command removes only items not yet started
    del m.items[item.id]
    # the command refuses while notes or action items are on it: tolerated all the same
    for note in m.notes:
        note.item = None if note.item == item.id else note.item
    for action in m.actions:
        action.item = None if action.item == item.id else action.item


def _time_box(value: Any) -> bool:
    return type(value) in (int, float) and 0 <= value <= 24 * 60


@handles("item_edited")
def _item_edited(m: Meeting, e: Event, d: Data) -> None:
    item = m.items.get(d["item"])
    if item is None:
        return
    if isinstance(d.get("title"), str) and d["title"]:
        item.title = d["title"]
    if _time_box(d.get("minutes")):
        item.minutes = d["minutes"]
    if d.get("kind") in ITEM_KINDS:
        item.kind = d["kind"]
    if "presenter" in d and (d["presenter"] is None or isinstance(d["presenter"], str)):
        item.presenter = d["presenter"] or None
