"""`facilitator new | list | status | demo --no-open`, and how MEETING is found (id or prefix).

Refusals: exit 1, one line on stderr starting "facilitator: ", no traceback."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from facilitator.cli import main
from facilitator.store import locations


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(main, list(args))


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def refused(result: Result, match: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("facilitator: "), result.stderr
    assert match in lines[0], lines[0]


def new(runner: CliRunner, *args: str) -> str:
    return ok(run(runner, "new", *args)).splitlines()[-1]


def status_json(runner: CliRunner, meeting: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(run(runner, "status", meeting, "--json")))
    return data


# ---- new ---------------------------------------------------------------------------------------


def test_new_prints_the_id_last(runner: CliRunner, data_root: Path) -> None:
    out = ok(run(runner, "new", "General assembly", "--date", "2026-03-05", "--location", "Common room"))
    assert out.splitlines() == ["new meeting: General assembly", "2026-03-05-general-assembly"]
    assert locations.meeting_file(data_root, "2026-03-05-general-assembly").exists()


def test_new_gives_a_fresh_id_to_a_second_meeting_of_the_same_name(runner: CliRunner) -> None:
    first = new(runner, "GA", "--date", "2026-03-05")
    second = new(runner, "GA", "--date", "2026-03-05")
    assert (first, second) == ("2026-03-05-ga", "2026-03-05-ga-2")


def test_new_makes_a_slug_of_any_title(runner: CliRunner) -> None:
    assert new(runner, "Asamblea: ¿Qué hacemos? 🙂", "--date", "2026-03-05") == "2026-03-05-asamblea-que-hacemos"
    assert new(runner, "مريم", "--date", "2026-03-05") == "2026-03-05-meeting"


def test_new_without_a_date_is_today(runner: CliRunner) -> None:
    assert new(runner, "GA").startswith(time.strftime("%Y-%m-%d"))


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["   "], "the title cannot be empty"),
        (["GA\x1b[2J"], "the title contains a control character (U+001B)"),
        (["x" * 201], "the limit is 200"),
        (["GA", "--date", "2026-02-30"], "the date '2026-02-30' does not exist"),
        (["GA", "--date", "05/03/2026"], "the date '05/03/2026' is not YYYY-MM-DD"),
        (["GA", "--location", "Hall\x07"], "the place contains a control character"),
        (["GA", "--template", "no-such-template"], "no-such-template"),
        ([], "Missing argument 'TITLE'"),
    ],
)
def test_new_refusals(runner: CliRunner, data_root: Path, args: list[str], match: str) -> None:
    refused(run(runner, "new", *args), match)
    assert not list(locations.sessions_dir(data_root).glob("*.json"))


# ---- list ------------------------------------------------------------------------------------


def test_list_with_no_meetings_says_how_to_start(runner: CliRunner) -> None:
    assert ok(run(runner, "list")) == "no meetings yet: facilitator new TITLE, or facilitator demo\n"
    assert json.loads(ok(run(runner, "list", "--json"))) == []


def test_list_shows_newest_first(runner: CliRunner) -> None:
    new(runner, "Spring assembly", "--date", "2026-03-05")
    new(runner, "Summer assembly", "--date", "2026-06-05", "--location", "Park")
    assert ok(run(runner, "list")).splitlines() == [
        "2026-06-05-summer-assembly  2026-06-05  Summer assembly",
        "2026-03-05-spring-assembly  2026-03-05  Spring assembly",
    ]
    rows = json.loads(ok(run(runner, "list", "--json")))
    assert [(r["id"], r["title"], r["date"], r["location"]) for r in rows] == [
        ("2026-06-05-summer-assembly", "Summer assembly", "2026-06-05", "Park"),
        ("2026-03-05-spring-assembly", "Spring assembly", "2026-03-05", ""),
    ]


def test_list_leaves_out_meetings_whose_file_is_gone(runner: CliRunner, data_root: Path) -> None:
    gone = new(runner, "Gone", "--date", "2026-03-05")
    new(runner, "Kept", "--date", "2026-03-06")
    locations.meeting_file(data_root, gone).unlink()
    assert [r["id"] for r in json.loads(ok(run(runner, "list", "--json")))] == ["2026-03-06-kept"]


def test_data_dir_option_comes_before_any_command(runner: CliRunner, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    meeting = ok(run(runner, "--data-dir", str(other), "new", "GA", "--date", "2026-03-05")).splitlines()[-1]
    assert locations.meeting_file(other, meeting).exists()
    assert ok(run(runner, "list")).startswith("no meetings yet")
    assert meeting in ok(run(runner, "--data-dir", str(other), "list"))


# ---- status --------------------------------------------------------------------------------


def test_status_of_a_fresh_meeting(runner: CliRunner) -> None:
    meeting = new(runner, "General assembly", "--date", "2026-03-05")
    data = status_json(runner, meeting)
    assert data["meeting"]["id"] == meeting and data["meeting"]["title"] == "General assembly"
    assert (data["present"], data["item"], data["speaker"], data["stack"]) == ([], None, None, [])
    assert data["proposals"] == [] and data["check"] is None
    text = ok(run(runner, "status", meeting))
    assert text.splitlines()[:2] == [f"General assembly ({meeting}), 0 present", "speaking: nobody"]
    assert "(empty)" in text


def test_status_shows_speaker_stack_and_reasons(runner: CliRunner) -> None:
    meeting = new(runner, "GA", "--date", "2026-03-05")
    arrive = ["attend", "Ana", "Bob", "Rui"]
    for args in (arrive, ["hand", "Ana"], ["hand", "Bob"], ["next"], ["hand", "Rui", "--kind", "response"]):
        ok(run(runner, "act", meeting, *args))
    data = status_json(runner, meeting)
    assert data["present"] == ["Ana", "Bob", "Rui"]
    speaker = data["speaker"]
    assert (speaker["name"], speaker["kind"], speaker["state"]) == ("Ana", "new", "speaking")
    assert 0 < speaker["remaining"] <= 120
    assert [(e["name"], e["kind"], e["reason"]) for e in data["stack"]] == [
        ("Rui", "response", "responds to Ana"),
        ("Bob", "new", data["stack"][1]["reason"]),
    ]
    assert data["stack"][1]["reason"].startswith("asked ")
    text = ok(run(runner, "status", meeting)).splitlines()
    assert text[1].startswith("speaking: Ana (new point): ") and " left, spoken 0:" in text[1]
    assert "  1. Rui: direct response, responds to Ana" in text
    ok(run(runner, "act", meeting, "attend", "Cal"))
    ok(run(runner, "act", meeting, "hand", "Cal", "--kind", "clarify"))
    assert "  1. Cal: clarifying question, asked " in ok(run(runner, "status", meeting))  # said once, then when


def test_meeting_may_be_named_by_an_unambiguous_prefix(runner: CliRunner) -> None:
    new(runner, "Spring assembly", "--date", "2026-03-05")
    new(runner, "Summer assembly", "--date", "2026-06-05")
    assert status_json(runner, "2026-03")["meeting"]["id"] == "2026-03-05-spring-assembly"
    refused(run(runner, "status", "2026"), "'2026' could be 2026-03-05-spring-assembly, 2026-06-05-summer-assembly")
    refused(run(runner, "status", "1999"), "no meeting '1999'")
    refused(run(runner, "status", "../index"), "no meeting '../index'")
    refused(run(runner, "status"), "Missing argument 'MEETING'")


def test_open_and_project_refuse_an_unknown_meeting_before_any_screen(runner: CliRunner) -> None:
    refused(run(runner, "open", "nope"), "no meeting 'nope'")
    refused(run(runner, "project", "nope"), "no meeting 'nope'")


# ---- demo --------------------------------------------------------------------------------------


def test_demo_no_open_builds_a_meeting_in_progress(runner: CliRunner) -> None:
    assert ok(run(runner, "demo", "--no-open")) == "demo\n"
    data = status_json(runner, "demo")
    assert len(data["present"]) >= 10
    assert data["item"] is not None
    assert data["speaker"] is not None and data["speaker"]["state"] == "speaking"
    assert len({e["kind"] for e in data["stack"]}) >= 3
    assert all(e["reason"] for e in data["stack"])


def test_demo_is_rebuilt_fresh_each_time(runner: CliRunner) -> None:
    ok(run(runner, "demo", "--no-open"))
    ok(run(runner, "act", "demo", "stack", "close"))
    assert status_json(runner, "demo")["stack_closed"] is True
    ok(run(runner, "demo", "--no-open"))
    assert status_json(runner, "demo")["stack_closed"] is False
    assert [r["id"] for r in json.loads(ok(run(runner, "list", "--json")))].count("demo") == 1
