"""The top of the operator screen: the meeting, the item under way, and their clocks."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from facilitator.clock import format_duration
from facilitator.state import Item, Meeting


def item_clock(item: Item, now: float) -> Text:
    """Time used against the time box, with the overrun in words, not only in colour."""
    used = (item.ended_at or now) - (item.started_at or now)
    if item.minutes <= 0:
        return Text(f"item {format_duration(used)}")
    box = item.minutes * 60
    text = Text(f"item {format_duration(used)} of {format_duration(box)}")
    if used > box:
        text.append(f" OVER by {format_duration(used - box)}", style="bold reverse")
    return text


def item_line(meeting: Meeting) -> Text:
    items = list(meeting.items.values())
    item = meeting.items.get(meeting.item) if meeting.item is not None else None
    if item is None:
        upcoming = next((i for i in items if i.status == "planned"), None)
        text = Text("General stack: no agenda item under way")
        if upcoming is not None:
            text.append(" · next: ")
            text.append(upcoming.title)
        return text
    text = Text(f"Item {items.index(item) + 1} of {len(items)}: ", style="bold")
    text.append(item.title, style="bold")
    text.append(f" ({item.kind}")
    if item.presenter:
        text.append(", presented by ")
        text.append(item.presenter)
    text.append(")")
    return text


class MeetingBar(Widget):
    """Two lines: title, present count and meeting clock; the item and its clock."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._meeting: Meeting | None = None
        self._now = 0.0

    def show(self, meeting: Meeting, now: float) -> None:
        self._meeting, self._now = meeting, now
        self.refresh()

    def render(self) -> Table:
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True, min_width=20)
        grid.padding = (0, 0, 0, 2)
        meeting, now = self._meeting, self._now
        if meeting is None:
            grid.add_row(Text(""), Text(""))
            return grid
        title = Text(meeting.title, style="bold")
        if meeting.location:
            title.append(" · " + meeting.location, style="not bold")
        clock = Text(f"{len(meeting.present)} present · meeting {format_duration(now - meeting.opened_at)}")
        grid.add_row(title, clock)
        item = meeting.items.get(meeting.item) if meeting.item is not None else None
        grid.add_row(item_line(meeting), item_clock(item, now) if item else Text(""))
        return grid
