"""The collective's memory across meetings: what each meeting leaves behind for the next ones
(its summary), and the questions asked over all of them: the register of decisions, the action
items and where each stands, and the business a new meeting of a series carries forward.

Pure: a summary is a plain dict (JSON, as the store keeps it beside the index), made from a
folded meeting by `summarize`; everything else reads summaries only, never events.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from facilitator.meeting.state import Meeting
from facilitator.meeting.status import agenda_status

Summary = dict[str, Any]
UNDECIDED = ("open", "testing", "tabled")  # a proposal still to decide, carried with its item


def summarize(meeting: Meeting, meeting_id: str) -> Summary:
    """What one meeting leaves to the register, its series and role rotation."""
    settings = dataclasses.replace(
        meeting.settings,
        rule=meeting.rule,
        fallback_rule=meeting.fallback_rule,
        quorum=meeting.quorum,
        mode=meeting.mode,
    )
    titles = {i.id: i.title for i in meeting.items.values()}
    held: dict[str, list[str]] = {}
    for term in meeting.role_terms:
        if term.name is not None and term.name not in held.setdefault(term.role, []):
            held[term.role].append(term.name)
    nxt = meeting.next_meeting
    return {
        "meeting": meeting_id,
        "title": meeting.title,
        "date": meeting.date,
        "location": meeting.location,
        "series": meeting.series or meeting_id,
        "after": meeting.after,
        "opened": meeting.opened_at,
        "adjourned": meeting.adjourned_at,
        "settings": settings.to_dict(),
        "next_meeting": dataclasses.asdict(nxt) if nxt else None,
        "holders": {role: names for role, names in held.items() if names},
        "people": list(meeting.people.values()),
        # where it stands, for the home screen
        "status": agenda_status(meeting),
        "present": len(meeting.present),
        "speaker": meeting.speaker.name if meeting.speaker else "",
        "decisions": [_decision(meeting, p.id, titles) for p in meeting.proposals.values() if p.decision],
        "actions": [
            {
                "ref": a.ref,
                "text": a.text,
                "owners": list(a.owners),
                "due": a.due,
                "at": a.at,
                "item": titles.get(a.item or -1),
            }
            for a in meeting.actions
        ],
        "reviews": [
            {
                "action": qualified(r.action, meeting_id),
                "status": r.status,
                "note": r.note,
                "at": r.at,
                "text": r.text,
                "owners": list(r.owners),
            }
            for r in meeting.action_reviews
        ],
        "reviewed": [
            {"decision": i.review_of.ref, "at": i.ended_at or meeting.opened_at}
            for i in meeting.items.values()
            if i.review_of is not None and i.status == "done"
        ],
        "carry": [
            {
                "title": i.title,
                "minutes": i.minutes,
                "kind": i.kind,
                "presenter": i.presenter,
                "proposals": [
                    {"ref": qualified(p.id, meeting_id), "title": p.title, "text": p.text}
                    for p in meeting.proposals.values()
                    if p.item == i.id and p.status in UNDECIDED
                ],
            }
            for i in meeting.items.values()
            # a break is not business left open; the follow-up and review items are made afresh
            if i.status in ("planned", "tabled") and i.kind != "break" and not i.follow_up and i.review_of is None
        ],
    }


def _decision(meeting: Meeting, proposal_id: str, titles: dict[int, str]) -> dict[str, Any]:
    proposal = meeting.proposals[proposal_id]
    d = proposal.decision
    assert d is not None
    return {
        "proposal": proposal.id,
        "title": proposal.title,
        "text": d.text,
        "version": d.version,
        "presenters": list(proposal.presenters),
        "item": titles.get(proposal.item or -1),
        "outcome": d.outcome,
        "label": d.label,
        "counted": d.counted,
        "rule": d.rule,
        "arithmetic": d.arithmetic,
        "stages": [{"rule": s.rule, "outcome": s.outcome, "arithmetic": s.arithmetic} for s in d.stages],
        "reason": d.reason,
        "agree": d.agree,
        "block": d.block,
        "stand_aside": d.stand_aside,
        "present": d.present,
        "quorum": d.quorum,
        "blocks": [{"name": p.name, "reason": p.reason} for p in d.blocks],
        "stand_asides": [{"name": p.name, "reason": p.reason} for p in d.stand_asides],
        "review": d.review,
        "at": d.at,
    }


def qualified(ref: str, meeting_id: str) -> str:
    """An id as any meeting names it: A1 of this meeting is MEETING:A1."""
    return ref if ":" in ref else f"{meeting_id}:{ref}"


def folded(text: str) -> str:
    """Text as a search compares it: without case or accents ("Décision" finds "decision")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# ---- the register of decisions ---------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One decision of one meeting, as the register lists it."""

    meeting: str
    meeting_title: str
    date: str
    record: dict[str, Any]  # the summary's decision, whole
    reviewed: tuple[tuple[str, str], ...] = ()  # (date, meeting) of each later review

    @property
    def ref(self) -> str:
        return f"{self.meeting}:{self.record['proposal']}"

    @property
    def number(self) -> int:
        return int(str(self.record["proposal"])[1:] or 0)

    @property
    def review(self) -> str | None:
        review = self.record.get("review")
        return review if isinstance(review, str) else None

    def due(self, on: str) -> bool:
        """Due for review on `on`: its date has come and no meeting has reviewed it since."""
        return self.review is not None and self.review <= on and not self.reviewed

    @cached_property
    def searched(self) -> str:
        """Its title and text as a search compares them (made once: a screen searches as you type)."""
        return folded(" ".join((str(self.record.get("title", "")), str(self.record.get("text", "")))))

    def matches(self, words: str) -> bool:
        return all(word in self.searched for word in folded(words).split())


