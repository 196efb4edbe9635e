"""`facilitator act MEETING [--as NAME] [--at TIME] ACTION ...`: every action, every refusal.

A refusal is exit code 1, exactly one line on stderr starting "facilitator: ", nothing on
stdout, no traceback, and nothing written to the meeting."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from facilitator.cli import main
from facilitator.meeting.events import Actor
from facilitator.store import locations, meetings

HOUR = 3600.0


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def meeting(data_root: Path) -> str:
    """A meeting opened two hours ago (real time: the CLI runs on the system clock)."""
    return meetings.create(data_root, "General assembly", Actor("ana"), time.time() - 2 * HOUR)


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(main, list(args))


def act(runner: CliRunner, meeting: str, *args: str) -> Result:
    result = run(runner, "act", meeting, *args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1, result.stdout
    return result


def refused(result: Result, match: str) -> str:
    """A refusal as the contract says; returns the message."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("facilitator: ")
    assert match in lines[0], lines[0]
    return lines[0]


def status(runner: CliRunner, meeting: str) -> dict[str, Any]:
    result = run(runner, "status", meeting, "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def stack(runner: CliRunner, meeting: str) -> list[tuple[str, str]]:
    return [(e["name"], e["kind"]) for e in status(runner, meeting)["stack"]]


def file_bytes(data_root: Path, meeting: str) -> bytes:
    return locations.meeting_file(data_root, meeting).read_bytes()


def assert_refused_without_writing(
    runner: CliRunner, data_root: Path, meeting: str, args: list[str], match: str
) -> None:
    before = file_bytes(data_root, meeting)
    refused(run(runner, "act", meeting, *args), match)
    assert file_bytes(data_root, meeting) == before


def speaking(runner: CliRunner, meeting: str, name: str = "Ana") -> None:
    act(runner, meeting, "hand", name)
    act(runner, meeting, "next")


# ---- every action ---------------------------------------------------------------------------


def test_attend_and_leave(runner: CliRunner, meeting: str) -> None:
    assert act(runner, meeting, "attend", "Ana", "Bob").stdout == "present: Ana, Bob (2 in all)\n"
    assert act(runner, meeting, "leave", "bob").stdout == "Bob left\n"
    assert status(runner, meeting)["present"] == ["Ana"]


def test_hand_with_kind_and_step_up(runner: CliRunner, meeting: str) -> None:
    act(runner, meeting, "attend", "Ana", "Pat", "Cal")
    assert act(runner, meeting, "hand", "Ana").stdout == "Ana is on the stack (new point)\n"
    act(runner, meeting, "hand", "Pat", "--kind", "process")
    act(runner, meeting, "stack", "mode", "step-up")
    out = act(runner, meeting, "hand", "Cal", "--step-up").stdout
    assert out == "Cal is on the stack (new point, step up)\n"
    entries = status(runner, meeting)["stack"]
    assert [(e["name"], e["kind"], e["reason"][:6]) for e in entries][:2] == [
        ("Pat", "process", "asked "),  # the kind says why it goes first; the reason when it was asked
        ("Cal", "new", "step u"),
    ]
    assert entries[1]["step_up"] is True


def test_lower_and_move(runner: CliRunner, meeting: str) -> None:
    act(runner, meeting, "attend", "Ana", "Bob", "Cal")
    for name in ("Ana", "Bob", "Cal"):
        act(runner, meeting, "hand", name)
    act(runner, meeting, "hand", "Ana", "--kind", "clarify")
    assert act(runner, meeting, "lower", "Ana", "--kind", "clarify").stdout.startswith("Ana taken off the stack by")
    out = act(runner, meeting, "move", "Cal", "1").stdout
    assert out == "Cal moved to 1st\n"  # by the terminal's role, and a shell has none
    assert stack(runner, meeting) == [("Cal", "new"), ("Ana", "new"), ("Bob", "new")]
    assert status(runner, meeting)["stack"][0]["reason"] == "moved by the operator"
    act(runner, meeting, "lower", "bob")
    assert stack(runner, meeting) == [("Cal", "new"), ("Ana", "new")]


def test_stack_close_open_and_mode(runner: CliRunner, meeting: str) -> None:
    assert act(runner, meeting, "stack", "close").stdout.startswith("stack closed to new points")
    assert status(runner, meeting)["stack_closed"] is True
    assert act(runner, meeting, "stack", "open").stdout == "stack open again\n"
    for mode in ("first-time", "least-airtime", "step-up", "off"):
        assert act(runner, meeting, "stack", "mode", mode).stdout == f"progressive stack: {mode}\n"
        assert status(runner, meeting)["mode"] == mode


def test_next_pause_resume_extend_end(runner: CliRunner, meeting: str) -> None:
    act(runner, meeting, "attend", "Ana", "Bob")
    act(runner, meeting, "hand", "Ana")
    act(runner, meeting, "hand", "Bob")
    assert act(runner, meeting, "next").stdout == "Ana has the floor (new point)\n"
    speaker = status(runner, meeting)["speaker"]
    assert (speaker["name"], speaker["kind"], speaker["state"]) == ("Ana", "new", "speaking")
    assert 110 < speaker["remaining"] <= 120
    assert act(runner, meeting, "pause").stdout == "Ana's clock paused\n"
    assert status(runner, meeting)["speaker"]["state"] == "paused"
    assert act(runner, meeting, "resume").stdout == "Ana's clock running again\n"
    assert act(runner, meeting, "extend", "30").stdout == "Ana's turn extended by 0:30\n"
    assert status(runner, meeting)["speaker"]["remaining"] > 120
    assert act(runner, meeting, "next").stdout == "Bob has the floor (new point)\n"
    assert act(runner, meeting, "end").stdout.startswith("Bob finished after 0:0")
    assert status(runner, meeting)["speaker"] is None


def test_point_of_process_from_the_command_line(runner: CliRunner, meeting: str) -> None:
    act(runner, meeting, "attend", "Ana", "Pat")
    speaking(runner, meeting, "Ana")
    act(runner, meeting, "hand", "Pat", "--kind", "process")
    assert act(runner, meeting, "next").stdout == "Ana paused for a point of process; Pat has the floor\n"
    assert status(runner, meeting)["paused_for_process"] == ["Ana"]
    assert act(runner, meeting, "end").stdout == "point of process done; Ana has the floor again\n"
    assert status(runner, meeting)["speaker"]["name"] == "Ana"


def test_response_says_whom_it_answers(runner: CliRunner, meeting: str) -> None:
    act(runner, meeting, "attend", "Ana", "Rui")
    speaking(runner, meeting, "Ana")
    act(runner, meeting, "hand", "Rui", "--kind", "response")
    assert status(runner, meeting)["stack"][0]["reason"] == "responds to Ana"
    act(runner, meeting, "next")
    assert status(runner, meeting)["speaker"]["answers"] == "Ana"


def test_undo_reverts_this_persons_latest_action(runner: CliRunner, meeting: str) -> None:
    act(runner, meeting, "attend", "Ana", "Bob")
    act(runner, meeting, "hand", "Ana")
    act(runner, meeting, "hand", "Bob")
    assert act(runner, meeting, "undo").stdout == "undid: Bob is on the stack (new point)\n"
    assert stack(runner, meeting) == [("Ana", "new")]
    act(runner, meeting, "undo")
    assert stack(runner, meeting) == []


def test_agenda_add_start_done(runner: CliRunner, meeting: str) -> None:
    act(runner, meeting, "attend", "Ana")
    out = act(runner, meeting, "agenda", "add", "Budget", "--minutes", "20", "--kind", "proposal").stdout
    assert out == "agenda item 1 added: Budget\n"
    act(runner, meeting, "agenda", "add", "Garden")
    assert act(runner, meeting, "agenda", "start").stdout == "now on: Budget\n"
    assert status(runner, meeting)["item"] == {"title": "Budget", "kind": "proposal", "minutes": 20}
    act(runner, meeting, "hand", "Ana")
    act(runner, meeting, "agenda", "start", "Gar", "--carry")
    assert status(runner, meeting)["item"]["title"] == "Garden"
    assert stack(runner, meeting) == [("Ana", "new")]
    assert act(runner, meeting, "agenda", "done", "--clear").stdout == "done: Garden\n"
    assert status(runner, meeting)["item"] is None
    assert stack(runner, meeting) == []


# ---- every refusal -------------------------------------------------------------------------


def test_refusals_of_attendance(runner: CliRunner, data_root: Path, meeting: str) -> None:
    act(runner, meeting, "attend", "Ana")
    assert_refused_without_writing(runner, data_root, meeting, ["attend", "ana"], "Ana already present")
    assert_refused_without_writing(runner, data_root, meeting, ["attend"], "Missing argument")
    assert_refused_without_writing(
        runner, data_root, meeting, ["leave", "Bob"], "nobody called Bob is here. A newcomer is added with `attend Bob`"
    )
    act(runner, meeting, "attend", "Bob")
    act(runner, meeting, "leave", "Bob")
    assert_refused_without_writing(runner, data_root, meeting, ["leave", "Bob"], "Bob is not present")
    speaking(runner, meeting, "Ana")
    assert_refused_without_writing(runner, data_root, meeting, ["leave", "Ana"], "Ana has the floor")


def test_refusals_of_the_stack(runner: CliRunner, data_root: Path, meeting: str) -> None:
    act(runner, meeting, "attend", "Rui", "Ana", "Bob")
    r = assert_refused_without_writing
    r(runner, data_root, meeting, ["hand", "Rui", "--kind", "response"], "nobody has spoken yet on this item")
    r(runner, data_root, meeting, ["hand", "Ana", "--kind", "rant"], "Invalid value for '--kind'")
    r(runner, data_root, meeting, ["hand"], "name the person")
    act(runner, meeting, "hand", "Ana")
    r(runner, data_root, meeting, ["hand", "ANA"], "Ana is already on the stack (new point)")
    r(runner, data_root, meeting, ["lower", "Bob"], "Bob is not on the stack")
    r(runner, data_root, meeting, ["move", "Ana", "2"], "position 2 is off the stack: choose 1 to 1")
    r(runner, data_root, meeting, ["move", "Ana", "first"], "Invalid value for 'POSITION'")
    r(runner, data_root, meeting, ["move", "Bob", "1"], "Bob is not on the stack")
    act(runner, meeting, "hand", "Ana", "--kind", "clarify")
    r(runner, data_root, meeting, ["lower", "Ana"], "Ana is on the stack more than once")
    r(runner, data_root, meeting, ["stack", "open"], "the stack is already open")
    act(runner, meeting, "stack", "close")
    r(runner, data_root, meeting, ["stack", "close"], "the stack is already closed")
    r(runner, data_root, meeting, ["stack", "mode", "loudest"], "'loudest' is not one of 'off'")
    r(runner, data_root, meeting, ["stack", "mode", "off"], "the progressive mode is already off")
    r(runner, data_root, meeting, ["stack"], "needs one of: close, mode, open")


def test_refusals_of_turns(runner: CliRunner, data_root: Path, meeting: str) -> None:
    act(runner, meeting, "attend", "Ana")
    r = assert_refused_without_writing
    r(runner, data_root, meeting, ["next"], "the stack is empty: nobody to give the floor to")
    for action in (["pause"], ["resume"], ["end"], ["extend", "30"]):
        r(runner, data_root, meeting, action, "nobody has the floor")
    speaking(runner, meeting)
    r(runner, data_root, meeting, ["resume"], "Ana's turn is not paused")
    r(runner, data_root, meeting, ["extend", "0"], "extend by 1 to 3600 seconds")
    r(runner, data_root, meeting, ["extend", "a while"], "Invalid value for 'SECONDS'")
    act(runner, meeting, "pause")
    r(runner, data_root, meeting, ["pause"], "Ana's turn is already paused")


def test_refusals_of_undo_and_of_unknown_actions(runner: CliRunner, data_root: Path, meeting: str) -> None:
    r = assert_refused_without_writing
    r(runner, data_root, meeting, ["undo"], "nothing of yours to undo")
    r(runner, data_root, meeting, ["shout"], "No such command 'shout'")
    refused(run(runner, "act"), "needs MEETING and an action")
    refused(run(runner, "act", meeting), "Missing command")
    refused(run(runner, "act", "no-such-meeting", "next"), "no meeting 'no-such-meeting'")


def test_refusals_of_the_agenda(runner: CliRunner, data_root: Path, meeting: str) -> None:
    act(runner, meeting, "attend", "Ana")
    r = assert_refused_without_writing
    r(runner, data_root, meeting, ["agenda", "start"], "the agenda is empty: add an item first")
    r(runner, data_root, meeting, ["agenda", "done"], "no agenda item is under way")
    r(runner, data_root, meeting, ["agenda", "add", "  "], "the item's title cannot be empty")
    r(runner, data_root, meeting, ["agenda", "add", "Budget", "--minutes", "5000"], "Invalid value for '--minutes'")
    r(runner, data_root, meeting, ["agenda", "add", "Budget", "--kind", "party"], "Invalid value for '--kind'")
    r(runner, data_root, meeting, ["agenda"], "MEETING agenda needs ")  # its actions, or "an action" past six
    act(runner, meeting, "agenda", "add", "Budget")
    r(runner, data_root, meeting, ["agenda", "start", "7"], "there is no item 7: the agenda has 1")
    r(runner, data_root, meeting, ["agenda", "start", "Zzz"], "'Zzz' matches 0 agenda items")
    act(runner, meeting, "agenda", "start", "1")
    r(runner, data_root, meeting, ["agenda", "start", "1"], "'Budget' is already under way")
    act(runner, meeting, "hand", "Ana")
    r(runner, data_root, meeting, ["agenda", "done"], "1 still waiting on this stack: carry them over or clear")


# ---- --as NAME: a participant, for themself only ---------------------------------------------


def test_as_a_participant_raises_and_lowers_their_own_hand(runner: CliRunner, data_root: Path, meeting: str) -> None:
    act(runner, meeting, "attend", "Ana")
    out = act(runner, meeting, "--as", "Ana", "hand").stdout
    assert out == "Ana is on the stack (new point)\n"
    act(runner, meeting, "--as", "Ana", "hand", "--kind", "clarify")
    assert act(runner, meeting, "--as", "ana", "lower", "--kind", "clarify").stdout == (
        "Ana lowered their hand (clarifying question)\n"
    )
    assert stack(runner, meeting) == [("Ana", "new")]
    act(runner, meeting, "--as", "ANA", "undo")  # undoes her own lowering, whatever the case typed
    assert stack(runner, meeting) == [("Ana", "clarify"), ("Ana", "new")]
    events = json.loads(file_bytes(data_root, meeting))["events"].values()
    # her arrival was recorded by the operator; everything after, by her
    assert {e["actor"]["as"] for e in events if e["type"] not in ("meeting_opened", "attended")} == {"Ana"}


def test_as_can_come_before_or_after_the_meeting(runner: CliRunner, meeting: str) -> None:
    act(runner, meeting, "attend", "Ana", "Bob")
    result = run(runner, "act", "--as", "Ana", meeting, "hand")
    assert result.exit_code == 0, result.output
    result = run(runner, "act", meeting, "--as=Bob", "hand", "Bob", "--step-up")
    assert result.exit_code == 0, result.output
    assert stack(runner, meeting) == [("Ana", "new"), ("Bob", "new")]


def test_as_a_participant_can_do_nothing_else(runner: CliRunner, data_root: Path, meeting: str) -> None:
    act(runner, meeting, "attend", "Bob")
    act(runner, meeting, "hand", "Bob")
    r = assert_refused_without_writing
    r(runner, data_root, meeting, ["--as", "Ana", "hand", "Bob"], "Ana can only act for themself, not for Bob")
    r(runner, data_root, meeting, ["--as", "Ana", "lower", "Bob"], "Ana can only act for themself, not for Bob")
    for action in (["attend", "Ana"], ["next"], ["move", "Bob", "1"], ["stack", "close"], ["agenda", "add", "x"]):
        r(runner, data_root, meeting, ["--as", "Ana", *action], "can only raise or lower their own hand")
    r(runner, data_root, meeting, ["--as", "Ana", "undo"], "nothing of yours to undo")  # Bob's hand is not hers


def test_as_a_participant_is_refused_a_new_point_on_a_closed_stack(
    runner: CliRunner, data_root: Path, meeting: str
) -> None:
    act(runner, meeting, "attend", "Ana", "Pat")
    act(runner, meeting, "stack", "close")
    assert_refused_without_writing(runner, data_root, meeting, ["--as", "Ana", "hand"], "the stack is closed")
    act(runner, meeting, "--as", "Pat", "hand", "--kind", "process")
    # the operator too, unless on purpose and on record: a late addition
    assert_refused_without_writing(runner, data_root, meeting, ["hand", "Ana"], "the stack is closed")
    act(runner, meeting, "hand", "Ana", "--late")
    assert stack(runner, meeting) == [("Pat", "process"), ("Ana", "new")]


# ---- --at TIME: entering a meeting from paper notes -----------------------------------------


def iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts).isoformat(timespec="seconds")


