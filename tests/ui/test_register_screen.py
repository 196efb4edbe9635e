"""The register of decisions (screens/records/register.py), opened from home with r: search as you
type, due for review, one decision whole, back with Escape."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.meeting.register import decisions
from facilitator.session import Session
from facilitator.store import locations, meetings, summaries
from screens.app import FacilitatorApp
from screens.home import HomeScreen
from screens.records.register import PAGE, DecisionDetail, RegisterScreen
from tests.ui.conftest import FIXED, in_loop, quiet, shows, type_in
from tests.ui.test_home_series import collective

SIZE = (120, 35)


def home(root: Path, clock: FakeClock, actor: Actor) -> FacilitatorApp:
    return quiet(FacilitatorApp(root, actor=actor, clock=clock, poll=0.05))


def listed(app: FacilitatorApp) -> list[str]:
    """The register's rows as 'date proposal title', top to bottom."""
    table = app.screen.query_one("#decisions", DataTable)
    return [f"{row[0].plain} {row[2].plain}" for row in (table.get_row_at(n) for n in range(table.row_count))]


def register(app: FacilitatorApp) -> RegisterScreen:
    assert isinstance(app.screen, RegisterScreen)
    return app.screen


@in_loop
async def test_r_opens_the_register_newest_first_with_reviews_due_marked(
    data_root: Path, clock: FakeClock, actor: Actor
) -> None:
    collective(data_root)
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Tenants' assembly")
        await pilot.press("r")
        text = await shows(pilot, "Register of decisions", "4 decisions in 3 meetings")
        assert listed(app) == [
            "2025-11-21 P1 [bold]Rent[/] strike",  # markup-looking text, shown as typed
            "2025-10-27 P1 Solar panels",
            "2025-09-29 P2 Garden rota",
            "2025-09-29 P1 Décision on the bike shed",
        ]
        assert "4 decisions, newest first · 1 due for review (d shows them alone)" in text
        assert "2025-11-01 due" in text  # the bike shed: its review date has come (today 2025-11-24)
        assert "2026-04-01 due" not in text and "2026-04-01" in text
        # the outcome's label, or its word where the label does not fit (whole in the decision's detail)
        outcomes = [row[3].plain for row in map(register(app).query_one(DataTable).get_row_at, range(4))]
        assert outcomes == ["passed (consensus)", "passed (consensus)", "passed (consensus)", "passed"]
        assert isinstance(app.screen.focused, Input)  # the search has the keys: type to find
        await pilot.press("escape")
        await shows(pilot, "series, 2 meetings")
        assert isinstance(app.screen, HomeScreen)


@in_loop
async def test_the_search_filters_as_you_type_without_accents_or_case(
    data_root: Path, clock: FakeClock, actor: Actor
) -> None:
    collective(data_root)
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Tenants' assembly")
        await pilot.press("r")
        await shows(pilot, "Register of decisions")
        await type_in(pilot, "decision")
        await shows(pilot, "1 of 4 decisions match")
        assert listed(app) == ["2025-09-29 P1 Décision on the bike shed"]
        await pilot.press("ctrl+u")
        await type_in(pilot, "ROOF quotes")  # every word, in the title or the text, emoji and RTL around
        await shows(pilot, "1 of 4 decisions match")
        assert listed(app) == ["2025-10-27 P1 Solar panels"]
        await pilot.press("ctrl+u")
        await type_in(pilot, "[bold]")
        await shows(pilot, "2 of 4 decisions match")  # the rent strike's title, the bike shed's text
        await type_in(pilot, "zzz")
        await shows(pilot, "no decision matches · 1 due for review")
        assert listed(app) == []
        await pilot.press("ctrl+u")
        await shows(pilot, "4 decisions, newest first")


