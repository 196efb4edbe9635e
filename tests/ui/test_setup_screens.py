"""The setup screens (attendance and quorum, roles with rotation hints, agenda), the minute
taker's notes, and the minutes preview with its export: what the user sees, what ends up on
disk, and snapshots with a frozen clock."""

from __future__ import annotations

import asyncio
import functools
import io
import os
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input
from textual.widgets._toast import Toast

from facilitator.clock import FakeClock
from facilitator.demo import build_demo
from facilitator.meeting.events import Actor
from facilitator.minutes.document import minutes_markdown
from facilitator.session import Session
from facilitator.store import locations, meetings
from screens.records.minutes_preview import ExportPath, MinutesPreviewScreen, ReplaceFile
from screens.records.notes import NotesScreen
from screens.records.setup import CarryChoice, SetupScreen

FIXED = 1_764_014_400.0  # 2025-11-24 20:00 UTC, as in the minutes' golden file
SIZE = (100, 30)
ACTOR = Actor("hana", role="minutes", terminal="t1")


class Harness(App[None]):
    """Opens one of the screens, the way the operator screen would push it."""

    def __init__(self, make: Callable[[], Screen[None]]) -> None:
        super().__init__()
        self.make = make
        self.poll = 0.05
        self.animation_level = "none"

    def on_mount(self) -> None:
        self.push_screen(self.make())


def session_on(path: Path, actor: Actor = ACTOR) -> Session:
    return Session.open(path, actor, FakeClock(FIXED))


@pytest.fixture
def demo(data_root: Path) -> Path:
    """The demo assembly, after two earlier assemblies (for the rotation hints)."""
    for date, roles in (
        ("2025-09-29", {"facilitator": "Chen Wei", "stack": "Amara Okafor", "minutes": "Emeka Obi"}),
        ("2025-10-27", {"facilitator": "Amara Okafor", "stack": "Chen Wei", "time": "Iris Novak"}),
    ):
        meeting_id = meetings.create(data_root, "Assembly", Actor("demo"), FIXED - 86400 * 30, date=date)
        s = Session.open(locations.meeting_file(data_root, meeting_id), Actor("demo"), FakeClock(FIXED - 86400 * 30))
        s.act("attend", names=["Amara Okafor", "Chen Wei", "Emeka Obi", "Iris Novak", "Kwame Mensah"])
        for role, name in roles.items():
            s.act("role", role=role, name=name)
    return locations.meeting_file(data_root, build_demo(data_root, now=FIXED))


@pytest.fixture
def fresh(data_root: Path) -> Path:
    meeting_id = meetings.create(data_root, "Branch meeting", ACTOR, FIXED - 600, date="2025-11-24")
    return locations.meeting_file(data_root, meeting_id)


def stored_types(path: Path) -> list[str]:
    return [e["type"] for e in session_on(path, Actor("reader", terminal="r")).events]


def stored(path: Path, kind: str) -> list[dict[str, Any]]:
    return [e["data"] for e in session_on(path, Actor("reader", terminal="r")).events if e["type"] == kind]


