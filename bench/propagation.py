"""How long an operator's action takes to reach the projector in another process.

This process writes with `Session.act` (exactly what `facilitator act` and the operator screen
do); a child process runs the real projector screen headless (`FacilitatorApp.run_test`, the
same screen, timers and polling as `facilitator project`) and notes when an update that shows
the change is handed to the terminal. Each sample raises a hand with a new name and times how long until the name is
on the projector's screen. The target (DESIGN.md) is 200 ms.

    .venv/bin/python bench/propagation.py [--samples 30] [--history 0 2000]

`measure(samples, history)` returns the figures as a dict for `make bench`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import queue
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import locations, meetings

MARK = re.compile(r"Speaker \d{3}")
SPEAKERS = 200  # people who arrive before the timed hands (at most this many samples)
TIMEOUT = 10.0  # a sample the projector never shows fails the run instead of hanging it


# ---- the projector's side (child process) ---------------------------------------------------


async def watch(path: Path, expect: int) -> None:
    """Run the projector screen headless; print when each new mark is first painted.

    The headless driver throws its output away, so we stand where the app hands an update to
    the terminal (`App._display`), note the time there, then read what the screen now shows.
    """
    from screens.app import FacilitatorApp

    app = FacilitatorApp(path.parent.parent, start="projector", meeting=path)
    seen: set[str] = set()
    display = app._display

    def painted(screen: Any, update: Any) -> None:
        when = time.time()
        display(screen, update)
        if update is None:
            return
        text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        for mark in MARK.findall(text):
            if mark not in seen:
                seen.add(mark)
                print(f"seen {mark} {when:.6f}", flush=True)

    app._display = painted  # type: ignore[method-assign,assignment]
    async with app.run_test(size=(80, 24)):
        print("ready", flush=True)
        end = time.monotonic() + expect * (TIMEOUT + 1)
        while len(seen) < expect and time.monotonic() < end:
            await asyncio.sleep(0.05)


# ---- the operator's side (this process) -----------------------------------------------------


def _lines(stream: IO[str], into: queue.Queue[str]) -> None:
    for line in stream:
        into.put(line.strip())


def _next_line(lines: queue.Queue[str], what: str) -> str:
    try:
        return lines.get(timeout=TIMEOUT * 3 if what == "ready" else TIMEOUT)
    except queue.Empty:
        raise RuntimeError(f"the projector process never reported {what}") from None


def _meeting(root: Path, history: int) -> Path:
    actor = Actor("bench", role="stack", terminal="bench")
    if history:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from bench.generate import generate_events, write_meeting

        path = write_meeting(root, "propagation", generate_events(history))
    else:
        path = locations.meeting_file(root, meetings.create(root, "Propagation bench", actor, time.time()))
    # A fresh agenda item with an empty stack, so each new hand is first in line and visible.
    session = Session.open(path, actor)
    session.act("agenda_add", title="Propagation bench", minutes=30)
    session.act("agenda_start", item=str(len(session.meeting.items)), carry=False)
    session.act("attend", names=[f"Speaker {i:03d}" for i in range(SPEAKERS)])  # a name must be someone present
    return path


def measure(samples: int = 30, history: int = 0) -> dict[str, Any]:
    """Median and p95 (ms) from an act's write to the projector process showing it."""
    with tempfile.TemporaryDirectory(prefix="facilitator-bench-") as tmp:
        root = Path(tmp) / "data"
        path = _meeting(root, history)
        env = {**os.environ, locations.ENV_VAR: str(root)}
        child = subprocess.Popen(
            [sys.executable, __file__, "--child", str(path), str(samples)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        try:
            assert child.stdout is not None
            lines: queue.Queue[str] = queue.Queue()
            threading.Thread(target=_lines, args=(child.stdout, lines), daemon=True).start()
            if _next_line(lines, "ready") != "ready":
                raise RuntimeError("the projector process did not start")
            session = Session.open(path, Actor("bench", role="stack", terminal="bench"))
            acts, shown, total = [], [], []
            rng = random.Random(1)
            for i in range(samples):
                # Land each write at a random moment of the projector's polling cycle.
                time.sleep(rng.uniform(0.0, 0.25))
                name = f"Speaker {i:03d}"
                started = time.time()
                session.act("hand", name=name)
                written = time.time()
                line = _next_line(lines, name)
                what, _, when = line.rpartition(" ")
                if what != f"seen {name}":
                    raise RuntimeError(f"expected {name} on the projector, got: {line}")
                seen = float(when)
                acts.append(written - started)
                shown.append(seen - written)
                total.append(seen - started)
                session.act("next")  # the floor moves on; the stack stays short and visible
            history_events = len(session.events)
        finally:
            child.terminate()
            child.wait(timeout=10)

    def ms(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return round(1000 * ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 1)

    return {
        "samples": samples,
        "events": history_events,
        "act_median_ms": ms(acts, 0.5),
        "shown_median_ms": ms(shown, 0.5),
        "shown_p95_ms": ms(shown, 0.95),
        "median_ms": ms(total, 0.5),
        "p95_ms": ms(total, 0.95),
        "max_ms": ms(total, 1.0),
        "mean_ms": round(1000 * statistics.fmean(total), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--history", type=int, nargs="*", default=[0, 2000], help="events already in the meeting")
    parser.add_argument("--child", nargs=2, metavar=("PATH", "EXPECT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        asyncio.run(watch(Path(args.child[0]), int(args.child[1])))
        return
    print("act -> projector shows it, in another process (target: 200 ms)")
    print(f"{'events':>7} {'samples':>7} {'act':>8} {'median':>8} {'p95':>8} {'max':>8}")
    for history in args.history:
        r = measure(args.samples, history)
        print(
            f"{r['events']:>7} {r['samples']:>7} {r['act_median_ms']:>6} ms {r['median_ms']:>5} ms"
            f" {r['p95_ms']:>5} ms {r['max_ms']:>5} ms"
        )
    print("(act: the write itself; median/p95/max: from the start of the act to the update that shows the name)")


if __name__ == "__main__":
    main()
