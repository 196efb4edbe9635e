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
