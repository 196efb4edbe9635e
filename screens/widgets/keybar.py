"""The footer: every key a screen offers, wrapped onto more lines when the terminal is narrow.

Textual's own Footer keeps to one line and hides what does not fit; at 80 columns that would
hide half the operator's keys, so this one packs whole key labels into as many lines as needed.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget


class KeyLabel(NamedTuple):
    """One key on the key bar."""

    key: str  # the key as Textual names it, pressed again when the label is clicked
    shown: str  # how the key is written on the bar
    description: str


def labels_for(bindings: list[Binding], descriptions: dict[str, str] | None = None) -> list[KeyLabel]:
    """The visible bindings as labels; `descriptions` overrides some by action (a toggle's state)."""
    descriptions = descriptions or {}
    return [
        KeyLabel(b.key.split(",")[0], b.key_display or b.key, descriptions.get(b.action, b.description))
        for b in bindings
        if b.show and b.description
    ]


class KeyBar(Widget):
    """Docked at the bottom; `show(labels)` sets what it lists."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key", "keybar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        width: 100%;
        padding: 0 1;
        background: $footer-background;
        color: $footer-foreground;
        .keybar--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        .keybar--description { color: $footer-description-foreground; background: $footer-description-background; }
    }
    """

    GAP = 2

    def __init__(self, labels: list[KeyLabel] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._labels: list[KeyLabel] = list(labels or [])

    def show(self, labels: list[KeyLabel]) -> None:
        if labels != self._labels:
            width = self.content_size.width
            lines = len(self._pack(width)) if width else 0
            self._labels = list(labels)
            # a toggle's new words ("pause" -> "resume") rarely change how many lines the keys take
            self.refresh(layout=not width or len(self._pack(width)) != lines)

    @property
    def labels(self) -> list[KeyLabel]:
        return list(self._labels)

    def _pack(self, width: int) -> list[list[tuple[int, KeyLabel]]]:
        """Lines of (column, label), never splitting a label."""
        lines: list[list[tuple[int, KeyLabel]]] = [[]]
        column = 0
        for label in self._labels:
            size = len(label.shown) + 1 + len(label.description)
            start = column + (self.GAP if lines[-1] else 0)
            if lines[-1] and start + size > width:
                lines.append([])
                start = 0
            lines[-1].append((start, label))
            column = start + size
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._pack(max(1, width)))

    def render_line(self, y: int) -> Strip:
        """Drawn a line at a time: as one Text with a style per label, the bar cost 4-6 ms of
        the operator's first frame in Textual's content pipeline."""
        width = self.content_size.width
        lines = self._pack(max(1, width))
        base = self.rich_style
        if y >= len(lines):
            return Strip([Segment(" " * width, base)], width)
        key_style = base + self.get_component_rich_style("keybar--key")
        text_style = base + self.get_component_rich_style("keybar--description")
        segments, column = [], 0
        for start, label in lines[y]:
            clickable = Style(meta={"key": label.key})
            segments.append(Segment(" " * (start - column), base))
            segments.append(Segment(label.shown, key_style + clickable))
            segments.append(Segment(" " + label.description, text_style + clickable))
            column = start + len(label.shown) + 1 + len(label.description)
        segments.append(Segment(" " * max(0, width - column), base))
        return Strip(segments).crop(0, width)

    def on_click(self, event: events.Click) -> None:
        x, y = event.x - self.styles.padding.left, event.y
        lines = self._pack(max(1, self.content_size.width))
        for start, label in lines[y] if 0 <= y < len(lines) else ():
            if start <= x < start + len(label.shown) + 1 + len(label.description):
                event.stop()
                self.app.simulate_key(label.key)
                return
