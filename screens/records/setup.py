"""Setting a meeting up, and keeping it straight as it goes: attendance and quorum, roles (with
rotation hints from past meetings), and the agenda (add, reorder, start, finish, table; and an
item not yet started removed, after a yes, or edited in a form: screens/records/agenda_forms.py).

The operator opens it with `app.push_screen(SetupScreen(session, root))`, or on one tab with
`SetupScreen(session, root, tab="roles")` (tabs: attendance, roles, agenda). Escape goes back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.actions import parse as parse_action
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Input, Select, Static, TabbedContent, TabPane

from facilitator.clock import format_duration
from facilitator.errors import Refused, StoreError
from facilitator.meeting.commands import ITEM_KINDS
from facilitator.meeting.record_commands import not_started, present_count
from facilitator.meeting.records import ROLES, role_label
from facilitator.meeting.state import Item, Meeting
from facilitator.session import Session
from facilitator.store.meeting_file import Index
from facilitator.store.rotation import Rotation, rotation
from screens.records.agenda_forms import ItemForm
from screens.records.records_screen import RecordsScreen
from screens.widgets.form import Form
from screens.widgets.modals import Confirm
from screens.widgets.name_field import NameInput, NameQuestion, People, arrive_first, show_question
from screens.widgets.palette import Providers, ScreenKeys
from screens.widgets.speaker_strip import SpeakerStrip

TABS = ("attendance", "roles", "agenda")
STATUS = {"planned": "planned", "active": "under way", "done": "done", "tabled": "tabled"}
# the agenda's columns: what can still be changed (the status) before the details, at 80 columns too
ITEM_COLUMNS = ("#", "Item", "Status", "Used", "Kind", "Presenter")


class CarryChoice(Form[bool | None]):
    """People still waiting when the item changes: carry them over (True) or clear (False)."""

    DEFAULT_CSS = """
    CarryChoice > Vertical { width: 70; }
    CarryChoice .form--title { margin-bottom: 0; }
    CarryChoice .form--hint { margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "choose(True)", "carry over"),
        Binding("x", "choose(False)", "clear the stack"),
        Binding("escape", "choose(None)", "cancel"),
    ]

    def __init__(self, waiting: list[str]) -> None:
        super().__init__()
        self.waiting = waiting

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"{len(self.waiting)} still waiting on this stack:"), classes="form--title")
            yield Static(Text(", ".join(self.waiting)))
            yield Static(
                Text("c carries them over to the next stack · x clears it · Esc cancels"), classes="form--hint"
            )

    def action_choose(self, carry: bool | None) -> None:
        self.dismiss(carry)


def item_clock(meeting: Meeting, item: Item, now: float) -> tuple[str, bool]:
    """Time used (against the time box) and whether it has overrun."""
    if item.started_at is None:
        return "", False
    end = item.ended_at if item.ended_at is not None else now
    used = max(0.0, end - item.started_at)
    if not item.minutes:
        return format_duration(used), False
    over = used > item.minutes * 60
    shown = f"{format_duration(used)} of {format_duration(item.minutes * 60)}"
    return (shown + " OVER") if over else shown, over


