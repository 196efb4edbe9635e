"""Proposals, amendments, temperature checks and decisions (PROCESS.md 4-6): the fold.

A proposal's text at every version is derived from its events: v1 as presented, one more
version for every accepted amendment. Handlers stay tolerant: after an undo, later events may
name a proposal, amendment or check that no longer exists, and are then ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitator.meeting.events import EVENT_SHAPES, actor_label
from facilitator.meeting.state import Meeting, handles
from facilitator.meeting.wording import apply_amendment

Event = dict[str, Any]
Data = dict[str, Any]

# ---- what can be said in a temperature check (PROCESS.md 5.2) ------------------------------

SCALES: dict[str, tuple[str, ...]] = {
    "twinkles": ("up", "sideways", "down"),
    "thumbs": ("up", "sideways", "down"),
    "fist-to-five": ("0", "1", "2", "3", "4", "5"),
}
MEANINGS: dict[str, dict[str, str]] = {
    "fist-to-five": {
        "0": "opposed",  # never "block": a temperature check is not the final test (PROCESS.md 5.1)
        "1": "serious concerns",
        "2": "minor concerns",
        "3": "can live with it",
        "4": "good idea",
        "5": "will help carry it out",
    },
}
CUSTOM = "custom"

# ---- positions in a final test (PROCESS.md 6.2) -------------------------------------------

BLOCK, STAND_ASIDE, AGREE = "block", "stand_aside", "agree"
STANCES = (BLOCK, STAND_ASIDE, AGREE)
STANCE_WORDS = {BLOCK: "block", STAND_ASIDE: "stand aside", AGREE: "agree"}

# pending -> friendly | accepted | rejected | withdrawn | fell
AMENDMENT_FATES = {
    "pending": "pending",
    "friendly": "accepted as friendly",
    "accepted": "accepted by the assembly",
    "rejected": "rejected",
    "withdrawn": "withdrawn by its author",
    "fell": "fell with the proposal",
}
OUTCOMES = ("passed", "failed", "blocked", "tabled", "withdrawn")

EVENT_SHAPES.update(
    {
        "proposed": {"proposal": str, "title": str, "text": str, "presenters": list},
        "amended": {"amendment": str, "proposal": str, "by": str, "with": str, "version": int},
        "amendment_accepted": {"amendment": str, "friendly": bool},
        "amendment_rejected": {"amendment": str},
        "amendment_withdrawn": {"amendment": str},
        "check_started": {"check": int, "question": str, "scale": str, "options": list},
        "check_counted": {"check": int, "option": str, "count": int},
        "check_voted": {"check": int, "name": str, "option": str},
        "check_closed": {"check": int},
        "test_started": {"proposal": str, "version": int},
        "position_taken": {"proposal": str, "stance": str, "name": str, "reason": str},
        "positions_counted": {"proposal": str, "stance": str, "count": int},
        "decided": {
            "proposal": str,
            "outcome": str,
            "label": str,
            "counted": bool,
            "rule": str,
            "arithmetic": str,
            "reason": str,
            "agree": int,
            "block": int,
            "stand_aside": int,
            "present": int,
        },
        # the meeting's declared fallback, applied after its rule failed: the decision's second stage
        "fallback_applied": {
            "proposal": str,
            "outcome": str,
            "label": str,
            "rule": str,
            "arithmetic": str,
            "agree": int,
            "block": int,
            "stand_aside": int,
            "present": int,
        },
        "rule_changed": {"rule": str, "fallback": (str, type(None)), "reason": str},
    }
)


@dataclass
class Version:
    """One text of a proposal: v1 as proposed, each later one made by an accepted amendment."""

    number: int
    text: str
    amendment: str | None  # the accepted amendment that made it; None for v1
    at: float


@dataclass
class Amendment:
    """A change offered to a proposal's text, and what became of it."""

    id: str  # P1-A1
    proposal: str
    by: str
    replace: str | None  # the passage replaced; None when it gives a whole new text
    with_text: str
    on_version: int  # the version it was written against
    made_at: float
    status: str = "pending"
    settled_at: float | None = None
    version: int | None = None  # the version it made, once accepted

    @property
    def fate(self) -> str:
        made = f" (made v{self.version})" if self.version else ""
        return AMENDMENT_FATES.get(self.status, self.status) + made

    @property
    def accepted(self) -> bool:
        return self.status in ("friendly", "accepted")


@dataclass
class Position:
    """One named person's stance in the final test, with their reason."""

    name: str
    stance: str
    reason: str = ""


