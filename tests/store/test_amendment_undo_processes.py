"""An undo on one terminal that makes another terminal's accepted amendment ambiguous (issue 16,
point 10; PROCESS.md 4.2), with real processes on one meeting file.

Terminal 1 is the shell: each action is its own `facilitator --data-dir D act ...` process, run
through the installed console script. Terminal 2 is a long-lived operator terminal (a child
process holding its own Session, tests/store/child.py), whose undo takes back its own latest
action, as the TUI's does; it learns of the shell's writes only through the store.

v1 says Monday twice. A1, accepted on terminal 2, makes the first one Tuesday: "on Monday" is
then in the text once, and A2 replaces it, accepted from the shell. Terminal 2 then undoes its
acceptance of A1: in v1 "on Monday" is there twice, so A2 cannot say which one it replaces. It
stays pending, and the text is v1, in every process that reads the file.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import meetings
from tests.store.test_processes import Terminal

SCRIPT = Path(sys.executable).parent / "facilitator"

pytestmark = pytest.mark.skipif(not SCRIPT.is_file(), reason=f"no installed console script at {SCRIPT}")

V1 = "We meet on Monday. We eat on Monday."
V2 = "We meet on Tuesday. We eat on Monday."
V3 = "We meet on Tuesday. We eat on Friday."
AMBIGUOUS = "'on Monday' occurs 2 times in P1: quote more of the passage"


def shell(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=data_dir,
        stdin=subprocess.DEVNULL,
    )


def ok(data_dir: Path, *args: str) -> str:
    done = shell(data_dir, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def meeting_id(data_root: Path) -> str:
    data_root.mkdir(parents=True, exist_ok=True)
    return ok(data_root, "new", "Days").splitlines()[-1]


@pytest.fixture
def operator(data_root: Path, meeting_id: str) -> Iterator[Terminal]:
    terminal = Terminal(meetings.resolve(data_root, meeting_id), "term-2")
    yield terminal
    terminal.close()


def test_an_undo_on_one_terminal_leaves_pending_an_amendment_another_accepted_once_its_passage_is_ambiguous(
    data_root: Path, meeting_id: str, operator: Terminal
) -> None:
    def act(*args: str) -> str:
        return ok(data_root, "act", meeting_id, *args)

    act("attend", "Ana", "Ben", "Carla")
    assert act("propose", "Days", "--text", V1, "--by", "Ana") == "P1 proposed: Days (by Ana)"
    act("amend", "P1", "--by", "Carla", "--replace", "meet on Monday", "--with", "meet on Tuesday")
    assert operator.act("accept", amendment="P1-A1")["summary"] == "P1-A1 accepted by the assembly: P1 is now v2"
    # The shell's amendment is checked against v2, which it read from the file: "on Monday" once.
    act("amend", "P1", "--by", "Ben", "--replace", "on Monday", "--with", "on Friday")
    assert act("accept", "P1-A2") == "P1-A2 accepted by the assembly: P1 is now v3"
    assert "We meet on Tuesday. We eat on Friday." in ok(data_root, "minutes", meeting_id)

    undone = operator.act("undo")
    assert undone["summary"] == "undid: P1-A1 accepted by the assembly: P1 is now v2"

    later = Session.open(meetings.resolve(data_root, meeting_id), Actor("auditor")).meeting
    proposal = later.proposals["P1"]
    assert (proposal.text, proposal.version) == (V1, 1)
    assert [v.amendment for v in proposal.versions] == [None]
    assert {a.id: (a.status, a.version) for a in proposal.amendments.values()} == {
        "P1-A1": ("pending", None),
        "P1-A2": ("pending", None),
    }
    minutes = ok(data_root, "minutes", meeting_id)
    assert "**Proposal P1: Days** (v1, open)" in minutes
    assert "  > We meet on Monday. We eat on Monday." in minutes
    assert V3 not in minutes and V2 not in minutes
    assert "- P1-A2 by Ben (on v2): replace “on Monday” with “on Friday”; pending" in minutes

    # Each terminal now refuses A2 as ambiguous, and the final test waits for both amendments.
    refused = shell(data_root, "act", meeting_id, "accept", "P1-A2")
    assert refused.returncode != 0 and AMBIGUOUS in refused.stderr + refused.stdout
    assert operator.act("accept", amendment="P1-A2") == {"ok": False, "refused": AMBIGUOUS}
    assert operator.act("test", proposal="P1") == {
        "ok": False,
        "refused": "P1 has pending amendments (P1-A1, P1-A2): accept, reject or withdraw them first",
    }

    # A1 accepted again makes A2's passage unique: both apply, in order, as before the undo.
    assert operator.act("accept", amendment="P1-A1")["ok"]
    assert act("accept", "P1-A2") == "P1-A2 accepted by the assembly: P1 is now v3"
    final = Session.open(meetings.resolve(data_root, meeting_id), Actor("auditor")).meeting.proposals["P1"]
    assert (final.text, [v.text for v in final.versions]) == (V3, [V1, V2, V3])
