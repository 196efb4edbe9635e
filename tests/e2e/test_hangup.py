"""End to end: an app whose terminal goes away leaves, even when no SIGHUP reaches it.

Under `make run`, or any wrapper that keeps the hang-up to itself, killing the terminal left
the app's input thread spinning on an endless end of file, at full CPU, for ever.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator.meeting.events import Actor
from facilitator.store import locations, meetings

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux)"),
]

DEADLINE = 20.0


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat").read_text().split()[2] if Path(f"/proc/{pid}/stat").exists() else "?"
    return state != "Z"


@pytest.mark.parametrize("command", ["open", "project"])
def test_the_app_leaves_when_its_terminal_hangs_up_without_a_sighup(
    data_root: Path, tmp_path: Path, command: str
) -> None:
    meeting_id = meetings.create(data_root, "Hang-up", Actor("ana"), time.time())
    pid_file = tmp_path / "pid"
    app = shlex.join(
        [str(Path(sys.executable).parent / "facilitator"), "--data-dir", str(data_root), command, meeting_id]
    )
    # SIGHUP ignored, as a wrapper that keeps it to itself would leave it: only the terminal's end tells
    script = f"trap '' HUP; sh -c 'echo $$ > {shlex.quote(str(pid_file))}; exec {app}'"
    socket = f"hangup-{os.getpid()}-{command}"
    subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-x", "80", "-y", "24", script], check=True)
    try:
        end = time.monotonic() + DEADLINE
        while not pid_file.exists() or not pid_file.read_text().strip():
            assert time.monotonic() < end, "the app never started"
            time.sleep(0.05)
        pid = int(pid_file.read_text())
        screen = ""
        while time.monotonic() < end and "Hang-up" not in screen:
            screen = subprocess.run(["tmux", "-L", socket, "capture-pane", "-p"], capture_output=True, text=True).stdout
            time.sleep(0.1)
        assert "Hang-up" in screen, screen
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], check=False)
    end = time.monotonic() + DEADLINE
    while alive(pid) and time.monotonic() < end:
        time.sleep(0.1)
    still = alive(pid)
    if still:
        os.kill(pid, 9)
    assert not still, "the app kept running after its terminal was gone"
    assert locations.meeting_file(data_root, meeting_id).exists()
