"""A live meeting stays smooth: a long meeting simulated at speed, the timer ticking, measured
in the operator screen under Pilot.

The meeting's clock runs `speed` times faster than the wall. Hands go up from a second terminal
(another Session on the same file, as a stack keeper's laptop would), and the operator presses
`n` for the next speaker, at the rate of a real assembly (~8 actions a minute). Two figures:
the longest time the screen spent producing one frame (the screen's update: a new layout when
one was asked for, then the compositor's refresh), and the longest stall of the event loop (how
late a 10 ms heartbeat woke up): a frame can only be late by that.

    .venv/bin/python -m bench.smooth [--hours 4] [--speed 20]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.frames import frames_timed
from bench.generate import NAMES
from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import locations, meetings


class FastClock:
    """Wall time, running `speed` times faster from the moment it is made."""

    def __init__(self, speed: float) -> None:
        self.speed = speed
        self.origin = time.time()
        self.start = time.perf_counter()

    def now(self) -> float:
        return self.origin + (time.perf_counter() - self.start) * self.speed


class Collections:
    """The garbage collector's pauses while the meeting runs (a full pass stalls everything)."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self.full = 0
        self._started = 0.0

    def note(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        self.pauses.append((time.perf_counter() - self._started) * 1000)
        self.full += info.get("generation") == 2


def raise_hand(keeper: Session, name: str, kind: str) -> None:
    try:
        keeper.act("hand", name=name, kind=kind)
    except Exception:  # refused (already on the stack, nothing to respond to)
        pass


async def simulate(hours: float, speed: float, size: tuple[int, int] = (120, 36)) -> dict[str, Any]:
    from screens.app import SETTLE, FacilitatorApp

    rng = random.Random(4)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        clock = FastClock(speed)
        meeting_id = meetings.create(root, "A long assembly", Actor("bench"), clock.now())
        path = locations.meeting_file(root, meeting_id)
        keeper = Session.open(path, Actor("keeper", role="stack", terminal="keeper"), clock)
        keeper.act("attend", names=NAMES[:30])
        stalls: list[float] = []
        collector = Collections()
        app = FacilitatorApp(root, start="operator", meeting=path, actor=Actor("op", terminal="op"), clock=clock)
        with frames_timed() as frames:
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                # the first frame and the app's settling are startup (bench/startup.py): the
                # live meeting is measured from when the operator is up and settled
                await asyncio.sleep(SETTLE + 0.2)
                frames.clear()
                running = True

                async def heartbeat() -> None:
                    while running:
                        before = time.perf_counter()
                        await asyncio.sleep(0.01)
                        stalls.append((time.perf_counter() - before - 0.01) * 1000)

                gc.callbacks.append(collector.note)
                try:
                    beat = asyncio.create_task(heartbeat())
                    wall_end = time.perf_counter() + hours * 3600 / speed
                    actions = 0
                    while time.perf_counter() < wall_end:
                        await asyncio.sleep(60 / 8 / speed * rng.uniform(0.5, 1.5))  # ~8 actions a minute
                        if rng.random() < 0.6:
                            kind = rng.choices(["new", "response", "clarify", "process"], [70, 15, 12, 3])[0]
                            # another terminal: its own thread, so that its work is not counted as
                            # the operator's stall (as another process, it would not be)
                            await asyncio.to_thread(raise_hand, keeper, rng.choice(NAMES[:30]), kind)
                        else:
                            await pilot.press("n")
                        actions += 1
                    running = False
                    await beat
                finally:
                    gc.callbacks.remove(collector.note)
        events = len(Session.open(path, Actor("x")).events)
    return {
        "hours": hours,
        "speed": speed,
        "actions": actions,
        "events": events,
        "frames": len(frames),
        "frame_max_ms": max(frames),
        "frame_p99_ms": statistics.quantiles(frames, n=100)[98] if len(frames) > 100 else max(frames),
        "stall_max_ms": max(stalls),
        "gc_max_ms": max(collector.pauses, default=0.0),
        "gc_full": collector.full,
    }


def measure(hours: float = 4.0, speed: float = 20.0) -> dict[str, Any]:
    return asyncio.run(simulate(hours, speed))


def measure_apart(hours: float = 4.0, speed: float = 20.0) -> dict[str, Any]:
    """`measure` in a process of its own, as an operator's terminal is: not after other
    benchmarks in this one (their meetings and apps leave memory and garbage behind)."""
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "bench.smooth", "--hours", str(hours), "--speed", str(speed), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hours", type=float, default=4.0)
    parser.add_argument("--speed", type=float, default=20.0)
    parser.add_argument("--json", action="store_true", help="print the figures as one line of JSON")
    args = parser.parse_args()
    r = measure(args.hours, args.speed)
    if args.json:
        import json

        print(json.dumps(r))
        return
    print(
        f"{r['hours']} h at {r['speed']}x: {r['actions']} actions, {r['events']} events, {r['frames']} frames; "
        f"longest frame {r['frame_max_ms']:.1f} ms (p99 {r['frame_p99_ms']:.1f}), "
        f"longest stall {r['stall_max_ms']:.1f} ms; longest collector pause {r['gc_max_ms']:.1f} ms "
        f"({r['gc_full']} full passes)"
    )


if __name__ == "__main__":
    main()
