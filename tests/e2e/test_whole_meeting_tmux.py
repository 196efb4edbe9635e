"""End to end, a whole meeting in a real terminal with real keys (issue 16): people arrive and
take roles in setup, the template's agenda is cut down and an item renamed, a proposal meets a
consensus block and then the meeting's declared fallback, the meeting is adjourned, an action
item is recorded afterwards, and the minutes tell all of it. A projector follows in a second
tmux window."""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_operator_tmux import DEADLINE, Pane, facilitator, pytestmark  # noqa: F401


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[Pane]:
    term = Pane(f"facilitator-whole-{os.getpid()}-{tmp_path.name}")
    yield term
    term.tmux("kill-server")


PACE = 0.15  # seconds between a person's key presses: a screen that just opened takes its focus first


def step(pane: Pane, keys: str | list[str], *expect: str) -> str:
    """Press a key (or type a text, when given as a one-item list), then wait for the screen."""
    time.sleep(PACE)
    if isinstance(keys, list):
        pane.type(keys[0])
    else:
        pane.keys(keys)
    return pane.wait_for(*expect) if expect else pane.text()


def gone(pane: Pane, needle: str) -> None:
    end = time.monotonic() + DEADLINE
    while needle in pane.text():
        assert time.monotonic() < end, f"the pane still shows {needle}:\n{pane.text()}"
        time.sleep(0.05)  # how often to look


