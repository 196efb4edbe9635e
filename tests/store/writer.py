"""A terminal on a shared meeting, as a separate process, for tests/store/test_four_writers.py
(run as a script, never collected by pytest).

    writer.py write PATH N COUNT   the Nth writer: COUNT actions on its own people's hands, and
                                   every 50th the same shared person that every writer adds
    writer.py read PATH POLL       a projector-like reader: polls every POLL seconds and notes
                                   how long each action took to reach it

Both print "ready" and wait for a line on stdin before starting. A writer prints one JSON line
per action (acknowledged or refused), then "done", then waits for a line and prints the digest
of the meeting as it then reads it. The reader stops on a line and prints its delays.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import select
import sys
import time
from pathlib import Path
from typing import Any

from facilitator.errors import Refused, StoreError
from facilitator.meeting.events import Actor
from facilitator.meeting.state import Meeting
from facilitator.session import Session

SHARED_EVERY = 50
KIND_CYCLE = ("new", "clarify", "process")


def plain(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


def digest(meeting: Meeting) -> str:
    """The folded state, canonical: the same events give the same digest in any process."""
    raw = json.dumps(dataclasses.asdict(meeting), sort_keys=True, default=plain, ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()


def planned(writer: int, count: int) -> list[tuple[str, dict[str, Any]]]:
    """Each writer raises and lowers its own five people's hands, cycling through the kinds;
    every 50th action it adds a person every other writer adds too."""
    actions: list[tuple[str, dict[str, Any]]] = []
    own = 0
    for j in range(count):
        if j % SHARED_EVERY == SHARED_EVERY - 1:
            actions.append(("hand", {"name": f"Shared {j // SHARED_EVERY}", "kind": "new"}))
            continue
        person, turn = own % 5, own // 5
        kind = KIND_CYCLE[(turn // 2) % len(KIND_CYCLE)]
        name = f"W{writer} P{person}"
        actions.append(
            ("hand", {"name": name, "kind": kind}) if turn % 2 == 0 else ("lower", {"name": name, "kind": kind})
        )
        own += 1
    return actions


def write(path: Path, writer: int, count: int) -> None:
    session = Session.open(path, Actor(f"writer{writer}", role="stack", terminal=f"w{writer}"))
    print("ready", flush=True)
    sys.stdin.readline()
    for action, args in planned(writer, count):
        try:
            outcome = session.act(action, **args)
            written = len(outcome.events)  # the last ones in this process's view, just written
            result = {"ok": True, "summary": outcome.summary, "first": session.meeting.last_seq - written + 1}
            result["events"] = written
            result.update(action=action, args=args)
        except (Refused, StoreError) as err:
            result = {"ok": False, "refused": str(err), "action": action, "args": args}
        print(json.dumps(result), flush=True)
    print("done", flush=True)
    sys.stdin.readline()
    session.refresh()
    print(json.dumps({"digest": digest(session.meeting), "events": len(session.events)}), flush=True)


def read(path: Path, poll: float) -> None:
    session = Session.open(path, Actor("projector", terminal="reader"))
    seen = session.meeting.last_seq
    delays: list[float] = []
    print("ready", flush=True)
    while True:
        ready, _, _ = select.select([sys.stdin], [], [], poll)
        # Told to stop once the writers are done: one last look, or their last writes go unseen.
        if not session.refresh():
            if ready:
                break
            continue
        now = time.time()
        for event in session.events[seen:]:
            if "summary" in event:  # one per action
                delays.append(now - float(event["ts"]))
        seen = session.meeting.last_seq
    sys.stdin.readline()
    print(json.dumps({"delays": delays, "events": len(session.events)}), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    else:
        read(Path(sys.argv[2]), float(sys.argv[3]))
