"""Run a command's Textual app headless until its first frame, then exit (used by startup.py).

    python -m bench.first_frame bare
    python -m bench.first_frame facilitator --data-dir DIR open MEETING

The first frame is the first time the screen is drawn and handed to the terminal (Textual's
compositor refresh); its time goes to the file named by BENCH_FRAME. Both go through the same
patched App.run and Screen, patched as each imports Textual (PatchOnImport), so the comparison
is fair and each process imports what it imports in its own order. The facilitator command is
run as its console script runs it (facilitator/__main__.py). With BENCH_UNTIL=idle the app runs
until its message queues are idle instead (what a Pilot's pause waits for), which also counts
whatever the app does just after its first frame.
"""

from __future__ import annotations

import atexit
import importlib.abc
import importlib.machinery
import importlib.util
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


def patch_textual(until_idle: bool) -> None:
    """Run every app headless at 120x36, and report its first frame (or its first idle moment)."""
    from textual.app import App
    from textual.pilot import Pilot
    from textual.screen import Screen

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


class PatchOnImport(importlib.abc.MetaPathFinder):
    """Patches Textual the moment the command imports it, so that the command imports what it
    imports in its own order and state: `facilitator` imports Textual only once it has read its
    arguments (with the cycle collector off, facilitator/__main__.py), and importing it here first would time a
    process the user never runs."""

    def __init__(self, until_idle: bool) -> None:
        self.until_idle = until_idle

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name != "textual.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.loader is not None
        loader, until_idle = spec.loader, self.until_idle

        class Patching(importlib.abc.Loader):
            def create_module(self, spec: importlib.machinery.ModuleSpec) -> Any:
                return loader.create_module(spec)

            def exec_module(self, module: Any) -> None:
                loader.exec_module(module)
                sys.modules[name] = module
                patch_textual(until_idle)

        spec.loader = Patching()
        return spec


def main() -> None:
    atexit.register(report_peak)
    sys.meta_path.insert(0, PatchOnImport(os.environ.get("BENCH_UNTIL") == "idle"))
    if sys.argv[1] == "bare":
        from textual.app import App
        from textual.widgets import Static

        class Bare(App[None]):
            def compose(self) -> Any:
                yield Static("A bare Textual app")

        Bare().run()
    else:
        from facilitator.__main__ import run  # what the console script runs

        sys.argv = ["facilitator", *sys.argv[2:]]
        run()


if __name__ == "__main__":
    main()
