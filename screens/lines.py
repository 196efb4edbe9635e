"""A panel of one-line entries drawn with Textual's line API, for what changes on most key presses.

A Static re-renders its whole text through Textual's content pipeline (wrapping, markup spans)
whenever it changes; for the recent actions and the list of who is present that cost several
milliseconds per change. Here each entry is one line, cut with an ellipsis at the panel's
width, and a line that did not change is not drawn again.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget


class Lines(Widget):
    """Shows `show_lines(...)`: one Text per line, the first at the top."""

    DEFAULT_CSS = """
    Lines { height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.lines: list[Text] = []
        self._drawn: dict[int, tuple[Text, int, Style, Strip]] = {}  # line number -> what, width, style, drawn
        self._style = Style.null()

    def show_lines(self, lines: list[Text]) -> None:
        if lines == self.lines:
            return
        grew = len(lines) != len(self.lines)
        self.lines = lines
        self.refresh(layout=grew and self.styles.height is not None and self.styles.height.is_auto)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._style = self.rich_style  # once a frame: it walks up the whole DOM
        return super().render_lines(crop)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.lines))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self._style
        if y >= len(self.lines):
            return Strip([Segment(" " * width, style)], width)
        line = self.lines[y]
        drawn = self._drawn.get(y)
        if drawn is not None and drawn[1] == width and drawn[2] == style and drawn[0] == line:
            return drawn[3]
        text = line.copy()
        text.end = ""
        text.no_wrap = True
        text.truncate(width, overflow="ellipsis", pad=True)
        if line.style:  # a Text without spans leaves its own style out of render()
            style = style + self.app.console.get_style(line.style)
        strip = Strip(text.render(self.app.console), width).apply_style(style)
        self._drawn[y] = (line, width, self._style, strip)
        return strip
