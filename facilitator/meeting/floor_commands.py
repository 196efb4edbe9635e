"""The floor's commands: attendance, the meeting begun and adjourned, the stack, speaking turns,
agenda items as they are taken, and undo (PROCESS.md 1-3). Each registers itself with
`command`; facilitator.meeting.act loads this module with the other rule modules.
"""

from __future__ import annotations

from typing import Any

from facilitator.clock import clock_time, format_duration
from facilitator.errors import Refused
from facilitator.meeting.commands import (
    Context,
    Outcome,
    _leaving,
    back_again,
    command,
    entry_for,
    find_item,
    kind_of,
    known_name,
    need_speaker,
    ordinal,
    person_named,
    require_self,
)
from facilitator.meeting.records import CarriedAction, ReviewDue
from facilitator.meeting.settings import ITEM_KINDS, KIND_LABELS, MODES, role_label
from facilitator.meeting.stack import order
from facilitator.meeting.state import Entry, Meeting
from facilitator.meeting.text import clean_title, name_key
from facilitator.meeting.when import check_date

# ---- attendance ---------------------------------------------------------------------------


@command("attend")
def attend(meeting: Meeting, ctx: Context, names: list[str], seen_before: list[str] | None = None) -> Outcome:
    """Arriving is the one way a person joins the record (PROCESS.md 3.4). `seen_before`: the
    people of earlier meetings, whose spelling a name typed otherwise ("ben  okoro") takes."""
    if not names:
        raise Refused("name at least one person who arrived")
    spelled = {name_key(n): n for n in seen_before or []}
    events: list[tuple[str, dict[str, Any]]] = []
    arrived: list[str] = []
    back: list[str] = []
    seen: set[str] = set()
    for raw in names:
        name = known_name(meeting, raw)
        if meeting.person(name) is None:
            name = spelled.get(name_key(name), name)
        if meeting.is_present(name) or name.casefold() in seen:
            continue
        seen.add(name.casefold())
        events.append(("attended", {"name": name}))
        (back if meeting.person(name) else arrived).append(name)
    if not events:
        raise Refused(f"{', '.join(dict.fromkeys(known_name(meeting, n) for n in names))} already present")
    parts = [f"present: {', '.join(arrived)}"] if arrived else []
    if back:
        parts.append(f"back: {', '.join(back)}")
    return Outcome(f"{'; '.join(parts)} ({len(meeting.present) + len(events)} in all)", events)


@command("leave")
def leave(meeting: Meeting, ctx: Context, name: str) -> Outcome:
    name = person_named(meeting, name)
    if not meeting.is_present(name):
        raise Refused(f"{name} is not present")
    if meeting.speaker is not None and meeting.speaker.name.casefold() == name.casefold():
        raise Refused(f"{name} has the floor: end their turn first")
    # A speaker paused for a point of process gets the floor back when it ends.
    if any(meeting.turns[t].name.casefold() == name.casefold() for t in meeting.suspended):
        raise Refused(f"{name} has the floor (paused for a point of process): end their turn first")
    lowered = len([e for e in meeting.waiting() if e.name.casefold() == name.casefold()])
    note = f", {lowered} hand(s) taken off the stack" if lowered else ""
    return Outcome(f"{name} left{note}", [("left", {"name": name})])


# ---- the meeting begins and is adjourned (PROCESS.md 3.5) ---------------------------------


@command("begin")
def begin(meeting: Meeting, ctx: Context) -> Outcome:
    if meeting.begun_at is not None:
        raise Refused(f"the meeting began at {clock_time(meeting.begun_at)}")
    return Outcome(f"the meeting begins ({clock_time(ctx.now)})", [("meeting_begun", {})])


