"""The CLI of PROCESS.md 3 and 7: quorum, role, note, action, next-meeting, agenda table and
move, `new --template`, and `minutes`. Each action and each refusal: a refusal is exit 1, one
line on stderr, no traceback, and nothing written."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from facilitator.cli import main
from facilitator.meeting.events import Actor
from facilitator.store import locations, meetings
from facilitator.store.meeting_file import MeetingStore


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def meeting(data_root: Path) -> str:
    """A meeting opened an hour ago (the CLI runs on the system clock)."""
    return meetings.create(data_root, "General assembly", Actor("ana"), time.time() - 3600, date="2025-11-24")


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(main, list(args))


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def act(runner: CliRunner, meeting: str, *args: str) -> str:
    out = ok(run(runner, "act", meeting, *args))
    assert len(out.splitlines()) == 1, out
    return out.strip()


def events(data_root: Path, meeting: str) -> int:
    return len(MeetingStore(locations.meeting_file(data_root, meeting)).load())


def refused(result: Result, match: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("facilitator: ")
    assert match in lines[0], lines[0]


def refused_act(runner: CliRunner, data_root: Path, meeting: str, match: str, *args: str) -> None:
    before = events(data_root, meeting)
    refused(run(runner, "act", meeting, *args), match)
    assert events(data_root, meeting) == before


def test_quorum(runner: CliRunner, data_root: Path, meeting: str) -> None:
    act(runner, meeting, "attend", "Ana", "Ben")
    assert act(runner, meeting, "quorum", "3") == "quorum set to 3 (2 present, quorum 3: below quorum)"
    assert act(runner, meeting, "quorum", "0") == "no quorum (2 present)"
    refused_act(runner, data_root, meeting, "a quorum is a number of people", "quorum", "--", "-2")
    refused_act(runner, data_root, meeting, "No such option '-2'", "quorum", "-2")
    refused_act(runner, data_root, meeting, "no quorum to remove", "quorum", "0")
    refused_act(runner, data_root, meeting, "'many' is not a valid integer", "quorum", "many")


def test_role(runner: CliRunner, data_root: Path, meeting: str) -> None:
    act(runner, meeting, "attend", "Dolores", "Jonas", "[bold]Ana[/]")
    assert act(runner, meeting, "role", "facilitator", "Dolores") == "Facilitator: Dolores"
    assert act(runner, meeting, "role", "facilitator", "Jonas") == "Facilitator: Jonas, taking over from Dolores"
    assert act(runner, meeting, "role", "door greeter", "[bold]Ana[/]") == "Door greeter: [bold]Ana[/]"
    refused_act(
        runner,
        data_root,
        meeting,
        "nobody called Dolors is here: did you mean Dolores? A newcomer is added with `attend Dolors`",
        "role",
        "vibes",
        "Dolors",
    )
    assert act(runner, meeting, "role", "facilitator") == "Facilitator: Jonas stepped down; the role is empty"
    refused_act(runner, data_root, meeting, "nobody holds the role Facilitator", "role", "facilitator")
    refused_act(runner, data_root, meeting, "the role contains a control character", "role", "a\x1bb", "Ana")
    refused_act(runner, data_root, meeting, "can only raise or lower", "--as", "Ana", "role", "vibes", "Ana")


def test_note(runner: CliRunner, data_root: Path, meeting: str) -> None:
    act(runner, meeting, "agenda", "add", "Boiler")
    act(runner, meeting, "agenda", "start")
    assert act(runner, meeting, "note", "Quotes are in.\nTwo of them.") == "note added on 'Boiler'"
    assert act(runner, meeting, "note", "After the fact", "--item", "1") == "note added on 'Boiler'"
    refused_act(runner, data_root, meeting, "the note cannot be empty", "note", "   ")
    refused_act(runner, data_root, meeting, "there is no item 7", "note", "x", "--item", "7")


def test_action(runner: CliRunner, data_root: Path, meeting: str) -> None:
    out = act(runner, meeting, "action", "Book the hall", "--owner", "Ana", "--owner", "Ben", "--due", "2025-12-01")
    assert out == "action item A1: Ana, Ben by 2025-12-01"
    assert act(runner, meeting, "action", "Call the plumber", "--owner", "Cleo") == "action item A2: Cleo"
    refused_act(runner, data_root, meeting, "Missing option '--owner'", "action", "Orphan task")
    refused_act(runner, data_root, meeting, "is not YYYY-MM-DD", "action", "x", "--owner", "Ana", "--due", "Friday")


def test_next_meeting(runner: CliRunner, data_root: Path, meeting: str) -> None:
    out = act(runner, meeting, "next-meeting", "2025-12-24", "--time", "19:00", "--place", "Common room")
    assert out == "next meeting: 2025-12-24 19:00, Common room"
    refused_act(runner, data_root, meeting, "not a time of day", "next-meeting", "2025-12-24", "--time", "7pm")


def test_agenda_table_and_move(runner: CliRunner, data_root: Path, meeting: str) -> None:
    act(runner, meeting, "attend", "Ana")
    for title in ("One", "Two", "Three"):
        act(runner, meeting, "agenda", "add", title, "--minutes", "10")
    assert act(runner, meeting, "agenda", "move", "Three", "1") == "'Three' moved to item 1"
    act(runner, meeting, "agenda", "start", "One")
    act(runner, meeting, "hand", "Ana")
    refused_act(runner, data_root, meeting, "carry them over or clear", "agenda", "table")
    assert act(runner, meeting, "agenda", "table", "--clear") == "tabled to a later meeting: One"
    refused_act(runner, data_root, meeting, "no agenda item is under way", "agenda", "table")
    refused_act(runner, data_root, meeting, "already tabled", "agenda", "table", "One")
    refused_act(runner, data_root, meeting, "off the agenda", "agenda", "move", "Two", "9")


def test_new_from_a_template(runner: CliRunner, data_root: Path) -> None:
    out = ok(run(runner, "new", "Branch meeting", "--template", "union-branch", "--date", "2026-01-12"))
    assert out.splitlines() == [
        "new meeting: Branch meeting (Union branch meeting: 7 agenda items)",
        "2026-01-12-branch-meeting",
    ]
    status = json.loads(ok(run(runner, "status", "2026-01-12-branch", "--json")))
    assert status["meeting"]["title"] == "Branch meeting"
    refused(run(runner, "new", "X", "--template", "book-club"), "no template 'book-club': use one of")
    assert not locations.meeting_file(data_root, f"{time.strftime('%Y-%m-%d')}-x").exists()


# ---- minutes ------------------------------------------------------------------------------


def test_minutes_print_markdown_or_the_full_record(runner: CliRunner, meeting: str) -> None:
    act(runner, meeting, "attend", "Ana | Ben")
    markdown = ok(run(runner, "minutes", meeting))
    assert markdown.startswith('---\ntitle: "General assembly"\ndate: "2025-11-24"\n---\n\n# General assembly\n')
    assert "1 person attended: Ana \\| Ben." in markdown
    record = json.loads(ok(run(runner, "minutes", meeting, "--format", "json")))
    assert record["meeting"]["id"] == meeting
    assert [e["type"] for e in record["events"]] == ["meeting_opened", "attended"]
    assert (
        ok(run(runner, "minutes", meeting, "--format", "json"))
        == json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    )
    refused(run(runner, "minutes", "no-such-meeting"), "no meeting 'no-such-meeting'")
    refused(run(runner, "minutes", meeting, "--format", "pdf"), "'pdf' is not one of")


def test_minutes_o_writes_a_file_and_refuses_to_overwrite_it(runner: CliRunner, meeting: str, tmp_path: Path) -> None:
    target = tmp_path / "minutes.md"
    assert ok(run(runner, "minutes", meeting, "-o", str(target))) == f"minutes written to {target}\n"
    first = target.read_text(encoding="utf-8")
    assert first.startswith("---\n")
    act(runner, meeting, "attend", "Ana")
    refused(run(runner, "minutes", meeting, "-o", str(target)), "already exists; use --force to replace it")
    assert target.read_text(encoding="utf-8") == first
    ok(run(runner, "minutes", meeting, "-o", str(target), "--force"))
    assert "1 person attended: Ana." in target.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_minutes_o_never_follows_a_symlink(runner: CliRunner, meeting: str, tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    link = tmp_path / "minutes.md"
    os.symlink(precious, link)
    dangling = tmp_path / "dangling.md"
    os.symlink(tmp_path / "nowhere.md", dangling)
    for args in ((), ("--force",)):
        refused(run(runner, "minutes", meeting, "-o", str(link), *args), "is a symbolic link")
        refused(run(runner, "minutes", meeting, "-o", str(dangling), *args), "is a symbolic link")
    assert precious.read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "nowhere.md").exists()
    assert link.is_symlink()


def test_minutes_o_refuses_a_folder_or_a_missing_folder(runner: CliRunner, meeting: str, tmp_path: Path) -> None:
    refused(run(runner, "minutes", meeting, "-o", str(tmp_path)), "is a folder")
    refused(run(runner, "minutes", meeting, "-o", str(tmp_path / "nope" / "m.md")), "does not exist")
