"""Recent actions, newest first, with who did them; undone ones stay, struck through."""

from __future__ import annotations

import time

from rich.text import Text

from facilitator.meeting.state import Meeting
from screens.operator.lines import Lines

MOST = 40  # lines made before the panel has a height


RecentKey = tuple[int, float, str, str, bool, bool] | None  # action, when, author, summary, undone, ours


def recent_keys(meeting: Meeting, terminal: str, count: int) -> list[RecentKey]:
    """What each line shows, newest first."""
    keys: list[RecentKey] = [
        (line.action, line.ts, line.author, line.summary, line.undone, line.actor.get("terminal") == terminal)
        for line in reversed(meeting.recent(count))
    ]
    return keys or [None]


def recent_line(key: RecentKey) -> Text:
    if key is None:
        return Text("nothing yet")
    _, ts, author_name, summary_text, undone, mine = key
    when = time.strftime("%H:%M:%S", time.localtime(ts))
    # one string styled by position: rich's append() re-checks every piece it is given
    text = Text(f"{'• ' if mine else '  '}{when}  {author_name}  {summary_text}{' (undone)' if undone else ''}")
    author = 2 + len(when) + 2
    summary = author + len(author_name) + 2
    text.stylize("bold", 0, 2)
    text.stylize("dim", 2, author)
    text.stylize("italic", author, summary - 2)
    if undone:
        text.stylize("strike dim", summary, summary + len(summary_text))
        text.stylize("bold", summary + len(summary_text))
    return text


class RecentActions(Lines):
    """Only the lines the panel has room for are made."""

    _latest: tuple[Meeting, str] | None = None

    def show(self, meeting: Meeting, terminal: str) -> None:
        self._latest = (meeting, terminal)
        self.show_keyed(recent_keys(meeting, terminal, self.size.height or MOST), recent_line)

    def on_resize(self) -> None:
        if self._latest is not None:
            self.show(*self._latest)
