"""The operator redraws only the lines that changed (the stack, the recent actions, who is
present, the border titles) and lays the screen out again only when a text changes shape:
after every key and tick, what is on screen must equal a full layout and redraw."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from facilitator.clock import FakeClock
from facilitator.session import Session
from screens.app import FacilitatorApp
from screens.operator import OperatorScreen
from tests.ui.conftest import in_loop, screen_text

Make = Callable[[Path], FacilitatorApp]
Other = Callable[[Path], Session]

KEYS = ["down", "down", "l", "end", "home", "right_square_bracket", "n", "x", "space", "space", "e", "k", "k", "u"]


async def drawn_in_part_and_in_full(pilot: Pilot[object]) -> tuple[str, str]:
    screen = pilot.app.screen
    assert isinstance(screen, OperatorScreen)
    screen.repaint_clocks()  # the clock was moved on: what the next tick would show
    await pilot.pause()
    in_part = screen_text(pilot.app)
    for widget in pilot.app.screen.walk_children(Widget):
        widget.refresh(layout=True)
    screen.refresh(layout=True)
    await pilot.pause()
    return in_part, screen_text(pilot.app)


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
    async with app.run_test(size=size, notifications=True) as pilot:
        for key in KEYS:
            await pilot.press(key)
            clock.advance(1)
            in_part, in_full = await drawn_in_part_and_in_full(pilot)
            assert in_part == in_full, f"after {key!r}"
        for n in range(1, 6):  # another terminal: hands up and down, people arriving
            session.act("hand", name=f"Newcomer {n}")
            session.act("lower", name=f"Person {n + 10:02}")
            clock.advance(7)
            await pilot.pause(0.1)  # the operator polls the store
            in_part, in_full = await drawn_in_part_and_in_full(pilot)
            assert in_part == in_full, f"after newcomer {n}"


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
@in_loop
async def test_a_speakers_line_that_wraps_keeps_its_shape_or_is_laid_out_again(
    size: tuple[int, int], meeting_path: Path, operator_app: Make, other: Other, clock: FakeClock
) -> None:
    long_name = "Maria-Fernanda de los Ángeles Villaseñor Montenegro 🌻"
    session = other(meeting_path)
    session.act("hand", name="Ana")
    session.act("next")
    session.act("hand", name=long_name, kind="response")
    app = operator_app(meeting_path)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("n")  # the long name answers Ana: a kind line that wraps
        for seconds in (1, 9, 50, 600, 3000, 1):  # "spoken" grows by a digit now and then
            clock.advance(seconds)
            in_part, in_full = await drawn_in_part_and_in_full(pilot)
            assert in_part == in_full, f"at +{seconds} s"
