"""Who is present, with each person's speaking time so far as a number and a bar."""

from __future__ import annotations

from rich.text import Text

from facilitator.clock import format_duration
from facilitator.state import Meeting
from screens.lines import Lines

BAR = 8


def present_lines(meeting: Meeting, now: float) -> list[Text]:
    airtime = {name.casefold(): seconds for name, seconds in meeting.airtime(now).items()}
    most = max(airtime.values(), default=0.0)
    speaking = meeting.speaker.name.casefold() if meeting.speaker else None
    lines = []
    for key, name in meeting.present.items():
        text = Text()
        spoken = airtime.get(key, 0.0)
        filled = round(BAR * spoken / most) if most else 0
        text.append("▶ " if key == speaking else "  ", style="bold")
        text.append(f"{format_duration(spoken):>6} ")
        text.append("█" * filled + "·" * (BAR - filled), style="dim")
        text.append(" ")
        text.append(name, style="bold" if key == speaking else "")
        lines.append(text)
    return lines or [Text("nobody marked present yet (i)")]


class PresentList(Lines):
    def show(self, meeting: Meeting, now: float) -> None:
        self.show_lines(present_lines(meeting, now))
