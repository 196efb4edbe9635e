"""A participant's own terminal (`join`): their hands, their step-up mark, their vote, the projector."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from facilitator.clock import FakeClock
from facilitator.errors import Refused
from facilitator.meeting.events import Actor
from facilitator.session import Session
from screens.projector.participant import ParticipantApp, ParticipantScreen
from tests.ui.conftest import FIXED, in_loop, quiet, shows, stored

ME = "Chen Wei"  # in the demo: on the stack with a new point, has spoken before


def join(root: Path, path: Path, name: str = ME) -> ParticipantApp:
    app = ParticipantApp(root, path, name, clock=FakeClock(FIXED), poll=0.05)
    quiet(app)
    return app


def operator_at(path: Path) -> Session:
    return Session.open(path, Actor("bea", role="stack", terminal="op2"), FakeClock(FIXED))


def written_since(path: Path, before: int) -> list[dict[str, Any]]:
    return stored(path)[before:]


@in_loop
async def test_n_lowers_my_new_point_and_raises_it_again(data_root: Path, demo_path: Path) -> None:
    app = join(data_root, demo_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        assert isinstance(app.screen, ParticipantScreen)
        await shows(pilot, "Chen Wei: new point 4th of 5", "n lower new point")
        before = len(stored(demo_path))
        await pilot.press("n")
        await shows(pilot, "Chen Wei: your hand is down", "n new point")
        [lowered] = written_since(demo_path, before)
        assert lowered["type"] == "hand_lowered" and lowered["data"]["removed"] is False
        assert lowered["actor"]["as"] == ME
        await pilot.press("n")
        await shows(pilot, "Chen Wei: new point 5th of 5", "n lower new point")
        raised = written_since(demo_path, before)[-1]
        assert raised["type"] == "hand_raised"
        assert raised["data"] == {"name": ME, "kind": "new", "step_up": False}
        assert raised["actor"]["as"] == ME


@pytest.mark.parametrize(
    ("key", "kind", "label"),
    [
        ("r", "response", "direct response"),
        ("c", "clarify", "clarifying question"),
        ("p", "process", "point of process"),
    ],
)
@in_loop
async def test_one_key_raises_and_lowers_each_kind(
    data_root: Path, demo_path: Path, key: str, kind: str, label: str
) -> None:
    app = join(data_root, demo_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await shows(pilot, "Chen Wei: new point")
        before = len(stored(demo_path))
        await pilot.press(key)
        await shows(pilot, f"Chen Wei: {label}", f"{key} lower")
        raised = written_since(demo_path, before)[-1]
        assert (raised["type"], raised["data"]["kind"], raised["data"]["name"]) == ("hand_raised", kind, ME)
        await pilot.press(key)
        await shows(pilot, "Chen Wei: new point", f"{key} {kind}")
        assert [e["type"] for e in written_since(demo_path, before)] == ["hand_raised", "hand_lowered"]
        assert operator_at(demo_path).meeting.waiting_entry(ME, "new") is not None  # the new point stayed


@in_loop
async def test_the_step_up_mark_goes_with_the_next_new_point_only(data_root: Path, demo_path: Path) -> None:
    app = join(data_root, demo_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await shows(pilot, "Chen Wei: new point")
        before = len(stored(demo_path))
        await pilot.press("s")  # already waiting: the mark is chosen when the hand goes up
        await shows(pilot, "your new point is already on the stack")
        assert written_since(demo_path, before) == []
        app.clear_notifications()
        await pilot.press("n")
        await shows(pilot, "your hand is down")
        await pilot.press("s")
        await shows(pilot, "step up: on", "your next new point steps up")
        await pilot.press("n")
        await shows(pilot, "(step up)", "step up: off")
        raised = written_since(demo_path, before)[-1]
        assert raised["data"] == {"name": ME, "kind": "new", "step_up": True}
        await pilot.press("c")  # the mark belonged to that request: a later hand does not carry it
        await shows(pilot, "clarifying question")
        assert written_since(demo_path, before)[-1]["data"]["step_up"] is False


@in_loop
async def test_vote_in_the_open_check_and_change_it(data_root: Path, demo_path: Path) -> None:
    app = join(data_root, demo_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        text = await shows(pilot, "Chen Wei: new point")
        assert "Check" not in text and "vote up" not in text  # nothing to vote on: that part is hidden
        before = len(stored(demo_path))
        await pilot.press("1", "2")
        assert written_since(demo_path, before) == []
        operator_at(demo_path).act("check_start", scale="twinkles", question="Shall we fix the boiler?")
        await shows(pilot, "Check 1: Shall we fix the boiler? · your vote: none yet", "1 vote up", "3 vote down")
        await pilot.press("2")
        await shows(pilot, "your vote: sideways")
        await pilot.press("1")
        await shows(pilot, "your vote: up")
        await pilot.press("1")
        await shows(pilot, "Chen Wei already voted up in check 1")
        votes = [e for e in written_since(demo_path, before) if e["type"] == "check_voted"]
        assert [(v["data"]["name"], v["data"]["option"], v["actor"]["as"]) for v in votes] == [
            (ME, "sideways", ME),
            (ME, "up", ME),
        ]
        operator_at(demo_path).act("check_close")
        await shows(pilot, "Chen Wei: new point", gone=("Check 1", "vote up"))


@in_loop
async def test_fist_to_five_options_are_their_own_keys(data_root: Path, demo_path: Path) -> None:
    operator_at(demo_path).act("check_start", scale="fist-to-five")
    app = join(data_root, demo_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await shows(pilot, "0 opposed", "3 can live with it", "5 will help carry it out")  # never "block"
        await pilot.press("0")
        await shows(pilot, "your vote: 0 opposed")


@in_loop
async def test_a_refusal_is_one_line_and_nothing_is_written(data_root: Path, demo_path: Path) -> None:
    operator_at(demo_path).act("stack_close")
    app = join(data_root, demo_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await shows(pilot, "stack closed")
        await pilot.press("n")  # lowering is always allowed
        await shows(pilot, "your hand is down")
        before = len(stored(demo_path))
        await pilot.press("n")
        await shows(pilot, "the stack is closed to new points (points of process are still welcome)")
        assert written_since(demo_path, before) == []
        await pilot.press("p")  # a point of process is always welcome
        await shows(pilot, "point of process 1st of")


@in_loop
async def test_the_session_acts_for_this_person_only(data_root: Path, demo_path: Path) -> None:
    app = join(data_root, demo_path, name="chen wei")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await shows(pilot, "Chen Wei: new point")  # recorded as the assembly knows them
        screen = app.screen
        assert isinstance(screen, ParticipantScreen)
        assert screen.session.actor.participant == ME
        before = len(stored(demo_path))
        with pytest.raises(Refused, match="Chen Wei can only act for themself, not for Amara Okafor"):
            screen.session.act("lower", name="Amara Okafor")
        with pytest.raises(Refused, match="takes part as a participant"):
            screen.session.act("next")
        assert written_since(demo_path, before) == []


@in_loop
async def test_u_undoes_my_latest_action(data_root: Path, demo_path: Path) -> None:
    app = join(data_root, demo_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await shows(pilot, "Chen Wei: new point")
        await pilot.press("c")
        await shows(pilot, "clarifying question")
        await pilot.press("u")
        await shows(pilot, "undid: Chen Wei is on the stack (clarifying question)")
        assert operator_at(demo_path).meeting.waiting_entry(ME, "clarify") is None


@in_loop
async def test_it_follows_the_operators_like_the_projector(data_root: Path, demo_path: Path) -> None:
    app = join(data_root, demo_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await shows(pilot, "Jonas Berg", "Chen Wei: new point 4th of 5")
        other = operator_at(demo_path)
        for _ in range(4):
            other.act("next")  # Amara, Gus, Kwame, then Chen Wei has the floor
        await shows(pilot, "Chen Wei: you have the floor (2:00 left)", "your hand is down")


@in_loop
async def test_a_name_with_markup_shows_literally(data_root: Path, demo_path: Path) -> None:
    operator_at(demo_path).act("attend", names=["[b]Mallory[/b] 🦊"])  # as `join --name` records it
    app = join(data_root, demo_path, name="[b]Mallory[/b] 🦊")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await shows(pilot, "[b]Mallory[/b] 🦊: your hand is down")
        await pilot.press("n")
        await shows(pilot, "[b]Mallory[/b] 🦊: new point")


def settle(*needles: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await shows(pilot, *needles)

    return run_before


def test_snapshot_participant_with_an_open_check(snap_compare: Any, data_root: Path, demo_path: Path) -> None:
    other = operator_at(demo_path)
    other.act("check_start", scale="twinkles", question="Shall we fix the boiler this winter?")
    Session.open(demo_path, Actor("chen", participant=ME, terminal="p2"), FakeClock(FIXED)).act(
        "check_vote", name=ME, option="up"
    )
    app = join(data_root, demo_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle("your vote: up", "1 vote up"))