def decisions(summaries: Iterable[Summary], search: str = "", due_on: str | None = None) -> list[Entry]:
    """Every decision, newest first; only those matching `search`, or due for review on `due_on`."""
    summaries = list(summaries)
    reviewed: dict[str, list[tuple[str, str]]] = {}
    for s in summaries:
        for r in s.get("reviewed", []):
            reviewed.setdefault(r["decision"], []).append((s["date"], s["meeting"]))
    found = []
    for s in summaries:
        for record in s.get("decisions", []):
            ref = f"{s['meeting']}:{record['proposal']}"
            entry = Entry(s["meeting"], s["title"], s["date"], record, tuple(sorted(reviewed.get(ref, []))))
            if search.strip() and not entry.matches(search):
                continue
            if due_on is not None and not entry.due(due_on):
                continue
            found.append(entry)
    return sorted(found, key=lambda e: (e.date, e.record.get("at", 0.0), e.meeting, e.number), reverse=True)


# ---- action items across meetings ------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """One review of an action item: in which meeting, when, to what status, and why."""

    meeting: str
    date: str
    status: str
    note: str
    at: float


@dataclass(frozen=True)
class Tracked:
    """An action item followed from the meeting that set it through every review since."""

    ref: str  # MEETING:A1
    text: str
    owners: tuple[str, ...]
    due: str | None
    meeting: str  # the meeting that set it
    date: str
    series: str
    progress: tuple[Progress, ...] = field(default=())

    @property
    def status(self) -> str:
        return self.progress[-1].status if self.progress else "open"

    @property
    def last_review(self) -> Progress | None:
        return self.progress[-1] if self.progress else None

    def overdue(self, on: str) -> bool:
        return self.status == "open" and self.due is not None and self.due < on

    def owned_by(self, name: str) -> bool:
        key = folded(" ".join(name.split()))
        return any(folded(" ".join(o.split())) == key for o in self.owners)


def actions(summaries: Iterable[Summary]) -> list[Tracked]:
    """Every action item of every meeting, oldest meeting first, each with its reviews in order."""
    summaries = list(summaries)
    progress: dict[str, list[Progress]] = {}
    for s in summaries:
        for r in s.get("reviews", []):
            step = Progress(s["meeting"], s["date"], r["status"], r.get("note", ""), r["at"])
            progress.setdefault(r["action"], []).append(step)
    tracked = []
    for s in summaries:
        for a in s.get("actions", []):
            ref = f"{s['meeting']}:{a['ref']}"
            steps = tuple(sorted(progress.get(ref, []), key=lambda p: p.at))
            series = str(s.get("series") or s["meeting"])
            tracked.append(
                Tracked(ref, a["text"], tuple(a["owners"]), a.get("due"), s["meeting"], s["date"], series, steps)
            )
    return sorted(tracked, key=lambda t: (t.date, t.meeting, int(t.ref.rsplit(":A", 1)[1])))


# ---- what a new meeting of a series carries forward -------------------------------------------


@dataclass
class Carried:
    """The business a new meeting of a series takes from the earlier ones."""

    previous: Summary
    actions: list[Tracked]  # still open, from any meeting of the series
    reviews: list[Entry]  # decisions of the series due for review by the new meeting's date
    items: list[dict[str, Any]]  # tabled or not taken up in the previous meeting


def carried(summaries: list[Summary], previous: Summary, on: str) -> Carried:
    series = str(previous.get("series") or previous["meeting"])
    ours = [s for s in summaries if str(s.get("series") or s["meeting"]) == series]
    if not any(s["meeting"] == previous["meeting"] for s in ours):
        ours.append(previous)
    others = [s for s in summaries if s not in ours]
    # reviews made anywhere count (MEETING:A1 may be reviewed by another series)
    everyone = actions([*ours, *({**s, "actions": []} for s in others)])
    open_ones = [a for a in everyone if a.status == "open"]
    due = decisions(ours, due_on=on)
    return Carried(previous, open_ones, list(reversed(due)), list(previous.get("carry", [])))