@command("adjourn")
def adjourn(meeting: Meeting, ctx: Context) -> Outcome:
    """End any turn, finish the item under way (clearing its stack), close an open check."""
    events = _leaving(meeting, carry=False)
    said = []
    if meeting.speaker is not None or meeting.suspended:
        said.append("the turn ended")
    waiting = len(meeting.waiting())
    if waiting:
        said.append(f"{waiting} still waiting taken off the stack")
    if meeting.item is not None:
        events.append(("item_done", {"item": meeting.item, "carry": False}))
        said.append(f"done: {meeting.items[meeting.item].title}")
    for check in meeting.checks:
        if check.open:
            events.append(("check_closed", {"check": check.id}))
            said.append(f"check {check.id} closed")
    events.append(("adjourned", {}))
    more = f" ({'; '.join(said)})" if said else ""
    return Outcome(f"the meeting is adjourned at {clock_time(ctx.now)}{more}", events)


@command("reopen")
def reopen(meeting: Meeting, ctx: Context) -> Outcome:
    if meeting.adjourned_at is None:
        raise Refused("the meeting is not adjourned")
    return Outcome(
        f"the meeting is reopened (it was adjourned at {clock_time(meeting.adjourned_at)})", [("reopened", {})]
    )


# ---- the stack ----------------------------------------------------------------------------


@command("hand", participant=True)
def hand(
    meeting: Meeting, ctx: Context, name: str, kind: str = "new", step_up: bool = False, late: bool = False
) -> Outcome:
    """`late`: the operator adds, on purpose and on record, a hand raised before the stack closed."""
    kind = kind_of(kind)
    name = person_named(meeting, name)
    require_self(ctx, name)
    if meeting.waiting_entry(name, kind) is not None:
        raise Refused(f"{name} is already on the stack ({KIND_LABELS[kind]})")
    if meeting.stack_closed and kind == "new" and not late:
        raise Refused("the stack is closed to new points (points of process are still welcome)")
    if late and (ctx.actor.participant or not meeting.stack_closed or kind != "new"):
        raise Refused("a late addition is for a new point while the stack is closed, made by the operator")
    data: dict[str, Any] = {"name": name, "kind": kind, "step_up": bool(step_up)}
    if late:
        data["late"] = True
    if kind == "response":
        answered = meeting.last_turn()
        if answered is None:
            raise Refused("nobody has spoken yet on this item, so there is nothing to respond to")
        data["answers"] = answered.id
    events = back_again(meeting, name)
    events.append(("hand_raised", data))
    mark = ", step up" if step_up else ""
    mark += ", added late: the stack is closed" if late else ""
    arrived = " (back, and marked present again)" if len(events) > 1 else ""
    return Outcome(f"{name} is on the stack ({KIND_LABELS[kind]}{mark}){arrived}", events)


@command("lower", participant=True)
def lower(meeting: Meeting, ctx: Context, name: str, kind: str | None = None) -> Outcome:
    name = person_named(meeting, name)
    require_self(ctx, name)
    entry = entry_for(meeting, name, kind_of(kind) if kind else None)
    own = ctx.actor.participant is not None
    who = ctx.actor.role or "the operator"
    text = f"{entry.name} lowered their hand" if own else f"{entry.name} taken off the stack by {who}"
    return Outcome(f"{text} ({KIND_LABELS[entry.kind]})", [("hand_lowered", {"entry": entry.id, "removed": not own})])


@command("move")
def move(meeting: Meeting, ctx: Context, name: str, position: int, kind: str | None = None) -> Outcome:
    name = person_named(meeting, name)
    entry = entry_for(meeting, name, kind_of(kind) if kind else None)
    places = [p.entry.id for p in order(meeting, ctx.now)]
    if not 1 <= position <= len(places):
        raise Refused(f"position {position} is off the stack: choose 1 to {len(places)}")
    places.remove(entry.id)
    places.insert(position - 1, entry.id)
    i = places.index(entry.id)
    data = {
        "entry": entry.id,
        "before": places[i + 1] if i + 1 < len(places) else None,
        "after": places[i - 1] if i > 0 else None,
        "by": ctx.actor.role or ctx.actor.user,
    }
    by = f" by the {role_label(ctx.actor.role).casefold()}" if ctx.actor.role else ""
    return Outcome(f"{entry.name} moved to {ordinal(position)}{by}", [("moved", data)])


