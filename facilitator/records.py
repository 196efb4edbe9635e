"""Quorum, roles, notes and action items (PROCESS.md 3, 7): the fold.

Placeholder: filled in by the agenda-and-minutes issue. Register handlers with `state.handles`
and event shapes with `EVENT_SHAPES.update(...)`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Note:
    text: str


@dataclass
class ActionItem:
    text: str
