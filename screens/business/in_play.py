"""What the assembly is deciding, on the operator screen: the proposal in play (its text with what
changed since v1, pending amendments, the outcome once decided) and the open temperature check's
bars. The panel hides itself while there is neither, so the stack keeps the room it has today.
On a small terminal it shows a summary instead (screens/business/in_play_parts.py).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import Horizontal, Vertical

from facilitator.meeting.state import Meeting
from screens.business.in_play_now import has_business, open_check, proposal_in_play


class InPlay(Vertical):
    """Empty until something is first in play: most of a meeting has no proposal, and its
    widgets (and their module) would cost the operator's first frame for nothing.

    `on_built(shown)` is called once the panel is built and shows the meeting, so that the
    screen lays itself out for it in the same frame (a message would arrive a frame late)."""

    def __init__(self, *, id: str | None = None, on_built: Callable[[bool], None] | None = None) -> None:
        super().__init__(id=id)
        self._on_built = on_built
        self._building = False
        self._ready = False
        self._latest: tuple[Meeting, float] | None = None

    async def _build(self) -> None:
        from screens.business.in_play_parts import InPlaySummary
        from screens.business.proposal_widgets import OpenCheck, ProposalInPlay

        proposal, check = ProposalInPlay(id="inplay"), OpenCheck(id="open-check")
        proposal.border_title = "Proposal (v opens it · f final test)"
        check.border_title = "Temperature check (t counts)"
        await self.mount(Horizontal(proposal, check, classes="inplay--full"), InPlaySummary(classes="inplay--summary"))
        self._ready = True
        if self._latest is not None:
            self.show(*self._latest)
        if self._on_built is not None:
            self._on_built(self.shown)

    @property
    def shown(self) -> bool:
        if not self._ready:
            return False  # and its widgets' module is not loaded (it was, for every first frame)
        from screens.business.proposal_widgets import OpenCheck, ProposalInPlay

        return self.query_one(ProposalInPlay).display or self.query_one(OpenCheck).display

    def show(self, meeting: Meeting, now: float) -> None:
        self._latest = (meeting, now)
        if not self._ready:
            if not has_business(meeting):
                self.display = False
            elif not self._building:
                self._building = True
                self.call_later(self._build)
            return
        from screens.business.in_play_parts import InPlaySummary
        from screens.business.proposal_widgets import OpenCheck, ProposalInPlay

        self.query_one(ProposalInPlay).show(meeting, now)
        self.query_one(OpenCheck).show(meeting, now)
        self.query_one(InPlaySummary).show(proposal_in_play(meeting), open_check(meeting))
        self.display = self.shown
