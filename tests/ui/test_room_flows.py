"""The room's flows (issue 16 point 8), as a facilitator meets them on the operator's screens:
the speaker's clock on every screen, one key with one meaning, a confirmation before a key that
destroys or rejects, fields whose letters stay letters, one Escape out of the notes, a stack
panel that says which places it shows, and a home screen that follows other terminals."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import locations, meetings
from screens.app import FacilitatorApp
from screens.operator.operator import OperatorScreen
from screens.widgets.speaker_strip import SpeakerStrip
from tests.ui.conftest import in_loop, quiet, screen_text, shows, stored_types

SIZE = (80, 24)


def jo_speaking(path: Path, clock: FakeClock, *, proposal: bool = True) -> None:
    """Jo Mbeki has the floor (a new point, 2:00), Ana Lima waits; P1 is in play."""
    s = Session.open(path, Actor("bo", role="facilitator", terminal="t2"), clock)
    s.act("attend", names=["Jo Mbeki", "Ana Lima", "Bo Chen"])
    s.act("hand", name="Jo Mbeki")
    s.act("next")
    s.act("hand", name="Ana Lima")
    if proposal:
        s.act("propose", title="Buy a kettle", text="We buy a kettle for the hall.", by=["Ana Lima"])
        s.act("amend", proposal="P1", by="Bo Chen", replace="a kettle", with_text="two kettles")
    s.close()


async def strip_says(pilot: Pilot[Any], *needles: str, look: str) -> None:
    """The strip shows the needles, in the look (a class) that colours it."""
    await shows(pilot, *needles)
    strip = pilot.app.screen.query_one(SpeakerStrip)
    assert strip.has_class(look), (strip.classes, strip.words)
    assert all(n in strip.words for n in needles), strip.words


# ---- the speaker's clock on every operator screen ----------------------------------------------

SCREENS = {
    "proposal": ("v", "Buy a kettle"),
    "check": ("t", "Temperature check"),
    "final test": ("f", "Final test"),
    "notes": ("w", "Notes: General assembly"),
    "setup": ("f2", "Setup: General assembly"),
    "minutes": ("f3", "Minutes: General assembly"),
}


@pytest.mark.parametrize("screen", list(SCREENS))
@in_loop
async def test_every_screen_shows_the_speakers_clock_and_overtime_in_words(
    screen: str, operator_app: Any, meeting_path: Path, clock: FakeClock
) -> None:
    jo_speaking(meeting_path, clock)
    key, title = SCREENS[screen]
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press(key)
        if screen == "check":
            await shows(pilot, "Temperature check")
            await pilot.press("escape")  # the form that starts a check: not now
        await shows(pilot, title)
        await strip_says(pilot, "Jo Mbeki (new point): 2:00 left, spoken 0:00", look="-speaking")
        clock.advance(105)
        await strip_says(pilot, "Jo Mbeki (new point): ALMOST UP, 0:15 left, spoken 1:45", look="-warning")
        clock.advance(54)  # the speaker runs on while the facilitator is elsewhere
        await strip_says(pilot, "Jo Mbeki (new point): OVERTIME +0:39, spoken 2:39", look="-overtime")
        clock.advance(20)
        await strip_says(pilot, "OVERTIME +0:59, spoken 2:59", look="-overtime")
        other = Session.open(meeting_path, Actor("bo", role="facilitator", terminal="t2"), clock)
        other.act("pause")  # the timekeeper, in another terminal
        clock.advance(30)
        await strip_says(pilot, "Jo Mbeki (new point): PAUSED, OVERTIME +0:59, spoken 2:59", look="-paused")
        other.act("end")
        other.close()
        await strip_says(pilot, "Nobody has the floor", look="-nobody")
        assert screen_text(app).splitlines()[0].strip() == "Nobody has the floor"  # the top line


# ---- the stack panel says which places it shows -----------------------------------------------


def waiting(path: Path, clock: FakeClock, count: int) -> list[str]:
    names = [f"Person {n:02d}" for n in range(1, count + 1)]
    s = Session.open(path, Actor("bo", role="facilitator", terminal="t2"), clock)
    s.act("attend", names=names)
    for name in names:
        clock.advance(1)
        s.act("hand", name=name)
    s.close()
    return names


def stack_rows(text: str) -> list[str]:
    """The names on the stack panel's lines, in order ("3  Person 03  new point  asked 16:00")."""
    return re.findall(r"\b\d+ +(Person \d\d) +new point", text)


