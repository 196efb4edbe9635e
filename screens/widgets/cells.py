"""A table cell of user text: one line, cut with … at its width, shown literally (a title that
looks like markup stays text)."""

from __future__ import annotations

from rich.text import Text


def cut(text: str, width: int) -> Text:
    """At most `width` cells of `text` on one line (runs of spaces and newlines as one space)."""
    cell = Text(" ".join(text.split()), no_wrap=True)
    cell.truncate(max(1, width), overflow="ellipsis")
    return cell
