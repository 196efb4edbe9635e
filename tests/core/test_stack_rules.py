"""PROCESS.md section 1, the stack: one test (or a few) per rule, named for the rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from facilitator.clock import FakeClock
from facilitator.errors import Refused
from facilitator.meeting.events import Actor
from facilitator.meeting.settings import Settings
from facilitator.meeting.stack import order
from facilitator.session import Session
from facilitator.store import locations, meetings


def stack(session: Session) -> list[tuple[str, str]]:
    return [(p.entry.name, p.entry.kind) for p in order(session.meeting, session.now())]


def names(session: Session) -> list[str]:
    return [p.entry.name for p in order(session.meeting, session.now())]


def reasons(session: Session) -> dict[str, str]:
    return {p.entry.name: p.reason for p in order(session.meeting, session.now())}


def hands(session: Session, clock: FakeClock, *who: str, kind: str = "new", **args: Any) -> None:
    """Each person asks in turn, a few seconds apart."""
    for name in who:
        session.act("hand", name=name, kind=kind, **args)
        clock.advance(5)


def speak(session: Session, clock: FakeClock, name: str, seconds: float, kind: str = "new") -> None:
    """`name` asks, gets the floor (nobody else waiting ahead) and speaks for `seconds`."""
    session.act("hand", name=name, kind=kind)
    session.act("next")
    assert session.meeting.speaker is not None and session.meeting.speaker.name == name
    clock.advance(seconds)
    session.act("end")


def meeting_with(data_root: Path, clock: FakeClock, operator: Actor, settings: Settings) -> Session:
    meeting_id = meetings.create(data_root, "Assembly with settings", operator, clock.now(), settings=settings)
    return Session.open(locations.meeting_file(data_root, meeting_id), operator, clock)


def as_participant(session: Session, name: str) -> Session:
    """The same meeting, from a participant's own terminal (`join` / `act --as`)."""
    return Session.open(session.store.path, Actor("ana", participant=name, terminal="p-" + name), session.clock)


# ---- 1.1 kinds, highest first ----------------------------------------------------------------


