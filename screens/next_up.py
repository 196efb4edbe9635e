"""The next few on the stack, as the room sees them: name, kind, and why they stand there."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from facilitator.settings import KIND_LABELS
from facilitator.stack import Place, order
from facilitator.state import Meeting
from screens.paint import paint, title

# Shorter than the kind's full label: the reason column says whom a response answers.
KIND_WORDS = {**KIND_LABELS, "response": "response"}

MODE_WORDS = {
    "off": "first come, first served",
    "first-time": "people speaking for the first time on this item go first",
    "least-airtime": "those who have spoken least go first",
    "step-up": "those who step up go first",
}


def why(place: Place) -> str:
    """The reason, unless it only repeats the kind (a clarifying question is just that)."""
    return "" if place.reason == KIND_LABELS.get(place.entry.kind) else place.reason


def rows(meeting: Meeting, now: float, limit: int) -> tuple[list[tuple[str, str, str]], int]:
    """(name, kind, why) for the first `limit` places, and how many more wait behind them."""
    places = order(meeting, now)
    shown = [(p.entry.name, KIND_WORDS.get(p.entry.kind, p.entry.kind), why(p)) for p in places[:limit]]
    return shown, max(0, len(places) - limit)


class NextUp(Vertical):
    """Read-only view of the stack's head. The screen tells it the meeting and now."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.limit = 5
        self.leading = 0  # blank lines between places, on a big screen
        self._shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", classes="next-up--places")
        yield Static("", classes="next-up--more")
        yield Static("", classes="next-up--closed")

    def show(self, meeting: Meeting, now: float) -> None:
        shown, more = rows(meeting, now, self.limit)
        state = (tuple(shown), more, meeting.stack_closed, meeting.mode, self.limit, self.leading)
        if state == self._shown:
            return  # called at the clock's rate; repaint only what changed
        self._shown = state
        # On the frame, not a line of its own: on a small screen every row goes to the people.
        title(self, MODE_WORDS.get(meeting.mode, meeting.mode), sub=True)
        places = self.query_one(".next-up--places", Static)
        if shown:
            paint(places, self._table(shown, self.leading))
        else:
            paint(places, Text("nobody is waiting", style="italic"))
        more_line = self.query_one(".next-up--more", Static)
        paint(more_line, Text(f"+{more} more on the stack"))
        more_line.display = more > 0
        closed = self.query_one(".next-up--closed", Static)
        paint(closed, Text("stack closed to new points"))
        closed.display = meeting.stack_closed

    @staticmethod
    def _table(shown: list[tuple[str, str, str]], leading: int) -> Table:
        table = Table(box=None, show_header=False, expand=False, padding=(0, 2, 0, 0), pad_edge=False)
        table.add_column(justify="right", no_wrap=True, style="bold")
        table.add_column(style="bold")
        table.add_column(no_wrap=True)  # the longest kind is short: names and reasons wrap instead
        table.add_column(style="italic")
        for position, (name, kind, reason) in enumerate(shown, start=1):
            for _ in range(leading if position > 1 else 0):
                table.add_row()  # Table's own `leading` needs a box to draw
            table.add_row(Text(f"{position}."), Text(name), Text(kind), Text(reason))
        return table
