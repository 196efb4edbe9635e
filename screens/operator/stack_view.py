"""The stack in serving order: place, name, kind, and why each stands where it does.

A list of lines with a cursor, drawn with Textual's line API (`render_line`) at a fixed size, each
drawn line kept in an LRUCache cleared when the styles or the size change (as Textual's
DataTable does): raising or lowering a hand redraws the lines that changed and nothing else.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from facilitator.meeting.settings import KIND_LABELS
from facilitator.meeting.stack import Place, order
from facilitator.meeting.state import Meeting

Row = tuple[str, str, str, str]  # place, name, kind, reason
HEADER: Row = ("#", "Name", "Kind", "Why here")
EMPTY = "Nobody is waiting. a adds a new point, p a point of process."
GAP = 2  # columns between cells
NAME_MAX = 28  # a very long name is cut (with an ellipsis) rather than pushing the reasons off


def stack_rows(places: list[Place]) -> list[Row]:
    return [(str(n), p.entry.name, KIND_LABELS[p.entry.kind], p.reason) for n, p in enumerate(places, start=1)]


def stack_title(closed: bool, mode: str, waiting: int, shown: tuple[int, int] | None = None) -> str:
    """The panel's title; `shown` (first, last) when some entries do not fit: "Stack: 1-7 of 8
    waiting". In the title, not the lower edge, which the narrow layout does not draw."""
    state = "CLOSED to new points" if closed else "open"
    count = f"{shown[0]}-{shown[1]} of {waiting}" if shown else str(waiting)
    return f"Stack: {count} waiting · {state} · progressive: {mode}"


def column_widths(rows: list[Row]) -> tuple[int, int, int]:
    """Widths of the place, name and kind columns; the reason takes what is left."""
    cells = [HEADER, *rows]
    place = max(cell_len(r[0]) for r in cells)
    name = min(NAME_MAX, max(cell_len(r[1]) for r in cells))
    kind = max(cell_len(r[2]) for r in cells)
    return place, name, kind


