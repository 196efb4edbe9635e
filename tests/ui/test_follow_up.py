"""The operator reviews last time's action items: a meeting of a series (`new --after`) starts
on the item carrying them, d marks the highlighted one done and D dropped (with an optional note),
u undoes it; what is stored, and what the minutes say."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.minutes.document import minutes_markdown
from facilitator.series import FOLLOW_UP, follow
from facilitator.session import Session
from facilitator.store import locations, meetings
from screens.app import FacilitatorApp
from screens.operator.follow_up import FollowUpList, short_refs
from screens.operator.review_note import ReviewNote
from screens.operator.stack_view import StackList
from screens.widgets.keybar import KeyBar
from tests.conftest import START
from tests.ui.conftest import in_loop, quiet, screen_text, shows, type_in

FIRST = "2025-11-01-monthly-assembly"
ACTIONS = (
    ("Fix the boiler room door", ["Ana Lima"], "2025-11-20"),
    ("Ask the council about the bins", ["Bruno Silva", "Chen Wei"], "2025-12-20"),
    ("Paint the stairwell", ["Dara Osei"], None),
    ("Collect the rent arrears list", ["Chen Wei"], "2025-11-30"),
)


def series(root: Path, clock: FakeClock) -> Path:
    """A meeting that set four action items, adjourned, and the next one made after it."""
    actor = Actor("ana", role="facilitator", terminal="t0")
    first = meetings.create(root, "Monthly assembly", actor, clock.now(), date="2025-11-01")
    assert first == FIRST
    session = Session.open(locations.meeting_file(root, first), actor, clock)
    session.act("attend", names=["Ana Lima", "Bruno Silva", "Chen Wei", "Dara Osei"])
    session.act("agenda_add", title="Repairs")
    session.act("agenda_start")
    for text, owners, due in ACTIONS:
        session.act("action", text=text, owners=owners, due=due)
    session.act("adjourn")
    session.close()
    clock.advance(3600)
    followed = follow(root, first, "December assembly", actor, clock.now(), date="2025-12-06")
    path = locations.meeting_file(root, followed.meeting_id)
    session = Session.open(path, actor, clock)
    session.act("attend", names=["Ana Lima", "Bruno Silva", "Chen Wei"])
    session.act("agenda_add", title="Garden")
    session.close()
    return path


def operator(root: Path, path: Path, clock: FakeClock) -> FacilitatorApp:
    actor = Actor("ana", role="facilitator", terminal="t1")
    return quiet(FacilitatorApp(root, start="operator", meeting=path, actor=actor, clock=clock, poll=0.05))


def reviews(path: Path) -> list[tuple[str, str, str]]:
    meeting = Session.open(path, Actor("reader", terminal="r"), FakeClock(START)).meeting
    return [(r.action, r.status, r.note) for r in meeting.action_reviews]


async def review(pilot: Pilot[Any], key: str, note: str = "") -> None:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReviewNote)
    await type_in(pilot, note)
    await pilot.press("enter")
    await pilot.pause()


def test_a_carried_ref_keeps_a_meeting_part_short_but_unambiguous() -> None:
    one = short_refs(["2025-11-01-monthly-assembly:A1", "2025-11-01-monthly-assembly:A2"])
    assert one == {
        "2025-11-01-monthly-assembly:A1": "2025-11-01…:A1",
        "2025-11-01-monthly-assembly:A2": "2025-11-01…:A2",
    }
    # two meetings on one date: the date alone would not tell them apart
    two = short_refs(["2025-11-01-assembly:A1", "2025-11-01-assembly-1:A1"])
    assert two == {
        "2025-11-01-assembly:A1": "2025-11-01-assembly:A1",
        "2025-11-01-assembly-1:A1": "2025-11-01-assembly-1:A1",
    }
    assert short_refs(["2025-11-01:A3"]) == {"2025-11-01:A3": "2025-11-01:A3"}


@in_loop
async def test_the_operator_marks_last_times_action_items_and_undoes_one(data_root: Path, clock: FakeClock) -> None:
    path = series(data_root, clock)
    app = operator(data_root, path, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        text = await shows(pilot, "Stack: 0 waiting")
        assert "Action items from last time:" not in text  # not under way yet: no panel, no d/D keys
        assert "D dropped" not in text
        await pilot.press("j")  # item 1: the action items from last time
        text = await shows(pilot, "Action items from last time: 0 of 4 reviewed", "d done", "D dropped")
        assert "2025-11-01…:A1  OVERDUE" in text  # due 2025-11-20, this meeting is on 2025-12-06
        assert "2025-11-01…:A2  open" in text  # due 2025-12-20: not yet
        assert "2025-11-01…:A3  open" in text  # no due date
        panel = app.screen.query_one(FollowUpList)
        assert panel.has_focus  # the list under way takes the focus; Tab goes back to the stack
        assert app.screen.query_one(StackList).display  # the stack stays visible at 80x24

        await review(pilot, "d", "new hinges")  # A1 done; the cursor moves on to A2
        await shows(pilot, "1 of 4 reviewed: 1 done", "2025-11-01…:A1  done")
        await review(pilot, "D", "the council took the bins over")  # A2 dropped
        text = await shows(pilot, "2 of 4 reviewed: 1 done, 1 dropped", "2025-11-01…:A2  dropped")
        selected = panel.selected()
        assert selected is not None and selected.ref == f"{FIRST}:A3"

        await pilot.press("u")  # undoes the latest: A2 is open again
        await shows(pilot, "1 of 4 reviewed: 1 done", "2025-11-01…:A2  open")

        # Escape on the note asks nothing and records nothing
        await pilot.press("D")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert reviews(path) == [(f"{FIRST}:A1", "done", "new hinges")]  # A2 dropped, then undone

        # the same key on an item already done opens it again, with no note asked
        await pilot.press("up", "up")
        await pilot.pause()
        assert (panel.selected() or panel.rows[0]).ref == f"{FIRST}:A1"
        await pilot.press("d")
        await shows(pilot, "0 of 4 reviewed", "2025-11-01…:A1  OVERDUE")
        await pilot.press("u")
        await shows(pilot, "1 of 4 reviewed: 1 done")

        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.query_one(StackList).has_focus

    meeting = Session.open(path, Actor("reader", terminal="r"), FakeClock(START)).meeting
    assert [i.title for i in meeting.items.values()] == [FOLLOW_UP, "Garden"]
    status = meeting.action_status(f"{FIRST}:A1")
    assert status is not None and (status.status, status.note) == ("done", "new hinges")
    assert meeting.action_status(f"{FIRST}:A2") is None  # dropped, then undone
    assert [(r.action, r.status) for r in meeting.action_reviews] == [(f"{FIRST}:A1", "done")]
    minutes = minutes_markdown(meeting)
    assert "## From last time" in minutes
    assert f"| {FIRST}:A1 | Fix the boiler room door | Ana Lima | done | new hinges |" in minutes
    assert (
        f"| {FIRST}:A2 | Ask the council about the bins | Bruno Silva, Chen Wei | still open (not reviewed) |"
        in minutes
    )


@in_loop
async def test_all_reviewed_is_said_and_the_panel_leaves_with_its_item(data_root: Path, clock: FakeClock) -> None:
    path = series(data_root, clock)
    app = operator(data_root, path, clock)
    async with app.run_test(size=(120, 35), notifications=True) as pilot:
        await pilot.press("j")
        await shows(pilot, "0 of 4 reviewed")
        for key in ("d", "d", "D", "d"):
            await review(pilot, key)
        text = await shows(pilot, "all 4 reviewed: 3 done, 1 dropped")
        assert f"{FIRST}:A4 done" in text  # the recent actions name it whole
        assert [s for _, s, _ in reviews(path)] == ["done", "done", "dropped", "done"]
        await pilot.press("j")  # the next item: the panel and its keys go, the stack has the focus
        text = await shows(pilot, "Item 2 of 2", gone=("Action items from last time:",))
        assert "D dropped" not in " ".join(label.description for label in app.screen.query_one(KeyBar).labels)
        assert app.screen.query_one(StackList).has_focus
        await pilot.press("d")  # not under way: said, nothing recorded
        text = await shows(pilot, "d and D review last time's action items")
        assert len(reviews(path)) == 4


@in_loop
async def test_at_80x24_the_panel_shows_what_fits_and_how_many_more(data_root: Path, clock: FakeClock) -> None:
    actor = Actor("ana", role="facilitator", terminal="t0")
    first = meetings.create(data_root, "Monthly assembly", actor, clock.now(), date="2025-11-01")
    session = Session.open(locations.meeting_file(data_root, first), actor, clock)
    session.act("attend", names=["Ana Lima"])
    for n in range(1, 10):
        session.act("action", text=f"Task number {n}", owners=["Ana Lima"])
    session.act("adjourn")
    session.close()
    clock.advance(3600)
    followed = follow(data_root, first, "December assembly", actor, clock.now(), date="2025-12-06")
    path = locations.meeting_file(data_root, followed.meeting_id)
    app = operator(data_root, path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        text = await shows(pilot, "0 of 9 reviewed", "more below")
        assert "Task number 1" in text and "Task number 9" not in text
        assert "Stack: 0 waiting" in text
        await pilot.press("end")
        text = await shows(pilot, "Task number 9", "more above")
        assert "Task number 1 " not in screen_text(app)


@in_loop
async def test_the_projector_shows_last_times_action_items_while_their_item_is_under_way(
    data_root: Path, clock: FakeClock
) -> None:
    path = series(data_root, clock)
    session = Session.open(path, Actor("bo", role="facilitator", terminal="t2"), clock)
    app = quiet(FacilitatorApp(data_root, start="projector", meeting=path, clock=clock, poll=0.05))
    async with app.run_test(size=(80, 24)) as pilot:
        await shows(pilot, "next on the stack", gone=("action items from last time",))
        session.act("agenda_start")
        text = await shows(pilot, "action items from last time: 0 of 4 reviewed", "2025-11-01…:A4  OVERDUE")
        assert "2025-11-01…:A1  OVERDUE" in text and "more" not in text  # four fit a small wall
        session.act("action_status", ref=f"{FIRST}:A1", status="done", note="new hinges")
        await shows(pilot, "1 of 4 reviewed: 1 done", "2025-11-01…:A1  done")
        session.act("agenda_start")  # the next item: the list leaves the wall
        await shows(pilot, "Garden", gone=("action items from last time",))