@dataclass
class FinalTest:
    """Blocks, stand-asides and agreement on one version: named people and counts without names."""

    version: int
    started_at: float
    named: dict[str, Position] = field(default_factory=dict)  # casefold name -> position
    counted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STANCES, 0))

    def names(self, stance: str) -> list[Position]:
        return [p for p in self.named.values() if p.stance == stance]

    def total(self, stance: str) -> int:
        return len(self.names(stance)) + self.counted.get(stance, 0)

    @property
    def stage(self) -> str:
        """Which question the test has reached: blocks first, then stand-asides, then agreement."""
        if self.total(AGREE):
            return AGREE
        if self.total(STAND_ASIDE):
            return STAND_ASIDE
        return BLOCK


@dataclass
class Stage:
    """One rule applied to a final test: the meeting's rule, then, once it failed, its fallback."""

    rule: str
    outcome: str
    arithmetic: str
    agree: int
    block: int
    stand_aside: int
    at: float


@dataclass
class RuleChange:
    """The assembly changed its decision rule (or its fallback) on record, and why."""

    rule: str
    fallback: str | None
    reason: str
    item: int | None
    at: float


@dataclass
class Decision:
    """How a proposal ended, worded for the minutes. Its outcome, rule and counts are those of
    its last stage; `stages` keeps each rule applied, in order."""

    proposal: str
    outcome: str  # passed, failed, blocked, tabled, withdrawn
    label: str  # "passed (consensus)", "passed with friendly amendments (P1-A1)", ...
    counted: bool  # False: reached without counts (--outcome)
    rule: str
    arithmetic: str
    reason: str
    version: int
    text: str
    agree: int
    block: int
    stand_aside: int
    present: int
    quorum: int | None
    stand_asides_count: bool
    blocks: list[Position]
    stand_asides: list[Position]
    agreeing: list[str]
    at: float
    by: str
    by_role: str | None = None  # the role of the terminal that recorded it: what the room sees
    stages: list[Stage] = field(default_factory=list)
    fallback: str | None = None  # the fallback in force when the meeting's rule failed
    present_names: list[str] = field(default_factory=list)

    @property
    def fallback_due(self) -> str | None:
        """The fallback that may still be applied: the meeting's rule failed and it has not been."""
        if self.fallback and len(self.stages) == 1 and self.outcome in ("blocked", "failed"):
            return self.fallback
        return None


@dataclass
class Proposal:
    """A proposal before the assembly: its versions, its amendments, its final test."""

    id: str
    title: str
    presenters: list[str]
    item: int | None
    proposed_at: float
    versions: list[Version] = field(default_factory=list)
    amendments: dict[str, Amendment] = field(default_factory=dict)
    status: str = "open"  # open, testing, passed, failed, blocked, tabled, withdrawn
    test: FinalTest | None = None
    decision: Decision | None = None

    @property
    def version(self) -> int:
        return len(self.versions)

    @property
    def text(self) -> str:
        return self.versions[-1].text

    def text_at(self, version: int) -> str:
        return self.versions[version - 1].text

    def pending(self) -> list[Amendment]:
        return [a for a in self.amendments.values() if a.status == "pending"]

    @property
    def decided(self) -> bool:
        return self.decision is not None

    @property
    def number(self) -> int:
        return int(self.id[1:])


@dataclass
class TemperatureCheck:
    """A temperature check: a question, its scale, and how the room answered."""

    id: int
    question: str
    scale: str  # twinkles, thumbs, fist-to-five, custom
    options: list[str]
    about: str | None  # a proposal (P1) or an amendment (P1-A1); None: a free question
    item: int | None
    opened_at: float
    closed_at: float | None = None
    room: dict[str, int] = field(default_factory=dict)  # counted by hand in the room
    votes: dict[str, tuple[str, str]] = field(default_factory=dict)  # casefold name -> (name, option)

    @property
    def open(self) -> bool:
        return self.closed_at is None

    def terminal(self) -> dict[str, int]:
        """Votes from participants' own terminals, per option."""
        counts = dict.fromkeys(self.options, 0)
        for _, option in self.votes.values():
            counts[option] = counts.get(option, 0) + 1
        return counts

    def room_counts(self) -> dict[str, int]:
        return {option: self.room.get(option, 0) for option in self.options}

    def together(self) -> dict[str, int]:
        terminal = self.terminal()
        return {option: self.room.get(option, 0) + terminal[option] for option in self.options}

    @property
    def total(self) -> int:
        return sum(self.together().values())

    def meaning(self, option: str) -> str:
        return MEANINGS.get(self.scale, {}).get(option, "")


# ---- the fold -----------------------------------------------------------------------------


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
        item=m.item,
        proposed_at=e["ts"],
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
