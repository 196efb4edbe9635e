"""What the assembly is deciding right now: the proposal in play and the open check.

Kept apart from the widgets that draw them, so that a screen can ask without loading those.
"""

from __future__ import annotations

from facilitator.meeting.proposals import Proposal, TemperatureCheck
from facilitator.meeting.state import Meeting

__all__ = ["has_business", "open_check", "proposal_in_play"]


def proposal_in_play(meeting: Meeting) -> Proposal | None:
    """The proposal in its final test, else the latest open one, else the latest decided one
    of the current item (so the room sees the outcome once it is decided)."""
    proposals = list(meeting.proposals.values())
    for proposal in reversed(proposals):
        if proposal.status == "testing":
            return proposal
    for proposal in reversed(proposals):
        if proposal.status == "open":
            return proposal
    decided = [p for p in proposals if p.decision is not None and p.item == meeting.item]
    return max(decided, key=lambda p: p.decision.at if p.decision else 0.0) if decided else None


def open_check(meeting: Meeting) -> TemperatureCheck | None:
    return next((c for c in reversed(meeting.checks) if c.open), None)


def has_business(meeting: Meeting) -> bool:
    """Is anything in play (a proposal, an open check)? Until then the screens build no business parts."""
    return proposal_in_play(meeting) is not None or open_check(meeting) is not None
