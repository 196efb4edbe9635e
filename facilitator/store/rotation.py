"""Role rotation across meetings (PROCESS.md 3.3): who held which role lately, who has not.

The index keeps, per meeting, who held each role and who attended. `sync` refreshes those
rows for meetings whose file changed since (by the file's signature), so asking costs one fold
per changed meeting, not one per meeting.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator.errors import StoreError
from facilitator.meeting import state
from facilitator.meeting.records import role_label
from facilitator.meeting.state import Meeting
from facilitator.store import locations, meetings
from facilitator.store.meeting_file import Index, MeetingStore, meeting_stamp

RECENT = 5


@dataclass(frozen=True)
class PastRoles:
    """Who held which role in one meeting (every holder, in order), and who attended."""

    meeting: str
    date: str
    holders: dict[str, list[str]]
    people: list[str]


def holders(meeting: Meeting) -> dict[str, list[str]]:
    held: dict[str, list[str]] = {}
    for term in meeting.role_terms:
        if term.name is not None and term.name not in held.setdefault(term.role, []):
            held[term.role].append(term.name)
    return {role: names for role, names in held.items() if names}


def sync(root: Path) -> list[PastRoles]:
    """Every meeting's roles, newest first, refreshing the index where a meeting changed."""
    if not locations.index_file(root).exists():
        return []
    index = Index(root)
    known = {str(r.get("meeting")): r for r in index.role_records()}
    past = []
    for listed in meetings.listing(root):
        path = locations.meeting_file(root, str(listed["id"]))
        stamp = meeting_stamp(path)
        row: dict[str, Any] | None = known.get(str(listed["id"]))
        if row is None or row.get("stamp") != stamp:
            try:
                meeting = state.fold(MeetingStore(path).load())
            except StoreError:
                continue  # a damaged meeting says so when opened; rotation does without it
            row = {
                "meeting": str(listed["id"]),
                "date": meeting.date,
                "stamp": stamp,
                "holders": holders(meeting),
                "people": list(meeting.people.values()),
            }
            index.record_roles(row)
            index.remember_people(row["people"])
        past.append(PastRoles(row["meeting"], row["date"], dict(row["holders"]), list(row["people"])))
    return past


@dataclass(frozen=True)
class Rotation:
    """Who held which role in the recent meetings."""

    recent: list[PastRoles]  # newest first

    def roles_of(self, name: str) -> list[tuple[str, str]]:
        """(date, role) for each role the person held in the recent meetings, newest first."""
        key = name.casefold()
        return [
            (past.date, role)
            for past in self.recent
            for role, names in past.holders.items()
            if key in (n.casefold() for n in names)
        ]

    def last_held(self, role: str) -> list[tuple[str, str]]:
        """(date, name) of the recent holders of one role, newest first."""
        return [(past.date, name) for past in self.recent for name in past.holders.get(role, [])]

    def without_role(self, people: list[str]) -> list[str]:
        """Those of `people` who held no role in the recent meetings."""
        return [p for p in people if not self.roles_of(p)]

    def suggest(self, people: list[str]) -> list[str]:
        """`people` in rotation order: no role lately first, then those whose last role is oldest."""

        def key(name: str) -> tuple[int, str, str]:
            held = self.roles_of(name)
            return (len(held), held[0][0] if held else "", name.casefold())

        return sorted(people, key=key)

    def hint(self, role: str, people: list[str]) -> str:
        """One line for the setup screen: who held the role lately, who has held none."""
        parts = []
        lately = self.last_held(role)
        if lately:
            parts.append("lately " + ", ".join(f"{name} ({date})" for date, name in lately[:3]))
        fresh = self.without_role(people)
        if fresh:
            parts.append("no role in the last meetings: " + ", ".join(fresh[:4]) + (" ..." if len(fresh) > 4 else ""))
        if not parts:
            return f"{role_label(role)}: no earlier meetings to go by"
        return "; ".join(parts)


def rotation(root: Path, exclude: str | None = None, recent: int = RECENT) -> Rotation:
    """Who held roles in the `recent` latest meetings other than `exclude` (the current one)."""
    past = [p for p in sync(root) if p.meeting != exclude]
    return Rotation(past[:recent])
