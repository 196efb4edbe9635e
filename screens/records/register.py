"""The register of decisions: every decision of every meeting in this data folder, newest first,
searched as you type (accents and case ignored), those due for review marked (and, with d, shown
alone); Enter shows one decision whole. Opened from home with r; Escape goes back.

It reads the meetings' summaries (facilitator.store.summaries), never their events, once when it
opens: a key typed in the search filters in memory (each decision's searched text folded once) and
fills the table once, with its first rows only: a DataTable measures every cell it is given, so the
rest are added as the cursor comes near them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.events import DescendantFocus, Resize
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from facilitator.clock import Clock
from facilitator.errors import StoreError
from facilitator.meeting.register import Entry, decisions
from facilitator.meeting.when import today
from facilitator.minutes.proposals import is_vote
from facilitator.store import summaries
from screens.widgets.cells import cut
from screens.widgets.form import Form
from screens.widgets.keybar import KeyBar, KeyLabel
from screens.widgets.palette import Providers, ScreenKeys

DATE, REVIEW = 10, 14  # "2025-11-24", "2025-11-24 due"
PADDING = 2 * 5  # a column's cell padding, for the five columns
PAGE = 60  # rows added to the table at a time (a tall terminal shows some 40)
DUE = "due"  # after a space, reversed
REVIEWED = " ✓"


def review_cell(entry: Entry, on: str) -> Text:
    """The review date; "due" once it has come and no meeting has reviewed it, ✓ once reviewed."""
    if entry.review is None:
        return Text("")
    cell = Text(entry.review)
    if entry.due(on):
        cell.append(" ")
        cell.append(DUE, style="bold reverse")
    elif entry.reviewed:
        cell.append(REVIEWED)
    return cell


def named(people: list[dict[str, Any]], count: int) -> list[Text]:
    """Each named position with its reason, and those counted without names."""
    lines = []
    for person in people:
        line = Text.assemble((str(person.get("name", "")), "bold"))
        if person.get("reason"):
            line.append(": ")
            line.append(str(person["reason"]))
        lines.append(line)
    unnamed = count - len(people)
    if unnamed > 0:
        lines.append(Text(f"{unnamed} counted without names", style="italic"))
    return lines


def moment(at: Any) -> str:
    """The local date and time an event was recorded at."""
    try:
        return dt.datetime.fromtimestamp(float(at)).strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError, OverflowError, OSError):
        return ""


def outcome_cell(record: dict[str, Any], width: int) -> Text:
    """The outcome's label ("passed (modified consensus: 1 block)"), or its word when the label
    does not fit ("passed"): the whole label is in the decision's detail."""
    label = " ".join(str(record.get("label") or "").split())
    return cut(label if label and len(label) <= width else str(record.get("outcome") or label), width)


def decision_heading(entry: Entry) -> Text:
    heading = Text.assemble((f" {entry.record.get('proposal', '')} ", "bold reverse"), " ")
    heading.append(str(entry.record.get("title", "")), style="bold")
    return heading


