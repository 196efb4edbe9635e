"""Run a command's Textual app headless until its first frame, then exit (used by startup.py).

    python -m bench.first_frame bare
    python -m bench.first_frame facilitator --data-dir DIR open MEETING

Both go through the same patched App.run, so the comparison is fair.
"""

from __future__ import annotations

import sys
from typing import Any


def main() -> None:
    from textual.app import App
    from textual.pilot import Pilot

    original = App.run

    async def first_frame(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        pilot.app.exit()

    def run_headless(self: App[Any], *args: Any, **kwargs: Any) -> Any:
        kwargs.update(headless=True, auto_pilot=first_frame, size=(120, 36))
        return original(self, *args, **kwargs)

    App.run = run_headless  # type: ignore[method-assign]
    if sys.argv[1] == "bare":
        from textual.widgets import Static

        class Bare(App[None]):
            def compose(self) -> Any:
                yield Static("A bare Textual app")

        Bare().run()
    else:
        from facilitator.cli import main as cli

        sys.argv = ["facilitator", *sys.argv[2:]]
        cli()


if __name__ == "__main__":
    main()
