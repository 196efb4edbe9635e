"""Issue 16 from a shell: a meeting entered from paper notes, begun and adjourned, names that
match nobody, the meeting's rule and its fallback, `decision-rule`, the late addition to a
closed stack, counts beyond those present. Each refusal is one line, exit 1, nothing written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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


def refused(runner: CliRunner, data_root: Path, meeting: str, *args: str) -> str:
    before = locations.meeting_file(data_root, meeting).read_bytes()
    result = run(runner, "act", meeting, *args)
    assert result.exit_code == 1, result.output
    assert result.stdout == "" and "Traceback" not in result.output
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert locations.meeting_file(data_root, meeting).read_bytes() == before
    return result.stderr.removeprefix("facilitator: ").strip()


def yesterday_meeting(runner: CliRunner) -> tuple[str, str]:
    day = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    meeting = ok(run(runner, "new", "GA", "--date", day, "--template", "general-assembly")).splitlines()[-1]
    ok(run(runner, "act", meeting, "--at", "19:00", "quorum", "0"))
    return meeting, day


def act(runner: CliRunner, meeting: str, *args: str) -> str:
    return ok(run(runner, "act", meeting, *args)).strip()


def test_a_meeting_from_paper_notes_is_entered_at_its_own_times_and_adjourned(
    runner: CliRunner, data_root: Path
) -> None:
    meeting, day = yesterday_meeting(runner)
    act(runner, meeting, "--at", "19:00", "attend", "Ana Lima", "Ivan Petrov", "Ben Okoro")
    assert act(runner, meeting, "--at", "19:02", "begin") == "the meeting begins (19:02)"
    act(runner, meeting, "--at", "19:05", "agenda", "start", "1")
    act(runner, meeting, "--at", "19:06", "hand", "Ana Lima")
    act(runner, meeting, "--at", "19:07", "next")
    message = refused(runner, data_root, meeting, "--at", "19:01", "hand", "Ben Okoro")
    assert message == "--at is earlier than the last recorded action (19:07); enter actions in the order they happened"
    before = (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()
    assert refused(runner, data_root, meeting, "--at", f"{before}T23:00", "hand", "Ben Okoro") == (
        f"--at is before the meeting's date ({day})"
    )
    said = act(runner, meeting, "--at", "20:45", "adjourn")
    assert said == "the meeting is adjourned at 20:45 (the turn ended; done: Welcome, roles and how we decide)"
    assert "reopen the meeting" in refused(runner, data_root, meeting, "--at", "20:46", "hand", "Ben Okoro")
    act(runner, meeting, "--at", "20:50", "note", "Written up from the paper notes")
    minutes = ok(run(runner, "minutes", meeting))
    assert "- **Time:** 19:02 to 20:45\n" in minutes
    assert "in progress" not in minutes
    assert "reopened" in act(runner, meeting, "reopen")


def test_a_name_that_matches_nobody_is_refused_from_the_shell(runner: CliRunner, data_root: Path) -> None:
    meeting, _ = yesterday_meeting(runner)
    act(runner, meeting, "--at", "19:00", "attend", "Ana Lima", "Ivan Petrov")
    for args in (("hand", "Iv"), ("role", "facilitator", "Iv"), ("leave", "Iv"), ("lower", "Iv")):
        assert refused(runner, data_root, meeting, *args) == (
            "nobody called Iv is here: did you mean Ivan Petrov? A newcomer is added with `attend Iv`"
        )
    assert act(runner, meeting, "role", "facilitator", "ANA  lima") == "Facilitator: Ana Lima"


def test_decide_keeps_to_the_meetings_rule_then_its_fallback(runner: CliRunner, data_root: Path) -> None:
    meeting, _ = yesterday_meeting(runner)  # the general assembly's rule: consensus, then 9/10
    act(runner, meeting, "--at", "19:00", "attend", "Ana Lima", "Ivan Petrov")
    act(runner, meeting, "--at", "19:01", "propose", "Boiler", "--text", "Replace the boiler", "--by", "Ana Lima")
    act(runner, meeting, "--at", "19:02", "test", "P1")
    act(runner, meeting, "--at", "19:03", "block", "P1", "Ivan Petrov", "--reason", "allergies")
    act(runner, meeting, "--at", "19:04", "agree", "P1", "--count", "8")
    message = refused(runner, data_root, meeting, "--at", "19:05", "decide", "P1", "--rule", "majority")
    assert "consensus" in message and "supermajority:0.9" in message and "decision-rule" in message
    said = act(runner, meeting, "--at", "19:05", "decide", "P1")
    assert said.startswith("P1: 1 block (consensus allows none): blocked; the fallback is supermajority:0.9")
    said = act(runner, meeting, "--at", "19:06", "decide", "P1", "--rule", "supermajority:0.9")
    assert said == (
        "P1: fallback, supermajority:0.9: 8 of 9 agree = 88.9% < 90%: failed — warning: 9 counted, 2 present"
    )
    minutes = ok(run(runner, "minutes", meeting))
    assert "Consensus: blocked (Ivan Petrov: allergies). Fallback, 9/10 supermajority: 8 of 9 agree" in minutes


def test_decision_rule_is_changed_on_record_with_its_reason(runner: CliRunner, data_root: Path) -> None:
    meeting, _ = yesterday_meeting(runner)
    assert "say why" in refused(runner, data_root, meeting, "--at", "19:01", "decision-rule", "majority")
    said = act(
        runner, meeting, "--at", "19:01", "decision-rule", "majority", "--fallback", "none", "--reason", "a vote today"
    )
    assert said == "decision rule: majority, no fallback (was consensus); reason: a vote today"
    minutes = ok(run(runner, "minutes", meeting))
    assert "- **Decision rule changed** at 19:01: majority" in minutes and "Reason: a vote today" in minutes


def test_a_closed_stack_takes_a_late_addition_on_purpose(runner: CliRunner, data_root: Path) -> None:
    meeting, _ = yesterday_meeting(runner)
    act(runner, meeting, "--at", "19:00", "attend", "Ana Lima", "Ivan Petrov")
    act(runner, meeting, "--at", "19:01", "stack", "close")
    message = refused(runner, data_root, meeting, "--at", "19:02", "hand", "Ana Lima")
    assert message == "the stack is closed to new points (points of process are still welcome)"
    said = act(runner, meeting, "--at", "19:02", "hand", "Ana Lima", "--late")
    assert said == "Ana Lima is on the stack (new point, added late: the stack is closed)"
    assert "added late" in ok(run(runner, "status", meeting))
