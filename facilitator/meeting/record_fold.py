"""How quorum, roles, notes, action items, the next meeting and the agenda's later changes
(tabling an item to a later meeting, reordering, removing or editing one not yet started) change
the meeting (PROCESS.md 3, 7): the fold handlers, registered with `state.handles` where they are
defined. Their shapes (Note, ActionItem, RoleTerm, NextMeeting) and events' shapes are in
records.py; the agenda's first rules are in fold_rules.py.
"""

from __future__ import annotations

from typing import Any

from facilitator.meeting.fold_rules import _leave_item
from facilitator.meeting.records import (
    ACTION_STATUSES,
    ActionItem,
    ActionReview,
    Data,
    Event,
    NextMeeting,
    Note,
    RoleTerm,
)
from facilitator.meeting.settings import ITEM_KINDS
from facilitator.meeting.state import Meeting, handles


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
    ref = d.get("ref")
    if not isinstance(ref, str) or not ref:  # written before ids were kept: numbered in order
        ref = f"A{len(m.actions) + 1}"
    m.actions.append(ActionItem(d["text"], e["seq"], owners, d["due"], known_item(m, d["item"]), e["ts"], ref))


@handles("action_reviewed")
def _action_reviewed(m: Meeting, e: Event, d: Data) -> None:
    if d["status"] not in ACTION_STATUSES:
        return
    text = str(d.get("text") or "")
    owners = tuple(str(o) for o in d.get("owners") or () if isinstance(o, str))
    item = known_item(m, d["item"])
    m.action_reviews.append(ActionReview(d["action"], d["status"], d["note"], item, e["ts"], text, owners))


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