@in_loop
async def test_the_search_finds_what_the_register_core_finds(data_root: Path, clock: FakeClock, actor: Actor) -> None:
    collective(data_root)
    rows = summaries.sync(data_root).rows
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Tenants' assembly")
        await pilot.press("r")
        await shows(pilot, "Register of decisions")
        screen = register(app)
        for search in ("", "decision", "DÉCISION", "the", "rent repairs", "שלום", "🌞", "bike blue", "nothing"):
            screen.query_one("#search", Input).value = search
            await pilot.pause()
            assert [e.ref for e in screen.shown] == [e.ref for e in decisions(rows, search)], search
            screen.action_due_only()
            due = decisions(rows, search, due_on="2025-11-24")
            assert [e.ref for e in screen.shown] == [e.ref for e in due], search
            screen.action_due_only()


@in_loop
async def test_d_shows_only_the_decisions_due_for_review(data_root: Path, clock: FakeClock, actor: Actor) -> None:
    collective(data_root)
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Tenants' assembly")
        await pilot.press("r")
        await shows(pilot, "Register of decisions")
        await pilot.press("d")  # typed: the search has the keys
        await shows(pilot, "3 of 4 decisions match")
        await pilot.press("backspace", "down")  # the list has the keys now
        text = await shows(pilot, "d due for review only", "/ search")
        assert "↓ the list" not in text
        await pilot.press("d")
        await shows(pilot, "due for review only: 1", "d all decisions")
        assert listed(app) == ["2025-09-29 P1 Décision on the bike shed"]
        await pilot.press("d")
        await shows(pilot, "4 decisions, newest first")
        assert len(listed(app)) == 4
        await pilot.press("slash")
        assert isinstance(app.screen.focused, Input)


@in_loop
async def test_enter_shows_the_decision_whole_and_escape_goes_back(
    data_root: Path, clock: FakeClock, actor: Actor
) -> None:
    c = collective(data_root)
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Tenants' assembly")
        await pilot.press("r")
        await shows(pilot, "Register of decisions")
        await type_in(pilot, "bike")
        await shows(pilot, "1 of 4 decisions match")
        await pilot.press("enter")  # in the search: the decision under the cursor, the newest that matches
        text = await shows(pilot, "Final text (v1)", "Blue fades in the sun")
        assert isinstance(app.screen, DecisionDetail)
        lines = [" ".join(line.strip(" █▌▐").split()) for line in text.splitlines()]
        for expected in (
            "P1 Décision on the bike shed",
            "passed (modified consensus: 1 block, 1 standing aside)",
            "We paint the bike shed [bold]blue[/].",
            f"Meeting Co-op monthly · 2025-09-29 · {c.first}",
            "Agenda item Bike shed",
            "Presented by Ana",
            "Rule minus-1",
            "Arithmetic 1 block <= 1 allowed (minus-1): passed",
            "Counts 2 agree, 1 block, 1 standing aside; 4 present, no quorum set",
            "Blocks Bo: Blue fades in the sun",
            "Stand-asides Carla: I am colour-blind",
            "Review by 2025-11-01 due",
            f"Id {c.first}:P1",
        ):
            assert expected in lines, (expected, lines)
        await pilot.press("escape")
        await shows(pilot, "1 of 4 decisions match", gone=("Final text",))
        assert isinstance(app.screen, RegisterScreen)
        assert isinstance(app.screen.focused, DataTable)  # the list has the keys: enter, d, / work
        await pilot.press("enter")
        await shows(pilot, "Final text (v1)")
        await pilot.press("escape", "escape")
        await shows(pilot, "series, 2 meetings")
        assert isinstance(app.screen, HomeScreen)


