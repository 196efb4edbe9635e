"""Stylesheets added when first needed, not before the first frame.

Textual parses every rule of a screen's CSS before its first frame (here about 0.15 ms a rule)
and matches every widget against them. The rules for a meeting's business (a proposal in play,
an open check) style widgets that most of a meeting does not have: they are added with the
first business, just before its widgets are mounted, and styled as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App


def add_stylesheet(app: App[Any], path: Path) -> None:
    """Add the rules of `path` to the app's stylesheet, once. Widgets mounted after this are
    styled with them; only rules for widgets not yet mounted belong in such a file."""
    where = (str(path), "")
    if not app.stylesheet.has_source(*where):
        app.stylesheet.add_source(path.read_text(encoding="utf-8"), read_from=where)
