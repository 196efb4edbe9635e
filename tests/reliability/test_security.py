"""Security: private modes everywhere (journal, locks, backups, index), no link followed when
opening or writing, a file crafted by another member of a shared box cannot drive the terminals
that show it, `minutes -o` never follows a link nor replaces without --force, `serve` is
read-only and on loopback by default, and a participant acts for nobody else."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from facilitator.cli import main
from facilitator.clock import FakeClock
from facilitator.errors import StoreError
from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import locations, meetings
from facilitator.store.backups import backups, folder_of
from facilitator.store.files import control_in
from tests.reliability.faults import mode_of


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def meeting(data_root: Path, clock: FakeClock) -> Path:
    meeting_id = meetings.create(data_root, "Private", Actor("ana"), clock.now())
    path = locations.meeting_file(data_root, meeting_id)
    session = Session.open(path, Actor("ana", role="stack", terminal="t1"), clock)
    session.act("attend", names=["Ana", "Bob", "Cy", "Mallory"])
    session.act("hand", name="Ana")
    session.close()
    Session.open(path, Actor("ana", role="stack", terminal="t1"), clock).act("hand", name="Bob")  # journal
    return path


# ---- modes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_every_file_is_0600_and_every_folder_0700_whatever_the_umask(data_root: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        code, out, err = cli("new", "Modes")
        assert code == 0, err
        meeting_id = out.split()[-1]
        for args in (["attend", "Ana", "Bob", "Cy"], ["hand", "Ana"], ["hand", "Bob"]):
            assert cli("act", meeting_id, *args)[0] == 0
        Session.open(locations.meeting_file(data_root, meeting_id), Actor("x"), FakeClock()).act("hand", name="Cy")
    finally:
        os.umask(old)
    found = {p: mode_of(p) for p in [data_root, *data_root.rglob("*")]}
    kinds = {p.suffix for p in found if p.is_file()}
    assert {".json", ".journal", ".lock"} <= kinds  # meeting, index, journal, locks, backups
    assert any(p.parent.parent.name == "backups" for p in found)
    for path, mode in found.items():
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {oct(mode)}"


# ---- links ---------------------------------------------------------------------------------


def link_in_place(path: Path, target: Path) -> None:
    if path.exists():
        target.write_bytes(path.read_bytes())
        path.unlink()
    path.symlink_to(target)


@pytest.mark.parametrize("which", ["meeting", "journal", "lock", "index", "index lock", "sessions", "backups"])
def test_no_link_is_followed_to_read_or_write(meeting: Path, tmp_path: Path, which: str) -> None:
    root = meeting.parent.parent
    path = {
        "meeting": meeting,
        "journal": meeting.with_suffix(".journal"),
        "lock": meeting.with_suffix(".lock"),
        "index": locations.index_file(root),
        "index lock": root / "index.lock",
        "sessions": meeting.parent,
        "backups": folder_of(meeting),
    }[which]
    target = tmp_path / "target"
    if path.is_dir():
        os.rename(path, target)
        path.symlink_to(target)
    else:
        link_in_place(path, target)
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} if target.is_dir() else target.read_bytes()
    commands = {
        "index": [["new", "Another"], ["list"]],
        "index lock": [["new", "Another"]],
        "backups": [["act", meeting.stem, "hand", "Cy"]],
    }.get(which, [["status", meeting.stem], ["act", meeting.stem, "hand", "Cy"]])
    for args in commands:
        code, _, err = cli(*args)
        if which in ("lock", "index lock", "backups") and args[0] in ("status", "list"):
            continue  # reading takes no lock and no backup
        assert code == 1 or "warning" in err, (args, err)
        assert "is a symbolic link" in err and "Traceback" not in err, (args, err)
    after = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} if target.is_dir() else target.read_bytes()
    assert after == before  # nothing written through the link


# ---- a crafted file cannot drive a terminal ------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    ["Ana\x1b]0;PWNED\x07", "Ana\x1b[2J", "Ana\x9b2J", "Ana\u202eanA", "Ana\x07", "Ana\ud800"],
    ids=["osc title", "clear screen", "c1 csi", "direction override", "bell", "lone surrogate"],
)
@pytest.mark.parametrize("where", ["meeting", "journal", "index"])
def test_a_file_holding_control_characters_is_refused_as_damaged(
    meeting: Path, payload: str, where: str, clock: FakeClock
) -> None:
    # Anyone in a shared box's group can write the files; what they write must not reach the
    # terminals of the others as escape sequences.
    root = meeting.parent.parent
    if where == "meeting":
        path = meeting
        tables = json.loads(path.read_bytes())
        next(e for e in tables["events"].values() if e["type"] == "hand_raised")["data"]["name"] = payload
        path.write_text(json.dumps(tables, ensure_ascii=payload.endswith("\ud800")), encoding="utf-8")
        commands = [["status", meeting.stem], ["minutes", meeting.stem], ["act", meeting.stem, "hand", "Cy"]]
    elif where == "journal":
        path = meeting.with_suffix(".journal")
        line = json.loads(path.read_bytes().splitlines()[-1])
        line[-1]["data"]["name"] = payload
        path.write_text(json.dumps(line, ensure_ascii=payload.endswith("\ud800")) + "\n", encoding="utf-8")
        commands = [["status", meeting.stem], ["act", meeting.stem, "hand", "Cy"]]
    else:
        path = locations.index_file(root)
        tables = json.loads(path.read_bytes())
        tables["people"] = {"1": {"name": payload}}
        path.write_text(json.dumps(tables, ensure_ascii=payload.endswith("\ud800")), encoding="utf-8")
        commands = [["list"], ["new", "Another"]]
    before = path.read_bytes()
    for args in commands:
        code, out, err = cli(*args)
        assert (code, out) == (1, ""), (args, out, err)
        assert f"{path} is damaged (it holds a control character, \\" in err, err
        assert not [c for c in out + err if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F], err
    if where != "index":
        with pytest.raises(StoreError, match="holds a control character"):
            Session.open(meeting, Actor("x"), clock)
    assert path.read_bytes() == before


# Every raw control as one pattern: what control_in finds, by another way (it searches by first byte).
RAW_CONTROL = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]")
CHARACTERS = [
    "a",
    "\u00e9",
    "\u00b7",
    "\x9b",
    "\x85",
    "\x7f",
    "\u2019",
    "\u2026",
    "\u202e",
    "\u2028",
    "\u2066",
    "\u206a",
]


@given(st.lists(st.sampled_from(CHARACTERS), max_size=40))
def test_the_first_raw_control_of_a_file_is_the_one_named(characters: list[str]) -> None:
    raw = "".join(characters).encode("utf-8")
    first = RAW_CONTROL.search(raw)
    assert control_in(raw) == (first.group().decode().encode("unicode_escape").decode() if first else None)


# ---- minutes -o ----------------------------------------------------------------------------


def test_minutes_output_never_follows_a_link_nor_replaces_without_force(meeting: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious", encoding="utf-8")
    link = tmp_path / "minutes.md"
    link.symlink_to(victim)
    code, _, err = cli("minutes", meeting.stem, "-o", str(link))
    assert code == 1 and "link" in err
    code, _, err = cli("minutes", meeting.stem, "-o", str(link), "--force")
    assert code == 1 and "link" in err
    assert victim.read_text(encoding="utf-8") == "precious" and link.is_symlink()
    code, _, err = cli("minutes", meeting.stem, "-o", str(victim))
    assert code == 1 and "--force" in err and victim.read_text(encoding="utf-8") == "precious"
    assert cli("minutes", meeting.stem, "-o", str(victim), "--force")[0] == 0
    assert victim.read_text(encoding="utf-8").startswith("---")
    assert stat.S_ISREG(os.lstat(victim).st_mode)


# ---- a participant acts for nobody else ------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["hand", "Bob"],
        ["lower", "Bob"],
        ["attend", "Mallory"],
        ["next"],
        ["note", "I was here"],
        ["role", "facilitator", "Mallory"],
        ["move", "Bob", "1"],
        ["stack", "close"],
    ],
)
def test_a_participant_cannot_act_for_anyone_else(meeting: Path, args: list[str]) -> None:
    before = Session.open(meeting, Actor("x"), FakeClock()).events
    code, out, err = cli("act", meeting.stem, "--as", "Mallory", *args)
    assert (code, out) == (1, ""), err
    assert err.startswith("facilitator: ") and err.count("\n") == 1
    assert Session.open(meeting, Actor("x"), FakeClock()).events == before


def test_a_participant_acts_for_themself_recorded_with_the_os_user(meeting: Path) -> None:
    code, _, err = cli("act", meeting.stem, "--as", "Mallory", "hand")
    assert code == 0, err
    last = Session.open(meeting, Actor("x"), FakeClock()).events[-1]
    assert last["data"]["name"] == "Mallory" and last["actor"]["as"] == "Mallory" and last["actor"]["user"]


def test_backups_of_a_meeting_stay_private(meeting: Path) -> None:
    assert backups(meeting)
    for taken in backups(meeting):
        assert mode_of(taken.path) == 0o600
    assert mode_of(folder_of(meeting)) == mode_of(folder_of(meeting).parent) == 0o700
