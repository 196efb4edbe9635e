"""The register of decisions (Markdown to publish, CSV for a spreadsheet, JSON for the full
record) and the list of action items across meetings, rendered from the register's entries.
Pure: the same summaries give the same bytes.
"""

from __future__ import annotations

import io
import json
from typing import Any

from facilitator.meeting.register import Entry, Tracked
from facilitator.minutes.escape import escape_inline, escape_lines

FORMATS = ("markdown", "json", "csv")
CSV_COLUMNS = (
    "date",
    "meeting",
    "meeting_title",
    "proposal",
    "title",
    "text",
    "outcome",
    "rule",
    "arithmetic",
    "blocks",
    "stand_asides",
    "review",
    "reviewed",
)


def positions(record: dict[str, Any], key: str) -> str:
    """'Ivan Petrov (allergies to the refrigerant); Ana' (semicolons: a reason may hold commas)."""
    return "; ".join(p["name"] + (f" ({p['reason']})" if p.get("reason") else "") for p in record.get(key, []))


def rule_and_count(record: dict[str, Any]) -> str:
    """How it was decided, stage by stage: 'consensus: blocked; then supermajority:0.9: …'."""
    stages = record.get("stages") or []
    if not record.get("counted") or not stages:
        return str(record.get("arithmetic", ""))
    return "; then ".join(f"{s['rule']}: {s['arithmetic']}" for s in stages)


def review_words(entry: Entry, on: str) -> str:
    """'review by 2027-04-01 (due)', or with the reviews made: '...; reviewed 2027-04-05 (MEETING)'."""
    words = f"review by {entry.review}" if entry.review else ""
    if entry.reviewed:
        done = "reviewed " + ", ".join(f"{date} ({meeting})" for date, meeting in entry.reviewed)
        return f"{words}; {done}" if words else done
    return words + (" (due)" if entry.due(on) else "")


def decisions_markdown(entries: list[Entry], on: str, search: str = "", due: bool = False) -> str:
    lines = ["# Register of decisions", ""]
    meetings = len({e.meeting for e in entries})
    scope = f"{len(entries)} decision{'s' if len(entries) != 1 else ''} from {meetings} meeting"
    scope += "s" if meetings != 1 else ""
    if search.strip():
        scope += f", matching “{escape_inline(search.strip())}”"
    if due:
        scope += f", due for review by {on}"
    lines += [f"{scope}; newest first. Made {on}.", ""]
    if not entries:
        return "\n".join([*lines, "No decisions.", ""])
    last = None
    for entry in entries:
        if entry.meeting != last:
            lines += [f"## {entry.date} · {escape_inline(entry.meeting_title)} ({entry.meeting})", ""]
            last = entry.meeting
        r = entry.record
        lines += [f"### {r['proposal']} · {escape_inline(r['title'])}: {escape_inline(r['label'])}", ""]
        lines += ["> " + escape_lines(r["text"], "> "), ""]
        facts = []
        if r.get("presenters"):
            facts.append(f"- Proposed by: {escape_inline(', '.join(r['presenters']))}")
        facts.append(f"- Rule and count: {escape_inline(rule_and_count(r))}")
        if r.get("counted") or r.get("agree") or r.get("block") or r.get("stand_aside"):
            quorum = f", quorum {r['quorum']}" if r.get("quorum") else ""
            facts.append(
                f"- Positions: {r['agree']} agree, {r['block']} blocking, {r['stand_aside']} standing aside; "
                f"{r['present']} present{quorum}"
            )
        if r.get("item"):
            facts.append(f"- Agenda item: {escape_inline(r['item'])}")
        if r.get("reason"):
            facts.append(f"- Reason: {escape_inline(r['reason'])}")
        for key, word in (("blocks", "Blocks"), ("stand_asides", "Standing aside")):
            if r.get(key):
                facts.append(f"- {word}: {escape_inline(positions(r, key))}")
        if review_words(entry, on):
            facts.append(f"- {review_words(entry, on)[:1].upper()}{review_words(entry, on)[1:]}")
        lines += [*facts, ""]
    return "\n".join(lines)


def decisions_csv(entries: list[Entry], on: str) -> str:
    import csv  # only for this format: the register's other formats start without it

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        r = e.record
        reviewed = "; ".join(f"{date} {meeting}" for date, meeting in e.reviewed)
        writer.writerow(
            [
                e.date,
                e.meeting,
                e.meeting_title,
                r["proposal"],
                r["title"],
                r["text"],
                r["label"],
                r["rule"],
                rule_and_count(r),
                positions(r, "blocks"),
                positions(r, "stand_asides"),
                e.review or "",
                reviewed,
            ]
        )
    return out.getvalue()


def decisions_json(entries: list[Entry], on: str) -> str:
    rows = [
        {
            "date": e.date,
            "meeting": e.meeting,
            "meeting_title": e.meeting_title,
            "id": e.ref,
            **e.record,
            "reviewed": [{"date": d, "meeting": m} for d, m in e.reviewed],
            "due": e.due(on),
        }
        for e in entries
    ]
    return (
        json.dumps({"format": "facilitator-decisions", "version": 1, "decisions": rows}, ensure_ascii=False, indent=2)
        + "\n"
    )


def decisions_text(entries: list[Entry], fmt: str, on: str, search: str = "", due: bool = False) -> str:
    if fmt == "csv":
        return decisions_csv(entries, on)
    if fmt == "json":
        return decisions_json(entries, on)
    return decisions_markdown(entries, on, search, due)


# ---- action items ----------------------------------------------------------------------------


def action_line(a: Tracked, on: str) -> str:
    """One line per action item: id, status, what, who, due, where set, where last reviewed."""
    status = "OVERDUE" if a.overdue(on) else a.status
    due = f", due {a.due}" if a.due else ""
    last = a.last_review
    seen = f"; last reviewed {last.date} ({last.meeting})" + (f": {last.note}" if last.note else "") if last else ""
    return f"{a.ref}  [{status}]  {a.text} — {', '.join(a.owners)}{due}; set {a.date}{seen}"


def actions_json(found: list[Tracked], on: str) -> str:
    rows = [
        {
            "id": a.ref,
            "text": a.text,
            "owners": list(a.owners),
            "due": a.due,
            "status": a.status,
            "overdue": a.overdue(on),
            "set_in": a.meeting,
            "set_on": a.date,
            "series": a.series,
            "reviews": [
                {"meeting": p.meeting, "date": p.date, "status": p.status, "note": p.note, "at": p.at}
                for p in a.progress
            ],
            "last_reviewed_in": a.last_review.meeting if a.last_review else None,
        }
        for a in found
    ]
    return (
        json.dumps({"format": "facilitator-actions", "version": 1, "actions": rows}, ensure_ascii=False, indent=2)
        + "\n"
    )
