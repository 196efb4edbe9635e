"""Home: the meetings in this data folder, a new meeting, the demo assembly."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from facilitator import locations, meetings, state
from facilitator.clock import Clock, SystemClock
from facilitator.demo import build_demo
from facilitator.errors import Refused, StoreError
from facilitator.events import Actor
from facilitator.store import MeetingStore
from screens.keybar import KeyBar, labels_for
from screens.modals import NewMeeting
from screens.palette import Providers, ScreenKeys

TITLE_WIDTH = 40


def where_it_stands(path: Path) -> tuple[str, str]:
    """(present count, who is speaking) of one meeting, or why it cannot be read."""
    try:
        store = MeetingStore(path)
        try:
            meeting = state.fold(store.load())
        finally:
            store.close()
    except (StoreError, OSError) as err:
        return "?", f"cannot be read: {err}"
    speaker = meeting.speaker.name if meeting.speaker else ""
    return str(len(meeting.present)), speaker


class HomeScreen(Screen[None]):
    CSS_PATH = "home.tcss"
    COMMANDS: ClassVar[Providers] = {ScreenKeys}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "open", tooltip="Open the selected meeting on the operator screen"),
        Binding("n", "new", "new meeting", tooltip="Create a new meeting"),
        Binding("d", "demo", "demo", tooltip="Open the demo assembly (a fresh copy)"),
        Binding("q", "quit", "quit", tooltip="Quit Facilitator"),
    ]

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root
        self.ids: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("Facilitator", "bold"), "  meetings in ", str(self.root)), id="home-title")
        with Vertical(id="empty"):
            yield Static(Text("No meetings here yet.", style="bold"), classes="empty--title")
            demo = "  open the demo: an assembly in progress, to try every key"
            yield Static(Text.assemble(("d", "bold reverse"), demo))
            yield Static(Text.assemble(("n", "bold reverse"), "  start a new meeting"))
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True, id="meetings")
        table.add_column("Title", key="title")
        table.add_column("Date", key="date")
        table.add_column("Present", key="present")
        table.add_column("Speaking", key="speaking")
        yield table
        yield Static(id="chosen")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.show_meetings()

    def on_screen_resume(self) -> None:
        self.show_meetings()

    # ---- what the screen shows -------------------------------------------------------------

    def show_meetings(self) -> None:
        try:
            rows = meetings.listing(self.root)
        except (StoreError, OSError) as err:
            self.notify(" ".join(str(err).split()), severity="error", markup=False)
            rows = []
        table = self.query_one("#meetings", DataTable)
        keep = table.cursor_row
        table.clear()
        self.ids = []
        for row in rows:
            meeting_id = str(row["id"])
            present, speaking = where_it_stands(locations.meeting_file(self.root, meeting_id))
            title = str(row.get("title", ""))
            table.add_row(
                Text(title if len(title) <= TITLE_WIDTH else title[: TITLE_WIDTH - 1] + "…"),
                Text(str(row.get("date", ""))),
                Text(present),
                Text(speaking),
                key=meeting_id,
            )
            self.ids.append(meeting_id)
        if self.ids:
            table.move_cursor(row=min(keep, len(self.ids) - 1), animate=False)
        self.query_one("#empty").display = not self.ids
        offered = [b for b in self.BINDINGS if isinstance(b, Binding) and (self.ids or b.action != "open")]
        self.query_one(KeyBar).show(labels_for(offered))
        table.display = bool(self.ids)
        self.query_one("#chosen").display = bool(self.ids)
        if self.ids:
            table.focus()
            self._show_chosen(table.cursor_row)

    def _show_chosen(self, row: int) -> None:
        if 0 <= row < len(self.ids):
            meeting_id = self.ids[row]
            shell = "   from a shell: facilitator open " + meeting_id
            line = Text.assemble("id ", (meeting_id, "bold"), (shell, "dim"))
            self.query_one("#chosen", Static).update(line)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_chosen(event.cursor_row)

    # ---- actions ---------------------------------------------------------------------------

    @property
    def clock(self) -> Clock:
        clock: Clock | None = getattr(self.app, "clock", None)
        return clock or SystemClock()

    @property
    def actor(self) -> Actor:
        actor: Actor | None = getattr(self.app, "actor", None)
        return actor or Actor.from_os()

    def fail(self, err: Exception) -> None:
        self.notify(" ".join(str(err).split()), severity="error", markup=False)

    def open_meeting(self, meeting_id: str) -> None:
        path = locations.meeting_file(self.root, meeting_id)
        opener: Any = getattr(self.app, "open_operator", None)
        try:
            if opener is None:
                raise StoreError("this app has no operator screen")
            opener(path)
        except (Refused, StoreError, OSError) as err:
            self.fail(err)

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.open_meeting(event.row_key.value)

    def action_open(self) -> None:
        table = self.query_one("#meetings", DataTable)
        if not self.ids:
            self.notify("no meeting to open yet: n starts one, d opens the demo", severity="error", markup=False)
            return
        self.open_meeting(self.ids[min(table.cursor_row, len(self.ids) - 1)])

    def action_new(self) -> None:
        created: list[str] = []

        def submit(title: str, date: str, location: str) -> bool:
            try:
                created.append(
                    meetings.create(self.root, title, self.actor, self.clock.now(), date.strip() or None, location)
                )
            except (Refused, StoreError, OSError) as err:
                self.fail(err)
                return False
            return True

        def opened(_: None) -> None:
            if created:
                self.show_meetings()
                self.open_meeting(created[0])

        today = time.strftime("%Y-%m-%d", time.localtime(self.clock.now()))
        self.app.push_screen(NewMeeting(submit, today), opened)

    def action_demo(self) -> None:
        try:
            meeting_id = build_demo(self.root, now=self.clock.now())
        except (Refused, StoreError, OSError) as err:
            self.fail(err)
            return
        self.open_meeting(meeting_id)

    async def action_quit(self) -> None:
        self.app.exit()
