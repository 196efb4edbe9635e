"""Several real processes on one meeting file: nothing lost, nothing half-written.

The children are real Python processes (tests/store/child.py) writing through the same
Session and store the app uses; the parent reads the file back as any later process would."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.meeting.stack import order
from facilitator.session import Session
from facilitator.store import locations, meetings
from facilitator.store.meeting_file import MeetingStore

CHILD = Path(__file__).with_name("child.py")


@pytest.fixture
def meeting_file(data_root: Path) -> Path:
    meeting_id = meetings.create(data_root, "Many hands", Actor("ana"), FakeClock().now())
    return locations.meeting_file(data_root, meeting_id)


def spawn(*args: str, crash: str | None = None, checkpoint: bool = False) -> subprocess.Popen[str]:
    env = dict(os.environ)
    if crash:
        env["FACILITATOR_TEST_CRASH"] = crash
    if checkpoint:
        env["FACILITATOR_TEST_CHECKPOINT"] = "1"
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )


class Terminal:
    """A long-lived child process holding its own Session: it only learns of the other's
    writes through the store, as a second operator's terminal would."""

    def __init__(self, path: Path, terminal: str) -> None:
        self.proc = spawn("serve", str(path), terminal)

    def act(self, action: str, **args: Any) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"action": action, "args": args}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, self.stderr()
        result: dict[str, Any] = json.loads(line)
        return result

    def stderr(self) -> str:
        self.close()
        assert self.proc.stderr is not None
        return self.proc.stderr.read()

    def close(self) -> None:
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture
def two_terminals(meeting_file: Path) -> Iterator[tuple[Terminal, Terminal]]:
    a, b = Terminal(meeting_file, "term-a"), Terminal(meeting_file, "term-b")
    yield a, b
    a.close()
    b.close()


def stored(path: Path) -> list[dict[str, Any]]:
    return MeetingStore(path).load()


def hands_in(events: list[dict[str, Any]]) -> list[str]:
    return [e["data"]["name"] for e in events if e["type"] == "hand_raised"]


# ---- two processes acting alternately --------------------------------------------------------


def test_two_processes_acting_alternately_lose_nothing(
    meeting_file: Path, two_terminals: tuple[Terminal, Terminal]
) -> None:
    a, b = two_terminals
    assert a.act("attend", names=[f"A{i}" for i in range(40)])["ok"]
    assert b.act("attend", names=[f"B{i}" for i in range(40)])["ok"]
    for i in range(40):
        assert a.act("hand", name=f"A{i}")["ok"]
        assert b.act("hand", name=f"B{i}")["ok"]
    events = stored(meeting_file)
    assert hands_in(events) == [name for i in range(40) for name in (f"A{i}", f"B{i}")]
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert {e["actor"]["terminal"] for e in events[1:]} == {"term-a", "term-b"}


def test_each_process_checks_its_command_against_the_others_writes(
    meeting_file: Path, two_terminals: tuple[Terminal, Terminal]
) -> None:
    a, b = two_terminals
    assert a.act("attend", names=["Ana", "Bob", "Rui"])["ok"]
    assert a.act("hand", name="Ana")["ok"]
    # b never read Ana's hand itself: the store gives it to b under the lock, and b refuses.
    assert b.act("hand", name="ana") == {"ok": False, "refused": "Ana is already on the stack (new point)"}
    assert b.act("hand", name="Bob")["ok"]
    assert a.act("next")["summary"] == "Ana has the floor (new point)"
    assert b.act("hand", name="Rui", kind="response")["ok"]  # answers Ana's turn, which b did not start
    assert a.act("lower", name="Bob")["ok"]
    assert b.act("lower", name="Bob") == {"ok": False, "refused": "Bob is not on the stack"}
    assert b.act("undo")["summary"] == "undid: Rui is on the stack (direct response)"
    # a knows from b's undo that nobody is waiting: Ana's turn ends and nobody gets the floor.
    assert a.act("next")["summary"] == "Ana finished; the stack is empty"
    session = Session.open(meeting_file, Actor("reader"))
    assert session.meeting.speaker is None
    assert order(session.meeting, session.now()) == []


def test_two_processes_writing_at_the_same_time_lose_nothing(meeting_file: Path) -> None:
    count = 40
    children = [spawn("hammer", str(meeting_file), prefix, str(count)) for prefix in ("X", "Y")]
    for child in children:
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
        assert len([line for line in out.splitlines() if line.startswith("ack ")]) == count
    events = stored(meeting_file)
    raised = hands_in(events)
    assert sorted(raised) == sorted(f"{p}{i}" for p in "XY" for i in range(count))
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert len(events) == 1 + 2 * 2 * count  # each person arrives, then raises a hand
    for prefix in "XY":  # each process's own actions stay in its order
        mine = [n for n in raised if n.startswith(prefix)]
        assert mine == [f"{prefix}{i}" for i in range(count)]