def test_1_1_kinds_are_served_process_clarify_response_new(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Zoe", "Nia", "Rui", "Cal", "Pat"])
    speak(session, clock, "Zoe", 30)
    session.act("hand", name="Nia", kind="new")
    session.act("hand", name="Rui", kind="response")
    session.act("hand", name="Cal", kind="clarify")
    session.act("hand", name="Pat", kind="process")
    assert stack(session) == [("Pat", "process"), ("Cal", "clarify"), ("Rui", "response"), ("Nia", "new")]


def test_1_1_the_order_of_kinds_is_configurable_per_meeting(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    session = meeting_with(data_root, clock, operator, Settings(kind_order=("process", "new", "clarify", "response")))
    session.act("attend", names=["Cal", "Nia", "Pat"])
    session.act("hand", name="Cal", kind="clarify")
    session.act("hand", name="Nia", kind="new")
    session.act("hand", name="Pat", kind="process")
    assert names(session) == ["Pat", "Nia", "Cal"]


def test_1_1_an_unknown_kind_is_refused(session: Session) -> None:
    with pytest.raises(Refused, match="unknown kind 'rant'"):
        session.act("hand", name="Ana", kind="rant")
    assert session.meeting.entries == {}


# ---- 1.2 tiers, then first come first served -------------------------------------------------


def test_1_2_new_entry_goes_after_its_tier_and_before_lower_tiers(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob", "Cal", "Dee", "Eve", "Fay"])
    hands(session, clock, "Ana", "Bob")
    session.act("hand", name="Cal", kind="clarify")
    assert names(session) == ["Cal", "Ana", "Bob"]
    session.act("hand", name="Dee", kind="clarify")
    assert names(session) == ["Cal", "Dee", "Ana", "Bob"]
    session.act("hand", name="Eve", kind="process")
    assert names(session) == ["Eve", "Cal", "Dee", "Ana", "Bob"]
    session.act("hand", name="Fay")
    assert names(session) == ["Eve", "Cal", "Dee", "Ana", "Bob", "Fay"]


def test_1_2_within_a_kind_first_come_first_served_by_request_time(
    session: Session, clock: FakeClock, operator: Actor
) -> None:
    # Two terminals on the same meeting: the order is the order of the requests as recorded,
    # whichever terminal's screen showed the stack last.
    session.act("attend", names=["Ana", "Bob", "Cal", "Dee"])
    other = Session.open(session.store.path, Actor("bo", role="facilitator", terminal="op2"), clock)
    session.act("hand", name="Ana")
    clock.advance(3)
    other.act("hand", name="Bob")
    clock.advance(3)
    session.act("hand", name="Cal")
    clock.advance(3)
    other.act("hand", name="Dee")
    assert names(other) == ["Ana", "Bob", "Cal", "Dee"]
    assert session.refresh()
    assert names(session) == ["Ana", "Bob", "Cal", "Dee"]
    asked = [p.entry.asked_at for p in order(session.meeting, clock.now())]
    assert asked == sorted(asked)


def test_1_2_a_request_entered_afterwards_with_its_real_time_keeps_its_place(
    session: Session, clock: FakeClock
) -> None:
    # From paper notes (--at): Bob asked at 16:05, Ana at 16:06; entered in that order later.
    session.act("attend", names=["Bob", "Ana", "Cal"])
    clock.advance(3600)
    session.act("hand", name="Bob", at=1_764_000_300.0)
    session.act("hand", name="Ana", at=1_764_000_360.0)
    session.act("hand", name="Cal")
    assert names(session) == ["Bob", "Ana", "Cal"]
    assert reasons(session)["Bob"] == "asked 16:05"


# ---- 1.3 one waiting entry per kind per person -----------------------------------------------


def test_1_3_a_person_holds_one_waiting_entry_per_kind(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    with pytest.raises(Refused) as refused:
        session.act("hand", name="Ana")
    assert str(refused.value) == "Ana is already on the stack (new point)"
    with pytest.raises(Refused, match="Ana is already on the stack"):
        session.act("hand", name="ANA")  # the same person, whatever the case
    session.act("hand", name="ana", kind="clarify")  # another kind is another entry
    assert stack(session) == [("Ana", "clarify"), ("Ana", "new")]


def test_1_3_a_person_who_is_speaking_may_join_the_stack_again(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    session.act("hand", name="Ana")
    session.act("next")
    session.act("hand", name="Ana")
    assert session.meeting.speaker is not None and session.meeting.speaker.name == "Ana"
    assert stack(session) == [("Ana", "new")]


def test_1_3_after_a_hand_is_served_the_person_may_ask_again(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    speak(session, clock, "Ana", 10)
    session.act("hand", name="Ana")
    assert stack(session) == [("Ana", "new")]


# ---- 1.4 responses -------------------------------------------------------------------------


def test_1_4_a_response_is_refused_when_nobody_has_spoken_on_this_item(session: Session) -> None:
    session.act("attend", names=["Rui"])
    written = session.meeting.last_seq
    with pytest.raises(Refused, match="nobody has spoken yet on this item"):
        session.act("hand", name="Rui", kind="response")
    assert session.meeting.entries == {}
    assert session.meeting.last_seq == written  # nothing of the refused action was written


def test_1_4_a_response_records_the_turn_it_answers(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Rui"])
    session.act("hand", name="Ana")
    session.act("next")
    session.act("hand", name="Rui", kind="response")
    ana = session.meeting.speaker
    assert ana is not None
    (entry,) = session.meeting.waiting()
    assert entry.answers == ana.id
    assert reasons(session) == {"Rui": "responds to Ana"}
    # Rui gets the floor; the turn still says whom it answers.
    session.act("next")
    assert session.meeting.speaker is not None
    assert session.meeting.speaker.name == "Rui" and session.meeting.speaker.answers == ana.id


def test_1_4_with_nobody_on_the_floor_a_response_answers_the_last_turn_to_end(
    session: Session, clock: FakeClock
) -> None:
    session.act("attend", names=["Ana", "Bob", "Rui"])
    speak(session, clock, "Ana", 20)
    speak(session, clock, "Bob", 20)
    session.act("hand", name="Rui", kind="response")
    assert reasons(session) == {"Rui": "responds to Bob"}


def test_1_4_responses_wait_for_the_speaker_then_go_before_new_points(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob", "Cal", "Rui"])
    hands(session, clock, "Ana", "Bob", "Cal")
    session.act("next")  # Ana speaks
    session.act("hand", name="Rui", kind="response")
    assert session.meeting.speaker is not None and session.meeting.speaker.name == "Ana"
    assert names(session) == ["Rui", "Bob", "Cal"]
    session.act("next")
    assert session.meeting.speaker is not None and session.meeting.speaker.name == "Rui"


def test_1_4_a_new_item_has_nobody_to_respond_to(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Rui"])
    session.act("agenda_add", title="Budget")
    speak(session, clock, "Ana", 20)  # on the general stack
    session.act("agenda_start", item="1")
    with pytest.raises(Refused, match="nobody has spoken yet on this item"):
        session.act("hand", name="Rui", kind="response")


# ---- 1.5 progressive stack ------------------------------------------------------------------


def test_1_5_mode_off_is_first_come_first_served_and_says_when_they_asked(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Bob", "Ana"])
    speak(session, clock, "Bob", 60)
    clock.set(1_764_000_000.0 + 19 * 60)  # 16:19
    hands(session, clock, "Bob", "Ana")
    assert names(session) == ["Bob", "Ana"]
    assert reasons(session) == {"Bob": "asked 16:19", "Ana": "asked 16:19"}


def test_1_5_first_time_puts_people_who_have_not_spoken_on_this_item_first(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Bob", "Ana", "Cal"])
    session.act("stack_mode", mode="first-time")
    speak(session, clock, "Bob", 30)
    hands(session, clock, "Bob", "Ana", "Cal")
    assert names(session) == ["Ana", "Cal", "Bob"]
    assert reasons(session) == {"Ana": "first time", "Cal": "first time", "Bob": "spoke before"}


def test_1_5_first_time_counts_this_item_only(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Bob", "Ana"])
    session.act("stack_mode", mode="first-time")
    session.act("agenda_add", title="Budget")
    speak(session, clock, "Bob", 30)  # on the general stack, before the item
    session.act("agenda_start", item="1")
    hands(session, clock, "Bob", "Ana")
    assert names(session) == ["Bob", "Ana"]
    assert reasons(session)["Bob"] == "first time"


def test_1_5_least_airtime_orders_new_points_by_speaking_time_in_the_meeting(
    session: Session, clock: FakeClock
) -> None:
    session.act("attend", names=["Ana", "Bob", "Cal"])
    speak(session, clock, "Ana", 100)
    speak(session, clock, "Bob", 40)
    session.act("stack_mode", mode="least-airtime")
    hands(session, clock, "Ana", "Bob", "Cal")
    assert names(session) == ["Cal", "Bob", "Ana"]
    assert reasons(session) == {"Cal": "0:00 so far", "Bob": "0:40 so far", "Ana": "1:40 so far"}


def test_1_5_least_airtime_moves_with_the_clock_while_someone_waiting_speaks(
    session: Session, clock: FakeClock
) -> None:
    session.act("attend", names=["Bob", "Ana"])
    session.act("stack_mode", mode="least-airtime")
    speak(session, clock, "Bob", 40)
    session.act("hand", name="Ana")
    session.act("next")  # Ana speaks, and asks again while she has the floor
    session.act("hand", name="Ana")
    session.act("hand", name="Bob")
    clock.advance(10)
    assert names(session) == ["Ana", "Bob"]
    assert reasons(session) == {"Ana": "0:10 so far", "Bob": "0:40 so far"}
    clock.advance(60)  # no event in between: the order and its reasons follow the clock alone
    assert names(session) == ["Bob", "Ana"]
    assert reasons(session) == {"Bob": "0:40 so far", "Ana": "1:10 so far"}


def test_1_5_step_up_requests_go_first_and_the_mark_belongs_to_that_request(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob", "Cal"])
    session.act("stack_mode", mode="step-up")
    hands(session, clock, "Ana", "Bob")
    session.act("hand", name="Cal", step_up=True)
    assert names(session) == ["Cal", "Ana", "Bob"]
    assert reasons(session)["Cal"] == "step up"
    assert reasons(session)["Ana"].startswith("asked ")
    session.act("next")  # Cal speaks
    clock.advance(30)
    session.act("end")
    session.act("hand", name="Cal")  # asks again, without the mark
    assert names(session) == ["Ana", "Bob", "Cal"]
    assert not any(p.entry.step_up for p in order(session.meeting, clock.now()))


def test_1_5_step_up_is_a_participants_own_choice_from_their_terminal(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Cal"])
    session.act("stack_mode", mode="step-up")
    session.act("hand", name="Ana")
    as_participant(session, "Cal").act("hand", name="Cal", step_up=True)
    session.refresh()
    assert names(session) == ["Cal", "Ana"]


def test_1_5_the_step_up_mark_is_never_kept_in_the_roster(session: Session, clock: FakeClock, data_root: Path) -> None:
    session.act("attend", names=["Cal"])
    session.act("hand", name="Cal", step_up=True)
    roster = locations.index_file(data_root).read_text(encoding="utf-8")
    assert "step" not in roster


def test_1_5_progressive_modes_only_reorder_new_points_and_never_remove_anyone(
    session: Session, clock: FakeClock
) -> None:
    session.act("attend", names=["Ana", "Bob", "Rui", "Pat", "Cal", "Dee"])
    speak(session, clock, "Ana", 100)
    session.act("hand", name="Ana")
    session.act("hand", name="Bob", step_up=True)
    session.act("hand", name="Rui", kind="response")
    session.act("hand", name="Pat", kind="process")
    session.act("hand", name="Cal", kind="clarify")
    session.act("hand", name="Dee")
    for mode in ("first-time", "least-airtime", "step-up", "off"):
        session.act("stack_mode", mode=mode)
        served = stack(session)
        assert served[:3] == [("Pat", "process"), ("Cal", "clarify"), ("Rui", "response")]
        assert sorted(served[3:]) == [("Ana", "new"), ("Bob", "new"), ("Dee", "new")]
        assert all(reason for reason in reasons(session).values())


def test_1_5_ties_keep_request_order(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Dee", "Ana", "Cal", "Bob"])
    session.act("stack_mode", mode="least-airtime")
    hands(session, clock, "Dee", "Ana", "Cal", "Bob")
    assert names(session) == ["Dee", "Ana", "Cal", "Bob"]
    session.act("stack_mode", mode="first-time")
    assert names(session) == ["Dee", "Ana", "Cal", "Bob"]


def test_1_5_an_unknown_mode_or_the_same_mode_is_refused(session: Session) -> None:
    with pytest.raises(Refused, match="unknown progressive mode 'loudest'"):
        session.act("stack_mode", mode="loudest")
    with pytest.raises(Refused, match="already off"):
        session.act("stack_mode", mode="off")


def test_1_5_the_mode_comes_from_the_meetings_settings(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    session = meeting_with(data_root, clock, operator, Settings(mode="first-time"))
    assert session.meeting.mode == "first-time"


# ---- 1.6 no one twice in a row (optional) ---------------------------------------------------


def test_1_6_no_twice_in_row_lets_someone_else_speak_first(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    session = meeting_with(data_root, clock, operator, Settings(no_twice_in_row=True))
    session.act("attend", names=["Ana", "Bob"])
    session.act("hand", name="Ana")
    session.act("next")
    hands(session, clock, "Ana", "Bob")
    assert names(session) == ["Bob", "Ana"]
    assert reasons(session)["Ana"] == "spoke last"
    session.act("next")
    assert session.meeting.speaker is not None and session.meeting.speaker.name == "Bob"


def test_1_6_no_twice_in_row_when_nobody_else_waits_they_may_speak_again(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    session = meeting_with(data_root, clock, operator, Settings(no_twice_in_row=True))
    session.act("attend", names=["Ana"])
    speak(session, clock, "Ana", 10)
    session.act("hand", name="Ana")
    session.act("next")
    assert session.meeting.speaker is not None and session.meeting.speaker.name == "Ana"


def test_1_6_without_the_setting_a_person_may_speak_twice_in_a_row(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob"])
    session.act("hand", name="Ana")
    session.act("next")
    hands(session, clock, "Ana", "Bob")
    assert names(session) == ["Ana", "Bob"]


# ---- 1.7 lower, remove, move ----------------------------------------------------------------


def test_1_7_a_person_may_lower_their_own_hand(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob"])
    hands(session, clock, "Ana", "Bob")
    ana = as_participant(session, "Ana")
    outcome = ana.act("lower", name="Ana")
    assert outcome.summary == "Ana lowered their hand (new point)"
    session.refresh()
    assert names(session) == ["Bob"]
    assert ana.events[-1]["data"]["removed"] is False


def test_1_7_a_participant_cannot_lower_someone_elses_hand(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob"])
    hands(session, clock, "Ana", "Bob")
    with pytest.raises(Refused, match="Ana can only act for themself, not for Bob"):
        as_participant(session, "Ana").act("lower", name="Bob")
    session.refresh()
    assert names(session) == ["Ana", "Bob"]


def test_1_7_the_stack_keeper_may_remove_anyone(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob"])
    hands(session, clock, "Ana", "Bob")
    outcome = session.act("lower", name="bob")
    assert outcome.summary == "Bob taken off the stack by stack (new point)"
    assert session.events[-1]["data"]["removed"] is True
    assert names(session) == ["Ana"]


def test_1_7_lowering_asks_which_kind_when_a_person_has_several(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob"])
    session.act("hand", name="Ana")
    session.act("hand", name="Ana", kind="clarify")
    with pytest.raises(Refused, match="more than once"):
        session.act("lower", name="Ana")
    session.act("lower", name="Ana", kind="clarify")
    assert stack(session) == [("Ana", "new")]
    with pytest.raises(Refused, match="Bob is not on the stack"):
        session.act("lower", name="Bob")


def test_1_7_a_manual_move_is_recorded_and_shown_as_moved_by_role(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob", "Cal", "Dee"])
    hands(session, clock, "Ana", "Bob", "Cal")
    outcome = session.act("move", name="Cal", position=1)
    assert outcome.summary == "Cal moved to 1st by the stack keeper"
    assert names(session) == ["Cal", "Ana", "Bob"]
    assert reasons(session)["Cal"] == "moved by the stack keeper"
    assert session.meeting.log[-1].summary == "Cal moved to 1st by the stack keeper"
    assert session.meeting.log[-1].author == "ana, stack"
    # The move holds as others join, and survives a reopen (it is an event, like any other).
    session.act("hand", name="Dee")
    assert names(session) == ["Cal", "Ana", "Bob", "Dee"]
    reopened = Session.open(session.store.path, session.actor, clock)
    assert names(reopened) == ["Cal", "Ana", "Bob", "Dee"]


def test_1_7_a_move_to_the_end_and_into_the_middle(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob", "Cal", "Dee"])
    hands(session, clock, "Ana", "Bob", "Cal", "Dee")
    session.act("move", name="Ana", position=4)
    assert names(session) == ["Bob", "Cal", "Dee", "Ana"]
    session.act("move", name="Dee", position=2)
    assert names(session) == ["Bob", "Dee", "Cal", "Ana"]
    session.act("lower", name="Cal")
    assert names(session) == ["Bob", "Dee", "Ana"]


def test_1_7_every_move_lands_where_it_was_asked_even_after_earlier_moves(session: Session, clock: FakeClock) -> None:
    # Found by hand: replaying only each entry's latest move put D 2nd when asked for 5th.
    session.act("attend", names=["A", "B", "C", "D", "E"])
    hands(session, clock, "A", "B", "C", "D", "E")
    session.act("move", name="C", position=4)
    assert names(session) == ["A", "B", "D", "C", "E"]
    session.act("move", name="E", position=1)
    assert names(session) == ["E", "A", "B", "D", "C"]
    session.act("move", name="D", position=5)
    assert names(session) == ["E", "A", "B", "C", "D"]
    session.act("move", name="E", position=3)
    assert names(session) == ["A", "B", "E", "C", "D"]
    assert names(Session.open(session.store.path, session.actor, clock)) == ["A", "B", "E", "C", "D"]


def test_1_7_a_point_of_process_still_goes_before_someone_moved_to_the_top(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob", "Pat"])
    hands(session, clock, "Ana", "Bob")
    session.act("move", name="Bob", position=1)
    session.act("hand", name="Pat", kind="process")
    assert names(session) == ["Pat", "Bob", "Ana"]


def test_1_7_a_manual_move_overrides_no_twice_in_row(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    session = meeting_with(data_root, clock, operator, Settings(no_twice_in_row=True))
    session.act("attend", names=["Ana", "Bob"])
    session.act("hand", name="Ana")
    session.act("next")
    hands(session, clock, "Ana", "Bob")
    assert names(session) == ["Bob", "Ana"]
    session.act("move", name="Ana", position=1)
    assert names(session) == ["Ana", "Bob"]
    assert reasons(session)["Ana"] == "moved by the stack keeper"


def test_1_7_a_move_off_the_stack_is_refused(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob", "Cal"])
    hands(session, clock, "Ana", "Bob")
    for position in (0, 3, -1):
        with pytest.raises(Refused, match="choose 1 to 2"):
            session.act("move", name="Ana", position=position)
    with pytest.raises(Refused, match="Cal is not on the stack"):
        session.act("move", name="Cal", position=1)
    assert names(session) == ["Ana", "Bob"]


def test_1_7_a_participant_cannot_move_anyone(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob"])
    hands(session, clock, "Ana", "Bob")
    with pytest.raises(Refused, match="can only raise or lower their own hand"):
        as_participant(session, "Bob").act("move", name="Bob", position=1)


# ---- 1.8 closing the stack -------------------------------------------------------------------


def test_1_8_a_closed_stack_refuses_new_points_from_participants(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    session.act("stack_close")
    with pytest.raises(Refused, match="the stack is closed to new points"):
        as_participant(session, "Ana").act("hand", name="Ana")
    session.refresh()
    assert names(session) == []


def test_1_8_the_operator_can_still_add_to_a_closed_stack(session: Session, clock: FakeClock) -> None:
    # Only on purpose and on record: a plain hand is refused on the operator's terminal too.
    session.act("attend", names=["Ana"])
    session.act("stack_close")
    with pytest.raises(Refused, match="the stack is closed to new points"):
        session.act("hand", name="Ana")
    outcome = session.act("hand", name="Ana", late=True)
    assert outcome.summary == "Ana is on the stack (new point, added late: the stack is closed)"
    assert names(session) == ["Ana"]
    assert reasons(session)["Ana"] == "added late"


def test_1_8_points_of_process_are_always_accepted(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Pat"])
    session.act("stack_close")
    as_participant(session, "Pat").act("hand", name="Pat", kind="process")
    session.refresh()
    assert stack(session) == [("Pat", "process")]


def test_1_8_reopening_restores_normal_service(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    session.act("stack_close")
    with pytest.raises(Refused, match="already closed"):
        session.act("stack_close")
    session.act("stack_open")
    with pytest.raises(Refused, match="already open"):
        session.act("stack_open")
    as_participant(session, "Ana").act("hand", name="Ana")
    session.refresh()
    assert names(session) == ["Ana"]


# ---- 1.9 a stack per agenda item -------------------------------------------------------------


def test_1_9_before_any_item_there_is_one_general_stack(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob"])
    hands(session, clock, "Ana", "Bob")
    session.act("next")
    assert session.meeting.item is None
    assert session.meeting.speaker is not None and session.meeting.speaker.name == "Ana"


def test_1_9_each_agenda_item_has_its_own_stack(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob"])
    session.act("agenda_add", title="Budget")
    session.act("agenda_add", title="Garden")
    session.act("agenda_start", item="1")
    hands(session, clock, "Ana")
    session.act("agenda_done", carry=False)
    session.act("agenda_start", item="2")
    assert names(session) == []
    hands(session, clock, "Bob")
    assert names(session) == ["Bob"]


def test_1_9_moving_on_with_people_waiting_asks_carry_or_clear(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob"])
    session.act("agenda_add", title="Budget")
    session.act("agenda_add", title="Garden")
    session.act("agenda_start", item="1")
    hands(session, clock, "Ana", "Bob")
    with pytest.raises(Refused, match="2 still waiting on this stack: carry them over or clear the stack"):
        session.act("agenda_start", item="2")
    with pytest.raises(Refused, match="2 still waiting"):
        session.act("agenda_done")
    assert session.meeting.item is not None and session.meeting.items[session.meeting.item].title == "Budget"


def test_1_9_carry_over_keeps_the_waiting_in_their_order(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob", "Cal"])
    session.act("agenda_add", title="Budget")
    session.act("agenda_add", title="Garden")
    session.act("agenda_start", item="1")
    hands(session, clock, "Ana", "Bob")
    session.act("hand", name="Cal", kind="clarify")
    session.act("agenda_start", item="2", carry=True)
    assert names(session) == ["Cal", "Ana", "Bob"]
    assert session.meeting.items[session.meeting.item or 0].title == "Garden"


def test_1_9_clear_empties_the_stack(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana", "Bob"])
    session.act("agenda_add", title="Budget")
    session.act("agenda_start", item="1")
    hands(session, clock, "Ana", "Bob")
    session.act("agenda_done", carry=False)
    assert session.meeting.item is None
    assert names(session) == []
    assert session.meeting.entries == {}


def test_1_9_a_new_item_starts_with_an_open_stack_and_nobody_speaking(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Ana"])
    session.act("agenda_add", title="Budget")
    hands(session, clock, "Ana")
    session.act("next")
    session.act("stack_close")
    session.act("agenda_start", item="1")
    assert session.meeting.speaker is None
    assert not session.meeting.stack_closed
    ana = session.meeting.turns[max(session.meeting.turns)]
    assert ana.ended_at is not None