def decision_whole(entry: Entry, on: str) -> RenderableType:
    """One decision with everything the register keeps of it, as plain text (never markup)."""
    record = entry.record
    label = Text(str(record.get("label") or record.get("outcome", "")), style="italic")
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(ratio=1)

    def fact(name: str, *values: Text | str) -> None:
        for n, value in enumerate(values):
            facts.add_row(name if n == 0 else "", value if isinstance(value, Text) else Text(value))

    fact("Meeting", Text.assemble((entry.meeting_title, "bold"), f" · {entry.date} · {entry.meeting}"))
    if record.get("item"):
        fact("Agenda item", str(record["item"]))
    if record.get("presenters"):
        fact("Presented by", ", ".join(str(p) for p in record["presenters"]))
    decided = moment(record.get("at"))
    if decided:
        fact("Decided", decided)
    stages = record.get("stages") or []
    vote = is_vote(str((stages[0].get("rule") if stages else record.get("rule")) or ""))  # blocks are "against"
    if not record.get("counted", True):
        fact("Rule", f"{record.get('rule') or 'none named'}: no count was taken")
        if record.get("arithmetic"):
            fact("Arithmetic", str(record["arithmetic"]))
        if record.get("reason"):
            fact("Reason", str(record["reason"]))
    elif len(stages) > 1:
        fact(
            "Rule",
            *(Text.assemble((str(s.get("rule", "")), "bold"), f": {s.get('arithmetic', '')}") for s in stages),
        )
    else:
        fact("Rule", str(record.get("rule", "")))
        fact("Arithmetic", str(record.get("arithmetic", "")))
    against = "against" if vote else ("block" if record.get("block") == 1 else "blocks")
    counts = (
        f"{record.get('agree', 0)} agree, {record.get('block', 0)} {against}, "
        f"{record.get('stand_aside', 0)} standing aside; {record.get('present', 0)} present"
    )
    quorum = record.get("quorum")
    if quorum is None:
        counts += ", no quorum set"
    else:
        counts += f", quorum {quorum}: " + ("met" if int(record.get("present", 0)) >= int(quorum) else "not met")
    fact("Counts", counts)
    blocks = named(list(record.get("blocks") or []), int(record.get("block") or 0))
    if blocks:
        fact("Against" if vote else "Blocks", *blocks)
    asides = named(list(record.get("stand_asides") or []), int(record.get("stand_aside") or 0))
    if asides:
        fact("Stand-asides", *asides)
    if record.get("counted", True) and record.get("reason"):
        fact("Note", str(record["reason"]))
    if entry.review:
        review = Text(f"by {entry.review}")
        if entry.due(on):
            review.append(" ")
            review.append(DUE, style="bold reverse")
        fact("Review", review, *(f"reviewed {date} in {meeting}" for date, meeting in entry.reviewed))
    fact("Id", entry.ref)
    version = record.get("version")
    final = Text(f"Final text (v{version})" if version else "Final text", style="bold")
    return Group(label, Text(""), final, Text(str(record.get("text", ""))), Text(""), facts)


