"""Home: the meetings in this data folder, a new meeting, the demo assembly."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Static

from facilitator import templates
from facilitator.clock import Clock, SystemClock
from facilitator.demo import build_demo
from facilitator.errors import Refused, StoreError
from facilitator.meeting import state
from facilitator.meeting.events import Actor
from facilitator.meeting.status import agenda_status
from facilitator.store import locations, meetings
from facilitator.store.meeting_file import MeetingStore
from screens.widgets.keybar import KeyBar, labels_for
from screens.widgets.modals import NewMeeting
from screens.widgets.palette import Providers, ScreenKeys

TITLE_WIDTH = 50  # at most; a narrow terminal shares what it has between the title and the status
FIXED_COLUMNS = 10 + 7 + 9  # date, present, decisions
PADDING = 2 * 5  # a column's cell padding, for the five columns


@dataclass(frozen=True)
class Standing:
    """Where one meeting stands, as the home screen lists it."""

    status: str
    present: str = ""
    decisions: str = ""
    speaker: str = ""


def where_it_stands(path: Path) -> Standing:
    """Status, present count, decisions taken and who is speaking; or why it cannot be read."""
    try:
        store = MeetingStore(path)
        try:
            meeting = state.fold(store.load())
        finally:
            store.close()
    except (StoreError, OSError) as err:
        return Standing(f"cannot be read: {err}", "?", "?")
    decided = sum(1 for p in meeting.proposals.values() if p.decision is not None)
    speaker = meeting.speaker.name if meeting.speaker else ""
    return Standing(agenda_status(meeting), str(len(meeting.present)), str(decided), speaker)


def cut(text: str, width: int) -> Text:
    return Text(text if len(text) <= width else text[: max(1, width - 1)] + "…")


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
        self.rows: list[tuple[str, str, str, Standing]] = []  # id, title, date, standing
        self._folder_state: tuple[tuple[int, int, int] | None, ...] = ()

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
        table.add_column("Status", key="status")
        table.add_column("Present", key="present")
        table.add_column("Decisions", key="decisions")
        yield table
        yield Static(id="chosen")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.show_meetings()
        # meetings created in another terminal appear: the folder is looked at as often as the
        # app polls (a stat of the index and of the sessions folder), and read only when it changed
        self.set_interval(float(getattr(self.app, "poll", 0.2)), self.follow_folder)

    def on_screen_resume(self) -> None:
        self.show_meetings()

    def folder_state(self) -> tuple[tuple[int, int, int] | None, ...]:
        """What changes when a meeting is created, listed or removed: the index and the folder."""
        state: list[tuple[int, int, int] | None] = []
        for path in (locations.index_file(self.root), locations.sessions_dir(self.root)):
            try:
                stat = path.stat()
            except OSError:
                state.append(None)
            else:
                state.append((stat.st_mtime_ns, stat.st_size, stat.st_ino))
        return tuple(state)

    def follow_folder(self) -> None:
        if not self.is_current:
            return  # under the operator screen: shown again when the operator comes back
        state = self.folder_state()
        if state != self._folder_state:
            self.show_meetings()

    # ---- what the screen shows -------------------------------------------------------------

    def show_meetings(self) -> None:
        self._folder_state = self.folder_state()  # before reading: a change while reading is seen next time
        try:
            listed = meetings.listing(self.root)
        except (StoreError, OSError) as err:
            self.notify(" ".join(str(err).split()), severity="error", markup=False)
            listed = []
        self.rows = []
        for row in listed:
            meeting_id = str(row["id"])
            standing = where_it_stands(locations.meeting_file(self.root, meeting_id))
            self.rows.append((meeting_id, str(row.get("title", "")), str(row.get("date", "")), standing))
        self.ids = [meeting_id for meeting_id, *_ in self.rows]
        self.fill_table()
        self.query_one("#empty").display = not self.ids
        offered = [b for b in self.BINDINGS if isinstance(b, Binding) and (self.ids or b.action != "open")]
        self.query_one(KeyBar).show(labels_for(offered))
        table = self.query_one("#meetings", DataTable)
        table.display = bool(self.ids)
        self.query_one("#chosen").display = bool(self.ids)
        if self.ids:
            table.focus()
            self._show_chosen(table.cursor_row)

    def fill_table(self) -> None:
        """The rows, with the title and the status sharing the width the terminal has."""
        table = self.query_one("#meetings", DataTable)
        room = max(24, self.size.width - 2 - FIXED_COLUMNS - PADDING)
        title_width = min(TITLE_WIDTH, max(12, room * 11 // 20))
        status_width = room - title_width
        ids = [str(key.value) for key in table.rows]  # the cursor stays on its meeting as others are added
        keep = table.cursor_row
        chosen = ids[keep] if 0 <= keep < len(ids) else None
        table.clear()
        for meeting_id, title, date, standing in self.rows:
            table.add_row(
                cut(title, title_width),
                Text(date),
                cut(standing.status, status_width),
                Text(standing.present),
                Text(standing.decisions),
                key=meeting_id,
            )
        if self.ids:
            row = self.ids.index(chosen) if chosen in self.ids else min(keep, len(self.ids) - 1)
            table.move_cursor(row=row, animate=False)

    def on_resize(self, event: Resize) -> None:
        if self.rows:
            self.fill_table()

    def _show_chosen(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            meeting_id, _, _, standing = self.rows[row]
            line = Text.assemble("id ", (meeting_id, "bold"))
            if standing.speaker:
                line.append("   ")
                line.append(standing.speaker, style="bold")
                line.append(" has the floor")
            line.append("   from a shell: facilitator open " + meeting_id, style="dim")
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

        def submit(title: str, date: str, location: str, template: str | None) -> bool:
            now, day = self.clock.now(), date.strip() or None
            try:
                if template is None:
                    created.append(meetings.create(self.root, title, self.actor, now, day, location))
                else:
                    created.append(templates.create(self.root, template, title, self.actor, now, day, location))
            except (Refused, StoreError, OSError) as err:
                self.fail(err)
                return False
            return True

        def opened(_: None) -> None:
            if created:
                self.show_meetings()
                self.open_meeting(created[0])

        today = time.strftime("%Y-%m-%d", time.localtime(self.clock.now()))
        try:
            offered = templates.available()
        except (Refused, OSError, ValueError, KeyError, TypeError) as err:  # a damaged template: plain ones work
            self.fail(err)
            offered = []
        self.app.push_screen(NewMeeting(submit, today, offered), opened)

    def action_demo(self) -> None:
        try:
            meeting_id = build_demo(self.root, now=self.clock.now())
        except (Refused, StoreError, OSError) as err:
            self.fail(err)
            return
        self.open_meeting(meeting_id)

    async def action_quit(self) -> None:
        self.app.exit()