@pytest.mark.parametrize(("size", "count"), [((80, 24), 8), ((80, 24), 30), ((160, 45), 40)])
@in_loop
async def test_the_stack_panel_says_which_places_show_when_some_do_not_fit(
    size: tuple[int, int], count: int, operator_app: Any, meeting_path: Path, clock: FakeClock
) -> None:
    names = waiting(meeting_path, clock, count)
    app = operator_app(meeting_path)
    async with app.run_test(size=size, notifications=True) as pilot:
        text = await shows(pilot, "Person 01")
        rows = stack_rows(text)
        assert rows[0] == "Person 01" and len(rows) < count  # some do not fit
        await shows(pilot, f"Stack: 1-{len(rows)} of {count} waiting")
        await pilot.press("end")  # the cursor to the last: the panel scrolls
        text = await shows(pilot, f"Stack: {count - len(rows) + 1}-{count} of {count} waiting")
        assert stack_rows(text) == names[-len(rows) :]


@in_loop
async def test_the_stack_panel_says_nothing_more_when_everyone_fits(
    operator_app: Any, meeting_path: Path, clock: FakeClock
) -> None:
    waiting(meeting_path, clock, 3)
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Stack: 3 waiting · open", "Person 03")


# ---- the home screen follows meetings created in another terminal -------------------------------


@in_loop
async def test_the_home_list_follows_meetings_created_elsewhere(data_root: Path, clock: FakeClock) -> None:
    app = quiet(FacilitatorApp(data_root, actor=Actor("ana", terminal="t1"), clock=clock, poll=0.05))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await shows(pilot, "No meetings here yet.")
        elsewhere = Actor("bo", terminal="t2")
        first = meetings.create(data_root, "Tenants' assembly", elsewhere, clock.now(), "2025-11-20")
        await shows(pilot, "Tenants' assembly", "facilitator open " + first, gone=("No meetings here yet.",))
        second = meetings.create(data_root, "Budget circle", elsewhere, clock.now(), "2025-11-27")
        await shows(pilot, "Budget circle", "Tenants' assembly")
        # the newest is listed first, and the cursor stays on the meeting it was on
        await shows(pilot, "facilitator open " + first)
        await pilot.press("enter")
        await shows(pilot, "Tenants' assembly", "Stack: 0 waiting")
        screen = app.screen
        assert isinstance(screen, OperatorScreen)
        assert screen.session.store.path == locations.meeting_file(data_root, first)
        assert first != second


# ---- one key, one meaning; keys that destroy or reject ask first --------------------------------


