"""Quorum, roles, notes, action items and the next meeting (PROCESS.md 3, 7): their shapes and
their events' shapes, with the agenda's later changes (tabling an item to a later meeting,
reordering, removing or editing one not yet started). The fold is record_fold.py; this module
imports no state, so the state can hold these shapes without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitator.meeting.events import EVENT_SHAPES
from facilitator.meeting.settings import ROLE_LABELS as ROLE_LABELS
from facilitator.meeting.settings import ROLES as ROLES
from facilitator.meeting.settings import role_label as role_label

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
        # an action item's progress, reviewed here: one of this meeting's (A1) or another's (MEETING:A1)
        "action_reviewed": {"action": str, "status": str, "note": str, "item": MaybeInt},
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


ACTION_STATUSES = ("open", "done", "dropped")


@dataclass
class ActionItem:
    """Something someone will do: what, who, by when. `ref` is its id for life: A1 within its
    meeting, MEETING:A1 from any other."""

    text: str
    id: int = 0
    owners: list[str] = field(default_factory=list)
    due: str | None = None
    item: int | None = None
    at: float = 0.0
    ref: str = ""


@dataclass
class ActionReview:
    """An action item's progress as reviewed in this meeting: its new status, and why."""

    action: str  # A1 (this meeting's) or MEETING:A1
    status: str  # open, done, dropped
    note: str
    item: int | None
    at: float
    text: str = ""  # what the action item was, and whose, as recorded with the review
    owners: tuple[str, ...] = ()


@dataclass(frozen=True)
class CarriedAction:
    """An action item still open when this meeting was made, carried from an earlier meeting of
    the series so that the group reviews it (its text and owners as they were set)."""

    ref: str  # MEETING:A1
    text: str
    owners: tuple[str, ...]
    due: str | None
    set_on: str  # the date of the meeting that set it

    @classmethod
    def from_dict(cls, d: Any) -> CarriedAction | None:
        if not isinstance(d, dict) or not isinstance(d.get("ref"), str) or not isinstance(d.get("text"), str):
            return None
        owners = tuple(str(o) for o in d.get("owners") or () if isinstance(o, str))
        due = d.get("due") if isinstance(d.get("due"), str) else None
        return cls(d["ref"], d["text"], owners, due, str(d.get("set_on") or ""))

    def to_dict(self) -> dict[str, Any]:
        return {"ref": self.ref, "text": self.text, "owners": list(self.owners), "due": self.due, "set_on": self.set_on}


@dataclass(frozen=True)
class ReviewDue:
    """A decision of an earlier meeting whose review date has come: put on the agenda to review."""

    ref: str  # MEETING:P1
    title: str
    text: str
    label: str
    decided_on: str
    review: str

    @classmethod
    def from_dict(cls, d: Any) -> ReviewDue | None:
        if not isinstance(d, dict) or not all(isinstance(d.get(k), str) for k in ("ref", "title", "review")):
            return None
        return cls(
            d["ref"],
            d["title"],
            str(d.get("text") or ""),
            str(d.get("label") or ""),
            str(d.get("decided_on") or ""),
            d["review"],
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "title": self.title,
            "text": self.text,
            "label": self.label,
            "decided_on": self.decided_on,
            "review": self.review,
        }


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
