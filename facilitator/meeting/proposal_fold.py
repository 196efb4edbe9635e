"""How each event of a proposal, amendment, temperature check or decision changes the meeting
(PROCESS.md 4-6): the fold handlers, registered with `state.handles` where they are defined.

The shapes they build (Proposal, Amendment, TemperatureCheck, Decision...) and their events'
shapes live in proposals.py, which imports no state: the state holds them, these fill them.
"""

from __future__ import annotations

from facilitator.meeting.events import actor_label
from facilitator.meeting.proposals import (
    AGREE,
    BLOCK,
    OUTCOMES,
    STANCES,
    STAND_ASIDE,
    Amendment,
    Data,
    Decision,
    Event,
    FinalTest,
    Position,
    Proposal,
    RuleChange,
    Stage,
    TemperatureCheck,
    Version,
)
from facilitator.meeting.state import Meeting, handles
from facilitator.meeting.wording import apply_amendment


def find_amendment(m: Meeting, amendment_id: str) -> Amendment | None:
    proposal = m.proposals.get(amendment_id.split("-", 1)[0])
    return proposal.amendments.get(amendment_id) if proposal else None


def find_check(m: Meeting, check_id: int) -> TemperatureCheck | None:
    for check in m.checks:
        if check.id == check_id:
            return check
    return None


@handles("proposed")
def _proposed(m: Meeting, e: Event, d: Data) -> None:
    proposal = Proposal(
        id=d["proposal"],
        title=d["title"],
        presenters=[str(name) for name in d["presenters"]],
        item=d["item"] if d.get("item") in m.items else m.item,
        proposed_at=e["ts"],
        carried_from=d["carried_from"] if isinstance(d.get("carried_from"), str) else None,
    )
    proposal.versions.append(Version(1, d["text"], None, e["ts"]))
    m.proposals[proposal.id] = proposal


@handles("amended")
def _amended(m: Meeting, e: Event, d: Data) -> None:
    proposal = m.proposals.get(d["proposal"])
    if proposal is None:
        return
    proposal.amendments[d["amendment"]] = Amendment(
        id=d["amendment"],
        proposal=proposal.id,
        by=d["by"],
        replace=d["replace"] if isinstance(d.get("replace"), str) else None,
        with_text=d["with"],
        on_version=d["version"],
        made_at=e["ts"],
    )


@handles("amendment_accepted")
def _amendment_accepted(m: Meeting, e: Event, d: Data) -> None:
    amendment = find_amendment(m, d["amendment"])
    if amendment is None or amendment.status != "pending":
        return
    proposal = m.proposals[amendment.proposal]
    if amendment.replace is None and amendment.on_version != proposal.version:
        return  # the version its new text rewrote was undone: it stays pending, as `accept` would refuse it
    text = apply_amendment(proposal.text, amendment.replace, amendment.with_text)
    if text is None:  # an earlier change this one relied on was undone: it stays pending
        return
    amendment.status = "friendly" if d["friendly"] else "accepted"
    amendment.settled_at = e["ts"]
    proposal.versions.append(Version(proposal.version + 1, text, amendment.id, e["ts"]))
    amendment.version = proposal.version
    if proposal.status == "testing":  # the test was on the old text: it starts again
        proposal.status = "open"
        proposal.test = None


def _settle(m: Meeting, e: Event, d: Data, status: str) -> None:
    amendment = find_amendment(m, d["amendment"])
    if amendment is not None and amendment.status == "pending":
        amendment.status = status
        amendment.settled_at = e["ts"]


@handles("amendment_rejected")
def _amendment_rejected(m: Meeting, e: Event, d: Data) -> None:
    _settle(m, e, d, "rejected")


@handles("amendment_withdrawn")
def _amendment_withdrawn(m: Meeting, e: Event, d: Data) -> None:
    _settle(m, e, d, "withdrawn")


@handles("check_started")
def _check_started(m: Meeting, e: Event, d: Data) -> None:
    m.checks.append(
        TemperatureCheck(
            id=d["check"],
            question=d["question"],
            scale=d["scale"],
            options=[str(o) for o in d["options"]],
            about=d["about"] if isinstance(d.get("about"), str) else None,
            item=m.item,
            opened_at=e["ts"],
        )
    )


@handles("check_counted")
def _check_counted(m: Meeting, e: Event, d: Data) -> None:
    check = find_check(m, d["check"])
    if check is not None and check.open and d["option"] in check.options:
        check.room[d["option"]] = max(0, d["count"])


@handles("check_voted")
def _check_voted(m: Meeting, e: Event, d: Data) -> None:
    check = find_check(m, d["check"])
    if check is not None and check.open and d["option"] in check.options:
        key = d["name"].casefold()
        m.people.setdefault(key, d["name"])
        check.votes[key] = (m.people[key], d["option"])


