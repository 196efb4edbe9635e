"""What the operator screen looks like, frozen: the demo at a fixed moment, a fixed terminal id,
no animations, no blinking cursor. Each snapshot was looked at as a picture before it was kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.session import Session
from screens.app import FacilitatorApp
from tests.ui.conftest import FIXED, quiet


def operator(root: Path, path: Path, at: float = FIXED) -> FacilitatorApp:
    actor = Actor("ana", role="stack", terminal="t1")
    return quiet(FacilitatorApp(root, start="operator", meeting=path, actor=actor, clock=FakeClock(at)))


async def still_cursor(pilot: Pilot[Any]) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_snapshot_operator_demo(snap_compare: Any, data_root: Path, demo_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(operator(data_root, demo_path), terminal_size=size)


def test_snapshot_operator_point_of_process_in_overtime(snap_compare: Any, data_root: Path, demo_path: Path) -> None:
    other = Session.open(demo_path, Actor("bo", role="facilitator", terminal="t2"), FakeClock(FIXED))
    other.act("hand", name="Iris Novak", kind="process")
    other.act("next")
    assert snap_compare(operator(data_root, demo_path, at=FIXED + 45), terminal_size=(80, 24))


def test_snapshot_operator_name_entry(snap_compare: Any, data_root: Path, demo_path: Path) -> None:
    app = operator(data_root, demo_path)

    async def typed(pilot: Pilot[Any]) -> None:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("b", "r")
        await still_cursor(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=typed)
