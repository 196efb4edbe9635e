"""Recent actions, newest first, with who did them; undone ones stay, struck through."""

from __future__ import annotations

import time

from rich.text import Text

from facilitator.state import Meeting
from screens.lines import Lines

MOST = 40  # lines kept, whatever the panel's height today


def recent_lines(meeting: Meeting, terminal: str, count: int) -> list[Text]:
    lines = []
    for line in reversed(meeting.recent(count)):
        text = Text()
        mine = line.actor.get("terminal") == terminal
        text.append("• " if mine else "  ", style="bold")
        text.append(time.strftime("%H:%M:%S", time.localtime(line.ts)) + "  ", style="dim")
        text.append(line.author, style="italic")
        text.append("  ")
        text.append(line.summary, style="strike dim" if line.undone else "")
        if line.undone:
            text.append(" (undone)", style="bold")
        lines.append(text)
    return lines or [Text("nothing yet")]


class RecentActions(Lines):
    def show(self, meeting: Meeting, terminal: str) -> None:
        self.show_lines(recent_lines(meeting, terminal, max(MOST, self.size.height)))
