"""What the proposal, check and final-test screens share: every change goes through
`session.act`, a refusal is a one-line notification, and other terminals' writes are picked up
by polling, after which the screen shows the meeting again."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from facilitator.errors import Refused, StoreError
from facilitator.session import Session
from screens.speaker_strip import SpeakerStrip


def one_line(message: str) -> str:
    return " ".join(message.split())


class StoreWatch:
    """Picks up other terminals' writes for a screen; a store problem is said once, not on
    every poll, and said again only when it changes."""

    def __init__(self, screen: Screen[Any], session: Session) -> None:
        self.screen = screen
        self.session = session
        self.problem: str | None = None

    def refresh(self) -> bool | None:
        """True when the meeting changed, False when not, None when the store could not be read."""
        try:
            changed = self.session.refresh()
        except (StoreError, OSError) as err:
            message = one_line(str(err))
            if message != self.problem:
                self.problem = message
                self.screen.notify(message, severity="error", markup=False)
            return None
        self.problem = None
        return changed


def show_clock(screen: Screen[Any], session: Session) -> None:
    """The speaker's strip, if the screen has one, as it stands now (screens/speaker_strip.py):
    called on every poll, so the time it shows is never more than a poll old."""
    for strip in screen.query(SpeakerStrip):
        strip.show(session.meeting, session.now())


class MeetingScreen(Screen[None]):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._store = StoreWatch(self, session)

    def on_mount(self) -> None:  # Textual also calls the subclasses' own on_mount, before this one
        self.show_meeting()
        show_clock(self, self.session)
        self.set_interval(float(getattr(self.app, "poll", 0.2)), self.poll_store)

    def show_meeting(self) -> None:
        """Show the meeting as it stands: each screen says how."""

    def act(self, action: str, /, *, say: bool = True, **args: Any) -> bool:
        """Do the action; a refusal is one line. `say=False` keeps quiet when it goes through
        (a key pressed many times, such as counting hands)."""
        try:
            outcome = self.session.act(action, **args)
        except (Refused, StoreError, OSError) as err:
            self.notify(one_line(str(err)), severity="error", markup=False)
            return False
        if say:
            self.notify(one_line(outcome.summary), markup=False, timeout=4)
        self.show_meeting()
        return True

    def poll_store(self) -> None:
        if self._store.refresh():
            self.show_meeting()
        show_clock(self, self.session)

    def action_undo(self) -> None:
        self.act("undo", scope="terminal")

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()
