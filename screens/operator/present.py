"""Who is present, with each person's speaking time so far as a number and a bar."""

from __future__ import annotations

from itertools import islice

from rich.text import Text

from facilitator.clock import format_duration
from facilitator.meeting.state import Meeting
from screens.operator.lines import Lines

BAR = 8
MOST = 60  # lines made before the panel has a height


PresentKey = tuple[bool, str, int, str] | None  # has the floor, time spoken, bar, name


def present_keys(meeting: Meeting, now: float, limit: int | None = None) -> list[PresentKey]:
    """What each line shows, one per person present in order of arrival, the first `limit`:
    whether they have the floor, their speaking time so far, its bar, their name."""
    airtime = {name.casefold(): seconds for name, seconds in meeting.airtime(now).items()}
    most = max(airtime.values(), default=0.0)
    speaking = meeting.speaker.name.casefold() if meeting.speaker else None
    keys: list[PresentKey] = []
    for key, name in islice(meeting.present.items(), limit):
        spoken = airtime.get(key, 0.0)
        keys.append((key == speaking, format_duration(spoken), round(BAR * spoken / most) if most else 0, name))
    return keys or [None]


def present_line(key: PresentKey) -> Text:
    if key is None:
        return Text("nobody marked present yet (i)")
    here, spoken, filled, name = key
    clock = f"{spoken:>6} "
    start = 2 + len(clock)  # the bar's first column
    # one string styled by position: rich's append() re-checks every piece it is given
    text = Text(f"{'▶ ' if here else '  '}{clock}{'█' * filled}{'·' * (BAR - filled)} {name}")
    text.stylize("bold", 0, 2)
    text.stylize("dim", start, start + BAR)
    if here:
        text.stylize("bold", start + BAR + 1)
    return text


class PresentList(Lines):
    """Only the lines the panel has room for are made: a big assembly has a hundred people."""

    _latest: tuple[Meeting, float] | None = None

    def show(self, meeting: Meeting, now: float) -> None:
        self._latest = (meeting, now)
        title = f"Present: {len(meeting.present)}"
        if title != self.border_title:
            self.border_title = title
        if self.display:  # hidden on a narrow terminal
            self.show_keyed(present_keys(meeting, now, self.size.height or MOST), present_line)

    def on_resize(self) -> None:
        if self._latest is not None:
            self.show(*self._latest)
