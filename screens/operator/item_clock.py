"""The item under way against its time box, in big digits, with the meeting's own clock: what the
timekeeper watches besides the speaker's countdown. The overrun is said in words, not only in
colour."""

from __future__ import annotations

from rich.text import Text

from facilitator.clock import format_duration
from facilitator.meeting.state import Meeting
from screens.widgets.clock_panel import ClockPanel


def item_words(meeting: Meeting, now: float) -> tuple[str, Text, bool]:
    """(the digits, the line under them, whether the item is over its time box)."""
    meeting_clock = meeting.meeting_clock(now)
    item = meeting.items.get(meeting.item) if meeting.item is not None else None
    if item is None:
        return "-:--", Text(f"no agenda item under way · {meeting_clock}"), False
    used = (item.ended_at or now) - (item.started_at or now)
    if item.minutes <= 0:
        return format_duration(used), Text(f"no time box · {meeting_clock}"), False
    box = item.minutes * 60
    if used > box:
        line = Text(f"OVER by {format_duration(used - box)}", style="bold reverse")
        line.append(f" of {format_duration(box)} · {meeting_clock}", style="not reverse")
        return format_duration(used), line, True
    line = Text(f"of {format_duration(box)}, {format_duration(box - used)} left · {meeting_clock}")
    return format_duration(used), line, False


class ItemClock(ClockPanel):
    def on_mount(self) -> None:
        self.border_title = "Item clock"

    def show(self, meeting: Meeting, now: float) -> None:
        item = meeting.items.get(meeting.item) if meeting.item is not None else None
        title = Text("Item: ") + Text(item.title, style="bold") if item else Text("General stack")
        digits, line, over = item_words(meeting, now)
        self.present([(title, None), (line, None)], digits, None, "overtime" if over else "speaking")
