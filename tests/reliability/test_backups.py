"""Backups on every clean close and before a migration, and `facilitator recover`: a damaged
meeting is set aside (never deleted) and mended from its newest good backup plus whatever of
its journal follows on."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from facilitator.cli import main
from facilitator.clock import FakeClock
from facilitator.errors import StoreError
from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import backups as backup
from facilitator.store import meeting_file as store
from facilitator.store.backups import KEEP, backups, folder_of
from facilitator.store.files import Damaged
from facilitator.store.meeting_file import MeetingStore
from screens.app import FacilitatorApp
from tests.reliability.faults import mode_of
from tests.ui.conftest import in_loop, shows, type_in


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def names(path: Path) -> list[str]:
    return [e["data"]["name"] for e in MeetingStore(path).load() if e["type"] == "hand_raised"]


def reopen(path: Path, clock: FakeClock) -> Session:
    return Session.open(path, Actor("ana", role="stack", terminal="t2"), clock)


@pytest.fixture
def meeting(session: Session, clock: FakeClock) -> Path:
    """A meeting closed cleanly once (so it has a backup), then acted on without closing."""
    session.act("attend", names=["Ana", "Bob", "Cal"])
    session.act("hand", name="Ana")
    session.act("hand", name="Bob")
    session.close()
    later = reopen(session.store.path, clock)
    later.act("hand", name="Cal")  # in the journal only, after the backup
    return session.store.path


# ---- taking backups ------------------------------------------------------------------------


def test_a_clean_close_backs_the_meeting_up_privately(session: Session) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.close()
    [taken] = backups(session.store.path)
    assert taken.path.read_bytes() == session.store.path.read_bytes()
    assert taken.reason == "close" and taken.events == len(session.events)
    assert mode_of(taken.path) == 0o600
    assert mode_of(folder_of(session.store.path)) == mode_of(folder_of(session.store.path).parent) == 0o700


def test_a_close_that_changed_nothing_takes_no_second_backup(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.close()
    reopen(session.store.path, clock).close()
    assert len(backups(session.store.path)) == 1


def test_a_long_meeting_is_backed_up_whole_and_compared_to_the_last_byte(session: Session, clock: FakeClock) -> None:
    # Longer than the pieces a backup is copied and compared in.
    for n in range(3 * backup.PIECE // 250):
        session.act("note", text=f"note {n}: " + "x" * 200)
    session.close()
    path = session.store.path
    [first] = backups(path)
    assert path.stat().st_size > 2 * backup.PIECE
    assert first.path.read_bytes() == path.read_bytes()
    assert backup.take(path) is None  # the same bytes: no second backup
    altered = bytearray(first.path.read_bytes())
    altered[-10] ^= 1  # the same size, one byte different in the last piece
    first.path.write_bytes(bytes(altered))
    newest = backup.take(path)
    assert newest is not None and newest.path.read_bytes() == path.read_bytes()


def test_only_the_last_few_are_kept(session: Session, clock: FakeClock) -> None:
    path = session.store.path
    for i in range(KEEP + 3):
        s = reopen(path, clock)
        s.act("attend", names=[f"P{i}"])
        s.act("hand", name=f"P{i}")
        s.close()
    kept = backups(path)
    assert len(kept) == KEEP
    assert kept[0].path.read_bytes() == path.read_bytes()  # the newest is the meeting as it stands
    assert [b.events for b in kept] == sorted((b.events for b in kept), reverse=True)


def test_in_a_shared_folder_backups_stay_the_groups(session: Session) -> None:
    os.chmod(session.store.path.parent, 0o2770)
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.close()
    folder = folder_of(session.store.path)
    assert mode_of(folder.parent) == mode_of(folder) == 0o2770
    assert mode_of(backups(session.store.path)[0].path) == 0o660


def test_a_damaged_file_is_never_backed_up(meeting: Path) -> None:
    before = backups(meeting)
    meeting.write_bytes(meeting.read_bytes()[:40])
    assert backup.take(meeting) is None
    assert backups(meeting) == before


def test_a_migration_backs_the_old_file_up_first(
    session: Session, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.close()
    path = session.store.path
    original = path.read_bytes()

    def rename_hands(tables: dict[str, Any]) -> dict[str, Any]:
        return tables  # a migration that changes nothing but the schema number

    monkeypatch.setattr(store, "SCHEMA", 2)
    monkeypatch.setattr(store, "MIGRATIONS", {1: rename_hands})
    migrated = reopen(path, clock)
    assert names(path) == ["Ana"]
    assert json.loads(path.read_bytes())["meta"]["1"]["schema"] == 2
    [kept] = [b for b in backups(path) if b.reason != "close"]
    assert kept.reason == "before-migration-from-schema-1" and kept.path.read_bytes() == original
    for i in range(KEEP + 1):  # never pruned with the backups taken on close
        migrated.act("attend", names=[f"P{i}"])
        migrated.act("hand", name=f"P{i}")
        migrated.close()
    assert kept.path.exists()
    reopen(path, clock)
    assert len([b for b in backups(path) if b.reason != "close"]) == 1  # migrated once only


def test_a_schema_no_facilitator_wrote_is_damaged(meeting: Path, clock: FakeClock) -> None:
    tables = json.loads(meeting.read_bytes())
    tables["meta"]["1"]["schema"] = 0
    meeting.write_text(json.dumps(tables), encoding="utf-8")
    with pytest.raises(Damaged, match=r"no Facilitator wrote schema 0.*facilitator recover"):
        reopen(meeting, clock)


# ---- the refusal says how to recover -------------------------------------------------------


def test_the_refusal_of_a_damaged_file_says_how_to_recover(meeting: Path) -> None:
    meeting.write_bytes(b"{not json")
    code, out, err = cli("status", meeting.stem)
    assert (code, out) == (1, "")
    assert err.startswith(f"facilitator: {meeting} is damaged (not valid JSON")
    assert err.rstrip().endswith(f"exists: facilitator recover {meeting.stem}") and err.count("\n") == 1


def test_without_a_backup_the_refusal_does_not_offer_one(session: Session) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    path = session.store.path
    path.write_bytes(b"{not json")
    code, _, err = cli("status", path.stem)
    assert code == 1 and "recover" not in err


# ---- recover -------------------------------------------------------------------------------


DAMAGES = {
    "cut off": lambda raw: raw[: len(raw) // 2],
    "not JSON": lambda raw: b"hello",
    "empty": lambda raw: b"",
    "wrong shape": lambda raw: json.dumps({"events": []}).encode(),
    "bad types": lambda raw: raw.replace(b'"name":"Bob"', b'"name":5'),
}


@pytest.mark.parametrize("damage", list(DAMAGES), ids=list(DAMAGES))
def test_recover_mends_a_damaged_meeting_file_and_keeps_the_journal(meeting: Path, damage: str) -> None:
    damaged = DAMAGES[damage](meeting.read_bytes())
    meeting.write_bytes(damaged)
    code, out, err = cli("recover", meeting.stem)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(f"{meeting.stem} was damaged: {meeting}")
    assert lines[1].startswith("set the meeting file aside: ")
    aside = Path(lines[1].split(": ", 1)[1])
    assert aside.read_bytes() == damaged and aside.parent == folder_of(meeting)  # kept, byte for byte
    assert lines[2].startswith("set the journal aside: ")  # it is replaced by an empty one
    assert lines[3].startswith("restored the backup ") and "(taken " in lines[3]
    assert lines[4] == "kept 1 later action(s) from the journal"
    assert lines[-1].startswith(f"{meeting.stem} now holds 7 events; the last action: Cal is on the stack")
    assert names(meeting) == ["Ana", "Bob", "Cal"]  # nothing acknowledged was lost
    assert cli("act", meeting.stem, "attend", "Dee")[0] == 0
    assert cli("act", meeting.stem, "hand", "Dee")[0] == 0


def test_recover_when_only_the_journal_is_damaged_keeps_the_file_and_the_lines_before(
    meeting: Path, clock: FakeClock
) -> None:
    session = reopen(meeting, clock)
    session.act("attend", names=["Dee"])
    session.act("hand", name="Dee")
    journal = meeting.with_suffix(".journal")
    whole = journal.read_bytes()
    damaged = whole + b'[{"seq": "x"}]\n' + b'[{"seq": 99}]\n'
    journal.write_bytes(damaged)
    file_before = meeting.read_bytes()
    code, _, err = cli("status", meeting.stem)
    assert code == 1 and f"{journal} is damaged" in err and "facilitator recover" in err
    code, out, err = cli("recover", meeting.stem)
    assert code == 0, err
    assert "restored the backup" not in out  # the meeting file alone was good
    assert "kept 3 later action(s) from the journal" in out  # Cal's hand, Dee's arrival and hand
    assert "lost: 2 journal line(s)" in out
    [aside] = folder_of(meeting).glob("set-aside-*.journal")
    assert aside.read_bytes() == damaged
    assert names(meeting) == ["Ana", "Bob", "Cal", "Dee"]
    assert json.loads(meeting.read_bytes())["events"].keys() >= json.loads(file_before)["events"].keys()


def test_recover_refuses_a_meeting_that_opens_fine(meeting: Path) -> None:
    before = meeting.read_bytes()
    code, out, err = cli("recover", meeting.stem)
    assert (code, out) == (1, "")
    assert err == (
        f"facilitator: {meeting.stem} opens fine: nothing to recover (to go back to a backup anyway, name it with "
        f"--from; see: facilitator recover {meeting.stem} --list)\n"
    )
    assert meeting.read_bytes() == before


def test_recover_from_a_named_backup_goes_back_and_sets_the_present_aside(meeting: Path, clock: FakeClock) -> None:
    first = backups(meeting)[0]
    later = reopen(meeting, clock)
    later.act("attend", names=["Dee"])
    later.act("hand", name="Dee")
    later.close()
    code, out, _ = cli("recover", meeting.stem, "--list")
    assert code == 0 and out.splitlines()[-1].startswith(first.path.name)
    assert len(out.splitlines()) == 2
    code, out, err = cli("recover", meeting.stem, "--from", first.path.name[:23])
    assert code == 0, err
    assert "set the meeting file aside" in out and f"restored the backup {first.path.name}" in out
    assert names(meeting) == ["Ana", "Bob"]
    [aside] = folder_of(meeting).glob("set-aside-*.json")
    assert [e["data"].get("name") for e in json.loads(aside.read_bytes())["events"].values()][-1] == "Dee"


def test_recover_a_deleted_meeting_file(meeting: Path) -> None:
    meeting.unlink()
    code, out, err = cli("recover", meeting.stem)
    assert code == 0, err
    assert out.startswith(f"{meeting.stem} was damaged: its file is missing")
    assert names(meeting) == ["Ana", "Bob", "Cal"]


def test_recover_without_a_backup_says_so(session: Session) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    path = session.store.path
    path.write_bytes(b"oops")
    code, out, err = cli("recover", path.stem)
    assert (code, out) == (1, "")
    assert err == f"facilitator: {path.stem} has no backup in {folder_of(path)}: nothing to recover from\n"
    assert path.read_bytes() == b"oops"


def test_recover_skips_a_damaged_backup_for_an_older_good_one(meeting: Path, clock: FakeClock) -> None:
    later = reopen(meeting, clock)
    later.act("attend", names=["Dee"])
    later.act("hand", name="Dee")
    later.close()
    newest, older = backups(meeting)[:2]
    newest.path.write_bytes(b"{")
    meeting.write_bytes(b"{")
    code, out, err = cli("recover", meeting.stem)
    assert code == 0, err
    assert f"restored the backup {older.path.name}" in out
    assert names(meeting) == ["Ana", "Bob"]


def test_recover_does_not_mend_what_is_not_damage(meeting: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    os.replace(meeting, elsewhere)
    meeting.symlink_to(elsewhere)
    code, out, err = cli("recover", meeting.stem)
    assert (code, out) == (1, "")
    assert "is a symbolic link" in err and "recover mends damaged files only" in err
    assert meeting.is_symlink()


def test_a_backup_folder_that_is_a_link_is_refused(meeting: Path, tmp_path: Path) -> None:
    folder = folder_of(meeting)
    for file in folder.iterdir():
        file.unlink()
    folder.rmdir()
    (tmp_path / "elsewhere").mkdir()
    folder.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(StoreError, match="is a symbolic link"):
        backup.take(meeting)
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_a_deleted_meeting_with_backups_points_to_recover(meeting: Path) -> None:
    meeting.unlink()
    code, out, err = cli("status", meeting.stem)
    assert (code, out) == (1, "")
    assert err.rstrip().endswith(f"but it has backups: facilitator recover {meeting.stem}")


@in_loop
async def test_leaving_the_operator_screen_backs_the_meeting_up(session: Session, clock: FakeClock) -> None:
    path = session.store.path
    session.act("attend", names=["Ana"])
    app = FacilitatorApp(path.parent.parent, start="operator", meeting=path, actor=Actor("ana"), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_in(pilot, "Ana")
        await pilot.press("enter")
        await shows(pilot, "Ana is on the stack")
        await pilot.press("q")  # a clean close: checkpoint, then backup
        await pilot.pause()
    [taken] = backups(path)
    assert taken.path.read_bytes() == path.read_bytes()
    assert names(path) == ["Ana"]


def test_a_backup_cut_short_by_a_kill_is_swept_by_the_next_close(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.close()
    leftover = folder_of(session.store.path) / ".20251124T160000.000000Z-e3-close.json.4242.abc123.tmp"
    leftover.write_bytes(b'{"half": ')
    reopen(session.store.path, clock).close()  # nothing changed: no backup is due, the leftover goes anyway
    assert not leftover.exists() and len(backups(session.store.path)) == 1
