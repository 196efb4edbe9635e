"""End to end: `facilitator open` in a real terminal; two people added with the keys; the floor given."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux): this test drives a terminal"
    ),
]

DEADLINE = 20.0  # seconds; generous so a slow machine passes, while a screen that never shows it fails


def facilitator() -> str:
    return str(Path(sys.executable).parent / "facilitator")


class Pane:
    """One detached tmux session of a fixed size, on a private tmux server."""

    def __init__(self, socket: str) -> None:
        self.socket = socket
        self.name = "operator"

    def tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False)
        return done.stdout

    def start(self, command: str, width: int, height: int) -> None:
        self.tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command)
        self.tmux("set-option", "-t", self.name, "remain-on-exit", "on")  # a crash stays readable

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def text(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, *needles: str) -> str:
        """Read the pane until every needle is on it, or fail at the deadline with what it showed."""
        end = time.monotonic() + DEADLINE
        text = ""
        while time.monotonic() < end:
            text = self.text()
            if all(n in text for n in needles):
                return text
            time.sleep(0.05)  # how often to look, not a wait for something to happen
        raise AssertionError(f"the pane never showed {needles}:\n{text}")


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[Pane]:
    term = Pane(f"facilitator-op-{os.getpid()}-{tmp_path.name}")
    yield term
    term.tmux("kill-server")  # this test's private server only


def test_add_two_people_with_the_keys_and_give_the_floor(tmp_path: Path, pane: Pane) -> None:
    data = tmp_path / "facilitator-data"
    env = {**os.environ, "FACILITATOR_DATA_DIR": str(data), "TZ": "UTC"}
    made = subprocess.run(
        [facilitator(), "new", "Street assembly"], env=env, capture_output=True, text=True, check=True, timeout=60
    )
    meeting_id = made.stdout.split()[-1]

    exit_file = tmp_path / "exit-status"
    app = f"env FACILITATOR_DATA_DIR={shlex.quote(str(data))} TZ=UTC {shlex.quote(facilitator())} open {meeting_id}"
    command = f"{app}; echo $? > {shlex.quote(str(exit_file))}"
    pane.start(command, width=100, height=30)
    pane.wait_for("Street assembly", "Stack: 0 waiting", "a add")

    pane.keys("a")
    pane.wait_for("New point: who?")
    pane.type("Zora Quist")
    pane.keys("Enter")
    pane.wait_for("Zora Quist is new here: Enter adds Zora Quist and marks them present")  # asked once
    pane.keys("Enter")
    pane.wait_for("Stack: 1 waiting", "Zora Quist is on the stack")

    pane.keys("c")
    pane.wait_for("Clarifying question: who?")
    pane.type("Bo Chen")
    pane.keys("Enter")
    pane.wait_for("Bo Chen is new here")
    pane.keys("Enter")
    text = pane.wait_for("Stack: 2 waiting", "2 present")
    assert text.index("Bo Chen  ") < text.index("Zora Quist  ")  # the clarifying question goes first

    pane.keys("n")
    text = pane.wait_for("Bo Chen has the floor", "Stack: 1 waiting", "of 0:30")
    assert "clarifying question" in text
    assert "Traceback" not in text

    status = subprocess.run(
        [facilitator(), "status", meeting_id, "--json"], env=env, capture_output=True, text=True, check=True, timeout=60
    )
    stands = json.loads(status.stdout)
    assert stands["speaker"]["name"] == "Bo Chen"
    assert [e["name"] for e in stands["stack"]] == ["Zora Quist"]

    pane.keys("q")
    end = time.monotonic() + DEADLINE
    while not (exit_file.exists() and exit_file.read_text().strip()) and time.monotonic() < end:
        time.sleep(0.05)
    assert exit_file.read_text().strip() == "0", pane.text()  # q left the app cleanly