def opened_at(data_root: Path, meeting: str) -> float:
    opened: float = json.loads(file_bytes(data_root, meeting))["events"]["1"]["ts"]
    return float(int(opened))


def test_at_records_a_past_time(runner: CliRunner, data_root: Path, meeting: str) -> None:
    opened = opened_at(data_root, meeting) + 1
    act(runner, meeting, "--at", iso(opened + 600), "attend", "Ana")
    act(runner, meeting, "--at", iso(opened + 600), "hand", "Ana")
    act(runner, meeting, "--at", iso(opened + 660), "next")
    act(runner, meeting, "--at", iso(opened + 750), "end")
    events = json.loads(file_bytes(data_root, meeting))["events"]
    stamps = [events[str(seq)]["ts"] for seq in range(2, len(events) + 1)]
    assert [round(ts - opened) for ts in stamps] == [600, 600, 660, 750]


def test_at_accepts_a_clock_time_on_the_meetings_day(runner: CliRunner, data_root: Path) -> None:
    opened = dt.datetime(2024, 3, 5, 19, 0).timestamp()
    meeting = meetings.create(data_root, "Paper notes", Actor("ana"), opened, "2024-03-05")
    act(runner, meeting, "--at", "19:42", "attend", "Ana")
    act(runner, meeting, "--at", "19:42", "hand", "Ana")
    act(runner, meeting, "--at", "19:45:30", "next")
    act(runner, meeting, "--at", "2024-03-05T21:10", "end")
    events = json.loads(file_bytes(data_root, meeting))["events"]
    assert events["2"]["ts"] == dt.datetime(2024, 3, 5, 19, 42).timestamp()
    assert events["4"]["ts"] == dt.datetime(2024, 3, 5, 19, 45, 30).timestamp()
    assert events["5"]["ts"] == dt.datetime(2024, 3, 5, 21, 10).timestamp()


