"""The next few on the stack, as the room sees them: name, kind, and why they stand there.

Drawn a line at a time, its columns laid out here as a rich Table laid them out before (cells
end two columns apart, the place numbers right-aligned; names and reasons wrap when the panel is
too narrow). The Table took 5-10 ms to lay out, and a frame laid it out twice: once to learn its
height, once to draw it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip

from facilitator.meeting.settings import KIND_LABELS
from facilitator.meeting.stack import Place, order
from facilitator.meeting.state import Meeting
from screens.line_drawn import LineDrawn, cells, fitted, padded
from screens.paint import title

# Shorter than the kind's full label: the reason column says whom a response answers.
KIND_WORDS = {**KIND_LABELS, "response": "response"}

MODE_WORDS = {
    "off": "first come, first served",
    "first-time": "people speaking for the first time on this item go first",
    "least-airtime": "those who have spoken least go first",
    "step-up": "those who step up go first",
}

GAP = 2  # columns after each cell but the last
NOBODY = "nobody is waiting"
BOLD, ITALIC, PLAIN = Style(bold=True), Style(italic=True), Style()
COLUMN_STYLES = (BOLD, BOLD, PLAIN, ITALIC)  # place, name, kind, why
WRAPPING = (1, 3)  # the name and the reason wrap; the place and the kind never do

Row = tuple[str, str, str]  # name, kind, why
Line = list[tuple[str, Style]]  # pieces of one line, each in its own style


def why(place: Place) -> str:
    """The reason, unless it only repeats the kind (a clarifying question is just that)."""
    return "" if place.reason == KIND_LABELS.get(place.entry.kind) else place.reason


def rows(meeting: Meeting, now: float, limit: int) -> tuple[list[Row], int]:
    """(name, kind, why) for the first `limit` places, and how many more wait behind them."""
    places = order(meeting, now)
    shown = [(p.entry.name, KIND_WORDS.get(p.entry.kind, p.entry.kind), why(p)) for p in places[:limit]]
    return shown, max(0, len(places) - limit)


def column_widths(table: list[tuple[str, str, str, str]], width: int) -> list[int]:
    """Each column as wide as its widest cell; when they do not fit, the widest of the wrapping
    columns gives up a cell at a time (down to one)."""
    widths = [max(cells(row[column]) for row in table) for column in range(4)]
    excess = sum(widths) + GAP * 3 - width
    while excess > 0:
        column = max(WRAPPING, key=lambda c: widths[c])
        if widths[column] <= 1:
            break  # the place and the kind alone are too wide: the lines are cut instead
        widths[column] -= 1
        excess -= 1
    return widths


def table_lines(shown: list[Row], width: int, leading: int, console: Console) -> list[Line]:
    """The places as lines of at most `width` cells (cut only when even that cannot be)."""
    table = [(f"{n}.", name, kind, reason) for n, (name, kind, reason) in enumerate(shown, start=1)]
    widths = column_widths(table, width)
    lines: list[Line] = []
    for number, row in enumerate(table):
        if number:
            lines.extend(_blank(widths) for _ in range(leading))
        wrapped = [
            [value] if cells(value) <= widths[c] else [line.plain for line in Text(value).wrap(console, widths[c])]
            for c, value in enumerate(row)
        ]
        for y in range(max(len(parts) for parts in wrapped)):
            line: Line = []
            for c, parts in enumerate(wrapped):
                part = parts[y] if y < len(parts) else ""
                fill = " " * (widths[c] - cells(part))
                cell = fill + part if c == 0 else part + fill  # the place numbers right-aligned
                line.append((cell + (" " * GAP if c < 3 else ""), COLUMN_STYLES[c]))
            lines.append(line)
    return lines


def _blank(widths: list[int]) -> Line:
    return [(" " * (w + (GAP if c < 3 else 0)), COLUMN_STYLES[c]) for c, w in enumerate(widths)]


class NextUp(LineDrawn):
    """Read-only view of the stack's head. The screen tells it the meeting and now."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"next-up--more", "next-up--closed"}
    STYLE_COMPONENTS: ClassVar[tuple[str, ...]] = ("next-up--more", "next-up--closed")
    DEFAULT_CSS = """
    NextUp { width: 1fr; height: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.limit = 5
        self.leading = 0  # blank lines between places, on a big screen
        self._shown: tuple[object, ...] | None = None
        self._rows: list[Row] = []
        self._more = 0
        self._stack_closed = False
        self._laid_out: tuple[object, list[Line]] | None = None  # and the width and CSS it was laid out for

    def show(self, meeting: Meeting, now: float) -> None:
        shown, more = rows(meeting, now, self.limit)
        state = (tuple(shown), more, meeting.stack_closed, meeting.mode, self.limit, self.leading)
        if state == self._shown:
            return  # called at the clock's rate; repaint only what changed
        self._shown = state
        # On the frame, not a line of its own: on a small screen every row goes to the people.
        title(self, MODE_WORDS.get(meeting.mode, meeting.mode), sub=True)
        self._rows, self._more, self._stack_closed = shown, more, meeting.stack_closed
        self._laid_out = None
        height = self.styles.height
        self.refresh(layout=height is None or height.is_auto)

    def _lines(self, width: int) -> list[Line]:
        self._update_styles_once()
        if self._laid_out is not None and self._laid_out[0] == (width, self._css):
            return self._laid_out[1]
        console = self.app.console
        lines = table_lines(self._rows, width, self.leading, console) if self._rows else [[(NOBODY, ITALIC)]]
        for shows, words, component in (
            (self._more > 0, f"+{self._more} more on the stack", "next-up--more"),
            (self._stack_closed, "stack closed to new points", "next-up--closed"),
        ):
            if shows:
                lines.extend([] for _ in range(self.get_component_styles(component).margin.top))
                lines.append([(words, self.get_component_rich_style(component, partial=True))])
        self._laid_out = ((width, self._css), lines)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self._lines(width)
        text = Text(end="")
        for words, style in lines[y] if y < len(lines) else []:
            text.append(words, style)
        return Strip(padded(fitted(text, width), width, self.app.console), width).apply_style(self.base_style)
