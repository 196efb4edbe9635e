"""Properties over any sequence of commands, refused ones included:

(a) replaying the stored events (reopening the file) rebuilds exactly the state the live
    sessions built as they went, and the answers the live meeting keeps between events (the
    serving order, airtime, who spoke) are those a fresh fold gives;
(b) no sequence of commands loses or duplicates a stack entry;
(c) a manual move puts the entry where it was asked.

Each example is a real meeting file on disk. FACILITATOR_PROPERTY_EXAMPLES=1000 digs deeper.
"""

from __future__ import annotations

import itertools
import os
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.clock import FakeClock
from facilitator.errors import Refused
from facilitator.meeting.events import Actor
from facilitator.meeting.settings import KINDS, MODES, Settings
from facilitator.meeting.stack import order
from facilitator.meeting.state import Meeting
from facilitator.session import Session
from facilitator.store import locations, meetings

EXAMPLES = int(os.environ.get("FACILITATOR_PROPERTY_EXAMPLES", "40"))
PEOPLE = ("Ana", "Bob", "Cal", "Dee")
START = 1_764_000_000.0
_ids = itertools.count()

property_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# A name as people type it: any case.
names = st.sampled_from(PEOPLE).flatmap(lambda n: st.sampled_from([n, n.lower(), n.upper()]))
kinds = st.sampled_from(KINDS)
carry = st.sampled_from([None, True, False])

ARGS: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "hand": st.fixed_dictionaries({"name": names, "kind": kinds, "step_up": st.booleans()}),
    "lower": st.fixed_dictionaries({"name": names, "kind": st.none() | kinds}),
    "move": st.fixed_dictionaries({"name": names, "position": st.integers(0, 4), "kind": st.none() | kinds}),
    "extend": st.fixed_dictionaries({"seconds": st.integers(-10, 120)}),
    "attend": st.fixed_dictionaries({"names": st.lists(names, max_size=3)}),
    "leave": st.fixed_dictionaries({"name": names}),
    "stack_mode": st.fixed_dictionaries({"mode": st.sampled_from(MODES)}),
    "agenda_add": st.fixed_dictionaries({"title": st.sampled_from(["Budget", "Garden"])}),
    "agenda_start": st.fixed_dictionaries({"item": st.none() | st.sampled_from(["1", "2", "3"]), "carry": carry}),
    "agenda_done": st.fixed_dictionaries({"carry": carry}),
}
# Hands and `next` often, so that stacks fill up, turns pile up and points of process happen.
ACTIONS = ["hand"] * 8 + ["next"] * 4 + ["end", "pause", "resume", "lower", "move", "move", "extend", "attend"]
ACTIONS += ["leave", "stack_close", "stack_open", "stack_mode", "agenda_add", "agenda_start", "agenda_done", "undo"]
commands = st.sampled_from(ACTIONS).flatmap(lambda a: st.tuples(st.just(a), ARGS.get(a, st.just({}))))
# Who acts: two operator terminals and a participant (who may act only for themself).
who = st.sampled_from(["op1", "op1", "op2", "Ana"])
steps = st.lists(st.tuples(who, commands, st.sampled_from([0, 0, 1, 5, 30, 90, 150])), min_size=10, max_size=40)
meeting_settings = st.builds(Settings, mode=st.sampled_from(MODES), no_twice_in_row=st.booleans())


def fresh_meeting(root: Path, clock: FakeClock, actor: Actor, setup: Settings) -> Path:
    meeting_id = meetings.create(root, "Property", actor, clock.now(), settings=setup, meeting_id=f"p{next(_ids)}")
    return locations.meeting_file(root, meeting_id)


def try_act(session: Session, action: str, args: dict[str, Any]) -> bool:
    try:
        session.act(action, **args)
    except Refused:
        return False
    return True


def served(meeting: Meeting, now: float) -> list[tuple[str, str]]:
    return [(p.entry.name, p.entry.kind) for p in order(meeting, now)]


def answers(meeting: Meeting, now: float) -> tuple[Any, ...]:
    """What the screens ask of a meeting several times a second, and the meeting keeps until
    the next event: the serving order with its reasons, airtime, who spoke, the last turn."""
    return (
        [(p.entry.id, p.reason) for p in order(meeting, now)],
        meeting.airtime(now),
        meeting.airtime(now, meeting.item),
        meeting.spoken_on_item(),
        meeting.last_turn(),
    )


# ---- (a) replay rebuilds the live state -----------------------------------------------------


@property_settings
@given(setup=meeting_settings, script=steps)
def test_replaying_the_stored_events_rebuilds_the_live_state(
    data_root: Path, setup: Settings, script: list[tuple[str, tuple[str, dict[str, Any]], int]]
) -> None:
    clock = FakeClock(START)
    actors = {
        "op1": Actor("ana", role="stack", terminal="op1"),
        "op2": Actor("bo", role="facilitator", terminal="op2"),
        "Ana": Actor("ana", participant="Ana", terminal="ana-phone"),
    }
    path = fresh_meeting(data_root, clock, actors["op1"], setup)
    sessions = {key: Session.open(path, actor, clock) for key, actor in actors.items()}
    sessions["op1"].act("attend", names=list(PEOPLE))  # the script's leave and attend come and go from here
    for key, (action, args), seconds in script:
        session = sessions[key]
        answers(session.meeting, clock.now())  # asked before: kept answers must not go stale
        clock.advance(seconds)
        if key == "Ana" and "name" in args and action in ("hand", "lower"):
            args = {**args, "name": "Ana"}  # a participant mostly acts for themself
        try_act(session, action, args)
        replayed = Session.open(path, actors[key], clock).meeting
        assert replayed == session.meeting, f"after {action} {args}"
        assert answers(replayed, clock.now()) == answers(session.meeting, clock.now()), f"after {action} {args}"
    for session in sessions.values():
        session.refresh()
        assert session.meeting == Session.open(path, session.actor, clock).meeting


