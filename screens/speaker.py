"""Who has the floor: name, kind of point, the big countdown, and who waits out a point of process."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from facilitator.clock import format_duration
from facilitator.settings import KIND_LABELS
from facilitator.stack import order
from facilitator.state import Meeting
from screens.countdown import Countdown
from screens.paint import paint


def kind_line(meeting: Meeting, now: float) -> Text:
    turn = meeting.speaker
    if turn is None:
        places = order(meeting, now)
        if not places:
            return Text("the stack is empty")
        top = places[0].entry
        return Text.assemble("n gives the floor to ", top.name, f" ({KIND_LABELS[top.kind]})")
    text = Text(KIND_LABELS[turn.kind])
    answered = meeting.turns.get(turn.answers) if turn.answers is not None else None
    if answered is not None:
        text.append(", responds to ")
        text.append(answered.name)
    text.append(f" · spoken {format_duration(turn.spoken(now))}", style="dim")
    return text


def suspended_line(meeting: Meeting) -> Text:
    names = [meeting.turns[t].name for t in meeting.suspended if t in meeting.turns]
    if not names:
        return Text("")
    return Text.assemble(("paused for a point of process: ", "bold"), (", ".join(names), "bold"))


class SpeakerPanel(Vertical):
    def compose(self) -> ComposeResult:
        # kept, not queried: shown 8 times a second
        self.name_line = Static(classes="speaker--name")
        self.kind = Static(classes="speaker--kind")
        self.suspended = Static(classes="speaker--suspended")
        self.countdown = Countdown()
        with Vertical(classes="speaker--who"):
            yield self.name_line
            yield self.kind
            yield self.suspended
        yield self.countdown

    def show(self, meeting: Meeting, now: float) -> None:
        turn = meeting.speaker
        name = Text(turn.name, style="bold") if turn else Text("Nobody has the floor", style="italic")
        paint(self.name_line, name)
        paint(self.kind, kind_line(meeting, now))
        waiting_out = suspended_line(meeting)
        suspended = self.suspended
        paint(suspended, waiting_out)
        suspended.display = bool(waiting_out.plain)
        self.countdown.show(meeting, now)
