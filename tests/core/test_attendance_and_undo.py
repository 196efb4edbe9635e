"""Attendance (who is present), undo (of this terminal's, or this person's, latest action) and
--at (actions entered afterwards with the time they happened)."""

from __future__ import annotations

from typing import Any

import pytest

from facilitator.clock import FakeClock
from facilitator.errors import Refused
from facilitator.meeting import state
from facilitator.meeting.events import Actor
from facilitator.meeting.stack import order
from facilitator.session import Session


def names(session: Session) -> list[str]:
    return [p.entry.name for p in order(session.meeting, session.now())]


def terminal(session: Session, actor: Actor) -> Session:
    return Session.open(session.store.path, actor, session.clock)


def comparable(meeting: state.Meeting) -> dict[str, Any]:
    """The meeting as the rules see it: everything but the log of who did what (and what the
    meeting keeps to answer questions faster, its underscored fields)."""
    data = {key: value for key, value in vars(meeting).items() if not key.startswith("_")}
    for key in ("log", "undone", "last_seq", "last_ts", "last_action_ts"):
        data.pop(key)
    return data


# ---- attendance ------------------------------------------------------------------------------


def test_attend_marks_people_present_in_arrival_order(session: Session) -> None:
    outcome = session.act("attend", names=["Ana", "Bob"])
    assert outcome.summary == "present: Ana, Bob (2 in all)"
    session.act("attend", names=["Cal"])
    assert list(session.meeting.present.values()) == ["Ana", "Bob", "Cal"]


def test_attend_skips_who_is_already_here_and_refuses_when_nobody_is_new(session: Session) -> None:
    session.act("attend", names=["Ana"])
    assert session.act("attend", names=["ana", "Bob", "BOB"]).summary == "present: Bob (2 in all)"
    with pytest.raises(Refused, match="already present"):
        session.act("attend", names=["ANA", "bob"])
    with pytest.raises(Refused, match="name at least one person"):
        session.act("attend", names=[])


def test_names_keep_the_spelling_they_were_first_recorded_with(session: Session) -> None:
    session.act("attend", names=["Lucía Fernández"])
    session.act("hand", name="lucía fernández")
    assert names(session) == ["Lucía Fernández"]


def test_a_name_typed_decomposed_is_the_same_person(session: Session) -> None:
    session.act("attend", names=["Lucía"])  # composed, as most keyboards type it
    decomposed = "Luci\u0301a"  # as macOS may hand it over
    with pytest.raises(Refused, match="already present"):
        session.act("attend", names=[decomposed])
    session.act("hand", name=decomposed.upper())
    assert names(session) == ["Lucía"]


def test_leave_marks_someone_gone_and_takes_their_hands_off_the_stack(session: Session) -> None:
    session.act("attend", names=["Ana", "Bob"])
    session.act("hand", name="Ana")
    session.act("hand", name="Ana", kind="clarify")
    session.act("hand", name="Bob")
    outcome = session.act("leave", name="ana")
    assert outcome.summary == "Ana left, 2 hand(s) taken off the stack"
    assert not session.meeting.is_present("Ana")
    assert names(session) == ["Bob"]
    assert session.meeting.person("ANA") == "Ana"  # still known: the minutes name everyone who came


def test_leave_is_refused_for_someone_absent_or_speaking(session: Session) -> None:
    with pytest.raises(Refused, match=r"nobody called Ana is here\. A newcomer is added with `attend Ana`"):
        session.act("leave", name="Ana")
    session.act("attend", names=["Ana", "Bob"])
    session.act("leave", name="Bob")
    with pytest.raises(Refused, match="Bob is not present"):
        session.act("leave", name="Bob")
    session.act("hand", name="Ana")
    session.act("next")
    with pytest.raises(Refused, match="Ana has the floor: end their turn first"):
        session.act("leave", name="Ana")


