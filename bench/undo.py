"""Undo in a long meeting: the operator's terminal undoes its latest action, which changes history.
The meeting is folded back from the copy the operator keeps once its screen is up
(Session.keep_snapshot), as the app does; the figure without a copy (the whole file read again)
is printed beside it for scale.

.venv/bin/python -m bench.undo
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import generate_events, write_meeting
from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.session import Session

SAMPLES = 40


def undo_ms(session: Session, samples: int) -> list[float]:
    """Each sample: one arrival, then its undo (the undo alone is timed)."""
    times = []
    for i in range(samples):
        session.act("attend", names=[f"Latecomer {i}"])
        start = time.perf_counter()
        session.act("undo", scope="terminal")
        times.append((time.perf_counter() - start) * 1000)
    return times


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(len(values) * 0.95) - 1)]


def measure(size: int = 10_000, samples: int = SAMPLES) -> dict[str, Any]:
    events = generate_events(size)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_meeting(Path(tmp) / "data", "big", events)
        clock = FakeClock(events[-1]["ts"] + 60)
        session = Session.open(path, Actor("bench", role="stack", terminal="op"), clock)
        without = undo_ms(session, max(5, samples // 4))
        session.keep_snapshot()
        kept = undo_ms(session, samples)
        session.close()
    return {
        "events": size,
        "p50_ms": statistics.median(kept),
        "p95_ms": p95(kept),
        "without_p50_ms": statistics.median(without),
    }


def main() -> None:
    r = measure()
    print(
        f"undo, {r['events']} events: p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms "
        f"(reading the whole file again instead: p50 {r['without_p50_ms']:.0f} ms)"
    )


if __name__ == "__main__":
    main()