@command("stack_close")
def stack_close(meeting: Meeting, ctx: Context) -> Outcome:
    if meeting.stack_closed:
        raise Refused("the stack is already closed")
    return Outcome("stack closed to new points (points of process still welcome)", [("stack_closed", {})])


@command("stack_open")
def stack_open(meeting: Meeting, ctx: Context) -> Outcome:
    if not meeting.stack_closed:
        raise Refused("the stack is already open")
    return Outcome("stack open again", [("stack_opened", {})])


@command("stack_mode")
def stack_mode(meeting: Meeting, ctx: Context, mode: str) -> Outcome:
    if mode not in MODES:
        raise Refused(f"unknown progressive mode '{mode}': use one of {', '.join(MODES)}")
    if mode == meeting.mode:
        raise Refused(f"the progressive mode is already {mode}")
    return Outcome(f"progressive stack: {mode}", [("stack_mode", {"mode": mode})])


# ---- speaking turns -----------------------------------------------------------------------


def _start(meeting: Meeting, entry: Entry) -> tuple[str, dict[str, Any]]:
    data: dict[str, Any] = {
        "entry": entry.id,
        "name": entry.name,
        "kind": entry.kind,
        "limit": meeting.limit_for(entry.kind),
    }
    if entry.answers is not None:
        data["answers"] = entry.answers
    return ("turn_started", data)


@command("next")
def next_speaker(meeting: Meeting, ctx: Context) -> Outcome:
    current = meeting.speaker
    places = order(meeting, ctx.now)
    top = places[0].entry if places else None
    if current is not None and current.kind == "process" and meeting.suspended:
        back = meeting.turns[meeting.suspended[-1]]
        return Outcome(
            f"point of process done; {back.name} has the floor again",
            [("turn_ended", {"turn": current.id}), ("turn_resumed", {"turn": back.id})],
        )
    if current is not None and top is not None and top.kind == "process" and current.kind != "process":
        return Outcome(
            f"{current.name} paused for a point of process; {top.name} has the floor",
            [("turn_paused", {"turn": current.id, "process": True}), _start(meeting, top)],
        )
    events: list[tuple[str, dict[str, Any]]] = []
    if current is not None:
        events.append(("turn_ended", {"turn": current.id}))
    if top is None:
        if current is None:
            raise Refused("the stack is empty: nobody to give the floor to")
        return Outcome(f"{current.name} finished; the stack is empty", events)
    events.append(_start(meeting, top))
    return Outcome(f"{top.name} has the floor ({KIND_LABELS[top.kind]})", events)


@command("end")
def end(meeting: Meeting, ctx: Context) -> Outcome:
    current = need_speaker(meeting)
    events: list[tuple[str, dict[str, Any]]] = [("turn_ended", {"turn": current.id})]
    if current.kind == "process" and meeting.suspended:
        back = meeting.turns[meeting.suspended[-1]]
        events.append(("turn_resumed", {"turn": back.id}))
        return Outcome(f"point of process done; {back.name} has the floor again", events)
    spoke = format_duration(current.spoken(ctx.now))
    return Outcome(f"{current.name} finished after {spoke}", events)


@command("pause")
def pause(meeting: Meeting, ctx: Context) -> Outcome:
    current = need_speaker(meeting)
    if current.paused:
        raise Refused(f"{current.name}'s turn is already paused")
    return Outcome(f"{current.name}'s clock paused", [("turn_paused", {"turn": current.id, "process": False})])


@command("resume")
def resume(meeting: Meeting, ctx: Context) -> Outcome:
    current = need_speaker(meeting)
    if not current.paused:
        raise Refused(f"{current.name}'s turn is not paused")
    return Outcome(f"{current.name}'s clock running again", [("turn_resumed", {"turn": current.id})])


