"""Reading a meeting one event at a time, and keeping it folded rather than as its events.

The folded meeting must be exactly the one a plain `fold` of every stored event gives, whatever
the file's layout; an undo (which refolds from the store) must give the same as before; a
checkpoint that adds to the file's text must leave the file any TinyDB reads the same way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.generate import generate_events, write_meeting
from facilitator.clock import FakeClock
from facilitator.meeting import state
from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import event_reader as tinydb_text
from facilitator.store.event_reader import NotPlain, walk
from facilitator.store.meeting_file import MeetingStore
from tests.conftest import START

Events = list[dict[str, Any]]


@pytest.fixture(autouse=True, params=["whole table", "row by row"])
def reading(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both ways of reading the events table: in one call (small files) and row by row (large)."""
    if request.param == "row by row":
        monkeypatch.setattr(tinydb_text, "WHOLE_TABLE_BELOW", 0)


def stored_events(path: Path) -> Events:
    """Every event of the file and its journal, the plain way: json.loads, no shortcuts."""
    tables = json.loads(path.read_bytes())
    events = sorted(tables["events"].values(), key=lambda e: e["seq"])
    journal = path.with_suffix(".journal")
    if journal.exists():
        for line in journal.read_bytes().splitlines():
            events.extend(e for e in json.loads(line) if e["seq"] > len(events))
    return events


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(size=st.integers(2, 1_500), seed=st.integers(0, 10_000))
def test_a_meeting_read_one_event_at_a_time_folds_as_all_its_events_do(
    tmp_path_factory: pytest.TempPathFactory, size: int, seed: int
) -> None:
    events = generate_events(size, seed=seed)
    path = write_meeting(tmp_path_factory.mktemp("data"), "m", events)
    store = MeetingStore(path)
    folded = store.load_folded()
    assert folded is not None  # a file as Facilitator writes it takes the one-pass way
    assert folded == state.fold(events)
    assert store.events_on_disk() == len(events)


def relaid(path: Path, change: Any) -> None:
    tables = json.loads(path.read_bytes())
    path.write_text(change(tables))


@pytest.mark.parametrize(
    "layout",
    [
        lambda t: json.dumps(t, indent=2),  # pretty, as a person might leave it
        lambda t: json.dumps(t),  # TinyDB's own JSONStorage: ASCII escapes
        lambda t: json.dumps({"events": t["events"], "meta": t["meta"]}),  # the tables the other way round
        lambda t: json.dumps({**t, "events": dict(reversed(t["events"].items()))}),  # events out of order
    ],
)
def test_any_layout_of_the_file_folds_the_same(tmp_path: Path, layout: Any) -> None:
    events = generate_events(600, seed=3)
    path = write_meeting(tmp_path / "data", "m", events)
    relaid(path, layout)
    session = Session.open(path, Actor("x"), FakeClock(START))
    assert session.meeting == state.fold(events)


def test_an_undo_written_another_way_is_still_honoured(tmp_path: Path) -> None:
    """The one-pass read guesses the undone actions from the text; a wrong guess is noticed."""
    events = generate_events(400, seed=5)
    undo = next(e for e in events if e["type"] == "undone")
    reordered = {"data": undo["data"], **{k: v for k, v in undo.items() if k != "data"}}
    events[undo["seq"] - 1] = reordered
    path = write_meeting(tmp_path / "data", "m", events)
    store = MeetingStore(path)
    assert store.load_folded() is None  # the guess missed it: read the careful way
    assert Session.open(path, Actor("x"), FakeClock(START)).meeting == state.fold(events)


def test_a_session_keeps_the_meeting_folded_not_its_events(tmp_path: Path) -> None:
    path = write_meeting(tmp_path / "data", "m", generate_events(800))
    session = Session.open(path, Actor("x"), FakeClock(START))
    assert "events" not in vars(session)
    assert session.store._file._cache is None  # nor does its store keep the parsed file
    assert session.events == stored_events(path)


