"""Four terminals writing one meeting at once, and a projector following them (issue 5).

Real processes (tests/store/writer.py) through the same Session and store the app uses. Each
writer raises and lowers its own people's hands, and every 50th action raises the hand of a person
whose hand every other writer raises too: one of them wins, the others are refused, clearly, in
their own process. Everyone arrived before the writers start.
"""

from __future__ import annotations

import json
import queue
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import locations, meetings
from tests.store.writer import SHARED_EVERY, digest, planned

WRITER = Path(__file__).with_name("writer.py")
WRITERS, ACTIONS = 4, 250
POLL = 0.1  # the projector's own polling interval (FacilitatorApp's default)
DEADLINE = 120.0  # seconds for the whole run: a hang fails instead of blocking the suite
# Each writer's own five people, and the people every writer raises a hand for.
PEOPLE = [f"W{n} P{p}" for n in range(WRITERS) for p in range(5)]
PEOPLE += [f"Shared {k}" for k in range(ACTIONS // SHARED_EVERY)]


class Process:
    """A child process whose output lines are collected as they come (no pipe ever fills)."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(WRITER), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("")  # end of output

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


def ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(1000 * ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 1)


@pytest.fixture
def meeting_file(data_root: Path) -> Path:
    meeting_id = meetings.create(data_root, "Four writers", Actor("ana"), time.time() - 60)
    path = locations.meeting_file(data_root, meeting_id)
    Session.open(path, Actor("ana", terminal="door")).act("attend", names=PEOPLE)
    return path


def test_four_writers_lose_nothing_and_agree_and_a_reader_follows(meeting_file: Path) -> None:
    until = time.monotonic() + DEADLINE
    writers = [Process("write", str(meeting_file), str(n), str(ACTIONS)) for n in range(WRITERS)]
    reader = Process("read", str(meeting_file), str(POLL))
    try:
        for child in [*writers, reader]:
            assert child.line(until) == "ready"
        started = time.monotonic()
        for writer in writers:
            writer.say("go")
        results: list[list[dict[str, Any]]] = []
        for writer in writers:
            mine = []
            while (line := writer.line(until)) != "done":
                mine.append(json.loads(line))
            results.append(mine)
        took = time.monotonic() - started
        for writer in writers:
            writer.say("digest")
        digests = [json.loads(writer.line(until)) for writer in writers]
        reader.say("stop")
        followed = json.loads(reader.line(until))
    finally:
        for child in [*writers, reader]:
            child.close()

    final = Session.open(meeting_file, Actor("auditor", terminal="audit"))
    events = final.events

    # Every acknowledged action is on disk, whole, with its summary and its writer.
    acknowledged = 0
    for n, mine in enumerate(results):
        assert len(mine) == ACTIONS
        for result in mine:
            if not result["ok"]:
                continue
            first = events[result["first"] - 1]
            assert first["summary"] == result["summary"]
            assert first["actor"]["terminal"] == f"w{n}" and first["actor"]["user"] == f"writer{n}"
            assert [e["action"] for e in events[result["first"] - 1 : result["first"] - 1 + result["events"]]] == [
                result["first"]
            ] * result["events"]
            acknowledged += result["events"]
    assert len(events) == 1 + len(PEOPLE) + acknowledged  # nothing lost, nothing written twice
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))

    # Every process ends with the same meeting.
    assert {d["digest"] for d in digests} == {digest(final.meeting)}
    assert {d["events"] for d in digests} == {len(events)}

    # The same person's hand raised from every terminal: one wins, the others are told why.
    for shared in range(ACTIONS // SHARED_EVERY):
        name = f"Shared {shared}"
        outcomes = [r for mine in results for r in mine if r["args"]["name"] == name]
        won = [r for r in outcomes if r["ok"]]
        lost = [r for r in outcomes if not r["ok"]]
        assert len(won) == 1 and len(lost) == WRITERS - 1
        assert {r["refused"] for r in lost} == {f"{name} is already on the stack (new point)"}
    refused = [r for mine in results for r in mine if not r["ok"]]
    assert len(refused) == (WRITERS - 1) * (ACTIONS // SHARED_EVERY)  # no other action was refused

    # Own hands end where their writer left them.
    expected: set[tuple[str, str]] = set()
    for n in range(WRITERS):
        for action, args in planned(n, ACTIONS):
            if args["name"].startswith("W"):
                (expected.add if action == "hand" else expected.discard)((args["name"], args["kind"]))
    assert {(e.name, e.kind) for e in final.meeting.waiting() if e.name.startswith("W")} == expected

    delays = followed["delays"]
    assert followed["events"] == len(events) and len(delays) == sum(len([r for r in m if r["ok"]]) for m in results)
    print(
        f"\nfour writers x {ACTIONS} actions: {acknowledged} events in {took:.1f} s "
        f"({1000 * took / (WRITERS * ACTIONS):.1f} ms an action), {len(refused)} refused (lost races); "
        f"reader polling every {int(POLL * 1000)} ms saw each action after: median {ms(delays, 0.5)} ms, "
        f"p95 {ms(delays, 0.95)} ms, max {ms(delays, 1.0)} ms, mean {1000 * statistics.fmean(delays):.1f} ms"
    )