def test_at_accepts_an_hour_written_with_one_digit(runner: CliRunner, data_root: Path) -> None:
    opened = dt.datetime(2024, 3, 5, 6, 0).timestamp()
    meeting = meetings.create(data_root, "Early", Actor("ana"), opened, "2024-03-05")
    act(runner, meeting, "--at", "7:05", "attend", "Ana")
    act(runner, meeting, "--at", "7:05", "hand", "Ana")
    events = json.loads(file_bytes(data_root, meeting))["events"]
    assert events["2"]["ts"] == dt.datetime(2024, 3, 5, 7, 5).timestamp()


def test_at_refuses_a_future_an_earlier_or_a_malformed_time(runner: CliRunner, data_root: Path, meeting: str) -> None:
    opened = opened_at(data_root, meeting) + 1
    act(runner, meeting, "--at", iso(opened + 600), "attend", "Ana", "Bob")
    act(runner, meeting, "--at", iso(opened + 600), "hand", "Ana")
    r = assert_refused_without_writing
    r(runner, data_root, meeting, ["--at", iso(opened + 300), "hand", "Bob"], "earlier than the last recorded action")
    r(runner, data_root, meeting, ["--at", iso(time.time() + HOUR), "hand", "Bob"], "--at is in the future")
    r(runner, data_root, meeting, ["--at", "half past seven", "hand", "Bob"], "is not a time: use HH:MM")
    r(runner, data_root, meeting, ["--at", "25:99", "hand", "Bob"], "is not a time")


