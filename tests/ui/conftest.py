"""The app on a real meeting file, a frozen clock, and what the user would see on the terminal."""

from __future__ import annotations

import asyncio
import functools
import io
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets._toast import Toast

from facilitator.clock import FakeClock
from facilitator.demo import build_demo
from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import locations, meetings
from screens.app import FacilitatorApp
from tests.conftest import START

FIXED = START  # the snapshots' frozen "now"


@pytest.fixture
def actor() -> Actor:
    return Actor("ana", role="stack", terminal="t1")


@pytest.fixture
def meeting_path(data_root: Path, clock: FakeClock, actor: Actor) -> Path:
    meeting_id = meetings.create(data_root, "General assembly", actor, clock.now())
    return locations.meeting_file(data_root, meeting_id)


@pytest.fixture
def demo_path(data_root: Path) -> Path:
    return locations.meeting_file(data_root, build_demo(data_root, now=FIXED))


def quiet(app: FacilitatorApp) -> FacilitatorApp:
    """No animations, so what is on screen does not depend on when it is looked at."""
    app.animation_level = "none"
    return app


@pytest.fixture
def operator_app(data_root: Path, clock: FakeClock, actor: Actor) -> Callable[[Path], FacilitatorApp]:
    def make(path: Path) -> FacilitatorApp:
        return quiet(FacilitatorApp(data_root, start="operator", meeting=path, actor=actor, clock=clock, poll=0.05))

    return make


@pytest.fixture
def other(clock: FakeClock) -> Callable[[Path], Session]:
    """Another terminal on the same meeting (a second operator, or the CLI)."""

    def open_other(path: Path) -> Session:
        return Session.open(path, Actor("bo", role="facilitator", terminal="t2"), clock)

    return open_other


def stored(path: Path) -> list[dict[str, Any]]:
    """The events on disk, read afresh."""
    return Session.open(path, Actor("reader", terminal="r"), FakeClock(FIXED)).events


def stored_types(path: Path) -> list[str]:
    return [e["type"] for e in stored(path)]


def screen_text(app: App[Any]) -> str:
    """The terminal as the user sees it, as plain text (modals and notifications included)."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True, legacy_windows=False
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


def in_loop(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test in its own event loop (no async plugin needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def toasts(app: App[Any]) -> list[str]:
    """The notifications on screen, each as one string however the toast wraps it."""
    return [toast.render().plain for toast in app.screen.query(Toast)]


async def shows(pilot: Pilot[Any], *needles: str, gone: tuple[str, ...] = (), rounds: int = 100) -> str:
    """Let the app run until every needle is on screen and nothing `gone` is; bounded, so a screen
    that never shows it fails with what it did show instead of hanging."""
    text = ""
    for _ in range(rounds):
        await pilot.pause(0.02)
        text = screen_text(pilot.app) + "\n" + "\n".join(toasts(pilot.app))
        if all(n in text for n in needles) and not any(g in text for g in gone):
            return text
    raise AssertionError(f"the screen never showed {needles} without {gone}:\n{text}")


async def type_in(pilot: Pilot[Any], text: str) -> None:
    """Type text as keys, one character at a time (space and brackets by their key names)."""
    names = {" ": "space", "[": "left_square_bracket", "]": "right_square_bracket", "/": "slash"}
    await pilot.press(*(names.get(ch, ch) for ch in text))
