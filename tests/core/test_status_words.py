"""What `facilitator status` and every operator screen's strip say about the speaker's clock
(issue 16 point 8): the name, the kind, the time left or OVERTIME, PAUSED, never a bare time.

The clock is a FakeClock: time passes only when a test says so."""

from __future__ import annotations

from pathlib import Path

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.meeting.settings import Settings
from facilitator.meeting.status import clock_words, speaker_words, status, status_text
from facilitator.session import Session
from facilitator.store import locations, meetings


def speaking_line(session: Session) -> str:
    (line,) = [x for x in status_text(session.meeting, "ga", session.now()).splitlines() if x.startswith("speaking:")]
    return line


def jo_speaks(session: Session) -> None:
    session.act("attend", names=["Jo Mbeki", "Ana Lima"])
    session.act("hand", name="Jo Mbeki")
    session.act("next")


def test_nobody_speaking(session: Session) -> None:
    assert speaker_words(session.meeting, session.now()) == "nobody has the floor"
    assert clock_words(session.meeting, session.now()) == ""
    assert speaking_line(session) == "speaking: nobody"


def test_time_left_and_time_spoken(session: Session, clock: FakeClock) -> None:
    jo_speaks(session)
    clock.advance(81)
    assert speaking_line(session) == "speaking: Jo Mbeki (new point): 0:39 left, spoken 1:21"


def test_the_warning_is_said_in_words(session: Session, clock: FakeClock) -> None:
    jo_speaks(session)
    clock.advance(105)  # 15 s left, under the 20 s warning
    assert speaking_line(session) == "speaking: Jo Mbeki (new point): ALMOST UP, 0:15 left, spoken 1:45"


def test_overtime_is_said_in_words(session: Session, clock: FakeClock) -> None:
    jo_speaks(session)
    clock.advance(132)
    assert speaking_line(session) == "speaking: Jo Mbeki (new point): OVERTIME +0:12, spoken 2:12"
    clock.advance(47)
    assert speaking_line(session) == "speaking: Jo Mbeki (new point): OVERTIME +0:59, spoken 2:59"


def test_paused_says_so_and_the_clock_stands_still(session: Session, clock: FakeClock) -> None:
    jo_speaks(session)
    clock.advance(81)
    session.act("pause")
    clock.advance(300)
    assert speaking_line(session) == "speaking: Jo Mbeki (new point): PAUSED, 0:39 left, spoken 1:21"
    session.act("resume")
    clock.advance(60)
    assert speaking_line(session) == "speaking: Jo Mbeki (new point): OVERTIME +0:21, spoken 2:21"
    session.act("pause")
    assert speaking_line(session) == "speaking: Jo Mbeki (new point): PAUSED, OVERTIME +0:21, spoken 2:21"


def test_a_point_of_process_pauses_the_speaker_and_says_why(session: Session, clock: FakeClock) -> None:
    jo_speaks(session)
    clock.advance(30)
    session.act("hand", name="Ana Lima", kind="process")
    session.act("next")  # Jo waits out the point of process
    clock.advance(5)
    assert speaking_line(session) == "speaking: Ana Lima (point of process): 0:25 left, spoken 0:05"
    assert "paused for a point of process: Jo Mbeki" in status_text(session.meeting, "ga", clock.now())
    session.act("end")  # Jo has the floor again, with the time they had left
    assert speaking_line(session) == "speaking: Jo Mbeki (new point): 1:30 left, spoken 0:30"


def test_a_response_names_whom_it_answers(session: Session, clock: FakeClock) -> None:
    jo_speaks(session)
    session.act("hand", name="Ana Lima", kind="response")
    clock.advance(10)
    session.act("next")
    clock.advance(70)
    assert speaking_line(session) == "speaking: Ana Lima (direct response to Jo Mbeki): OVERTIME +0:10, spoken 1:10"


def test_a_stopwatch_turn_has_no_limit_in_words(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    settings = Settings(limits={"new": 0, "response": 60, "clarify": 30, "process": 30})
    meeting_id = meetings.create(data_root, "GA", operator, clock.now(), settings=settings)
    session = Session.open(locations.meeting_file(data_root, meeting_id), operator, clock)
    jo_speaks(session)
    clock.advance(600)
    assert speaking_line(session) == "speaking: Jo Mbeki (new point): no time limit, spoken 10:00"


def test_the_json_keeps_its_fields(session: Session, clock: FakeClock) -> None:
    jo_speaks(session)
    clock.advance(132)
    speaker = status(session.meeting, "ga", clock.now())["speaker"]
    assert speaker == {
        "name": "Jo Mbeki",
        "kind": "new",
        "state": "speaking",
        "remaining": -12.0,
        "spoken": 132.0,
        "limit": 120.0,
        "answers": None,
    }


def test_the_home_screen_says_a_meeting_was_adjourned(session: Session) -> None:
    from facilitator.meeting.status import agenda_status

    assert agenda_status(session.meeting) == "not started"
    session.act("begin")
    session.act("adjourn")
    assert agenda_status(session.meeting) == "adjourned at 16:00"
