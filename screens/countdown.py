"""The projector's clock: big digits plus words, so warning and overtime never rely on colour."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from facilitator.state import Meeting
from screens.clock_face import clock_face
from screens.paint import paint


class Countdown(Vertical):
    """The projector's clock: its Digits widget and a line of words, coloured by the state."""

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
        face = clock_face(meeting, now)
        for name in ("warning", "overtime", "paused"):
            self.set_class(face.state == name, f"-{name}")
        paint(self.digits, face.digits)
        paint(self.label, face.words)