def test_leave_is_refused_for_a_speaker_paused_for_a_point_of_process(session: Session) -> None:
    session.act("attend", names=["Ana", "Pat"])
    session.act("hand", name="Ana")
    session.act("next")
    session.act("hand", name="Pat", kind="process")
    session.act("next")
    with pytest.raises(Refused, match="Ana has the floor"):
        session.act("leave", name="Ana")


def test_a_hand_for_someone_nobody_knows_is_refused_with_the_closest_names(session: Session) -> None:
    # Arriving (attend) is the one way a person joins the record (PROCESS.md 3.4).
    session.act("attend", names=["Ana Lima"])
    written = session.meeting.last_seq
    with pytest.raises(Refused) as refused:
        session.act("hand", name="Ana")
    assert (
        str(refused.value) == "nobody called Ana is here: did you mean Ana Lima? A newcomer is added with `attend Ana`"
    )
    assert session.meeting.last_seq == written  # nothing was written
    assert list(session.meeting.present.values()) == ["Ana Lima"]
    assert names(session) == []


def test_raising_a_hand_brings_back_someone_who_left(session: Session) -> None:
    session.act("attend", names=["Ana"])
    assert session.act("hand", name="Ana").summary == "Ana is on the stack (new point)"
    session.act("leave", name="Ana")
    assert not session.meeting.is_present("Ana")
    outcome = session.act("hand", name="ana", kind="clarify")
    assert outcome.summary == "Ana is on the stack (clarifying question) (back, and marked present again)"
    assert list(session.meeting.present.values()) == ["Ana"]


# ---- undo ----------------------------------------------------------------------------------


