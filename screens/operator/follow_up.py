"""The action items from last time, while the item that carries them is under way.

`facilitator new --after` gives the next meeting of a series an item, "Action items from last
time", carrying the previous meetings' open action items (Item.follow_up). While that item is
under way the operator screen shows them here, one line each: the id (MEETING:A1, the meeting
part shortened when that stays unambiguous), its status in this meeting (open, done, dropped,
with the note), what, who, and by when (overdue against the meeting's date). The operator's
keys mark the highlighted one done or dropped (MeetingScreen.act, so u undoes it); the cursor
then moves on to the next one still open.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from facilitator.meeting.state import Item, Meeting

SHORT = 10  # a meeting id's date part (2026-11-05-general-assembly -> 2026-11-05…)
STATUS_WIDTH = len("OVERDUE")  # or dropped


class Row(NamedTuple):
    ref: str  # MEETING:A1, as the commands take it
    shown: str  # the id as the line shows it
    status: str  # open, done, dropped: as reviewed in this meeting
    note: str
    text: str
    owners: tuple[str, ...]
    due: str | None
    overdue: bool


def follow_up_item(meeting: Meeting) -> Item | None:
    """The item under way when it is the one carrying last time's action items."""
    item = meeting.items.get(meeting.item) if meeting.item is not None else None
    return item if item is not None and item.follow_up else None


def short_refs(refs: list[str]) -> dict[str, str]:
    """Each MEETING:A1 as a line shows it: the meeting part cut to its date (2026-11-05…:A1)
    when no two of the meetings share that date, whole otherwise; never a bare A1, which would
    be this meeting's own."""
    meetings = list(dict.fromkeys(ref.rpartition(":")[0] for ref in refs))
    cut = {m: m[:SHORT] + "…" if len(m) > SHORT + 1 else m for m in meetings}
    if len(set(cut.values())) != len(meetings):
        cut = {m: m for m in meetings}
    shown = {}
    for ref in refs:
        meeting, _, number = ref.rpartition(":")
        shown[ref] = f"{cut[meeting]}:{number}" if meeting else ref
    return shown


def follow_up_rows(meeting: Meeting, item: Item) -> list[Row]:
    shown = short_refs([a.ref for a in item.follow_up])
    rows = []
    for action in item.follow_up:
        review = meeting.action_status(action.ref)
        status = review.status if review is not None else "open"
        overdue = status == "open" and action.due is not None and bool(meeting.date) and action.due < meeting.date
        rows.append(
            Row(
                action.ref,
                shown[action.ref],
                status,
                review.note if review is not None else "",
                action.text,
                action.owners,
                action.due,
                overdue,
            )
        )
    return rows


def reviewed_words(rows: list[Row]) -> str:
    """'all 4 reviewed: 3 done, 1 dropped', or '1 of 4 reviewed: 1 done'."""
    done = sum(r.status == "done" for r in rows)
    dropped = sum(r.status == "dropped" for r in rows)
    reviewed = done + dropped
    counts = ", ".join(f"{n} {word}" for n, word in ((done, "done"), (dropped, "dropped")) if n)
    if reviewed == len(rows):
        return f"all {len(rows)} reviewed: {counts}"
    return f"{reviewed} of {len(rows)} reviewed" + (f": {counts}" if counts else "")


def row_text(row: Row, ref_width: int) -> Text:
    """One line: id, status (an open one past its due date is OVERDUE), who, what, due, note;
    cut at the panel's width by the caller, so the most needed come first."""
    text = Text()
    text.append(row.shown.ljust(ref_width + 2), style="bold")
    status = "OVERDUE" if row.overdue else row.status
    status_style = {"done": "bold green", "dropped": "bold yellow", "OVERDUE": "bold red"}.get(status, "")
    text.append(status.ljust(STATUS_WIDTH), style=status_style)
    text.append("  ")
    if row.owners:
        text.append(", ".join(row.owners), style="italic")
        text.append(": ")
    text.append(row.text, style="strike" if row.status == "dropped" else "")
    if row.due:
        text.append(f" · due {row.due}", style="bold red" if row.overdue else "")
    if row.note:
        text.append(f" · {row.note}", style="italic dim")
    return text


