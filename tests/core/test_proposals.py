"""PROCESS.md section 4, proposals and amendments: one test (or a few) per rule, named for the rule;
and the property that the text is always v1 with the accepted amendments applied in order."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.clock import FakeClock
from facilitator.errors import Refused
from facilitator.meeting.act import Context, run
from facilitator.meeting.events import Actor
from facilitator.meeting.settings import Settings
from facilitator.meeting.state import Meeting, apply, fold
from facilitator.meeting.wording import ADDED, REMOVED, SAME, Piece, marked, word_diff
from facilitator.session import Session

TEXT = "We paint the bike shed blue before spring, with volunteers from every floor."


def present(session: Session, *names: str) -> None:
    session.act("attend", names=list(names))


def propose(session: Session, text: str = TEXT, by: tuple[str, ...] = ("Ana", "Ben")) -> str:
    outcome = session.act("propose", title="Bike shed", text=text, by=list(by))
    return outcome.summary.split()[0]


def test_propose_prints_the_id_first(session: Session) -> None:
    session.act("attend", names=["Ana"])
    assert session.act("propose", title="Bike shed", text=TEXT).summary == "P1 proposed: Bike shed"
    assert session.act("propose", title="Garden", text="Plant beans", by=["Ana"]).summary == (
        "P2 proposed: Garden (by Ana)"
    )


# ---- 4.1 id, title, text, presenters, agenda item; versions ---------------------------------


def test_4_1_a_proposal_has_an_id_title_text_presenters_and_belongs_to_an_agenda_item(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben"])
    session.act("agenda_add", title="Building", minutes=20, kind="proposal")
    session.act("agenda_start", item="1")
    item = session.meeting.item
    assert propose(session, by=("Ana", "ana", "Ben")) == "P1"
    proposal = session.meeting.proposals["P1"]
    assert (proposal.title, proposal.text, proposal.presenters, proposal.item) == (
        "Bike shed",
        TEXT,
        ["Ana", "Ben"],
        item,
    )
    assert proposal.version == 1 and proposal.versions[0].amendment is None
    assert propose(session) == "P2"


def test_4_1_every_accepted_amendment_makes_a_new_version(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben", "Carla", "Dan"])
    propose(session)
    session.act("amend", proposal="P1", by="Carla", replace="blue", with_text="green")
    session.act("amend", proposal="P1", by="Dan", replace="before spring", with_text="in May")
    session.act("accept", amendment="P1-A1", friendly=True)
    session.act("accept", amendment="P1-A2")
    proposal = session.meeting.proposals["P1"]
    assert [v.number for v in proposal.versions] == [1, 2, 3]
    assert [v.amendment for v in proposal.versions] == [None, "P1-A1", "P1-A2"]
    assert proposal.text_at(1) == TEXT
    assert proposal.text == TEXT.replace("blue", "green").replace("before spring", "in May")


# ---- 4.2 an amendment replaces a passage or gives a whole new text --------------------------


def test_4_2_an_amendment_is_made_by_a_named_person_and_replaces_one_passage(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben", "Carla"])
    propose(session)
    outcome = session.act("amend", proposal="P1", by="Carla", replace="blue", with_text="green")
    assert outcome.summary == "P1-A1 by Carla: replace 'blue' with 'green'"
    amendment = session.meeting.proposals["P1"].amendments["P1-A1"]
    assert (amendment.by, amendment.replace, amendment.with_text, amendment.status) == (
        "Carla",
        "blue",
        "green",
        "pending",
    )


def test_4_2_an_amendment_may_give_a_whole_new_text(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben", "Carla"])
    propose(session)
    session.act("amend", proposal="P1", by="Carla", text="We leave the shed as it is.")
    session.act("accept", amendment="P1-A1")
    assert session.meeting.proposals["P1"].text == "We leave the shed as it is."


def test_4_2_an_amendment_whose_passage_is_not_in_the_current_text_is_refused_showing_the_text(
    session: Session,
) -> None:
    session.act("attend", names=["Ana", "Ben", "Carla", "Dan"])
    propose(session)
    session.act("amend", proposal="P1", by="Carla", replace="blue", with_text="green")
    session.act("accept", amendment="P1-A1")
    with pytest.raises(Refused) as refused:
        session.act("amend", proposal="P1", by="Dan", replace="blue", with_text="red")
    message = str(refused.value)
    assert "'blue' is not in the current text of P1 (v2)" in message
    assert TEXT.replace("blue", "green") in message
    assert "\n" not in message


def test_4_2_a_passage_accepted_after_another_change_removed_it_is_refused(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben", "Carla", "Dan"])
    propose(session)
    session.act("amend", proposal="P1", by="Carla", replace="blue", with_text="green")
    session.act("amend", proposal="P1", by="Dan", replace="shed blue", with_text="shed red")
    session.act("accept", amendment="P1-A1")
    with pytest.raises(Refused, match="is not in the current text of P1"):
        session.act("accept", amendment="P1-A2")
    assert session.meeting.proposals["P1"].amendments["P1-A2"].status == "pending"


def test_4_2_an_ambiguous_passage_is_refused(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben", "Carla"])
    propose(session, text="the red door and the red wall")
    with pytest.raises(Refused, match="occurs 2 times in P1: quote more"):
        session.act("amend", proposal="P1", by="Carla", replace="red", with_text="blue")


def test_4_2_a_whole_new_text_written_against_an_older_version_is_refused(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben", "Carla", "Dan"])
    propose(session)
    session.act("amend", proposal="P1", by="Carla", text="Something else entirely.")
    session.act("amend", proposal="P1", by="Dan", replace="blue", with_text="green")
    session.act("accept", amendment="P1-A2")
    with pytest.raises(Refused, match="rewrites v1 but P1 is now at v2"):
        session.act("accept", amendment="P1-A1")


def test_4_2_bad_amendments_are_refused_and_nothing_is_written(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben"])
    propose(session)
    before = session.meeting.last_seq
    for args in (
        {"proposal": "P9", "by": "Carla", "replace": "blue", "with_text": "green"},
        {"proposal": "X1", "by": "Carla", "replace": "blue", "with_text": "green"},
        {"proposal": "P1", "by": "Carla"},
        {"proposal": "P1", "by": "Carla", "replace": "blue", "with_text": "blue"},
        {"proposal": "P1", "by": "Carla", "replace": "", "with_text": "green"},
        {"proposal": "P1", "by": "Carla", "replace": "blue", "with_text": "gr\x1b[31meen"},
        {"proposal": "P1", "by": "Carla", "text": TEXT},
        {"proposal": "P1", "by": "Carla", "text": "new", "replace": "blue", "with_text": "x"},
        {"proposal": "P1", "by": "", "text": "new"},
    ):
        with pytest.raises(Refused):
            session.act("amend", **args)
    assert session.meeting.last_seq == before


# ---- 4.3 fates: friendly, by the assembly, rejected, withdrawn ------------------------------


def test_4_3_accepted_as_friendly_or_by_the_assembly_and_only_accepted_ones_change_the_text(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben", "Carla"])
    propose(session)
    for passage, new in (
        ("blue", "green"),
        ("spring", "summer"),
        ("every floor", "the ground floor"),
        ("bike", "cycle"),
    ):
        session.act("amend", proposal="P1", by="Carla", replace=passage, with_text=new)
    assert session.act("accept", amendment="P1-A1", friendly=True).summary == "P1-A1 accepted as friendly: P1 is now v2"
    assert session.act("accept", amendment="P1-A2").summary == "P1-A2 accepted by the assembly: P1 is now v3"
    assert session.act("reject", amendment="P1-A3").summary == "P1-A3 rejected; P1 stays at v3"
    assert session.act("withdraw", amendment="P1-A4").summary == "P1-A4 withdrawn by Carla; P1 stays at v3"
    proposal = session.meeting.proposals["P1"]
    assert proposal.text == TEXT.replace("blue", "green").replace("spring", "summer")
    assert [a.status for a in proposal.amendments.values()] == ["friendly", "accepted", "rejected", "withdrawn"]
    assert proposal.amendments["P1-A3"].fate == "rejected"
    assert proposal.amendments["P1-A1"].fate == "accepted as friendly (made v2)"


def test_4_3_a_settled_amendment_cannot_be_settled_again(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben", "Carla"])
    propose(session)
    session.act("amend", proposal="P1", by="Carla", replace="blue", with_text="green")
    session.act("reject", amendment="P1-A1")
    for action in ("accept", "reject", "withdraw"):
        with pytest.raises(Refused, match="P1-A1 is already settled: rejected"):
            session.act(action, amendment="p1-a1")


def test_4_3_undoing_an_acceptance_restores_the_text_and_the_pending_amendment(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben", "Carla"])
    propose(session)
    session.act("amend", proposal="P1", by="Carla", replace="blue", with_text="green")
    session.act("accept", amendment="P1-A1")
    session.act("undo")
    proposal = session.meeting.proposals["P1"]
    assert (proposal.text, proposal.version, proposal.amendments["P1-A1"].status) == (TEXT, 1, "pending")


# ---- 4.4 any two versions compared word by word ---------------------------------------------


def test_4_4_any_two_versions_can_be_compared_word_by_word(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben", "Carla", "Dan"])
    propose(session)
    session.act("amend", proposal="P1", by="Carla", replace="blue", with_text="green")
    session.act("accept", amendment="P1-A1")
    session.act("amend", proposal="P1", by="Dan", replace="before spring, ", with_text="")
    session.act("accept", amendment="P1-A2")
    proposal = session.meeting.proposals["P1"]
    assert marked(word_diff(proposal.text_at(1), proposal.text_at(3))) == (
        "We paint the bike shed [-blue before spring,-][+green+] with volunteers from every floor."
    )
    assert marked(word_diff(proposal.text_at(3), proposal.text_at(2))) == (
        "We paint the bike shed green [+before spring,+] with volunteers from every floor."
    )


def test_4_4_the_diff_keeps_every_word_of_both_versions() -> None:
    pieces = word_diff("the quick brown fox", "the slow brown cat")
    assert pieces == [
        Piece(SAME, "the "),
        Piece(REMOVED, "quick"),
        Piece(ADDED, "slow"),
        Piece(SAME, " brown "),
        Piece(REMOVED, "fox"),
        Piece(ADDED, "cat"),
    ]


@given(st.text(max_size=60), st.text(max_size=60))
def test_4_4_a_diff_holds_exactly_the_old_and_the_new_text(old: str, new: str) -> None:
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.kind != ADDED) == old
    assert "".join(p.text for p in pieces if p.kind != REMOVED) == new


# ---- 4.5 withdrawn or tabled: pending amendments fall ---------------------------------------


@pytest.mark.parametrize("outcome", ["withdrawn", "tabled"])
def test_4_5_a_withdrawn_or_tabled_proposal_takes_its_pending_amendments_with_it(
    session: Session, outcome: str
) -> None:
    session.act("attend", names=["Ana", "Ben", "Carla", "Dan", "Eve"])
    propose(session)
    session.act("amend", proposal="P1", by="Carla", replace="blue", with_text="green")
    session.act("accept", amendment="P1-A1")
    session.act("amend", proposal="P1", by="Dan", replace="spring", with_text="summer")
    session.act("amend", proposal="P1", by="Eve", replace="floor", with_text="flat")
    session.act("reject", amendment="P1-A3")
    session.act("decide", proposal="P1", outcome=outcome, reason="needs the landlord's answer")
    proposal = session.meeting.proposals["P1"]
    assert proposal.status == outcome
    assert [a.status for a in proposal.amendments.values()] == ["accepted", "fell", "rejected"]
    assert proposal.amendments["P1-A2"].fate == "fell with the proposal"
    with pytest.raises(Refused, match=f"P1 is already decided \\({outcome}\\)"):
        session.act("amend", proposal="P1", by="Dan", replace="green", with_text="red")


def test_4_5_withdraw_names_the_whole_proposal_by_its_id(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben"])
    propose(session)
    outcome = session.act("withdraw", amendment="P1", reason="the presenters will rework it")
    assert outcome.summary == "P1: withdrawn (the presenters will rework it)"
    assert session.meeting.proposals["P1"].status == "withdrawn"


# ---- 4.6 Robert's Rules, one level of amendments (configurable, later) ----------------------


def test_4_6_an_amendment_to_an_amendment_is_not_offered_yet(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben", "Carla"])
    propose(session)
    session.act("amend", proposal="P1", by="Carla", replace="blue", with_text="green")
    with pytest.raises(Refused, match="'P1-A1' is not a proposal id"):
        session.act("amend", proposal="P1-A1", by="Dan", replace="green", with_text="red")


# ---- property: the text is v1 with the accepted amendments applied, in order ----------------

WORDS = ["red", "blue", "shed", "door", "we", "paint", "the", "green"]
START = 1_764_000_000.0


class InMemory:
    """The same commands and fold as a session, without a disk: hypothesis runs thousands."""

    def __init__(self) -> None:
        self.actor = Actor("ana", role="facilitator", terminal="t1")
        opened = {"title": "Property", "settings": Settings().to_dict()}
        self.events: list[dict[str, Any]] = [self._stamp(1, "meeting_opened", opened, "opened")]
        self.meeting: Meeting = fold(self.events)

    def _stamp(self, seq: int, kind: str, data: dict[str, Any], summary: str | None) -> dict[str, Any]:
        event = {
            "seq": seq,
            "ts": START + seq,
            "action": seq,
            "actor": self.actor.to_dict(),
            "type": kind,
            "data": data,
        }
        if summary is not None:
            event["summary"] = summary
        return event

    def act(self, action: str, **args: Any) -> str:
        outcome = run(self.meeting, Context(now=START + self.meeting.last_seq, actor=self.actor), action, **args)
        first = self.meeting.last_seq + 1
        for offset, (kind, data) in enumerate(outcome.events):
            event = self._stamp(first + offset, kind, data, outcome.summary if offset == 0 else None)
            event["action"] = first
            self.events.append(event)
            apply(self.meeting, event)
        return outcome.summary


amendment_actions = st.lists(
    st.one_of(
        st.tuples(st.just("replace"), st.sampled_from(WORDS), st.lists(st.sampled_from(WORDS), max_size=3)),
        st.tuples(st.just("text"), st.lists(st.sampled_from(WORDS), min_size=1, max_size=5)),
        st.tuples(st.sampled_from(["accept", "friendly", "reject", "withdraw"]), st.integers(1, 8)),
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8), amendment_actions)
def test_any_sequence_of_amendment_actions_leaves_v1_with_the_accepted_amendments_applied_in_order(
    v1_words: list[str], actions: list[tuple[Any, ...]]
) -> None:
    memory = InMemory()
    memory.act("attend", names=["Carla", "Dan"])
    v1 = " ".join(v1_words)
    memory.act("propose", title="Property", text=v1)
    accepted: list[str] = []
    for action in actions:
        try:
            if action[0] == "replace":
                memory.act("amend", proposal="P1", by="Carla", replace=action[1], with_text=" ".join(action[2]))
            elif action[0] == "text":
                memory.act("amend", proposal="P1", by="Dan", text=" ".join(action[1]))
            else:
                verb, number = action
                target = f"P1-A{number}"
                if verb in ("accept", "friendly"):
                    memory.act("accept", amendment=target, friendly=verb == "friendly")
                    accepted.append(target)
                else:
                    memory.act(verb, amendment=target)
        except Refused:
            pass
    proposal = memory.meeting.proposals["P1"]
    expected = v1
    for amendment_id in accepted:
        amendment = proposal.amendments[amendment_id]
        assert amendment.status in ("friendly", "accepted")
        expected = (
            amendment.with_text
            if amendment.replace is None
            else expected.replace(amendment.replace, amendment.with_text, 1)
        )
    assert proposal.text == expected
    assert proposal.version == 1 + len(accepted)
    assert [v.amendment for v in proposal.versions[1:]] == accepted
    assert fold(memory.events).proposals["P1"].text == expected  # replay gives the same text


def test_the_property_helper_matches_a_real_session(session: Session, clock: FakeClock) -> None:
    memory = InMemory()
    for target in (memory, session):
        target.act("attend", names=["Carla"])
        target.act("propose", title="Bike shed", text=TEXT)
        target.act("amend", proposal="P1", by="Carla", replace="blue", with_text="green")
        target.act("accept", amendment="P1-A1")
    assert memory.meeting.proposals["P1"].text == session.meeting.proposals["P1"].text