class StackList(Widget, can_focus=True):
    """The stack with a cursor on one entry, which stays on that entry as the stack changes."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"stack--header", "stack--cursor", "stack--stripe", "stack--empty"}
    DEFAULT_CSS = """
    StackList {
        height: 1fr;
        background: $surface;
        & > .stack--header { text-style: bold; background: $panel; }
        & > .stack--stripe { background: $surface-lighten-1 50%; }
        & > .stack--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .stack--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .stack--empty { color: $text-muted; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "cursor(-10)", show=False),
        Binding("pagedown", "cursor(10)", show=False),
        Binding("home", "cursor(-1000000)", show=False),
        Binding("end", "cursor(1000000)", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.places: list[Place] = []
        self._rows: list[Row] = []
        self._widths = column_widths([])
        self.cursor_row = 0
        self._top = 0  # the first row shown when the stack is longer than the panel
        self._titled: tuple[bool, str] = (False, "off")  # closed, mode: the rest of the title
        self._title = ""
        self._drawn: LRUCache[Hashable, Strip] = LRUCache(1024)  # a line as drawn, by what it shows

    # ---- what it shows ---------------------------------------------------------------------

    def show(self, meeting: Meeting, now: float) -> None:
        places = order(meeting, now)
        self._titled = (meeting.stack_closed, meeting.mode)
        rows = stack_rows(places)
        if rows == self._rows:
            self.places = places
            self._retitle()
            return
        before = self._picture()
        keep = self.selected()
        self.places, self._rows = places, rows
        self._widths = column_widths(rows)
        ids = [p.entry.id for p in places]
        if keep is not None and keep.entry.id in ids:
            self.cursor_row = ids.index(keep.entry.id)
        else:
            self.cursor_row = max(0, min(self.cursor_row, len(ids) - 1))
        self._scroll_to_cursor()
        self._refresh_changed(before)

    def selected(self) -> Place | None:
        if not self.places:
            return None
        return self.places[self.cursor_row] if 0 <= self.cursor_row < len(self.places) else None

    def select(self, entry_id: int) -> None:
        ids = [p.entry.id for p in self.places]
        if entry_id in ids:
            self._move_to(ids.index(entry_id))

    # ---- the cursor --------------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        self._move_to(self.cursor_row + step)

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self._move_to(self._top + event.y - 1)

    def _move_to(self, row: int) -> None:
        row = max(0, min(row, len(self.places) - 1))
        if row != self.cursor_row:
            before = self._picture()
            self.cursor_row = row
            self._scroll_to_cursor()
            self._refresh_changed(before)

    def _visible(self) -> int:
        return max(1, self.size.height - 1)  # the header takes one line

    def _scroll_to_cursor(self) -> None:
        visible = self._visible()
        top = min(self._top, max(0, len(self._rows) - visible))
        if self.cursor_row < top:
            top = self.cursor_row
        elif self.cursor_row >= top + visible:
            top = self.cursor_row - visible + 1
        self._top = max(0, top)
        self._retitle()

    def _retitle(self) -> None:
        """The title, with the places shown when some do not fit ("1-7 of 8")."""
        visible, waiting = self._visible(), len(self._rows)
        shown = (self._top + 1, min(waiting, self._top + visible)) if waiting > visible else None
        closed, mode = self._titled
        title = stack_title(closed, mode, waiting, shown)
        if title != self._title:
            self._title = self.border_title = title

    def on_resize(self) -> None:
        self._drawn.clear()
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()

    # ---- redrawing only the lines that changed -----------------------------------------------

    def _picture(self) -> list[Hashable]:
        """What each line shows: two pictures differ where a line must be drawn again."""
        return [self.content_key(y) for y in range(self.size.height)]

    def _refresh_changed(self, before: list[Hashable]) -> None:
        after = self._picture()
        width = self.size.width
        if len(after) != len(before) or not width:
            self.refresh()
            return
        changed = [Region(0, y, width, 1) for y, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
        if changed:
            self.refresh(*changed)

    # ---- drawing -----------------------------------------------------------------------------

    def content_key(self, y: int) -> Hashable:
        if not self._rows:
            return (EMPTY, y == 0)
        if y == 0:
            return (HEADER, self._widths)
        index = self._top + y - 1
        if index >= len(self._rows):
            return ()
        return (self._rows[index], self._look(index), self._widths)

    def _look(self, index: int) -> str:
        return "stack--cursor" if index == self.cursor_row else ("stack--stripe" if index % 2 else "base")

    def render_line(self, y: int) -> Strip:
        key = (self.content_key(y), self.has_focus)
        strip = self._drawn.get(key)
        if strip is None:
            strip = self._drawn[key] = self._line(y)
        return strip

    def _line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if not self._rows:
            if y == 0:
                return self._draw(Text(EMPTY), base + self.get_component_rich_style("stack--empty"), width)
            return Strip([Segment(" " * width, base)], width)
        if y == 0:
            return self._draw(self._text(HEADER), base + self.get_component_rich_style("stack--header"), width)
        index = self._top + y - 1
        if index >= len(self._rows):
            return Strip([Segment(" " * width, base)], width)
        look = self._look(index)
        style = base if look == "base" else base + self.get_component_rich_style(look)
        return self._draw(self._text(self._rows[index]), style, width)

    def _text(self, row: Row) -> Text:
        """The row's cells in their columns, two apart; the reason takes what is left."""
        line = Text()
        for value, cell_width in zip(row, self._widths, strict=False):
            cell = Text(value)
            cell.truncate(cell_width, overflow="ellipsis", pad=True)
            line.append_text(cell)
            line.append(" " * GAP)
        line.append(row[3])
        return line

    def _draw(self, text: Text, style: Style, width: int) -> Strip:
        text.truncate(width, overflow="ellipsis", pad=True)
        text.end = ""
        return Strip(text.render(self.app.console), width).apply_style(style)