def in_loop(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def screen_text(app: App[Any]) -> str:
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    toasts = [toast.render().plain for toast in app.screen.query(Toast)]
    return console.export_text(styles=False) + "\n" + "\n".join(toasts)


async def shows(pilot: Pilot[Any], *needles: str, rounds: int = 100) -> str:
    """Run until every needle is on screen (bounded: fails with what it did show)."""
    text = ""
    for _ in range(rounds):
        await pilot.pause(0.02)
        text = screen_text(pilot.app)
        if all(n in text for n in needles):
            return text
    raise AssertionError(f"the screen never showed {needles}:\n{text}")


async def enter(pilot: Pilot[Any], selector: str, value: str) -> None:
    """Type into a field (set as a whole: the text may hold anything) and press Enter."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = value
    await pilot.press("enter")
    await pilot.pause()


# ---- setup: attendance and quorum ---------------------------------------------------------


@in_loop
async def test_setup_marks_arrivals_departures_and_the_quorum(fresh: Path, data_root: Path) -> None:
    app = Harness(lambda: SetupScreen(session_on(fresh), data_root))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await enter(pilot, "#arrive", "[bold]Zoë[/] 🦊")
        await enter(pilot, "#arrive", "Ana")
        await shows(pilot, "[bold]Zoë[/] 🦊", "2 present")
        await enter(pilot, "#quorum", "3")
        await shows(pilot, "2 present, quorum 3: below quorum", "BELOW QUORUM")
        await pilot.press("shift+tab", "shift+tab")  # back to the list (Escape would leave the screen)
        assert app.screen.focused is app.screen.query_one("#present")
        await pilot.press("l")  # the highlighted person (the first) leaves, once confirmed
        await shows(pilot, "[bold]Zoë[/] 🦊 has left?")
        await pilot.press("y")
        await shows(pilot, "1 present, quorum 3")
    assert stored(fresh, "attended") == [{"name": "[bold]Zoë[/] 🦊"}, {"name": "Ana"}]
    assert stored(fresh, "quorum_set") == [{"quorum": 3}]
    assert stored(fresh, "left") == [{"name": "[bold]Zoë[/] 🦊"}]


@in_loop
async def test_a_refusal_is_one_line_and_the_field_keeps_what_was_typed(fresh: Path, data_root: Path) -> None:
    app = Harness(lambda: SetupScreen(session_on(fresh), data_root))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await enter(pilot, "#quorum", "0")
        await shows(pilot, "there is no quorum to remove")
        assert app.screen.query_one("#quorum", Input).value == "0"
        await enter(pilot, "#arrive", "x" * 61)
        await shows(pilot, "the limit is 60")
        assert app.screen.query_one("#arrive", Input).value == "x" * 61
    assert stored_types(fresh) == ["meeting_opened"]


# ---- setup: roles and rotation ------------------------------------------------------------


@in_loop
async def test_setup_gives_roles_empties_them_and_names_new_ones(demo: Path, data_root: Path) -> None:
    app = Harness(lambda: SetupScreen(session_on(demo), data_root, tab="roles"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        text = await shows(pilot, "Co-facilitator", "(empty)", "Amara Okafor (2025-10-27)")
        assert "No role in the last 2 meetings nor today: Kwame Mensah, Lucía Fernández" in text
        await pilot.press("down", "enter")  # co-facilitator: Enter asks who takes it
        assert app.screen.focused is app.screen.query_one("#holder")
        await enter(pilot, "#holder", "Kwame Mensah")
        await shows(pilot, "Co-facilitator: Kwame Mensah")
        await pilot.press("x")  # the highlighted role (still co-facilitator) is left empty, once confirmed
        await shows(pilot, "Leave Co-facilitator empty? Kwame Mensah holds it now.")
        await pilot.press("y")
        await shows(pilot, "Kwame Mensah stepped down")
        await enter(pilot, "#new-role", "Door greeter")
        await enter(pilot, "#holder", "Lucía Fernández")
        await shows(pilot, "Door greeter: Lucía Fernández")
    assert stored(demo, "role_set")[-3:] == [
        {"role": "co-facilitator", "name": "Kwame Mensah"},
        {"role": "co-facilitator", "name": None},
        {"role": "Door greeter", "name": "Lucía Fernández"},
    ]


# ---- setup: the agenda --------------------------------------------------------------------


@in_loop
async def test_setup_adds_reorders_starts_and_tables_items(fresh: Path, data_root: Path) -> None:
    app = Harness(lambda: SetupScreen(session_on(fresh), data_root, tab="agenda"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for title, minutes in (("Apologies", "5"), ("Motions", "40"), ("AOB", "")):
            app.screen.query_one("#item-minutes", Input).value = minutes
            await enter(pilot, "#item-title", title)
        await pilot.press("shift+tab")  # back to the list (Escape would leave the screen)
        assert app.screen.focused is app.screen.query_one("#items")
        await shows(pilot, "Apologies", "Motions", "AOB")
        await pilot.press("down", "down", "left_square_bracket")  # AOB up one place
        await shows(pilot, "'AOB' moved to item 2")
        await pilot.press("up", "up", "s")  # start Apologies
        await shows(pilot, "now on: Apologies", "now on 1. Apologies 0:00 of 5:00")
        other = session_on(fresh, Actor("bo", terminal="t2"))  # another terminal
        other.act("attend", names=["Ana"])
        other.act("hand", name="Ana")
        await pilot.press("down", "s")  # start AOB: Ana is still waiting
        await shows(pilot, "1 still waiting on this stack")
        assert isinstance(app.screen, CarryChoice)
        await pilot.press("c")
        await shows(pilot, "now on: AOB")
        await pilot.press("down", "t")  # table Motions
        await shows(pilot, "tabled to a later meeting: Motions")
    started = stored(fresh, "item_started")
    assert [s["carry"] for s in started] == [False, True]
    assert len(stored(fresh, "item_moved")) == 1
    assert len(stored(fresh, "item_tabled")) == 1


# ---- the minute taker's notes -------------------------------------------------------------


@in_loop
async def test_notes_and_action_items_from_the_notes_screen(demo: Path) -> None:
    app = Harness(lambda: NotesScreen(session_on(demo)))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Now on 2. Boiler replacement fund", "Tapley & Sons")
        assert app.screen.focused is app.screen.query_one("#note")  # it opens ready to write
        await enter(pilot, "#note", "Agreed to wait for the *noise* survey | [red]before[/] deciding")
        await shows(pilot, "Agreed to wait for the *noise* survey |", "[red]before[/] deciding")
        app.screen.query_one("#owners", Input).value = "Chen Wei, Kwame"
        app.screen.query_one("#due", Input).value = "next week"
        await enter(pilot, "#action", "Draft the letter to the council")
        await shows(pilot, "Kwame matches nobody here: Enter keeps Kwame", "Tab takes Kwame Mensah")  # asked once
        await pilot.press("enter")
        await shows(pilot, "is not YYYY-MM-DD")
        assert app.screen.query_one("#action", Input).value == "Draft the letter to the council"
        app.screen.query_one("#due", Input).value = "2025-12-01"
        await enter(pilot, "#action", "Draft the letter to the council")
        await shows(pilot, "A3 Draft the letter to the council", "Chen Wei, Kwame, due 2025-12-01")
    assert stored(demo, "noted")[-1]["text"] == "Agreed to wait for the *noise* survey | [red]before[/] deciding"
    assert stored(demo, "action_added")[-1]["owners"] == ["Chen Wei", "Kwame"]


# ---- the minutes preview and its export ---------------------------------------------------


@in_loop
async def test_the_preview_exports_and_asks_before_replacing(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    app = Harness(lambda: MinutesPreviewScreen(session_on(demo), folder=out))
    target = out / "demo-minutes.md"
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Riverside Housing Co-op: general assembly", "Attendance")
        await pilot.press("e")
        assert isinstance(app.screen, ExportPath)
        assert app.screen.query_one(Input).value == str(target)
        await pilot.press("enter")
        await shows(pilot, f"minutes written to {target}")
        assert target.read_text(encoding="utf-8") == minutes_markdown(session_on(demo).meeting)
        target.write_text("older minutes", encoding="utf-8")
        await pilot.press("e", "enter")
        await shows(pilot, "The file already exists")
        assert isinstance(app.screen, ReplaceFile)
        await pilot.press("n")
        assert target.read_text(encoding="utf-8") == "older minutes"
        assert isinstance(app.screen, ExportPath)  # still open, with the path typed
        await pilot.press("enter", "y")
        await shows(pilot, f"minutes written to {target}")
        assert target.read_text(encoding="utf-8").startswith("---\ntitle:")


@in_loop
async def test_the_preview_never_writes_through_a_symlink(demo: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    link = tmp_path / "demo-minutes.md"
    os.symlink(precious, link)
    app = Harness(lambda: MinutesPreviewScreen(session_on(demo), folder=tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Attendance")
        await pilot.press("e", "enter")
        await shows(pilot, "is a symbolic link")
        assert isinstance(app.screen, ExportPath)
    assert precious.read_text(encoding="utf-8") == "keep me"


@in_loop
async def test_the_preview_follows_other_terminals(demo: Path) -> None:
    app = Harness(lambda: MinutesPreviewScreen(session_on(demo)))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Attendance")
        session_on(demo, Actor("bo", terminal="t2")).act("next_meeting", date="2025-12-22", place="[b]Hall[/b]")
        app.screen.query_one("#minutes-scroll").scroll_end(animate=False)
        await shows(pilot, "2025-12-22, [b]Hall[/b].")


# ---- snapshots ----------------------------------------------------------------------------


def settle(*needles: str) -> Callable[[Pilot[Any]], Coroutine[Any, Any, None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await shows(pilot, *needles)

    return run_before


@pytest.mark.parametrize("tab", ["attendance", "roles", "agenda"])
def test_snapshot_setup(snap_compare: Callable[..., bool], demo: Path, data_root: Path, tab: str) -> None:
    app = Harness(lambda: SetupScreen(session_on(demo), data_root, tab=tab))
    assert snap_compare(app, terminal_size=SIZE, run_before=settle("12 present, quorum 8: quorate"))


def test_snapshot_notes(snap_compare: Callable[..., bool], demo: Path) -> None:
    app = Harness(lambda: NotesScreen(session_on(demo)))
    assert snap_compare(app, terminal_size=SIZE, run_before=settle("Tapley & Sons", "Dolores Ruiz, Iris Novak"))


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_snapshot_minutes_preview(snap_compare: Callable[..., bool], demo: Path, size: tuple[int, int]) -> None:
    app = Harness(lambda: MinutesPreviewScreen(session_on(demo)))
    assert snap_compare(app, terminal_size=size, run_before=settle("Attendance", "Quorum: 8"))