@in_loop
async def test_a_reviewed_decision_is_no_longer_due(data_root: Path, clock: FakeClock, actor: Actor) -> None:
    c = collective(data_root)
    from facilitator import series

    later = series.follow(data_root, c.second, "Co-op monthly", actor, FIXED).meeting_id
    session = Session.open(locations.meeting_file(data_root, later), actor, clock)
    review = next(i for i in session.meeting.items.values() if i.review_of is not None)
    session.act("agenda_start", item=review.title)
    session.act("agenda_done")
    app = home(data_root, clock, actor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "series, 3 meetings")
        await pilot.press("r")
        text = await shows(pilot, "4 decisions, newest first")
        assert "due for review" not in text.split("Date")[0]  # the count line: nothing is due any more
        assert "2025-11-01 ✓" in text
        await type_in(pilot, "bike")
        await pilot.press("enter")
        await shows(pilot, f"reviewed 2025-11-24 in {later}")


@in_loop
async def test_a_long_register_fills_its_table_as_the_cursor_goes_down(
    data_root: Path, clock: FakeClock, actor: Actor
) -> None:
    meeting_id = meetings.create(data_root, "Long assembly", actor, FIXED)
    session = Session.open(locations.meeting_file(data_root, meeting_id), actor, clock)
    total = PAGE + 30
    for n in range(1, total + 1):
        session.act("propose", title=f"Motion {n}", text=f"Motion number {n}.")
        clock.advance(1)
        session.act("decide", proposal=f"P{n}", outcome="passed", reason="without a count")
    app = home(data_root, clock, actor)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await shows(pilot, "Long assembly")
        await pilot.press("r")
        await shows(pilot, f"{total} decisions, newest first")
        table = app.screen.query_one("#decisions", DataTable)
        assert table.row_count == PAGE  # a DataTable measures every cell: the first rows only
        assert listed(app)[0].endswith(f"P{total} Motion {total}")
        await pilot.press("down", "ctrl+end")
        await pilot.pause()
        assert table.row_count == total
        await pilot.press("ctrl+end", "enter")
        await shows(pilot, "P1 Motion 1", "no count was taken")


@in_loop
async def test_a_long_decision_scrolls_inside_its_box_with_every_stage_of_its_rule(
    data_root: Path, clock: FakeClock, actor: Actor
) -> None:
    from facilitator.meeting.settings import Settings

    settings = Settings(rule="consensus", fallback_rule="supermajority:0.75", quorum=3)
    meeting_id = meetings.create(data_root, "Spokes council", actor, FIXED, settings=settings)
    session = Session.open(locations.meeting_file(data_root, meeting_id), actor, clock)
    session.act("attend", names=["Ana", "Bo", "Carla", "Dee", "Eve"])
    text = "\n".join(f"Clause {n}: the working group reports monthly." for n in range(1, 31))
    session.act("propose", title="Working groups charter", text=text, by=["Ana", "Eve"])
    session.act("test", proposal="P1")
    session.act("block", proposal="P1", name="Bo", reason="Too much reporting")
    session.act("agree", proposal="P1", names=["Ana", "Carla", "Dee", "Eve"])
    session.act("decide", proposal="P1")  # blocked: the fallback is due
    session.act("decide", proposal="P1")  # the fallback applied
    app = home(data_root, clock, actor)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await shows(pilot, "Spokes council")
        await pilot.press("r")
        await shows(pilot, "1 decision, newest first")
        await pilot.press("enter")
        # the box holds the screen, its hint stays in sight; the text scrolls
        await shows(pilot, "Working groups charter", "Clause 1:", "Esc goes back to the register")
        await pilot.press("end")
        text = await shows(pilot, "Too much reporting", "Esc goes back to the register", gone=("Clause 1:",))
        lines = [" ".join(line.strip(" █▌▐").split()) for line in text.splitlines()]
        for expected in (
            "Rule consensus: 1 block (consensus allows none): blocked",
            "supermajority:0.75: 4 of 5 agree = 80.0% >= 75%: passed",
            "Counts 4 agree, 1 block, 0 standing aside; 5 present, quorum 3: met",
            "Blocks Bo: Too much reporting",
            "Presented by Ana, Eve",
        ):
            assert expected in lines, (expected, lines)
