"""The projector view: read-only, legible from the back of the room, following the operators.
On a big terminal the countdown's digits grow with it (screens/widgets/big_digits.py).

The screen holds the session and pushes (meeting, now) down to its parts, each of which has a
`show(meeting, now)` method. The business of the meeting (the proposal in play with what changed
since v1 and its outcome, the open temperature check's bars) goes into the `#business` region:
once the meeting first has business (a proposal in play or an open check), each factory in
`ProjectorScreen.BUSINESS` is mounted there and shown whenever the meeting changes; a part hides
itself (`display = False`) when it has nothing to say, and while any part shows, the stack gives
up its spare rows. (Most of a meeting has no business: its widgets are not built until it has.)
Last time's action items show below it while the item carrying them is under way
(screens/projector/follow_up_wall.py), and the stack gives up its rows to them too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar, Protocol, runtime_checkable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.widget import Widget
from textual.widgets import Static

from facilitator.clock import clock_time, format_duration
from facilitator.meeting.settings import KIND_LABELS
from facilitator.meeting.state import Meeting, Turn
from facilitator.meeting.status import turn_state
from facilitator.session import Session
from screens.business.in_play_now import has_business, open_check
from screens.projector.countdown import Countdown
from screens.projector.follow_up_wall import FollowUpWall
from screens.projector.next_up import NextUp
from screens.widgets.meeting_screen import MeetingScreen
from screens.widgets.paint import paint

CLOCK_HZ = 5  # repaint rate of the clocks; the time shown is always computed from now
TALL = 40  # rows from which the stack shows more than the next five
WIDE = 120  # columns from which the speaker and the stack stand side by side
BIG_DIGITS_FROM = 90  # columns from which a tall screen draws the countdown in big blocks
BUSINESS_ROWS = 7  # the fewest rows a proposal or a check is shown in (a rule, a heading, five lines)


def proposal_part() -> Widget:
    from screens.business.proposal_widgets import ProposalInPlay  # loaded with the first business

    part = ProposalInPlay(classes="business--proposal")
    part.border_title = "proposal"
    return part


def check_part() -> Widget:
    from screens.business.proposal_widgets import OpenCheck

    part = OpenCheck()
    part.border_title = "temperature check"
    return part


def digit_scale(width: int, height: int, busy: bool) -> int:
    """How big the countdown's digits are (screens/widgets/big_digits.py): Textual's three rows, or
    eleven rows of blocks on a tall screen with no business below the stack."""
    return 2 if height >= TALL and width >= BIG_DIGITS_FROM and not busy else 1


@runtime_checkable
class Shows(Protocol):
    """A part of the projector: it shows the meeting as it stands at `now`."""

    def show(self, meeting: Meeting, now: float) -> None: ...


def speaker_kind(meeting: Meeting, turn: Turn) -> Text:
    if turn.kind == "process":
        return Text(" POINT OF PROCESS ", style="bold reverse")
    if turn.kind == "response":
        answered = meeting.turns.get(turn.answers) if turn.answers is not None else None
        if answered is not None:
            return Text.assemble("responds to ", (answered.name, "bold"))
    return Text(KIND_LABELS.get(turn.kind, turn.kind))


def left_of(turn: Turn, now: float) -> str:
    remaining = turn.remaining(now)
    if remaining is None:
        return f"{format_duration(turn.spoken(now))} spoken"
    if remaining < 0:
        return f"{format_duration(-remaining)} over"
    return f"{format_duration(remaining)} left"


class Masthead(Vertical):
    """The meeting's title, the agenda item under way and how long it has run."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[Text, Text] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", classes="masthead--title")
        yield Static("", classes="masthead--item")

    def show(self, meeting: Meeting, now: float) -> None:
        title = Text(meeting.title)
        item = meeting.items.get(meeting.item) if meeting.item is not None else None
        present = f"{len(meeting.present)} present"
        if meeting.adjourned_at is not None:
            line = Text(f"Adjourned at {clock_time(meeting.adjourned_at)}", style="bold")
        elif item is None:
            line = Text(f"no agenda item under way · {present}")
        else:
            used = int(max(0.0, now - (item.started_at or now)) // 60)
            box = f" of {item.minutes:g} min" if item.minutes else " min"
            line = Text.assemble((item.title, "bold"), f" · {used}{box} · {present}")
            if item.minutes and used > item.minutes:
                line.append(" · OVER TIME", style="bold reverse")
        if (title, line) != self._shown:
            self._shown = (title, line)
            paint(self.query_one(".masthead--title", Static), title)
            paint(self.query_one(".masthead--item", Static), line)


class Floor(Vertical):
    """Who has the floor: the name big, what kind of turn, the countdown, who waits paused."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.roomy = False  # a big screen: the paused speaker gets a line of their own

    def compose(self) -> ComposeResult:
        yield Static("", classes="floor--name")
        yield Static("", classes="floor--kind")
        yield Countdown()
        yield Static("", classes="floor--suspended")

    def set_state(self, meeting: Meeting, now: float) -> None:
        """Nobody, warning and overtime change the frame and the colours."""
        state = turn_state(meeting, now)
        self.set_class(meeting.speaker is None, "-nobody")
        self.set_class(state == "warning", "-warning")
        self.set_class(state == "overtime", "-overtime")

    def show(self, meeting: Meeting, now: float) -> None:
        turn = meeting.speaker
        name = self.query_one(".floor--name", Static)
        kind = self.query_one(".floor--kind", Static)
        countdown = self.query_one(Countdown)
        self.set_state(meeting, now)
        if turn is None:
            paint(name, Text("nobody has the floor"))
            kind.display = False
            countdown.display = False
        else:
            paint(name, Text(turn.name))
            paint(kind, speaker_kind(meeting, turn))
            kind.display = True
            countdown.display = True
            countdown.show(meeting, now)
        waiting = [meeting.turns[t] for t in meeting.suspended if t in meeting.turns]
        suspended = self.query_one(".floor--suspended", Static)
        suspended.display = bool(waiting)
        if waiting:
            lines = Text()
            for i, paused in enumerate(waiting):
                if i:
                    lines.append("\n")
                lines.append("paused for a point of process:" + ("\n" if self.roomy else " "))
                lines.append(paused.name, style="bold")
                lines.append(f" ({left_of(paused, now)})")
            paint(suspended, lines)


class ProjectorScreen(MeetingScreen):
    """Read-only: no key here changes the meeting (none is bound to `act` or undo). q or escape
    closes the view. A store problem shows on the wall itself, not as a notification."""

    # absolute: subclasses live elsewhere
    CSS_PATH = [Path(__file__).with_name("projector.tcss"), Path(__file__).with_name("projector_business.tcss")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", show=False, id="projector.quit"),
        Binding("escape", "app.quit", "Quit", show=False, id="projector.escape"),
    ]
    # Textual types these as instance attributes, so no ClassVar (mypy would refuse it).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL, "-tall")]  # noqa: RUF012
    # The parts below the stack: the proposal in play (what changed since v1, its outcome once
    # decided) and the open temperature check's bars. Each hides itself when it has nothing to say.
    BUSINESS: ClassVar[Sequence[Callable[[], Widget]]] = (proposal_part, check_part)

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.trouble: str | None = None
        self._business_seen: tuple[int, int, bool, bool] | None = None
        self._business_asked = False  # built once the meeting first has business
        self.business_ready = False

    def compose(self) -> ComposeResult:
        with Vertical(id="projector"):
            yield Masthead(id="masthead")
            yield Static("", id="trouble")
            with Container(id="stage"):
                yield Floor(id="floor")
                yield NextUp(id="next-up")
            yield Vertical(id="business")  # its parts: build_business
            yield FollowUpWall(id="follow-up")  # last time's action items, while their item is under way

    def on_mount(self) -> None:  # then MeetingScreen's: shows the meeting, follows the store
        self.query_one("#floor").border_title = "has the floor"
        self.query_one("#next-up").border_title = "next on the stack"
        self.query_one("#trouble").display = False
        self.call_after_refresh(self.repaint)  # the room for business is known once laid out
        self.set_interval(1 / CLOCK_HZ, self.repaint)

    def on_resize(self) -> None:
        self.repaint()
        self.call_after_refresh(self.repaint)

    def parts(self) -> list[Shows]:
        parts: list[Shows] = [self.query_one(Masthead), self.query_one(Floor), self.query_one(NextUp)]
        parts.extend(w for w in self.query_one("#business").children if isinstance(w, Shows))
        return parts

    def show_meeting(self) -> None:
        self.repaint()

    def say_problem(self, problem: str | None) -> None:
        """A file that cannot be read is said on the wall, not fatal; cleared once read again."""
        if problem != self.problem:
            self.say_trouble(
                None if problem is None else f"cannot read the meeting: {problem}; showing the last state read"
            )
            self.repaint()
        self.problem = problem

    def say_trouble(self, message: str | None) -> None:
        self.trouble = message
        trouble = self.query_one("#trouble", Static)
        trouble.display = message is not None
        paint(trouble, Text(message or ""))

    def business_room(self) -> int:
        """On a narrow screen, the rows the business would have below the stack showing three
        (a screen that shows more than the projector, a participant's, may leave none)."""
        if self.size.width >= WIDE:
            return self.size.height  # side by side: the stage is short, the business goes below
        frame = self.query_one("#projector").content_size.height
        above = [self.query_one(name) for name in ("#masthead", "#trouble", "#floor")]
        return frame - sum(w.outer_size.height for w in above if w.display) - (2 + 3 + 1)

    async def build_business(self) -> None:
        parts = [make() for make in self.BUSINESS]
        for part in parts:
            part.display = False  # until repaint has shown the meeting in it: no empty frame
        await self.query_one("#business").mount_all(parts)
        self.business_ready = True
        self._business_seen = None
        self.repaint()

    def repaint(self) -> None:
        """Show the meeting at this moment. Runs at CLOCK_HZ and after every change."""
        meeting, now = self.session.meeting, self.session.now()
        if not self._business_asked and has_business(meeting):
            self._business_asked = True
            self.call_later(self.build_business)
        business = list(self.query_one("#business").children) if self.business_ready else []
        room = self.business_room()
        # With no room for business the stack keeps its rows; with room for only one part, an
        # open check takes it (its question names the proposal).
        fits = room >= BUSINESS_ROWS
        squeezed = open_check(meeting) is not None and room < 2 * BUSINESS_ROWS
        seen = (id(meeting), meeting.last_seq, fits, squeezed)
        if seen != self._business_seen:  # business does not move with the clock: show it when it changes
            self._business_seen = seen
            for widget in business:
                widget.display = fits and not (squeezed and widget.has_class("business--proposal"))
                if widget.display and isinstance(widget, Shows):
                    widget.show(meeting, now)  # and it hides itself when it has nothing to say
        # While business is shown the stack gives it room: the next five (three on a small screen).
        follow_up = self.query_one(FollowUpWall)
        follow_up.show(meeting, now)  # before the stack is sized: it gives its rows while this shows
        busy = any(w.display for w in business) or follow_up.display
        self.set_class(busy, "-business")
        next_up = self.query_one(NextUp)
        tall = self.size.height >= TALL
        next_up.limit = 5 if tall else 3  # while business shows; else as many as its rows hold
        next_up.leading = 1 if tall and not busy else 0
        self.query_one(Floor).roomy = self.size.width >= WIDE
        self.query_one(Countdown).scale = digit_scale(self.size.width, self.size.height, busy)
        below = {id(widget) for widget in business}
        for part in self.parts():
            if id(part) not in below:
                part.show(meeting, now)
