"""The stack as a table in serving order: place, name, kind, and why each stands where it does."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from facilitator.settings import KIND_LABELS
from facilitator.stack import Place, order
from facilitator.state import Meeting

Row = tuple[str, str, str, str, str]  # entry id, place, name, kind, reason


def stack_rows(places: list[Place]) -> list[Row]:
    return [
        (str(p.entry.id), str(n), p.entry.name, KIND_LABELS[p.entry.kind], p.reason)
        for n, p in enumerate(places, start=1)
    ]


def stack_title(meeting: Meeting, waiting: int) -> str:
    state = "CLOSED to new points" if meeting.stack_closed else "open"
    return f"Stack: {waiting} waiting · {state} · progressive: {meeting.mode}"


class StackPanel(Vertical):
    """Keeps the cursor on the same entry when the stack changes around it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.places: list[Place] = []
        self._rows: list[Row] = []

    def compose(self) -> ComposeResult:
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True, id="stack-table")
        table.add_column("#", key="place")
        table.add_column("Name", key="name")
        table.add_column("Kind", key="kind")
        table.add_column("Why here", key="reason")
        yield table
        yield Static(Text("Nobody is waiting. a adds a new point, p a point of process."), classes="stack--empty")

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#stack-table", DataTable)

    def show(self, meeting: Meeting, now: float) -> None:
        places = order(meeting, now)
        self.border_title = stack_title(meeting, len(places))
        rows = stack_rows(places)
        if rows == self._rows:
            self.places = places
            return
        keep = self.selected()
        keep_id = keep.entry.id if keep else None
        keep_index = self.table.cursor_row
        self.places, self._rows = places, rows
        table = self.table
        table.clear()
        for entry_id, place, name, kind, reason in rows:
            table.add_row(Text(place), Text(name), Text(kind), Text(reason), key=entry_id)
        ids = [p.entry.id for p in self.places]
        if keep_id in ids:
            table.move_cursor(row=ids.index(keep_id), animate=False)
        elif ids:
            table.move_cursor(row=min(keep_index, len(ids) - 1), animate=False)
        self.query_one(".stack--empty").display = not rows

    def selected(self) -> Place | None:
        if not self.places:
            return None
        row = self.table.cursor_row
        return self.places[row] if 0 <= row < len(self.places) else None

    def select(self, entry_id: int) -> None:
        ids = [p.entry.id for p in self.places]
        if entry_id in ids:
            self.table.move_cursor(row=ids.index(entry_id), animate=False)
