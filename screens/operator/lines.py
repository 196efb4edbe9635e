"""A panel of one-line entries (the recent actions, who is present): a Static whose lines are
cut with an ellipsis at its width, updated only when an entry changes."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from rich.text import Text
from textual.widgets import Static


class Lines(Static):
    """Shows `show_keyed(keys, make)`: one line per key (a small tuple of what it shows), the
    first at the top; `make(key)` is called for each key shown."""

    DEFAULT_CSS = """
    Lines { height: auto; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.keys: list[Hashable] = []
        self.lines: list[Text] = []

    def show_keyed(self, keys: Sequence[Hashable], make: Callable[[Any], Text]) -> None:
        if list(keys) == self.keys:
            return
        height = self.styles.height
        follows = height is None or height.is_auto  # its height follows its lines
        grows = follows and len(keys) != len(self.keys)
        self.keys = list(keys)
        self.lines = [make(key) for key in keys]
        self.update(Text("\n").join(self.lines), layout=grows)
