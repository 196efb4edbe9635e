"""Proposals, amendments, temperature checks and decisions (PROCESS.md 4-6): the fold.

Placeholder: filled in by the proposals issue. Register handlers with `state.handles` and event
shapes with `EVENT_SHAPES.update(...)`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Proposal:
    id: str
    title: str


@dataclass
class TemperatureCheck:
    id: int
    question: str