class DecisionDetail(Form[None]):
    """One decision whole, read only. Escape (or Enter) goes back to the register."""

    DEFAULT_CSS = """
    DecisionDetail > Vertical { width: 100; height: auto; }
    DecisionDetail .form--title { margin-bottom: 0; }
    DecisionDetail #decision-scroll { height: auto; max-height: 75vh; }
    DecisionDetail .form--hint { margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "cancel", "back", show=False)]

    def __init__(self, entry: Entry, on: str) -> None:
        super().__init__()
        self.entry = entry
        self.on = on

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(decision_heading(self.entry), classes="form--title")
            with VerticalScroll(id="decision-scroll"):
                yield Static(decision_whole(self.entry, self.on), id="decision")
            yield Static(Text("Esc goes back to the register · ↑↓ scroll"), classes="form--hint")


class RegisterScreen(Screen[None]):
    """Every decision of this data folder's meetings, found as you type."""

    CSS_PATH = "register.tcss"
    COMMANDS: ClassVar[Providers] = {ScreenKeys}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "back", tooltip="Back to the list of meetings"),
        Binding("enter", "show_whole", "whole decision", tooltip="Show the decision under the cursor whole"),
        Binding("slash", "search", "search", key_display="/", tooltip="Type words to find in titles and texts"),
        Binding("d", "due_only", "due for review only", tooltip="Show only the decisions due for review, or all"),
        Binding("down", "to_list", "the list", show=False),
    ]

    def __init__(self, root: Path, clock: Clock) -> None:
        super().__init__()
        self.root = root
        self.clock = clock
        self.summaries: list[summaries.Summary] = []
        self.every: list[Entry] = []  # every decision, newest first
        self.shown: list[Entry] = []  # those that match, newest first
        self.loaded = 0  # how many of them the table holds
        self.due_only = False
        self.today = today(clock.now())

    def compose(self) -> ComposeResult:
        yield Static(id="register-title")
        yield Input(placeholder="search titles and texts (accents and case ignored)", id="search")
        yield Static(id="register-count")
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True, id="decisions")
        for name in ("Date", "Meeting", "Decision", "Outcome", "Review"):
            table.add_column(name, key=name.casefold())
        yield table
        yield KeyBar(id="register-keys")

    def on_mount(self) -> None:
        self.today = today(self.clock.now())
        try:
            found = summaries.sync(self.root)
        except (StoreError, OSError) as err:
            self.notify(" ".join(str(err).split()), severity="error", markup=False)
            found = summaries.Summaries()
        if found.unreadable:
            self.notify(found.warning(), severity="warning", markup=False)
        self.summaries = found.rows
        self.every = decisions(self.summaries)
        meetings = len({e.meeting for e in self.every})
        title = Text.assemble(("Register of decisions", "bold"), f"  {len(self.every)} decision")
        title.append(f"{'s' if len(self.every) != 1 else ''} in {meetings} meeting{'s' if meetings != 1 else ''}")
        self.query_one("#register-title", Static).update(title)
        self.refill()
        self.query_one("#search", Input).focus()

    # ---- the list --------------------------------------------------------------------------

    @property
    def search(self) -> str:
        return self.query_one("#search", Input).value

    def matching(self) -> list[Entry]:
        """What decisions(summaries, search, due_on) gives, from the decisions read once."""
        search = self.search
        return [e for e in self.every if e.matches(search) and (not self.due_only or e.due(self.today))]

    def refill(self) -> None:
        """The decisions matching the search (and due, with d), the table filled once."""
        self.shown = self.matching()
        table = self.query_one("#decisions", DataTable)
        keep = table.cursor_row
        table.clear()
        self.loaded = 0
        self.load_more(max(PAGE, keep + 1))
        if self.loaded:
            table.move_cursor(row=min(max(keep, 0), self.loaded - 1), animate=False)
        self.show_count()

    def load_more(self, count: int = PAGE) -> None:
        """The next rows of the decisions shown (the entry of a row is self.shown[row])."""
        room = max(30, self.size.width - 2 - 2 - DATE - REVIEW - PADDING)  # its margins, its scroll bar
        meeting_width, outcome_width = room * 25 // 100, room * 27 // 100
        decision_width = room - meeting_width - outcome_width
        rows = []
        for entry in self.shown[self.loaded : self.loaded + count]:
            record = entry.record
            decision = Text.assemble((str(record.get("proposal", "")), "bold"), " ")
            decision.append_text(cut(str(record.get("title", "")), max(1, decision_width - len(decision))))
            rows.append(
                (
                    Text(entry.date),
                    cut(entry.meeting_title, meeting_width),
                    decision,
                    outcome_cell(record, outcome_width),
                    review_cell(entry, self.today),
                )
            )
        self.query_one("#decisions", DataTable).add_rows(rows)
        self.loaded += len(rows)

    @on(DataTable.RowHighlighted, "#decisions")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= self.loaded - PAGE // 4 and self.loaded < len(self.shown):
            self.load_more()

    def show_count(self) -> None:
        due = sum(1 for e in self.every if e.due(self.today))
        searching = bool(self.search.strip())
        line = Text()
        if not self.every:
            line.append("no meeting here has decided anything yet")
        elif self.due_only:
            line.append("due for review only", style="bold")
            line.append(f": {len(self.shown)} of {due} match" if searching else f": {due}")
        elif searching:
            line.append(
                f"{len(self.shown)} of {len(self.every)} decisions match" if self.shown else "no decision matches"
            )
        else:
            line.append(f"{len(self.every)} decision{'s' if len(self.every) != 1 else ''}, newest first")
        if due and not self.due_only:
            line.append(" · ")
            line.append(f"{due} due for review", style="bold")
            line.append(" (d shows them alone)", style="dim")
        self.query_one("#register-count", Static).update(line)
        self.show_keys()

    def show_keys(self) -> None:
        typing = isinstance(self.focused, Input)
        labels = [KeyLabel("escape", "esc", "back")]
        if typing:
            labels += [KeyLabel("enter", "enter", "whole decision"), KeyLabel("down", "↓", "the list")]
        else:
            labels += [KeyLabel("enter", "enter", "whole decision"), KeyLabel("slash", "/", "search")]
            labels.append(KeyLabel("d", "d", "all decisions" if self.due_only else "due for review only"))
        self.query_one(KeyBar).show(labels)

    @on(Input.Changed, "#search")
    def _typed(self) -> None:
        self.refill()

    @on(Input.Submitted, "#search")
    def _searched(self, event: Input.Submitted) -> None:
        """Enter in the search shows the decision under the cursor (the newest that matches); the
        list has the keys when it closes."""
        event.stop()
        self.action_to_list()
        self.action_show_whole()

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus) -> None:
        self.show_keys()

    def on_resize(self, event: Resize) -> None:
        if self.summaries:
            self.refill()

    # ---- actions ---------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#decisions")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_show_whole()

    def action_show_whole(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.app.push_screen(DecisionDetail(entry, self.today))

    def selected(self) -> Entry | None:
        row = self.query_one("#decisions", DataTable).cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def action_to_list(self) -> None:
        table = self.query_one("#decisions", DataTable)
        if self.focused is not table:
            table.focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_due_only(self) -> None:
        self.due_only = not self.due_only
        self.refill()

    def action_back(self) -> None:
        self.app.pop_screen()
