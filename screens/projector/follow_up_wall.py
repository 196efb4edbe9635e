"""Last time's action items on the wall, while the item carrying them is under way: each one's
id, status in this meeting, who and what (screens/operator/follow_up.py makes the lines), and
how many are reviewed. Read-only; hidden the rest of the meeting."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from facilitator.meeting.state import Meeting
from screens.operator.follow_up import Row, follow_up_item, follow_up_rows, reviewed_words, row_text
from screens.widgets.paint import paint

SHORT_ROWS = 4  # the items shown on a small screen, then "N more"
TALL_ROWS = 10
TALL = 40


class FollowUpWall(Static):
    DEFAULT_CSS = """
    FollowUpWall {
        display: none;
        height: auto;
        border: round $primary;
        border-title-align: center;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[tuple[Row, ...], int] | None = None

    def show(self, meeting: Meeting, now: float) -> None:
        item = follow_up_item(meeting)
        rows = follow_up_rows(meeting, item) if item is not None else []
        limit = TALL_ROWS if self.screen.size.height >= TALL else SHORT_ROWS
        if (tuple(rows), limit) == self._shown:
            return
        self._shown = (tuple(rows), limit)
        self.display = bool(rows)
        if not rows:
            return
        self.border_title = f"action items from last time: {reviewed_words(rows)}"
        width = max(len(r.shown) for r in rows)
        shown = rows if len(rows) <= limit else rows[: limit - 1]
        lines = [row_text(row, width) for row in shown]
        if len(shown) < len(rows):
            lines.append(Text(f"{len(rows) - len(shown)} more", style="italic"))
        paint(self, Text("\n").join(lines))
