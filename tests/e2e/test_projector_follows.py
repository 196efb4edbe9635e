"""End to end: `facilitator project` in a real terminal follows `facilitator act` run elsewhere."""

from __future__ import annotations

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
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed: this test needs a real terminal"),
]

DEADLINE = 15.0  # seconds: generous, so a slow machine is not a failure; a projector that never follows is


def facilitator() -> list[str]:
    script = Path(sys.executable).parent / "facilitator"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from facilitator.cli import run; run()"]


class Terminal:
    """A detached tmux session on a private server, read with capture-pane."""

    def __init__(self, socket: str, name: str) -> None:
        self.socket, self.name = socket, name

    def tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False)
        return done.stdout

    def start(self, command: list[str], width: int = 80, height: int = 24) -> None:
        line = " ".join(shlex.quote(part) for part in command)
        self.tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), line)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, *needles: str, gone: tuple[str, ...] = ()) -> str:
        end = time.monotonic() + DEADLINE
        text = ""
        while time.monotonic() < end:
            text = self.screen()
            if all(n in text for n in needles) and not any(g in text for g in gone):
                return text
            time.sleep(0.05)  # polling interval, not a wait for time to pass
        raise AssertionError(f"the terminal never showed {needles} without {gone}:\n{text}")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(f"facilitator-e2e-{tmp_path.name}", "projector")
    yield term
    term.tmux("kill-server")  # only this test's private server


def run(root: Path, *args: str) -> str:
    done = subprocess.run(
        [*facilitator(), "--data-dir", str(root), *args], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_projector_follows_acts_from_another_process(data_root: Path, terminal: Terminal) -> None:
    meeting_id = run(data_root, "new", "Street assembly").split()[-1]
    terminal.start([*facilitator(), "--data-dir", str(data_root), "project", meeting_id])
    terminal.wait_for("Street assembly", "nobody has the floor", "nobody is waiting")

    run(data_root, "act", meeting_id, "attend", "Zora Quist", "Bo Chen")
    run(data_root, "act", meeting_id, "hand", "Zora Quist")
    terminal.wait_for("Zora Quist", "new point", gone=("nobody is waiting",))

    run(data_root, "act", meeting_id, "hand", "Bo Chen", "--kind", "clarify")
    terminal.wait_for("1.  Bo Chen", "2.  Zora Quist")

    run(data_root, "act", meeting_id, "next")
    screen = terminal.wait_for("Bo Chen", "clarifying question", "of 0:30", gone=("nobody has the floor",))
    assert "1.  Zora Quist" in screen

    run(data_root, "act", meeting_id, "next")
    terminal.wait_for("Zora Quist", "of 2:00", "nobody is waiting")