def test_a_whole_meeting_from_setup_to_adjournment_and_its_minutes(tmp_path: Path, pane: Pane) -> None:
    data = tmp_path / "facilitator-data"
    env = {**os.environ, "FACILITATOR_DATA_DIR": str(data), "TZ": "UTC"}
    made = subprocess.run(
        [facilitator(), "new", "Street assembly", "--template", "general-assembly"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    meeting = made.stdout.split()[-1]
    exit_file = tmp_path / "exit-status"
    where = f"env FACILITATOR_DATA_DIR={shlex.quote(str(data))} TZ=UTC"
    app = f"{where} {shlex.quote(facilitator())} open {meeting} --role facilitator"
    pane.start(f"{app}; echo $? > {shlex.quote(str(exit_file))}", width=100, height=30)
    pane.wait_for("Street assembly", "F8 adjourn")
    projector = f"{where} {shlex.quote(facilitator())} project {meeting}"
    pane.tmux("new-session", "-d", "-s", "wall", "-x", "100", "-y", "30", projector)
    pane.tmux("resize-window", "-t", pane.name, "-x", "100", "-y", "30")  # the second session shrank it

    # setup: five arrive (F2), the quorum, two roles (F3)
    step(pane, "F2", "Attendance F2", "n new")
    step(pane, "n")
    for name in ("Ana Lima", "Ivan Petrov", "Ben Okoro", "Carla Diaz", "Dan Roe"):
        step(pane, [name])
        step(pane, "Enter", f"present: {name}")
    step(pane, "Tab")
    step(pane, ["5"])
    step(pane, "Enter", "quorum set to 5")
    step(pane, "F3", "Facilitator     (empty)")
    step(pane, "Tab")
    step(pane, ["ana"], "ana Lima")  # the completion, shown inline
    step(pane, "Tab")
    step(pane, "Enter", "Facilitator: Ana Lima")

    # the agenda (F4): Open discussion removed after a yes, Proposals renamed with a presenter
    step(pane, "F4", "Open discussion")
    for _ in range(5):
        step(pane, "Down")
    step(pane, "x", "Remove item 6, Open discussion, from the agenda?")
    pane.keys("y")
    gone(pane, "Open discussion")
    step(pane, "Up", "4  Proposals")
    step(pane, "Up")
    step(pane, "Enter", "Edit item 4: Proposals")
    step(pane, "C-u")
    step(pane, ["Boiler replacement"])
    for _ in range(3):
        step(pane, "Tab")
    step(pane, ["ana"])
    step(pane, "Tab")
    step(pane, "Enter", "agenda item 4 'Proposals' now")
    step(pane, "s", "now on: Boiler replacement")
    step(pane, "Escape", "Item 4 of 6: Boiler replacement")

    # a turn; a proposal; the final test with a block, then the fallback
    step(pane, "a", "New point: who?")
    step(pane, ["ivan"])
    step(pane, "Enter", "Ivan Petrov is on the stack")
    step(pane, "n", "Ivan Petrov has the floor")
    step(pane, "b", "New proposal on: Boiler replacement")
    step(pane, ["Replace the boiler"])
    step(pane, "Tab")
    step(pane, ["Ana Lima"])
    step(pane, "Tab")
    step(pane, ["We replace the gas boiler with a heat pump before winter."])
    step(pane, "C-s", "P1 v1: Replace the boiler")
    step(pane, "f", "the meeting's rule: consensus, fallback supermajority:0.9")
    step(pane, "f", "asking:")
    step(pane, "b", "who, and why?")
    step(pane, ["iv"])
    step(pane, "Tab", "Ivan Petrov")
    step(pane, "Tab")
    step(pane, ["allergies to the refrigerant"])
    step(pane, "Enter", "1. Blocks: 1")
    step(pane, "a", "Agrees with P1: who?")
    for name in ("ana", "ben", "carla", "dan"):
        step(pane, [name])
        step(pane, "Tab")
        step(pane, "Enter", f"{name.capitalize()}")
    step(pane, "Escape", "3. Agreement: 4")
    step(pane, "d", "Record the outcome of P1 v1?")
    step(pane, "y", "Blocked by Ivan Petrov. Apply the fallback, 9/10 supermajority?")
    text = step(pane, "y", "✗ FAILED", "4 of 5 agree = 80.0% < 90%: failed")
    assert "Traceback" not in text
    wall = pane.tmux("capture-pane", "-p", "-t", "wall")
    assert "Replace the boiler" in wall

    # adjourned after a yes; an action item afterwards, from the notes
    step(pane, "Escape", "F8 adjourn")
    step(pane, "F8", "Adjourn the meeting now?")
    step(pane, "y", "Adjourned at")
    end = time.monotonic() + DEADLINE
    while "Adjourned at" not in pane.tmux("capture-pane", "-p", "-t", "wall"):
        assert time.monotonic() < end, "the projector never said the meeting was adjourned"
        time.sleep(0.05)  # how often to look
    step(pane, "w", "Notes:", "^z undo")  # the note field has the keys
    step(pane, "Tab")
    step(pane, ["Get the refrigerant data sheet"])
    step(pane, "Tab")
    step(pane, ["ivan"])
    step(pane, "Tab")
    step(pane, "Enter", "action item A1: Ivan Petrov")
    step(pane, "Escape")
    pane.wait_for("F8 adjourn")
    step(pane, "q")
    end = time.monotonic() + DEADLINE
    while not (exit_file.exists() and exit_file.read_text().strip()) and time.monotonic() < end:
        time.sleep(0.05)
    assert exit_file.read_text().strip() == "0", pane.text()

    minutes = subprocess.run(
        [facilitator(), "minutes", meeting], env=env, capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert "- **Facilitator:** Ana Lima" in minutes
    assert "Not taken up:" in minutes and "Open discussion" not in minutes
    assert "| Boiler replacement | proposal | Ana Lima |" in minutes
    assert (
        "  - Consensus: blocked (Ivan Petrov: allergies to the refrigerant). "
        "Fallback, 9/10 supermajority: 4 of 5 agree = 80.0% \\< 90%: failed." in minutes
    )
    assert "  - Present: 5 (Ana Lima, Ivan Petrov, Ben Okoro, Carla Diaz, Dan Roe); quorum 5: met" in minutes
    assert "in progress" not in minutes
    assert "- A1: Get the refrigerant data sheet (Ivan Petrov)" in minutes
    assert "root" not in minutes
