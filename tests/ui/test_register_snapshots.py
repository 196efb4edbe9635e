"""What the register of decisions and one decision whole look like, at 80x24 and 120x35; and
home with a series of meetings grouped under its heading."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from screens.app import FacilitatorApp
from tests.ui.conftest import quiet, shows, type_in
from tests.ui.test_home_series import collective

SIZES = [(80, 24), (120, 35)]
IDS = ["80x24", "120x35"]


def app_on(root: Path, clock: FakeClock, actor: Actor) -> FacilitatorApp:
    return quiet(FacilitatorApp(root, actor=actor, clock=clock, poll=0.05))


def opened(*then: str, search: str = "") -> Callable[[Pilot[Any]], Coroutine[Any, Any, None]]:
    """Home, r, the search typed, then these keys; settled when the screen shows what it should."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await shows(pilot, "Tenants' assembly")
        await pilot.press("r")
        await shows(pilot, "Register of decisions", "newest first")
        if search:
            await type_in(pilot, search)
            await shows(pilot, "decisions match")
        await pilot.press(*then)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_snapshot_register(
    snap_compare: Callable[..., bool], data_root: Path, clock: FakeClock, actor: Actor, size: tuple[int, int]
) -> None:
    collective(data_root)
    assert snap_compare(app_on(data_root, clock, actor), terminal_size=size, run_before=opened("down"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_snapshot_decision_whole(
    snap_compare: Callable[..., bool], data_root: Path, clock: FakeClock, actor: Actor, size: tuple[int, int]
) -> None:
    collective(data_root)
    run_before = opened("enter", search="bike")
    assert snap_compare(app_on(data_root, clock, actor), terminal_size=size, run_before=run_before)


def test_snapshot_register_searched_due_only(
    snap_compare: Callable[..., bool], data_root: Path, clock: FakeClock, actor: Actor
) -> None:
    collective(data_root)
    run_before = opened("down", "d", search="e")
    assert snap_compare(app_on(data_root, clock, actor), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_home_grouped_by_series(
    snap_compare: Callable[..., bool],
    clock: FakeClock,
    actor: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # a relative data folder, so the path shown is the same on every run
    root = Path("data")
    collective(root)

    async def on_the_heading(pilot: Pilot[Any]) -> None:
        await shows(pilot, "series, 2 meetings")
        await pilot.press("down")
        await shows(pilot, "x makes its next meeting")

    assert snap_compare(app_on(root, clock, actor), terminal_size=(80, 24), run_before=on_the_heading)