@handles("check_closed")
def _check_closed(m: Meeting, e: Event, d: Data) -> None:
    check = find_check(m, d["check"])
    if check is not None and check.open:
        check.closed_at = e["ts"]


@handles("test_started")
def _test_started(m: Meeting, e: Event, d: Data) -> None:
    proposal = m.proposals.get(d["proposal"])
    if proposal is None or proposal.decided:
        return
    proposal.status = "testing"
    proposal.test = FinalTest(version=d["version"], started_at=e["ts"])


def _test_of(m: Meeting, d: Data) -> FinalTest | None:
    proposal = m.proposals.get(d["proposal"])
    if proposal is None or proposal.status != "testing" or d["stance"] not in STANCES:
        return None
    return proposal.test


@handles("position_taken")
def _position_taken(m: Meeting, e: Event, d: Data) -> None:
    test = _test_of(m, d)
    if test is None:
        return
    key = d["name"].casefold()
    test.named.pop(key, None)  # a person holds one position; the latest is theirs
    test.named[key] = Position(d["name"], d["stance"], d["reason"])


@handles("positions_counted")
def _positions_counted(m: Meeting, e: Event, d: Data) -> None:
    test = _test_of(m, d)
    if test is not None:
        test.counted[d["stance"]] = max(0, d["count"])


@handles("decided")
def _decided(m: Meeting, e: Event, d: Data) -> None:
    proposal = m.proposals.get(d["proposal"])
    if proposal is None or proposal.decided or d["outcome"] not in OUTCOMES:
        return
    test = proposal.test
    quorum = d.get("quorum")
    role = e["actor"].get("role")
    names = d.get("present_names")
    fallback = d.get("fallback")
    # every position stated in the final test stays in the record, whatever the outcome (PROCESS.md 6.7)
    proposal.decision = Decision(
        proposal=proposal.id,
        outcome=d["outcome"],
        label=d["label"],
        counted=d["counted"],
        rule=d["rule"],
        arithmetic=d["arithmetic"],
        reason=d["reason"],
        version=proposal.version,
        text=proposal.text,
        agree=d["agree"],
        block=d["block"],
        stand_aside=d["stand_aside"],
        present=d["present"],
        quorum=quorum if isinstance(quorum, int) else None,
        stand_asides_count=bool(d.get("stand_asides_count")),
        blocks=test.names(BLOCK) if test else [],
        stand_asides=test.names(STAND_ASIDE) if test else [],
        agreeing=[p.name for p in test.names(AGREE)] if test else [],
        at=e["ts"],
        by=actor_label(e["actor"]),
        by_role=role if isinstance(role, str) and role else None,
        fallback=fallback if isinstance(fallback, str) and fallback else None,
        present_names=[str(n) for n in names] if isinstance(names, list) else [],
    )
    if d["counted"]:
        proposal.decision.stages.append(
            Stage(d["rule"], d["outcome"], d["arithmetic"], d["agree"], d["block"], d["stand_aside"], e["ts"])
        )
    proposal.status = d["outcome"]
    for amendment in proposal.pending():
        amendment.status = "fell"
        amendment.settled_at = e["ts"]


@handles("fallback_applied")
def _fallback_applied(m: Meeting, e: Event, d: Data) -> None:
    proposal = m.proposals.get(d["proposal"])
    decision = proposal.decision if proposal is not None else None
    if proposal is None or decision is None or decision.fallback_due is None or d["outcome"] not in OUTCOMES:
        return
    decision.stages.append(
        Stage(d["rule"], d["outcome"], d["arithmetic"], d["agree"], d["block"], d["stand_aside"], e["ts"])
    )
    decision.outcome, decision.label, decision.rule = d["outcome"], d["label"], d["rule"]
    decision.arithmetic, decision.present = d["arithmetic"], d["present"]
    decision.agree, decision.block, decision.stand_aside = d["agree"], d["block"], d["stand_aside"]
    decision.at = e["ts"]
    proposal.status = d["outcome"]


@handles("rule_changed")
def _rule_changed(m: Meeting, e: Event, d: Data) -> None:
    m.rule = d["rule"]
    m.fallback_rule = d["fallback"]
    m.rule_changes.append(RuleChange(d["rule"], d["fallback"], d["reason"], m.item, e["ts"]))


@handles("review_set")
def _review_set(m: Meeting, e: Event, d: Data) -> None:
    proposal = m.proposals.get(d["proposal"])
    if proposal is not None and proposal.decision is not None:
        proposal.decision.review = d["review"] or None
