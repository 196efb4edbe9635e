"""The minutes: the document a collective files after an assembly (PROCESS.md 7.2).

A pure function of the meeting folded from its events: the same events give the same bytes
(no clock, no locale, no dict order that events did not fix). Undone actions never reach the
fold, so they never appear. Every piece of user text goes through markdown_text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from fractions import Fraction
from pathlib import Path
from typing import Any

from facilitator.clock import clock_time, format_duration
from facilitator.errors import Refused
from facilitator.meeting.records import ROLES, role_label
from facilitator.meeting.state import Item, Meeting
from facilitator.minutes.escape import escape_inline, escape_lines, table, table_cell
from facilitator.minutes.last_time import from_last_time
from facilitator.minutes.proposals import decision_rows, item_proposals_markdown

BAR_WIDTH = 20
STATUS_WORDS = {"planned": "planned", "active": "under way", "done": "done", "tabled": "tabled"}


# ---- small pieces --------------------------------------------------------------------------


def minutes_of(value: float) -> str:
    return f"{value:g} min"


def names(items: Iterable[str]) -> str:
    return ", ".join(escape_inline(n) for n in items)


def rule_words(rule: str, stand_asides_count: bool = False) -> str:
    """The decision rule as the minutes name it."""
    if rule == "consensus":
        return "consensus (passes with no blocks)"
    if rule == "majority":
        return "majority (passes with more in favour than against)"
    if rule.startswith("minus-") and rule[6:].isdigit():
        n = int(rule[6:])
        return f"consensus minus {n} (passes with at most {n} block{'s' if n != 1 else ''})"
    if rule.startswith("supermajority:"):
        try:
            share = Fraction(rule.split(":", 1)[1])
        except (ValueError, ZeroDivisionError):
            return escape_inline(rule)
        shown = f"{share.numerator}/{share.denominator}" if share.denominator <= 10 else f"{float(share):.0%}"
        asides = "counted" if stand_asides_count else "not counted"
        return f"supermajority of {shown} (stand-asides {asides} among the votes)"
    return escape_inline(rule)


def _once(meeting: Meeting, key: str, compute: Callable[[], Any]) -> Any:
    """Computed once per meeting as it stands: every item's section asks the same questions."""
    memo: dict[tuple[str, int, int], Any] = meeting.__dict__.setdefault("_minutes_memo", {})
    stamp = (key, meeting.last_seq, len(meeting.log))
    if stamp not in memo:
        memo[stamp] = compute()
    return memo[stamp]


def started_and_ended(meeting: Meeting) -> tuple[float, float]:
    """From the opening (begin, or the first item or turn; else the first action recorded) to
    the adjournment (else the last action recorded). Creating the meeting is not part of it."""

    def compute() -> tuple[float, float]:
        skip = ("undone", "meeting_opened")
        times = [line.ts for line in meeting.log if not line.undone and line.type not in skip and not line.setup]
        first = meeting.begun_at if meeting.begun_at is not None else min(times, default=meeting.opened_at)
        last = meeting.adjourned_at if meeting.adjourned_at is not None else max(times, default=first)
        return (first, max(first, last))

    return _once(meeting, "started_and_ended", compute)  # type: ignore[no-any-return]


def as_of(meeting: Meeting) -> float:
    """The minutes' "now": the adjournment, else the last action still in the record."""
    return started_and_ended(meeting)[1]


def in_progress(meeting: Meeting) -> bool:
    return meeting.adjourned_at is None


def used_time(meeting: Meeting, item: Item) -> float | None:
    if item.started_at is None:
        return None
    end = item.ended_at if item.ended_at is not None else as_of(meeting)
    return max(0.0, end - item.started_at)


def speakers(meeting: Meeting, item: int | str | None) -> list[tuple[str, int, float]]:
    """(name, turns, speaking time) per person, in the order they first spoke."""
    seen: dict[str, list[Any]] = {}
    now = as_of(meeting)
    in_order = _once(meeting, "turns", lambda: sorted(meeting.turns.values(), key=lambda t: (t.started_at, t.id)))
    for turn in in_order:
        if item != "all" and turn.item != item:
            continue
        row = seen.setdefault(turn.name.casefold(), [turn.name, 0, 0.0])
        row[1] += 1
        row[2] += turn.spoken(now)
    return [(str(n), int(c), float(s)) for n, c, s in seen.values()]


