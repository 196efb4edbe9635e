"""Proposals, amendments, temperature checks and decisions (PROCESS.md 4-6): their shapes, their
events' shapes, and what can be said in a check or a final test.

A proposal's text at every version is derived from its events (proposal_fold.py): v1 as
presented, one more version for every accepted amendment. Handlers stay tolerant: after an undo,
later events may name a proposal, amendment or check that no longer exists, and are then ignored.
This module imports no state, so the state can hold these shapes without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitator.meeting.events import EVENT_SHAPES

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
        "review_set": {"proposal": str, "review": str},  # when the group reviews an agreement
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
    review: str | None = None  # YYYY-MM-DD: when the group looks at this agreement again

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
    carried_from: str | None = None  # MEETING:P2: the undecided proposal of an earlier meeting it continues

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
