"""Who is present, with each person's speaking time so far as a number and a bar."""

from __future__ import annotations

from itertools import islice

from rich.text import Text

from facilitator.clock import format_duration
from facilitator.state import Meeting
from screens.lines import Lines

BAR = 8
MOST = 60  # lines made before the panel has a height


def present_lines(meeting: Meeting, now: float, limit: int | None = None) -> list[Text]:
    """One line per person present, in order of arrival; the first `limit` of them."""
    airtime = {name.casefold(): seconds for name, seconds in meeting.airtime(now).items()}
    most = max(airtime.values(), default=0.0)
    speaking = meeting.speaker.name.casefold() if meeting.speaker else None
    lines = []
    for key, name in islice(meeting.present.items(), limit):
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
    """Only the lines the panel has room for are made: a big assembly has a hundred people."""

    _latest: tuple[Meeting, float] | None = None

    def show(self, meeting: Meeting, now: float) -> None:
        self._latest = (meeting, now)
        if self.display:  # hidden on a narrow terminal
            self.show_lines(present_lines(meeting, now, self.size.height or MOST))

    def on_resize(self) -> None:
        if self._latest is not None:
            self.show(*self._latest)
