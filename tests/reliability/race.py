"""The race: four writers at full speed and two readers on one meeting, for a given time.

Each writer is its own process with its own Session, as a terminal is: its own five people arrive
first, then it raises and lowers their hands, adds a note now and then, every seventh action marks
the arrival of a person every writer marks too (one wins, the others are refused), and it
checkpoints the journal into the TinyDB file whenever that is due, as the operator screen does;
so checkpoints race with appends and reads.
Each reader refreshes in a loop as fast as it can and checks, at every refresh, that what it has
read never changes afterwards and never has a gap.

Afterwards: every acknowledged action is on disk exactly once, at the place its writer was told,
nothing else is there, nothing but the shared names was refused, and the four writers, the two
readers and a fresh reader all fold the same meeting.

    python -m tests.reliability.race --seconds 60      (prints its figures as one JSON line)
    python -m tests.reliability.race writer|reader ...  (the children)
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from facilitator.errors import Refused, StoreError
from facilitator.meeting.events import Actor
from facilitator.meeting.state import Meeting
from facilitator.session import Session
from facilitator.store import locations, meetings

WRITERS, READERS = 4, 2
SHARED_EVERY = 7


def digest(meeting: Meeting) -> str:
    """The folded meeting, canonical: the same events give the same digest in any process."""

    def plain(value: Any) -> Any:
        return sorted(value, key=str) if isinstance(value, (set, frozenset)) else str(value)

    raw = json.dumps(dataclasses.asdict(meeting), sort_keys=True, default=plain, ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()


def step(writer: int, n: int, up: set[str]) -> tuple[str, dict[str, Any]]:
    """The nth action of a writer: first its own five people arrive, then their hands go up and
    down (only it touches them), a note every eleventh, and every seventh a person every writer
    adds (arriving is the one way a person joins the record)."""
    if n == 0:
        return "attend", {"names": [f"W{writer} P{p}" for p in range(5)]}
    if n % SHARED_EVERY == SHARED_EVERY - 1:
        return "attend", {"names": [f"Shared {n // SHARED_EVERY}"]}
    if n % 11 == 10:
        return "note", {"text": f"writer {writer}, action {n}"}
    name = f"W{writer} P{n % 5}"
    if name in up:
        up.discard(name)
        return "lower", {"name": name}
    up.add(name)
    return "hand", {"name": name}


# ---- the children --------------------------------------------------------------------------


def writer(path: Path, number: int, seconds: float) -> None:
    session = Session.open(path, Actor(f"writer{number}", role="stack", terminal=f"w{number}"))
    print("ready", flush=True)
    sys.stdin.readline()
    until = time.monotonic() + seconds
    n = checkpoints = 0
    up: set[str] = set()
    while time.monotonic() < until:
        action, args = step(number, n, up)
        n += 1
        try:
            outcome = session.act(action, **args)
            written = len(outcome.events)
            result: dict[str, Any] = {
                "ok": True,
                "first": session.meeting.last_seq - written + 1,
                "events": written,
                "summary": outcome.summary,
            }
        except (Refused, StoreError) as err:
            result = {"ok": False, "refused": str(err)}
        result.update(action=action, args=args)
        print(json.dumps(result), flush=True)
        if session.checkpoint_due():
            checkpoints += session.checkpoint() > 0
    print(json.dumps({"done": True, "checkpoints": checkpoints}), flush=True)
    sys.stdin.readline()
    session.refresh()
    print(json.dumps({"digest": digest(session.meeting), "events": len(session.events)}), flush=True)


def reader(path: Path) -> None:
    session = Session.open(path, Actor("reader", terminal=f"r{os.getpid()}"))
    print("ready", flush=True)
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.readline(), stop.set()), daemon=True).start()
    seen: list[tuple[int, int, str, float]] = []
    refreshes = changes = 0
    problems: list[str] = []
    while not stop.is_set():
        refreshes += 1
        try:
            changed = session.refresh()
        except StoreError as err:
            problems.append(f"refresh failed: {err}")
            break
        if not changed:
            continue
        changes += 1
        now = [(e["seq"], e["action"], e["type"], e["ts"]) for e in session.events]
        if now[: len(seen)] != seen:
            problems.append(f"what was read changed (had {len(seen)} events)")
        if [s for s, *_ in now] != list(range(1, len(now) + 1)):
            problems.append("a gap in the events read")
        seen = now
    session.refresh()
    print(
        json.dumps(
            {
                "digest": digest(session.meeting),
                "events": len(session.events),
                "refreshes": refreshes,
                "changes": changes,
                "problems": problems[:5],
            }
        ),
        flush=True,
    )


# ---- the race ------------------------------------------------------------------------------


class Child:
    """A child whose output lines are collected as they come (no pipe ever fills)."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.race", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
            cwd=Path(__file__).resolve().parents[2],
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("")

    def line(self, until: float) -> str:
        try:
            line = self.lines.get(timeout=max(0.1, until - time.monotonic()))
        except queue.Empty:
            raise AssertionError(f"{self.proc.args} said nothing in time") from None
        if line == "":
            assert self.proc.stderr is not None
            raise AssertionError(f"{self.proc.args} ended early: {self.proc.stderr.read()}")
        return line

    def say(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)


