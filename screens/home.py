"""Home: the meetings in this data folder grouped by series, a new meeting, the next meeting of a
series, the register of decisions, the demo assembly.

A series (the meetings sharing a summary's `series`) is listed under a heading row, newest meeting
first; a long one shows its NEWEST meetings and one row for the earlier ones (Enter shows them;
Enter on the heading hides them again). Neither row opens anything.

What each meeting shows (its status, who is present, its decisions) comes from the meetings'
summaries (facilitator.store.summaries), kept beside the index and refolded only for the meetings
whose files changed: a collective's hundreds of meetings are never replayed to draw this list."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, Label, Static

from facilitator import templates
from facilitator.clock import Clock, SystemClock
from facilitator.demo import build_demo
from facilitator.errors import Refused, StoreError
from facilitator.meeting.events import Actor
from facilitator.store import locations, meetings, summaries
from screens.widgets.cells import cut
from screens.widgets.keybar import KeyBar, labels_for
from screens.widgets.modals import MODAL_CSS, MeetingDetails, NewMeeting
from screens.widgets.palette import Providers, ScreenKeys

TITLE_WIDTH = 50  # at most; a narrow terminal shares what it has between the title and the status
FIXED_COLUMNS = 10 + 7 + 9  # date, present, decisions
PADDING = 2 * 5  # a column's cell padding, for the five columns
SERIES = "series:"  # a series' heading row is keyed SERIES + the series' id (a meeting's id has no colon)
EARLIER = "earlier:"  # and the row standing for its earlier meetings, EARLIER + the series' id
BRANCH, LAST = "├ ", "└ "  # a meeting of a series, under its heading (seen on a wall, unlike an indent)
NEWEST = 3  # a series shows its newest meetings, the earlier ones on one row until Enter shows them


@dataclass(frozen=True)
class Standing:
    """Where one meeting stands, as the home screen lists it."""

    status: str
    present: str = ""
    decisions: str = ""
    speaker: str = ""


def standing_of(summary: summaries.Summary) -> Standing:
    """Status, present count, decisions taken and who is speaking, from the meeting's summary."""
    return Standing(
        str(summary.get("status", "")),
        str(summary.get("present", 0)),
        str(len(summary.get("decisions", []))),
        str(summary.get("speaker", "")),
    )


@dataclass(frozen=True)
class Row:
    """One line of the list: a meeting; or, never opened, the heading of a series of meetings or
    the row standing for the series' earlier meetings."""

    key: str  # the meeting's id, SERIES or EARLIER + the series' id
    title: str
    date: str  # a heading: its series' first meeting
    standing: Standing
    series: str
    heading: bool = False  # a heading or the earlier meetings: not a meeting
    newest: str = ""  # a heading, the earlier meetings: the series' newest meeting (what x follows)
    branch: str = ""  # a meeting under its series' heading: BRANCH, or LAST for the series' first meeting
    folds: bool = False  # a heading: its series is long enough to show only its newest meetings
    summary: summaries.Summary | None = None  # None: it cannot be read, or a heading


def grouped(
    listed: list[dict[str, Any]], found: summaries.Summaries, unfolded: frozenset[str] = frozenset()
) -> list[Row]:
    """The meetings, newest first, those of one series together under a heading (the series
    placed where its newest meeting would be), its NEWEST meetings shown and the earlier ones on
    one row, unless the series is `unfolded`. A meeting alone is its own series, no heading."""
    readable = {str(s["meeting"]): s for s in found.rows}
    why = dict(found.unreadable)
    meetings_of: dict[str, list[Row]] = {}
    for entry in listed:
        meeting_id = str(entry["id"])
        summary = readable.get(meeting_id)
        if summary is not None:
            one = Row(
                meeting_id,
                str(summary.get("title", "")),
                str(summary.get("date", "")),
                standing_of(summary),
                str(summary.get("series") or meeting_id),
                summary=summary,
            )
        elif meeting_id in why:
            standing = Standing(f"cannot be read: {why[meeting_id]}", "?", "?")
            one = Row(meeting_id, str(entry.get("title", "")), str(entry.get("date", "")), standing, meeting_id)
        else:
            continue  # removed while the summaries were read: gone at the next look
        meetings_of.setdefault(one.series, []).append(one)  # dicts keep the order: newest series first
    rows: list[Row] = []
    for series_id, members in meetings_of.items():
        if len(members) > 1:
            newest, oldest = members[0], members[-1]
            heading = Standing(f"series, {len(members)} meetings")
            folds = len(members) > NEWEST + 1  # one earlier meeting takes the row that would say so
            key = SERIES + series_id
            rows.append(Row(key, newest.title, oldest.date, heading, series_id, True, newest.key, folds=folds))
            hidden = len(members) - NEWEST if folds and series_id not in unfolded else 0
            shown = members[: len(members) - hidden]
            rows.extend(dataclasses.replace(m, branch=BRANCH) for m in shown[:-1])
            if hidden:
                rows.append(dataclasses.replace(shown[-1], branch=BRANCH))
                earlier = Standing(f"{hidden} earlier meetings")
                rows.append(Row(EARLIER + series_id, "…", oldest.date, earlier, series_id, True, newest.key, LAST))
            else:
                rows.append(dataclasses.replace(oldest, branch=LAST))
        else:
            rows.extend(members)
    return rows


