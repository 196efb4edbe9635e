"""The top of the operator screen: the meeting, the item under way, and their clocks."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from facilitator.clock import clock_time, format_duration
from facilitator.meeting.state import Item, Meeting

RIGHT = 20  # the clocks' column, at least
GAP = 2


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
    if meeting.adjourned_at is not None:
        text = Text(f"Adjourned at {clock_time(meeting.adjourned_at)}", style="bold")
        text.append(" · only notes, action items and the next meeting now (F8 reopens)")
        return text
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


def bar_line(left: Text, right: Text) -> Table:
    """One line: `left` cut with an ellipsis where `right` (at least RIGHT columns) begins."""
    grid = Table.grid(padding=(0, 0, 0, GAP), expand=True)
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_column(justify="right", no_wrap=True, min_width=RIGHT)
    grid.add_row(left, right)
    return grid


class MeetingBar(Static):
    """Two lines: title, present count and meeting clock; the item and its clock. Repainted
    with the clocks several times a second, it is updated only when a second has ticked."""

    DEFAULT_CSS = """
    MeetingBar { height: 2; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[tuple[Text, Text]] = []

    def show(self, meeting: Meeting, now: float) -> None:
        title = Text(meeting.title, style="bold")
        if meeting.location:
            title.append(" · " + meeting.location, style="not bold")
        clock = Text(f"{len(meeting.present)} present · {meeting.meeting_clock(now)}")
        item = meeting.items.get(meeting.item) if meeting.item is not None else None
        lines = [(title, clock), (item_line(meeting), item_clock(item, now) if item else Text(""))]
        if lines == self._lines:
            return
        self._lines = lines
        self.update(Group(*(bar_line(left, right) for left, right in lines)), layout=False)
