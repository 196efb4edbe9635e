"""The minute taker's screen: notes on the item under way, and action items (what, owners, due).

The operator opens it with `app.push_screen(NotesScreen(session))`, one key from the operator
screen. It opens with the note field ready to type in; Tab moves between the fields (and `n`, `a`
go to the note and the action item from a list); Enter records it; one Escape goes back.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Static

from facilitator.meeting.state import Meeting
from facilitator.session import Session
from screens.records.records_screen import RecordsScreen
from screens.widgets.name_field import NameInput, NameQuestion, People, show_question
from screens.widgets.speaker_strip import SpeakerStrip


def owners_of(typed: str) -> list[str]:
    return [name.strip() for name in typed.split(",") if name.strip()]


class NotesScreen(RecordsScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "type_in('#note')", "note"),
        Binding("a", "type_in('#action')", "action item"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.people = People(lambda: self.session.meeting)

    def compose(self) -> ComposeResult:
        yield SpeakerStrip()
        yield Static(id="notes-title")
        yield Static(id="notes-summary")
        with Horizontal(id="notes-body"):
            with Vertical():
                yield Static(Text("Notes on this item"), classes="label", id="notes-label")
                with VerticalScroll(id="note-list"):
                    yield Static(id="notes")
            with Vertical():
                yield Static(Text("Action items"), classes="label")
                with VerticalScroll(id="action-list"):
                    yield Static(id="actions")
        yield Input(placeholder="a note on this item, Enter records it · Tab: an action item", id="note")
        with Horizontal(classes="form"):
            yield Input(placeholder="action item: what, then Tab for its owners and due date", id="action")
            yield NameInput(self.people, many=True, placeholder="owners, separated by commas", id="owners")
            yield Input(placeholder="due YYYY-MM-DD", id="due")
        yield NameQuestion(id="owners-question")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()  # the minute taker opens it to write

    @on(NameInput.Question)
    def _question(self, event: NameInput.Question) -> None:
        show_question(self, event)

    def action_type_in(self, selector: str) -> None:
        self.query_one(selector, Input).focus()

    def show_meeting(self) -> None:
        meeting = self.session.meeting
        self.query_one("#notes-title", Static).update(Text(f"Notes: {meeting.title}", style="bold"))
        self.query_one("#notes-summary", Static).update(self.where(meeting))
        self.query_one("#notes", Static).update(self.notes_text(meeting))
        self.query_one("#actions", Static).update(self.actions_text(meeting))

    @staticmethod
    def where(meeting: Meeting) -> Text:
        if meeting.item is None or meeting.item not in meeting.items:
            return Text("No agenda item is under way: notes go outside the agenda items.")
        number = list(meeting.items).index(meeting.item) + 1
        return Text.assemble("Now on ", (f"{number}. {meeting.items[meeting.item].title}", "bold"))

    @staticmethod
    def notes_text(meeting: Meeting) -> Text:
        mine = [n for n in meeting.notes if n.item == meeting.item]
        others = len(meeting.notes) - len(mine)
        text = Text()
        for note in mine:
            lines = note.text.splitlines() or [""]
            text.append("• ")
            text.append(lines[0])
            for line in lines[1:]:
                text.append("\n  " + line)
            text.append("\n")
        if not mine:
            text.append("No notes on this item yet.\n", style="dim")
        if others:
            text.append(f"\n{others} note{'s' if others != 1 else ''} on other items.", style="dim")
        return text

    @staticmethod
    def actions_text(meeting: Meeting) -> Text:
        numbers = {item_id: n for n, item_id in enumerate(meeting.items, start=1)}
        text = Text()
        for action in meeting.actions:
            text.append(f"{action.ref} ", style="bold")  # its id for life, as action-status names it
            text.append(action.text)
            text.append("\n   ")
            text.append(", ".join(action.owners), style="italic")
            if action.due:
                text.append(f", due {action.due}")
            if action.item in numbers:
                text.append(f" (item {numbers[action.item]})", style="dim")
            text.append("\n")
        if not meeting.actions:
            text.append("No action items yet.", style="dim")
        return text

    @on(Input.Submitted, "#note")
    def _note(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        if self.act("note", text=event.value):
            event.input.clear()

    @on(Input.Submitted, "#action")
    @on(Input.Submitted, "#owners")
    @on(Input.Submitted, "#due")
    def _action(self, event: Input.Submitted) -> None:
        what = self.query_one("#action", Input)
        owners = self.query_one("#owners", Input)
        due = self.query_one("#due", Input)
        if not what.value.strip():
            what.focus()
            return
        if not owners_of(owners.value):
            owners.focus()
            self.notify("who will do it? type one or more names", severity="warning", markup=False)
            return
        if not self.query_one("#owners", NameInput).check(as_written=True):
            owners.focus()  # an owner who matches nobody: Enter keeps them as written, Tab takes the closest
            return
        if self.act("action", text=what.value, owners=owners_of(owners.value), due=due.value.strip() or None):
            for field in (what, owners, due):
                field.clear()
            what.focus()
