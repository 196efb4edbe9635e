"""Meeting templates (data/templates/*.json): the rules and a starting agenda for a kind of
assembly. A template fills the meeting's settings (kind order, turn limits, progressive mode,
decision rule, quorum) and adds its agenda items as ordinary, undoable actions."""

from __future__ import annotations

import importlib.resources
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator.clock import FakeClock
from facilitator.errors import Refused
from facilitator.meeting.events import Actor
from facilitator.meeting.settings import Settings
from facilitator.session import Session
from facilitator.store import locations, meetings


@dataclass(frozen=True)
class Template:
    """A kind of meeting to start from: its settings and its agenda."""

    name: str
    title: str
    description: str
    settings: Settings
    agenda: tuple[dict[str, Any], ...]


def folder() -> Path:
    return Path(str(importlib.resources.files("facilitator.data") / "templates"))


def names() -> list[str]:
    return sorted(p.stem for p in folder().glob("*.json"))


def load(name: str) -> Template:
    if name not in names():
        raise Refused(f"no template '{name}': use one of {', '.join(names())}")
    raw = json.loads((folder() / f"{name}.json").read_text(encoding="utf-8"))
    return Template(
        name=name,
        title=str(raw["title"]),
        description=str(raw.get("description", "")),
        settings=Settings.from_dict(raw.get("settings") or {}),
        agenda=tuple(raw.get("agenda") or ()),
    )


def available() -> list[Template]:
    return [load(name) for name in names()]


def create(
    root: Path,
    name: str,
    title: str,
    actor: Actor,
    now: float,
    date: str | None = None,
    location: str = "",
) -> str:
    """A new meeting from a template; returns its id."""
    template = load(name)
    meeting_id = meetings.create(root, title, actor, now, date, location, settings=template.settings)
    session = Session.open(locations.meeting_file(root, meeting_id), actor, FakeClock(now))
    for item in template.agenda:
        session.act(
            "agenda_add",
            setup=True,
            title=item["title"],
            minutes=item.get("minutes", 0),
            kind=item.get("kind", "discussion"),
        )
    return meeting_id
