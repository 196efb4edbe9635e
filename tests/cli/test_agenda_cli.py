"""`facilitator act MEETING agenda remove ITEM` and `agenda edit ITEM [--title] [--minutes]
[--kind] [--presenter]` (PROCESS.md 3.6): one line out when done; a refusal is exit 1, one line
on stderr, and nothing written."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.meeting.events import Actor
from facilitator.meeting.state import fold
from facilitator.minutes.document import minutes_markdown
from facilitator.store import locations, meetings
from facilitator.store.meeting_file import MeetingStore
from tests.cli.test_records_cli import act, ok, refused_act, run


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def meeting(data_root: Path, runner: CliRunner) -> str:
    """A meeting opened an hour ago with a template-like agenda of four items."""
    meeting_id = meetings.create(data_root, "General assembly", Actor("ana"), time.time() - 3600, date="2025-11-24")
    for title, minutes in (("Check-in", "5"), ("Break", "10"), ("Budget", "30"), ("Open discussion", "15")):
        act(runner, meeting_id, "agenda", "add", title, "--minutes", minutes)
    act(runner, meeting_id, "attend", "Ana Lima", "Ivan Petrov")
    return meeting_id


def agenda_of(data_root: Path, meeting: str) -> list[tuple[str, str, float, str | None]]:
    events = MeetingStore(locations.meeting_file(data_root, meeting)).load()
    return [(i.title, i.kind, i.minutes, i.presenter) for i in fold(events).items.values()]


def test_agenda_remove(runner: CliRunner, data_root: Path, meeting: str) -> None:
    assert act(runner, meeting, "agenda", "remove", "Break") == "removed from the agenda: Break (3 items left)"
    assert act(runner, meeting, "agenda", "remove", "3") == "removed from the agenda: Open discussion (2 items left)"
    assert [title for title, *_ in agenda_of(data_root, meeting)] == ["Check-in", "Budget"]
    assert act(runner, meeting, "agenda", "start", "2") == "now on: Budget"  # numbers are places on the agenda


def test_agenda_remove_refusals(runner: CliRunner, data_root: Path, meeting: str) -> None:
    act(runner, meeting, "agenda", "start", "Check-in")
    refused_act(runner, data_root, meeting, "'Check-in' is under way: only items not", "agenda", "remove", "1")
    act(runner, meeting, "agenda", "done")
    refused_act(runner, data_root, meeting, "'Check-in' has been dealt with", "agenda", "remove", "Check")
    act(runner, meeting, "agenda", "table", "Budget")
    refused_act(runner, data_root, meeting, "'Budget' is tabled to a later meeting", "agenda", "remove", "Budget")
    refused_act(runner, data_root, meeting, "there is no item 9: the agenda has 4", "agenda", "remove", "9")
    refused_act(runner, data_root, meeting, "'Zebra' matches 0 agenda items", "agenda", "remove", "Zebra")
    refused_act(runner, data_root, meeting, "Missing argument 'ITEM'", "agenda", "remove")


def test_agenda_edit(runner: CliRunner, data_root: Path, meeting: str) -> None:
    out = act(runner, meeting, "agenda", "edit", "Open", "--title", "Open floor", "--minutes", "5")
    assert out == "agenda item 4 'Open discussion' now: title 'Open floor', time box 5 min"
    out = act(runner, meeting, "agenda", "edit", "3", "--kind", "proposal", "--presenter", "ivan  PETROV")
    assert out == "agenda item 3 'Budget' now: kind proposal, presented by Ivan Petrov"
    assert act(runner, meeting, "agenda", "edit", "Budget", "--presenter", "") == (
        "agenda item 3 'Budget' now: no presenter"
    )
    assert agenda_of(data_root, meeting)[2:] == [
        ("Budget", "proposal", 30, None),
        ("Open floor", "discussion", 5, None),
    ]


def test_agenda_edit_refusals(runner: CliRunner, data_root: Path, meeting: str) -> None:
    def refused(match: str, *args: str) -> None:
        refused_act(runner, data_root, meeting, match, "agenda", "edit", *args)

    refused("say what to change", "Budget")
    refused("that changes nothing: 'Budget' is already so", "Budget", "--minutes", "30", "--title", "Budget")
    refused("nobody called Iv is here: did you mean Ivan Petrov?", "Budget", "--presenter", "Iv")
    refused("Invalid value for '--minutes': 1441 is not in the range 0<=x<=1440", "Budget", "--minutes", "1441")
    refused("Invalid value for '--kind': 'party' is not one of 'discussion'", "Budget", "--kind", "party")
    refused("the item's title cannot be empty", "Budget", "--title", "   ")
    act(runner, meeting, "agenda", "start", "Budget")
    refused("'Budget' is under way: only items not yet started can be edited", "Budget", "--title", "Money")


def test_the_minutes_after_cutting_a_template_agenda_down(runner: CliRunner, data_root: Path, meeting: str) -> None:
    act(runner, meeting, "agenda", "remove", "Break")
    act(runner, meeting, "agenda", "start", "Check-in")
    act(runner, meeting, "agenda", "start", "Budget")
    act(runner, meeting, "adjourn")
    text = ok(run(runner, "minutes", meeting))
    assert "Break" not in text
    assert "## 1. Check-in" in text and "## 2. Budget" in text
    assert "Not taken up: Open discussion." in text
    assert "## 3." not in text
    assert text == minutes_markdown(fold(MeetingStore(locations.meeting_file(data_root, meeting)).load()))
