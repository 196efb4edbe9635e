"""The meeting file on disk: damaged files are refused and never touched, modes are private,
links and files anyone can write are refused, stale temp files are swept, and the file stays
TinyDB's own JSON."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tinydb import TinyDB

from facilitator.cli import main
from facilitator.clock import FakeClock
from facilitator.errors import StoreError
from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import locations, meetings
from facilitator.store.meeting_file import SCHEMA, MeetingStore


@pytest.fixture
def meeting(data_root: Path, session: Session) -> Path:
    """A meeting with a few actions in it, closed again: just the file."""
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.act("attend", names=["Bob"])
    session.act("hand", name="Bob", kind="clarify")
    session.act("next")
    session.close()  # a clean close checkpoints the journal: the TinyDB file holds everything
    return session.store.path


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def snapshot(path: Path) -> tuple[bytes, int, int]:
    st = os.lstat(path)
    return path.read_bytes(), st.st_mtime_ns, st.st_ino


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def refused_everywhere(path: Path, match: str) -> None:
    """Opening in the app, `status` and `act` all refuse it in one line naming the file, and the
    file is left exactly as it was."""
    before = snapshot(path)
    with pytest.raises(StoreError) as err:
        Session.open(path, Actor("ana"), FakeClock())
    assert str(path) in str(err.value) and match in str(err.value)
    assert "\n" not in str(err.value)
    for args in (["status", path.stem], ["act", path.stem, "hand", "Cal"], ["act", path.stem, "undo"]):
        code, out, errors = cli(*args)
        assert (code, out) == (1, ""), errors
        assert errors.startswith(f"facilitator: {path}") and errors.count("\n") == 1, errors
        assert match in errors and "Traceback" not in errors
    assert snapshot(path) == before


# ---- damaged files -------------------------------------------------------------------------


def test_a_half_written_file_is_refused_and_left_untouched(meeting: Path) -> None:
    whole = meeting.read_bytes()
    for cut in (1, len(whole) // 3, len(whole) // 2, len(whole) - 1):
        meeting.write_bytes(whole[:cut])
        refused_everywhere(meeting, "is damaged (not valid JSON")


@pytest.mark.parametrize(
    ("raw", "match"),
    [
        (b"", "is empty (damaged)"),
        (b"   \n", "is empty (damaged)"),
        (b"hello", "not valid JSON"),
        (b"\xff\xfe{}", "not valid JSON"),
        (b"[1, 2]", "not a TinyDB database"),
        (b'"events"', "not a TinyDB database"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deep"),
    ],
)
def test_a_file_that_is_not_a_tinydb_database_is_refused(meeting: Path, raw: bytes, match: str) -> None:
    meeting.write_bytes(raw)
    refused_everywhere(meeting, match)


def edit(meeting: Path, change: Callable[[dict[str, Any]], Any]) -> None:
    tables = json.loads(meeting.read_bytes())
    change(tables)
    meeting.write_text(json.dumps(tables), encoding="utf-8")


def event(n: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda tables: tables["events"][str(n)]  # type: ignore[no-any-return]


WRONG_SHAPES: list[tuple[str, Callable[[dict[str, Any]], Any], str]] = [
    ("no events table", lambda t: t.pop("events"), "no events table"),
    ("events is a list", lambda t: t.__setitem__("events", []), "no events table"),
    ("no schema", lambda t: t["meta"]["1"].pop("schema"), "no schema version"),
    ("no meta table", lambda t: t.pop("meta"), "no schema version"),
    ("unknown event type", lambda t: event(3)(t).__setitem__("type", "coup"), "event 3 has an unknown type 'coup'"),
    ("event without data", lambda t: event(3)(t).pop("data"), "event 3 has no valid 'data'"),
    ("name is a number", lambda t: event(3)(t)["data"].__setitem__("name", 5), "(hand_raised) has no valid 'name'"),
    ("unknown kind", lambda t: event(3)(t)["data"].__setitem__("kind", "rant"), "has an unknown kind 'rant'"),
    ("seq under another id", lambda t: event(3)(t).__setitem__("seq", 9), "stored under id 3 but says seq 9"),
    ("a missing event", lambda t: t["events"].pop("2"), "event 2 is missing"),
    ("time is NaN", lambda t: event(2)(t).__setitem__("ts", float("nan")), "event 2 has no valid 'ts'"),
    ("time beyond a float", lambda t: event(2)(t).__setitem__("ts", 10**400), "event 2 has no valid 'ts'"),
    ("time is text", lambda t: event(2)(t).__setitem__("ts", "16:00"), "event 2 has no valid 'ts'"),
    ("action after itself", lambda t: event(2)(t).__setitem__("action", 5), "event 2 belongs to an action"),
    ("first is not the opening", lambda t: event(1)(t).__setitem__("type", "stack_closed"), "first event does not"),
    (
        "settings of the wrong type",
        lambda t: event(1)(t)["data"]["settings"].__setitem__("limits", {"new": "two minutes"}),
        "its events cannot be replayed (ValueError",
    ),
    (
        "undo of nothing",
        lambda t: t["events"].__setitem__("6", {**event(2)(t), "seq": 6, "action": 6, "type": "undone", "data": {}}),
        "event 6 (undone) has no valid 'action'",
    ),
]


@pytest.mark.parametrize(("label", "change", "match"), WRONG_SHAPES, ids=[w[0] for w in WRONG_SHAPES])
def test_a_file_of_the_wrong_shape_is_refused(
    meeting: Path, label: str, change: Callable[[dict[str, Any]], Any], match: str
) -> None:
    edit(meeting, change)
    refused_everywhere(meeting, match)


def test_a_file_from_a_newer_facilitator_is_refused(meeting: Path) -> None:
    edit(meeting, lambda t: t["meta"]["1"].__setitem__("schema", SCHEMA + 1))
    refused_everywhere(meeting, f"was written by a newer Facilitator (schema {SCHEMA + 1}, this one knows {SCHEMA})")


def test_a_file_damaged_under_an_open_session_is_not_written_over(meeting: Path, clock: FakeClock) -> None:
    session = Session.open(meeting, Actor("ana", terminal="op"), clock)
    meeting.write_bytes(meeting.read_bytes()[:-7])  # another program cuts it while we look at it
    before = snapshot(meeting)
    with pytest.raises(StoreError, match="is damaged"):
        session.act("hand", name="Cal")
    assert snapshot(meeting) == before


def test_a_damaged_index_is_refused_and_no_orphan_meeting_is_made(data_root: Path, meeting: Path) -> None:
    index = locations.index_file(data_root)
    index.write_bytes(index.read_bytes()[:15])
    before = snapshot(index)
    files = sorted(locations.sessions_dir(data_root).iterdir())
    for args in (["list"], ["new", "Another meeting"]):
        code, out, errors = cli(*args)
        assert (code, out) == (1, "")
        assert errors.startswith(f"facilitator: {index} is damaged") and errors.count("\n") == 1
    assert snapshot(index) == before
    assert sorted(locations.sessions_dir(data_root).iterdir()) == files


def test_every_stored_event_reads_back_as_written(meeting: Path) -> None:
    session = Session.open(meeting, Actor("ana"), FakeClock())
    assert [e["type"] for e in session.events] == [
        "meeting_opened",
        "attended",
        "hand_raised",
        "attended",
        "hand_raised",
        "turn_started",
    ]


# ---- the file stays TinyDB's own JSON -------------------------------------------------------


def test_any_tinydb_can_read_the_meeting(meeting: Path) -> None:
    before = snapshot(meeting)
    with TinyDB(meeting, access_mode="r") as db:
        meta = db.table("meta").get(doc_id=1)
        events = db.table("events").all()
    assert meta is not None and meta["schema"] == SCHEMA and meta["title"] == "General assembly"
    assert [e.doc_id for e in events] == [e["seq"] for e in events] == list(range(1, 7))
    assert snapshot(meeting) == before


# ---- modes, links, files anyone can write ---------------------------------------------------


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_folders_are_0700_and_files_0600_whatever_the_umask(data_root: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        meeting_id = meetings.create(data_root, "Private", Actor("ana"), FakeClock().now())
        path = locations.meeting_file(data_root, meeting_id)
        Session.open(path, Actor("ana"), FakeClock()).act("attend", names=["Ana"])
    finally:
        os.umask(old)
    assert mode_of(data_root) == 0o700
    assert mode_of(locations.sessions_dir(data_root)) == 0o700
    for file in (path, path.with_suffix(".lock"), locations.index_file(data_root)):
        assert mode_of(file) == 0o600, file


def test_a_write_keeps_the_mode_the_owner_chose(meeting: Path, clock: FakeClock) -> None:
    os.chmod(meeting, 0o640)  # shared read with the group on purpose
    Session.open(meeting, Actor("ana"), clock).act("attend", names=["Cal"])
    assert mode_of(meeting) == 0o640


def test_a_symlinked_meeting_file_is_refused(meeting: Path, tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.json"
    os.replace(meeting, real)
    meeting.symlink_to(real)
    before = real.read_bytes()
    refused_everywhere(meeting, "is a symbolic link; Facilitator does not follow links")
    assert real.read_bytes() == before


def test_a_symlinked_lock_file_is_refused_and_its_target_untouched(meeting: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious", encoding="utf-8")
    lock = meeting.with_suffix(".lock")
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    before = snapshot(meeting)
    code, _, errors = cli("act", meeting.stem, "hand", "Cal")
    assert code == 1 and "is a symbolic link" in errors and str(lock) in errors
    assert victim.read_text(encoding="utf-8") == "precious"
    assert snapshot(meeting) == before


def test_a_world_writable_meeting_file_is_refused(meeting: Path) -> None:
    os.chmod(meeting, 0o666)
    refused_everywhere(meeting, f"is writable by anyone on this machine; fix it with: chmod o-w {meeting}")
    assert mode_of(meeting) == 0o666  # reported, not quietly changed


def test_a_meeting_in_a_world_writable_folder_is_refused(meeting: Path) -> None:
    os.chmod(meeting.parent, 0o777)
    try:
        with pytest.raises(StoreError, match="is writable by anyone on this machine"):
            Session.open(meeting, Actor("ana"), FakeClock())
    finally:
        os.chmod(meeting.parent, 0o700)


def test_a_folder_in_place_of_the_meeting_file_is_refused(data_root: Path) -> None:
    path = locations.meeting_file(data_root, "odd")
    path.mkdir(parents=True)
    code, out, errors = cli("status", "odd")
    assert (code, out) == (1, "")
    assert errors == f"facilitator: cannot read {path}: Is a directory\n"


# ---- temp files ----------------------------------------------------------------------------


@pytest.fixture
def stale_temps(meeting: Path) -> Iterator[list[Path]]:
    leftovers = [meeting.parent / f".{meeting.name}.{pid}.abc123.tmp" for pid in (4242, 4343)]
    for path in leftovers:
        path.write_bytes(b'{"half": ')
    yield leftovers


def test_stale_temp_files_are_removed_on_the_next_write(
    meeting: Path, stale_temps: list[Path], clock: FakeClock
) -> None:
    other = meeting.parent / ".someone-else.json.4242.abc123.tmp"
    other.write_bytes(b"{}")
    Session.open(meeting, Actor("ana"), clock)  # reading alone changes nothing on disk
    assert all(p.exists() for p in stale_temps)
    Session.open(meeting, Actor("ana"), clock).act("attend", names=["Cal"])
    assert not any(p.exists() for p in stale_temps)
    assert other.exists()  # another meeting's temp file is that meeting's business
    assert [p.name for p in meeting.parent.iterdir() if p.suffix == ".tmp"] == [other.name]


def test_a_refused_write_leaves_no_temp_file(meeting: Path, clock: FakeClock) -> None:
    session = Session.open(meeting, Actor("ana"), clock)
    with pytest.raises(Exception, match="already on the stack"):
        session.act("hand", name="Ana")
    assert [p for p in meeting.parent.iterdir() if p.suffix == ".tmp"] == []


def test_creating_a_meeting_never_overwrites_an_existing_file(data_root: Path, meeting: Path) -> None:
    before = snapshot(meeting)
    with pytest.raises(StoreError, match="already exists"):
        MeetingStore.create(meeting, {"id": meeting.stem}, {"ts": 0.0, "actor": {}, "type": "meeting_opened"})
    assert snapshot(meeting) == before
