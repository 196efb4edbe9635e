"""A panel of a few lines of words and a big clock, drawn a line at a time at a steady height.

The speaker's panel and the timekeeper's item clock were containers of Statics and a Digits
widget: eight widgets to style and draw before the first frame, and a new layout of the whole
screen whenever a line changed shape (a longer kind of point, a response naming someone, the
digits going from 9:59 to 10:00), which made the frames of a live meeting 15-30 ms. Here the
panel draws its lines itself: the clock stands below the words in a narrow panel and beside
them in a wide one, a line of words too long for its column wraps, and the panel asks for a
layout only when it gains or loses a line (a point of process begins or ends, a long name).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.strip import Strip

from screens.clock_face import DIGIT_ROWS, digit_rows
from screens.line_drawn import LineDrawn, cells, fitted, padded
from screens.lines import text_key

BESIDE_FROM = 60  # content columns from which the clock stands beside the words
CLOCK_WIDTH = 30  # the clock's column when it stands beside them
STATES = ("warning", "overtime", "paused")  # the states with a colour of their own

# As Textual's Digits widget draws them: the digits a piece of their own, never merged with the
# spaces around them (an SVG screenshot stretches a piece of text to its cells as one block). The
# meta alone is dropped under a modal's dimming; the unset overline, which shows nothing, is not.
DIGITS_META = Style(meta={"offset": (0, 0)}, overline=False)

Row = tuple[Any, ...]  # what one line shows, hashable: the panel draws it from this alone


class ClockPanel(LineDrawn):
    """Shows `present(lines, digits, caption, state)`: the lines of words (each with the name
    of its component style, or None), the clock's digits, the words under them, and the state
    (speaking, warning, overtime, paused) that colours the digits and those words."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "clock--words",
        "clock--alert",
        *(f"clock--{state}" for state in STATES),
        *(f"clock--{state}-words" for state in STATES),
    }
    STYLE_COMPONENTS: ClassVar[tuple[str, ...]] = tuple(sorted(COMPONENT_CLASSES))
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
        self._keys: tuple[Hashable, ...] = ()  # what each line of words shows
        self._digits, self._state = "-:--", "none"
        self._caption: str | None = None
        self._rows: list[Row] = []
        self._rows_width = 0  # the width they were arranged for
        self._wrapped: dict[tuple[int, int], list[Text]] = {}  # (line, width) -> its wrapped lines

    def present(self, lines: Sequence[tuple[Text, str | None]], digits: str, caption: str | None, state: str) -> None:
        keys = tuple((text_key(text), style) for text, style in lines)
        if (keys, digits, caption, state) == (self._keys, self._digits, self._caption, self._state) and self._rows:
            return  # the clocks repaint 8 times a second; most repaints change nothing
        if keys != self._keys:
            self._wrapped.clear()
        self._keys, self._lines, self._digits, self._caption, self._state = keys, list(lines), digits, caption, state
        before = self._rows
        self._arrange()
        if len(self._rows) != len(before):
            self.refresh(layout=True)  # a line more or less: the panel's height follows
            return
        width = self.size.width
        changed = [Region(0, y, width, 1) for y, row in enumerate(self._rows) if before[y] != row]
        if changed:
            self.refresh(*changed)

    @property
    def digits(self) -> str:
        """The time the clock shows."""
        return self._digits

    def _arrange(self) -> None:
        self._rows_width = self.size.width
        self._rows = self._arranged(self._rows_width)

    def on_resize(self) -> None:
        self._arrange()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self._arranged(width)))

    def _wrap(self, line: int, width: int) -> list[Text]:
        """Line `line` of the words wrapped to `width` cells (worked out once per text and width)."""
        wrapped = self._wrapped.get((line, width))
        if wrapped is None:
            text = self._lines[line][0]
            fits = width <= 0 or cells(text.plain) <= width
            wrapped = [text] if fits else list(text.wrap(self.app.console, width, overflow="fold")) or [text]
            self._wrapped[(line, width)] = wrapped
        return wrapped

    def _arranged(self, width: int) -> list[Row]:
        stacked = self.BESIDE_FROM is None or width < self.BESIDE_FROM
        words_width = width if stacked else width - min(CLOCK_WIDTH, width // 2)
        words: list[Row] = [
            ("line", y, piece, key)
            for y, key in enumerate(self._keys)
            for piece in range(len(self._wrap(y, words_width)))
        ]
        clock: list[Row] = [("digits", row, self._digits, self._state) for row in range(DIGIT_ROWS)]
        if self._caption is not None:
            clock.append(("caption", self._caption, self._state))
        if stacked:
            return words + clock
        blank: Row = ("blank",)
        height = max(len(words), len(clock))
        words += [blank] * (height - len(words))
        clock += [blank] * (height - len(clock))
        return [("beside", left, right) for left, right in zip(words, clock, strict=True)]

    def content_key(self, y: int) -> Row:
        if self.size.width != self._rows_width:
            self._arrange()  # resized, and drawn before on_resize has run
        return self._rows[y] if y < len(self._rows) else ("blank",)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        row = self.content_key(y)
        if row[0] == "beside":
            clock = min(CLOCK_WIDTH, width // 2)
            segments = self._part(row[1], width - clock) + self._part(row[2], clock)
        else:
            segments = self._part(row, width)
        return Strip(segments, width)

    def _part(self, row: Row, width: int) -> list[Segment]:
        base, styles = self.base_style, self.component_style
        state = self._state if self._state in STATES else None
        if row[0] == "line":
            component = self._lines[row[1]][1]
            text = fitted(self._wrap(row[1], width)[row[2]], width)
            used = cells(text.plain)
            style = styles[component] if component else base
            segments = list(Segment.apply_style(padded(text, used, self.app.console), style))
            segments.append(Segment(" " * (width - used), base))  # an alert's colour ends with its words
            return segments
        if row[0] == "digits":
            style = (styles[f"clock--{state}"] if state else base) + DIGITS_META
            return centred(digit_rows(self._digits)[row[1]], width, style, base)
        if row[0] == "caption":
            words = self._caption or ""
            return centred(words, width, styles[f"clock--{state}-words" if state else "clock--words"], base)
        return [Segment(" " * width, base)]


def centred(words: str, width: int, style: Style, around: Style) -> list[Segment]:
    """`words` in the middle of `width` cells (cut to fit), the rest in the `around` style."""
    if cells(words) > width:
        words = fitted(Text(words), width).plain
    used = cells(words)
    left = (width - used) // 2
    right = width - left - used
    return [Segment(" " * left, around), Segment(words, style), Segment(" " * right, around)]
