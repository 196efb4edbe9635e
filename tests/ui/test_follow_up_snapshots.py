"""What the operator screen looks like on the item carrying last time's action items, frozen: a
meeting made with `new --after`, two of its seven carried items reviewed (one done with a note, one
dropped), one overdue. Each snapshot was looked at as a picture before it was kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.series import follow
from facilitator.session import Session
from facilitator.store import locations, meetings
from screens.app import FacilitatorApp
from tests.ui.conftest import FIXED, quiet

ACTIONS = (
    ("Fix the boiler room door", ["Ana Lima"], "2025-11-20"),
    ("Ask the council about the bins", ["Bruno Silva", "Chen Wei"], "2025-12-20"),
    ("Paint the stairwell before winter, with volunteers from every floor", ["Dara Osei"], None),
    ("Collect the rent arrears list", ["Chen Wei"], "2025-11-30"),
    ("Book the hall for the [bold]party[/]", ["Ana Lima"], "2025-12-15"),
    ("Write to the insurer about the leak", ["Bruno Silva"], None),
    ("Order the compost bins", ["Dara Osei"], "2026-01-10"),
)


def reviewing(root: Path) -> Path:
    actor = Actor("bo", role="facilitator", terminal="t2")
    clock = FakeClock(FIXED - 30 * 86400)
    first = meetings.create(root, "Monthly assembly", actor, clock.now(), date="2025-11-01")
    session = Session.open(locations.meeting_file(root, first), actor, clock)
    session.act("attend", names=["Ana Lima", "Bruno Silva", "Chen Wei", "Dara Osei"])
    for text, owners, due in ACTIONS:
        session.act("action", text=text, owners=owners, due=due)
    session.act("adjourn")
    session.close()
    clock = FakeClock(FIXED - 120)
    followed = follow(root, first, "December assembly", actor, clock.now(), date="2025-12-06")
    path = locations.meeting_file(root, followed.meeting_id)
    session = Session.open(path, actor, clock)
    session.act("attend", names=["Ana Lima", "Bruno Silva", "Chen Wei"])
    session.act("agenda_add", title="Garden")
    session.act("agenda_start")
    session.act("hand", name="Chen Wei", kind="new")
    session.act("hand", name="Ana Lima", kind="new")
    clock.advance(60)
    session.act("action_status", ref=f"{first}:A1", status="done", note="new hinges, paid from repairs")
    session.act("action_status", ref=f"{first}:A2", status="dropped", note="the council took the bins over")
    session.close()
    return path


@pytest.mark.parametrize("size", [(80, 24), (120, 35)], ids=["80x24", "120x35"])
def test_snapshot_operator_reviewing_last_times_action_items(
    snap_compare: Any, data_root: Path, size: tuple[int, int]
) -> None:
    path = reviewing(data_root)
    actor = Actor("ana", role="facilitator", terminal="t1")
    app = quiet(FacilitatorApp(data_root, start="operator", meeting=path, actor=actor, clock=FakeClock(FIXED)))
    assert snap_compare(app, terminal_size=size)
