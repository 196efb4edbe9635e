"""The one base of the screens that show a meeting (operator, proposal, check, final test,
setup, notes, minutes, the projector and the participant's view).

It owns what they share: the session; every change goes through `act`, and a refusal is a
one-line notification; the screen follows the store (other terminals' writes, picked up at the
app's poll interval, a store problem said once) and shows the meeting again whenever it changed,
here, in another terminal or on another screen of the same session; undo (this terminal's latest
action) and back. The keys are each screen's own, in the order its key bar lists them: u and
ctrl+z undo, Escape goes back (the operator's q)."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.screen import Screen

from facilitator.errors import Refused, StoreError
from facilitator.session import Session
from screens.widgets.speaker_strip import SpeakerStrip

# The keys every acting screen lists in its own BINDINGS, where its key bar wants them (Textual
# merges a base's BINDINGS in first, and the operator's back key is q: Escape there does nothing).
UNDO_KEYS = (
    Binding("u", "undo", "undo", tooltip="Undo this terminal's latest action"),
    Binding("ctrl+z", "undo", show=False),  # also where u is taken (a check's 7th option counts with u)
)
BACK_KEY = Binding("escape", "back", "back", tooltip="Back to the previous screen")


def one_line(message: str) -> str:
    return " ".join(message.split())


def show_clock(screen: Screen[Any], session: Session) -> None:
    """The speaker's strip, if the screen has one, as it stands now (screens/widgets/speaker_strip.py):
    called on every poll, so the time it shows is never more than a poll old."""
    for strip in screen.query(SpeakerStrip):
        strip.show(session.meeting, session.now())


class MeetingScreen(Screen[None]):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.problem: str | None = None  # the store's, as last said
        self._shown: tuple[int, int] | None = None

    def on_mount(self) -> None:  # Textual also calls the subclasses' own on_mount, before this one
        self.follow_store(force=True)
        self.set_interval(float(getattr(self.app, "poll", 0.2)), self.follow_store)

    def show_meeting(self) -> None:
        """Show the meeting as it stands: each screen says how."""

    def follow_store(self, force: bool = False) -> None:
        """Pick up other terminals' writes, and show the meeting if it changed since this screen
        last showed it (another screen may have refreshed the same session)."""
        try:
            self.session.refresh()
        except (StoreError, OSError) as err:
            self.say_problem(one_line(str(err)))
        else:
            self.say_problem(None)
        show_clock(self, self.session)
        self.show_if_changed(force)

    def show_if_changed(self, force: bool = False) -> None:
        version = (id(self.session.meeting), self.session.meeting.last_seq)
        if force or version != self._shown:
            self._shown = version
            self.show_meeting()

    def say_problem(self, problem: str | None) -> None:
        """A store problem is said once, not on every poll, and again only when it changes."""
        if problem is not None and problem != self.problem:
            self.notify(problem, severity="error", markup=False)
        self.problem = problem

    def act(self, action: str, /, *, say: bool = True, **args: Any) -> bool:
        """Do the action; True when it went through. A refusal is one line and nothing changes.
        `say=False` keeps quiet when it goes through (a key pressed many times, such as counting
        hands; a screen whose panels show what happened)."""
        try:
            outcome = self.session.act(action, **args)
        except (Refused, StoreError, OSError) as err:
            self.notify(one_line(str(err)), severity="error", markup=False)
            return False
        if say:
            self.notify(one_line(outcome.summary), markup=False, timeout=4)
        self.show_if_changed(force=True)
        return True

    def action_undo(self) -> None:
        self.act("undo", scope="terminal")

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()
