"""Hostile input to the screens (Pilot): names and texts that look like markup show literally on
every screen, and every input field of every form, filled with hostile text and submitted,
leaves the app running, a refusal said in a notification and nothing bad stored."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import locations, meetings
from screens.app import FacilitatorApp
from screens.home import HomeScreen
from screens.operator.operator import OperatorScreen
from tests.reliability.hostile import bad_chars, check_stored
from tests.ui.conftest import in_loop, quiet, screen_text, shows, toasts

LONG = os.environ.get("FACILITATOR_RELIABILITY_LONG") == "1"
BIG = (160, 45)

MARKUP = {
    "title": "[bold red]Assembly[/] of [link=http://x]us[/link]",
    "ana": "[bold red]Ana[/]",
    "bob": "[i]Bob[/i]",
    "item": "[u]Budget[/u] | 2026",
    "proposal": "[b]Roof[/b] now",
    "text": "**Fix** the [red]roof[/red] <b>now</b>",
    "question": "[blink]Ready?[/blink]",
    "note": "# [dim]Note[/dim] | pipe",
    "role": "[reverse]vibes[/]",
}


def markup_meeting(root: Path, clock: FakeClock, check: bool = True) -> Path:
    meeting_id = meetings.create(root, MARKUP["title"], Actor("ana"), clock.now())
    path = locations.meeting_file(root, meeting_id)
    s = Session.open(path, Actor("ana", role="facilitator", terminal="seed"), clock)
    s.act("attend", names=[MARKUP["ana"], MARKUP["bob"], "Zoë 🌻", "مريم"])
    s.act("role", role=MARKUP["role"], name=MARKUP["bob"])
    s.act("agenda_add", title=MARKUP["item"], minutes=20, kind="proposal", presenter=MARKUP["ana"])
    s.act("agenda_start")
    s.act("hand", name=MARKUP["ana"])
    s.act("hand", name=MARKUP["bob"])
    s.act("hand", name="مريم")
    s.act("next")
    s.act("propose", title=MARKUP["proposal"], text=MARKUP["text"], by=[MARKUP["ana"]])
    s.act("note", text=MARKUP["note"])
    if check:
        s.act("check_start", question=MARKUP["question"], about="P1")
    s.close()
    return path


def app_at(root: Path, start: str, path: Path | None, clock: FakeClock) -> FacilitatorApp:
    actor = Actor("ana", role="facilitator", terminal="t1")
    return quiet(FacilitatorApp(root, start=start, meeting=path, actor=actor, clock=clock, poll=0.05))


async def back_to(pilot: Pilot[Any], kind: type[Screen[Any]]) -> None:
    for _ in range(6):
        if isinstance(pilot.app.screen, kind):
            return
        await pilot.press("escape")
        await pilot.pause()
    assert isinstance(pilot.app.screen, kind), pilot.app.screen


# ---- markup shows literally everywhere --------------------------------------------------------


SCREENS: list[tuple[str, list[str], list[str]]] = [
    ("operator", [], ["title", "ana", "bob", "item", "proposal"]),
    ("proposal", ["v"], ["proposal", "text", "ana"]),
    ("check", ["t"], ["question"]),
    ("final test", ["f"], ["proposal", "text"]),
    ("notes", ["w"], ["note", "item"]),
    ("setup", ["f2"], ["ana", "bob", "title"]),
    ("setup: roles", ["f2", "f3"], ["role", "bob"]),
    ("setup: agenda", ["f2", "f4"], ["item", "ana"]),
    ("minutes", ["f3"], ["title", "ana", "bob", "role"]),
]


@pytest.mark.parametrize(("label", "keys", "wanted"), SCREENS, ids=[s[0] for s in SCREENS])
@in_loop
async def test_markup_looking_text_shows_literally(
    data_root: Path, clock: FakeClock, label: str, keys: list[str], wanted: list[str]
) -> None:
    path = markup_meeting(data_root, clock)
    app = app_at(data_root, "operator", path, clock)
    async with app.run_test(size=BIG, notifications=True) as pilot:
        await shows(pilot, MARKUP["ana"])
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await shows(pilot, *(MARKUP[w] for w in wanted))


@in_loop
async def test_markup_looking_text_shows_literally_on_the_projector_and_home(data_root: Path, clock: FakeClock) -> None:
    path = markup_meeting(data_root, clock)
    async with app_at(data_root, "projector", path, clock).run_test(size=BIG) as pilot:
        await shows(pilot, MARKUP["ana"], MARKUP["bob"], MARKUP["title"], MARKUP["question"])
    async with app_at(data_root, "home", None, clock).run_test(size=BIG) as pilot:
        text = await shows(pilot, MARKUP["title"][:30])
        assert "[bold red]" in text


# ---- every input field, filled with hostile text ----------------------------------------------


VALUES = ["\x1b]0;pwned\x07", "[bold red]Ana[/] مرحبا 😀", "W" * 10_001]
if LONG:
    VALUES += ["", "\u202eX", "99999999999999999999", "\x00", "\x9b2J", "[", "[/]", "-1", "0", "   ", "two\nlines"]
    VALUES += ["W" * 200_000, "P1-A1", "Lucı\u0301a"]

FORMS: list[tuple[str, list[str]]] = [
    ("add: new point", ["a"]),
    ("add: response", ["r"]),
    ("add: clarify", ["c"]),
    ("add: process", ["p"]),
    ("arrived", ["i"]),
    ("left", ["o"]),
    ("move to", ["m"]),
    ("propose", ["b"]),
    ("amend", ["v", "a"]),
    ("check: start", ["t", "s"]),
    ("final test: block", ["f", "t", "b"]),
    ("final test: stand aside", ["f", "t", "s"]),
    ("final test: agree", ["f", "t", "a"]),
    ("final test: counts", ["f", "t", "k"]),
    ("notes and action items", ["w"]),
    ("setup: attendance, roles, agenda", ["f2"]),
    ("minutes: export", ["f3", "e"]),
]


async def fill_and_submit(pilot: Pilot[Any], value: str) -> None:
    """Every Input of the screen gets `value` (as a paste would) and is submitted; a text area
    too, with the screen's submit key."""
    screen = pilot.app.screen
    for field in list(screen.query(Input)):
        if pilot.app.screen is not screen:
            return  # the form was accepted and closed
        field.value = value
        await field.action_submit()
        await pilot.pause()
    if pilot.app.screen is screen and list(screen.query(TextArea)):
        for area in screen.query(TextArea):
            area.text = value
        await pilot.press("ctrl+s")
        await pilot.pause()


