"""The meeting as it stands: a fold of its events. Pure: no disk, no clock of its own."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from facilitator.clock import format_duration
from facilitator.meeting.events import actor_label
from facilitator.meeting.proposals import Proposal, RuleChange, TemperatureCheck
from facilitator.meeting.records import ActionItem, ActionReview, CarriedAction, NextMeeting, Note, ReviewDue, RoleTerm
from facilitator.meeting.settings import Settings


@dataclass(slots=True)
class Entry:
    """A raised hand waiting on the stack."""

    id: int
    name: str
    kind: str
    asked_at: float
    item: int | None
    step_up: bool = False
    answers: int | None = None  # the turn a response answers
    moved_by: str | None = None
    # where a manual move put it: before this entry, or else after that one
    moved_before: int | None = None
    moved_after: int | None = None
    moved_seq: int = 0
    by_participant: bool = False
    late: bool = False  # added by the operator after the stack closed (PROCESS.md 1.8)


@dataclass(slots=True)
class Turn:
    """A speaking turn. Its clock is computed from its events and now, never from ticks."""

    id: int
    name: str
    kind: str
    limit: float
    started_at: float
    item: int | None
    answers: int | None = None
    extended: float = 0.0
    pauses: list[list[float | None]] = field(default_factory=list)
    ended_at: float | None = None
    suspended: bool = False  # paused by a point of process

    @property
    def paused(self) -> bool:
        return bool(self.pauses) and self.pauses[-1][1] is None

    def spoken(self, now: float) -> float:
        end = self.ended_at if self.ended_at is not None else now
        paused = 0.0
        for start, stop in self.pauses:
            assert start is not None
            paused += (stop if stop is not None else end) - start
        return max(0.0, end - self.started_at - paused)

    def remaining(self, now: float) -> float | None:
        """Seconds left, negative in overtime; None for a stopwatch turn (limit 0)."""
        if self.limit <= 0:
            return None
        return self.limit + self.extended - self.spoken(now)


@dataclass(slots=True)
class Spoken:
    """Seconds spoken per person, in the order they first spoke: ended turns summed once, the
    turns still open (the speaker's, one waiting out a point of process) counted at `now`."""

    ended: dict[str, float]
    open: list[Turn]

    @classmethod
    def of(cls, turns: Iterable[Turn]) -> Spoken:
        ended: dict[str, float] = {}
        still_open = []
        for turn in turns:
            ended[turn.name] = ended.get(turn.name, 0.0) + (turn.spoken(0.0) if turn.ended_at is not None else 0.0)
            if turn.ended_at is None:
                still_open.append(turn)
        return cls(ended, still_open)

    def at(self, now: float) -> dict[str, float]:
        totals = dict(self.ended)
        for turn in self.open:
            totals[turn.name] += turn.spoken(now)
        return totals


@dataclass(slots=True)
class Item:
    """An item on the agenda, with its time and its turn limits."""

    id: int
    title: str
    minutes: float
    kind: str
    presenter: str | None = None
    started_at: float | None = None
    ended_at: float | None = None
    status: str = "planned"  # planned, active, done
    limits: dict[str, int] = field(default_factory=dict)  # turn limits of this item, by kind
    # business carried from an earlier meeting of the series (facilitator new --after)
    carried_from: str | None = None  # the date of the meeting it was tabled in or not taken up
    follow_up: list[CarriedAction] = field(default_factory=list)  # "Action items from last time"
    review_of: ReviewDue | None = None  # a decision due for review


@dataclass(slots=True)
class LogLine:
    """One action as the recent actions and the minutes tell it."""

    action: int
    ts: float
    actor: dict[str, Any]
    summary: str
    undone: bool = False
    type: str = ""
    setup: bool = False  # written when the meeting was created (`new`), not during it

    @property
    def author(self) -> str:
        return actor_label(self.actor)


@dataclass
class Meeting:
    """A meeting as its events leave it: the fold's result, which every screen and the minutes read."""

    title: str = ""
    date: str = ""
    location: str = ""
    opened_at: float = 0.0  # when the meeting was created, not when it began
    series: str | None = None  # the id of the series' first meeting (facilitator new --after)
    after: str | None = None  # the meeting of the series this one follows
    settings: Settings = field(default_factory=Settings)
    begun_at: float | None = None  # `begin`, or the first item or turn (PROCESS.md 3.5)
    adjourned_at: float | None = None
    # the decision rule and its fallback in force (PROCESS.md 6.6): the settings', then as
    # changed on record by `decision-rule`
    rule: str = "consensus"
    fallback_rule: str | None = None
    rule_changes: list[RuleChange] = field(default_factory=list)
    present: dict[str, str] = field(default_factory=dict)  # casefold -> name, in arrival order
    people: dict[str, str] = field(default_factory=dict)  # everyone who attended at some point
    entries: dict[int, Entry] = field(default_factory=dict)
    # every manual move, in the order made: (entry, before, after); replayed by stack.order
    moves: list[tuple[int, int | None, int | None]] = field(default_factory=list)
    stack_closed: bool = False
    mode: str = "off"
    turns: dict[int, Turn] = field(default_factory=dict)
    current: int | None = None  # the turn that has the floor
    suspended: list[int] = field(default_factory=list)  # turns waiting out a point of process
    items: dict[int, Item] = field(default_factory=dict)
    item: int | None = None  # the active agenda item; None is the general stack
    # proposals, amendments, temperature checks, decisions (PROCESS.md 4-6): see proposal_fold.py
    proposals: dict[str, Proposal] = field(default_factory=dict)
    checks: list[TemperatureCheck] = field(default_factory=list)
    # quorum, roles, notes and action items (PROCESS.md 3, 7): see record_fold.py
    quorum: int | None = None
    roles: dict[str, str | None] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    action_reviews: list[ActionReview] = field(default_factory=list)  # in the order recorded
    role_terms: list[RoleTerm] = field(default_factory=list)  # every holder of every role, in order
    next_meeting: NextMeeting | None = None
    log: list[LogLine] = field(default_factory=list)
    undone: set[int] = field(default_factory=set)
    last_seq: int = 0
    last_ts: float = 0.0
    last_action_ts: float = 0.0  # the last action of the meeting itself (creation aside)
    turns_seq: int = 0  # the last event that started or ended a turn

    # ---- questions the rules and the screens ask -------------------------------------------

    def person(self, name: str) -> str | None:
        """The name as first recorded, matching without regard to case."""
        return self.people.get(name.casefold())

    def is_present(self, name: str) -> bool:
        return name.casefold() in self.present

    def waiting(self) -> list[Entry]:
        """Entries on the current stack, in request order (not yet in serving order)."""
        return [e for e in self.entries.values() if e.item == self.item]

    def waiting_entry(self, name: str, kind: str) -> Entry | None:
        for entry in self.waiting():
            if entry.kind == kind and entry.name.casefold() == name.casefold():
                return entry
        return None

    @property
    def speaker(self) -> Turn | None:
        return self.turns.get(self.current) if self.current is not None else None

    def last_turn(self) -> Turn | None:
        """The turn a response would answer: the current one, else the last to end on this item."""
        if self.speaker is not None:
            return self.speaker
        last: Turn | None = self._kept(("last ended", self.item), self._last_ended)
        return last

    def _last_ended(self) -> Turn | None:
        ended = [t for t in self.turns.values() if t.item == self.item and t.ended_at is not None]
        return max(ended, key=lambda t: (t.ended_at or 0.0, t.id)) if ended else None

    def airtime(self, now: float, item: int | str | None = "all") -> dict[str, float]:
        """Speaking time per person (pauses excluded), for the meeting or for one item."""
        spoken: Spoken = self._kept(
            ("airtime", item), lambda: Spoken.of(t for t in self.turns.values() if item == "all" or t.item == item)
        )
        return spoken.at(now)

    def spoken_on_item(self) -> frozenset[str]:
        """Who has had a turn on the current item (casefolded names)."""
        found: frozenset[str] = self._kept(
            ("spoken on", self.item),
            lambda: frozenset(t.name.casefold() for t in self.turns.values() if t.item == self.item),
        )
        return found

    def has_spoken_on_item(self, name: str) -> bool:
        return name.casefold() in self.spoken_on_item()

    def _kept(self, key: tuple[str, int | str | None], compute: Callable[[], Any]) -> Any:
        """What is worked out over every turn, kept until a turn starts or ends (the screens
        ask several times a second, and a congress has thousands of turns)."""
        # kept beside the dataclass's fields, so that the meeting's value (==, asdict) is only
        # what its events made it
        seq, kept = self.__dict__.get("_by_turns", (-1, {}))
        if seq != self.turns_seq:
            kept = {}
            self.__dict__["_by_turns"] = (self.turns_seq, kept)
        if key not in kept:
            kept[key] = compute()
        return kept[key]

    def limit_for(self, kind: str) -> int:
        """The turn limit of a kind: the current item's own, else the meeting's (PROCESS.md 2.2)."""
        item = self.items.get(self.item) if self.item is not None else None
        if item is not None and kind in item.limits:
            return item.limits[kind]
        return self.settings.limits.get(kind, 0)

    @property
    def adjourned(self) -> bool:
        return self.adjourned_at is not None

    def meeting_clock(self, now: float) -> str:
        """The meeting's own clock in words: from its opening to its adjournment (or now)."""
        if self.begun_at is None:
            return "not begun"
        end = self.adjourned_at if self.adjourned_at is not None else now
        return f"meeting {format_duration(max(0.0, end - self.begun_at))}"

    def action_status(self, ref: str) -> ActionReview | None:
        """The latest review of an action item in this meeting (None: not reviewed here)."""
        return next((r for r in reversed(self.action_reviews) if r.action == ref), None)

    def carried_actions(self) -> list[CarriedAction]:
        """The action items carried from earlier meetings, in agenda order."""
        return [a for item in self.items.values() for a in item.follow_up]

    def known_actions(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """What and whose each action item this meeting can name is, by id: its own, those carried
        to it, and other meetings' it reviewed (as recorded with the review)."""
        known = {a.ref: (a.text, tuple(a.owners)) for a in self.actions}
        known.update({a.ref: (a.text, a.owners) for a in self.carried_actions()})
        known.update({r.action: (r.text, r.owners) for r in self.action_reviews if r.action not in known})
        return known

    def recent(self, count: int = 8) -> list[LogLine]:
        return self.log[-count:]


# ---- the fold ------------------------------------------------------------------------------

Handler = Callable[[Meeting, dict[str, Any], dict[str, Any]], None]
HANDLERS: dict[str, Handler] = {}


def handles(event_type: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        HANDLERS[event_type] = fn
        return fn

    return register


def fold(events: Iterable[dict[str, Any]]) -> Meeting:
    """Replay every event; actions that were undone are skipped as if they never happened."""
    events = list(events)
    undone = {e["data"]["action"] for e in events if e["type"] == "undone"}
    meeting = Meeting()
    meeting.undone = undone
    for event in events:
        _apply(meeting, event)
    return meeting


def fold_known(meeting: Meeting, event: dict[str, Any]) -> None:
    """Fold one more event onto a meeting whose undone actions were all known beforehand
    (meeting.undone): a fold that reads its events one at a time."""
    _apply(meeting, event)


def apply(meeting: Meeting, event: dict[str, Any]) -> Meeting:
    """Fold one more event onto a meeting. An undo needs the whole history: callers refold."""
    if event["type"] == "undone":
        raise ValueError("an undo changes history: refold from the start")
    _apply(meeting, event)
    return meeting


def _apply(meeting: Meeting, event: dict[str, Any]) -> None:
    meeting.last_seq = event["seq"]
    meeting.last_ts = max(meeting.last_ts, event["ts"])
    setup = bool(event.get("setup")) or event["type"] == "meeting_opened"
    if not setup:
        meeting.last_action_ts = max(meeting.last_action_ts, event["ts"])
    skipped = event["action"] in meeting.undone
    if "summary" in event:
        actor = _shared(event["actor"])
        if event["type"] != "undone":
            # each parsed event has its own copy of its type: thousands of lines share a few
            kind = sys.intern(event["type"])
            meeting.log.append(LogLine(event["action"], event["ts"], actor, event["summary"], skipped, kind, setup))
        elif not skipped:
            meeting.log.append(LogLine(event["action"], event["ts"], actor, event["summary"], type="undone"))
    if skipped or event["type"] == "undone":
        return
    HANDLERS[event["type"]](meeting, event, event["data"])


# One dict per actor for every log line it wrote: the same few terminals act thousands of times,
# and each stored event parses into a dict of its own (~400 bytes). Never changed once stored.
_ACTORS: dict[tuple[tuple[str, ...], tuple[type, ...], tuple[Any, ...]], dict[str, Any]] = {}


def _shared(actor: dict[str, Any]) -> dict[str, Any]:
    if len(_ACTORS) > 10_000:  # a meeting of that many actors is not the common case to save on
        _ACTORS.clear()
    try:
        values = tuple(actor.values())
        return _ACTORS.setdefault((tuple(actor), tuple(map(type, values)), values), actor)
    except TypeError:  # a value that cannot be a key (Facilitator writes none): kept as it is
        return actor
