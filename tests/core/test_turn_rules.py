"""PROCESS.md section 2, speaking turns: one test (or a few) per rule, named for the rule.

The clock is a FakeClock: time passes only when a test says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.clock import FakeClock
from facilitator.errors import Refused
from facilitator.meeting.events import Actor
from facilitator.meeting.settings import Settings
from facilitator.meeting.stack import order
from facilitator.meeting.state import Turn
from facilitator.meeting.status import status, turn_state
from facilitator.session import Session
from facilitator.store import locations, meetings


def names(session: Session) -> list[str]:
    return [p.entry.name for p in order(session.meeting, session.now())]


def speaker(session: Session) -> Turn:
    turn = session.meeting.speaker
    assert turn is not None, "somebody should have the floor"
    return turn


def meeting_with(data_root: Path, clock: FakeClock, operator: Actor, settings: Settings) -> Session:
    meeting_id = meetings.create(data_root, "Assembly with settings", operator, clock.now(), settings=settings)
    return Session.open(locations.meeting_file(data_root, meeting_id), operator, clock)


def reopened(session: Session) -> Session:
    return Session.open(session.store.path, session.actor, session.clock)


# ---- 2.1 next ----------------------------------------------------------------------------------


def test_2_1_next_gives_the_floor_to_the_top_of_the_stack(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob"])
    session.act("hand", name="Ana")
    session.act("hand", name="Bob")
    outcome = session.act("next")
    assert outcome.summary == "Ana has the floor (new point)"
    assert speaker(session).name == "Ana"
    assert names(session) == ["Bob"]


def test_2_1_next_ends_the_current_turn_first(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob"])
    session.act("hand", name="Ana")
    session.act("hand", name="Bob")
    session.act("next")
    ana = speaker(session)
    clock.advance(45)
    session.act("next")
    assert ana.ended_at == clock.now()
    assert ana.spoken(clock.now() + 100) == 45
    assert speaker(session).name == "Bob"
    assert names(session) == []


def test_2_1_next_with_an_empty_stack_ends_the_turn_then_is_refused(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.act("next")
    clock.advance(10)
    assert session.act("next").summary == "Ana finished; the stack is empty"
    assert session.meeting.speaker is None
    with pytest.raises(Refused, match="the stack is empty: nobody to give the floor to"):
        session.act("next")


# ---- 2.2 limits by kind ----------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "limit"), [("new", 120), ("response", 60), ("clarify", 30), ("process", 30)])
def test_2_2_each_kind_has_its_default_limit(session: Session, clock: FakeClock, kind: str, limit: int) -> None:
    session.act("attend", names=["Zoe", "Ana"])
    session.act("hand", name="Zoe")
    session.act("next")
    session.act("end")
    session.act("hand", name="Ana", kind=kind)
    session.act("next")
    assert speaker(session).limit == limit
    assert speaker(session).remaining(clock.now()) == limit
    clock.advance(7)
    assert speaker(session).remaining(clock.now()) == limit - 7


def test_2_2_limits_are_configurable_per_meeting(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    limits = {"new": 90, "response": 45, "clarify": 20, "process": 15}
    session = meeting_with(data_root, clock, operator, Settings(limits=limits))
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.act("next")
    assert speaker(session).limit == 90


def test_2_2_limits_are_configurable_per_agenda_item(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob", "Cy"])
    session.act("agenda_add", title="Reports", limits={"new": 180, "response": 0})
    session.act("agenda_add", title="Open discussion")
    session.act("agenda_start", item="1")
    session.act("hand", name="Ana")
    session.act("next")
    assert session.meeting.speaker is not None and session.meeting.speaker.limit == 180
    session.act("hand", name="Bob", kind="response")
    session.act("next")
    assert session.meeting.speaker is not None and session.meeting.speaker.remaining(clock.now()) is None  # stopwatch
    session.act("agenda_start", item="2")
    session.act("hand", name="Cy")
    session.act("next")
    assert session.meeting.speaker is not None and session.meeting.speaker.limit == 120  # the meeting's own
    with pytest.raises(Refused, match="0 \\(a stopwatch\\) to 3600 seconds"):
        session.act("agenda_add", title="Too long", limits={"new": 7200})
    with pytest.raises(Refused, match="unknown kind"):
        session.act("agenda_add", title="Odd", limits={"rant": 60})


def test_2_2_a_limit_of_zero_is_a_stopwatch(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    limits = {"new": 0, "response": 60, "clarify": 30, "process": 30}
    session = meeting_with(data_root, clock, operator, Settings(limits=limits))
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.act("next")
    clock.advance(600)
    turn = speaker(session)
    assert turn.remaining(clock.now()) is None
    assert turn.spoken(clock.now()) == 600
    assert turn_state(session.meeting, clock.now()) == "speaking"  # a stopwatch never runs over
    assert status(session.meeting, "x", clock.now())["speaker"]["remaining"] is None
    with pytest.raises(Refused, match="no limit to extend"):
        session.act("extend", seconds=30)


# ---- 2.3 warning and overtime ----------------------------------------------------------------


def test_2_3_the_countdown_warns_when_20_seconds_remain(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.act("next")
    clock.advance(99)
    assert turn_state(session.meeting, clock.now()) == "speaking"
    clock.advance(1)  # 20 s left
    assert turn_state(session.meeting, clock.now()) == "warning"
    clock.advance(20)  # 0 s left: still a warning, not yet overtime
    assert turn_state(session.meeting, clock.now()) == "warning"


def test_2_3_the_warning_is_configurable(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    session = meeting_with(data_root, clock, operator, Settings(warning=45))
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.act("next")
    clock.advance(75)
    assert turn_state(session.meeting, clock.now()) == "warning"


def test_2_3_overtime_counts_as_negative_time_and_is_not_enforced(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.act("next")
    clock.advance(135)
    assert speaker(session).remaining(clock.now()) == -15
    assert turn_state(session.meeting, clock.now()) == "overtime"
    assert status(session.meeting, "x", clock.now())["speaker"]["remaining"] == -15
    assert speaker(session).name == "Ana"  # nobody is cut off: the facilitator decides


def test_2_3_overtime_is_recorded(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.act("next")
    clock.advance(135)
    assert session.act("end").summary == "Ana finished after 2:15"
    clock.advance(1000)
    (turn,) = reopened(session).meeting.turns.values()
    assert turn.remaining(clock.now()) == -15  # frozen at the end of the turn, rebuilt from the file
    assert turn.spoken(clock.now()) == 135


# ---- 2.4 pause, resume, extend ---------------------------------------------------------------


def test_2_4_paused_time_is_not_speaking_time(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.act("next")
    clock.advance(30)
    assert session.act("pause").summary == "Ana's clock paused"
    assert turn_state(session.meeting, clock.now()) == "paused"
    assert status(session.meeting, "x", clock.now())["speaker"]["state"] == "paused"
    clock.advance(300)
    assert speaker(session).remaining(clock.now()) == 90
    session.act("resume")
    clock.advance(10)
    assert speaker(session).remaining(clock.now()) == 80
    session.act("end")
    assert session.meeting.airtime(clock.now()) == {"Ana": 40}


def test_2_4_pause_and_resume_are_refused_when_they_make_no_sense(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    with pytest.raises(Refused, match="nobody has the floor"):
        session.act("pause")
    with pytest.raises(Refused, match="nobody has the floor"):
        session.act("resume")
    session.act("hand", name="Ana")
    session.act("next")
    with pytest.raises(Refused, match="Ana's turn is not paused"):
        session.act("resume")
    session.act("pause")
    with pytest.raises(Refused, match="Ana's turn is already paused"):
        session.act("pause")


def test_2_4_ending_a_paused_turn_counts_only_the_time_spoken(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.act("next")
    clock.advance(20)
    session.act("pause")
    clock.advance(60)
    session.act("end")
    clock.advance(60)
    assert session.meeting.airtime(clock.now()) == {"Ana": 20}


def test_2_4_extend_adds_time_and_is_recorded(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.act("next")
    clock.advance(110)
    outcome = session.act("extend", seconds=30)
    assert outcome.summary == "Ana's turn extended by 0:30"
    assert speaker(session).remaining(clock.now()) == 40
    assert turn_state(session.meeting, clock.now()) == "speaking"
    assert status(session.meeting, "x", clock.now())["speaker"]["limit"] == 150
    (line,) = [x for x in reopened(session).meeting.log if x.type == "extended"]
    assert line.summary == "Ana's turn extended by 0:30" and line.author == "ana, stack"


def test_2_4_extend_needs_a_speaker_and_a_sensible_number(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    with pytest.raises(Refused, match="nobody has the floor"):
        session.act("extend", seconds=30)
    session.act("hand", name="Ana")
    session.act("next")
    for seconds in (0, -5, 3601):
        with pytest.raises(Refused, match="extend by 1 to 3600 seconds"):
            session.act("extend", seconds=seconds)


# ---- 2.5 a point of process pauses the speaker ----------------------------------------------


def test_2_5_point_of_process_pauses_then_resumes_speaker_with_the_time_they_had_left(
    session: Session, clock: FakeClock
) -> None:
    session.act("attend", names=["Ana", "Bob", "Pat"])
    session.act("hand", name="Ana")
    session.act("hand", name="Bob")
    session.act("next")
    ana = speaker(session)
    clock.advance(50)
    session.act("hand", name="Pat", kind="process")
    outcome = session.act("next")
    assert outcome.summary == "Ana paused for a point of process; Pat has the floor"
    assert speaker(session).name == "Pat" and speaker(session).kind == "process"
    assert ana.ended_at is None and ana.suspended
    assert status(session.meeting, "x", clock.now())["paused_for_process"] == ["Ana"]
    clock.advance(25)
    outcome = session.act("end")
    assert outcome.summary == "point of process done; Ana has the floor again"
    assert speaker(session) is ana
    assert ana.remaining(clock.now()) == 70  # 120 - 50: the point of process took none of her time
    assert names(session) == ["Bob"]  # Ana comes back before anyone else on the stack


def test_2_5_next_also_ends_the_point_of_process_and_gives_the_floor_back(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob", "Pat"])
    session.act("hand", name="Ana")
    session.act("hand", name="Bob")
    session.act("next")
    clock.advance(30)
    session.act("hand", name="Pat", kind="process")
    session.act("next")
    clock.advance(20)
    assert session.act("next").summary == "point of process done; Ana has the floor again"
    assert speaker(session).name == "Ana"
    assert speaker(session).remaining(clock.now()) == 90
    clock.advance(10)
    session.act("next")
    assert speaker(session).name == "Bob"
    assert session.meeting.airtime(clock.now()) == {"Ana": 40, "Pat": 20, "Bob": 0}


def test_2_5_a_point_of_process_with_nobody_speaking_is_an_ordinary_turn(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Pat"])
    session.act("hand", name="Ana")
    session.act("hand", name="Pat", kind="process")
    session.act("next")
    assert speaker(session).name == "Pat"
    assert session.act("end").summary.startswith("Pat finished after")
    assert session.meeting.speaker is None
    assert names(session) == ["Ana"]


def test_2_5_the_pause_survives_a_reopen(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Pat"])
    session.act("hand", name="Ana")
    session.act("next")
    clock.advance(50)
    session.act("hand", name="Pat", kind="process")
    session.act("next")
    clock.advance(40)
    again = reopened(session)
    assert again.meeting.speaker is not None and again.meeting.speaker.name == "Pat"
    again.act("end")
    assert again.meeting.speaker is not None and again.meeting.speaker.name == "Ana"
    assert again.meeting.speaker.remaining(clock.now()) == 70


def test_2_5_starting_another_item_ends_a_paused_speakers_turn(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Pat"])
    session.act("agenda_add", title="Budget")
    session.act("hand", name="Ana")
    session.act("next")
    clock.advance(10)
    session.act("hand", name="Pat", kind="process")
    session.act("next")
    session.act("agenda_start", item="1")
    assert session.meeting.speaker is None
    assert session.meeting.suspended == []
    assert all(t.ended_at is not None for t in session.meeting.turns.values())


# ---- 2.6 airtime ------------------------------------------------------------------------------


def test_2_6_airtime_adds_up_per_item_and_per_meeting(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob"])
    session.act("agenda_add", title="Budget")
    session.act("agenda_add", title="Garden")
    session.act("hand", name="Ana")
    session.act("next")
    clock.advance(30)
    session.act("end")  # 30 s on the general stack
    session.act("agenda_start", item="1")
    budget = session.meeting.item
    for name, seconds in (("Ana", 60), ("Bob", 45), ("Ana", 15)):
        session.act("hand", name=name)
        session.act("next")
        clock.advance(seconds)
        session.act("end")
    session.act("agenda_start", item="2")
    garden = session.meeting.item
    session.act("hand", name="Bob")
    session.act("next")
    clock.advance(20)
    session.act("pause")
    clock.advance(100)  # paused time is not airtime
    session.act("end")
    now = clock.now()
    assert session.meeting.airtime(now) == {"Ana": 105, "Bob": 65}
    assert session.meeting.airtime(now, item=budget) == {"Ana": 75, "Bob": 45}
    assert session.meeting.airtime(now, item=garden) == {"Bob": 20}
    assert session.meeting.airtime(now, item=None) == {"Ana": 30}
    assert reopened(session).meeting.airtime(now) == {"Ana": 105, "Bob": 65}


def test_2_6_the_current_turn_counts_as_it_goes(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.act("next")
    clock.advance(12)
    assert session.meeting.airtime(clock.now()) == {"Ana": 12}
    clock.advance(3)
    assert session.meeting.airtime(clock.now()) == {"Ana": 15}


def test_2_6_airtime_kept_between_questions_follows_every_change(session: Session, clock: FakeClock) -> None:
    """The screens ask for airtime several times a second; what is kept between two questions
    (the seconds of ended turns) must follow a pause, an end, a new turn and an undo."""

    session.act("attend", names=["Ana", "Bob", "Cal"])

    def direct(now: float) -> dict[str, float]:
        totals: dict[str, float] = {}
        for turn in session.meeting.turns.values():
            totals[turn.name] = totals.get(turn.name, 0.0) + turn.spoken(now)
        return totals

    steps = [
        ("hand", {"name": "Ana"}),
        ("next", {}),
        ("pause", {}),
        ("resume", {}),
        ("hand", {"name": "Bob", "kind": "process"}),
        ("next", {}),  # Ana waits out a point of process: two turns open
        ("end", {}),
        ("hand", {"name": "Cal"}),
        ("end", {}),
        ("next", {}),
        ("undo", {}),
        ("next", {}),
    ]
    for action, args in steps:
        session.act(action, **args)
        for _ in range(3):
            clock.advance(7)
            assert session.meeting.airtime(clock.now()) == direct(clock.now()), action
