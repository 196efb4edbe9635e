"""The next meeting of a series (`facilitator new TITLE --after MEETING`): it takes the previous
meeting's next-meeting date and place, its rules as they stood at the end, and puts on its
agenda the open business: the action items still open across the series (one item, "Action
items from last time"), the decisions due for review, and the items tabled or not taken up.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from facilitator.clock import FakeClock
from facilitator.errors import StoreError
from facilitator.meeting.events import Actor
from facilitator.meeting.register import Carried, carried
from facilitator.meeting.settings import Settings
from facilitator.meeting.when import today
from facilitator.session import Session
from facilitator.store import locations, meetings, summaries

FOLLOW_UP = "Action items from last time"


@dataclass(frozen=True)
class Followed:
    """A meeting made after another, and what it carried."""

    meeting_id: str
    business: Carried

    def said(self) -> str:
        """One line: what the new meeting took from the previous one."""
        b = self.business
        parts = [f"after {b.previous['meeting']}"]
        counts = [
            (len(b.actions), "open action item", "open action items"),
            (len(b.reviews), "decision due for review", "decisions due for review"),
            (len(b.items), "carried item", "carried items"),
        ]
        parts += [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
        return ", ".join(parts)


def previous_meeting(root: Path, ref: str) -> str:
    """The id of the meeting a new one follows, refused (StoreError) when it is not one of this
    data folder's."""
    if os.sep in ref or ref.endswith(".json"):
        given = Path(ref).expanduser()
        inside = locations.sessions_dir(root).resolve()
        if given.exists() and given.resolve().parent != inside:
            raise StoreError(
                f"{ref} is a meeting of another data folder; a series stays in one folder (--data-dir DIR)"
            )
        ref = given.stem
    return meetings.resolve(root, ref).stem


def follow(
    root: Path,
    after: str,
    title: str,
    actor: Actor,
    now: float,
    date: str | None = None,
    location: str | None = None,
) -> Followed:
    """Create the next meeting of `after`'s series. Nothing is created when `after` is absent,
    damaged or of another data folder."""
    previous_id = previous_meeting(root, after)
    found = summaries.sync(root)
    previous = found.of(previous_id)
    if previous is None:
        why = dict(found.unreadable).get(previous_id, "it cannot be read")
        raise StoreError(f"cannot follow {previous_id}: {why}; see facilitator recover {previous_id}")
    nxt = previous.get("next_meeting") or {}
    date = date or nxt.get("date") or today(now)
    if location is None:
        location = nxt.get("place") or previous.get("location") or ""
    business = carried(found.rows, previous, date)
    series = str(previous.get("series") or previous_id)
    meeting_id = meetings.create(
        root,
        title,
        actor,
        now,
        date,
        location,
        settings=Settings.from_dict(previous.get("settings") or {}),
        series=series,
        after=previous_id,
    )
    session = Session.open(locations.meeting_file(root, meeting_id), actor, FakeClock(now))
    if business.actions:
        follow_up = [
            {"ref": a.ref, "text": a.text, "owners": list(a.owners), "due": a.due, "set_on": a.date}
            for a in business.actions
        ]
        session.act("agenda_add", setup=True, title=FOLLOW_UP, minutes=5, kind="report", follow_up=follow_up)
    for entry in business.reviews:
        record = entry.record
        review = {
            "ref": entry.ref,
            "title": record["title"],
            "text": record["text"],
            "label": record["label"],
            "decided_on": entry.date,
            "review": entry.review,
        }
        session.act("agenda_add", setup=True, title=f"Review: {record['title']}", minutes=10, review_of=review)
    for item in business.items:
        session.act(
            "agenda_add",
            setup=True,
            title=item["title"],
            minutes=item.get("minutes", 0),
            kind=item.get("kind", "discussion"),
            carried_from=previous["date"],
        )
        number = str(len(session.meeting.items))
        for proposal in item.get("proposals", []):  # its text as it stood, to take up where it was left
            session.act(
                "propose",
                setup=True,
                title=proposal["title"],
                text=proposal["text"],
                item=number,
                carried_from=proposal["ref"],
            )
    return Followed(meeting_id, business)
