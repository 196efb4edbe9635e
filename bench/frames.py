"""Timing what a screen does: every screen update (a layout when one was asked for, then the
compositor's drawing), and a change together with the updates it causes."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def frames_timed() -> Iterator[list[float]]:
    """The milliseconds of each screen update made while inside, in a list that fills as they come."""
    from textual.screen import Screen

    frames: list[float] = []
    original = Screen._on_timer_update

    def timed(self: Screen[Any]) -> None:
        start = time.perf_counter()
        original(self)
        frames.append((time.perf_counter() - start) * 1000)

    Screen._on_timer_update = timed  # type: ignore[method-assign]
    try:
        yield frames
    finally:
        Screen._on_timer_update = original  # type: ignore[method-assign]


async def changes_timed(pilot: Any, frames: list[float], change: Callable[[int], object], times: int) -> list[float]:
    """Milliseconds of `change(n)` and of the screen updates it causes, for n in range(times)."""
    timings = []
    for n in range(times):
        frames.clear()
        start = time.perf_counter()
        change(n)
        handled = (time.perf_counter() - start) * 1000
        await pilot.pause()  # let the frame be drawn
        timings.append(handled + sum(frames))
    return timings
