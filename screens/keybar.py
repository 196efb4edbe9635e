"""The footer: every key a screen offers, wrapped onto more lines when the terminal is narrow.

Textual's own Footer keeps to one line and hides what does not fit; at 80 columns that would
hide half the operator's keys, so this one packs whole key labels into as many lines as needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.widget import Widget


@dataclass(frozen=True)
class KeyLabel:
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
        self._placed: list[tuple[int, int, int, KeyLabel]] = []  # line, start, end, label

    def show(self, labels: list[KeyLabel]) -> None:
        if labels != self._labels:
            self._labels = list(labels)
            self.refresh(layout=True)

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

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        text = Text(no_wrap=True, overflow="crop")
        self._placed = []
        for number, line in enumerate(self._pack(max(1, self.content_size.width))):
            if number:
                text.append("\n")
            column = 0
            for start, label in line:
                text.append(" " * (start - column))
                text.append(label.shown, key_style + Style(meta={"key": label.key}))
                text.append(" " + label.description, text_style + Style(meta={"key": label.key}))
                column = start + len(label.shown) + 1 + len(label.description)
                self._placed.append((number, start, column, label))
        return text

    def on_click(self, event: events.Click) -> None:
        x, y = event.x - self.styles.padding.left, event.y
        for line, start, end, label in self._placed:
            if line == y and start <= x < end:
                event.stop()
                self.app.simulate_key(label.key)
                return
