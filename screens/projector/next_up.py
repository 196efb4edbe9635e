"""The next on the stack, as the room sees them: name, kind, and why they stand there.

A rich Table, one line a place (a long name or reason cut with an ellipsis), as many places as
the panel has rows for: "+N more" only when the rest do not fit.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from facilitator.meeting.settings import KIND_LABELS
from facilitator.meeting.stack import Place, order
from facilitator.meeting.state import Meeting

# Shorter than the kind's full label: the reason column says whom a response answers.
KIND_WORDS = {**KIND_LABELS, "response": "response"}

MODE_WORDS = {
    "off": "first come, first served",
    "first-time": "people speaking for the first time on this item go first",
    "least-airtime": "those who have spoken least go first",
    "step-up": "those who step up go first",
}

NOBODY = "nobody is waiting"
MANY = 200  # places looked at: more than any wall has rows for
NAME_MAX = 30  # a very long name is cut (with an ellipsis) rather than pushing the reasons off

Row = tuple[str, str, str]  # name, kind, why


def why(place: Place) -> str:
    """The reason, unless it only repeats the kind (a clarifying question is just that)."""
    return "" if place.reason == KIND_LABELS.get(place.entry.kind) else place.reason


def rows(meeting: Meeting, now: float, limit: int) -> tuple[list[Row], int]:
    """(name, kind, why) for the first `limit` places, and how many more wait behind them."""
    places = order(meeting, now)
    shown = [(p.entry.name, KIND_WORDS.get(p.entry.kind, p.entry.kind), why(p)) for p in places[:limit]]
    return shown, max(0, len(places) - limit)


class NextUp(Widget):
    """Read-only view of the stack's head. The screen tells it the meeting and now; with a
    height of its own (1fr) it shows as many places as fit, with an auto height `limit`."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"next-up--more", "next-up--closed"}
    DEFAULT_CSS = """
    NextUp { width: 1fr; height: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.limit = 5  # the places shown when the panel's height follows its lines
        self.leading = 0  # blank lines between places, on a big screen
        self._shown: tuple[object, ...] | None = None
        self._rows: list[Row] = []
        self._stack_closed = False
        self._mode = ""
        self._heights: dict[tuple[object, ...], int] = {}  # (what it shows, places, width) -> rows

    def show(self, meeting: Meeting, now: float) -> None:
        shown, _ = rows(meeting, now, MANY)
        state = (tuple(shown), meeting.stack_closed, meeting.mode, self.limit, self.leading)
        if state == self._shown:
            return  # called at the clock's rate; repaint only when something changed
        self._shown = state
        self._heights.clear()
        if meeting.mode != self._mode:
            self._mode = meeting.mode
            # On the frame, not a line of its own: on a small screen every row goes to the people.
            self.border_subtitle = MODE_WORDS.get(meeting.mode, meeting.mode)
        self._rows, self._stack_closed = shown, meeting.stack_closed
        self.refresh(layout=self._follows_lines())

    def _follows_lines(self) -> bool:
        height = self.styles.height
        return height is None or height.is_auto

    def _margin(self, component: str) -> int:
        return self.get_component_styles(component).margin.top

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._heights.clear()

    def _parts(self, shown: int) -> list[RenderableType]:
        """The first `shown` places (a reason wraps when the panel is narrow), then how many more
        wait behind them and whether the stack is closed."""
        more = len(self._rows) - shown
        parts: list[RenderableType] = []
        if not self._rows:
            parts.append(Text(NOBODY, style="italic"))
        else:
            table = Table.grid(padding=(0, 2, 0, 0), expand=True)
            table.add_column(justify="right", style="bold", no_wrap=True)
            table.add_column(style="bold", no_wrap=True, overflow="ellipsis", max_width=NAME_MAX)
            table.add_column(no_wrap=True, overflow="ellipsis")
            table.add_column(style="italic", overflow="fold", ratio=1)
            for number, (name, kind, reason) in enumerate(self._rows[:shown], start=1):
                if number > 1:
                    for _ in range(self.leading):
                        table.add_row("", "", "", "")
                table.add_row(Text(f"{number}."), Text(name), Text(kind), Text(reason))
            parts.append(table)
        for shows, words, component in (
            (more > 0, f"+{more} more on the stack", "next-up--more"),
            (self._stack_closed, "stack closed to new points", "next-up--closed"),
        ):
            if shows:
                parts.extend(Text("") for _ in range(self._margin(component)))
                parts.append(Text(words, style=self.get_component_rich_style(component, partial=True)))
        return parts

    def _height(self, shown: int, width: int) -> int:
        """The rows the first `shown` places and what follows them take at `width`."""
        key = (self._shown, shown, width)
        height = self._heights.get(key)
        if height is None:
            console = self.app.console
            lines = console.render_lines(Group(*self._parts(shown)), console.options.update_width(width), pad=False)
            height = self._heights[key] = len(lines)
        return height

    def _fitted(self, width: int, height: int | None) -> int:
        """How many places to show: as many as `height` rows hold (None: up to `limit`)."""
        waiting = len(self._rows)
        if height is None:
            return min(waiting, self.limit)
        if self._height(waiting, width) <= height:
            return waiting
        low, high = 1, waiting - 1  # the most places that fit, with the count below them
        while low < high:
            middle = (low + high + 1) // 2
            if self._height(middle, width) <= height:
                low = middle
            else:
                high = middle - 1
        return low

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, self._height(self._fitted(width, None), width))

    def render(self) -> RenderableType:
        width, height = self.content_size
        return Group(*self._parts(self._fitted(width, None if self._follows_lines() else height)))