# ---- (b) no entry is ever lost or duplicated -----------------------------------------------

Model = dict[int | None, Counter[tuple[str, str]]]  # agenda item -> waiting (name, kind)


def waiting_by_item(meeting: Meeting) -> Model:
    found: Model = {}
    for entry in meeting.entries.values():
        found.setdefault(entry.item, Counter())[(entry.name.casefold(), entry.kind)] += 1
    return found


def expect(model: Model, meeting: Meeting, now: float, action: str, args: dict[str, Any]) -> tuple[Model, bool | None]:
    """What the stack must hold if the action is accepted, and whether it must be refused
    (True), must be accepted (False), or may go either way on other grounds (None)."""
    after: Model = {item: Counter(pairs) for item, pairs in model.items()}
    here = after.setdefault(meeting.item, Counter())
    if action == "hand":
        pair = (args["name"].casefold(), args.get("kind", "new"))
        if here[pair]:
            return after, True
        here[pair] += 1
        return after, None
    if action == "lower":
        mine = [p for p in here if p[0] == args["name"].casefold() and args["kind"] in (None, p[1])]
        if len(mine) == 1:
            del here[mine[0]]
            return after, False
        return after, True
    if action == "leave":
        for pairs in after.values():
            for pair in [p for p in pairs if p[0] == args["name"].casefold()]:
                del pairs[pair]
        return after, None
    if action == "next":
        current = meeting.speaker
        if current is not None and current.kind == "process" and meeting.suspended:
            return after, False  # the paused speaker comes back; the stack is untouched
        places = order(meeting, now)
        if places:
            top = places[0].entry
            here[(top.name.casefold(), top.kind)] -= 1
            return after, False
        return after, current is None
    if action in ("agenda_start", "agenda_done"):
        if sum(here.values()) and args["carry"] is None:
            return after, True
        return after, None  # where the waiting go depends on the item: checked after the fact
    return after, None


@property_settings
@given(setup=meeting_settings, script=steps)
def test_no_sequence_of_commands_loses_or_duplicates_a_stack_entry(
    data_root: Path, setup: Settings, script: list[tuple[str, tuple[str, dict[str, Any]], int]]
) -> None:
    clock = FakeClock(START)
    actor = Actor("ana", role="stack", terminal="op1")
    session = Session.open(fresh_meeting(data_root, clock, actor, setup), actor, clock)
    session.act("attend", names=list(PEOPLE))
    model: Model = {}
    history: list[Model] = [{}]  # the model before each action still in force, for undo (the attend first)
    for _, (action, args), seconds in script:
        clock.advance(seconds)
        meeting = session.meeting
        before_item = meeting.item
        after, must_refuse = expect(model, meeting, clock.now(), action, args)
        accepted = try_act(session, action, args)
        if must_refuse is not None:
            assert accepted is not must_refuse, f"{action} {args}: accepted={accepted}"
        if not accepted:
            continue
        if action == "undo":
            model = history.pop()
        elif action in ("agenda_start", "agenda_done"):
            # The waiting go with the assembly (carry) or are cleared; nothing else changes.
            moving = after.pop(before_item, Counter())
            if args["carry"]:
                after.setdefault(session.meeting.item, Counter()).update(moving)
            history.append(model)
            model = after
        else:
            history.append(model)
            model = after
        model = {item: +pairs for item, pairs in model.items() if +pairs}
        assert waiting_by_item(session.meeting) == model, f"after {action} {args}"
        listed = served(session.meeting, clock.now())
        assert len(listed) == len(set(listed)), "an entry is listed twice"
        assert Counter((n.casefold(), k) for n, k in listed) == model.get(session.meeting.item, Counter())


# ---- (c) a move lands where it was asked ---------------------------------------------------


@settings(max_examples=EXAMPLES * 2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    mode=st.sampled_from(MODES),
    raised=st.lists(st.tuples(st.sampled_from(PEOPLE), kinds), min_size=1, max_size=7, unique=True),
    moves=st.lists(st.tuples(st.integers(0, 6), st.integers(1, 7)), min_size=1, max_size=6),
)
def test_a_move_puts_the_entry_where_it_was_asked(
    data_root: Path, mode: str, raised: list[tuple[str, str]], moves: list[tuple[int, int]]
) -> None:
    clock = FakeClock(START)
    actor = Actor("ana", role="stack", terminal="op1")
    session = Session.open(fresh_meeting(data_root, clock, actor, Settings(mode=mode)), actor, clock)
    session.act("attend", names=["Zoe", "Ana", "Bob", "Cal", "Dee"])
    session.act("hand", name="Zoe")
    session.act("next")
    for name, kind in raised:
        clock.advance(3)
        session.act("hand", name=name, kind=kind)
    for which, position in moves:
        places = order(session.meeting, clock.now())
        entry = places[which % len(places)].entry
        position = min(position, len(places))
        session.act("move", name=entry.name, position=position, kind=entry.kind)
        after = [p.entry.id for p in order(session.meeting, clock.now())]
        assert after.index(entry.id) == position - 1
        assert sorted(after) == sorted(p.entry.id for p in places)
