"""Where the meeting stands now, as data (status --json, the projector) and as text."""

from __future__ import annotations

from typing import Any

from facilitator.clock import clock_time, format_duration
from facilitator.meeting.settings import KIND_LABELS
from facilitator.meeting.stack import order
from facilitator.meeting.state import Meeting


def turn_state(meeting: Meeting, now: float) -> str:
    """speaking, warning, overtime or paused: what the countdown should say beyond its colour."""
    turn = meeting.speaker
    if turn is None:
        return "none"
    if turn.paused:
        return "paused"
    remaining = turn.remaining(now)
    if remaining is None:
        return "speaking"
    if remaining < 0:
        return "overtime"
    if remaining <= meeting.settings.warning:
        return "warning"
    return "speaking"


def clock_words(meeting: Meeting, now: float) -> str:
    """The speaker's clock in words, never a bare time: "0:39 left", "ALMOST UP, 0:15 left",
    "OVERTIME +0:12", "no time limit", each after "PAUSED, " while the clock is stopped
    ("PAUSED for a point of process, " when a point of process stopped it). "" when nobody speaks."""
    turn = meeting.speaker
    if turn is None:
        return ""
    remaining = turn.remaining(now)
    if remaining is None:
        words = "no time limit"
    elif remaining < 0:
        words = f"OVERTIME +{format_duration(-remaining)}"
    elif remaining <= meeting.settings.warning:
        words = f"ALMOST UP, {format_duration(remaining)} left"
    else:
        words = f"{format_duration(remaining)} left"
    if turn.paused:
        words = ("PAUSED for a point of process, " if turn.suspended else "PAUSED, ") + words
    return words


def speaker_words(meeting: Meeting, now: float) -> str:
    """Who has the floor, for what, and their clock: "Jo Mbeki (new point): 0:39 left, spoken
    1:25", "Jo Mbeki (direct response to Ana): OVERTIME +0:12, spoken 1:12"; or "nobody has the
    floor". What `facilitator status` says and what every operator screen's strip shows."""
    turn = meeting.speaker
    if turn is None:
        return "nobody has the floor"
    kind = KIND_LABELS.get(turn.kind, turn.kind)
    answered = meeting.turns.get(turn.answers) if turn.answers is not None else None
    if answered is not None:
        kind += f" to {answered.name}"
    return f"{turn.name} ({kind}): {clock_words(meeting, now)}, spoken {format_duration(turn.spoken(now))}"


def proposals_status(meeting: Meeting) -> list[dict[str, Any]]:
    return [
        {
            "id": p.id,
            "title": p.title,
            "version": p.version,
            "status": p.status,
            "pending": [a.id for a in p.pending()],
            "outcome": p.decision.label if p.decision else None,
            "arithmetic": p.decision.arithmetic if p.decision else None,
        }
        for p in meeting.proposals.values()
    ]


def check_status(meeting: Meeting) -> dict[str, Any] | None:
    """The open temperature check: room counts and terminal votes, separately and together."""
    check = next((c for c in reversed(meeting.checks) if c.open), None)
    if check is None:
        return None
    return {
        "id": check.id,
        "question": check.question,
        "scale": check.scale,
        "about": check.about,
        "options": list(check.options),
        "room": check.room_counts(),
        "terminal": check.terminal(),
        "counts": check.together(),
        "total": check.total,
    }


def status(meeting: Meeting, meeting_id: str, now: float) -> dict[str, Any]:
    item = meeting.items.get(meeting.item) if meeting.item is not None else None
    turn = meeting.speaker
    speaker = None
    if turn is not None:
        remaining = turn.remaining(now)
        answered = meeting.turns.get(turn.answers) if turn.answers is not None else None
        speaker = {
            "name": turn.name,
            "kind": turn.kind,
            "state": "paused" if turn.paused else "speaking",
            "remaining": round(remaining, 1) if remaining is not None else None,
            "spoken": round(turn.spoken(now), 1),
            "limit": turn.limit + turn.extended,
            "answers": answered.name if answered else None,
        }
    return {
        "meeting": {"id": meeting_id, "title": meeting.title, "date": meeting.date, "location": meeting.location},
        "present": list(meeting.present.values()),
        "item": {"title": item.title, "kind": item.kind, "minutes": item.minutes} if item else None,
        "speaker": speaker,
        "paused_for_process": [meeting.turns[t].name for t in meeting.suspended],
        "stack": [
            {"name": p.entry.name, "kind": p.entry.kind, "reason": p.reason, "step_up": p.entry.step_up}
            for p in order(meeting, now)
        ],
        "stack_closed": meeting.stack_closed,
        "mode": meeting.mode,
        "proposals": proposals_status(meeting),
        "check": check_status(meeting),
    }


def status_text(meeting: Meeting, meeting_id: str, now: float) -> str:
    data = status(meeting, meeting_id, now)
    lines = [f"{meeting.title} ({meeting_id}), {len(meeting.present)} present"]
    if data["item"]:
        lines.append(f"item: {data['item']['title']}")
    lines.append(f"speaking: {speaker_words(meeting, now)}" if data["speaker"] else "speaking: nobody")
    for name in data["paused_for_process"]:
        lines.append(f"paused for a point of process: {name}")
    closed = " (closed to new points)" if meeting.stack_closed else ""
    lines.append(f"stack{closed}, progressive mode {meeting.mode}:")
    for i, entry in enumerate(data["stack"], start=1):
        label = KIND_LABELS[entry["kind"]]
        why = "" if entry["reason"] == label else f", {entry['reason']}"  # not "clarifying question" twice
        lines.append(f"  {i}. {entry['name']}: {label}{why}")
    if not data["stack"]:
        lines.append("  (empty)")
    for p in data["proposals"]:
        pending = f", pending {', '.join(p['pending'])}" if p["pending"] else ""
        lines.append(f"{p['id']} v{p['version']} {p['outcome'] or p['status']}{pending}: {p['title']}")
    check = data["check"]
    if check:
        counts = ", ".join(f"{o} {check['counts'][o]}" for o in check["options"])
        lines.append(f"check {check['id']} open: {check['question']} {counts} ({check['total']} in all)")
    return "\n".join(lines)


def agenda_status(meeting: Meeting) -> str:
    """The item under way, or whether the meeting has started, finished its agenda or ended."""
    if meeting.adjourned_at is not None:
        return f"adjourned at {clock_time(meeting.adjourned_at)}"
    items = list(meeting.items.values())
    item = meeting.items.get(meeting.item) if meeting.item is not None else None
    if item is not None:
        return f"item {items.index(item) + 1}/{len(items)}: {item.title}"
    if items and all(i.status in ("done", "tabled") for i in items):
        return "agenda done"
    if meeting.turns or any(i.status != "planned" for i in items):
        return "in progress: general stack"
    return "not started"
