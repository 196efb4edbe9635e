"""Issue 16, "the record can be trusted": a rule a test, in the core, on real meeting files.

Entering a meeting from paper notes (--at), beginning and adjourning, names that match nobody,
decisions under the meeting's own rule and its fallback, every stated position in the minutes,
counts that cannot be right, and a closed stack for every terminal alike.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from facilitator import templates
from facilitator.clock import FakeClock
from facilitator.errors import Refused
from facilitator.meeting.events import Actor
from facilitator.meeting.settings import Settings
from facilitator.meeting.when import parse_when
from facilitator.minutes.document import minutes_markdown
from facilitator.session import Session
from facilitator.store import locations, meetings

PEOPLE = ["Ana Lima", "Ivan Petrov", "Ben Okoro", "Carla Diaz"]


def opened(data_root: Path, clock: FakeClock, operator: Actor, **settings: object) -> Session:
    meeting_id = meetings.create(data_root, "Assembly", operator, clock.now(), settings=Settings(**settings))  # type: ignore[arg-type]
    return Session.open(locations.meeting_file(data_root, meeting_id), operator, clock)


def stored(session: Session) -> int:
    return len(Session.open(session.store.path, session.actor, session.clock).events)


def refused(session: Session, action: str, **args: object) -> str:
    """The refusal's one line; and nothing was written."""
    before = stored(session)
    with pytest.raises(Refused) as err:
        session.act(action, **args)
    assert stored(session) == before
    return str(err.value)


# ---- 1. a meeting entered afterwards, from paper notes --------------------------------------


def test_a_meeting_created_today_for_yesterday_takes_actions_at_yesterdays_times(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    yesterday = dt.date.fromtimestamp(clock.now() - 86400).isoformat()
    meeting_id = templates.create(data_root, "general-assembly", "GA", operator, clock.now(), date=yesterday)
    session = Session.open(locations.meeting_file(data_root, meeting_id), operator, clock)
    at_seven = parse_when("19:00", session.meeting.date)
    assert dt.datetime.fromtimestamp(at_seven).date().isoformat() == yesterday  # HH:MM is on the meeting's day
    session.act("attend", at=at_seven, names=PEOPLE)  # creating it (and its template's agenda) is not an action
    session.act("begin", at=at_seven + 60)
    session.act("agenda_start", at=at_seven + 120, item="1")
    assert session.meeting.begun_at == at_seven + 60
    assert "- **Time:** from 19:01" in minutes_markdown(session.meeting)


def test_at_is_refused_before_the_meetings_date_in_the_future_and_out_of_order(session: Session) -> None:
    date = session.meeting.date
    assert "before the meeting's date" in refused(
        session, "attend", at=parse_when(f"{date}T00:00", date) - 60, names=["A"]
    )
    assert "in the future" in refused(session, "attend", at=session.now() + 3600, names=["A"])
    session.act("attend", at=session.now() - 600, names=["Ana Lima"])
    message = refused(session, "attend", at=session.now() - 1200, names=["Ben"])
    assert message.startswith("--at is earlier than the last recorded action (")


# ---- 2. the meeting begins and is adjourned -------------------------------------------------


def test_begin_opens_the_meeting_once_and_the_first_item_or_turn_opens_it_too(
    session: Session, clock: FakeClock
) -> None:
    session.act("attend", names=PEOPLE)
    assert session.meeting.begun_at is None
    session.act("hand", name="Ana Lima")
    clock.advance(30)
    session.act("next")
    assert session.meeting.begun_at == clock.now()
    assert refused(session, "begin").startswith("the meeting began at")


def test_adjourn_ends_the_turn_finishes_the_item_clears_the_stack_and_closes_the_check(
    session: Session, clock: FakeClock
) -> None:
    session.act("attend", names=PEOPLE)
    session.act("agenda_add", title="Boiler")
    session.act("agenda_start", item="1")
    session.act("hand", name="Ana Lima")
    session.act("hand", name="Ben Okoro")
    session.act("next")
    session.act("check_start", scale="twinkles")
    clock.advance(600)
    outcome = session.act("adjourn")
    meeting = session.meeting
    assert outcome.summary.startswith("the meeting is adjourned at ")
    assert "1 still waiting taken off the stack" in outcome.summary
    assert meeting.adjourned_at == clock.now()
    assert meeting.speaker is None and meeting.item is None and not meeting.waiting()
    assert meeting.items[min(meeting.items)].status == "done"
    assert not meeting.checks[0].open


def test_after_adjourning_only_the_record_is_kept_and_reopen_undoes_it_on_record(session: Session) -> None:
    session.act("attend", names=PEOPLE)
    session.act("begin")
    session.act("adjourn")
    for action, args in (
        ("hand", {"name": "Ana Lima"}),
        ("attend", {"names": ["Zoe"]}),
        ("agenda_add", {"title": "x"}),
    ):
        assert "reopen" in refused(session, action, **args)
    session.act("note", text="Thanks to the kitchen crew")
    session.act("action", text="Send the minutes", owners=["Ana Lima"])
    session.act("next_meeting", date="2026-01-05")
    session.act("reopen")
    assert session.meeting.adjourned_at is None
    session.act("hand", name="Ana Lima")
    assert "reopened" in session.meeting.log[-2].summary


def test_the_minutes_run_from_the_opening_to_the_adjournment(session: Session, clock: FakeClock) -> None:
    clock.advance(180)  # created at 16:00, begun at 16:03
    session.act("attend", names=PEOPLE)
    session.act("begin")
    clock.advance(105 * 60)
    text = minutes_markdown(session.meeting)
    assert "- **Time:** from 16:03 (still in progress when these minutes were made, at 16:03)" in text
    session.act("adjourn")
    clock.advance(600)
    session.act("note", text="written up afterwards")
    text = minutes_markdown(session.meeting)
    assert "- **Time:** 16:03 to 17:48\n" in text
    assert "in progress" not in text


def test_undoing_the_adjournment_brings_the_meeting_back(session: Session) -> None:
    session.act("attend", names=PEOPLE)
    session.act("begin")
    session.act("adjourn")
    session.act("undo")
    assert session.meeting.adjourned_at is None


# ---- 3. names that match nobody ----------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "args"),
    [
        ("hand", {"name": "Iv"}),
        ("lower", {"name": "Iv"}),
        ("move", {"name": "Iv", "position": 1}),
        ("leave", {"name": "Iv"}),
        ("role", {"role": "facilitator", "name": "Iv"}),
        ("block", {"proposal": "P1", "name": "Iv", "reason": "no"}),
        ("stand_aside", {"proposal": "P1", "name": "Iv"}),
        ("agree", {"proposal": "P1", "names": ["Ana Lima", "Iv"]}),
        ("check_vote", {"name": "Iv", "option": "up"}),
        ("amend", {"proposal": "P1", "by": "Iv", "text": "Another text"}),
        ("propose", {"title": "T", "text": "x", "by": ["Iv"]}),
    ],
)
def test_a_name_that_matches_nobody_is_refused_with_the_closest_names(
    session: Session, action: str, args: dict[str, object]
) -> None:
    session.act("attend", names=PEOPLE)
    session.act("propose", title="Boiler", text="Replace the boiler", by=["Ana Lima"])
    session.act("test", proposal="P1")
    session.act("check_start", scale="twinkles")
    present = len(session.meeting.present)
    message = refused(session, action, **args)
    assert message == "nobody called Iv is here: did you mean Ivan Petrov? A newcomer is added with `attend Iv`"
    assert len(session.meeting.present) == present