@dataclass
class Figures:
    seconds: float
    actions: int = 0
    acknowledged: int = 0
    refused: int = 0
    events: int = 0
    checkpoints: int = 0
    reader_refreshes: int = 0
    reader_changes: int = 0
    problems: list[str] = field(default_factory=list)


def named(args: dict[str, Any]) -> str:
    """The person an action names (the first one, for an arrival)."""
    return str(args.get("name") or (args.get("names") or [""])[0])


def race(root: Path, seconds: float) -> Figures:
    figures = Figures(seconds)
    meeting_id = meetings.create(root, "The race", Actor("ana"), time.time())
    path = locations.meeting_file(root, meeting_id)
    until = time.monotonic() + seconds + 120
    writers = [Child("writer", str(path), str(n), str(seconds)) for n in range(WRITERS)]
    readers = [Child("reader", str(path)) for _ in range(READERS)]
    results: list[list[dict[str, Any]]] = [[] for _ in writers]
    try:
        for child in [*writers, *readers]:
            assert child.line(until) == "ready"
        for child in writers:
            child.say("go")
        for n, child in enumerate(writers):
            while "done" not in (line := json.loads(child.line(until))):
                results[n].append(line)
            figures.checkpoints += line["checkpoints"]
        for child in writers:
            child.say("digest")
        digests = [json.loads(child.line(until)) for child in writers]
        for child in readers:
            child.say("stop")
        followed = [json.loads(child.line(until)) for child in readers]
    finally:
        for child in [*writers, *readers]:
            child.close()

    final = Session.open(path, Actor("auditor", terminal="audit"))
    events = final.events
    figures.events = len(events)
    claimed: dict[int, str] = {}
    for n, mine in enumerate(results):
        for result in mine:
            figures.actions += 1
            if not result["ok"]:
                figures.refused += 1
                if not named(result["args"]).startswith("Shared") or "already present" not in result["refused"]:
                    figures.problems.append(f"writer {n}: refused {result}")
                continue
            figures.acknowledged += 1
            first, count = result["first"], result["events"]
            stored = events[first - 1 : first - 1 + count]
            if (
                len(stored) != count
                or stored[0].get("summary") != result["summary"]
                or any(e["action"] != first or e["actor"]["terminal"] != f"w{n}" for e in stored)
            ):
                figures.problems.append(f"writer {n}: acknowledged action at {first} is not on disk as told")
            for seq in range(first, first + count):
                if seq in claimed:
                    figures.problems.append(f"event {seq} claimed by {claimed[seq]} and writer {n}")
                claimed[seq] = f"writer {n}"
    if len(events) != 1 + len(claimed):
        figures.problems.append(f"{len(events)} events on disk, {1 + len(claimed)} acknowledged")
    if [e["seq"] for e in events] != list(range(1, len(events) + 1)):
        figures.problems.append("a gap on disk")
    shared = {named(r["args"]) for mine in results for r in mine if named(r["args"]).startswith("Shared")}
    for name in shared:
        won = [r for mine in results for r in mine if named(r["args"]) == name and r["ok"]]
        if len(won) != 1:
            figures.problems.append(f"{name} was added {len(won)} times")
    expected = digest(final.meeting)
    for who, said in [*(("writer", d) for d in digests), *(("reader", f) for f in followed)]:
        if said["digest"] != expected or said["events"] != len(events):
            figures.problems.append(f"a {who} ends with {said['events']} events and another meeting")
    for said in followed:
        figures.reader_refreshes += said["refreshes"]
        figures.reader_changes += said["changes"]
        figures.problems += [f"reader: {p}" for p in said["problems"]]
    return figures


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "writer":
        writer(Path(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "reader":
        reader(Path(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="facilitator-race-"))
    try:
        figures = race(folder / "data", args.seconds)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    figures.problems = figures.problems[:20]
    print(json.dumps(asdict(figures)))
    sys.exit(1 if figures.problems else 0)


if __name__ == "__main__":
    main()
