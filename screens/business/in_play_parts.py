"""The in-play panel's summary (screens/business/in_play.py), loaded when something is first in play.

A small terminal cannot give both their full size without starving the stack, so the panel has a
summary too (operator.tcss shows one or the other): the proposal's title and state, two lines of
its text with the changes marked, its pending amendments and the check's counts, one line each.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from facilitator.meeting.proposals import Proposal, TemperatureCheck
from facilitator.meeting.wording import word_diff
from screens.business.proposal_widgets import OUTCOME_MARKS, diff_text
from screens.widgets.paint import paint

STATES = {"testing": "in its final test", "open": "open"}


def proposal_line(proposal: Proposal) -> Text:
    line = Text(f"{proposal.id} v{proposal.version}: ", style="bold")
    line.append(proposal.title, style="bold")
    if proposal.decision is not None:
        line.append("  ")
        line.append(OUTCOME_MARKS.get(proposal.decision.outcome, proposal.decision.outcome.upper()), "bold reverse")
        line.append(" ")
        line.append(proposal.decision.label)
    else:
        line.append(f"  ({STATES.get(proposal.status, proposal.status)})")
    return line


def pending_line(proposal: Proposal) -> Text:
    waiting = proposal.pending()
    many = len(waiting) > 1
    line = Text(f"{len(waiting)} pending amendments: " if many else "pending amendment: ", style="italic")
    for number, amendment in enumerate(waiting):
        line.append(" · " if number else "")
        line.append(amendment.id, style="bold")
        line.append(" by ")
        line.append(amendment.by)
    return line


def check_line(check: TemperatureCheck) -> Text:
    together = check.together()
    line = Text(f"Check {check.id}: ", style="bold")
    line.append(" · ".join(f"{option} {together[option]}" for option in check.options))
    line.append(f" · {check.total} in all", style="bold")
    if check.about:
        line.append(f" · about {check.about}")
    return line


class InPlaySummary(Vertical):
    """The panel in a few lines, for a terminal with no room for the full parts."""

    def compose(self) -> ComposeResult:
        yield Static(classes="summary--line summary--title")
        yield Static(classes="summary--text")
        yield Static(classes="summary--line summary--pending")
        yield Static(classes="summary--line summary--check")

    def show(self, proposal: Proposal | None, check: TemperatureCheck | None) -> None:
        title = self.query_one(".summary--title", Static)
        text = self.query_one(".summary--text", Static)
        pending = self.query_one(".summary--pending", Static)
        check_part = self.query_one(".summary--check", Static)
        keys = "v opens it · f final test · t check" if proposal is not None else "t counts"
        self.border_title = ("Proposal" if proposal is not None else "Temperature check") + f" ({keys})"
        title.display = text.display = proposal is not None
        pending.display = proposal is not None and bool(proposal.pending())
        check_part.display = check is not None
        if proposal is not None:
            paint(title, proposal_line(proposal))
            if proposal.version > 1:
                paint(text, diff_text(word_diff(proposal.text_at(1), proposal.text)))
            else:
                paint(text, Text(proposal.text))
            paint(pending, pending_line(proposal))
        if check is not None:
            paint(check_part, check_line(check))
