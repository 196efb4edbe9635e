"""The demo assembly: a realistic meeting in progress, rebuilt fresh on every `facilitator demo`.

data/demo.json is a script of actions at times relative to now, so the demo always has a
speaker in the middle of their turn and a stack of mixed kinds.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from facilitator.clock import FakeClock, SystemClock
from facilitator.meeting.events import Actor
from facilitator.meeting.settings import Settings
from facilitator.session import Session
from facilitator.store import locations, meetings

DEMO_ID = "demo"


def build_demo(root: Path, now: float | None = None) -> str:
    now = SystemClock().now() if now is None else now
    script = json.loads(locations.demo_script().read_text(encoding="utf-8"))
    steps = script["steps"]
    for stale in (locations.meeting_file(root, DEMO_ID), locations.meeting_file(root, DEMO_ID).with_suffix(".lock")):
        if stale.exists() and not stale.is_symlink():
            os.unlink(stale)
    clock = FakeClock(now + steps[0][0] - 60)
    actor = Actor("demo", role="facilitator")
    meeting_id = meetings.create(
        root,
        script["title"],
        actor,
        clock.now(),
        location=script["location"],
        settings=Settings.from_dict(script.get("settings", {})),
        meeting_id=DEMO_ID,
    )
    session = Session.open(locations.meeting_file(root, meeting_id), actor, clock)
    for offset, action, args in steps:
        clock.set(now + offset)
        session.act(action, **args)
    return meeting_id