def not_taken_up(meeting: Meeting) -> list[Item]:
    """Items never started that hold nothing (no note, action item or proposal): the minutes list them
    once, on one line, rather than as rows and empty sections (PROCESS.md 3.6)."""

    def compute() -> list[Item]:
        held = {n.item for n in meeting.notes} | {a.item for a in meeting.actions}
        held |= {p.item for p in meeting.proposals.values()}
        return [i for i in meeting.items.values() if i.status == "planned" and i.id not in held]

    return _once(meeting, "not_taken_up", compute)  # type: ignore[no-any-return]


def listed_items(meeting: Meeting) -> list[Item]:
    """The items the agenda table lists, in order: all but those never taken up."""
    skip = {i.id for i in not_taken_up(meeting)}
    return [i for i in meeting.items.values() if i.id not in skip]


def item_number(meeting: Meeting) -> dict[int, int]:
    """Each listed item's number, as the agenda table and the item sections show it."""
    return {item.id: n for n, item in enumerate(listed_items(meeting), start=1)}


# ---- the sections, in PROCESS.md 7.2's order ------------------------------------------------


def front_matter(meeting: Meeting) -> list[str]:
    # JSON strings are valid YAML double-quoted scalars: pandoc reads the title as written.
    title = json.dumps(meeting.title, ensure_ascii=False)
    return ["---", f"title: {title}", f"date: {json.dumps(meeting.date)}", "---", ""]


def heading(meeting: Meeting) -> list[str]:
    start, end = started_and_ended(meeting)
    when = f"{clock_time(start)} to {clock_time(end)}"
    if in_progress(meeting):
        when = f"from {clock_time(start)} (still in progress when these minutes were made, at {clock_time(end)})"
    settings = meeting.settings
    rule = rule_words(settings.rule, settings.stand_asides_count)
    if settings.fallback_rule:
        rule += f"; when it fails, the fallback: {rule_words(settings.fallback_rule, settings.stand_asides_count)}"
    lines = [f"# {escape_inline(meeting.title)}", ""]
    lines.append(f"- **Date:** {escape_inline(meeting.date)}")
    if meeting.location:
        lines.append(f"- **Place:** {escape_inline(meeting.location)}")
    lines.append(f"- **Time:** {when}")
    lines.append(f"- **Decision rule:** {rule}")
    number = item_number(meeting)
    for change in meeting.rule_changes:
        where = f", during item {number[change.item]}" if change.item in number else ""
        then = rule_words(change.rule, settings.stand_asides_count)
        if change.fallback:
            then += f"; when it fails, the fallback: {rule_words(change.fallback, settings.stand_asides_count)}"
        lines.append(
            f"- **Decision rule changed** at {clock_time(change.at)}{where}: {then}. "
            f"Reason: {escape_inline(change.reason)}"
        )
    if settings.stand_aside_limit is not None:
        lines.append(
            f"- **Stand-asides:** a proposal with more stand-asides than {settings.stand_aside_limit:.0%} "
            "of those present is tabled"
        )
    lines.append(f"- **Progressive stack:** {escape_inline(meeting.mode)}")
    return [*lines, ""]


def attendance(meeting: Meeting) -> list[str]:
    everyone = list(meeting.people.values())
    lines = ["## Attendance", ""]
    if not everyone:
        lines.append("Nobody was recorded as present.")
    else:
        who = "1 person" if len(everyone) == 1 else f"{len(everyone)} people"
        lines.append(f"{who} attended: {names(sorted(everyone, key=str.casefold))}.")
    gone = [n for key, n in meeting.people.items() if key not in meeting.present]
    if gone:
        lines += ["", f"Left before the end: {names(sorted(gone, key=str.casefold))}."]
    count = len(meeting.present)
    if meeting.quorum is None:
        lines += ["", f"No quorum was set; {count} present at the end."]
    else:
        state = "quorate" if count >= meeting.quorum else "below quorum"
        lines += ["", f"Quorum: {meeting.quorum}; {count} present at the end ({state})."]
    return [*lines, ""]


def roles(meeting: Meeting) -> list[str]:
    lines = ["## Roles", ""]
    order = [r for r in ROLES if r in meeting.roles] + [r for r in meeting.roles if r not in ROLES]
    if not order:
        return [*lines, "No roles were recorded.", ""]
    for role in order:
        terms = [t for t in meeting.role_terms if t.role == role]
        parts = []
        for term in terms:
            who = escape_inline(term.name) if term.name else "nobody"
            if term.until is not None and len(terms) > 1:
                who += f" (until {clock_time(term.until)})"
            parts.append(who)
        lines.append(f"- **{escape_inline(role_label(role))}:** {', then '.join(parts)}")
    return [*lines, ""]


