"""Recent actions, newest first, with who did them; undone ones stay, struck through."""

from __future__ import annotations

import time

from rich.text import Text
from textual.widgets import Static

from facilitator.state import Meeting
from screens.paint import paint


def recent_lines(meeting: Meeting, terminal: str, count: int) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    for number, line in enumerate(reversed(meeting.recent(count))):
        if number:
            text.append("\n")
        mine = line.actor.get("terminal") == terminal
        text.append("• " if mine else "  ", style="bold")
        text.append(time.strftime("%H:%M:%S", time.localtime(line.ts)) + "  ", style="dim")
        text.append(line.author, style="italic")
        text.append("  ")
        text.append(line.summary, style="strike dim" if line.undone else "")
        if line.undone:
            text.append(" (undone)", style="bold")
    if not meeting.log:
        text.append("nothing yet")
    return text


class RecentActions(Static):
    def show(self, meeting: Meeting, terminal: str) -> None:
        paint(self, recent_lines(meeting, terminal, 40))
