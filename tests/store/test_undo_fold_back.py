"""An undo folds the meeting back from a kept copy (Session.keep_snapshot) instead of reading the
whole file again: the meeting it gives is exactly what a fresh read of the file gives, for this
terminal's undo, another terminal's, and an undo of an action older than the copy."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from facilitator.clock import FakeClock
from facilitator.errors import Refused
from facilitator.meeting.events import Actor
from facilitator.meeting.state import Meeting
from facilitator.session import Session

PEOPLE = ["Ana", "Ben", "Carla", "Dan", "Eve"]


def fresh(session: Session) -> Session:
    return Session.open(session.store.path, Actor("reader", terminal="r"), session.clock)


def test_an_undo_after_the_copy_gives_what_a_fresh_read_gives(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=PEOPLE)
    session.act("hand", name="Ana")
    session.keep_snapshot()
    session.act("hand", name="Ben")
    session.act("next")
    clock.advance(30)
    session.act("undo")  # the floor given to Ana
    assert session.meeting.speaker is None
    assert session.meeting == fresh(session).meeting
    session.act("undo")  # Ben's hand
    assert [e.name for e in session.meeting.waiting()] == ["Ana"]
    assert session.meeting == fresh(session).meeting


def test_an_undo_older_than_the_copy_reads_the_file_and_keeps_a_new_copy(session: Session, clock: FakeClock) -> None:
    other = Session.open(session.store.path, Actor("bo", role="stack", terminal="t2"), clock)
    other.act("attend", names=PEOPLE)
    session.refresh()
    session.keep_snapshot()
    session.act("hand", name="Carla")
    other.act("undo")  # the arrivals, recorded before this terminal's copy
    assert session.refresh()
    assert list(session.meeting.present.values()) == ["Carla"]  # her hand, still on record, says she was there
    assert session.meeting == fresh(session).meeting


def test_another_terminals_undo_is_folded_back_here_too(session: Session, clock: FakeClock) -> None:
    other = Session.open(session.store.path, Actor("bo", role="stack", terminal="t2"), clock)
    session.act("attend", names=PEOPLE)
    session.keep_snapshot()
    other.act("hand", name="Dan")
    session.refresh()
    other.act("undo")
    assert session.refresh()
    assert not session.meeting.waiting()
    assert session.meeting == fresh(session).meeting


def test_a_long_run_of_actions_and_undos_always_matches_the_file(data_root: Path, session: Session) -> None:
    rng = random.Random(16)
    other = Session.open(session.store.path, Actor("bo", role="stack", terminal="t2"), session.clock)
    session.act("attend", names=PEOPLE)
    session.keep_snapshot()
    actions = ("hand", "hand", "next", "pause", "resume", "end", "undo", "undo")
    for _ in range(120):
        terminal = rng.choice((session, other))
        action = rng.choice(actions)
        try:
            if action == "hand":
                terminal.act("hand", name=rng.choice(PEOPLE), kind=rng.choice(("new", "clarify", "process")))
            else:
                terminal.act(action)
        except Refused:
            pass
        session.refresh()
        assert isinstance(session.clock, FakeClock)
        session.clock.advance(rng.choice((1, 5, 40)))
    assert session.meeting == fresh(session).meeting


def test_a_copy_dropped_after_many_events_is_taken_again_at_the_next_undo(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    import facilitator.session as session_module

    monkeypatch.setattr(session_module, "SNAPSHOT_EVENTS", 3)
    reads: list[int] = []
    read = Session._read

    def counted(self: Session) -> Meeting:
        reads.append(1)
        return read(self)

    monkeypatch.setattr(Session, "_read", counted)
    session.act("attend", names=PEOPLE)
    session.keep_snapshot()
    for name in PEOPLE[:4]:
        session.act("hand", name=name)  # four events since the copy: it is dropped
    session.act("undo")
    assert len(reads) == 1  # read from the file, and a new copy kept
    session.act("hand", name="Eve")
    session.act("undo")
    assert len(reads) == 1  # folded back from the new copy
    assert session.meeting == fresh(session).meeting
    assert [e.name for e in session.meeting.waiting()] == PEOPLE[:3]