# ---- a writer killed at any moment -----------------------------------------------------------


def read_acks(stream: IO[str], acked: dict[str, int], wanted: int) -> None:
    while len(acked) < wanted:
        line = stream.readline()
        if not line:
            return
        _, name, seq = line.split()
        acked[name] = int(seq)


def test_a_writer_killed_with_sigkill_again_and_again_loses_no_acknowledged_action(meeting_file: Path) -> None:
    rng = random.Random(20261125)
    acked: dict[str, int] = {}
    kills_mid_write = 0
    for round_ in range(20):
        child = spawn("hammer", str(meeting_file), f"R{round_}n", "100000")
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        before = len(acked)
        read_acks(child.stdout, acked, before + rng.randint(0, 12))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        read_acks(child.stdout, acked, 10**9)  # acks printed before the kill but not read yet
        child.stdout.close()
        assert child.stderr is not None
        child.stderr.close()
        temps = list(meeting_file.parent.glob(f".{meeting_file.name}.*.tmp"))
        kills_mid_write += bool(temps)

        events = stored(meeting_file)  # readable, every event well formed, no gap in seq
        raised = {e["data"]["name"]: e["seq"] for e in events if e["type"] == "hand_raised"}
        for name, seq in acked.items():
            assert raised.get(name) is not None, f"{name} was acknowledged but is not in the file"
            assert events[seq - 1]["type"] == "hand_raised"
        assert len(raised) - len(acked) <= round_ + 1  # at most the one in flight at each kill
    # The next writer sweeps the temp files left by the killed ones.
    after = Session.open(meeting_file, Actor("ana"))
    after.act("attend", names=["After"])
    after.act("hand", name="After")
    assert list(meeting_file.parent.glob(f".{meeting_file.name}.*.tmp")) == []
    assert "After" in hands_in(stored(meeting_file))
    assert len(acked) >= 20
    print(f"{len(acked)} acknowledged actions over 20 kills; {kills_mid_write} kills left a temp file")


@pytest.mark.parametrize("point", ["partial", "fsync", "replace", "renamed"])
def test_a_writer_killed_inside_a_checkpoint_leaves_the_meeting_whole(meeting_file: Path, point: str) -> None:
    # Each action is journalled (acknowledged), then checkpointed into the TinyDB file; the kill
    # lands inside the 4th checkpoint, so K0..K3 were acknowledged and must all be there.
    child = spawn("hammer", str(meeting_file), "K", "10", crash=f"{point}:4", checkpoint=True)
    out, _ = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, "never reached the crash point: did the write path change? (child.py)"
    acked = [line.split()[1] for line in out.splitlines() if line.startswith("ack ")]
    assert acked == ["K0", "K1", "K2", "K3"]
    assert hands_in(stored(meeting_file)) == ["K0", "K1", "K2", "K3"]
    # The TinyDB file alone is the old one before the rename, the new one after it.
    alone = json.loads(meeting_file.read_bytes())["events"]
    assert len(alone) == 1 + 2 * (4 if point == "renamed" else 3)  # each person arrives, then raises a hand
    leftovers = list(meeting_file.parent.glob(f".{meeting_file.name}.*.tmp"))
    assert len(leftovers) == (0 if point == "renamed" else 1)
    session = Session.open(meeting_file, Actor("ana"))
    session.act("attend", names=["Next"])
    session.act("hand", name="Next")
    session.checkpoint()
    assert list(meeting_file.parent.glob(f".{meeting_file.name}.*.tmp")) == []
    assert hands_in(stored(meeting_file))[-1] == "Next"
    assert [e["data"].get("name") for e in json.loads(meeting_file.read_bytes())["events"].values()][-1] == "Next"


@pytest.mark.parametrize("point", ["line-partial", "line-fsync"])
def test_a_writer_killed_inside_a_journal_append_loses_no_acknowledged_action(meeting_file: Path, point: str) -> None:
    # Two appends a person (the arrival, then the hand): the 8th is K3's hand.
    child = spawn("hammer", str(meeting_file), "K", "10", crash=f"{point}:8")
    out, _ = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, "never reached the crash point: did the write path change? (child.py)"
    acked = [line.split()[1] for line in out.splitlines() if line.startswith("ack ")]
    assert acked == ["K0", "K1", "K2"]
    # A torn line was never acknowledged and is ignored; a whole line not yet synced survives a
    # killed process (the page cache keeps it), written but not acknowledged.
    expected = ["K0", "K1", "K2"] if point == "line-partial" else ["K0", "K1", "K2", "K3"]
    assert hands_in(stored(meeting_file)) == expected
    session = Session.open(meeting_file, Actor("ana"))
    session.act("attend", names=["Next"])  # cuts the torn line off before appending
    session.act("hand", name="Next")
    assert hands_in(stored(meeting_file)) == [*expected, "Next"]
