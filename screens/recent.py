"""Recent actions, newest first, with who did them; undone ones stay, struck through."""

from __future__ import annotations

import time

from rich.text import Text

from facilitator.state import Meeting
from screens.lines import Lines

MOST = 40  # lines made before the panel has a height


def recent_lines(meeting: Meeting, terminal: str, count: int) -> list[Text]:
    lines = []
    for line in reversed(meeting.recent(count)):
        mine = line.actor.get("terminal") == terminal
        when = time.strftime("%H:%M:%S", time.localtime(line.ts))
        # one string styled by position: rich's append() re-checks every piece it is given
        text = Text(
            f"{'• ' if mine else '  '}{when}  {line.author}  {line.summary}{' (undone)' if line.undone else ''}"
        )
        author = 2 + len(when) + 2
        summary = author + len(line.author) + 2
        text.stylize("bold", 0, 2)
        text.stylize("dim", 2, author)
        text.stylize("italic", author, summary - 2)
        if line.undone:
            text.stylize("strike dim", summary, summary + len(line.summary))
            text.stylize("bold", summary + len(line.summary))
        lines.append(text)
    return lines or [Text("nothing yet")]


class RecentActions(Lines):
    """Only the lines the panel has room for are made."""

    _latest: tuple[Meeting, str] | None = None

    def show(self, meeting: Meeting, terminal: str) -> None:
        self._latest = (meeting, terminal)
        self.show_lines(recent_lines(meeting, terminal, self.size.height or MOST))

    def on_resize(self) -> None:
        if self._latest is not None:
            self.show(*self._latest)
