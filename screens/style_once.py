"""Styling a screen's widgets once before its first frame, not three times.

Textual styles every widget when it is mounted, then again when the screen's breakpoint classes
(-narrow/-wide, -short/-tall) are first set on its first resize, and again when the screen is
first resumed. Each pass over a screen of a few dozen widgets is a tenth of the time to the
first frame. A screen that mixes this in sets its breakpoint classes in compose (before its
widgets are styled) and skips the restyle of its first resume (nothing has changed since).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen


def set_breakpoints(screen: Screen[Any]) -> None:
    width, height = screen.app.size
    for dimension, breakpoints in (
        (width, screen.HORIZONTAL_BREAKPOINTS or []),
        (height, screen.VERTICAL_BREAKPOINTS or []),
    ):
        names = {name for _, name in breakpoints}
        chosen = next((name for edge, name in sorted(breakpoints, reverse=True) if dimension >= edge), None)
        screen.update_classes({name: name == chosen for name in names}, update=False)


class StyledOnce:
    """For a Screen: call set_breakpoints(self) first thing in compose."""

    _resumed_once = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed_once:
            self._resumed_once = True
            event.refresh_styles = False  # just mounted and styled
