"""PROCESS.md section 6, the final test and the decision: one test (or a few) per rule, named for
the rule; the issue's figures; and the arithmetic on generated counts against a direct sum."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.clock import FakeClock
from facilitator.errors import Refused
from facilitator.meeting.decision_rules import Counts, decide, parse_rule, percent
from facilitator.meeting.events import Actor
from facilitator.meeting.proposals import AGREE, BLOCK, STAND_ASIDE
from facilitator.meeting.settings import Settings
from facilitator.session import Session
from facilitator.store import locations, meetings

TEXT = "We paint the bike shed blue."


def meeting_with(data_root: Path, clock: FakeClock, operator: Actor, **settings: object) -> Session:
    meeting_id = meetings.create(data_root, "Decisions", operator, clock.now(), settings=Settings(**settings))  # type: ignore[arg-type]
    return Session.open(locations.meeting_file(data_root, meeting_id), operator, clock)


def room(size: int) -> list[str]:
    """Besides Ana, enough people present for `size` in all: counts never exceed those present."""
    return [f"Member {n}" for n in range(2, size + 1)]


def final_test_of_p1(session: Session, *present: str) -> None:
    """P1 on the table, presented by Ana, these people present too, and its final test started."""
    session.act("attend", names=["Ana", *present])
    session.act("propose", title="Bike shed", text=TEXT, by=["Ana"])
    session.act("test", proposal="P1")


# ---- the figures ----------------------------------------------------------------------


def test_87_agree_and_7_against_under_supermajority_0_9_passes(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    session = meeting_with(data_root, clock, operator, rule="supermajority:0.9")
    final_test_of_p1(session, *room(94))
    session.act("block", proposal="P1", count=7)
    session.act("agree", proposal="P1", count=87)
    outcome = session.act("decide", proposal="P1", rule="supermajority:0.9")
    assert outcome.summary == "P1: 87 of 94 agree = 92.6% >= 90%: passed (supermajority:0.9)"
    decision = session.meeting.proposals["P1"].decision
    assert decision is not None
    assert (decision.outcome, decision.arithmetic) == ("passed", "87 of 94 agree = 92.6% >= 90%: passed")


def test_80_agree_against_20_under_supermajority_0_9_fails(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    session = meeting_with(data_root, clock, operator, rule="supermajority:0.9")
    final_test_of_p1(session, *room(100))
    session.act("block", proposal="P1", count=20)
    session.act("agree", proposal="P1", count=80)
    outcome = session.act("decide", proposal="P1", rule="supermajority:0.9")
    assert outcome.summary == "P1: 80 of 100 agree = 80.0% < 90%: failed"
    assert session.meeting.proposals["P1"].status == "failed"


# ---- 6.1 the final test is on one proposal at its current version -----------------------------


def test_6_1_the_final_test_is_on_the_current_version(session: Session) -> None:
    session.act("attend", names=["Carla"])
    session.act("propose", title="Bike shed", text=TEXT)
    session.act("amend", proposal="P1", by="Carla", replace="blue", with_text="green")
    with pytest.raises(Refused, match=r"P1 has pending amendments \(P1-A1\): accept, reject or withdraw them first"):
        session.act("test", proposal="P1")
    session.act("accept", amendment="P1-A1", friendly=True)
    outcome = session.act("test", proposal="P1")
    assert outcome.summary == "final test on P1 v2: any blocks? then stand-asides, then agreement"
    proposal = session.meeting.proposals["P1"]
    assert (proposal.status, proposal.test and proposal.test.version) == ("testing", 2)


def test_6_1_a_change_to_the_text_during_the_test_starts_the_test_again(session: Session) -> None:
    final_test_of_p1(session, "Ana", "Dan")
    session.act("block", proposal="P1", name="Dan", reason="blue fades")
    session.act("amend", proposal="P1", by="Dan", replace="blue", with_text="green")
    assert "the final test starts again" in session.act("accept", amendment="P1-A1", friendly=True).summary
    proposal = session.meeting.proposals["P1"]
    assert (proposal.status, proposal.test) == ("open", None)
    session.act("test", proposal="P1")
    assert proposal.test is None or session.meeting.proposals["P1"].test.version == 2  # type: ignore[union-attr]
    assert session.meeting.proposals["P1"].test.total(BLOCK) == 0  # type: ignore[union-attr]


# ---- 6.2 blocks first with a reason, then stand-asides, then agreement -----------------------


def test_6_2_a_block_must_state_its_reason(session: Session) -> None:
    final_test_of_p1(session, "Dan")
    with pytest.raises(Refused, match="a block must state its reason: block P1 Dan --reason TEXT"):
        session.act("block", proposal="P1", name="Dan")
    outcome = session.act("block", proposal="P1", name="dan", reason="It breaks our lease")
    assert outcome.summary == "P1: Dan blocks (It breaks our lease); 1 blocking, 0 standing aside, 0 agreeing"


def test_6_2_the_test_asks_for_blocks_then_stand_asides_then_agreement(session: Session) -> None:
    final_test_of_p1(session, "Ana", "Ben", "Dan")
    test = session.meeting.proposals["P1"].test
    assert test is not None and test.stage == BLOCK
    session.act("block", proposal="P1", name="Dan", reason="lease")
    assert test.stage == BLOCK
    session.act("stand_aside", proposal="P1", name="Ben")
    assert session.meeting.proposals["P1"].test.stage == STAND_ASIDE  # type: ignore[union-attr]
    session.act("agree", proposal="P1", names=["Ana"])
    assert session.meeting.proposals["P1"].test.stage == AGREE  # type: ignore[union-attr]


def test_6_2_a_stand_aside_names_the_person_and_the_reason_is_optional(session: Session) -> None:
    final_test_of_p1(session, "Ben", "Eve")
    assert session.act("stand_aside", proposal="P1", name="Ben").summary.startswith("P1: Ben stands aside;")
    session.act("stand_aside", proposal="P1", name="Eve", reason="away all spring")
    test = session.meeting.proposals["P1"].test
    assert test is not None
    assert [(p.name, p.reason) for p in test.names(STAND_ASIDE)] == [("Ben", ""), ("Eve", "away all spring")]


def test_6_2_agreement_is_counted_or_named(session: Session) -> None:
    final_test_of_p1(session, "Ana", "Ben")
    session.act("agree", proposal="P1", names=["Ana", "Ben", "ana"])
    session.act("agree", proposal="P1", count=40)
    test = session.meeting.proposals["P1"].test
    assert test is not None and test.total(AGREE) == 42
    with pytest.raises(Refused, match="name the people or give --count, not both"):
        session.act("agree", proposal="P1", names=["Ana"], count=3)


def test_6_2_a_person_holds_one_position_the_latest(session: Session) -> None:
    final_test_of_p1(session, "Dan")
    session.act("block", proposal="P1", name="Dan", reason="lease")
    outcome = session.act("agree", proposal="P1", names=["Dan"])
    assert outcome.summary == "P1: Dan agrees; Dan was blocking; 0 blocking, 0 standing aside, 1 agreeing"


def test_6_2_counted_blocks_need_no_reason_and_the_minutes_call_them_against(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    from facilitator.minutes.proposals import item_proposals_markdown

    session = meeting_with(data_root, clock, operator, rule="supermajority:0.9")
    final_test_of_p1(session, *room(94))
    session.act("block", proposal="P1", count=7)
    session.act("agree", proposal="P1", count=87)
    session.act("decide", proposal="P1", rule="supermajority:0.9")
    minutes = "\n".join(item_proposals_markdown(session.meeting, None))
    assert "  - Counts: 87 agree, 7 against, 0 standing aside" in minutes
    assert "  - Against: 7 counted without names" in minutes


def test_6_2_positions_are_only_taken_during_a_final_test(session: Session) -> None:
    session.act("propose", title="Bike shed", text=TEXT)
    with pytest.raises(Refused, match="P1 is not in its final test: start it with test P1"):
        session.act("agree", proposal="P1", count=3)
    with pytest.raises(Refused, match="P1 is not in its final test"):
        session.act("decide", proposal="P1")


# ---- 6.3 decision rules -----------------------------------------------------------------------


def test_6_3_consensus_passes_with_no_blocks(session: Session) -> None:
    final_test_of_p1(session, "Ana", "Ben")
    session.act("agree", proposal="P1", names=["Ana", "Ben"])
    assert session.act("decide", proposal="P1").summary == "P1: no blocks (consensus allows none): passed (consensus)"


def test_6_3_consensus_is_blocked_by_one_block(session: Session) -> None:
    final_test_of_p1(session, "Ana", "Dan")
    session.act("block", proposal="P1", name="Dan", reason="lease")
    session.act("agree", proposal="P1", names=["Ana"])
    assert session.act("decide", proposal="P1").summary == "P1: 1 block (consensus allows none): blocked"
    assert session.meeting.proposals["P1"].status == "blocked"


def test_6_3_minus_n_passes_with_at_most_n_blocks(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    session = meeting_with(data_root, clock, operator, rule="minus-2")
    final_test_of_p1(session, *room(22))
    session.act("block", proposal="P1", count=2)
    session.act("agree", proposal="P1", count=20)
    outcome = session.act("decide", proposal="P1")
    assert outcome.summary == "P1: 2 blocks <= 2 allowed (minus-2): passed (modified consensus: 2 blocks)"
    assert decide(parse_rule("minus-2"), Counts(20, 3, 0, 23)).arithmetic == "3 blocks > 2 allowed (minus-2): blocked"


def test_6_3_supermajority_stand_asides_in_the_denominator_is_a_setting(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    counts = Counts(agree=87, block=7, stand_aside=3, present=97)
    rule = parse_rule("supermajority:0.9")
    assert decide(rule, counts).arithmetic == "87 of 94 agree = 92.6% >= 90%: passed"
    assert decide(rule, counts, stand_asides_count=True).arithmetic == (
        "87 of 97 agree (stand-asides counted) = 89.7% < 90%: failed"
    )
    session = meeting_with(data_root, clock, operator, rule="supermajority:0.9", stand_asides_count=True)
    final_test_of_p1(session, *room(97))
    for stance, n in (("block", 7), ("stand_aside", 3), ("agree", 87)):
        session.act(stance, proposal="P1", count=n)
    assert session.act("decide", proposal="P1").summary.endswith("= 89.7% < 90%: failed")


def test_6_3_majority_passes_when_agree_exceeds_block() -> None:
    rule = parse_rule("majority")
    assert decide(rule, Counts(11, 10, 5, 26)).arithmetic == "11 agree > 10 against: passed"
    assert decide(rule, Counts(10, 10, 5, 25)).arithmetic == "10 agree <= 10 against (majority needs more): failed"


def test_6_3_too_many_stand_asides_tables_the_proposal(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    session = meeting_with(data_root, clock, operator, stand_aside_limit=0.25)
    final_test_of_p1(session, "Ana", "Ben", "Cal", "Dan")
    session.act("stand_aside", proposal="P1", name="Ben")
    session.act("stand_aside", proposal="P1", name="Cal")
    session.act("agree", proposal="P1", names=["Ana", "Dan"])
    assert (
        session.act("decide", proposal="P1").summary == "P1: 2 of 4 present stand aside = 50.0% > 25% allowed: tabled"
    )


def test_6_3_the_meetings_rule_decides_another_is_refused_and_bad_rules_are_refused(session: Session) -> None:
    # No rule is picked at the decision, after seeing the counts (PROCESS.md 6.6): the assembly
    # changes its rule on record first.
    final_test_of_p1(session, *room(3))
    for bad, message in (
        ("unanimity", "unknown decision rule 'unanimity'"),
        ("supermajority:0.4", "more than half"),
        ("supermajority:x", "unknown decision rule"),
        ("majority", "P1 is decided under the meeting's rule, consensus, no fallback; .* decision-rule RULE --reason"),
    ):
        with pytest.raises(Refused, match=message):
            session.act("decide", proposal="P1", rule=bad)
    session.act("agree", proposal="P1", count=3)
    assert session.act("decide", proposal="P1").summary == "P1: no blocks (consensus allows none): passed (consensus)"
    session.act("decision_rule", rule="majority", reason="the assembly agreed to vote")
    session.act("propose", title="Bike rack", text="We buy a bike rack.", by=["Ana"])
    session.act("test", proposal="P2")
    session.act("agree", proposal="P2", count=3)
    assert session.act("decide", proposal="P2", rule="majority").summary == "P2: 3 agree > 0 against: passed (majority)"


# ---- 6.4 the arithmetic, the outcomes, the quorum gate ---------------------------------------


def test_6_4_passed_with_stand_asides_is_modified_consensus_and_friendly_amendments_are_named(
    session: Session,
) -> None:
    session.act("attend", names=["Ana", "Ben"])
    session.act("propose", title="Bike shed", text=TEXT)
    session.act("amend", proposal="P1", by="Ben", replace="blue", with_text="green")
    session.act("accept", amendment="P1-A1", friendly=True)
    session.act("test", proposal="P1")
    session.act("stand_aside", proposal="P1", name="Ben")
    session.act("agree", proposal="P1", names=["Ana"])
    decided = session.act("decide", proposal="P1").summary
    assert decided == (
        "P1: no blocks (consensus allows none): passed (modified consensus: 1 standing aside)"
        " with friendly amendments (P1-A1)"
    )


def test_6_4_below_quorum_only_tabled_or_withdrawn_can_be_recorded(session: Session) -> None:
    final_test_of_p1(session, "Ana", "Ben")
    session.act("quorum", count=5)
    session.act("agree", proposal="P1", names=["Ana", "Ben"])
    with pytest.raises(Refused, match="2 present, quorum 5: below quorum only tabled or withdrawn can be recorded"):
        session.act("decide", proposal="P1", outcome="passed")
    outcome = session.act("decide", proposal="P1")
    assert outcome.summary == "P1: 2 present < quorum of 5: tabled: no quorum"
    decision = session.meeting.proposals["P1"].decision
    assert decision is not None
    assert (decision.outcome, decision.label, decision.reason) == ("tabled", "tabled: no quorum", "no quorum")
    assert decision.arithmetic == "2 present < quorum of 5: tabled"


def test_6_4_an_outcome_reached_without_counts_says_no_count_was_taken(session: Session) -> None:
    session.act("propose", title="Bike shed", text=TEXT)
    with pytest.raises(Refused, match="unknown outcome 'adopted'"):
        session.act("decide", proposal="P1", outcome="adopted")
    outcome = session.act("decide", proposal="P1", outcome="passed", reason="agreed on paper last week")
    assert outcome.summary == "P1: passed, no count taken (agreed on paper last week)"
    decision = session.meeting.proposals["P1"].decision
    assert decision is not None and not decision.counted
    assert decision.arithmetic == "no count was taken"


def test_6_4_a_decided_proposal_is_decided_once(session: Session) -> None:
    final_test_of_p1(session, *room(3))
    session.act("agree", proposal="P1", count=3)
    session.act("decide", proposal="P1")
    with pytest.raises(Refused, match=r"P1 is already decided \(passed \(consensus\)\)"):
        session.act("decide", proposal="P1")
    session.act("undo")
    assert session.meeting.proposals["P1"].status == "testing"


def test_6_4_a_blocked_proposal_names_the_fallback_rule(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    session = meeting_with(data_root, clock, operator, fallback_rule="supermajority:0.9")
    final_test_of_p1(session)
    session.act("block", proposal="P1", count=1)
    assert session.act("decide", proposal="P1").summary.endswith(
        "; the fallback is supermajority:0.9: decide P1 applies it"
    )


# ---- 6.5 what a decision records ------------------------------------------------------------


def test_6_5_a_decision_records_text_version_rule_counts_blocks_stand_asides_quorum_time_and_who(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    session = meeting_with(data_root, clock, operator, rule="minus-1")
    final_test_of_p1(session, "Ana", "Ben", "Dan")
    session.act("quorum", count=3)
    session.act("block", proposal="P1", name="Dan", reason="lease")
    session.act("stand_aside", proposal="P1", name="Ben", reason="away")
    session.act("agree", proposal="P1", names=["Ana"])
    clock.advance(60)
    session.act("decide", proposal="P1", rule="minus-1")
    decision = Session.open(session.store.path, session.actor, clock).meeting.proposals["P1"].decision
    assert decision is not None
    assert (decision.text, decision.version, decision.rule) == (TEXT, 1, "minus-1")
    assert (decision.agree, decision.block, decision.stand_aside) == (1, 1, 1)
    assert [(p.name, p.reason) for p in decision.blocks] == [("Dan", "lease")]
    assert [(p.name, p.reason) for p in decision.stand_asides] == [("Ben", "away")]
    assert (decision.present, decision.quorum) == (3, 3)
    assert (decision.at, decision.by) == (clock.now(), "ana, stack")
    assert decision.label == "passed (modified consensus: 1 block, 1 standing aside)"


# ---- property: the arithmetic on generated counts matches a direct computation --------------

rules = st.one_of(
    st.just("consensus"),
    st.just("majority"),
    st.integers(0, 5).map(lambda n: f"minus-{n}"),
    st.sampled_from(["0.51", "0.6", "2/3", "0.75", "0.9", "0.95", "1"]).map(lambda f: f"supermajority:{f}"),
)


@given(
    rules,
    st.integers(0, 500),
    st.integers(0, 500),
    st.integers(0, 50),
    st.booleans(),
    st.one_of(st.none(), st.integers(1, 700)),
)
def test_the_decision_on_generated_counts_matches_a_direct_computation(
    rule_name: str, agree: int, block: int, stand: int, stand_counts: bool, quorum: int | None
) -> None:
    present = agree + block + stand
    result = decide(parse_rule(rule_name), Counts(agree, block, stand, present), quorum, stand_counts)
    if quorum is not None and present < quorum:
        expected = "tabled"
    elif rule_name == "consensus":
        expected = "passed" if block == 0 else "blocked"
    elif rule_name.startswith("minus-"):
        expected = "passed" if block <= int(rule_name[6:]) else "blocked"
    elif rule_name == "majority":
        expected = "passed" if agree > block else "failed"
    else:
        whole = agree + block + (stand if stand_counts else 0)
        expected = "passed" if whole and Fraction(agree, whole) >= Fraction(rule_name.split(":")[1]) else "failed"
    assert result.outcome == expected
    assert result.arithmetic.endswith(f": {expected}")
    shown = re.search(r"= ([\d.]+)% (>=|<) ([\d.]+)%", result.arithmetic)
    if shown:  # the percentage as printed never contradicts the comparison it is printed with
        value, sign, need = Fraction(shown.group(1)), shown.group(2), Fraction(shown.group(3))
        assert (value >= need) == (sign == ">=") == (expected == "passed")


def test_a_percentage_gets_more_places_rather_than_contradict_its_comparison() -> None:
    assert percent(Fraction(8996, 10000), Fraction(9, 10)) == "89.96%"
    assert percent(Fraction(87, 94)) == "92.6%"