def test_names_match_whatever_the_case_and_the_spaces_and_someone_who_left_comes_back(session: Session) -> None:
    session.act("attend", names=PEOPLE)
    outcome = session.act("role", role="facilitator", name="  ana   LIMA ")
    assert session.meeting.roles["facilitator"] == "Ana Lima"
    assert outcome.summary == "Facilitator: Ana Lima"
    session.act("leave", name="Ben Okoro")
    outcome = session.act("hand", name="ben okoro")
    assert outcome.summary == "Ben Okoro is on the stack (new point) (back, and marked present again)"
    assert session.meeting.is_present("Ben Okoro")


def test_attend_is_the_one_way_in_and_a_newcomer_is_named_as_typed(session: Session) -> None:
    session.act("attend", names=["Ana Lima"])
    assert "nobody called Ana is here: did you mean Ana Lima?" in refused(session, "role", role="time", name="Ana")
    session.act("attend", names=["Ana"])  # a second Ana, on purpose
    assert list(session.meeting.present.values()) == ["Ana Lima", "Ana"]


def test_an_action_items_owner_may_be_someone_absent(session: Session) -> None:
    session.act("action", text="Call the plumber", owners=["The treasurer"])
    assert session.meeting.actions[0].owners == ["The treasurer"]
    assert not session.meeting.present


# ---- 4. decisions under the meeting's own rule ---------------------------------------------


def final_test(session: Session, blocks: int = 1, agree: int = 8) -> None:
    session.act("attend", names=[*PEOPLE, "Dan", "Eve", "Finn", "Gia", "Hal"])  # nine in the room
    session.act("propose", title="Boiler", text="Replace the boiler", by=["Ana Lima"])
    session.act("test", proposal="P1")
    if blocks:
        session.act("block", proposal="P1", name="Ivan Petrov", reason="allergies")
    if blocks > 1:
        session.act("block", proposal="P1", count=blocks - 1)
    session.act("agree", proposal="P1", count=agree)


