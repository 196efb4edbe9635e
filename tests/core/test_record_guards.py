"""Tests that hold the record (issue 16, point 10): three bugs planted in the core went through the
suite, and each wrote a wrong record without a word. Each test here was seen to fail on its bug:

- the supermajority compared with > instead of >= (decision_rules.decide): a vote exactly at the
  threshold failed ("9 of 10 agree = 90.0%" under 9/10);
- the quorum counted against everyone who ever attended (meeting.people), not those present;
- an ambiguous passage replaced at its first occurrence (wording.apply_amendment, passage_check),
  at `amend`, at `accept`, and when an undo on another terminal refolds the proposal.

Every case is a fixed one at the edge, through the pure rule and through the command path on a
real meeting file, with the outcome read back from what was written.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from facilitator.clock import FakeClock
from facilitator.errors import Refused
from facilitator.meeting import state
from facilitator.meeting.decision_rules import Counts, decide, parse_rule
from facilitator.meeting.events import Actor
from facilitator.meeting.settings import Settings
from facilitator.meeting.wording import apply_amendment, occurrences
from facilitator.minutes.document import minutes_markdown
from facilitator.session import Session
from facilitator.store import locations, meetings
from facilitator.store.meeting_file import MeetingStore

TEXT = "We paint the bike shed blue."
TEN = ["Ana", "Ben", "Carla", "Dan", "Eve", "Fay", "Gus", "Hal", "Ivo", "Jo"]


def meeting_with(data_root: Path, clock: FakeClock, operator: Actor, **settings: Any) -> Session:
    meeting_id = meetings.create(data_root, "Record guards", operator, clock.now(), settings=Settings(**settings))
    return Session.open(locations.meeting_file(data_root, meeting_id), operator, clock)


def reread(session: Session) -> Session:
    """The meeting as a later process reads it from disk."""
    return Session.open(session.store.path, Actor("auditor", terminal="audit"), FakeClock(session.now()))


def stored_decision(session: Session) -> dict[str, Any]:
    """The data of the one `decided` event in the file."""
    decided = [e["data"] for e in MeetingStore(session.store.path).load() if e["type"] == "decided"]
    assert len(decided) == 1
    data: dict[str, Any] = decided[0]
    return data


# ---- 1. a supermajority is reached AT its threshold (>=, not >) -------------------------------


@pytest.mark.parametrize(
    ("rule", "agree", "block", "stand_aside", "counted", "arithmetic"),
    [
        ("supermajority:0.9", 9, 1, 0, False, "9 of 10 agree = 90.0% >= 90%: passed"),
        ("supermajority:0.9", 90, 10, 3, False, "90 of 100 agree = 90.0% >= 90%: passed"),
        ("supermajority:0.9", 9, 0, 1, True, "9 of 10 agree (stand-asides counted) = 90.0% >= 90%: passed"),
        ("supermajority:1", 10, 0, 0, False, "10 of 10 agree = 100.0% >= 100%: passed"),
        ("supermajority:1", 1, 0, 0, False, "1 of 1 agree = 100.0% >= 100%: passed"),
        ("supermajority:2/3", 2, 1, 0, False, "2 of 3 agree = 66.7% >= 66.666667%: passed"),
        ("supermajority:0.75", 3, 1, 0, False, "3 of 4 agree = 75.0% >= 75%: passed"),
    ],
)
def test_a_supermajority_exactly_at_its_threshold_passes(
    rule: str, agree: int, block: int, stand_aside: int, counted: bool, arithmetic: str
) -> None:
    present = agree + block + stand_aside
    result = decide(parse_rule(rule), Counts(agree, block, stand_aside, present), stand_asides_count=counted)
    assert (result.outcome, result.arithmetic) == ("passed", arithmetic)


@pytest.mark.parametrize(
    ("rule", "agree", "block", "arithmetic"),
    [
        ("supermajority:0.9", 8, 1, "8 of 9 agree = 88.9% < 90%: failed"),
        ("supermajority:1", 9, 1, "9 of 10 agree = 90.0% < 100%: failed"),
        ("supermajority:2/3", 1, 1, "1 of 2 agree = 50.0% < 66.666667%: failed"),
    ],
)
def test_a_supermajority_one_short_of_its_threshold_fails(rule: str, agree: int, block: int, arithmetic: str) -> None:
    result = decide(parse_rule(rule), Counts(agree, block, 0, agree + block))
    assert (result.outcome, result.arithmetic) == ("failed", arithmetic)


def test_a_supermajority_may_be_written_as_a_fraction() -> None:
    rule = parse_rule("supermajority:2/3")
    assert (rule.kind, rule.fraction) == ("supermajority", Fraction(2, 3))


def test_9_of_10_under_the_meetings_9_10_rule_is_recorded_as_passed(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    session = meeting_with(data_root, clock, operator, rule="supermajority:0.9")
    session.act("attend", names=TEN)
    session.act("propose", title="Bike shed", text=TEXT, by=["Ana"])
    session.act("test", proposal="P1")
    session.act("block", proposal="P1", name="Jo", reason="blue fades")
    session.act("agree", proposal="P1", names=TEN[:9])
    clock.advance(60)
    outcome = session.act("decide", proposal="P1")
    assert outcome.summary == "P1: 9 of 10 agree = 90.0% >= 90%: passed (supermajority:0.9)"
    data = stored_decision(session)
    assert (data["outcome"], data["label"], data["rule"]) == (
        "passed",
        "passed (supermajority:0.9)",
        "supermajority:0.9",
    )
    assert (data["agree"], data["block"], data["present"]) == (9, 1, 10)
    later = reread(session).meeting
    decision = later.proposals["P1"].decision
    assert decision is not None
    assert (decision.outcome, decision.arithmetic) == ("passed", "9 of 10 agree = 90.0% >= 90%: passed")
    assert later.proposals["P1"].status == "passed"
    minutes = minutes_markdown(later)
    assert "**Proposal P1: Bike shed** (v1, passed (supermajority:0.9))" in minutes
    assert "  - Arithmetic: 9 of 10 agree = 90.0% \\>= 90%: passed" in minutes
    assert "  - Against: Jo: blue fades" in minutes


def test_unanimous_agreement_under_the_meetings_supermajority_1_is_recorded_as_passed(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    session = meeting_with(data_root, clock, operator, rule="supermajority:1")
    session.act("attend", names=TEN[:4])
    session.act("propose", title="Bike shed", text=TEXT, by=["Ana"])
    session.act("test", proposal="P1")
    session.act("agree", proposal="P1", names=TEN[:4])
    outcome = session.act("decide", proposal="P1")
    assert outcome.summary == "P1: 4 of 4 agree = 100.0% >= 100%: passed (supermajority:1)"
    assert (stored_decision(session)["outcome"], stored_decision(session)["agree"]) == ("passed", 4)
    later = reread(session).meeting
    assert later.proposals["P1"].status == "passed"
    assert "  - Arithmetic: 4 of 4 agree = 100.0% \\>= 100%: passed" in minutes_markdown(later)


def test_2_of_3_under_the_meetings_two_thirds_rule_is_recorded_as_passed(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    session = meeting_with(data_root, clock, operator, rule="supermajority:2/3")
    session.act("attend", names=TEN[:3])
    session.act("propose", title="Bike shed", text=TEXT, by=["Ana"])
    session.act("test", proposal="P1")
    session.act("block", proposal="P1", count=1)
    session.act("agree", proposal="P1", names=TEN[:2])
    outcome = session.act("decide", proposal="P1")
    assert outcome.summary.startswith("P1: 2 of 3 agree = 66.7% >= 66.666667%: passed (supermajority:")
    assert stored_decision(session)["outcome"] == "passed"
    assert reread(session).meeting.proposals["P1"].status == "passed"


# ---- 2. the quorum is counted against those present, not everyone who came ------------------

# Those present when P1 is decided in the meeting below: Eve came and left before the test.
PRESENT_AT_DECISION = ["Ana", "Ben", "Carla", "Dan"]


def five_came_one_left(session: Session) -> None:
    """Quorum 5; five came, Eve left; P1 in its final test, everyone still present agreeing."""
    session.act("attend", names=[*PRESENT_AT_DECISION, "Eve"])
    session.act("quorum", count=5)
    session.act("propose", title="Bike shed", text=TEXT, by=["Ana"])
    session.act("leave", name="Eve")
    session.act("test", proposal="P1")
    session.act("agree", proposal="P1", names=PRESENT_AT_DECISION)


def test_a_decision_after_someone_left_is_tabled_for_want_of_quorum(session: Session) -> None:
    five_came_one_left(session)
    assert (len(session.meeting.present), len(session.meeting.people)) == (4, 5)
    outcome = session.act("decide", proposal="P1")
    assert outcome.summary == "P1: 4 present < quorum of 5: tabled: no quorum"
    data = stored_decision(session)
    assert (data["outcome"], data["label"], data["reason"]) == ("tabled", "tabled: no quorum", "no quorum")
    assert (data["present"], data["quorum"]) == (4, 5)
    later = reread(session).meeting
    decision = later.proposals["P1"].decision
    assert decision is not None
    assert (decision.outcome, decision.present, decision.quorum) == ("tabled", 4, 5)
    assert decision.arithmetic == "4 present < quorum of 5: tabled"
    minutes = minutes_markdown(later)
    assert "**Proposal P1: Bike shed** (v1, tabled: no quorum)" in minutes
    assert "  - Arithmetic: 4 present \\< quorum of 5: tabled" in minutes
    assert "  - Present: 4 (Ana, Ben, Carla, Dan); quorum 5: not met" in minutes


def test_after_someone_left_passed_cannot_be_recorded_without_counts(session: Session) -> None:
    five_came_one_left(session)
    with pytest.raises(Refused, match=r"^4 present, quorum 5: below quorum only tabled or withdrawn can be recorded$"):
        session.act("decide", proposal="P1", outcome="passed")
    outcome = session.act("decide", proposal="P1", outcome="tabled")
    assert outcome.summary == "P1: tabled: no quorum"
    data = stored_decision(session)
    assert (data["outcome"], data["present"], data["arithmetic"]) == (
        "tabled",
        4,
        "no count was taken (4 present < quorum of 5)",
    )


def test_a_decision_records_who_was_present_when_it_was_taken(session: Session) -> None:
    """PROCESS.md 6.5: the decision records the quorum state. Eve attended and left before the
    final test: she is not among those present at the decision, by count or by name."""
    five_came_one_left(session)
    session.act("decide", proposal="P1")
    data = stored_decision(session)
    decision = reread(session).meeting.proposals["P1"].decision
    assert decision is not None
    assert data["present"] == decision.present == len(PRESENT_AT_DECISION)
    assert data["present_names"] == decision.present_names == PRESENT_AT_DECISION


def test_someone_who_left_and_came_back_counts_towards_the_quorum_again(session: Session) -> None:
    five_came_one_left(session)
    session.act("attend", names=["Eve"])
    session.act("agree", proposal="P1", names=["Eve"])
    outcome = session.act("decide", proposal="P1")
    assert outcome.summary == "P1: no blocks (consensus allows none): passed (consensus)"
    assert (stored_decision(session)["present"], stored_decision(session)["agree"]) == (5, 5)


# ---- 3. an ambiguous passage is never replaced at its first occurrence -----------------------

TWICE = "We meet on Monday. We eat on Monday."


def test_apply_amendment_refuses_a_passage_found_twice() -> None:
    assert apply_amendment(TWICE, "on Monday", "on Friday") is None
    assert apply_amendment(TWICE, "eat on Monday", "eat on Friday") == "We meet on Monday. We eat on Friday."
    assert apply_amendment(TWICE, "on Sunday", "on Friday") is None
    assert apply_amendment(TWICE, None, "We rest.") == "We rest."


def test_apply_amendment_refuses_a_passage_found_twice_overlapping() -> None:
    # "no no" is in "no no no" twice (from the first word and from the second): which one goes?
    assert occurrences("no no no", "no no") == 2
    assert apply_amendment("We say no no no.", "no no", "yes") is None
    assert apply_amendment("We say no no.", "no no", "yes") == "We say yes."


def test_an_amendment_whose_passage_occurs_twice_is_refused(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben"])
    session.act("propose", title="Days", text=TWICE, by=["Ana"])
    before = session.meeting.last_seq
    with pytest.raises(Refused, match=r"^'on Monday' occurs 2 times in P1: quote more of the passage$"):
        session.act("amend", proposal="P1", by="Ben", replace="on Monday", with_text="on Friday")
    session.act("propose", title="Echo", text="We say no no no.", by=["Ana"])
    with pytest.raises(Refused, match=r"^'no no' occurs 2 times in P2: quote more of the passage$"):
        session.act("amend", proposal="P2", by="Ben", replace="no no", with_text="yes")
    assert [e["type"] for e in session.events[before:]] == ["proposed"]
    assert session.meeting.proposals["P1"].amendments == {}


def test_accepting_an_amendment_whose_passage_has_become_ambiguous_is_refused(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben"])
    session.act("propose", title="Days", text="We meet on Monday. We eat on Tuesday.", by=["Ana"])
    session.act("amend", proposal="P1", by="Ben", replace="on Tuesday", with_text="on Monday")
    session.act("amend", proposal="P1", by="Ben", replace="on Monday", with_text="on Friday")  # once, in v1
    session.act("accept", amendment="P1-A1")
    assert session.meeting.proposals["P1"].text == TWICE
    with pytest.raises(Refused, match=r"^'on Monday' occurs 2 times in P1: quote more of the passage$"):
        session.act("accept", amendment="P1-A2")
    proposal = reread(session).meeting.proposals["P1"]
    assert (proposal.text, proposal.version, proposal.amendments["P1-A2"].status) == (TWICE, 2, "pending")


def test_the_fold_leaves_pending_an_acceptance_whose_passage_is_ambiguous(session: Session) -> None:
    """A stored acceptance the fold can no longer apply (its passage occurs twice) leaves the
    amendment pending and the text as it was: the fold never picks an occurrence."""
    session.act("attend", names=["Ana", "Ben"])
    session.act("propose", title="Days", text="We meet on Monday. We eat on Tuesday.", by=["Ana"])
    session.act("amend", proposal="P1", by="Ben", replace="on Tuesday", with_text="on Monday")
    session.act("amend", proposal="P1", by="Ben", replace="on Monday", with_text="on Friday")
    session.act("accept", amendment="P1-A1")
    events = session.events
    last = events[-1]
    seq = last["seq"] + 1
    forged = {
        "seq": seq,
        "ts": last["ts"],
        "action": seq,
        "actor": last["actor"],
        "type": "amendment_accepted",
        "data": {"amendment": "P1-A2", "friendly": False},
        "summary": "P1-A2 accepted by the assembly",
    }
    meeting = state.fold([*events, forged])
    proposal = meeting.proposals["P1"]
    assert (proposal.text, proposal.version) == (TWICE, 2)
    assert (proposal.amendments["P1-A2"].status, proposal.amendments["P1-A2"].version) == ("pending", None)
    assert [v.amendment for v in proposal.versions] == [None, "P1-A1"]


# The two-terminal case. v1 says Monday twice; A1 (accepted on terminal 2) makes the first one
# Tuesday, so "on Monday" is then in the text once; A2 replaces that "on Monday" and is accepted
# on terminal 1. Terminal 2 undoes its acceptance of A1: "on Monday" is in v1 twice, so A2 cannot
# say which one it replaces, and stays pending (PROCESS.md 4.2), the text back at v1.
V1 = TWICE
V2 = "We meet on Tuesday. We eat on Monday."
V3 = "We meet on Tuesday. We eat on Friday."


def test_an_undo_on_another_terminal_that_makes_a_passage_ambiguous_leaves_its_amendment_pending(
    session: Session, clock: FakeClock
) -> None:
    one = session
    two = Session.open(one.store.path, Actor("ben", role="minutes", terminal="op2"), clock)
    one.act("attend", names=["Ana", "Ben", "Carla"])
    one.act("propose", title="Days", text=V1, by=["Ana"])
    one.act("amend", proposal="P1", by="Carla", replace="meet on Monday", with_text="meet on Tuesday")
    clock.advance(30)
    assert two.act("accept", amendment="P1-A1").summary == "P1-A1 accepted by the assembly: P1 is now v2"
    clock.advance(30)
    one.act("amend", proposal="P1", by="Ben", replace="on Monday", with_text="on Friday")
    assert one.act("accept", amendment="P1-A2").summary == "P1-A2 accepted by the assembly: P1 is now v3"
    assert one.meeting.proposals["P1"].text == V3
    clock.advance(30)
    assert two.act("undo").summary == "undid: P1-A1 accepted by the assembly: P1 is now v2"
    one.refresh()
    for meeting in (one.meeting, two.meeting, reread(one).meeting):
        proposal = meeting.proposals["P1"]
        assert (proposal.text, proposal.version) == (V1, 1)
        assert {a.id: (a.status, a.version) for a in proposal.amendments.values()} == {
            "P1-A1": ("pending", None),
            "P1-A2": ("pending", None),
        }
    minutes = minutes_markdown(reread(one).meeting)
    assert "**Proposal P1: Days** (v1, open)" in minutes
    assert "- P1-A2 by Ben (on v2): replace “on Monday” with “on Friday”; pending" in minutes
    assert "Changes since v1" not in minutes
    # Terminal 1 held A2 as accepted: it now sees the passage is ambiguous, as the fold did.
    with pytest.raises(Refused, match=r"^'on Monday' occurs 2 times in P1: quote more of the passage$"):
        one.act("accept", amendment="P1-A2")
    # Accepting A1 again makes A2's passage unique again: both then apply, in order.
    one.act("accept", amendment="P1-A1")
    one.act("accept", amendment="P1-A2")
    assert reread(one).meeting.proposals["P1"].text == V3


def test_an_undo_that_takes_away_the_version_a_new_text_rewrote_leaves_that_amendment_pending(
    session: Session, clock: FakeClock
) -> None:
    """The same for an amendment giving a whole new text: it rewrote v2, written with A1's change
    in it. Once A1's acceptance is undone, applying it would bring A1's change back into the text
    while A1 shows pending; `accept` refuses it on another version, and so does the refold."""
    one = session
    two = Session.open(one.store.path, Actor("ben", role="minutes", terminal="op2"), clock)
    one.act("attend", names=["Ana", "Ben", "Carla"])
    one.act("propose", title="Days", text=V1, by=["Ana"])
    one.act("amend", proposal="P1", by="Carla", replace="meet on Monday", with_text="meet on Tuesday")
    two.act("accept", amendment="P1-A1")
    one.act("amend", proposal="P1", by="Ben", text=V3)
    assert one.act("accept", amendment="P1-A2").summary == "P1-A2 accepted by the assembly: P1 is now v3"
    assert two.act("undo").summary == "undid: P1-A1 accepted by the assembly: P1 is now v2"
    one.refresh()
    for meeting in (one.meeting, two.meeting, reread(one).meeting):
        proposal = meeting.proposals["P1"]
        assert (proposal.text, proposal.version) == (V1, 1)
        assert {a.id: a.status for a in proposal.amendments.values()} == {"P1-A1": "pending", "P1-A2": "pending"}
    with pytest.raises(
        Refused, match=r"^P1-A2 rewrites v2 but P1 is now at v1; make a new amendment on the current text$"
    ):
        one.act("accept", amendment="P1-A2")
