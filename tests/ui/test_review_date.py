"""The final-test screen gives a passed proposal its review date: r, a date, Enter. What is
stored (Decision.review), what the screen and the minutes say, and what is refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.minutes.document import minutes_markdown
from facilitator.session import Session
from screens.app import FacilitatorApp
from screens.business.final_test import FinalTestScreen, ReviewDate
from tests.conftest import START
from tests.ui.conftest import in_loop, quiet, shows, stored, type_in


class Host(FacilitatorApp):
    """The app on its home screen, with the final test of P1 pushed on top."""

    def __init__(self, root: Path, path: Path, clock: FakeClock, make: Callable[[Session], Screen[None]]) -> None:
        super().__init__(
            root, start="home", actor=Actor("ana", role="facilitator", terminal="t1"), clock=clock, poll=0.05
        )
        self.path = path
        self.make = make

    def on_mount(self) -> None:  # FacilitatorApp.on_mount (home) runs too, after this
        self.call_after_refresh(lambda: self.push_screen(self.make(self.session_for(self.path))))


def final_test(root: Path, path: Path, clock: FakeClock) -> Host:
    app = Host(root, path, clock, lambda session: FinalTestScreen(session, "P1"))
    quiet(app)
    return app


def in_test(path: Path, clock: FakeClock, *, blocked: bool = False) -> Session:
    s = Session.open(path, Actor("bo", role="facilitator", terminal="t2"), clock)
    s.act("attend", names=["Ana", "Ben", "Carla"])
    s.act("propose", title="Paint the [red]bike shed[/]", text="We paint the bike shed green.", by=["Ana"])
    s.act("test", proposal="P1")
    if blocked:
        s.act("block", proposal="P1", name="Carla", reason="the budget")
    s.act("agree", proposal="P1", names=["Ana", "Ben"])
    return s


def reviews_set(path: Path) -> list[dict[str, Any]]:
    return [e["data"] for e in stored(path) if e["type"] == "review_set"]


def decision_review(path: Path) -> str | None:
    meeting = Session.open(path, Actor("reader", terminal="r"), FakeClock(START)).meeting
    decision = meeting.proposals["P1"].decision
    assert decision is not None
    return decision.review


async def give_date(pilot: Pilot[Any], date: str) -> None:
    await pilot.press("r")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReviewDate)
    await pilot.press("ctrl+u")  # the date given before, if any, is offered: cleared first
    await type_in(pilot, date)
    await pilot.press("enter")
    await pilot.pause()


@in_loop
async def test_r_gives_a_passed_proposal_its_review_date(data_root: Path, meeting_path: Path, clock: FakeClock) -> None:
    in_test(meeting_path, clock)
    async with final_test(data_root, meeting_path, clock).run_test(size=(100, 32), notifications=True) as pilot:
        await shows(pilot, "Outcome (d to confirm)", "r review date")
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await shows(pilot, "PASSED", "No review date · r sets the day")
        await give_date(pilot, "2026-05-31")
        text = await shows(pilot, "To be reviewed by 2026-05-31", "P1: review by 2026-05-31")
        assert "warning" not in text
        assert not isinstance(pilot.app.screen, ReviewDate)
    assert decision_review(meeting_path) == "2026-05-31"
    assert reviews_set(meeting_path) == [{"proposal": "P1", "review": "2026-05-31"}]
    meeting = Session.open(meeting_path, Actor("reader", terminal="r"), FakeClock(START)).meeting
    assert "  - To be reviewed by 2026-05-31" in minutes_markdown(meeting).splitlines()


@in_loop
async def test_a_bad_date_is_refused_in_one_line_and_a_past_one_warned(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    s = in_test(meeting_path, clock)
    s.act("decide", proposal="P1")
    async with final_test(data_root, meeting_path, clock).run_test(size=(100, 32), notifications=True) as pilot:
        await shows(pilot, "PASSED", "No review date")
        await give_date(pilot, "2026-02-30")
        await shows(pilot, "the date '2026-02-30' does not exist")
        assert isinstance(pilot.app.screen, ReviewDate)  # the form stays for a better date
        await pilot.press("ctrl+u")
        await type_in(pilot, "next spring")
        await pilot.press("enter")
        await shows(pilot, "the date 'next spring' is not YYYY-MM-DD")
        assert reviews_set(meeting_path) == []  # nothing recorded
        await pilot.press("escape")
        await pilot.pause()
        await give_date(pilot, "2025-01-10")  # before the meeting's day: taken, with a warning
        await shows(pilot, "To be reviewed by 2025-01-10", "warning: that date is already past")
        await give_date(pilot, "2026-03-01")  # changed: the latest date stands
        await shows(pilot, "To be reviewed by 2026-03-01")
        await pilot.press("u")  # undone: the date before comes back
        await shows(pilot, "To be reviewed by 2025-01-10")
    assert decision_review(meeting_path) == "2025-01-10"


@in_loop
async def test_r_before_the_decision_or_on_a_block_records_nothing(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    in_test(meeting_path, clock, blocked=True)
    async with final_test(data_root, meeting_path, clock).run_test(size=(100, 32), notifications=True) as pilot:
        await shows(pilot, "Outcome (d to confirm)")
        await pilot.press("r")  # would decide the proposal if it were sent: said instead
        await shows(pilot, "P1 is not decided yet: a review date is given once it has passed")
        assert not isinstance(pilot.app.screen, ReviewDate)
        assert not [e for e in stored(meeting_path) if e["type"] == "decided"]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await shows(pilot, "BLOCKED")
        assert not pilot.app.screen.query_one("#review").display  # no review line under a block
        await give_date(pilot, "2026-05-31")
        await shows(pilot, "only an agreement is reviewed: P1 was blocked")
    assert reviews_set(meeting_path) == []
