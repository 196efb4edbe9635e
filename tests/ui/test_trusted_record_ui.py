"""Issue 16 on the screens: adjourning (and reopening) from the operator with a confirmation, the
projector's "Adjourned at", a late addition to a closed stack asked for on purpose, the final
test under the meeting's own rule with its fallback offered by name, and the running count of
the final test on the projector."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.meeting.settings import Settings
from facilitator.session import Session
from facilitator.store import locations, meetings
from screens.app import FacilitatorApp
from screens.business.final_test import FinalTestScreen
from tests.ui.conftest import in_loop, quiet, shows, stored, type_in
from tests.ui.test_proposal_screens import host

Make = Callable[[Path], FacilitatorApp]
Other = Callable[[Path], Session]
PEOPLE = ["Ana Lima", "Ivan Petrov", "Ben Okoro", "Carla Diaz", "Dan", "Eve", "Finn", "Gia", "Hal"]


def of_type(path: Path, kind: str) -> list[dict[str, object]]:
    return [e["data"] for e in stored(path) if e["type"] == kind]


@in_loop
async def test_f8_adjourns_after_a_yes_and_again_reopens(meeting_path: Path, operator_app: Make, other: Other) -> None:
    session = other(meeting_path)
    session.act("attend", names=PEOPLE)
    session.act("hand", name="Ana Lima")
    session.act("next")
    app = operator_app(meeting_path)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await shows(pilot, "Ana Lima", "F8 adjourn")
        await pilot.press("f8")
        await shows(pilot, "Adjourn the meeting now?")
        await pilot.press("n")
        await shows(pilot, "F8 adjourn", gone=("Adjourn the meeting now?",))
        assert not of_type(meeting_path, "adjourned")
        await pilot.press("f8")
        await shows(pilot, "Adjourn the meeting now?")
        await pilot.press("y")
        await shows(pilot, "Adjourned at 16:00", "Nobody has the floor")
        assert len(of_type(meeting_path, "adjourned")) == 1
        await pilot.press("a")
        await type_in(pilot, "Ben")
        await pilot.press("tab", "enter")
        await shows(pilot, "reopen the meeting")
        await pilot.press("escape")
        await pilot.press("f8")
        await shows(pilot, "Reopen the meeting (adjourned at 16:00)?")
        await pilot.press("y")
        await shows(pilot, gone=("Adjourned at",))
        assert len(of_type(meeting_path, "reopened")) == 1


@in_loop
async def test_a_closed_stack_takes_a_new_point_only_as_a_late_addition_said_yes_to(
    meeting_path: Path, operator_app: Make, other: Other
) -> None:
    session = other(meeting_path)
    session.act("attend", names=PEOPLE)
    session.act("stack_close")
    app = operator_app(meeting_path)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await shows(pilot, "closed")
        await pilot.press("a")
        await type_in(pilot, "Carla")
        await pilot.press("tab", "enter")
        await shows(pilot, "The stack is closed to new points. Add Carla Diaz anyway, as")
        await pilot.press("n")
        await shows(pilot, gone=("Add Carla Diaz anyway",))
        assert not of_type(meeting_path, "hand_raised")
        await pilot.press("a")
        await type_in(pilot, "Carla")
        await pilot.press("tab", "enter")
        await shows(pilot, "Add Carla Diaz anyway")
        await pilot.press("y")
        await shows(pilot, "added late")
        assert [(d["name"], d.get("late")) for d in of_type(meeting_path, "hand_raised")] == [("Carla Diaz", True)]


def blocked_meeting(data_root: Path, clock: FakeClock) -> Path:
    """P1 in its final test under consensus with a 9/10 fallback: Ivan blocks, eight agree."""
    actor = Actor("bo", role="facilitator", terminal="t2")
    settings = Settings(rule="consensus", fallback_rule="supermajority:0.9")
    meeting_id = meetings.create(data_root, "Assembly", actor, clock.now(), settings=settings)
    path = locations.meeting_file(data_root, meeting_id)
    s = Session.open(path, actor, clock)
    s.act("attend", names=PEOPLE)
    s.act("propose", title="Boiler", text="Replace the boiler this winter.", by=["Ana Lima"])
    s.act("test", proposal="P1")
    s.act("block", proposal="P1", name="Ivan Petrov", reason="allergies")
    s.act("agree", proposal="P1", names=PEOPLE[:1] + PEOPLE[2:])
    return path


@in_loop
async def test_the_final_test_applies_the_meetings_rule_then_offers_its_fallback_by_name(
    data_root: Path, clock: FakeClock
) -> None:
    path = blocked_meeting(data_root, clock)
    async with host(data_root, path, clock, lambda s: FinalTestScreen(s, "P1")).run_test(size=(110, 34)) as pilot:
        await shows(pilot, "the meeting's rule: consensus, fallback supermajority:0.9")
        await pilot.press("r")  # no key chooses another rule
        await shows(pilot, "1 block (consensus allows none): blocked")
        await pilot.press("d")
        await shows(pilot, "Record the outcome of P1 v1?")
        await pilot.press("y")
        await shows(pilot, "Blocked by Ivan Petrov. Apply the fallback, 9/10 supermajority?", "8 of 9 agree")
        await pilot.press("n")  # not now: the block stands, and d offers the fallback again
        await shows(pilot, "✗ BLOCKED", gone=("Record it (y)",))
        assert of_type(path, "fallback_applied") == []
        await pilot.press("d")
        await shows(pilot, "Apply the fallback, 9/10 supermajority?")
        await pilot.press("y")
        await shows(pilot, "✗ FAILED", "consensus: 1 block (consensus allows none): blocked")
        [stage] = of_type(path, "fallback_applied")
        assert (stage["rule"], stage["outcome"], stage["arithmetic"]) == (
            "supermajority:0.9",
            "failed",
            "8 of 9 agree = 88.9% < 90%: failed",
        )


@in_loop
async def test_the_projector_follows_the_final_test_count_and_says_when_the_meeting_adjourned(
    data_root: Path, clock: FakeClock
) -> None:
    path = blocked_meeting(data_root, clock)
    app = quiet(FacilitatorApp(data_root, start="projector", meeting=path, clock=clock, poll=0.05))
    async with app.run_test(size=(100, 30)) as pilot:
        await shows(pilot, "final test: 1 blocking · 0 standing aside · 8 agreeing")
        s = Session.open(path, Actor("bo", role="facilitator", terminal="t3"), clock)
        s.act("stand_aside", proposal="P1", name="Hal")
        await shows(pilot, "final test: 1 blocking · 1 standing aside · 7 agreeing")
        s.act("decide", proposal="P1")
        s.act("adjourn")
        await shows(pilot, "Adjourned at 16:00")


@in_loop
async def test_counting_more_hands_than_people_present_is_said_on_the_check_screen(
    data_root: Path, clock: FakeClock
) -> None:
    from screens.business.check import TemperatureCheckScreen

    actor = Actor("bo", role="facilitator", terminal="t2")
    meeting_id = meetings.create(data_root, "Assembly", actor, clock.now())
    path = locations.meeting_file(data_root, meeting_id)
    s = Session.open(path, actor, clock)
    s.act("attend", names=["Ana Lima", "Ben Okoro"])
    s.act("check_start", scale="twinkles")
    async with host(data_root, path, clock, TemperatureCheckScreen).run_test(size=(100, 30)) as pilot:
        await shows(pilot, "0 in all")
        await pilot.press("1", "1")
        await shows(pilot, "2 in all", gone=("warning",))
        await pilot.press("2")
        await shows(pilot, "3 in all — warning: 3 counted, 2 present")
        assert [d["count"] for d in of_type(path, "check_counted")] == [1, 2, 1]  # accepted, not refused
