"""The setup screen's agenda tab (PROCESS.md 3.6): x removes the highlighted item after asking,
Enter (or a click on it) edits it in a form filled with what it has now, the new-item form
starts at "discussion" each time, and the footer shows every key of each tab at 80 columns."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from facilitator.meeting.events import Actor
from facilitator.store import locations, meetings
from screens.records.agenda_forms import ItemForm
from screens.records.records_screen import RecordsScreen
from screens.records.setup import SetupKeys, SetupScreen
from screens.widgets.modals import Confirm
from tests.ui.test_setup_screens import (
    ACTOR,
    FIXED,
    Harness,
    enter,
    in_loop,
    screen_text,
    session_on,
    settle,
    shows,
    stored,
)

SMALL = (80, 24)


@pytest.fixture
def planned(data_root: Path) -> Path:
    """A meeting from a long template: five items, none started; Dolores and Gus present."""
    meeting_id = meetings.create(data_root, "Branch meeting", ACTOR, FIXED - 600, date="2025-11-24")
    path = locations.meeting_file(data_root, meeting_id)
    s = session_on(path, Actor("setup", terminal="t0"))
    s.act("attend", names=["Dolores Ruiz", "Gus Lindqvist"])
    for title, minutes, kind in (
        ("Check-in", 5, "announcements"),
        ("Break", 10, "break"),
        ("Budget", 30, "proposal"),
        ("Garden", 15, "report"),
        ("Open discussion", 20, "discussion"),
    ):
        s.act("agenda_add", title=title, minutes=minutes, kind=kind)
    return path


def setup_on(path: Path, root: Path) -> Harness:
    return Harness(lambda: SetupScreen(session_on(path), root, tab="agenda"))


async def highlight(pilot: Pilot[Any], row: int) -> None:
    table = pilot.app.screen.query_one("#items", DataTable)
    table.focus()
    table.move_cursor(row=row)
    await pilot.pause()


def titles(path: Path) -> list[str]:
    return [i.title for i in session_on(path, Actor("reader", terminal="r")).meeting.items.values()]


# ---- removing ------------------------------------------------------------------------------


@in_loop
async def test_x_removes_the_highlighted_item_after_asking(planned: Path, data_root: Path) -> None:
    app = setup_on(planned, data_root)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await shows(pilot, "Open discussion")
        await highlight(pilot, 1)
        await pilot.press("x")
        await shows(pilot, "Remove item 2, Break, from the agenda?", "It will not appear in the minutes")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # no: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert stored(planned, "item_removed") == []
        await pilot.press("x")
        await shows(pilot, "Remove item 2, Break")
        await pilot.press("y")
        text = await shows(pilot, "removed from the agenda: Break (4 items left)")
        assert "Break" not in text.split("removed from")[0]
        assert "4  Open discussion" in text  # the items after it move up a number
    assert stored(planned, "item_removed") == [{"item": 5}]
    assert titles(planned) == ["Check-in", "Budget", "Garden", "Open discussion"]


@in_loop
async def test_after_a_removal_the_cursor_stays_where_it_was_not_at_the_top(planned: Path, data_root: Path) -> None:
    """Found in a tmux run: the cursor jumped to item 1, so a second x y removed the wrong item."""
    app = setup_on(planned, data_root)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await shows(pilot, "Open discussion")
        await highlight(pilot, 3)
        await pilot.press("x")
        await shows(pilot, "Remove item 4, Garden")
        await pilot.press("y")
        await shows(pilot, "removed from the agenda: Garden")
        await pilot.press("x")
        await shows(pilot, "Remove item 4, Open discussion")


@in_loop
async def test_an_item_under_way_is_not_offered_for_removal_nor_editing(planned: Path, data_root: Path) -> None:
    app = setup_on(planned, data_root)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await shows(pilot, "Open discussion")
        await highlight(pilot, 0)
        await pilot.press("s")
        await shows(pilot, "now on: Check-in")
        await pilot.press("x")
        await shows(pilot, "'Check-in' is under way: only items not yet started can be removed")
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("enter")
        await shows(pilot, "'Check-in' is under way: only items not yet started can be edited")
        assert isinstance(app.screen, SetupScreen)
    assert stored(planned, "item_removed") == [] and stored(planned, "item_edited") == []


# ---- editing -------------------------------------------------------------------------------


@in_loop
async def test_enter_edits_the_highlighted_item_in_a_form_filled_with_its_values(
    planned: Path, data_root: Path
) -> None:
    app = setup_on(planned, data_root)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await shows(pilot, "Open discussion")
        await highlight(pilot, 3)
        await pilot.press("enter")
        await shows(pilot, "Edit item 4: Garden")
        form = app.screen
        assert isinstance(form, ItemForm)
        assert form.query_one("#edit-title", Input).value == "Garden"
        assert form.query_one("#edit-minutes", Input).value == "15"
        assert form.query_one("#edit-kind", Select).value == "report"
        assert form.query_one("#edit-presenter", Input).value == ""
        form.query_one("#edit-title", Input).value = "Garden working group"
        form.query_one("#edit-minutes", Input).value = "10"
        form.query_one("#edit-presenter", Input).value = "gus lindqvist"
        await enter(pilot, "#edit-title", "Garden working group")
        await shows(pilot, "agenda item 4 'Garden' now: title 'Garden working group', time box 10 min")
        assert isinstance(app.screen, SetupScreen)
    # only what changed is recorded; the name as the meeting knows it
    assert stored(planned, "item_edited") == [
        {"item": 7, "title": "Garden working group", "minutes": 10, "presenter": "Gus Lindqvist"}
    ]


@in_loop
async def test_a_click_on_the_highlighted_item_opens_its_form_and_a_refused_edit_keeps_it_filled(
    planned: Path, data_root: Path
) -> None:
    app = setup_on(planned, data_root)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await shows(pilot, "Open discussion")
        await highlight(pilot, 2)
        await pilot.click("#items", offset=(2, 3))  # the header, then rows 1, 2, 3: Budget (its first column)
        await shows(pilot, "Edit item 3: Budget")
        form = app.screen
        form.query_one("#edit-minutes", Input).value = "45"
        session_on(planned, Actor("bo", terminal="t2")).act("agenda_start", item="Budget")  # another terminal
        await enter(pilot, "#edit-title", "Budget 2026")
        await shows(pilot, "'Budget' is under way: only items not yet started can be edited")
        assert app.screen is form
        assert form.query_one("#edit-title", Input).value == "Budget 2026"
        assert form.query_one("#edit-minutes", Input).value == "45"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
    assert stored(planned, "item_edited") == []


@in_loop
async def test_a_presenter_who_matches_nobody_is_asked_about_once(planned: Path, data_root: Path) -> None:
    app = setup_on(planned, data_root)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await shows(pilot, "Open discussion")
        await highlight(pilot, 2)
        await pilot.press("enter")
        await shows(pilot, "Edit item 3: Budget")
        await enter(pilot, "#edit-presenter", "Dolores R")
        await shows(pilot, "Dolores R is new here: Enter adds Dolores R and marks them", "Tab takes Dolores Ruiz")
        assert isinstance(app.screen, ItemForm)
        await pilot.press("tab")  # takes the closest name
        await pilot.press("enter")
        await shows(pilot, "agenda item 3 'Budget' now: presented by Dolores Ruiz")
    assert stored(planned, "item_edited") == [{"item": 6, "presenter": "Dolores Ruiz"}]
    assert len(stored(planned, "attended")) == 2  # nobody new


@in_loop
async def test_the_kind_of_a_new_item_starts_at_discussion_each_time(planned: Path, data_root: Path) -> None:
    app = setup_on(planned, data_root)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await shows(pilot, "Open discussion")
        kind = app.screen.query_one("#item-kind", Select)
        kind.value = "proposal"
        await enter(pilot, "#item-title", "Rent")
        await shows(pilot, "agenda item 6 added: Rent")
        assert kind.value == "discussion"
        await enter(pilot, "#item-title", "AOB")
        await shows(pilot, "agenda item 7 added: AOB")
    assert [(d["title"], d["kind"]) for d in stored(planned, "item_added")][-2:] == [
        ("Rent", "proposal"),
        ("AOB", "discussion"),
    ]


# ---- the footer and the palette ------------------------------------------------------------


@pytest.mark.parametrize("tab", ["attendance", "roles", "agenda"])
@in_loop
async def test_the_footer_shows_every_key_of_the_tab_at_80_columns(planned: Path, data_root: Path, tab: str) -> None:
    app = Harness(lambda: SetupScreen(session_on(planned), data_root, tab=tab))
    async with app.run_test(size=SMALL) as pilot:
        await shows(pilot, "Attendance F2", "Roles F3", "Agenda F4")
        await pilot.pause(0.2)
        screen = app.screen
        footer = screen_text(app).splitlines()[SMALL[1] - 1]
        shown = [b for _, b, enabled, _ in screen.active_bindings.values() if b.show and enabled]
        assert shown, footer
        for binding in shown:
            label = binding.key_display or app.get_key_display(binding)
            words = binding.group.description if binding.group else binding.description
            assert label in footer and words in footer, (binding.key, footer)
        assert footer.rstrip().endswith("^p palette")
        # every key of the tab, in the footer or not, is in the palette
        provider = SetupKeys(screen)
        actions = {action for _, _, action in provider.commands()}
        own = [*SetupScreen.BINDINGS, *RecordsScreen.BINDINGS]
        for _, binding, enabled, _ in screen.active_bindings.values():
            if binding in own and enabled and binding.description:
                assert binding.action in actions, binding
        assert {"tab('attendance')", "tab('roles')", "tab('agenda')", "back", "undo"} <= actions
        assert ("move_item(-1)" in actions) == (tab == "agenda")


def test_snapshot_setup_agenda_80x24(snap_compare: Callable[..., bool], planned: Path, data_root: Path) -> None:
    app = setup_on(planned, data_root)
    assert snap_compare(app, terminal_size=SMALL, run_before=settle("Open discussion", "[] move"))


def test_snapshot_item_form_80x24(snap_compare: Callable[..., bool], planned: Path, data_root: Path) -> None:
    async def open_the_form(pilot: Pilot[Any]) -> None:
        await shows(pilot, "Open discussion")
        await highlight(pilot, 2)
        await pilot.press("enter")
        await shows(pilot, "Edit item 3: Budget", "Enter (or ctrl+s) saves")

    app = setup_on(planned, data_root)
    assert snap_compare(app, terminal_size=SMALL, run_before=open_the_form)
