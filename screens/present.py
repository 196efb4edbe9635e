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
        spoken = airtime.get(key, 0.0)
        filled = round(BAR * spoken / most) if most else 0
        here = key == speaking
        clock = f"{format_duration(spoken):>6} "
        start = 2 + len(clock)  # the bar's first column
        # one string styled by position: rich's append() re-checks every piece it is given
        text = Text(f"{'▶ ' if here else '  '}{clock}{'█' * filled}{'·' * (BAR - filled)} {name}")
        text.stylize("bold", 0, 2)
        text.stylize("dim", start, start + BAR)
        if here:
            text.stylize("bold", start + BAR + 1)
        lines.append(text)
    return lines or [Text("nobody marked present yet (i)")]


class PresentList(Lines):
    def show(self, meeting: Meeting, now: float) -> None:
        self.show_lines(present_lines(meeting, now))
