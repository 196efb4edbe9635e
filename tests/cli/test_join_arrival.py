"""`facilitator join MEETING --name NAME`: a name that matches nobody arrives on record, by the
OS user, before the participant's screen opens; a known name does not arrive twice (PROCESS.md 3.4)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import facilitator.cli.shared  # noqa: F401  (registers `join`)
from facilitator.cli import main
from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import locations, meetings


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, str]]:
    """The participant's screens that would have opened (meeting file, name), none run."""
    screens: list[tuple[Path, str]] = []

    def run_participant(root: Path, meeting: Path, name: str) -> None:
        screens.append((meeting, name))

    monkeypatch.setattr("screens.projector.participant.run_participant", run_participant)
    return screens


@pytest.fixture
def meeting(data_root: Path) -> str:
    meeting_id = meetings.create(data_root, "General assembly", Actor("ana"), time.time() - 600)
    Session.open(locations.meeting_file(data_root, meeting_id), Actor("ana"), FakeClock(time.time() - 300)).act(
        "attend", names=["Ivan Petrov"]
    )
    return meeting_id


def arrivals(data_root: Path, meeting_id: str) -> list[dict[str, Any]]:
    path = locations.meeting_file(data_root, meeting_id)
    return [e for e in Session.open(path, Actor("reader"), FakeClock(time.time())).events if e["type"] == "attended"]


def test_a_new_name_arrives_on_record_by_the_os_user(
    data_root: Path, meeting: str, opened: list[tuple[Path, str]]
) -> None:
    result = CliRunner().invoke(main, ["join", meeting, "--name", "Zora  Quist"])
    assert result.exit_code == 0, result.output
    assert "present: Zora Quist (2 in all)" in result.stdout
    arrived = arrivals(data_root, meeting)
    assert [e["data"]["name"] for e in arrived] == ["Ivan Petrov", "Zora Quist"]
    assert arrived[-1]["actor"]["user"] == Actor.from_os().user
    assert arrived[-1]["actor"]["as"] is None  # the OS user records it: a participant only raises hands
    assert [name for _, name in opened] == ["Zora Quist"]


def test_a_known_name_does_not_arrive_twice(data_root: Path, meeting: str, opened: list[tuple[Path, str]]) -> None:
    result = CliRunner().invoke(main, ["join", meeting, "--name", "ivan  PETROV"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert len(arrivals(data_root, meeting)) == 1
    assert [name for _, name in opened] == ["Ivan Petrov"]  # as the assembly knows them
