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

from screens.paint import TitledPanel


class Lines(TitledPanel):
    """Shows `show_lines(...)`: one Text per line, the first at the top."""

    DEFAULT_CSS = """
    Lines { height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.lines: list[Text] = []
        self._drawn: dict[tuple[object, ...], Strip] = {}  # (what, width, style) -> the line drawn
        self._style = Style.null()

    def show_lines(self, lines: list[Text]) -> None:
        before, self.lines = self.lines, lines
        if len(lines) != len(before):
            self.refresh(layout=self.styles.height is not None and self.styles.height.is_auto)
            return
        width = self.size.width
        changed = [Region(0, y, width, 1) for y, line in enumerate(lines) if line != before[y]]
        if changed:
            self.refresh(*changed)  # only those lines are drawn again (a clock ticking: one line)

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
        key = (line.plain, tuple(line.spans), line.style, width, style)
        drawn = self._drawn.get(key)
        if drawn is not None:
            return drawn  # the same line moved (the newest action pushes the others down)
        text = line.copy()
        text.end = ""
        text.no_wrap = True
        text.truncate(width, overflow="ellipsis", pad=True)
        if line.style:  # a Text without spans leaves its own style out of render()
            style = style + self.app.console.get_style(line.style)
        strip = Strip(text.render(self.app.console), width).apply_style(style)
        if len(self._drawn) > 4 * max(len(self.lines), 10):
            self._drawn.clear()
        self._drawn[key] = strip
        return strip
