"""The journal beside each meeting: flat-cost writes, torn lines, checkpoints, readers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tinydb import TinyDB

from facilitator.errors import StoreError
from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store.meeting_file import CHECKPOINT_EVERY, MeetingStore


def hands(session: Session) -> list[str]:
    return [e["data"]["name"] for e in session.events if e["type"] == "hand_raised"]


def test_an_action_goes_to_the_journal_and_the_tinydb_file_is_left_alone(session: Session) -> None:
    session.act("attend", names=["Ana"])
    before = session.store.path.read_bytes()
    session.act("hand", name="Ana")
    assert session.store.path.read_bytes() == before
    lines = session.store.journal.path.read_bytes().splitlines()
    assert [e["type"] for e in json.loads(lines[-1])] == ["hand_raised"]


def test_a_checkpoint_leaves_plain_tinydb_json_and_an_empty_journal(session: Session) -> None:
    session.act("attend", names=["Ana", "Bob", "Cy"])
    for name in ("Ana", "Bob", "Cy"):
        session.act("hand", name=name)
    assert session.checkpoint() == 6
    assert session.store.journal.path.read_bytes() == b""
    with TinyDB(session.store.path, access_mode="r") as db:
        names = [e["data"]["name"] for e in db.table("events").all() if e["type"] == "hand_raised"]
    assert names == ["Ana", "Bob", "Cy"]
    assert session.checkpoint() == 0


def test_a_checkpoint_is_due_after_so_many_journalled_events(session: Session) -> None:
    people = [f"P{i}" for i in range(CHECKPOINT_EVERY // 2 + 1)]
    session.act("attend", names=people)  # one event each
    assert not session.checkpoint_due()
    for name in people:
        session.act("hand", name=name)  # and one more each
    assert session.checkpoint_due()
    session.checkpoint()
    assert not session.checkpoint_due()


def test_a_reader_reads_only_the_new_lines(session: Session) -> None:
    session.act("attend", names=["Ana", "Bob"])
    store = MeetingStore(session.store.path)
    assert store.sync()[0]  # the first read is whole
    session.act("hand", name="Ana")
    full, fresh = store.sync()
    assert not full and [e["type"] for e in fresh] == ["hand_raised"]
    assert store.sync() == (False, [])
    reader = Session.open(session.store.path, Actor("projector"))
    session.act("hand", name="Bob")
    assert reader.refresh() and hands(reader) == ["Ana", "Bob"]
    assert not reader.refresh()


def test_a_reader_follows_a_checkpoint_made_elsewhere(session: Session) -> None:
    session.act("attend", names=["Ana", "Bob"])
    reader = Session.open(session.store.path, Actor("projector"))
    session.act("hand", name="Ana")
    session.checkpoint()
    session.act("hand", name="Bob")
    assert reader.refresh()
    assert hands(reader) == ["Ana", "Bob"]
    assert reader.meeting.last_seq == session.meeting.last_seq


def test_a_torn_last_line_is_ignored_then_cut_off_by_the_next_writer(session: Session) -> None:
    session.act("attend", names=["Ana", "Bob"])
    session.act("hand", name="Ana")
    journal = session.store.journal.path
    with open(journal, "ab") as f:
        f.write(b'[{"seq": 4, "ts": 1')  # a writer killed mid-line: never acknowledged
    reader = Session.open(session.store.path, Actor("projector"))
    assert hands(reader) == ["Ana"]
    writer = Session.open(session.store.path, Actor("bob"))
    writer.act("hand", name="Bob")
    assert hands(Session.open(session.store.path, Actor("x"))) == ["Ana", "Bob"]
    assert all(line.startswith(b"[") for line in journal.read_bytes().splitlines())


def test_a_damaged_line_inside_the_journal_is_refused_and_left_untouched(session: Session) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    journal = session.store.journal.path
    damaged = b"not json\n" + journal.read_bytes()
    journal.write_bytes(damaged)
    with pytest.raises(StoreError, match=r"\.journal is damaged"):
        Session.open(session.store.path, Actor("x"))
    assert journal.read_bytes() == damaged


def test_lines_already_checkpointed_are_not_read_twice(session: Session) -> None:
    # A crash between writing the checkpoint and emptying the journal leaves both holding them.
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    journal = session.store.journal.path
    kept = journal.read_bytes()
    session.checkpoint()
    journal.write_bytes(kept)
    reopened = Session.open(session.store.path, Actor("x"))
    assert hands(reopened) == ["Ana"]
    assert [e["seq"] for e in reopened.events] == list(range(1, len(reopened.events) + 1))


def test_a_gap_in_the_journal_is_refused(session: Session) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    journal = session.store.journal.path
    events = json.loads(journal.read_bytes().splitlines()[0])
    events[-1]["seq"] += 5
    journal.write_bytes(json.dumps(events).encode() + b"\n")
    with pytest.raises(StoreError, match="is missing"):
        MeetingStore(session.store.path).load()


def test_a_clean_close_checkpoints(session: Session) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.close()
    assert session.store.journal.path.read_bytes() == b""
    assert hands(Session.open(session.store.path, Actor("x"))) == ["Ana"]


def test_the_journal_is_private_and_never_followed_through_a_link(session: Session, tmp_path: Path) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    journal = session.store.journal.path
    assert journal.stat().st_mode & 0o777 == 0o600
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(journal.read_bytes())
    journal.unlink()
    journal.symlink_to(elsewhere)
    with pytest.raises(StoreError, match="symbolic link"):
        session.act("hand", name="Bob")
    with pytest.raises(StoreError, match="symbolic link"):
        Session.open(session.store.path, Actor("x"))


def test_a_checkpoint_never_hides_what_others_wrote_from_this_terminal(session: Session) -> None:
    session.act("attend", names=["Bob", "Ana"])
    other = Session.open(session.store.path, Actor("bob", terminal="t2"))
    other.act("hand", name="Bob")
    session.checkpoint()  # moves Bob's hand into the TinyDB file before this terminal saw it
    session.refresh()
    assert hands(session) == ["Bob"]
    session.act("hand", name="Ana")
    assert hands(session) == ["Bob", "Ana"]
    assert hands(Session.open(session.store.path, Actor("x"))) == ["Bob", "Ana"]


def test_a_writer_reads_the_whole_file_only_when_someone_else_checkpointed(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    session.store.journal.path.unlink()  # as a meeting made before the journal existed
    session.refresh()
    whole_reads = []
    real, real_folded = MeetingStore._load_db, MeetingStore.load_folded
    monkeypatch.setattr(MeetingStore, "_load_db", lambda self: whole_reads.append(1) or real(self))
    monkeypatch.setattr(MeetingStore, "load_folded", lambda self: whole_reads.append(1) or real_folded(self))
    session.act("attend", names=["Ana", "Bob", "Cy", "Dee", "Eve"])
    for name in ("Ana", "Bob", "Cy"):
        session.act("hand", name=name)
    assert whole_reads == []
    other = Session.open(session.store.path, Actor("bob", terminal="t2"))
    other.act("hand", name="Dee")
    other.checkpoint()
    session.act("hand", name="Eve")
    assert len(whole_reads) == 2  # the other terminal's open, then ours after its checkpoint