@in_loop
async def test_t_and_f_mean_check_and_final_test_on_the_proposal_screen_too(
    operator_app: Any, meeting_path: Path, clock: FakeClock
) -> None:
    jo_speaking(meeting_path, clock)
    app = operator_app(meeting_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("v")
        await shows(pilot, "Amendments · 1 pending", "t check", "f final test", "h friendly")
        await pilot.press("f")  # as on the operator screen: the final test, nothing accepted
        await shows(pilot, "Final test · P1 v1", "f start test", "t check")
        await pilot.press("escape")
        await shows(pilot, "Amendments · 1 pending")
        await pilot.press("t")  # as on the operator screen: a temperature check, about the amendment
        await shows(pilot, "Temperature check 1", "about P1-A1")
        await pilot.press("escape")
        await pilot.press("h")  # friendly: accepted by the presenters
        await shows(pilot, "Amendments · 0 pending")
    assert stored_types(meeting_path)[-2:] == ["check_started", "amendment_accepted"]


@in_loop
async def test_u_undoes_on_every_operator_screen(operator_app: Any, meeting_path: Path, clock: FakeClock) -> None:
    jo_speaking(meeting_path, clock)
    app = operator_app(meeting_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("t")  # the check screen opens on its form: not yet
        await shows(pilot, "Temperature check", "scales: twinkles")
        await pilot.press("escape", "u")  # no check open: u still undoes (nothing of ours yet)
        await shows(pilot, "nothing of yours to undo")
        assert "no temperature check is open" not in screen_text(app)
        await pilot.press("s")  # start one
        await shows(pilot, "Temperature check", "scales: twinkles")
        await pilot.press("enter", "enter", "enter")
        await shows(pilot, "Temperature check 1", "u undo")
        await pilot.press("1", "1", "1")
        await shows(pilot, "3 in all")
        await pilot.press("u")  # was z here, u everywhere else
        await shows(pilot, "2 in all", "undid: check 1: 3 in the room")
        await pilot.press("escape", "w")  # the notes open with the note field: u types a letter there
        await shows(pilot, "Notes: General assembly", "^z undo")
        await pilot.press("u")
        assert app.screen.query_one("#note").value == "u"
        await pilot.press("ctrl+z")  # while typing, ctrl+z undoes
        await shows(pilot, "Notes: General assembly", "undid: check 1: 2 in the room")
        await pilot.press("escape", "f2")
        await shows(pilot, "Setup: General assembly", "u undo")
        await pilot.press("u")
        await shows(pilot, "undid: check 1: 1 in the room")
    counted = [t for t in stored_types(meeting_path) if t == "check_counted"]
    assert len(counted) == 3
    other = Session.open(meeting_path, Actor("reader", terminal="r"), clock)
    assert other.meeting.checks[0].total == 0


@in_loop
async def test_rejecting_or_withdrawing_an_amendment_asks_first(
    operator_app: Any, meeting_path: Path, clock: FakeClock
) -> None:
    jo_speaking(meeting_path, clock)
    app = operator_app(meeting_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("v")
        await shows(pilot, "Amendments · 1 pending")
        await pilot.press("x")
        await shows(pilot, "Reject P1-A1?", "by Bo Chen: [-a kettle-] → [+two kettles+]", "Reject it (y)")
        await pilot.press("n")  # no: nothing happens
        await shows(pilot, "Amendments · 1 pending", gone=("Reject P1-A1?",))
        await pilot.press("w")
        await shows(pilot, "Withdraw P1-A1, by its author?")
        await pilot.press("escape")  # Esc is no too
        await shows(pilot, "Amendments · 1 pending", gone=("Withdraw P1-A1",))
        await pilot.press("enter")  # nothing is focused in the question: Enter never answers yes
        await pilot.press("x")
        await shows(pilot, "Reject P1-A1?")
        await pilot.press("enter")
        assert "Reject P1-A1?" in screen_text(app)
        await pilot.press("y")
        await shows(pilot, "Amendments · 0 pending", "rejected")
    assert stored_types(meeting_path).count("amendment_rejected") == 1
    assert "amendment_withdrawn" not in stored_types(meeting_path)


@in_loop
async def test_taking_someone_off_the_stack_asks_first(operator_app: Any, meeting_path: Path, clock: FakeClock) -> None:
    jo_speaking(meeting_path, clock, proposal=False)
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Stack: 1 waiting")
        await pilot.press("l")
        await shows(pilot, "Take Ana Lima (new point) off the stack?")
        await pilot.press("n")
        await shows(pilot, "Stack: 1 waiting", gone=("off the stack?",))
        assert "hand_lowered" not in stored_types(meeting_path)
        await pilot.press("l", "y")
        await shows(pilot, "Stack: 0 waiting")
    assert stored_types(meeting_path).count("hand_lowered") == 1


@in_loop
async def test_clearing_the_stack_when_moving_on_is_a_choice_of_its_own(
    operator_app: Any, meeting_path: Path, clock: FakeClock
) -> None:
    jo_speaking(meeting_path, clock, proposal=False)
    s = Session.open(meeting_path, Actor("bo", terminal="t2"), clock)
    s.act("agenda_add", title="Budget", minutes=10, kind="discussion")
    s.close()
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j")
        await shows(pilot, "1 still waiting on this stack: Ana Lima.", "Clear the stack (x)", "Cancel (Esc)")
        await pilot.press("escape")  # nothing cleared, nothing started
        await shows(pilot, "Stack: 1 waiting", gone=("still waiting",))
        assert "item_started" not in stored_types(meeting_path)


# ---- the notes: the field first, letters stay letters, one Escape ------------------------------


@in_loop
async def test_the_notes_open_on_the_note_field_and_one_escape_leaves(
    operator_app: Any, meeting_path: Path, clock: FakeClock
) -> None:
    jo_speaking(meeting_path, clock, proposal=False)
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("w")
        await shows(pilot, "Notes: General assembly")
        assert app.screen.focused is app.screen.query_one("#note")
        await pilot.press("a", "n", "d", "space", "s", "o")  # a and n are keys of this screen: not here
        assert app.screen.focused is app.screen.query_one("#note")
        assert app.screen.query_one("#note").value == "and so"
        await pilot.press("escape")  # one Escape, from the field: back to the operator
        await shows(pilot, "Stack: 1 waiting", gone=("Notes: General assembly",))
    assert "noted" not in stored_types(meeting_path)


FIELDS = {  # the screen's key, its fields, its list
    "notes": ("w", ["#note", "#action", "#owners", "#due"], "#note-list"),
    "attendance": ("f2", ["#arrive", "#quorum"], "#present"),
}


@pytest.mark.parametrize("screen", list(FIELDS))
@in_loop
async def test_a_letter_typed_into_a_field_never_fires_a_key(
    screen: str, operator_app: Any, meeting_path: Path, clock: FakeClock
) -> None:
    jo_speaking(meeting_path, clock, proposal=False)
    key, fields, listing = FIELDS[screen]
    app = operator_app(meeting_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press(key)
        await pilot.pause()
        before = stored_types(meeting_path)
        letters = "anlqxsdtue"  # every letter bound on these screens, u (undo) included
        for field in fields:
            widget = app.screen.query_one(field)
            widget.focus()
            await pilot.pause()
            await pilot.press(*letters)
            await pilot.pause()
            assert app.screen.focused is widget, field
            assert widget.value.endswith(letters if field != "#quorum" else ""), (field, widget.value)
            text = screen_text(app)
            assert "^z undo" in text and " u undo" not in text  # the footer shows what works while typing
        assert stored_types(meeting_path) == before
        assert len(app.screen_stack) > 1  # nothing left the screen
        app.screen.query_one(listing).focus()  # out of the fields: u undoes, and the footer says so
        text = await shows(pilot, " u undo")
        assert "^z undo" not in text


@in_loop
async def test_a_letter_on_the_agenda_kind_choice_fires_no_key(
    operator_app: Any, meeting_path: Path, clock: FakeClock
) -> None:
    jo_speaking(meeting_path, clock, proposal=False)
    s = Session.open(meeting_path, Actor("bo", terminal="t2"), clock)
    s.act("agenda_add", title="Budget", minutes=10, kind="discussion")
    s.act("agenda_start", item="1", carry=True)
    s.close()
    app = operator_app(meeting_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("f2", "f4")
        await shows(pilot, "under way")
        before = stored_types(meeting_path)
        app.screen.query_one("#item-kind").focus()
        await pilot.pause()
        await pilot.press("d", "t", "s", "n")  # done, table, start, new: none of them from the choice
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#item-kind")
        assert stored_types(meeting_path) == before


@in_loop
async def test_where_u_counts_a_hand_the_check_says_ctrl_z_undoes(
    operator_app: Any, meeting_path: Path, clock: FakeClock
) -> None:
    s = Session.open(meeting_path, Actor("bo", terminal="t2"), clock)
    s.act("check_start", scale="one,two,three,four,five,six,seven")  # the 7th takes one back with u
    s.close()
    app = operator_app(meeting_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("t")
        await shows(pilot, "7/u seven", "ctrl+z undo")
        assert " u undo" not in screen_text(app)
        await pilot.press("7", "7", "u")  # two hands for seven, one taken back
        await shows(pilot, "1 in all")
        await pilot.press("ctrl+z")
        await shows(pilot, "2 in all")
