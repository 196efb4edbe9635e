"""Minutes kept beside a meeting (facilitator/store/kept_minutes.py): used only while nothing has been
written to the meeting since, passed over when they are not as Facilitator writes them, and never
a way around the checks on the meeting's own file. Real files, the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.cli import main
from facilitator.meeting import state
from facilitator.minutes.document import minutes_json, minutes_markdown
from facilitator.session import Session
from facilitator.store import kept_minutes
from facilitator.store.meeting_file import MeetingStore


def minutes_cli(*args: str) -> str:
    result = CliRunner().invoke(main, ["minutes", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def made_now(path: Path) -> str:
    return minutes_markdown(state.fold(MeetingStore(path).load()))


def with_a_hand(session: Session, name: str = "Ana") -> Path:
    session.act("attend", names=[name])
    session.act("hand", name=name)
    return session.store.path


def tamper(path: Path, fmt: str, text: str) -> None:
    """Change the kept text, leaving its key: what the command prints then shows which it used."""
    kept_file = kept_minutes.kept_path(path)
    kept = json.loads(kept_file.read_text(encoding="utf-8"))
    kept["formats"][fmt] = text
    kept_file.write_text(json.dumps(kept), encoding="utf-8")


def test_the_command_keeps_what_it_makes_and_uses_it_while_nothing_changes(session: Session) -> None:
    path = with_a_hand(session)
    first = minutes_cli(path.stem)
    assert first == made_now(path)
    assert kept_minutes.kept_path(path).exists()
    tamper(path, "markdown", "kept\n")
    assert minutes_cli(path.stem) == "kept\n"  # nothing was written: the kept minutes are used


def test_any_write_to_the_meeting_makes_the_minutes_again(session: Session, clock: object) -> None:
    path = with_a_hand(session)
    minutes_cli(path.stem)
    tamper(path, "markdown", "kept\n")
    session.act("attend", names=["Zoë Ünal"])  # to the journal
    fresh = minutes_cli(path.stem)
    assert "Zoë Ünal" in fresh and fresh == made_now(path)
    tamper(path, "markdown", "kept\n")
    session.checkpoint()  # the same events, moved into the TinyDB file: a new file all the same
    assert minutes_cli(path.stem) == made_now(path)


def test_each_format_is_kept_on_its_own_and_both_survive(session: Session) -> None:
    path = with_a_hand(session)
    markdown = minutes_cli(path.stem)
    record = minutes_cli(path.stem, "--format", "json")
    store = MeetingStore(path)
    assert record == minutes_json(path.stem, store.meta(), store.load())
    kept = json.loads(kept_minutes.kept_path(path).read_text(encoding="utf-8"))
    assert kept["formats"] == {"markdown": markdown, "json": record}
    assert minutes_cli(path.stem, "-o", str(path.parent / "out.md")).startswith("minutes written")
    assert (path.parent / "out.md").read_text(encoding="utf-8") == markdown


@pytest.mark.parametrize(
    "kept_text",
    [
        "not json at all",
        '{"key": 1, "formats": []}',
        "[1, 2, 3]",
        "",
        '{"key": KEY, "formats": {"markdown": "\\u001b[2Jgone\\n"}}',  # an escape sequence for the terminal
        '{"key": KEY, "formats": {"markdown": 42}}',
    ],
)
def test_a_kept_file_not_as_facilitator_writes_it_is_passed_over(session: Session, kept_text: str) -> None:
    path = with_a_hand(session)
    key = json.dumps(kept_minutes.key_of(path))
    kept_minutes.kept_path(path).write_text(kept_text.replace("KEY", key), encoding="utf-8")
    assert minutes_cli(path.stem) == made_now(path)


def test_a_kept_file_that_is_a_link_is_never_followed(session: Session, tmp_path: Path) -> None:
    path = with_a_hand(session)
    minutes_cli(path.stem)
    elsewhere = tmp_path / "elsewhere"
    kept_minutes.kept_path(path).rename(elsewhere)
    tamper_target = json.loads(elsewhere.read_text(encoding="utf-8"))
    tamper_target["formats"]["markdown"] = "through a link\n"
    elsewhere.write_text(json.dumps(tamper_target), encoding="utf-8")
    kept_minutes.kept_path(path).symlink_to(elsewhere)
    assert minutes_cli(path.stem) == made_now(path)
    assert kept_minutes.kept_path(path).is_symlink()  # and not written through either
    assert "through a link" in elsewhere.read_text(encoding="utf-8")


def test_kept_minutes_do_not_get_around_the_checks_on_the_meetings_file(session: Session) -> None:
    path = with_a_hand(session)
    minutes_cli(path.stem)
    os.chmod(path, 0o666)
    result = CliRunner().invoke(main, ["minutes", path.stem])
    assert result.exit_code == 1
    assert "writable by anyone" in result.stderr


def test_minutes_made_while_someone_writes_are_not_kept(session: Session) -> None:
    path = with_a_hand(session)
    key = kept_minutes.key_of(path)
    text = made_now(path)
    session.act("hand", name="Ana", kind="clarify")  # written after the key was taken
    assert not kept_minutes.keep(path, "markdown", text, key)
    assert not kept_minutes.kept_path(path).exists()
    assert kept_minutes.kept(path, "markdown", kept_minutes.key_of(path)) is None


def test_the_operator_keeps_the_minutes_on_closing_unless_another_terminal_wrote_since(
    session: Session, clock: object
) -> None:
    path = with_a_hand(session)
    session.close()
    assert session.keep_minutes()
    assert kept_minutes.kept(path, "markdown", kept_minutes.key_of(path)) == made_now(path)

    other = Session.open(path, session.actor, session.clock)
    mine = Session.open(path, session.actor, session.clock)
    other.act("attend", names=["Maryam مريم 🌻"])
    other.close()
    mine.close()
    assert not mine.keep_minutes()  # its meeting lacks Maryam: keeping it would file stale minutes
    assert "Maryam" in minutes_cli(path.stem)


def test_another_time_zone_makes_the_minutes_again(session: Session, data_root: Path) -> None:
    path = with_a_hand(session)
    minutes_cli(path.stem)  # in UTC
    env = {**os.environ, "TZ": "Asia/Kolkata"}
    command = [sys.executable, "-c", "from facilitator.cli import run; run()", "--data-dir", str(data_root)]
    indian = subprocess.run([*command, "minutes", path.stem], env=env, capture_output=True, text=True, check=True)
    assert indian.stdout != made_now(path)  # 16:00 UTC is 21:30 in Kolkata
    assert "21:30" in indian.stdout
    again = subprocess.run([*command, "minutes", path.stem], capture_output=True, text=True, check=True)
    assert again.stdout == made_now(path)
