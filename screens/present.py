"""Who is present, with each person's speaking time so far as a number and a bar."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from facilitator.clock import format_duration
from facilitator.state import Meeting
from screens.paint import paint

BAR = 8


def present_lines(meeting: Meeting, now: float) -> Text:
    airtime = {name.casefold(): seconds for name, seconds in meeting.airtime(now).items()}
    most = max(airtime.values(), default=0.0)
    speaking = meeting.speaker.name.casefold() if meeting.speaker else None
    text = Text(no_wrap=True, overflow="ellipsis")
    for number, (key, name) in enumerate(meeting.present.items()):
        if number:
            text.append("\n")
        spoken = airtime.get(key, 0.0)
        filled = round(BAR * spoken / most) if most else 0
        text.append("▶ " if key == speaking else "  ", style="bold")
        text.append(f"{format_duration(spoken):>6} ")
        text.append("█" * filled + "·" * (BAR - filled), style="dim")
        text.append(" ")
        text.append(name, style="bold" if key == speaking else "")
    if not meeting.present:
        text.append("nobody marked present yet (i)")
    return text


class PresentList(Static):
    def show(self, meeting: Meeting, now: float) -> None:
        paint(self, present_lines(meeting, now))
