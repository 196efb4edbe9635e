"""Role rotation across meetings (PROCESS.md 3.3): who held which role lately, who has not.

Each meeting's summary (store.summaries) keeps who held each role and who attended, refreshed
for meetings whose files changed since, so asking costs one fold per changed meeting, not one
per meeting.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from facilitator.meeting.records import role_label
from facilitator.store import summaries

RECENT = 5


@dataclass(frozen=True)
class PastRoles:
    """Who held which role in one meeting (every holder, in order), and who attended."""

    meeting: str
    date: str
    holders: dict[str, list[str]]
    people: list[str]
    series: str = ""


def sync(root: Path) -> list[PastRoles]:
    """Every meeting's roles, newest first, from the meetings' summaries (store.summaries)."""
    return [
        PastRoles(s["meeting"], s["date"], dict(s["holders"]), list(s["people"]), str(s.get("series") or s["meeting"]))
        for s in summaries.sync(root).rows
    ]


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


def rotation(root: Path, exclude: str | None = None, recent: int = RECENT, series: str | None = None) -> Rotation:
    """Who held roles in the `recent` latest meetings other than `exclude` (the current one); of
    one series only, when it is given (a new meeting made with `--after`)."""
    past = [p for p in sync(root) if p.meeting != exclude and (series is None or p.series == series)]
    return Rotation(past[:recent])
