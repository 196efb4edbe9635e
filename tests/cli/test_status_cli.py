"""`facilitator status` says the speaker's clock in words (issue 16 point 8): "Jo Mbeki (new
point): 0:39 left, spoken 1:21", "OVERTIME +0:12", "PAUSED", never a bare time; `--json` keeps
its fields. The system clock is pinned, so the times are exact."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

from facilitator.cli import main
from facilitator.clock import SystemClock
from tests.conftest import START


class Pinned:
    """The system clock as every command of this test sees it."""

    def __init__(self) -> None:
        self.now = START

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> Pinned:
    clock = Pinned()
    monkeypatch.setattr(SystemClock, "now", lambda self: clock.now)
    return clock


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def run(*args: str) -> str:
    return ok(CliRunner().invoke(main, list(args)))


def speaking(meeting: str) -> str:
    (line,) = [x for x in run("status", meeting).splitlines() if x.startswith("speaking:")]
    return line


def test_status_says_time_left_overtime_and_paused_in_words(pinned: Pinned) -> None:
    meeting = run("new", "GA").splitlines()[-1]
    assert speaking(meeting) == "speaking: nobody"
    run("act", meeting, "attend", "Jo Mbeki")
    run("act", meeting, "hand", "Jo Mbeki")
    run("act", meeting, "next")
    pinned.advance(81)
    assert speaking(meeting) == "speaking: Jo Mbeki (new point): 0:39 left, spoken 1:21"
    pinned.advance(51)
    assert speaking(meeting) == "speaking: Jo Mbeki (new point): OVERTIME +0:12, spoken 2:12"
    run("act", meeting, "pause")
    pinned.advance(60)
    assert speaking(meeting) == "speaking: Jo Mbeki (new point): PAUSED, OVERTIME +0:12, spoken 2:12"
    data = json.loads(run("status", meeting, "--json"))["speaker"]
    assert data == {
        "name": "Jo Mbeki",
        "kind": "new",
        "state": "paused",
        "remaining": -12.0,
        "spoken": 132.0,
        "limit": 120.0,
        "answers": None,
    }
