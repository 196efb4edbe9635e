"""The speaker's clock: big digits plus words, so warning and overtime never rely on colour."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from facilitator.clock import format_duration
from facilitator.state import Meeting
from facilitator.status import turn_state
from screens.paint import paint


class Countdown(Vertical):
    """Shows the current turn's remaining time (or elapsed time for a stopwatch turn).

    The time is computed from the meeting's events and now on every repaint, never counted.
    """

    DEFAULT_CSS = """
    Countdown { height: auto; width: 100%; align-horizontal: center; }
    Countdown Digits { width: auto; }
    Countdown .countdown--state { width: 100%; text-align: center; text-style: bold; }
    Countdown.-warning Digits, Countdown.-warning .countdown--state { color: $warning; }
    Countdown.-overtime Digits, Countdown.-overtime .countdown--state { color: $error; }
    Countdown.-overtime .countdown--state { text-style: bold reverse; }
    Countdown.-paused Digits, Countdown.-paused .countdown--state { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        self.digits = Digits("-:--", classes="countdown--digits")  # kept, not queried: shown 8 times a second
        self.label = Static("", classes="countdown--state")
        yield self.digits
        yield self.label

    def show(self, meeting: Meeting, now: float) -> None:
        turn = meeting.speaker
        state = turn_state(meeting, now)
        for name in ("warning", "overtime", "paused"):
            self.set_class(state == name, f"-{name}")
        digits, label = self.digits, self.label
        if turn is None:
            paint(digits, "-:--")
            paint(label, "nobody has the floor")
            return
        remaining = turn.remaining(now)
        if remaining is None:
            paint(digits, format_duration(turn.spoken(now)))
            words = "stopwatch"
        else:
            paint(digits, format_duration(remaining))
            words = {
                "overtime": f"OVERTIME +{format_duration(-remaining)}",
                "warning": f"{int(remaining)} s left",
                "speaking": f"of {format_duration(turn.limit + turn.extended)}",
            }.get(state, "")
        if state == "paused":
            words = "PAUSED" + (" (point of process)" if turn.suspended else "")
        paint(label, words)
