"""Who has the floor: name, kind of point, the big countdown, and who waits out a point of process
(one panel drawn a line at a time: screens/widgets/clock_panel.py)."""

from __future__ import annotations

from rich.text import Text

from facilitator.clock import format_duration
from facilitator.meeting.settings import KIND_LABELS
from facilitator.meeting.stack import order
from facilitator.meeting.state import Meeting
from screens.widgets.clock_face import clock_face
from screens.widgets.clock_panel import ClockPanel


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


class SpeakerPanel(ClockPanel):
    def show(self, meeting: Meeting, now: float) -> None:
        turn = meeting.speaker
        name = Text(turn.name, style="bold") if turn else Text("Nobody has the floor", style="italic")
        lines: list[tuple[Text, str | None]] = [(name, None), (kind_line(meeting, now), None)]
        waiting_out = suspended_line(meeting)
        if waiting_out.plain:
            lines.append((waiting_out, "clock--alert"))
        face = clock_face(meeting, now)
        self.present(lines, face.digits, face.words, face.state)
