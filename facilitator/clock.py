"""Time as the meeting sees it: wall-clock UTC seconds, injected so tests never sleep."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float: ...


class SystemClock:
    def now(self) -> float:
        return time.time()


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, start: float = 1_764_000_000.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += seconds

    def set(self, when: float) -> None:
        self._now = when


def format_duration(seconds: float) -> str:
    """2:05, 0:09, -0:12 (overtime), 1:02:03 for long spans."""
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def clock_time(ts: float) -> str:
    """19:42: a moment of the meeting in local time, as the room's clocks show it."""
    return time.strftime("%H:%M", time.localtime(ts))