# ---- hostile names -----------------------------------------------------------------------------

VERBATIM = ["[bold]x[/]", "[link=http://x]Ana[/link]", "Zoë 🙂", "👩‍👩‍👧 Family", "مريم", "שָׁלוֹם", "*Ana* | `Bob`"]


@pytest.mark.parametrize("name", VERBATIM)
def test_hostile_looking_names_are_kept_verbatim(runner: CliRunner, meeting: str, name: str) -> None:
    assert act(runner, meeting, "attend", name).stdout == f"present: {name} (1 in all)\n"
    out = act(runner, meeting, "hand", name).stdout
    assert out == f"{name} is on the stack (new point)\n"
    data = status(runner, meeting)
    assert data["stack"][0]["name"] == name
    assert data["present"] == [name]
    text = run(runner, "status", meeting).stdout
    assert f"1. {name}: new point" in text
    act(runner, meeting, "next")
    assert status(runner, meeting)["speaker"]["name"] == name


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("\x1b[31mEvil", "U+001B"),
        ("Ana\x07", "U+0007"),
        ("Ana\x00", "U+0000"),
        ("Ana\x9b31m", "U+009B"),
        ("Ana\x7f", "U+007F"),
        ("Ana\x1f", "U+001F"),
        ("Ana\u202eBob", "U+202E"),
        ("Ana\u2028Bob", "U+2028"),
    ],
)
def test_escape_sequences_and_control_characters_are_refused(
    runner: CliRunner, data_root: Path, meeting: str, name: str, code: str
) -> None:
    message = refused(run(runner, "act", meeting, "hand", name), f"the name contains a control character ({code})")
    assert "\x1b" not in message and "\x07" not in message
    assert stack(runner, meeting) == []
    for args in (["attend", name], ["--as", name, "hand"]):
        refused(run(runner, "act", meeting, *args), "control character")