def test_undo_after_reopening_gives_what_a_fold_of_every_event_gives(tmp_path: Path) -> None:
    clock = FakeClock(START + 10_000_000)
    path = write_meeting(tmp_path / "data", "m", generate_events(2_000))
    me = Actor("ana", role="stack", terminal="t1")
    first = Session.open(path, me, clock)
    first.act("attend", names=["Zed", "Yan", "Xu"])
    first.act("hand", name="Zed")
    first.act("hand", name="Yan", kind="response")
    first.close()
    again = Session.open(path, me, clock)
    other = Session.open(path, Actor("bo", terminal="t2"), clock)
    again.act("undo", scope="terminal")
    assert again.meeting.waiting_entry("Yan", "response") is None
    assert again.meeting.waiting_entry("Zed", "new") is not None
    assert again.meeting == state.fold(stored_events(path))
    assert other.refresh()  # another terminal picks the undo up and refolds the same way
    assert other.meeting == again.meeting
    again.act("hand", name="Xu")  # and acting goes on from there
    assert again.meeting == state.fold(stored_events(path))


def test_a_checkpoint_adds_to_the_file_and_any_tinydb_reads_it_the_same(tmp_path: Path) -> None:
    events = generate_events(500)
    path = write_meeting(tmp_path / "data", "m", events)
    session = Session.open(path, Actor("ana", terminal="t1"), FakeClock(START + 10_000_000))
    session.act("attend", names=["Zed"])
    session.act("hand", name="Zed")
    session.act("next")
    assert session.checkpoint() > 0
    assert path.with_suffix(".journal").read_bytes() == b""
    tables = json.loads(path.read_bytes())
    assert list(tables["events"]) == [str(n) for n in range(1, session.meeting.last_seq + 1)]
    assert state.fold(stored_events(path)) == session.meeting
    assert Session.open(path, Actor("x"), FakeClock(START)).meeting == session.meeting
    assert session.store.events_on_disk() == session.meeting.last_seq


def test_a_checkpoint_into_a_file_of_another_layout_goes_through_tinydb(tmp_path: Path) -> None:
    path = write_meeting(tmp_path / "data", "m", generate_events(300))
    relaid(path, lambda t: json.dumps({"events": t["events"], "meta": t["meta"]}))
    session = Session.open(path, Actor("ana", terminal="t1"), FakeClock(START + 10_000_000))
    session.act("attend", names=["Zed"])
    session.act("hand", name="Zed")
    assert session.checkpoint() > 0
    assert list(json.loads(path.read_bytes())) == ["events", "meta"]
    assert Session.open(path, Actor("x"), FakeClock(START)).meeting == session.meeting


def test_a_checkpoint_never_adds_to_a_file_changed_behind_its_back(tmp_path: Path) -> None:
    path = write_meeting(tmp_path / "data", "m", generate_events(300))
    session = Session.open(path, Actor("ana", terminal="t1"), FakeClock(START + 10_000_000))
    session.act("attend", names=["Zed"])
    session.act("hand", name="Zed")
    path.write_bytes(path.read_bytes().replace(b'"hand_raised"', b'"hand_waved"', 1))
    with pytest.raises(Exception, match="unknown type 'hand_waved'"):
        session.checkpoint()
    assert b"hand_waved" in path.read_bytes()  # left as it was
    assert b"Zed" in path.with_suffix(".journal").read_bytes()


@pytest.mark.parametrize(
    "text",
    [
        '{"meta": {}, "events": {"1": {}}, "events": {}}',  # a table twice
        '{"meta": {}, "events": {"1": {}}} x',  # more after the end
        '{"meta": {}, "events": {"one": {}}}',  # an event not under its number
        '{"meta": {}}',  # no events
        '{"meta": {}, "events": {"1": {]}}',  # not JSON
        "[]",
    ],
)
def test_the_one_pass_reader_vouches_for_plain_files_only(text: str) -> None:
    with pytest.raises(NotPlain):
        walk(text, lambda key, row: None)


def test_the_one_pass_reader_reads_what_json_reads() -> None:
    tables = {"meta": {"1": {"schema": 1}}, "x": [1, {"a": "é\n"}], "events": {"1": {"a": [1.5, None]}, "2": {}}}
    for text in (json.dumps(tables), json.dumps(tables, indent=1), json.dumps(tables, separators=(",", ":"))):
        rows: dict[str, Any] = {}
        others, events_last = walk(text, rows.__setitem__)
        assert {**others, "events": rows} == tables and events_last
