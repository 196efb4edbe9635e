"""The collective's memory from the command line (issue 18): `new --after`, `action-status`,
`decide --review`, `actions` and `decisions`. A refusal is exit 1, one line, nothing written."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from facilitator.cli import main
from facilitator.meeting.events import Actor
from facilitator.store import locations, meetings, summaries
from tests import users

TODAY = time.strftime("%Y-%m-%d")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(main, list(args))


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def refused(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.exception is None or isinstance(result.exception, SystemExit)  # never a traceback
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def act(runner: CliRunner, meeting: str, *args: str) -> str:
    return ok(run(runner, "act", meeting, *args)).strip()


@pytest.fixture
def first(runner: CliRunner, data_root: Path) -> str:
    """Last month's meeting, held an hour ago on its own date: a decision with a review date, a
    block, action items, an item tabled, the next meeting set."""
    meeting = meetings.create(data_root, "Tenants' assembly", Actor("ana"), time.time() - 3600, date="2025-11-24")
    act(runner, meeting, "attend", "Ana Lima", "Ben Okafor", "Zoë")
    for title in ("Heating", "Noise", "Garden"):
        act(runner, meeting, "agenda", "add", title)
    act(runner, meeting, "agenda", "start", "Heating")
    act(runner, meeting, "propose", "Heating fund", "--text", "We put 30 € a month aside.", "--by", "Ana Lima")
    act(runner, meeting, "test", "P1")
    act(runner, meeting, "agree", "P1", "Ana Lima", "Ben Okafor", "Zoë")
    act(runner, meeting, "decide", "P1", "--review", "2026-01-10")
    act(runner, meeting, "action", "Open a savings account", "--owner", "Zoë", "--due", "2025-12-01")
    act(runner, meeting, "action", "Ask the landlord [bold]now[/]", "--owner", "Ben Okafor")
    act(runner, meeting, "agenda", "start", "Noise")
    act(runner, meeting, "propose", "Quiet hours", "--text", "Silence après 22 h.", "--by", "Zoë")
    act(runner, meeting, "test", "P2")
    act(runner, meeting, "block", "P2", "Ben Okafor", "--reason", "night shifts, and a baby")
    act(runner, meeting, "decide", "P2")
    act(runner, meeting, "agenda", "table", "Garden")
    act(runner, meeting, "next-meeting", "2025-12-15", "--place", "Room 2")
    act(runner, meeting, "adjourn")
    return meeting


def test_new_after_carries_the_series_forward(runner: CliRunner, data_root: Path, first: str) -> None:
    out = ok(run(runner, "new", "Tenants' assembly", "--after", first[:10]))
    assert out.splitlines() == [
        f"new meeting: Tenants' assembly (after {first}, 2 open action items, 1 carried item)",
        "2025-12-15-tenants-assembly",
    ]
    status = json.loads(ok(run(runner, "status", "2025-12-15", "--json")))
    assert status["meeting"]["date"] == "2025-12-15"
    minutes = ok(run(runner, "minutes", "2025-12-15"))
    assert "Still to come: Action items from last time; Garden." in minutes
    assert "Items carried: Garden (carried from 2025-11-24): not taken up." in minutes


def test_new_after_refuses_in_one_line_and_creates_nothing(
    runner: CliRunner, data_root: Path, first: str, tmp_path: Path
) -> None:
    before = sorted(locations.sessions_dir(data_root).glob("*.json"))
    assert refused(run(runner, "new", "Next", "--after", "nobody")).startswith("facilitator: no meeting 'nobody'")
    line = refused(run(runner, "new", "Next", "--after", first, "--template", "general-assembly"))
    assert line == "facilitator: --after takes the previous meeting's rules; leave out --template"
    other = tmp_path / "elsewhere"
    theirs = meetings.create(other, "Theirs", Actor("ana"), time.time())
    line = refused(run(runner, "new", "Next", "--after", str(locations.meeting_file(other, theirs))))
    assert "is a meeting of another data folder" in line
    path = locations.meeting_file(data_root, first)
    path.with_suffix(".journal").unlink(missing_ok=True)
    path.write_bytes(path.read_bytes()[:200])
    assert refused(run(runner, "new", "Next", "--after", first)).startswith(f"facilitator: cannot follow {first}: ")
    assert sorted(locations.sessions_dir(data_root).glob("*.json")) == before


def test_action_status_here_and_from_another_meeting(runner: CliRunner, data_root: Path, first: str) -> None:
    lone = meetings.create(data_root, "Garden group", Actor("ana"), time.time() - 60)
    line = refused(run(runner, "act", lone, "action-status", "A1", "done"))
    assert line.startswith("facilitator: no action item A1 here: this meeting has none yet")
    said = act(runner, lone, "action-status", f"{first[:10]}:a1", "done", "--note", "opened at the co-op bank")
    assert said == f"{first}:A1 done: Open a savings account (opened at the co-op bank)"
    line = refused(run(runner, "act", lone, "action-status", f"{first}:A9", "done"))
    assert line == f"facilitator: no action item {first}:A9: {first} has A1, A2"
    line = refused(run(runner, "act", lone, "action-status", "nowhere:A1", "done"))
    assert line.startswith("facilitator: nowhere:A1: no meeting 'nowhere'")
    assert refused(run(runner, "act", lone, "action-status", f"{first}:A1", "finished")).startswith("facilitator: ")
    listed = ok(run(runner, "actions"))
    assert f"{first}:A1  [done]  Open a savings account — Zoë, due 2025-12-01; set 2025-11-24; last reviewed" in listed
    # markup-looking text is data: printed as typed
    assert f"{first}:A2  [open]  Ask the landlord [bold]now[/] — Ben Okafor; set 2025-11-24" in listed


def test_actions_open_owner_json_and_overdue(runner: CliRunner, data_root: Path, first: str) -> None:
    listed = ok(run(runner, "actions", "--open"))
    assert f"{first}:A1  [OVERDUE]  Open a savings account" in listed
    mine = ok(run(runner, "actions", "--owner", "ben  OKAFOR"))
    assert [line.split()[0] for line in mine.splitlines()] == [f"{first}:A2"]
    assert refused(run(runner, "actions", "--owner", "Nobody")) == "facilitator: no action items owned by Nobody"
    rows = json.loads(ok(run(runner, "actions", "--json", "--open")))["actions"]
    assert [(r["id"], r["overdue"], r["set_in"]) for r in rows] == [
        (f"{first}:A1", True, first),
        (f"{first}:A2", False, first),
    ]
    assert refused(run(runner, "actions", "--owner", "\x1b[31mx")).startswith("facilitator: ")


def test_decide_review_in_the_past_is_taken_with_a_warning(runner: CliRunner, data_root: Path) -> None:
    meeting = meetings.create(data_root, "GA", Actor("ana"), time.time() - 60)
    act(runner, meeting, "attend", "Ana")
    act(runner, meeting, "propose", "Paint", "--text", "Green.", "--by", "Ana")
    act(runner, meeting, "test", "P1")
    act(runner, meeting, "agree", "P1", "Ana")
    said = act(runner, meeting, "decide", "P1", "--review", "2020-01-01")
    assert said.endswith("review by 2020-01-01 — warning: that date is already past")
    line = refused(run(runner, "act", meeting, "decide", "P1", "--review", "someday"))
    assert "YYYY-MM-DD" in line


def test_the_register_in_three_formats_searched_and_due(
    runner: CliRunner, data_root: Path, first: str, tmp_path: Path
) -> None:
    text = ok(run(runner, "decisions"))
    assert text.startswith("# Register of decisions\n\n2 decisions from 1 meeting; newest first.")
    assert text.index("### P2 · Quiet hours: blocked") < text.index("### P1 · Heating fund: passed (consensus)")
    assert "- Blocks: Ben Okafor (night shifts, and a baby)" in text
    assert "- Review by 2026-01-10" in text
    rows = list(csv.DictReader(io.StringIO(ok(run(runner, "decisions", "--format", "csv")))))
    assert [(r["proposal"], r["review"], r["blocks"]) for r in rows] == [
        ("P2", "", "Ben Okafor (night shifts, and a baby)"),
        ("P1", "2026-01-10", ""),
    ]
    assert rows[1]["text"] == "We put 30 € a month aside."
    full = json.loads(ok(run(runner, "decisions", "--format", "json")))["decisions"]
    assert full[0]["blocks"] == [{"name": "Ben Okafor", "reason": "night shifts, and a baby"}]
    assert [
        d["id"] for d in json.loads(ok(run(runner, "decisions", "--search", "APRES", "--format", "json")))["decisions"]
    ] == [f"{first}:P2"]
    due = ok(run(runner, "decisions", "--due", "--format", "csv"))
    assert [r["proposal"] for r in csv.DictReader(io.StringIO(due))] == (["P1"] if TODAY >= "2026-01-10" else [])
    out = tmp_path / "register.md"
    assert ok(run(runner, "decisions", "-o", str(out))) == f"2 decisions written to {out}\n"
    assert out.read_text(encoding="utf-8") == text
    line = refused(run(runner, "decisions", "-o", str(out)))
    assert line == f"facilitator: {out} already exists; use --force to replace it"
    ok(run(runner, "decisions", "-o", str(out), "--force", "--format", "csv"))
    assert out.read_text(encoding="utf-8").startswith("date,meeting")


def test_a_damaged_meeting_is_left_out_of_the_register_with_a_warning(
    runner: CliRunner, data_root: Path, first: str
) -> None:
    second = ok(run(runner, "new", "Tenants' assembly", "--after", first)).split()[-1]
    path = locations.meeting_file(data_root, first)
    good = path.read_bytes()
    path.with_suffix(".journal").unlink(missing_ok=True)
    path.write_bytes(good[:300])
    result = run(runner, "decisions")
    assert result.exit_code == 0
    assert (
        result.stderr == f"facilitator: warning: left out, could not be read: {first} (facilitator recover MEETING)\n"
    )
    assert "0 decisions" in result.stdout
    assert refused(run(runner, "actions", "--owner", "Zoë")) == (
        f"facilitator: no action items owned by Zoë; left out, could not be read: {first} (facilitator recover MEETING)"
    )
    ok(run(runner, "recover", first))  # the newest good backup, kept on the last clean close
    assert "2 decisions from 1 meeting" in ok(run(runner, "decisions"))
    assert f"{first}:A1  [OVERDUE]" in ok(run(runner, "actions", "--owner", "Zoë"))
    assert second


# ---- a shared folder: two members, the group's modes --------------------------------------------


@pytest.fixture(scope="module")
def box() -> Iterator[users.Box]:
    yield from users.boxed("fcr")


def test_members_share_the_register_and_the_series_in_a_shared_folder(box: users.Box) -> None:
    a, b = box.members
    place = box.base / "series"
    place.mkdir(mode=0o755)
    os.chown(place, box.uid(a), -1)
    shared = place / "collective"

    def as_(user: str, *args: str) -> str:
        done = box.as_user(user, "--data-dir", str(shared), *args, umask="077")
        assert done.returncode == 0, done.stderr
        return done.stdout

    done = box.as_user(a, "init-shared", str(shared), "--group", box.group)
    assert done.returncode == 0, done.stderr
    first = as_(a, "new", "Street assembly", "--date", "2025-11-24").split()[-1]
    as_(a, "act", first, "attend", "Zora")
    as_(a, "act", first, "action", "Paint the sign", "--owner", "Zora")
    as_(a, "act", first, "next-meeting", "2025-12-15")
    assert "Paint the sign" in as_(a, "actions")  # summaries.json made by a
    second = as_(b, "new", "Street assembly", "--after", first).split()[-1]
    as_(b, "act", second, "action-status", f"{first}:A1", "done")
    assert "[done]  Paint the sign" in as_(b, "actions")  # summaries.json rewritten by b
    assert "no open action items" in as_(a, "actions", "--open")
    kept = shared / summaries.FILE
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o660
    assert os.stat(kept).st_gid == box.gid()


def test_a_name_from_earlier_meetings_keeps_its_spelling_whatever_the_case(
    runner: CliRunner, data_root: Path, first: str
) -> None:
    second = ok(run(runner, "new", "Tenants' assembly", "--after", first)).split()[-1]
    assert act(runner, second, "attend", "ben  OKAFOR", "zoë", "Newcomer Nia") == (
        "present: Ben Okafor, Zoë, Newcomer Nia (3 in all)"
    )
