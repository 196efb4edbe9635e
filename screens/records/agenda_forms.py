"""Editing an agenda item not yet started (PROCESS.md 3.6): its title, time box, kind and
presenter, filled in with what the item has now.

The form sends only the fields that changed, and closes only when the edit went through: a
refusal leaves everything typed in place. The presenter is a name field like the others: Tab
takes the completion, and a name that matches nobody asks once before it is added.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from facilitator.meeting.settings import ITEM_KINDS
from facilitator.meeting.state import Item
from screens.widgets.form import Form
from screens.widgets.modals import MODAL_CSS
from screens.widgets.name_field import NameInput, NameQuestion, People, show_question

# submit(changes) makes the edit (changes: the fields that differ from the item, by the
# agenda_edit command's names) and says whether the form can close.
EditSubmit = Callable[[dict[str, Any]], bool]


def time_box_text(minutes: float) -> str:
    return f"{minutes:g}" if minutes else ""


class ItemForm(Form[None]):
    """The edit form of one agenda item."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="ItemForm")
        + """
    ItemForm Label { margin-top: 0; }
    ItemForm .pair { margin-top: 0; }
    ItemForm .pair > Vertical { width: 1fr; height: auto; }
    ItemForm #edit-minutes-field { margin-right: 1; }
    ItemForm SelectCurrent { margin-top: 0; }
    """
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "save"),
    ]

    def __init__(self, number: int, item: Item, people: People, submit: EditSubmit) -> None:
        super().__init__()
        self.number = number
        self.item = item
        self.people = people
        self.submit = submit

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical():
            yield Static(Text(f"Edit item {self.number}: {item.title}"), classes="form--title")
            yield Label("Title")
            yield Input(value=item.title, id="edit-title")
            with Horizontal(classes="pair"):
                with Vertical(id="edit-minutes-field"):
                    yield Label("Time box (minutes)")
                    yield Input(value=time_box_text(item.minutes), placeholder="none", type="number", id="edit-minutes")
                with Vertical():
                    yield Label("Kind")
                    yield Select([(k, k) for k in ITEM_KINDS], value=item.kind, allow_blank=False, id="edit-kind")
            yield Label("Presenter")
            yield NameInput(self.people, value=item.presenter or "", placeholder="nobody", id="edit-presenter")
            yield NameQuestion(id="edit-presenter-question")
            yield Static(Text("Enter (or ctrl+s) saves · Esc cancels"), classes="form--hint")

    def on_mount(self) -> None:
        self.query_one("#edit-title", Input).focus()

    @on(NameInput.Question)
    def _question(self, event: NameInput.Question) -> None:
        show_question(self, event)

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def changes(self) -> dict[str, Any] | None:
        """The fields that differ from the item (None: the time box is not a number)."""
        item = self.item
        changes: dict[str, Any] = {}
        title = self.query_one("#edit-title", Input).value
        if " ".join(title.split()) != item.title:
            changes["title"] = title
        raw = self.query_one("#edit-minutes", Input).value.strip()
        try:
            minutes = float(raw) if raw else 0.0
        except ValueError:
            return None
        if minutes != item.minutes:
            changes["minutes"] = int(minutes) if minutes.is_integer() else minutes
        kind = self.query_one("#edit-kind", Select).value
        if isinstance(kind, str) and kind != item.kind:
            changes["kind"] = kind
        presenter = " ".join(self.query_one("#edit-presenter", NameInput).value.split())
        if presenter != (item.presenter or ""):
            changes["presenter"] = presenter
        return changes

    def action_save(self) -> None:
        changes = self.changes()
        if changes is None:
            self.notify("the time box is a number of minutes (empty: none)", severity="error", markup=False)
            self.query_one("#edit-minutes", Input).focus()
            return
        if changes.get("presenter") and not self.query_one("#edit-presenter", NameInput).check():
            return  # it asked about a name that matches nobody: Enter again adds them
        if self.submit(changes):
            self.dismiss()