def agenda(meeting: Meeting) -> list[str]:
    lines = ["## Agenda", ""]
    if not meeting.items:
        return [*lines, "The meeting had no agenda.", ""]
    rows = []
    for n, item in enumerate(listed_items(meeting), start=1):
        used = used_time(meeting, item)
        over = ""
        if used is not None and item.minutes and used > item.minutes * 60:
            over = f" ({format_duration(used - item.minutes * 60)} over)"
        rows.append(
            [
                str(n),
                table_cell(item.title) + (f" (carried from {item.carried_from})" if item.carried_from else ""),
                item.kind,
                table_cell(item.presenter or ""),
                minutes_of(item.minutes) if item.minutes else "",
                (format_duration(used) + over) if used is not None else "",
                STATUS_WORDS.get(item.status, item.status),
            ]
        )
    header = ["#", "Item", "Kind", "Presenter", "Planned", "Used", "Status"]
    if rows:
        lines += [*table(header, list("rlllrrl"), rows), ""]
    waiting = not_taken_up(meeting)
    if waiting:
        label = "Still to come" if in_progress(meeting) else "Not taken up"
        # semicolons: a title may hold a comma ("Welcome, roles and how we decide")
        lines += [f"{label}: {'; '.join(escape_inline(i.title) for i in waiting)}.", ""]
    return lines


def item_section(meeting: Meeting, item: int | None, title: str, about: str) -> list[str]:
    lines = [title, ""]
    if about:
        lines += [about, ""]
    notes = [n for n in meeting.notes if n.item == item]
    if notes:
        lines += ["### Notes", ""]
        lines += [f"- {escape_lines(n.text, '  ')}" for n in notes]
        lines.append("")
    spoke = speakers(meeting, item)
    if spoke:
        lines += ["### Speakers", ""]
        for name, turns, seconds in spoke:
            count = f" ({turns} turns)" if turns > 1 else ""
            lines.append(f"- {escape_inline(name)}: {format_duration(seconds)}{count}")
        lines.append("")
    proposals = item_proposals_markdown(meeting, item)
    while proposals and not proposals[-1].strip():
        proposals.pop()
    if proposals:
        lines += ["### Proposals", "", *proposals, ""]
    actions = [a for a in meeting.actions if a.item == item]
    if actions:
        lines += ["### Action items", ""]
        for a in actions:
            due = f", due {escape_inline(a.due)}" if a.due else ""
            lines.append(f"- {a.ref}: {escape_inline(a.text)} ({names(a.owners)}{due})")
        lines.append("")
    return lines


def items(meeting: Meeting) -> list[str]:
    lines: list[str] = []
    for n, item in enumerate(listed_items(meeting), start=1):
        about = [item.kind[:1].upper() + item.kind[1:]]
        if item.carried_from:
            about.append(f"carried from {item.carried_from}")
        if item.presenter:
            about.append(f"presented by {escape_inline(item.presenter)}")
        if item.minutes:
            about.append(f"time box {minutes_of(item.minutes)}")
        used = used_time(meeting, item)
        if used is not None:
            about.append(f"used {format_duration(used)}")
        about.append(STATUS_WORDS.get(item.status, item.status))
        section = item_section(meeting, item.id, f"## {n}. {escape_inline(item.title)}", ", ".join(about) + ".")
        if item.started_at is not None or len(section) > 4:  # an item tabled before it began: its row says so
            lines += section
    outside = item_section(meeting, None, "## Outside the agenda items", "")
    if len(outside) > 2 or not meeting.items:
        lines += outside
    return lines


def decisions(meeting: Meeting) -> list[str]:
    lines = ["## Decisions", ""]
    rows = [list(row) for row in decision_rows(meeting)]  # already escaped by minutes_proposals
    if not rows:
        return [*lines, "No decisions were recorded.", ""]
    return [*lines, *table(["Proposal", "Title", "Outcome", "Rule", "Count"], list("lllll"), rows), ""]


def action_items(meeting: Meeting) -> list[str]:
    lines = ["## Action items", ""]
    if not meeting.actions:
        return [*lines, "No action items were recorded.", ""]
    number = item_number(meeting)
    rows = []
    for a in meeting.actions:
        where = f"{number[a.item]}. {table_cell(meeting.items[a.item].title)}" if a.item in number else ""
        review = meeting.action_status(a.ref)
        status = (
            review.status + (f": {table_cell(review.note)}" if review and review.note else "") if review else "open"
        )
        rows.append([a.ref, table_cell(a.text), names(a.owners), table_cell(a.due or ""), where, status])
    return [*lines, *table(["Id", "What", "Owners", "Due", "Item", "Status"], list("llllll"), rows), ""]


