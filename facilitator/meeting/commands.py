"""Commands: each checks the meeting as it stands and either gives events or is refused.

A command never writes; the session writes what it returns, under the store's lock, after
checking it again against the freshest meeting on disk. This is the base every rule module's
commands build on: the registry (`command`, COMMANDS), what a command is given and gives back
(Context, Outcome), and the checks several rules share (names, the stack's entries, agenda
items). It imports no rule module; facilitator.meeting.act loads them all and runs commands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from facilitator.errors import Refused
from facilitator.meeting.events import Actor
from facilitator.meeting.settings import ITEM_KINDS as ITEM_KINDS  # screens import it from here
from facilitator.meeting.settings import KIND_LABELS, KINDS
from facilitator.meeting.stack import order
from facilitator.meeting.state import Entry, Item, Meeting, Turn
from facilitator.meeting.text import clean_name


@dataclass(frozen=True)
class Context:
    """When a command runs, and who runs it."""

    now: float
    actor: Actor


@dataclass
class Outcome:
    """What a command decided: the events to write and one line saying what happened."""

    summary: str
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


Command = Callable[..., Outcome]
COMMANDS: dict[str, Command] = {}
PARTICIPANT_COMMANDS: set[str] = set()


def command(name: str, participant: bool = False) -> Callable[[Command], Command]:
    def register(fn: Command) -> Command:
        COMMANDS[name] = fn
        if participant:
            PARTICIPANT_COMMANDS.add(name)
        return fn

    return register


# ---- helpers ------------------------------------------------------------------------------


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def kind_of(kind: str) -> str:
    if kind not in KINDS:
        raise Refused(f"unknown kind '{kind}': use one of {', '.join(KINDS)}")
    return kind


def known_name(meeting: Meeting, raw: str) -> str:
    """A name as the meeting first recorded it, or as typed when it matches nobody (for free
    text such as an action item's owner, who may be absent)."""
    name = clean_name(raw)
    return meeting.person(name) or name


def person_named(meeting: Meeting, raw: str) -> str:
    """Someone present or seen earlier in this meeting, as first recorded (PROCESS.md 3.4).
    A name that matches nobody is refused with the closest ones: `attend` adds a person."""
    name = clean_name(raw)
    known = meeting.person(name)
    if known is not None:
        return known
    from facilitator.meeting.names import closest_names

    near = closest_names(name, meeting.people.values())
    guess = f": did you mean {' or '.join(near)}?" if near else "."
    raise Refused(f"nobody called {name} is here{guess} A newcomer is added with `attend {name}`")


def back_again(meeting: Meeting, name: str) -> list[tuple[str, dict[str, Any]]]:
    """Someone named who had left is marked present again (the outcome says so)."""
    return [] if meeting.is_present(name) else [("attended", {"name": name})]


def require_self(ctx: Context, name: str) -> None:
    me = ctx.actor.participant
    if me is not None and me.casefold() != name.casefold():
        raise Refused(f"{me} can only act for themself, not for {name}")


def position_of(meeting: Meeting, entry: Entry, now: float) -> str:
    places = order(meeting, now)
    ids = [p.entry.id for p in places]
    return f"{ordinal(ids.index(entry.id) + 1)} of {len(ids)}" if entry.id in ids else ""


def entry_for(meeting: Meeting, name: str, kind: str | None) -> Entry:
    mine = [e for e in meeting.waiting() if e.name.casefold() == name.casefold()]
    if kind is not None:
        mine = [e for e in mine if e.kind == kind]
    if not mine:
        what = f" with a {KIND_LABELS[kind]}" if kind else ""
        raise Refused(f"{name} is not on the stack{what}")
    if len(mine) > 1:
        kinds = ", ".join(KIND_LABELS[e.kind] for e in mine)
        raise Refused(f"{name} is on the stack more than once ({kinds}): say which kind")
    return mine[0]


def need_speaker(meeting: Meeting) -> Turn:
    if meeting.speaker is None:
        raise Refused("nobody has the floor")
    return meeting.speaker


def find_item(meeting: Meeting, ref: str | None) -> Item:
    items = list(meeting.items.values())
    if not items:
        raise Refused("the agenda is empty: add an item first")
    if ref is None:
        planned = [i for i in items if i.status == "planned"]
        if not planned:
            raise Refused("every agenda item has been taken up; name one to return to it")
        return planned[0]
    if ref.isdigit():
        number = int(ref)
        if not 1 <= number <= len(items):
            raise Refused(f"there is no item {number}: the agenda has {len(items)}")
        return items[number - 1]
    matches = [i for i in items if i.title.casefold().startswith(ref.casefold())]
    if len(matches) != 1:
        raise Refused(f"'{ref}' matches {len(matches)} agenda items: give its number")
    return matches[0]


def _leaving(meeting: Meeting, carry: bool | None) -> list[tuple[str, dict[str, Any]]]:
    """Close the current stack: end turns, and ask what to do with anyone still waiting."""
    waiting = meeting.waiting()
    if waiting and carry is None:
        raise Refused(f"{len(waiting)} still waiting on this stack: carry them over or clear the stack")
    events: list[tuple[str, dict[str, Any]]] = []
    for turn_id in meeting.suspended:
        events.append(("turn_ended", {"turn": turn_id}))
    if meeting.speaker is not None:
        events.append(("turn_ended", {"turn": meeting.speaker.id}))
    return events
