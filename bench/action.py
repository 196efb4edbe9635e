"""The cost of one action at every meeting size: check, persist (fsync'd), fold.

Each sample raises a hand and lowers it again through Session.act, the path every key press
and every `facilitator act` takes, on meetings of 100 to 10,000 events made by generate.py.

    .venv/bin/python -m bench.action
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.frames import changes_timed, frames_timed
from bench.generate import generate_events, write_meeting
from facilitator.meeting.events import Actor
from facilitator.session import Session

SIZES = (100, 1_000, 2_000, 10_000)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(size: int, samples: int = 200) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_meeting(Path(tmp) / "data", f"m{size}", generate_events(size))
        session = Session.open(path, Actor("bench", role="stack", terminal="bench"))
        session.act("attend", names=[f"Bench {i}" for i in range(samples)])  # hands are raised by people present
        timings = []
        for i in range(samples):
            name = f"Bench {i}"
            steps: tuple[tuple[str, dict[str, Any]], ...] = (("hand", {"name": name}), ("lower", {"name": name}))
            for action, args in steps:
                start = time.perf_counter()
                session.act(action, **args)
                timings.append((time.perf_counter() - start) * 1000)
            if session.checkpoint_due():
                session.checkpoint()  # off the hot path, as the screens do it: not timed
        session.close()
    return {
        "events": size,
        "p50_ms": statistics.median(timings),
        "p95_ms": percentile(timings, 0.95),
        "max_ms": max(timings),
    }


async def _measure_screen(size: int, samples: int) -> dict[str, Any]:
    from screens.app import FacilitatorApp
    from screens.operator.operator import OperatorScreen

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        path = write_meeting(root, f"m{size}", generate_events(size))
        app = FacilitatorApp(root, start="operator", meeting=path, actor=Actor("bench", terminal="bench"))
        with frames_timed() as frames:
            async with app.run_test(size=(120, 36)) as pilot:
                await pilot.pause()
                screen = app.screen
                assert isinstance(screen, OperatorScreen)
                screen.session.act("attend", names=[f"Bench {n}" for n in range(samples)])
                await pilot.pause()

                def key_press(n: int) -> None:  # what a key press does: check, write, fold, update
                    screen.act("lower" if n % 2 else "hand", name=f"Bench {n // 2}")

                timings = await changes_timed(pilot, frames, key_press, 2 * samples)
    return {"events": size, "p50_ms": statistics.median(timings), "p95_ms": percentile(timings, 0.95)}


async def _measure_bare(samples: int) -> dict[str, Any]:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("A bare Textual app")

    with frames_timed() as frames:
        app = Bare()
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            static = app.query_one(Static)
            timings = await changes_timed(pilot, frames, lambda n: static.update(f"update {n}"), samples)
    return {"p50_ms": statistics.median(timings), "p95_ms": percentile(timings, 0.95)}


def measure_bare(samples: int = 300) -> dict[str, Any]:
    """For scale, in the same harness: a bare Textual app (one Static) updating its one Static,
    nothing read or written. What any repaint costs in Textual on this machine."""
    import asyncio

    return asyncio.run(_measure_bare(samples))


def measure_screen(size: int, samples: int = 100) -> dict[str, Any]:
    """One action as the operator screen does it, including the repaint it causes."""
    import asyncio

    return asyncio.run(_measure_screen(size, samples))


def main() -> None:
    r = measure_bare()
    print(f"a bare Textual app updating one Static: p50 {r['p50_ms']:.2f} ms, p95 {r['p95_ms']:.2f} ms")
    for size in SIZES:
        r = measure(size)
        print(f"{r['events']:>6} events: p50 {r['p50_ms']:.2f} ms, p95 {r['p95_ms']:.2f} ms, max {r['max_ms']:.1f} ms")
        r = measure_screen(size)
        print(f"{'':>6}  with the operator's repaint: p50 {r['p50_ms']:.2f} ms, p95 {r['p95_ms']:.2f} ms")


if __name__ == "__main__":
    main()