@command("extend")
def extend(meeting: Meeting, ctx: Context, seconds: int) -> Outcome:
    current = need_speaker(meeting)
    if not 1 <= seconds <= 3600:
        raise Refused("extend by 1 to 3600 seconds")
    if current.limit <= 0:
        raise Refused(f"{current.name}'s turn has no limit to extend (stopwatch)")
    return Outcome(
        f"{current.name}'s turn extended by {format_duration(seconds)}",
        [("extended", {"turn": current.id, "seconds": seconds})],
    )


# ---- agenda items (each has its own stack) ------------------------------------------------


@command("agenda_add")
def agenda_add(
    meeting: Meeting,
    ctx: Context,
    title: str,
    minutes: float = 0,
    kind: str = "discussion",
    presenter: str | None = None,
    limits: dict[str, int] | None = None,
    carried_from: str | None = None,
    follow_up: list[dict[str, Any]] | None = None,
    review_of: dict[str, Any] | None = None,
) -> Outcome:
    """An agenda item. The last three are set when a meeting of a series is made (`new --after`):
    the date of the meeting an item was carried from, the action items it reviews, the decision
    it reviews."""
    title = clean_title(title, "the item's title")
    if kind not in ITEM_KINDS:
        raise Refused(f"unknown item kind '{kind}': use one of {', '.join(ITEM_KINDS)}")
    if not 0 <= minutes <= 24 * 60:
        raise Refused("an item's time box is 0 to 1440 minutes")
    data: dict[str, Any] = {"title": title, "minutes": minutes, "kind": kind}
    if presenter:
        data["presenter"] = person_named(meeting, presenter)
    if limits:
        for limit_kind, seconds in limits.items():
            kind_of(limit_kind)
            if not 0 <= seconds <= 3600:
                raise Refused(f"a turn limit is 0 (a stopwatch) to 3600 seconds, not {seconds}")
        data["limits"] = dict(limits)
    if carried_from is not None:
        data["carried_from"] = check_date(carried_from)
    if follow_up:
        data["follow_up"] = [a.to_dict() for a in map(CarriedAction.from_dict, follow_up) if a is not None]
    if review_of is not None and (due := ReviewDue.from_dict(review_of)) is not None:
        data["review_of"] = due.to_dict()
    return Outcome(f"agenda item {len(meeting.items) + 1} added: {title}", [("item_added", data)])


@command("agenda_start")
def agenda_start(meeting: Meeting, ctx: Context, item: str | None = None, carry: bool | None = None) -> Outcome:
    target = find_item(meeting, item)
    if target.id == meeting.item:
        raise Refused(f"'{target.title}' is already under way")
    events = _leaving(meeting, carry)
    events.append(("item_started", {"item": target.id, "carry": bool(carry)}))
    return Outcome(f"now on: {target.title}", events)


@command("agenda_done")
def agenda_done(meeting: Meeting, ctx: Context, carry: bool | None = None) -> Outcome:
    if meeting.item is None:
        raise Refused("no agenda item is under way")
    title = meeting.items[meeting.item].title
    events = _leaving(meeting, carry)
    events.append(("item_done", {"item": meeting.item, "carry": bool(carry)}))
    return Outcome(f"done: {title}", events)


# ---- undo ---------------------------------------------------------------------------------


@command("undo", participant=True)
def undo(meeting: Meeting, ctx: Context, scope: str = "terminal") -> Outcome:
    """Undo the latest action of this terminal (TUI) or of this person (CLI)."""
    me = ctx.actor
    for line in reversed(meeting.log):
        if line.undone or line.type in ("undone", "meeting_opened"):
            continue
        a = line.actor
        mine = (
            a.get("terminal") == me.terminal
            if scope == "terminal"
            else (a.get("user") == me.user and (a.get("as") or "").casefold() == (me.participant or "").casefold())
        )
        if mine:
            return Outcome(f"undid: {line.summary}", [("undone", {"action": line.action})])
    raise Refused("nothing of yours to undo")
