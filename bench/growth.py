"""How the costs grow with the size of a meeting: one action (alone, and with the operator
screen's repaint), opening it, its minutes.

.venv/bin/python -m bench.growth
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bench import action
from bench.generate import generate_events, write_meeting
from facilitator.meeting import state
from facilitator.meeting.events import Actor
from facilitator.minutes.document import minutes_markdown
from facilitator.session import Session

SIZES = (100, 1_000, 2_000, 5_000, 10_000, 20_000)


def opening_ms(path: Path, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        Session.open(path, Actor("bench"))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    print("| events | one action p50 / p95 | with the repaint p50 / p95 | open (read, check, fold) | minutes |")
    print("|--:|--:|--:|--:|--:|")
    for size in SIZES:
        events = generate_events(size)
        with tempfile.TemporaryDirectory() as tmp:
            path = write_meeting(Path(tmp) / "data", "m", events)
            opened = opening_ms(path)
        acted = action.measure(size, samples=150)
        shown = action.measure_screen(size, samples=100)
        meeting = state.fold(events)
        start = time.perf_counter()
        minutes_markdown(meeting)
        minutes = (time.perf_counter() - start) * 1000
        print(
            f"| {size:,} | {acted['p50_ms']:.2f} / {acted['p95_ms']:.2f} ms "
            f"| {shown['p50_ms']:.1f} / {shown['p95_ms']:.1f} ms | {opened:.0f} ms | {minutes:.0f} ms |"
        )


if __name__ == "__main__":
    main()
