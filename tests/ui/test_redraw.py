"""The operator redraws what changed (the stack keeps its drawn lines in a cache) and lays the
screen out again only when a panel changes height. After every key and tick, what the terminal
was sent must add up to what a full layout and redraw shows, character by character and style
by style."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

import pytest
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget

from facilitator.clock import FakeClock
from facilitator.session import Session
from screens.app import FacilitatorApp
from screens.operator.operator import OperatorScreen
from screens.operator.stack_view import StackList
from tests.ui.conftest import in_loop, shows, type_in
from tests.ui.terminal import Picture, Terminal, watch

Make = Callable[[Path], FacilitatorApp]


def differences(shown: Picture, full: Picture) -> list[str]:
    """Where the terminal shows something other than a full redraw: line, column, both cells."""
    return [
        f"line {y} column {x}: {a!r} instead of {b!r}"
        for y, (row_a, row_b) in enumerate(zip(shown, full, strict=True))
        for x, (a, b) in enumerate(zip(row_a, row_b, strict=True))
        if a != b
    ][:5]


Other = Callable[[Path], Session]

KEYS = ["down", "down", "l y", "end", "home", "right_square_bracket", "n", "x", "space", "space", "e", "k", "k", "u"]


@contextmanager
def nothing_kept() -> Iterator[None]:
    """Draw every line of the stack anew, none from its cache."""

    def uncached(widget: StackList, y: int) -> Strip:
        return widget._line(y)

    with patch.object(StackList, "render_line", uncached):
        yield


async def drawn_in_part_and_in_full(pilot: Pilot[object], terminal: Terminal) -> tuple[Picture, Picture]:
    screen = pilot.app.screen
    assert isinstance(screen, OperatorScreen)
    screen.repaint_clocks()  # the clock was moved on: what the next tick would show
    await pilot.pause()
    in_part = terminal.picture()
    with nothing_kept():
        for widget in pilot.app.screen.walk_children(Widget):
            widget.refresh(layout=True)
        screen.refresh(layout=True)
        await pilot.pause()
        in_full = terminal.picture()
    return in_part, in_full


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
@in_loop
async def test_every_key_leaves_the_screen_as_a_full_redraw_would(
    size: tuple[int, int], meeting_path: Path, operator_app: Make, other: Other, clock: FakeClock
) -> None:
    session = other(meeting_path)
    session.act("attend", names=[f"Person {n:02}" for n in range(1, 41)])
    for n in range(1, 31):
        session.act("hand", name=f"Person {n:02}")
    app = operator_app(meeting_path)
    terminal = watch(app)
    async with app.run_test(size=size, notifications=True) as pilot:
        for key in KEYS:
            await pilot.press(*key.split())  # "l y": a key and the answer to its question
            clock.advance(1)
            in_part, in_full = await drawn_in_part_and_in_full(pilot, terminal)
            assert differences(in_part, in_full) == [], f"after {key!r}"
        stack = app.screen.query_one(StackList)
        for focus in (None, stack):  # the cursor's colours follow the focus
            app.screen.set_focus(focus)
            in_part, in_full = await drawn_in_part_and_in_full(pilot, terminal)
            assert differences(in_part, in_full) == [], f"focus on {focus}"
        app.screen.query_one("#main").styles.background = "darkred"  # behind the stack: its background
        in_part, in_full = await drawn_in_part_and_in_full(pilot, terminal)
        assert differences(in_part, in_full) == [], "after a change of the background"
        app.theme = "textual-light"  # every style changes
        in_part, in_full = await drawn_in_part_and_in_full(pilot, terminal)
        assert differences(in_part, in_full) == [], "after a change of theme"
        for n in range(1, 6):  # another terminal: hands up and down, people arriving
            session.act("attend", names=[f"Newcomer {n}"])
            # the keys left the stack closed (k, k, u): a new point is then a late addition, on record
            session.act("hand", name=f"Newcomer {n}", late=session.meeting.stack_closed)
            session.act("lower", name=f"Person {n + 10:02}")
            clock.advance(7)
            await pilot.pause(0.1)  # the operator polls the store
            in_part, in_full = await drawn_in_part_and_in_full(pilot, terminal)
            assert differences(in_part, in_full) == [], f"after newcomer {n}"


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
@in_loop
async def test_a_speakers_line_that_wraps_keeps_its_shape_or_is_laid_out_again(
    size: tuple[int, int], meeting_path: Path, operator_app: Make, other: Other, clock: FakeClock
) -> None:
    long_name = "Maria-Fernanda de los Ángeles Villaseñor Montenegro 🌻"
    session = other(meeting_path)
    session.act("attend", names=["Ana", long_name])
    session.act("hand", name="Ana")
    session.act("next")
    session.act("hand", name=long_name, kind="response")
    app = operator_app(meeting_path)
    terminal = watch(app)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("n")  # the long name answers Ana: a kind line that wraps
        for seconds in (1, 9, 50, 600, 3000, 1):  # "spoken" grows by a digit now and then
            clock.advance(seconds)
            in_part, in_full = await drawn_in_part_and_in_full(pilot, terminal)
            assert differences(in_part, in_full) == [], f"at +{seconds} s"


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
@in_loop
async def test_turns_and_clocks_never_lay_the_screen_out_again(
    size: tuple[int, int], meeting_path: Path, operator_app: Make, other: Other, clock: FakeClock
) -> None:
    """A layout of the whole operator screen was the long frame of a live meeting: the speaker's
    panel changes what it says every second and at every turn, never its shape, unless it gains
    a line (a point of process)."""
    session = other(meeting_path)
    session.act("attend", names=["Ana", "Bo Chen", "Cy", "Dee"])
    session.act("hand", name="Ana")
    session.act("next")
    session.act("hand", name="Bo Chen", kind="response")
    session.act("hand", name="Cy")
    app = operator_app(meeting_path)
    layouts: list[str] = []
    original = OperatorScreen._refresh_layout

    def counted(screen: OperatorScreen, *args: object, **kwargs: object) -> None:
        layouts.append(screen.session.meeting.speaker.name if screen.session.meeting.speaker else "nobody")
        original(screen, *args, **kwargs)  # type: ignore[arg-type]

    async with app.run_test(size=size, notifications=True) as pilot:
        await shows(pilot, "Ana", "of 2:00")
        with patch.object(OperatorScreen, "_refresh_layout", counted):
            for seconds in (50, 9, 61, 540):  # 9:59 -> 10:00 spoken, overtime, two-digit minutes
                clock.advance(seconds)
                await pilot.pause(0.15)
            for key, seen in (("n", "responds to Ana"), ("x", "of 1:30"), ("space", "PAUSED"), ("space", "of 1:30")):
                await pilot.press(key)
                await shows(pilot, seen)
            await pilot.press("e", "n")
            await shows(pilot, "Cy", "new point")
            assert layouts == []
            await pilot.press("p")
            await type_in(pilot, "Dee")
            await pilot.press("enter", "n")  # a point of process: the paused speaker gets a line
            await shows(pilot, "paused for a point of process: Cy")
            assert layouts, "the panel grew by a line: the screen is laid out again"


@in_loop
async def test_a_resized_terminal_shows_what_a_full_redraw_would(
    meeting_path: Path, operator_app: Make, other: Other, clock: FakeClock
) -> None:
    """The speaker's clock stands beside the words on a wide panel and below them on a narrow
    one: across resizes both ways, what the terminal shows is what a full redraw gives."""
    session = other(meeting_path)
    session.act("attend", names=["Maria-Fernanda de los Ángeles Villaseñor Montenegro 🌻", "Bo Chen"])
    session.act("hand", name="Maria-Fernanda de los Ángeles Villaseñor Montenegro 🌻")
    session.act("next")
    session.act("hand", name="Bo Chen", kind="process")
    session.act("next")  # a point of process: the paused speaker gets a line of their own
    app = operator_app(meeting_path)
    terminal = watch(app)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await shows(pilot, "Bo Chen", "paused for a point of process")
        for size in ((80, 24), (160, 45), (100, 30), (120, 36)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            clock.advance(1)
            in_part, in_full = await drawn_in_part_and_in_full(pilot, terminal)
            assert differences(in_part, in_full) == [], f"at {size}"
            assert "Bo Chen" in terminal.text()
