"""A separate process acting on a meeting, for the store tests (run as a script, never imported
by pytest as a test). It prints one line per finished action, flushed, so that the parent knows
exactly what was acknowledged before it kills it.

    child.py serve PATH TERMINAL       one JSON command per stdin line -> one JSON result per line
    child.py hammer PATH PREFIX COUNT  COUNT people PREFIX0, PREFIX1, ... arrive and raise their
                                       hands, two actions each: "ack NAME SEQ" for each hand

Every action goes to the journal first; with FACILITATOR_TEST_CHECKPOINT=1 the hammer also
checkpoints the journal into the TinyDB file after each acknowledged action.

With FACILITATOR_TEST_CRASH=POINT:N the hammer kills itself (SIGKILL) inside its Nth save, at
POINT. Saves of the TinyDB file (checkpoints): "partial" (half the temp file written), "fsync"
(temp written, not yet synced), "replace" (temp synced, not yet renamed over the meeting),
"renamed" (renamed, folder not synced). Appends to the journal: "line-partial" (half the line
written), "line-fsync" (line written, not yet synced). Each arrival is an append of its own,
never checkpointed on its own: a person's hand is their second append.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

import facilitator.store.files
import facilitator.store.journal
from facilitator.errors import Refused, StoreError
from facilitator.meeting.events import Actor
from facilitator.session import Session


def serve(path: Path, terminal: str) -> None:
    session = Session.open(path, Actor("child", role="stack", terminal=terminal))
    for line in sys.stdin:
        command = json.loads(line)
        try:
            outcome = session.act(command["action"], **command.get("args", {}))
            result = {"ok": True, "summary": outcome.summary, "seq": session.meeting.last_seq}
        except (Refused, StoreError) as err:
            result = {"ok": False, "refused": str(err)}
        print(json.dumps(result), flush=True)


class CrashingOs:
    """The os module as facilitator.store.files sees it, dying at one chosen moment of one save."""

    def __init__(self, point: str, save: int, meeting: str) -> None:
        self.point, self.save, self.saves = point, save, 0
        self.meeting = meeting

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def _die_at(self, point: str) -> None:
        if self.point == point and self.saves == self.save:
            os.kill(os.getpid(), signal.SIGKILL)

    def open(self, path: Any, flags: int, *args: Any) -> int:
        if Path(str(path)).name.startswith(f".{self.meeting}.") and str(path).endswith(".tmp"):
            self.saves += 1
        return os.open(path, flags, *args)

    def write(self, fd: int, data: Any) -> int:
        if self.point == "partial" and self.saves == self.save:
            os.write(fd, bytes(data)[: len(data) // 2])
            self._die_at("partial")
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        self._die_at("fsync")
        os.fsync(fd)

    def replace(self, src: Any, dst: Any) -> None:
        self._die_at("replace")
        os.replace(src, dst)
        self._die_at("renamed")


class CrashingJournalOs(CrashingOs):
    """The os module as facilitator.store.journal sees it: a save is one appended line."""

    def write(self, fd: int, data: Any) -> int:
        self.saves += 1  # an append writes its line in one call
        if self.point == "line-partial" and self.saves == self.save:
            os.write(fd, bytes(data)[: len(data) // 2])
            self._die_at("line-partial")
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        self._die_at("line-fsync")
        os.fsync(fd)

    def replace(self, src: Any, dst: Any) -> None:
        os.replace(src, dst)


def hammer(path: Path, prefix: str, count: int) -> None:
    crash = os.environ.get("FACILITATOR_TEST_CRASH")
    if crash:
        point, save = crash.split(":")
        if point.startswith("line-"):
            facilitator.store.journal.os = CrashingJournalOs(point, int(save), path.name)  # type: ignore[assignment]
        else:
            facilitator.store.files.os = CrashingOs(point, int(save), path.name)  # type: ignore[assignment]
    checkpoint = os.environ.get("FACILITATOR_TEST_CHECKPOINT") == "1"
    session = Session.open(path, Actor("child", role="stack", terminal=prefix))
    print("ready", flush=True)
    for i in range(count):
        name = f"{prefix}{i}"
        session.act("attend", names=[name])  # arriving is the one way a person joins the record
        session.act("hand", name=name)
        print(f"ack {name} {session.meeting.last_seq}", flush=True)
        if checkpoint:
            session.checkpoint()


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(Path(sys.argv[2]), sys.argv[3])
    else:
        hammer(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