class NextMeeting(MeetingDetails):
    """Title, date and place of the next meeting of a series, prefilled from the previous one. It
    takes the previous meeting's rules, so there is no template to choose."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="NextMeeting")
        + """
    NextMeeting Label { margin-top: 0; }
    NextMeeting .pair { margin-top: 0; }
    NextMeeting .pair > Vertical { width: 1fr; height: auto; }
    NextMeeting #date-field { margin-right: 1; }
    NextMeeting .form--title { margin-bottom: 0; }
    NextMeeting .form--hint { margin-top: 0; margin-bottom: 1; }
    """
    )

    def __init__(
        self, after: str, submit: Callable[[str, str, str], bool], title: str, date: str, location: str
    ) -> None:
        super().__init__()
        self.after = after
        self.submit = submit
        self.values = {"title": title, "date": date, "location": location}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Next meeting of the series"), classes="form--title")
            about = f"after {self.after}: its rules, its open action items, decisions due for review"
            yield Static(Text(about + ", items not taken up"), classes="form--hint")
            yield Label("Title")
            yield Input(value=self.values["title"], id="title")
            with Horizontal(classes="pair"):
                with Vertical(id="date-field"):
                    yield Label("Date (YYYY-MM-DD)")
                    yield Input(value=self.values["date"], id="date")
                with Vertical():
                    yield Label("Place (optional)")
                    yield Input(value=self.values["location"], placeholder="e.g. Common room", id="location")
            with Horizontal():
                yield Button("Create (Enter)", id="create", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    def create(self) -> bool:
        return self.submit(self._value("title"), self._value("date"), self._value("location"))


class HomeScreen(Screen[None]):
    CSS_PATH = "home.tcss"
    COMMANDS: ClassVar[Providers] = {ScreenKeys}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "open",
            "open",
            tooltip="Open the selected meeting on the operator screen (a series' heading: its earlier meetings)",
        ),
        Binding("n", "new", "new meeting", tooltip="Create a new meeting"),
        Binding(
            "x",
            "next_meeting",
            "next of series",
            tooltip="Create the next meeting of the selected meeting's series, carrying its open business",
        ),
        Binding("r", "register", "register", tooltip="The register of decisions of every meeting here"),
        Binding("d", "demo", "demo", tooltip="Open the demo assembly (a fresh copy)"),
        Binding("q", "quit", "quit", tooltip="Quit Facilitator"),
    ]
    NEED_MEETINGS = ("open", "next_meeting", "register")  # offered once there is a meeting

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root
        self.ids: list[str] = []  # the meetings listed (shown or not)
        self.rows: list[Row] = []  # the table's rows, headings included
        self.read: tuple[list[dict[str, Any]], summaries.Summaries] = ([], summaries.Summaries())
        self.unfolded: set[str] = set()  # the series whose earlier meetings are shown
        self._folder_state: tuple[tuple[int, int, int] | None, ...] = ()
        self._filled_for: tuple[int, int] | None = None  # the widths the table was cut to

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
        # the meetings are read when the screen is first shown (on_screen_resume), once;
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
            # each meeting's summary, refolded only where its files changed since the last look
            found = summaries.sync(self.root)
        except (StoreError, OSError) as err:
            self.notify(" ".join(str(err).split()), severity="error", markup=False)
            listed, found = [], summaries.Summaries()
        self.read = (listed, found)
        self.rows = grouped(listed, found, frozenset(self.unfolded))
        self.ids = [str(s["meeting"]) for s in found.rows] + [meeting_id for meeting_id, _ in found.unreadable]
        self.fill_table()
        self.query_one("#empty").display = not self.ids
        offered = [
            b for b in self.BINDINGS if isinstance(b, Binding) and (self.ids or b.action not in self.NEED_MEETINGS)
        ]
        self.query_one(KeyBar).show(labels_for(offered))
        table = self.query_one("#meetings", DataTable)
        table.display = bool(self.ids)
        self.query_one("#chosen").display = bool(self.ids)
        if self.ids:
            table.focus()
            self._show_chosen(table.cursor_row)

    def widths(self) -> tuple[int, int]:
        """The title's and the status's widths: they share what the terminal has."""
        room = max(24, self.size.width - 2 - FIXED_COLUMNS - PADDING)
        title_width = min(TITLE_WIDTH, max(12, room * 11 // 20))
        return title_width, room - title_width

    def fill_table(self) -> None:
        """The rows, with the title and the status sharing the width the terminal has."""
        table = self.query_one("#meetings", DataTable)
        title_width, status_width = self._filled_for = self.widths()
        keys = [str(key.value) for key in table.rows]  # the cursor stays on its row as others are added
        keep = table.cursor_row
        chosen = keys[keep] if 0 <= keep < len(keys) else None
        table.clear()
        for row in self.rows:
            if row.heading:
                title = cut(row.branch + row.title, title_width)
                title.stylize("dim" if row.branch else "bold")
                cells = [title, Text(""), cut(row.standing.status, status_width), Text(""), Text("")]
                cells[2].stylize("italic")
            else:
                cells = [
                    cut(row.branch + row.title, title_width),
                    Text(row.date),
                    cut(row.standing.status, status_width),
                    Text(row.standing.present),
                    Text(row.standing.decisions),
                ]
            table.add_row(*cells, key=row.key)
        if self.rows:
            keys = [row.key for row in self.rows]
            at = keys.index(chosen) if chosen in keys else min(keep, len(keys) - 1)
            table.move_cursor(row=at, animate=False)

    def on_resize(self, event: Resize) -> None:
        if self.rows and self.widths() != self._filled_for:  # cut to other widths
            self.fill_table()

    def selected(self) -> Row | None:
        """The row under the cursor (a meeting or a series' heading)."""
        row = self.query_one("#meetings", DataTable).cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _show_chosen(self, at: int) -> None:
        if not 0 <= at < len(self.rows):
            return
        row = self.rows[at]
        if row.key.startswith(EARLIER):
            line = Text(f"{row.standing.status} of the series, since {row.date}")
            line.append("   enter shows them", style="dim")
        elif row.heading:
            count = row.standing.status.removeprefix("series, ")
            line = Text.assemble("series ", (row.title, "bold"), f": {count} since {row.date}")
            line.append("   x makes its next meeting", style="dim")
        else:
            line = Text.assemble("id ", (row.key, "bold"))
            if row.standing.speaker:
                line.append("   ")
                line.append(row.standing.speaker, style="bold")
                line.append(" has the floor")
            line.append("   from a shell: facilitator open " + row.key, style="dim")
        self.query_one("#chosen", Static).update(line)

    def fold(self, series_id: str, unfold: bool) -> None:
        """Show a series' earlier meetings, or only its newest again (from what was read)."""
        if unfold:
            self.unfolded.add(series_id)
        else:
            self.unfolded.discard(series_id)
        self.rows = grouped(*self.read, frozenset(self.unfolded))
        self.fill_table()
        self._show_chosen(self.query_one("#meetings", DataTable).cursor_row)

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
        self.action_open()

    def action_open(self) -> None:
        if not self.ids:
            self.notify("no meeting to open yet: n starts one, d opens the demo", severity="error", markup=False)
            return
        row = self.selected()
        if row is None:
            return
        if row.key.startswith(EARLIER):  # the earlier meetings of a series: shown
            self.fold(row.series, True)
        elif row.heading and row.folds:  # a long series: its earlier meetings shown, or hidden again
            self.fold(row.series, row.series not in self.unfolded)
        elif row.heading:  # a short series: the cursor goes to its newest meeting
            table = self.query_one("#meetings", DataTable)
            table.move_cursor(row=table.cursor_row + 1, animate=False)
        else:
            self.open_meeting(row.key)

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

    def action_next_meeting(self) -> None:
        """The next meeting of the selected meeting's series (of a heading: after its newest),
        made by facilitator.series.follow and opened like a new one."""
        row = self.selected()
        if row is None or not self.ids:
            self.notify("no meeting to follow yet: n starts one", severity="error", markup=False)
            return
        after = row.newest if row.heading else row.key
        summary = next((r.summary for r in self.rows if r.key == after), None)
        if summary is None:
            standing = next((r.standing.status for r in self.rows if r.key == after), "it cannot be read")
            self.notify(f"cannot follow {after}: {standing}", severity="error", markup=False)
            return
        nxt = summary.get("next_meeting") or {}
        date = str(nxt.get("date") or time.strftime("%Y-%m-%d", time.localtime(self.clock.now())))
        location = str(nxt.get("place") or summary.get("location") or "")
        created: list[str] = []

        from facilitator import series  # imported when asked: home's first frame does without

        def submit(title: str, day: str, place: str) -> bool:
            try:
                followed = series.follow(
                    self.root, after, title, self.actor, self.clock.now(), day.strip() or None, place
                )
            except (Refused, StoreError, OSError) as err:
                self.fail(err)
                return False
            created.append(followed.meeting_id)
            self.notify(f"{followed.meeting_id}: {followed.said()}", markup=False)
            return True

        def opened(_: None) -> None:
            if created:
                self.show_meetings()
                self.open_meeting(created[0])

        title = str(summary.get("title", ""))
        self.app.push_screen(NextMeeting(after, submit, title, date, location), opened)

    def action_register(self) -> None:
        from screens.records.register import RegisterScreen  # imported when asked, as the app's screens are

        self.app.push_screen(RegisterScreen(self.root, self.clock))

    def action_demo(self) -> None:
        try:
            meeting_id = build_demo(self.root, now=self.clock.now())
        except (Refused, StoreError, OSError) as err:
            self.fail(err)
            return
        self.open_meeting(meeting_id)

    async def action_quit(self) -> None:
        self.app.exit()
