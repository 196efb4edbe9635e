"""Run a command's Textual app headless until its first frame, then exit (used by startup.py).

    python -m bench.first_frame bare
    python -m bench.first_frame facilitator --data-dir DIR open MEETING

The first frame is the first time the screen is drawn and handed to the terminal (Textual's
compositor refresh); its time goes to the file named by BENCH_FRAME. Both go through the same
patched App.run and Screen, so the comparison is fair. With BENCH_UNTIL=idle the app runs
until its message queues are idle instead (what a Pilot's pause waits for), which also counts
whatever the app does just after its first frame.
"""

from __future__ import annotations

import atexit
import os
import sys
import time
from typing import Any


def report_peak() -> None:
    """This process's own peak resident memory (VmHWM), to the file named by BENCH_PEAK. The
    parent's wait4 figure would count the parent's pages this process had before its exec."""
    target = os.environ.get("BENCH_PEAK")
    if not target:
        return
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "0")
    with open(target, "w", encoding="ascii") as out:
        out.write(peak)


def report_frame() -> None:
    """When the first frame was drawn, on the machine's monotonic clock, to the file named by
    BENCH_FRAME: the parent counts from its start to here, not to this process's exit (closing a
    meeting checkpoints it, backs it up and keeps its minutes, which is no part of starting)."""
    target = os.environ.get("BENCH_FRAME")
    if target and not os.path.exists(target):
        with open(target, "w", encoding="ascii") as out:
            out.write(repr(time.clock_gettime(time.CLOCK_MONOTONIC)))


def main() -> None:
    atexit.register(report_peak)
    from textual.app import App
    from textual.pilot import Pilot
    from textual.screen import Screen

    until_idle = os.environ.get("BENCH_UNTIL") == "idle"
    original_run = App.run
    original_refresh = Screen._compositor_refresh

    def drawn(self: Screen[Any]) -> None:
        original_refresh(self)
        if not until_idle and self.is_current:
            report_frame()
            self.app.exit()

    async def idle(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        report_frame()
        pilot.app.exit()

    def run_headless(self: App[Any], *args: Any, **kwargs: Any) -> Any:
        kwargs.update(headless=True, size=(120, 36))
        if until_idle:
            kwargs["auto_pilot"] = idle
        return original_run(self, *args, **kwargs)

    App.run = run_headless  # type: ignore[method-assign]
    Screen._compositor_refresh = drawn  # type: ignore[method-assign]
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