def test_line_breaks_and_tabs_in_a_name_become_spaces(runner: CliRunner, meeting: str) -> None:
    act(runner, meeting, "attend", "Ana Maria Silva")
    act(runner, meeting, "hand", "Ana\n  Maria\tSilva\r\n")
    assert stack(runner, meeting) == [("Ana Maria Silva", "new")]


def test_invisible_and_overlong_names_are_refused(runner: CliRunner, meeting: str) -> None:
    refused(run(runner, "act", meeting, "hand", "\u200b"), "a name needs at least one visible")
    refused(run(runner, "act", meeting, "hand", "   "), "a name cannot be empty")
    refused(run(runner, "act", meeting, "hand", "A" * 61), "the limit is 60")


def test_agenda_add_with_turn_limits_of_its_own(runner: CliRunner, meeting: str) -> None:
    act(runner, meeting, "attend", "Ana")
    act(runner, meeting, "agenda", "add", "Reports", "--minutes", "15", "--limit", "new=180", "--limit", "clarify=20")
    act(runner, meeting, "agenda", "start", "1")
    act(runner, meeting, "hand", "Ana")
    act(runner, meeting, "next")
    assert status(runner, meeting)["speaker"]["limit"] == 180
    result = runner.invoke(main, ["act", meeting, "agenda", "add", "Odd", "--limit", "rant=5"])
    assert result.exit_code == 1
    assert (
        result.stderr
        == "facilitator: --limit takes KIND=SECONDS with a kind of process, clarify, response, new, not 'rant=5'\n"
    )