class SetupKeys(ScreenKeys):
    """The palette lists every key of the tab shown: those the footer leaves out too, and the
    keys every records screen has (back, undo)."""

    def commands(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        found: list[tuple[str, str, str]] = []
        for cls in type(screen).__mro__:
            if not (isinstance(cls, type) and issubclass(cls, RecordsScreen)) or "BINDINGS" not in vars(cls):
                continue
            for binding in vars(cls)["BINDINGS"]:
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                _, name, parameters = parse_action(binding.action)
                if screen.check_action(name, parameters) is False:
                    continue
                key = binding.key_display or binding.key
                found.append((binding.tooltip or binding.description, key, binding.action))
        return found


MOVE = Binding.Group("move", compact=True)  # the footer shows "[] move"
EDIT = "Edit the selected item: title, time box, kind, presenter"


class AgendaList(DataTable[Text]):
    """The agenda tab's list: Enter (or a click on the highlighted row) edits the item."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "edit", tooltip=EDIT)]


class SetupScreen(RecordsScreen):
    COMMANDS: ClassVar[Providers] = {SetupKeys}
    DEFAULT_CSS = "SetupScreen Footer KeyGroup.-compact { padding-left: 0; }"  # "[] move" fits at 80 columns
    BINDINGS: ClassVar[list[BindingType]] = [
        # At 80 columns the footer holds the keys of one tab and no more: the tab keys are named on
        # the tabs themselves, and every key, shown or not, is in the command palette (SetupKeys).
        Binding("f2", "tab('attendance')", "attendance", show=False, tooltip="Attendance and quorum (tab)"),
        Binding("f3", "tab('roles')", "roles", show=False, tooltip="Roles and rotation (tab)"),
        Binding("f4", "tab('agenda')", "agenda", show=False, tooltip="The agenda (tab)"),
        Binding("a", "arrive", "arrives", show=False, tooltip="Mark someone present"),
        Binding("l", "leave", "leaves", tooltip="Mark the selected person as gone"),
        Binding("q", "quorum", "quorum", tooltip="Set the quorum"),
        Binding("n", "new", "new", tooltip="Add: a person, a role, an agenda item (by tab)"),
        # Enter edits the item (the list shows the key while it has the focus: AgendaList); not `e`,
        # which ends a turn on the operator's screens
        Binding("enter", "edit_item", "edit", show=False, tooltip=EDIT),
        Binding("x", "empty_role", "empty role", tooltip="Leave the selected role empty"),
        Binding("x", "remove_item", "remove", tooltip="Remove the selected item from the agenda (asks first)"),
        Binding("s", "start_item", "start", tooltip="Start the selected agenda item"),
        Binding("d", "finish_item", "done", tooltip="Finish the agenda item under way"),
        Binding("t", "table_item", "table", tooltip="Table the selected item to a later meeting"),
        Binding("left_square_bracket", "move_item(-1)", "up", key_display="[", group=MOVE, tooltip="Move the item up"),
        Binding("right_square_bracket", "move_item(1)", "down", key_display="]", group=MOVE, tooltip="Move it down"),
    ]
    TAB_ACTIONS: ClassVar[dict[str, str]] = {
        "arrive": "attendance",
        "leave": "attendance",
        "quorum": "attendance",
        "empty_role": "roles",
        "edit_item": "agenda",
        "remove_item": "agenda",
        "start_item": "agenda",
        "finish_item": "agenda",
        "table_item": "agenda",
        "move_item": "agenda",
    }

    def __init__(self, session: Session, root: Path, tab: str = "attendance") -> None:
        super().__init__(session)
        self.root = root
        self.first_tab = tab if tab in TABS else "attendance"
        self.extra_roles: list[str] = []
        self.rotation = Rotation([])
        self.people = People(lambda: self.session.meeting)  # the name fields' completion, read live

    # ---- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SpeakerStrip()
        yield Static(id="setup-title")
        yield Static(id="setup-summary")
        with TabbedContent(initial=self.first_tab):
            with TabPane("Attendance F2", id="attendance"):
                yield DataTable(id="present", cursor_type="row", zebra_stripes=True)
                with Horizontal(classes="form"):
                    yield NameInput(self.people, placeholder="n: who arrives? a name, Enter", id="arrive")
                    yield Input(placeholder="q: quorum, Enter", id="quorum", type="integer")
                yield NameQuestion(id="arrive-question")
            with TabPane("Roles F3", id="roles"):
                yield DataTable(id="roles-table", cursor_type="row", zebra_stripes=True)
                with Horizontal(classes="form"):
                    yield NameInput(self.people, placeholder="who takes the highlighted role? Enter", id="holder")
                    yield Input(placeholder="n: another role, its name, Enter", id="new-role")
                yield NameQuestion(id="holder-question")
                yield Static(id="rotation")
            with TabPane("Agenda F4", id="agenda"):
                yield AgendaList(id="items", cursor_type="row", zebra_stripes=True)
                with Horizontal(classes="form"):
                    yield Input(placeholder="n: new item, its title, Enter", id="item-title")
                    yield Input(placeholder="minutes", id="item-minutes", type="integer")
                    yield Select([(k, k) for k in ITEM_KINDS], value="discussion", allow_blank=False, id="item-kind")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#present", DataTable).add_columns("Name", "Roles", "Spoke")
        self.query_one("#roles-table", DataTable).add_columns("Role", "Held by", "Held lately")
        self.query_one("#items", DataTable).add_columns(*ITEM_COLUMNS)
        self.load_rotation()
        self.set_interval(1.0, self.tick)
        self.focus_next_list()

    def load_rotation(self) -> None:
        """Past meetings' roles and the people the index knows (for name completion)."""
        meeting_id = self.session.store.path.stem
        try:
            self.rotation = rotation(self.root, exclude=meeting_id, series=self.session.meeting.series)
            known = Index(self.root).people() if (self.root / "index.json").exists() else []
        except (StoreError, OSError) as err:
            self.notify(f"rotation unavailable: {err}", severity="warning", markup=False)
            self.rotation, known = Rotation([]), []
        meeting = self.session.meeting
        names = [*self.rotation.suggest(list(meeting.present.values())), *meeting.people.values(), *known]
        self.people.others = tuple(names)

    # ---- showing the meeting --------------------------------------------------------------

    def show_meeting(self) -> None:
        meeting = self.session.meeting
        self.query_one("#setup-title", Static).update(Text(f"Setup: {meeting.title}", style="bold"))
        self.tick()
        self.show_attendance(meeting)
        self.show_roles(meeting)
        self.show_agenda(meeting)

    def tick(self) -> None:
        """The counts and the clocks: the meeting's and the item's, computed from now."""
        meeting = self.session.meeting
        now = self.session.now()
        parts = [present_count(len(meeting.present), meeting.quorum)]
        parts.append(meeting.meeting_clock(now))
        summary = Text(" · ".join(parts))
        if meeting.item is not None and meeting.item in meeting.items:
            item = meeting.items[meeting.item]
            number = list(meeting.items).index(item.id) + 1
            clock, over = item_clock(meeting, item, now)
            summary.append(" · now on ")
            summary.append(f"{number}. {item.title}")
            summary.append(f" {clock}", style="bold reverse" if over else "bold")
        if meeting.quorum is not None and len(meeting.present) < meeting.quorum:
            summary.append("  BELOW QUORUM: decisions can only be tabled", style="bold reverse")
        self.query_one("#setup-summary", Static).update(summary)
        if meeting.item is not None and meeting.item in meeting.items:
            self.update_item_clock(meeting, meeting.items[meeting.item], now)

    def show_attendance(self, meeting: Meeting) -> None:
        table = self.query_one("#present", DataTable)
        held: dict[str, list[str]] = {}
        for role, name in meeting.roles.items():
            if name:
                held.setdefault(name.casefold(), []).append(role_label(role))
        airtime = meeting.airtime(self.session.now())
        keep = self.cursor_key(table)
        table.clear()
        for key, name in meeting.present.items():
            spoke = airtime.get(name)
            table.add_row(
                Text(name),
                Text(", ".join(held.get(key, []))),
                Text(format_duration(spoke) if spoke else ""),
                key=key,
            )
        self.restore_cursor(table, keep)

    def role_rows(self, meeting: Meeting) -> list[str]:
        custom = [r for r in meeting.roles if r not in ROLES]
        pending = [r for r in self.extra_roles if r not in meeting.roles]
        return [*ROLES, *custom, *pending]

    def show_roles(self, meeting: Meeting) -> None:
        table = self.query_one("#roles-table", DataTable)
        present = list(meeting.present.values())
        keep = self.cursor_key(table)
        table.clear()
        for role in self.role_rows(meeting):
            holder = meeting.roles.get(role)
            lately = self.rotation.last_held(role)[:2]
            hint = ", ".join(f"{name} ({date})" for date, name in lately) if lately else ""
            table.add_row(
                Text(role_label(role)),
                Text(holder) if holder else Text("(empty)", style="dim"),
                Text(hint),
                key=role,
            )
        self.restore_cursor(table, keep)
        today = {t.name.casefold() for t in meeting.role_terms if t.name}
        fresh = [p for p in self.rotation.without_role(self.rotation.suggest(present)) if p.casefold() not in today]
        if not self.rotation.recent:
            line = "Rotation: no earlier meetings in this folder yet."
        elif fresh:
            line = f"No role in the last {len(self.rotation.recent)} meetings nor today: {', '.join(fresh)}"
        else:
            line = "Everyone present has held a role lately; suggested order: " + ", ".join(
                self.rotation.suggest(present)
            )
        self.query_one("#rotation", Static).update(Text(line))

    def show_agenda(self, meeting: Meeting) -> None:
        table = self.query_one("#items", DataTable)
        keep = self.cursor_key(table)
        table.clear()
        now = self.session.now()
        for number, item in enumerate(meeting.items.values(), start=1):
            table.add_row(*self.item_cells(meeting, item, number, now), key=str(item.id))
        self.restore_cursor(table, keep)

    def item_cells(self, meeting: Meeting, item: Item, number: int, now: float) -> list[Text]:
        clock, over = item_clock(meeting, item, now)
        if not clock and item.minutes:
            clock = f"{format_duration(item.minutes * 60)} planned"
        status = STATUS.get(item.status, item.status)
        return [
            Text(str(number)),
            Text(item.title, style="bold" if item.status == "active" else ""),
            Text(status, style="bold" if item.status == "active" else ""),
            Text(clock, style="bold reverse" if over else ""),
            Text(item.kind),
            Text(item.presenter or ""),
        ]

    def update_item_clock(self, meeting: Meeting, item: Item, now: float) -> None:
        table = self.query_one("#items", DataTable)
        if str(item.id) not in table.rows:
            return
        clock, over = item_clock(meeting, item, now)
        table.update_cell(
            str(item.id),
            table.ordered_columns[ITEM_COLUMNS.index("Used")].key,
            Text(clock, style="bold reverse" if over else ""),
        )

    @staticmethod
    def cursor_key(table: DataTable[Text]) -> tuple[str | None, int]:
        """The highlighted row's key and place, to keep the cursor where it was after a refill."""
        if not table.row_count:
            return None, 0
        try:
            return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value), table.cursor_row
        except Exception:  # the cursor may point past a table that just shrank
            return None, table.cursor_row

    @staticmethod
    def restore_cursor(table: DataTable[Text], kept: tuple[str | None, int]) -> None:
        key, row = kept
        if key is not None and key in table.rows:
            table.move_cursor(row=table.get_row_index(key))
        elif table.row_count:  # its row is gone (an item removed): stay at the same place, not the top
            table.move_cursor(row=min(row, table.row_count - 1))

    # ---- which keys apply where -----------------------------------------------------------

    @property
    def tab(self) -> str:
        return self.query_one(TabbedContent).active or "attendance"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        wanted = self.TAB_ACTIONS.get(action)
        if wanted is not None and self.is_mounted and wanted != self.tab:
            return False  # keys of another tab are hidden from the footer and do nothing
        return super().check_action(action, parameters)  # letters type while a field has the keys

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self.focus_next_list()

    def focus_next_list(self) -> None:
        self.query_one({"attendance": "#present", "roles": "#roles-table", "agenda": "#items"}[self.tab]).focus()

    def selected(self, table_id: str) -> str | None:
        return self.cursor_key(self.query_one(table_id, DataTable))[0]

    # ---- attendance -----------------------------------------------------------------------

    def action_arrive(self) -> None:
        self.query_one("#arrive", Input).focus()

    def action_quorum(self) -> None:
        self.query_one("#quorum", Input).focus()

    def action_leave(self) -> None:
        key = self.selected("#present")
        if key is None:
            self.notify("nobody is present", severity="error", markup=False)
            return
        name = self.session.meeting.present.get(key, key)

        def answered(yes: bool | None) -> None:
            if yes:
                self.act("leave", name=name)

        detail = "They no longer count as present (nor toward the quorum). Undo (u) brings them back."
        self.app.push_screen(Confirm(f"{name} has left?", detail, "mark them gone"), answered)

    @on(NameInput.Question)
    def _question(self, event: NameInput.Question) -> None:
        show_question(self, event)

    @on(Input.Submitted, "#arrive")
    def _arrive(self, event: Input.Submitted) -> None:
        # asks once only about a name close to someone known ("Ana" when Ana Lima is there)
        if not self.query_one("#arrive", NameInput).check(only_when_close=True):
            return
        if self.act("attend", names=[event.value], seen_before=list(self.people.others)):
            event.input.clear()
            # still in the field, ready for the next name: say so (an `n` typed now is a letter)
            event.input.placeholder = "next arrival: a name, Enter (Esc leaves the field)"

    @on(Input.Submitted, "#quorum")
    def _quorum(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value.lstrip("-").isdigit():
            self.notify("type the quorum as a number (0: no quorum)", severity="error", markup=False)
            return
        if self.act("quorum", count=int(value)):
            event.input.clear()

    # ---- roles ----------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#roles-table")
    def _role_chosen(self, event: DataTable.RowSelected) -> None:
        role = str(event.row_key.value)
        holder = self.query_one("#holder", Input)
        holder.placeholder = f"who takes {role_label(role)}? Enter"
        holder.focus()

    @on(Input.Submitted, "#holder")
    def _give_role(self, event: Input.Submitted) -> None:
        role = self.selected("#roles-table")
        if role is None:
            return
        if not event.value.strip():
            self.notify("type a name, or press x on the role to leave it empty", severity="error", markup=False)
            return
        if not self.query_one("#holder", NameInput).check():
            return  # a name that matches nobody: Enter again adds them, Tab takes the closest
        if not arrive_first(self.act, self.session.meeting, [event.value]):
            return
        if self.act("role", role=role, name=event.value):
            event.input.clear()
            self.query_one("#roles-table").focus()

    def action_empty_role(self) -> None:
        role = self.selected("#roles-table")
        holder = self.session.meeting.roles.get(role) if role is not None else None
        if role is None:
            return
        if not holder:
            self.act("role", role=role, name=None)  # already empty: said in one line
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.act("role", role=role, name=None)

        question = f"Leave {role_label(role)} empty? {holder} holds it now."
        self.app.push_screen(Confirm(question, "Undo (u) gives it back.", "leave it empty"), answered)

    @on(Input.Submitted, "#new-role")
    def _new_role(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        if not name:
            return
        known = [r for r in self.role_rows(self.session.meeting) if r.casefold() == name.casefold()]
        if not known:
            if len(name) > 40:
                self.notify("a role's name is at most 40 characters", severity="error", markup=False)
                return
            self.extra_roles.append(name)
        event.input.clear()
        self.show_roles(self.session.meeting)
        table = self.query_one("#roles-table", DataTable)
        self.restore_cursor(table, (known[0] if known else name, 0))
        self.query_one("#holder", Input).focus()

    # ---- agenda ---------------------------------------------------------------------------

    def action_new(self) -> None:
        target = {"attendance": "#arrive", "roles": "#new-role", "agenda": "#item-title"}[self.tab]
        self.query_one(target, Input).focus()

    @on(Input.Submitted, "#item-title")
    @on(Input.Submitted, "#item-minutes")
    def _add_item(self, event: Input.Submitted) -> None:
        title = self.query_one("#item-title", Input)
        minutes = self.query_one("#item-minutes", Input)
        if not title.value.strip():
            title.focus()
            return
        raw = minutes.value.strip()
        if raw and not raw.isdigit():
            self.notify("the time box is a number of minutes", severity="error", markup=False)
            return
        kind = str(self.query_one("#item-kind", Select).value)
        if self.act("agenda_add", title=title.value, minutes=int(raw or 0), kind=kind):
            title.clear()
            minutes.clear()
            self.query_one("#item-kind", Select).value = "discussion"  # each new item starts from the usual kind
            title.focus()

    def selected_item(self, doing: str) -> tuple[int, Item] | None:
        """The highlighted item and its number, when it can still be removed or edited; else the
        reason it cannot is said, and None."""
        key = self.selected("#items")
        meeting = self.session.meeting
        if key is None or int(key) not in meeting.items:
            self.notify("the agenda is empty: n adds an item", severity="error", markup=False)
            return None
        item = meeting.items[int(key)]
        try:
            not_started(meeting, item, doing)
        except Refused as err:
            self.notify(str(err), severity="error", markup=False)
            return None
        return list(meeting.items).index(item.id) + 1, item

    def number_of(self, item_id: int) -> str | None:
        """The item's number now (another terminal may have moved or removed it meanwhile)."""
        items = list(self.session.meeting.items)
        if item_id not in items:
            self.notify("that item is no longer on the agenda", severity="error", markup=False)
            return None
        return str(items.index(item_id) + 1)

    def action_remove_item(self) -> None:
        chosen = self.selected_item("removed")
        if chosen is None:
            return
        number, item = chosen

        def answered(yes: bool | None) -> None:
            ref = self.number_of(item.id) if yes else None
            if ref is not None:
                self.act("agenda_remove", item=ref)

        question = f"Remove item {number}, {item.title}, from the agenda?"
        detail = "It will not appear in the minutes. Undo (u) brings it back."
        self.app.push_screen(Confirm(question, detail, "remove it"), answered)

    def action_edit_item(self) -> None:
        chosen = self.selected_item("edited")
        if chosen is None:
            return
        number, item = chosen

        def submit(changes: dict[str, Any]) -> bool:
            ref = self.number_of(item.id)
            if ref is None:
                return True  # nothing left to edit: the form closes
            presenter = changes.get("presenter")
            if presenter and not arrive_first(self.act, self.session.meeting, [presenter]):
                return False
            return self.act("agenda_edit", item=ref, **changes)

        self.app.push_screen(ItemForm(number, item, self.people, submit))

    @on(DataTable.RowSelected, "#items")
    def _item_chosen(self) -> None:
        self.action_edit_item()  # Enter (or a click) on the highlighted item: its edit form

    def item_ref(self) -> str | None:
        key = self.selected("#items")
        if key is None:
            self.notify("the agenda is empty: n adds an item", severity="error", markup=False)
            return None
        return str(list(self.session.meeting.items).index(int(key)) + 1)

    def with_carry(self, action: str, **args: Any) -> None:
        """Do an action that leaves the current stack, asking first if people are waiting."""
        waiting = [e.name for e in self.session.meeting.waiting()]
        leaving = action != "agenda_table" or args.get("item") is None or self._is_current(args.get("item"))
        if not waiting or not leaving:
            self.act(action, **args)
            return

        def chosen(carry: bool | None) -> None:
            if carry is not None:
                self.act(action, carry=carry, **args)

        self.app.push_screen(CarryChoice(waiting), chosen)

    def _is_current(self, ref: object) -> bool:
        meeting = self.session.meeting
        if meeting.item is None or not isinstance(ref, str) or not ref.isdigit():
            return False
        return list(meeting.items).index(meeting.item) + 1 == int(ref)

    def action_start_item(self) -> None:
        ref = self.item_ref()
        if ref is not None:
            self.with_carry("agenda_start", item=ref)

    def action_finish_item(self) -> None:
        if self.session.meeting.item is None:
            self.notify("no agenda item is under way", severity="error", markup=False)
            return
        self.with_carry("agenda_done")

    def action_table_item(self) -> None:
        ref = self.item_ref()
        if ref is not None:
            self.with_carry("agenda_table", item=ref)

    def action_move_item(self, step: int) -> None:
        ref = self.item_ref()
        if ref is None:
            return
        position = int(ref) + step
        if not 1 <= position <= len(self.session.meeting.items):
            return
        if self.act("agenda_move", item=ref, position=position):
            table = self.query_one("#items", DataTable)
            table.move_cursor(row=position - 1)