# Quick runs give each form one of the values in turn; long runs give every form every value.
CASES = [(label, keys, VALUES if LONG else [VALUES[n % len(VALUES)]]) for n, (label, keys) in enumerate(FORMS)]


@pytest.mark.parametrize(("label", "keys", "values"), CASES, ids=[c[0] for c in CASES])
@in_loop
async def test_every_input_field_takes_hostile_text_without_breaking(
    data_root: Path,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    label: str,
    keys: list[str],
    values: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)  # the export form writes where it is told, relative to here
    path = markup_meeting(data_root, clock, check=False)
    app = app_at(data_root, "operator", path, clock)
    async with app.run_test(size=BIG, notifications=True) as pilot:
        await shows(pilot, MARKUP["ana"])
        for value in values:
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            await fill_and_submit(pilot, value)
            await back_to(pilot, OperatorScreen)
            said = "\n".join(toasts(app))
            assert "Traceback" not in said and "unexpected error" not in said, said
            assert not bad_chars(screen_text(app) + said, "\n"), (value[:20], said)
        assert app.is_running
    check_stored(path)


@in_loop
async def test_the_new_meeting_form_on_home_takes_hostile_text(data_root: Path, clock: FakeClock) -> None:
    app = app_at(data_root, "home", None, clock)
    async with app.run_test(size=BIG, notifications=True) as pilot:
        for value in VALUES:
            await pilot.press("n")
            await pilot.pause()
            await fill_and_submit(pilot, value)
            if isinstance(app.screen, OperatorScreen):  # created and opened: back home
                await pilot.press("q")
                await pilot.pause()
            await back_to(pilot, HomeScreen)
            said = "\n".join(toasts(app))
            assert "Traceback" not in said and not bad_chars(screen_text(app) + said, "\n"), said
        assert app.is_running
    for row in meetings.listing(data_root):
        assert not bad_chars(str(row["title"])) and len(str(row["title"])) <= 200
        check_stored(locations.meeting_file(data_root, str(row["id"])))
