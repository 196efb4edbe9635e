"""The top of the operator screen: the meeting, the item under way, and their clocks."""

from __future__ import annotations

from collections.abc import Hashable

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip

from facilitator.clock import clock_time, format_duration
from facilitator.meeting.state import Item, Meeting
from screens.line_drawn import LineDrawn, fitted, padded
from screens.lines import text_key

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


class MeetingBar(LineDrawn):
    """Two lines: title, present count and meeting clock; the item and its clock. Repainted
    with the clocks several times a second, it draws only when a second has ticked."""

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
        if lines != self._lines:
            before, self._lines = self._lines, lines
            width = self.size.width
            changed = [Region(0, y, width, 1) for y, line in enumerate(lines) if y >= len(before) or before[y] != line]
            self.refresh(*changed)

    def content_key(self, y: int) -> Hashable:
        return tuple(text_key(part) for part in self._lines[y]) if y < len(self._lines) else ()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.base_style
        if y >= len(self._lines):
            return Strip([Segment(" " * width, style)], width)
        left, right = self._lines[y]
        right = fitted(right, width)
        right_cells = cell_len(right.plain)
        left = fitted(left, max(0, width - max(RIGHT, right_cells) - GAP))
        console = self.app.console
        # the padding unstyled, or a bold title would make its padding bold too
        segments = padded(left, width - right_cells, console)
        segments.extend(padded(right, right_cells, console))
        return Strip(segments, width).apply_style(style)
