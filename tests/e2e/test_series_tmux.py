"""End to end, two meetings of a series (issue 18): the first is entered from paper notes with
the CLI; the second is made from the home screen (`x`) in a real terminal, where last time's
action items are reviewed with real keys while a projector shows them; then the register, the
action list and the minutes, from the CLI, tell what became of each."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_operator_tmux import DEADLINE, Pane, facilitator, pytestmark  # noqa: F401
from tests.e2e.test_whole_meeting_tmux import step


def on_the_wall(pane: Pane, *needles: str) -> None:
    """Wait until the projector's session shows every needle."""
    end = time.monotonic() + DEADLINE
    while not all(n in (shown := pane.tmux("capture-pane", "-p", "-t", "wall")) for n in needles):
        assert time.monotonic() < end, f"the projector never showed {needles}:\n{shown}"
        time.sleep(0.05)  # how often to look


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[Pane]:
    term = Pane(f"facilitator-series-{os.getpid()}-{tmp_path.name}")
    yield term
    term.tmux("kill-server")


def test_two_meetings_of_a_series_carry_their_open_business_forward(tmp_path: Path, pane: Pane) -> None:
    data = tmp_path / "facilitator-data"
    env = {**os.environ, "FACILITATOR_DATA_DIR": str(data), "TZ": "UTC"}

    def cli(*args: str) -> str:
        done = subprocess.run([facilitator(), *args], env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    first = cli("new", "Tenants' assembly", "--date", "2026-11-03", "--location", "Hall").split()[-1]
    for args in (
        ("--at", "19:00", "attend", "Ana Lima", "Ben Okafor", "Zoë Hart"),
        ("--at", "19:01", "agenda", "add", "Heating", "--kind", "proposal"),
        ("--at", "19:01", "agenda", "add", "Garden"),
        ("--at", "19:02", "agenda", "start", "Heating"),
        ("--at", "19:03", "propose", "Heating fund", "--text", "30 € a month, from January.", "--by", "Ana Lima"),
        ("--at", "19:10", "test", "P1"),
        ("--at", "19:11", "agree", "P1", "Ana Lima", "Ben Okafor", "Zoë Hart"),
        ("--at", "19:12", "decide", "P1", "--review", "2027-03-01"),
        ("--at", "19:13", "action", "Open a savings account", "--owner", "Zoë Hart", "--due", "2026-11-20"),
        ("--at", "19:14", "action", "Ask the landlord about the boiler", "--owner", "Ben Okafor"),
        ("--at", "19:15", "agenda", "table", "Garden"),
        ("--at", "19:16", "next-meeting", "2026-12-01", "--place", "Room 2"),
        ("--at", "19:20", "adjourn"),
    ):
        cli("act", first, *args)

    where = f"env FACILITATOR_DATA_DIR={shlex.quote(str(data))} TZ=UTC"
    pane.start(f"{where} {shlex.quote(facilitator())}", width=100, height=30)
    pane.wait_for("Tenants' assembly", "adjourned at 19:20", "x next of series")
    step(pane, "x", "Next meeting of the series", "2026-12-01", "Room 2")
    step(pane, "Enter", "General stack", "next: Action it")
    second = "2026-12-01-tenants-assembly"
    wall = f"{where} {shlex.quote(facilitator())} project {second}"
    pane.tmux("new-session", "-d", "-s", "wall", "-x", "100", "-y", "30", wall)
    pane.tmux("resize-window", "-t", pane.name, "-x", "100", "-y", "30")

    step(pane, "j", "Action items from last time: 0 of 2 reviewed", "OVERDUE", "Open a savings account")
    on_the_wall(pane, "Open a savings account", "Ask the landlord")
    step(pane, "d", "what was done?")
    step(pane, ["Account opened at the co-op bank"])
    step(pane, "Enter", "1 of 2 reviewed: 1 done")
    step(pane, "D", "why dropped?")
    step(pane, "Enter", "all 2 reviewed: 1 done, 1 dropped")
    step(pane, "u", "1 of 2 reviewed: 1 done")  # undone: the landlord item is open again
    step(pane, "D", "why dropped?")
    step(pane, ["The landlord sold the building"])
    step(pane, "Enter", "all 2 reviewed: 1 done, 1 dropped")
    step(pane, "F8", "Adjourn")
    step(pane, "y", "Adjourned at")

    listed = json.loads(cli("actions", "--json"))["actions"]
    assert [(a["id"], a["status"], a["last_reviewed_in"]) for a in listed] == [
        (f"{first}:A1", "done", second),
        (f"{first}:A2", "dropped", second),
    ]
    assert cli("actions", "--open") == "no open action items\n"
    minutes = cli("minutes", second)
    assert f"| {first}:A1 | Open a savings account | Zoë Hart | done | Account opened at the co-op bank |" in minutes
    assert (
        f"| {first}:A2 | Ask the landlord about the boiler | Ben Okafor | dropped | The landlord sold the building |"
        in (minutes)
    )
    assert "Items carried: Garden (carried from 2026-11-03)" in minutes
    register = cli("decisions")
    assert "### P1 · Heating fund: passed (consensus)" in register and "- Review by 2027-03-01" in register
    third = cli("new", "Tenants' assembly", "--after", second).splitlines()
    assert third[0] == f"new meeting: Tenants' assembly (after {second}, 1 carried item)"
