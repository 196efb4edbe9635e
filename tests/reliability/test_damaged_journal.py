"""A damaged journal, like a damaged meeting file (tests/store/test_files.py): refused in one line
naming the journal and the problem, by the app, `status` and `act`; never written over; and
`facilitator recover` offered when a backup exists."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.cli import main
from facilitator.clock import FakeClock
from facilitator.errors import StoreError
from facilitator.meeting.events import Actor
from facilitator.session import Session


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), os.lstat(path).st_ino


def line_of(event: dict[str, object]) -> bytes:
    return json.dumps([event]).encode() + b"\n"


def next_event(seq: int, **changes: object) -> dict[str, object]:
    event: dict[str, object] = {
        "seq": seq,
        "ts": 1_764_000_100.0,
        "action": seq,
        "type": "hand_raised",
        "actor": {"user": "ana", "role": None, "as": None, "terminal": "x"},
        "data": {"name": "Zed", "kind": "new", "step_up": False},
        "summary": "Zed is on the stack",
    }
    event.update(changes)
    return event


Damage = Callable[[int], bytes]
DAMAGES: dict[str, tuple[Damage, str]] = {
    "not JSON": (lambda seq: b"{{{ not json\n", "is damaged (line 2 after byte 0: Expecting property name"),
    "a line that is not a list": (lambda seq: b'{"seq": 1}\n', "a line is not a list of events"),
    "a name that is a number": (
        lambda seq: line_of(next_event(seq, data={"name": 5, "kind": "new", "step_up": False})),
        "(hand_raised) has no valid 'name'",
    ),
    "an unknown type": (lambda seq: line_of(next_event(seq, type="coup")), "has an unknown type 'coup'"),
    "an unknown kind": (
        lambda seq: line_of(next_event(seq, data={"name": "Zed", "kind": "rant", "step_up": False})),
        "has an unknown kind 'rant'",
    ),
    "a gap": (lambda seq: line_of(next_event(seq + 3, action=seq + 3)), "event {seq} is missing"),
    "a time that is text": (lambda seq: line_of(next_event(seq, ts="16:00")), "has no valid 'ts'"),
    "seq as text": (lambda seq: line_of({**next_event(seq), "seq": str(seq)}), "has no valid 'seq'"),
}


@pytest.fixture
def closed(session: Session, clock: FakeClock) -> Session:
    session.act("attend", names=["Ana", "Bob"])
    session.act("hand", name="Ana")
    session.close()  # a backup exists from here on
    return Session.open(session.store.path, Actor("ana", terminal="t2"), clock)


@pytest.mark.parametrize("label", list(DAMAGES), ids=list(DAMAGES))
def test_a_damaged_journal_is_refused_everywhere_and_left_untouched(closed: Session, label: str) -> None:
    damage, match = DAMAGES[label]
    path = closed.store.path
    journal = closed.store.journal.path
    closed.act("hand", name="Bob")
    seq = closed.meeting.last_seq + 1
    with open(journal, "ab") as f:
        f.write(damage(seq))
    match = match.format(seq=seq)
    before = snapshot(journal), snapshot(path)
    with pytest.raises(StoreError) as err:
        Session.open(path, Actor("x"), FakeClock())
    assert str(err.value).startswith(str(journal)) and match in str(err.value), err.value
    for args in (["status", path.stem], ["act", path.stem, "hand", "Cal"], ["minutes", path.stem]):
        code, out, errors = cli(*args)
        assert (code, out) == (1, ""), errors
        assert errors.count("\n") == 1 and match in errors and str(journal) in errors, errors
        assert errors.rstrip().endswith(f"facilitator recover {path.stem}")
    with pytest.raises(StoreError, match="damaged"):
        closed.act("hand", name="Cal")  # a running terminal that reads it now refuses to write too
    with pytest.raises(StoreError, match="damaged"):
        closed.checkpoint()
    assert (snapshot(journal), snapshot(path)) == before
    code, out, errors = cli("recover", path.stem)
    assert code == 0, errors
    assert "kept 1 later action(s) from the journal" in out and "lost: 1 journal line(s)" in out
    events = Session.open(path, Actor("x"), FakeClock()).events
    assert [e["data"]["name"] for e in events if e["type"] == "hand_raised"] == ["Ana", "Bob"]
