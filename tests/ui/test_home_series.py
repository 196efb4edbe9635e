"""Home groups the meetings by series (from their summaries, never their events), and x makes the
next meeting of a series, carrying its open business."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input

from facilitator import series
from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.meeting.settings import Settings
from facilitator.session import Session
from facilitator.store import locations, meetings
from facilitator.store import summaries as summaries_module
from screens.app import FacilitatorApp
from screens.home import HomeScreen, NextMeeting
from screens.operator.operator import OperatorScreen
from tests.ui.conftest import FIXED, in_loop, quiet, shows, type_in

SIZE = (100, 30)
DAY = 86400.0


@dataclass(frozen=True)
class Collective:
    """A series of two meetings with decisions, and a meeting alone."""

    first: str  # 2025-09-29: the bike shed (blocked by Bo, Carla stands aside; review by 2025-11-01), the garden rota
    second: str  # 2025-10-27, after the first: solar panels (review by 2026-04-01)
    lone: str  # 2025-11-21: a rent strike


def collective(root: Path) -> Collective:
    """Made with the core, as the CLI would: meetings.create, Session.act, series.follow."""
    ana = Actor("ana", role="stack", terminal="t1")
    clock = FakeClock(FIXED - 56 * DAY)
    first = meetings.create(root, "Co-op monthly", ana, clock.now(), location="Hall", settings=Settings(rule="minus-1"))
    s = Session.open(locations.meeting_file(root, first), ana, clock)
    s.act("attend", names=["Ana", "Bo", "Carla", "Dee"])
    s.act("agenda_add", title="Bike shed", minutes=10)
    s.act("agenda_start")
    s.act("propose", title="Décision on the bike shed", text="We paint the bike shed [bold]blue[/].", by=["Ana"])
    s.act("test", proposal="P1")
    s.act("block", proposal="P1", name="Bo", reason="Blue fades in the sun")
    s.act("stand_aside", proposal="P1", name="Carla", reason="I am colour-blind")
    s.act("agree", proposal="P1", names=["Ana", "Dee"])
    clock.advance(600)
    s.act("decide", proposal="P1", review="2025-11-01")
    s.act("propose", title="Garden rota", text="A weekly garden rota.", by=["Dee"])
    s.act("test", proposal="P2")
    s.act("agree", proposal="P2", names=["Ana", "Bo", "Carla", "Dee"])
    clock.advance(600)
    s.act("decide", proposal="P2")
    s.act("action", text="Buy blue paint", owners=["Bo"], due="2025-10-15")
    s.act("next_meeting", date="2025-10-27", place="Garden room")
    clock.set(FIXED - 28 * DAY)
    second = series.follow(root, first, "Co-op monthly", ana, clock.now()).meeting_id
    s = Session.open(locations.meeting_file(root, second), ana, clock)
    s.act("attend", names=["Ana", "Bo", "Eve"])
    s.act("propose", title="Solar panels", text="Ask three quotes 🌞 for the roof. שלום", by=["Eve"])
    s.act("test", proposal="P1")
    s.act("agree", proposal="P1", names=["Ana", "Bo", "Eve"])
    s.act("decide", proposal="P1", review="2026-04-01")
    s.act("next_meeting", date="2025-11-24", place="Hall")
    clock.set(FIXED - 3 * DAY)
    lone = meetings.create(root, "Tenants' assembly", ana, clock.now(), location="Library")
    s = Session.open(locations.meeting_file(root, lone), ana, clock)
    s.act("attend", names=["Fay", "Gus"])
    s.act("propose", title="[bold]Rent[/] strike", text="We hold the rent until the repairs are done.", by=["Fay"])
    s.act("test", proposal="P1")
    s.act("agree", proposal="P1", names=["Fay", "Gus"])
    s.act("decide", proposal="P1")
    return Collective(first, second, lone)


def home(root: Path, clock: FakeClock, actor: Actor) -> FacilitatorApp:
    return quiet(FacilitatorApp(root, actor=actor, clock=clock, poll=0.05))


def row_keys(app: FacilitatorApp) -> list[str]:
    return [str(key.value) for key in app.screen.query_one("#meetings", DataTable).rows]


@in_loop
async def test_home_groups_the_meetings_of_a_series_under_a_heading(
    data_root: Path, clock: FakeClock, actor: Actor
) -> None:
    c = collective(data_root)
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        text = await shows(pilot, "series, 2 meetings", "Tenants' assembly")
        # the lone meeting is the newest: it comes first, alone; then the series, newest meeting first
        assert row_keys(app) == [c.lone, f"series:{c.first}", c.second, c.first]
        lines = [" ".join(line.split()) for line in text.splitlines()]
        heading = next(n for n, line in enumerate(lines) if "series, 2 meetings" in line)
        assert lines[heading].startswith("Co-op monthly")
        assert lines[heading + 1] == "├ Co-op monthly 2025-10-27 not started 3 1"
        assert lines[heading + 2] == "└ Co-op monthly 2025-09-29 item 1/1: Bike shed 4 2"
        assert lines[heading - 1] == "Tenants' assembly 2025-11-21 not started 2 1"  # alone: no branch
        assert "x next of series" in text and "r register" in text
        await pilot.press("down")
        await shows(pilot, "series Co-op monthly: 2 meetings since 2025-09-29", "x makes its next meeting")


@in_loop
async def test_enter_on_a_series_heading_opens_nothing_and_goes_to_its_newest_meeting(
    data_root: Path, clock: FakeClock, actor: Actor
) -> None:
    c = collective(data_root)
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "series, 2 meetings")
        await pilot.press("down", "enter")
        await shows(pilot, f"id {c.second}")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        await shows(pilot, "Co-op monthly · Garden room", "Stack: 0 waiting")
        assert isinstance(app.screen, OperatorScreen)


@in_loop
async def test_home_reads_the_summaries_and_refolds_only_a_meeting_that_changed(
    data_root: Path, clock: FakeClock, actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = collective(data_root)
    summaries_module.sync(data_root)  # as the CLI would have left them
    folded: list[str] = []
    summary_of = summaries_module.summary_of

    def counted(path: Path, meeting_id: str) -> summaries_module.Summary:
        folded.append(meeting_id)
        return summary_of(path, meeting_id)

    monkeypatch.setattr(summaries_module, "summary_of", counted)
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "series, 2 meetings", "Tenants' assembly")
        assert folded == []  # no meeting replayed to draw the list
        other = Session.open(locations.meeting_file(data_root, c.lone), Actor("bo", terminal="t2"), clock)
        other.act("attend", names=["Hal"])
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        screen.show_meetings()  # as when the operator screen closes
        await pilot.pause()
        lone_row = row_keys(app).index(c.lone)
        assert str(screen.query_one("#meetings", DataTable).get_cell_at(Coordinate(lone_row, 3))) == "3"  # present
        assert folded == [c.lone]


@in_loop
async def test_a_meeting_of_the_series_made_elsewhere_appears_in_its_group(
    data_root: Path, clock: FakeClock, actor: Actor
) -> None:
    c = collective(data_root)
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "series, 2 meetings")
        third = series.follow(data_root, c.second, "Co-op monthly", Actor("bo", terminal="t2"), FIXED).meeting_id
        await shows(pilot, "series, 3 meetings")
        assert row_keys(app) == [f"series:{c.first}", third, c.second, c.first, c.lone]


@in_loop
async def test_a_damaged_meeting_still_shows_as_a_row_saying_it_cannot_be_read(
    data_root: Path, clock: FakeClock, actor: Actor
) -> None:
    c = collective(data_root)
    locations.meeting_file(data_root, c.second).write_text('{"meta": {"1": {"schema": 1}}, "events": {"1": {"x": 1}}}')
    app = home(data_root, clock, actor)
    async with app.run_test(size=(140, 30), notifications=True) as pilot:
        await shows(pilot, "cannot be read")
        # its series is unknown without its events: it stands alone, the first meeting too
        assert "series, " not in app.screen.query_one("#meetings", DataTable).get_row_at(0)[2].plain
        assert set(row_keys(app)) == {c.first, c.second, c.lone}
        await pilot.press("down")  # the damaged one (2025-10-27) comes after the lone meeting
        await shows(pilot, f"id {c.second}")
        await pilot.press("x")
        await shows(pilot, f"cannot follow {c.second}")
        assert isinstance(app.screen, HomeScreen)


# ---- x: the next meeting of the series ---------------------------------------------------------


@in_loop
async def test_x_makes_the_next_meeting_of_the_series_with_its_open_business(
    data_root: Path, clock: FakeClock, actor: Actor
) -> None:
    c = collective(data_root)
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "series, 2 meetings")
        await pilot.press("down")  # the heading: x follows its newest meeting
        await pilot.press("x")
        await shows(pilot, "Next meeting of the series", f"after {c.second}")
        form = app.screen
        assert isinstance(form, NextMeeting)
        # prefilled from the previous meeting: its title, its next-meeting date and place
        values = {name: form.query_one(f"#{name}", Input).value for name in ("title", "date", "location")}
        assert values == {"title": "Co-op monthly", "date": "2025-11-24", "location": "Hall"}
        assert not form.query("Select")  # no template: the series keeps its rules
        await pilot.press("enter")
        await shows(pilot, "Co-op monthly · Hall", "Action items from last time")
        assert isinstance(app.screen, OperatorScreen)
        made = app.screen.session.meeting
        assert (made.series, made.after, made.date) == (c.first, c.second, "2025-11-24")
        assert made.settings.rule == "minus-1"  # the previous meeting's rules
        titles = [i.title for i in made.items.values()]
        assert titles == ["Action items from last time", "Review: Décision on the bike shed"]
        (follow_up,) = [i for i in made.items.values() if i.follow_up]
        assert [(a.ref, a.text, a.owners) for a in follow_up.follow_up] == [
            (f"{c.first}:A1", "Buy blue paint", ("Bo",))
        ]
        await pilot.press("q")
        await shows(pilot, "series, 3 meetings")
        assert row_keys(app)[:2] == [f"series:{c.first}", "2025-11-24-co-op-monthly"]


@in_loop
async def test_x_on_a_meeting_follows_that_meeting(data_root: Path, clock: FakeClock, actor: Actor) -> None:
    c = collective(data_root)
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Tenants' assembly")
        await pilot.press("x")  # the lone meeting: no next-meeting date set, so today; its place
        await shows(pilot, f"after {c.lone}")
        form = app.screen
        values = {name: form.query_one(f"#{name}", Input).value for name in ("title", "date", "location")}
        assert values == {"title": "Tenants' assembly", "date": "2025-11-24", "location": "Library"}
        await pilot.press("ctrl+u")
        await type_in(pilot, "Tenants' assembly, December")
        await pilot.press("enter")
        await shows(pilot, "Tenants' assembly, December · Library")
        assert isinstance(app.screen, OperatorScreen)
        assert (app.screen.session.meeting.series, app.screen.session.meeting.after) == (c.lone, c.lone)


@in_loop
async def test_a_refused_next_meeting_says_why_in_one_line_and_creates_nothing(
    data_root: Path, clock: FakeClock, actor: Actor
) -> None:
    collective(data_root)
    before = {str(row["id"]) for row in meetings.listing(data_root)}
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "series, 2 meetings")
        await pilot.press("down", "down", "x")
        await shows(pilot, "Next meeting of the series")
        await pilot.press("tab", "ctrl+u")
        await type_in(pilot, "2025-02-30")
        await pilot.press("enter")
        await shows(pilot, "the date '2025-02-30' does not exist")
        assert isinstance(app.screen, NextMeeting)  # what was typed stays
        assert app.screen.query_one("#title", Input).value == "Co-op monthly"
        await pilot.press("escape")
        await shows(pilot, "series, 2 meetings")
        assert isinstance(app.screen, HomeScreen)
    assert {str(row["id"]) for row in meetings.listing(data_root)} == before


@in_loop
async def test_a_long_series_shows_its_newest_meetings_and_enter_shows_the_earlier_ones(
    data_root: Path, clock: FakeClock, actor: Actor
) -> None:
    from screens.home import NEWEST

    ids: list[str] = []
    for n in range(NEWEST + 3):  # oldest first, a week apart
        after = {"series": ids[0], "after": ids[-1]} if ids else {}
        ids.append(meetings.create(data_root, "Weekly", actor, FIXED - (10 - n) * 7 * DAY, **after))  # type: ignore[arg-type]
    newest_first = ids[::-1]
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        text = await shows(pilot, "series, 6 meetings", "3 earlier meetings")
        assert row_keys(app) == [f"series:{ids[0]}", *newest_first[:NEWEST], f"earlier:{ids[0]}"]
        assert "└ …" in text
        await pilot.press("down", "down", "down", "down")  # the earlier meetings' row
        await shows(pilot, "3 earlier meetings of the series, since 2025-09-15", "enter shows them")
        await pilot.press("x")  # x there follows the series' newest meeting
        await shows(pilot, f"after {newest_first[0]}")
        await pilot.press("escape")
        await pilot.press("enter")
        await shows(pilot, f"id {newest_first[NEWEST]}")  # the cursor on the first of them
        assert row_keys(app) == [f"series:{ids[0]}", *newest_first]
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+home", "enter")  # on the heading: folded again
        await shows(pilot, "3 earlier meetings")
        assert row_keys(app) == [f"series:{ids[0]}", *newest_first[:NEWEST], f"earlier:{ids[0]}"]
        assert isinstance(app.screen, HomeScreen)
