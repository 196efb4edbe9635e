"""A panel of one-line entries drawn with Textual's line API, for what changes on most key presses.

A Static re-renders its whole text through Textual's content pipeline (wrapping, markup spans)
whenever it changes; for the recent actions and the list of who is present that cost several
milliseconds per change. Here each entry is one line, cut with an ellipsis at the panel's
width. Each line is named by a key, a small tuple of what it shows: its Text is made only for a
key not seen before, and a line whose key did not change is not drawn again, nor one that only
moved (LineDrawn).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from rich.segment import Segment
from rich.text import Text
from textual.geometry import Region, Size
from textual.strip import Strip

from screens.line_drawn import fitted, padded
from screens.paint import TitledPanel


def text_key(text: Text) -> Hashable:
    """What a one-line Text shows, as a key (Text itself is not hashable)."""
    return (text.plain, tuple(text.spans), text.style)


class Lines(TitledPanel):
    """Shows `show_keyed(keys, make)`: one line per key, the first at the top."""

    DEFAULT_CSS = """
    Lines { height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.keys: list[Hashable] = []
        self._texts: dict[Hashable, Text] = {}

    @property
    def lines(self) -> list[Text]:
        return [self._texts[key] for key in self.keys]

    def show_keyed(self, keys: Sequence[Hashable], make: Callable[[Any], Text]) -> None:
        texts = self._texts
        if len(texts) > 4 * len(keys) + 32:
            self._texts = texts = {key: texts[key] for key in self.keys if key in texts}
        for key in keys:
            if key not in texts:
                texts[key] = make(key)
        before, self.keys = self.keys, list(keys)
        if len(keys) != len(before) and self.styles.height is not None and self.styles.height.is_auto:
            self.refresh(layout=True)  # its height follows its lines
            return
        width = self.size.width
        changed = [
            Region(0, y, width, 1)
            for y in range(max(len(before), len(keys)))
            if y >= len(before) or y >= len(keys) or before[y] != keys[y]
        ]
        if changed:
            self.refresh(*changed)  # only those lines are drawn again (a clock ticking: one line)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.keys))

    def content_key(self, y: int) -> Hashable:
        return self.keys[y] if y < len(self.keys) else ()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.base_style
        if y >= len(self.keys):
            return Strip([Segment(" " * width, style)], width)
        line = self._texts[self.keys[y]]
        return Strip(padded(fitted(line, width), width, self.app.console), width).apply_style(style)
