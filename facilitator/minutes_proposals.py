"""The proposals' part of the minutes (PROCESS.md 7.2). Placeholder: the proposals issue fills it.

minutes.py calls these; keep their signatures.
"""

from __future__ import annotations

from facilitator.state import Meeting


def item_proposals_markdown(meeting: Meeting, item: int | None) -> list[str]:
    """Markdown lines for the proposals of one agenda item (None: outside any item)."""
    return []


def decision_rows(meeting: Meeting) -> list[tuple[str, str, str, str, str]]:
    """One row per decision for the summary table: (id, title, outcome, rule, arithmetic)."""
    return []
