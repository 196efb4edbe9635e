"""The minutes' "From last time" section: what a meeting of a series took from the earlier ones
(`facilitator new --after`) and what it made of it: the action items reviewed with their new
status, the items carried, the decisions reviewed. Action items of other meetings reviewed here
(`action-status MEETING:A1`) are listed too.
"""

from __future__ import annotations

from facilitator.meeting.state import Meeting
from facilitator.minutes.escape import escape_inline, table, table_cell

STATUS_WORDS = {"planned": "not taken up", "active": "under way", "done": "taken up", "tabled": "tabled again"}


def reviewed_elsewhere(meeting: Meeting) -> list[str]:
    """Other meetings' action items reviewed here though not carried here."""
    carried = {a.ref for a in meeting.carried_actions()}
    own = {a.ref for a in meeting.actions}
    return list(dict.fromkeys(r.action for r in meeting.action_reviews if r.action not in carried | own))


def from_last_time(meeting: Meeting) -> list[str]:
    carried = meeting.carried_actions()
    items = [i for i in meeting.items.values() if i.carried_from]
    reviews = [i for i in meeting.items.values() if i.review_of is not None]
    elsewhere = reviewed_elsewhere(meeting)
    if not (meeting.after or carried or items or reviews or elsewhere):
        return []
    lines = ["## From last time", ""]
    if meeting.after:
        lines += [f"This meeting follows {escape_inline(meeting.after)}.", ""]
    refs = [a.ref for a in carried] + elsewhere
    if refs:
        known = meeting.known_actions()
        rows = []
        for ref in refs:
            text, owners = known[ref]
            review = meeting.action_status(ref)
            status = review.status if review else "still open (not reviewed)"
            note = review.note if review else ""
            rows.append([ref, table_cell(text), table_cell(", ".join(owners)), status, table_cell(note)])
        lines += ["Action items reviewed:", ""]
        lines += [*table(["Action", "What", "Owners", "Status", "Note"], list("lllll"), rows), ""]
    if items:
        told = [
            f"{escape_inline(i.title)} (carried from {i.carried_from}): {STATUS_WORDS.get(i.status, i.status)}"
            for i in items
        ]
        lines += ["Items carried: " + "; ".join(told) + ".", ""]
    if reviews:
        lines += ["Decisions reviewed:", ""]
        for i in reviews:
            r = i.review_of
            assert r is not None
            state = "reviewed" if i.status == "done" else STATUS_WORDS.get(i.status, i.status)
            lines.append(
                f"- {escape_inline(r.ref)} {escape_inline(r.title)} ({escape_inline(r.label)}, {r.decided_on}; "
                f"review due {r.review}): {state}"
            )
        lines.append("")
    return lines