class FollowUpList(Widget, can_focus=True):
    """The carried action items with a cursor (↑↓ when focused; Tab moves between it and the
    stack). Shows as many as fit, the last line saying how many more there are."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"follow-up--cursor", "follow-up--more"}
    DEFAULT_CSS = """
    FollowUpList {
        background: $surface;
        & > .follow-up--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .follow-up--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .follow-up--more { color: $text-muted; text-style: italic; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("home", "cursor(-1000)", show=False),
        Binding("end", "cursor(1000)", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.cursor_row = 0
        self._title = ""

    # ---- what it shows ---------------------------------------------------------------------

    def show(self, meeting: Meeting) -> None:
        item = follow_up_item(meeting)
        rows = follow_up_rows(meeting, item) if item is not None else []
        title = f"Action items from last time: {reviewed_words(rows)}" if rows else ""
        if title != self._title:
            self._title = self.border_title = title
        if rows == self.rows:
            return
        keep = self.selected()
        grows = len(rows) != len(self.rows)
        if keep is not None and keep.ref in [r.ref for r in rows]:
            self.cursor_row = [r.ref for r in rows].index(keep.ref)
        elif not self.rows:  # shown afresh: start on the first one still open
            self.cursor_row = next((n for n, r in enumerate(rows) if r.status == "open"), 0)
        self.rows = rows
        self.cursor_row = max(0, min(self.cursor_row, len(rows) - 1))
        self.refresh(layout=grows)

    def selected(self) -> Row | None:
        return self.rows[self.cursor_row] if 0 <= self.cursor_row < len(self.rows) else None

    def next_open(self) -> None:
        """After a review: the cursor moves on to the next item still open (after this one, or
        from the top), or stays when none is."""
        count = len(self.rows)
        for step in range(1, count + 1):
            row = (self.cursor_row + step) % count
            if self.rows[row].status == "open":
                self._move_to(row)
                return

    # ---- the cursor --------------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        self._move_to(self.cursor_row + step)

    def on_click(self, event: events.Click) -> None:
        top, shown = self._window()
        if 0 <= event.y < shown:
            self._move_to(top + event.y)

    def on_focus(self) -> None:
        self.refresh()  # the "N more" line says how to reach them

    def on_blur(self) -> None:
        self.refresh()

    def _move_to(self, row: int) -> None:
        row = max(0, min(row, len(self.rows) - 1))
        if row != self.cursor_row:
            self.cursor_row = row
            self.refresh()

    # ---- drawing -----------------------------------------------------------------------------

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.rows))  # the panel's max-height cuts it; the last line then says how many more

    def _window(self) -> tuple[int, int]:
        """The first row shown and how many are shown: all when they fit; otherwise a window
        around the cursor, one line short for "N more"."""
        height, count = self.size.height, len(self.rows)
        if count <= height:
            return 0, count
        shown = max(1, height - 1)
        top = max(0, min(self.cursor_row - shown // 2, count - shown))
        return top, shown

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        top, shown = self._window()
        ref_width = max((len(r.shown) for r in self.rows), default=0)
        if y < shown:
            index = top + y
            style = base + self.get_component_rich_style("follow-up--cursor") if index == self.cursor_row else base
            return self._draw(row_text(self.rows[index], ref_width), style, width)
        if y == shown and shown < len(self.rows):
            above, below = top, len(self.rows) - top - shown
            words = [f"{n} more {where}" for n, where in ((above, "above"), (below, "below")) if n]
            more = Text(f"{' · '.join(words)} ({'↑↓' if self.has_focus else 'Tab, then ↑↓'})")
            return self._draw(more, base + self.get_component_rich_style("follow-up--more"), width)
        return Strip([Segment(" " * width, base)], width)

    def _draw(self, text: Text, style: Style, width: int) -> Strip:
        text.truncate(width, overflow="ellipsis", pad=True)
        text.end = ""
        return Strip(text.render(self.app.console), width).apply_style(style)
