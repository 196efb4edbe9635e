"""Storage faults seen from the operator screen: the app keeps running, says in a notification
what it could not save and why, keeps what was typed, and goes on once the disk is back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import locations, meetings
from facilitator.store.meeting_file import MeetingStore
from screens.app import FacilitatorApp
from screens.operator.operator import OperatorScreen
from screens.widgets.name_entry import NameEntry
from tests.reliability.faults import can_mount, fill, small_tmpfs
from tests.ui.conftest import in_loop, quiet, shows, toasts, type_in

SIZE = (100, 30)


def prepared(root: Path, clock: FakeClock) -> Path:
    meeting_id = meetings.create(root, "Faults on screen", Actor("ana"), clock.now())
    path = locations.meeting_file(root, meeting_id)
    session = Session.open(path, Actor("ana", role="stack", terminal="seed"), clock)
    session.act("attend", names=["Ana", "Bob", "Cal"])  # Cal arrived, and is added to the stack later
    for name in ("Ana", "Bob"):
        session.act("hand", name=name)
    session.act("next")
    session.close()
    return path


def app_for(root: Path, path: Path, clock: FakeClock) -> FacilitatorApp:
    actor = Actor("ana", role="stack", terminal="t1")
    return quiet(FacilitatorApp(root, start="operator", meeting=path, actor=actor, clock=clock, poll=0.05))


def hands(path: Path) -> list[str]:
    return [e["data"]["name"] for e in MeetingStore(path).load() if e["type"] == "hand_raised"]


async def try_to_add(pilot: object, name: str) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press("a")
    await pilot.pause()
    await type_in(pilot, name)
    await pilot.press("enter")
    await pilot.pause()


@in_loop
async def test_the_folder_deleted_under_the_operator_screen(data_root: Path, clock: FakeClock) -> None:
    path = prepared(data_root, clock)
    app = app_for(data_root, path, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Ana has the floor")
        shutil.rmtree(path.parent)
        await try_to_add(pilot, "Cal")
        await shows(pilot, "not saved: hand Cal new;", "is gone (deleted or unmounted?)")
        said = [t for t in toasts(app) if t.startswith("not saved")]
        assert said == [
            f"not saved: hand Cal new; cannot lock {path.with_suffix('.lock')}: its folder is gone "
            "(deleted or unmounted?)"
        ]
        assert isinstance(app.screen, NameEntry) and app.screen.query_one(Input).value == "Cal"  # kept
        await pilot.press("escape")
        await shows(pilot, "does not exist")  # the poll says so once, and the screen stays up
        assert isinstance(app.screen, OperatorScreen)
        await pilot.press("n")
        await shows(pilot, "not saved: next;")
        await shows(pilot, "Ana")  # the last known meeting is still shown
    assert app.return_code in (None, 0)


@in_loop
async def test_the_journal_swapped_for_a_link_under_the_operator_screen(
    data_root: Path, clock: FakeClock, tmp_path: Path
) -> None:
    path = prepared(data_root, clock)
    journal = path.with_suffix(".journal")
    app = app_for(data_root, path, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Ana has the floor")
        target = tmp_path / "target"
        target.write_bytes(b"")
        journal.unlink()
        journal.symlink_to(target)
        await pilot.press("n")
        await shows(pilot, "not saved: next;", "is a symbolic link")
        assert target.read_bytes() == b""  # nothing written through the link
        assert isinstance(app.screen, OperatorScreen)


@pytest.mark.skipif(not can_mount(), reason="needs root and mount: a real filesystem that fills up")
@in_loop
async def test_a_full_disk_under_the_operator_screen(clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    with small_tmpfs(512) as point:
        root = point / "data"
        monkeypatch.setenv(locations.ENV_VAR, str(root))
        path = prepared(root, clock)
        app = app_for(root, path, clock)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await shows(pilot, "Ana has the floor")
            filler = fill(point)
            await try_to_add(pilot, "Cal")
            await shows(pilot, "not saved: Cal is on the stack (new point)", "No space left on device")
            entry = app.screen
            assert isinstance(entry, NameEntry) and entry.query_one(Input).value == "Cal"
            filler.unlink()
            await pilot.press("enter")  # the same form, once there is room again
            await shows(pilot, "Cal is on the stack (new point)", "Stack: 2 waiting")
            assert isinstance(app.screen, OperatorScreen)
        assert hands(path) == ["Ana", "Bob", "Cal"]
