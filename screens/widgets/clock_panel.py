"""A panel of a few lines of words and a big clock: the clock stands below the words in a narrow
panel and beside them in a wide one. A plain widget that renders a rich Group (or a grid when
side by side); it asks for a new layout only when its height changes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from screens.widgets.big_digits import big_digits

BESIDE_FROM = 60  # content columns from which the clock stands beside the words
CLOCK_WIDTH = 30  # the clock's column when it stands beside them
STATES = ("warning", "overtime", "paused")  # the states with a colour of their own


class ClockPanel(Widget):
    """Shows `present(lines, digits, caption, state)`: the lines of words (each with the name
    of its component style, or None), the clock's digits, the words under them, and the state
    (speaking, warning, overtime, paused) that colours the digits and those words."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "clock--words",
        "clock--alert",
        *(f"clock--{state}" for state in STATES),
        *(f"clock--{state}-words" for state in STATES),
    }
    BESIDE_FROM: ClassVar[int | None] = BESIDE_FROM  # None: the clock always below the words
    DEFAULT_CSS = """
    ClockPanel {
        height: auto;
        & > .clock--words { text-style: bold; }
        & > .clock--alert { color: $warning; text-style: bold reverse; }
        & > .clock--warning { color: $warning; }
        & > .clock--warning-words { color: $warning; text-style: bold; }
        & > .clock--overtime { color: $error; }
        & > .clock--overtime-words { color: $error; text-style: bold reverse; }
        & > .clock--paused { color: $text-muted; }
        & > .clock--paused-words { color: $text-muted; text-style: bold; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lines: list[tuple[Text, str | None]] = []
        self._digits, self._state = "-:--", "none"
        self._caption: str | None = None
        self._scale = 1

    @property
    def digits(self) -> str:
        """The time the clock shows."""
        return self._digits

    @property
    def scale(self) -> int:
        """How big the digits are drawn (screens/widgets/big_digits.py): 1 is Textual's three rows."""
        return self._scale

    @scale.setter
    def scale(self, scale: int) -> None:
        if scale != self._scale:
            self._scale = scale
            self.refresh(layout=True)

    def present(self, lines: Sequence[tuple[Text, str | None]], digits: str, caption: str | None, state: str) -> None:
        shown = (list(lines), digits, caption, state)
        if shown == (self._lines, self._digits, self._caption, self._state):
            return  # the clocks repaint several times a second; most repaints change nothing
        width = self.content_size.width
        before = self._height(width)
        self._lines, self._digits, self._caption, self._state = list(lines), digits, caption, state
        self.refresh(layout=self._height(width) != before)

    def _beside(self, width: int) -> bool:
        return self.BESIDE_FROM is not None and width >= self.BESIDE_FROM

    def _words_width(self, width: int) -> int:
        return width - min(CLOCK_WIDTH, width // 2) if self._beside(width) else width

    def _height(self, width: int) -> int:
        if width <= 0:
            return 0
        words_width = max(1, self._words_width(width))
        words = sum(len(text.wrap(self.app.console, words_width)) for text, _ in self._lines)
        clock = len(big_digits(self._digits, self._scale)) + (self._caption is not None)
        return max(words, clock) if self._beside(width) else words + clock

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, self._height(width))

    def render(self) -> RenderableType:
        width = self.content_size.width
        state = self._state if self._state in STATES else None
        words = [
            text if style is None else Text.assemble(text, style=self.get_component_rich_style(style))
            for text, style in self._lines
        ]
        digit_style = self.get_component_rich_style(f"clock--{state}") if state else None
        rows = big_digits(self._digits, self._scale)
        clock_width = min(CLOCK_WIDTH, width // 2) if self._beside(width) else width
        indent = " " * max(0, (clock_width - max(map(len, rows), default=0)) // 2)  # centred as one block
        ink = (digit_style or Style()) + Style(bold=True)
        clock: list[RenderableType] = [inked(indent + row, ink) for row in rows]
        if self._caption is not None:
            caption_style = f"clock--{state}-words" if state else "clock--words"
            caption = Text.assemble((self._caption, self.get_component_rich_style(caption_style)), justify="center")
            clock.append(caption)
        if not self._beside(width):
            return Group(*words, *clock)
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1)
        grid.add_column(width=min(CLOCK_WIDTH, width // 2))
        grid.add_row(Group(*words), Group(*clock))
        return grid


def inked(row: str, ink: Style) -> Text:
    """A row of digits with `ink` on its marks only: the spaces between them stay a piece of their
    own (an SVG screenshot stretches each piece of text to its cells as one block)."""
    text = Text(row, no_wrap=True, overflow="crop")
    for mark in re.finditer(r"\S+", row):
        text.stylize(ink, mark.start(), mark.end())
    return text