def speaking_time(meeting: Meeting) -> list[str]:
    lines = ["## Speaking time", ""]
    spoke = {name.casefold(): (name, turns, secs) for name, turns, secs in speakers(meeting, "all")}
    for key, name in meeting.people.items():
        spoke.setdefault(key, (name, 0, 0.0))
    if not spoke:
        return [*lines, "Nobody took the floor.", ""]
    total = sum(s for _, _, s in spoke.values())
    longest = max(s for _, _, s in spoke.values())
    rows = []
    for name, turns, secs in sorted(spoke.values(), key=lambda r: (-round(r[2], 3), r[0].casefold(), r[0])):
        bar = "█" * round(BAR_WIDTH * secs / longest) if longest else ""
        share = f"{secs / total:.0%}" if total else "0%"
        rows.append([table_cell(name), str(turns), format_duration(secs), f"{bar} {share}".strip()])
    return [*lines, *table(["Person", "Turns", "Time", "Share"], list("lrrl"), rows), ""]


def next_meeting(meeting: Meeting) -> list[str]:
    lines = ["## Next meeting", ""]
    nxt = meeting.next_meeting
    if nxt is None:
        lines.append("Not set yet.")
    else:
        when = escape_inline(nxt.date) + (f" at {escape_inline(nxt.time)}" if nxt.time else "")
        lines.append(when + (f", {escape_inline(nxt.place)}" if nxt.place else "") + ".")
    tabled = [i for i in meeting.items.values() if i.status == "tabled"]
    if tabled:
        lines += ["", "Tabled to a later meeting:", ""] + [f"- {escape_inline(i.title)}" for i in tabled]
    return [*lines, ""]


def footer(meeting: Meeting) -> list[str]:
    count = len([line for line in meeting.log if not line.undone and line.type != "undone"])
    return [f"*Written by Facilitator from the meeting's record: {count} recorded actions.*"]


def minutes_markdown(meeting: Meeting) -> str:
    """The complete minutes as Markdown with YAML front matter (title, date) for pandoc."""
    sections = [
        front_matter(meeting),
        heading(meeting),
        attendance(meeting),
        roles(meeting),
        from_last_time(meeting),
        agenda(meeting),
        items(meeting),
        decisions(meeting),
        action_items(meeting),
        speaking_time(meeting),
        next_meeting(meeting),
        footer(meeting),
    ]
    return "\n".join(line for section in sections for line in section) + "\n"


# ---- the full record as JSON ---------------------------------------------------------------


def minutes_json(meeting_id: str, meta: dict[str, Any], events: list[dict[str, Any]]) -> str:
    """The full record: the meeting's metadata and every stored event, undone ones included
    (each `undone` event names the action it cancels). Keys sorted, so it is deterministic."""
    record = {
        "format": "facilitator-record",
        "version": 1,
        "meeting": {
            "id": meeting_id,
            "title": meta.get("title", ""),
            "date": meta.get("date", ""),
            "location": meta.get("location", ""),
        },
        "events": events,
    }
    return json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# ---- writing a file ------------------------------------------------------------------------


def write_minutes(path: Path, text: str, force: bool = False) -> None:
    """Write the minutes to `path`. Refuses to replace an existing file unless `force`, and
    never writes through a symlink. The file appears whole or not at all."""
    if path.is_symlink():
        raise Refused(f"{path} is a symbolic link; give the path of a regular file")
    if path.is_dir():
        raise Refused(f"{path} is a folder; give a file name")
    if path.exists() and not force:
        raise Refused(f"{path} already exists; use --force to replace it")
    folder = path.parent
    if not folder.is_dir():
        raise Refused(f"the folder {folder} does not exist")
    temp = folder / f".{path.name}.{os.urandom(4).hex()}.tmp"
    # 0o666 and O_EXCL: the umask decides the mode, as for any file the user saves
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(temp, path)  # replaces a symlink made meanwhile rather than following it
        else:
            os.link(temp, path)  # unlike a rename, refuses to replace a file made meanwhile
    except FileExistsError:
        raise Refused(f"{path} already exists; use --force to replace it") from None
    finally:
        if os.path.lexists(temp):
            os.unlink(temp)
