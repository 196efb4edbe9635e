"""The action items from last time, while the item that carries them is under way.

`facilitator new --after` gives the next meeting of a series an item, "Action items from last
time", carrying the previous meetings' open action items (Item.follow_up). While that item is
under way the operator screen shows them here, one line each: the id (MEETING:A1, the meeting
part shortened when that stays unambiguous), its status in this meeting (open, done, dropped,
with the note), what, who, and by when (overdue against the meeting's date). The operator's
keys mark the highlighted one done or dropped (MeetingScreen.act, so u undoes it); the
highlight then moves on to the next one still open.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

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


class FollowUpList(OptionList):
    """The carried action items, one line each, with Textual's own highlight, keys and scrolling
    (Tab moves between it and the stack). Its title says how many are reviewed and, when they do
    not all fit, how many more there are above and below (the title: a small terminal draws
    only the panel's top border)."""

    DEFAULT_CSS = """
    FollowUpList { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self.say_more, init=False)

    # ---- what it shows ---------------------------------------------------------------------

    def show(self, meeting: Meeting) -> None:
        item = follow_up_item(meeting)
        rows = follow_up_rows(meeting, item) if item is not None else []
        if rows == self.rows:
            return
        keep = self.selected()
        fresh = not self.rows
        self.rows = rows
        width = max((len(r.shown) for r in rows), default=0)
        self.clear_options()
        self.add_options([Option(row_text(row, width), id=row.ref) for row in rows])
        refs = [r.ref for r in rows]
        if keep is not None and keep.ref in refs:
            self.highlighted = refs.index(keep.ref)
        elif fresh and rows:  # shown afresh: start on the first one still open
            self.highlighted = next((n for n, r in enumerate(rows) if r.status == "open"), 0)
        self.say_more()

    def selected(self) -> Row | None:
        at = self.highlighted
        return self.rows[at] if at is not None and 0 <= at < len(self.rows) else None

    def next_open(self) -> None:
        """After a review: the highlight moves on to the next item still open (after this one,
        or from the top), or stays when none is."""
        count, at = len(self.rows), self.highlighted or 0
        for step in range(1, count + 1):
            row = (at + step) % count
            if self.rows[row].status == "open":
                self.highlighted = row
                return

    def say_more(self) -> None:
        """The title: 'Action items from last time: 0 of 9 reviewed · 7 more below'."""
        if not self.rows:
            self.border_title = ""
            return
        shown = self.scrollable_content_region.height
        above = round(self.scroll_y)
        below = max(0, len(self.rows) - above - shown)
        words = [f"{n} more {where}" for n, where in ((above, "above"), (below, "below")) if n and shown]
        more = f" · {', '.join(words)}" if words else ""
        self.border_title = f"Action items from last time: {reviewed_words(self.rows)}{more}"

    def on_resize(self) -> None:
        self.say_more()
