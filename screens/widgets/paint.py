"""Updating a Static only when what it shows changes: the clocks repaint several times a second,
and most repaints change nothing."""

from __future__ import annotations

from textual.visual import VisualType
from textual.widgets import Static


def paint(widget: Static, content: VisualType) -> None:
    """`widget.update(content)`, unless it already shows exactly that."""
    if widget.content != content:
        widget.update(content)