def test_decide_applies_the_meetings_rule_and_refuses_any_other(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    session = opened(data_root, clock, operator, fallback_rule="supermajority:0.9")
    final_test(session)
    message = refused(session, "decide", proposal="P1", rule="majority")
    assert "the meeting's rule, consensus" in message
    assert "supermajority:0.9" in message and "decision-rule" in message
    assert "only once that rule has failed" in refused(session, "decide", proposal="P1", rule="supermajority:0.9")
    outcome = session.act("decide", proposal="P1", rule="Consensus")
    assert outcome.summary.startswith("P1: 1 block (consensus allows none): blocked; the fallback is supermajority:0.9")


def test_the_fallback_is_the_second_stage_of_the_same_decision(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    session = opened(data_root, clock, operator, fallback_rule="supermajority:0.9")
    final_test(session, blocks=1, agree=8)
    session.act("decide", proposal="P1")
    assert "no other rule" in refused(session, "decide", proposal="P1", rule="majority")
    outcome = session.act("decide", proposal="P1")
    assert outcome.summary == "P1: fallback, supermajority:0.9: 8 of 9 agree = 88.9% < 90%: failed"
    decision = session.meeting.proposals["P1"].decision
    assert decision is not None
    assert [(s.rule, s.outcome) for s in decision.stages] == [("consensus", "blocked"), ("supermajority:0.9", "failed")]
    text = minutes_markdown(session.meeting)
    assert (
        "  - Consensus: blocked (Ivan Petrov: allergies). Fallback, 9/10 supermajority: "
        "8 of 9 agree = 88.9% \\< 90%: failed.\n" in text
    )
    assert "  - Blocks: Ivan Petrov: allergies\n" in text  # the consensus block stays a block
    assert "already decided" in refused(session, "decide", proposal="P1")


def test_the_fallback_in_force_when_the_rule_failed_is_the_one_applied(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    session = opened(data_root, clock, operator, fallback_rule="majority")
    final_test(session, blocks=1, agree=8)
    session.act("decide", proposal="P1")
    session.act("decision_rule", rule="consensus", fallback="none", reason="back to plain consensus")
    outcome = session.act("decide", proposal="P1")
    assert outcome.summary == "P1: fallback, majority: 8 agree > 1 against: passed (majority)"


def test_without_a_fallback_a_blocked_decision_is_final(session: Session) -> None:
    final_test(session)
    session.act("decide", proposal="P1")
    assert session.meeting.proposals["P1"].status == "blocked"
    assert "already decided" in refused(session, "decide", proposal="P1")


def test_decision_rule_changes_the_rule_on_record_before_a_final_test(session: Session) -> None:
    session.act("attend", names=PEOPLE)
    assert "say why" in refused(session, "decision_rule", rule="majority", reason=" ")
    outcome = session.act("decision_rule", rule="minus-1", fallback="supermajority:0.75", reason="a big group today")
    assert outcome.summary == (
        "decision rule: minus-1, then supermajority:0.75 (was consensus); reason: a big group today"
    )
    assert (session.meeting.rule, session.meeting.fallback_rule) == ("minus-1", "supermajority:0.75")
    session.act("propose", title="Boiler", text="Replace the boiler", by=["Ana Lima"])
    session.act("test", proposal="P1")
    assert "no rule is picked after seeing the counts" in refused(
        session, "decision_rule", rule="majority", reason="we want this to pass"
    )
    session.act("block", proposal="P1", name="Ivan Petrov", reason="allergies")
    assert session.act("decide", proposal="P1").summary.startswith("P1: 1 block <= 1 allowed (minus-1): passed")
    text = minutes_markdown(session.meeting)
    assert "- **Decision rule changed** at 16:00: consensus minus 1 (passes with at most 1 block)" in text
    assert "Reason: a big group today" in text


def test_an_unknown_rule_or_the_same_rule_is_refused(session: Session) -> None:
    assert "unknown decision rule" in refused(session, "decision_rule", rule="vibes", reason="x")
    assert "already consensus" in refused(session, "decision_rule", rule="consensus", reason="x")
    assert "cannot be the rule itself" in refused(
        session, "decision_rule", rule="majority", fallback="majority", reason="x"
    )


# ---- 5. the minutes keep every position and lose the noise ---------------------------------


def test_a_proposal_tabled_after_stated_blocks_keeps_them_in_the_minutes(session: Session) -> None:
    session.act("attend", names=[*PEOPLE, "Dan Ruiz"])
    session.act("leave", name="Dan Ruiz")  # gone before the decision: not among those present at it
    session.act("propose", title="Boiler", text="Replace the boiler", by=["Ana Lima"])
    session.act("test", proposal="P1")
    session.act("block", proposal="P1", name="Ivan Petrov", reason="allergies")
    session.act("block", proposal="P1", name="Ben Okoro", reason="the cost")
    session.act("stand_aside", proposal="P1", name="Carla Diaz", reason="away in May")
    session.act("decide", proposal="P1", outcome="tabled", reason="more quotes needed")
    text = minutes_markdown(session.meeting)
    assert "  - No count was taken\n" in text
    assert "  - Positions stated: 0 agree, 2 blocks, 1 standing aside\n" in text
    assert "  - Blocks: Ivan Petrov: allergies; Ben Okoro: the cost\n" in text
    assert "  - Stand-asides: Carla Diaz: away in May\n" in text
    assert "  - Present: 4 (Ana Lima, Ivan Petrov, Ben Okoro, Carla Diaz); no quorum set\n" in text


def test_the_minutes_name_the_terminals_role_never_the_os_user(data_root: Path, clock: FakeClock) -> None:
    session = opened(data_root, clock, Actor("root", role="facilitator", terminal="t1"))
    final_test(session, blocks=0, agree=4)
    session.act("decide", proposal="P1")
    text = minutes_markdown(session.meeting)
    assert "- Decision: **passed (consensus)**, 16:00, recorded by the facilitator\n" in text
    assert "root" not in text
    bare = opened(data_root, clock, Actor("root", terminal="t2"))
    final_test(bare, blocks=0, agree=4)
    bare.act("decide", proposal="P1")
    assert "- Decision: **passed (consensus)**, 16:00\n" in minutes_markdown(bare.meeting)


def test_a_manual_move_says_the_role_that_moved_it(data_root: Path, clock: FakeClock) -> None:
    session = opened(data_root, clock, Actor("root", role="stack", terminal="t1"))
    session.act("attend", names=PEOPLE)
    session.act("hand", name="Ana Lima")
    session.act("hand", name="Ben Okoro")
    outcome = session.act("move", name="Ben Okoro", position=1)
    assert outcome.summary == "Ben Okoro moved to 1st by the stack keeper"
    from facilitator.meeting.stack import order

    assert order(session.meeting, clock.now())[0].reason == "moved by the stack keeper"


def test_a_fist_to_five_zero_is_not_called_a_block(session: Session) -> None:
    session.act("attend", names=PEOPLE)
    session.act("check_start", scale="fist-to-five", question="How do we feel?")
    session.act("check_count", option="0", count=1)
    session.act("check_close")
    text = minutes_markdown(session.meeting)
    assert "0 opposed: 1" in text
    assert "block" not in text.split("## Attendance")[1]


# ---- 7. counts that cannot be right --------------------------------------------------------


def test_counting_more_hands_than_people_present_is_accepted_with_a_warning(session: Session) -> None:
    session.act("attend", names=["Ana Lima", "Ben Okoro", "Carla Diaz"])
    session.act("check_start", scale="twinkles")
    session.act("check_count", option="up", count=3)
    outcome = session.act("check_count", option="down", count=4)
    assert outcome.summary.endswith(" — warning: 7 counted, 3 present")
    session.act("propose", title="Boiler", text="Replace the boiler", by=["Ana Lima"])
    session.act("test", proposal="P1")
    assert session.act("agree", proposal="P1", count=3).summary.endswith("agreeing")
    assert session.act("block", proposal="P1", count=2).summary.endswith(" — warning: 5 counted, 3 present")
    assert session.act("decide", proposal="P1").summary.endswith(" — warning: 5 counted, 3 present")


# ---- 8. a closed stack refuses new points from every terminal alike ---------------------------


def test_a_closed_stack_refuses_a_new_point_from_the_operator_and_a_participant_alike(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    session = opened(data_root, clock, operator)
    session.act("attend", names=PEOPLE)
    session.act("stack_close")
    participant = Session.open(session.store.path, Actor("ivan", participant="Ivan Petrov", terminal="p1"), clock)
    said = {refused(session, "hand", name="Ana Lima"), refused(participant, "hand", name="Ivan Petrov")}
    assert said == {"the stack is closed to new points (points of process are still welcome)"}
    session.act("hand", name="Ben Okoro", kind="process")
    participant.act("hand", name="Ivan Petrov", kind="process")
    assert "made by the operator" in refused(participant, "hand", name="Ivan Petrov", late=True)
    outcome = session.act("hand", name="Ana Lima", late=True)
    assert outcome.summary == "Ana Lima is on the stack (new point, added late: the stack is closed)"
    from facilitator.meeting.stack import order

    assert [(p.entry.name, p.reason) for p in order(session.meeting, clock.now())][-1] == ("Ana Lima", "added late")
    session.act("stack_open")
    assert session.act("hand", name="Carla Diaz").summary == "Carla Diaz is on the stack (new point)"
    assert "a late addition is for a new point while the stack is closed" in refused(
        session, "hand", name="Ivan Petrov", late=True
    )
