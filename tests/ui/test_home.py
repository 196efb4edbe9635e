"""The home screen: the meetings of the data folder, a new meeting, the demo."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import locations, meetings
from screens.app import FacilitatorApp
from screens.home import HomeScreen
from screens.operator.operator import OperatorScreen
from screens.widgets.modals import NewMeeting
from tests.ui.conftest import FIXED, in_loop, quiet, shows, stored, type_in

SIZE = (100, 30)


def home(root: Path, clock: FakeClock, actor: Actor) -> FacilitatorApp:
    return quiet(FacilitatorApp(root, actor=actor, clock=clock, poll=0.05))


@in_loop
async def test_with_no_meetings_it_offers_the_demo_and_a_new_meeting(
    data_root: Path, clock: FakeClock, actor: Actor
) -> None:
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        text = await shows(pilot, "No meetings here yet.", "open the demo", "start a new meeting")
        assert "n new meeting" in text and "d demo" in text and "enter open" not in text


@in_loop
async def test_n_creates_a_meeting_and_opens_it(data_root: Path, clock: FakeClock, actor: Actor) -> None:
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("n")
        await shows(pilot, "New meeting", "Date (YYYY-MM-DD)")
        await type_in(pilot, "Tenants' assembly")
        await pilot.press("tab", "tab")  # the date stays today's
        await type_in(pilot, "Hall")
        await pilot.press("enter")
        await shows(pilot, "Tenants' assembly · Hall", "Stack: 0 waiting")
        assert isinstance(app.screen, OperatorScreen)
        await pilot.press("q")  # back home, where the meeting is now listed
        await shows(pilot, "Tenants' assembly", "2025-11-24", "facilitator open 2025-11-24-tenants-assembly")
        assert isinstance(app.screen, HomeScreen)
    (row,) = meetings.listing(data_root)
    assert row["id"] == "2025-11-24-tenants-assembly" and row["location"] == "Hall"
    first = stored(locations.meeting_file(data_root, str(row["id"])))[0]
    assert first["type"] == "meeting_opened" and first["actor"]["user"] == "ana"


@in_loop
async def test_a_refused_new_meeting_keeps_the_form_filled(data_root: Path, clock: FakeClock, actor: Actor) -> None:
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await type_in(pilot, "Budget")
        await pilot.press("tab", "ctrl+u")
        await type_in(pilot, "2025-02-30")
        await pilot.press("enter")
        await shows(pilot, "the date '2025-02-30' does not exist")
        assert isinstance(app.screen, NewMeeting)
        assert app.screen.query_one("#title", Input).value == "Budget"
        await pilot.press("escape")
        await shows(pilot, "No meetings here yet.")
    assert meetings.listing(data_root) == []


@in_loop
async def test_d_opens_the_demo(data_root: Path, clock: FakeClock, actor: Actor) -> None:
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("d")
        await shows(pilot, "Riverside Housing Co-op", "Jonas Berg", "Stack: 5 waiting")
        assert isinstance(app.screen, OperatorScreen)
    assert locations.meeting_file(data_root, "demo").exists()


@in_loop
async def test_enter_opens_the_selected_meeting(data_root: Path, clock: FakeClock, actor: Actor) -> None:
    meetings.create(data_root, "Older meeting", actor, FIXED - 86400 * 7)
    newer = meetings.create(data_root, "[bold]Newer[/] meeting", actor, FIXED)
    session = Session.open(locations.meeting_file(data_root, newer), actor, clock)
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        text = await shows(pilot, "[bold]Newer[/] meeting", "Older meeting")
        assert text.index("[bold]Newer[/] meeting") < text.index("Older meeting")  # newest first
        await pilot.press("down", "enter")
        await shows(pilot, "Older meeting", "Stack: 0 waiting")
        await pilot.press("q", "up", "enter")
        await shows(pilot, "[bold]Newer[/] meeting", "Stack: 1 waiting")


@in_loop
async def test_a_damaged_meeting_is_reported_not_opened(data_root: Path, clock: FakeClock, actor: Actor) -> None:
    broken = meetings.create(data_root, "Broken", actor, FIXED)
    path = locations.meeting_file(data_root, broken)
    path.write_text('{"meta": {"1": {"schema": 1}}, "events": {"1": {"seq": "x"}}}')
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Broken", "cannot be read")
        await pilot.press("enter")
        await shows(pilot, "is damaged")
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("size", [(80, 24)])
def test_snapshot_home_with_the_demo(
    snap_compare: object,
    data_root: Path,
    clock: FakeClock,
    actor: Actor,
    size: tuple[int, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from facilitator.demo import build_demo

    monkeypatch.chdir(tmp_path)  # a relative data folder, so the path shown is the same on every run
    root = Path("data")
    build_demo(root, now=FIXED)
    meetings.create(root, "Tenants' assembly", actor, FIXED - 86400, location="Hall")
    assert snap_compare(home(root, clock, actor), terminal_size=size)  # type: ignore[operator]


def test_snapshot_home_empty(
    snap_compare: object, clock: FakeClock, actor: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert snap_compare(home(Path("data"), clock, actor), terminal_size=(80, 24))  # type: ignore[operator]