def test_undo_reverts_the_latest_action_of_this_terminal(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob"])
    session.act("leave", name="Bob")
    session.act("hand", name="Ana")
    session.act("hand", name="Bob")  # Bob is back: two events in one action
    outcome = session.act("undo")
    assert outcome.summary == "undid: Bob is on the stack (new point) (back, and marked present again)"
    assert names(session) == ["Ana"]
    assert not session.meeting.is_present("Bob")  # the whole action is undone, not one event of it


def test_undo_again_reverts_the_action_before(session: Session) -> None:
    session.act("attend", names=["Ana", "Bob"])
    session.act("hand", name="Ana")
    session.act("hand", name="Bob")
    session.act("undo")
    session.act("undo")
    assert names(session) == []
    assert session.act("undo").summary == "undid: present: Ana, Bob (2 in all)"  # then their arrival
    assert session.meeting.present == {}
    with pytest.raises(Refused, match="nothing of yours to undo"):
        session.act("undo")


def test_undo_leaves_other_terminals_actions_alone(session: Session, clock: FakeClock) -> None:
    other = terminal(session, Actor("bo", role="facilitator", terminal="op2"))
    other.act("attend", names=["Ana", "Bob"])
    session.act("hand", name="Ana")
    other.act("hand", name="Bob")
    session.act("undo")  # this terminal's latest is Ana's hand, though Bob's came after
    assert names(session) == ["Bob"]
    with pytest.raises(Refused, match="nothing of yours to undo"):
        session.act("undo")
    other.act("undo")
    assert names(other) == []


def test_undo_on_the_command_line_reverts_this_persons_latest_action(session: Session) -> None:
    # Each `facilitator act` is a new process with a new terminal id: the CLI undoes by person.
    session.act("attend", names=["Ana", "Bob"])
    first = terminal(session, Actor("ana", terminal="cli-1"))
    first.act("hand", name="Ana")
    terminal(session, Actor("bo", terminal="cli-2")).act("hand", name="Bob")
    later = terminal(session, Actor("ana", terminal="cli-3"))
    later.act("undo", scope="person")
    assert names(later) == ["Bob"]


def test_a_participant_undoes_only_their_own_actions(session: Session) -> None:
    session.act("attend", names=["Ana", "Bob"])
    ana = terminal(session, Actor("ana", participant="Ana", terminal="cli-1"))
    ana.act("hand", name="Ana")
    terminal(session, Actor("ana", role="stack", terminal="cli-2")).act("hand", name="Bob")
    again = terminal(session, Actor("ana", participant="Ana", terminal="cli-3"))
    again.act("undo", scope="person")
    assert names(again) == ["Bob"]
    with pytest.raises(Refused, match="nothing of yours to undo"):
        again.act("undo", scope="person")


def test_the_opening_of_the_meeting_cannot_be_undone(session: Session) -> None:
    with pytest.raises(Refused, match="nothing of yours to undo"):
        session.act("undo")
    assert session.meeting.title == "General assembly"


def test_undone_actions_never_affect_the_state(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob", "Pat"])
    session.act("hand", name="Ana")
    session.act("hand", name="Bob")
    session.act("next")
    clock.advance(30)
    session.act("hand", name="Pat", kind="process")
    session.act("next")
    clock.advance(10)
    session.act("undo")  # Ana is back on the floor, Pat back on the stack
    assert session.meeting.speaker is not None and session.meeting.speaker.name == "Ana"
    assert names(session) == ["Pat", "Bob"]
    undone = next(iter(session.meeting.undone))
    kept = [e for e in session.events if e["action"] != undone and e["type"] != "undone"]
    assert comparable(state.fold(kept)) == comparable(session.meeting)
    assert comparable(terminal(session, session.actor).meeting) == comparable(session.meeting)


def test_undone_actions_stay_in_the_log_marked_undone(session: Session) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.act("undo")
    lines = [(line.summary, line.undone) for line in session.meeting.log]
    assert lines[1:] == [
        ("present: Ana (1 in all)", False),
        ("Ana is on the stack (new point)", True),
        ("undid: Ana is on the stack (new point)", False),
    ]


def test_undoing_an_action_later_ones_built_on_leaves_a_sensible_meeting(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    other = terminal(session, Actor("bo", role="facilitator", terminal="op2"))
    session.act("hand", name="Ana")
    other.act("next")  # Ana speaks
    clock.advance(10)
    session.act("undo")  # undoes Ana's hand: her turn still happened
    assert session.meeting.speaker is not None and session.meeting.speaker.name == "Ana"
    assert names(session) == []
    clock.advance(10)
    other.act("end")
    assert other.meeting.airtime(clock.now()) == {"Ana": 20}


# ---- --at: actions entered afterwards ------------------------------------------------------


def test_at_records_a_past_time(session: Session, clock: FakeClock) -> None:
    start = clock.now()
    clock.advance(3600)
    session.act("attend", names=["Ana"], at=start + 60)
    session.act("hand", name="Ana", at=start + 60)
    session.act("next", at=start + 120)
    session.act("end", at=start + 200)
    (turn,) = session.meeting.turns.values()
    assert (turn.started_at, turn.ended_at) == (start + 120, start + 200)
    assert [e["ts"] for e in session.events[1:]] == [start + 60] * 2 + [start + 120, start + 200]


def test_at_refuses_a_time_earlier_than_the_last_action(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob"])
    start = clock.now()
    clock.advance(3600)
    session.act("hand", name="Ana", at=start + 600)
    with pytest.raises(Refused, match="earlier than the last recorded action"):
        session.act("hand", name="Bob", at=start + 300)
    session.act("hand", name="Bob", at=start + 600)  # the same moment is fine
    assert names(session) == ["Ana", "Bob"]


def test_at_refuses_a_time_in_the_future(session: Session, clock: FakeClock) -> None:
    with pytest.raises(Refused, match="--at is in the future"):
        session.act("hand", name="Ana", at=clock.now() + 3600)
    assert names(session) == []


def test_after_entering_past_actions_the_meeting_carries_on_in_real_time(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    start = clock.now()
    clock.advance(600)
    session.act("hand", name="Ana", at=start + 60)
    session.act("next", at=start + 100)
    session.act("end")
    (turn,) = session.meeting.turns.values()
    assert turn.spoken(clock.now()) == 500
