"""Bringing a proposal to the assembly: its title, who presents it, and its text.

The form calls back with what was typed and closes only when the proposal was recorded, so a
refused title or text leaves everything typed in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static, TextArea

from screens.widgets.form import Form
from screens.widgets.name_field import NameInput, NameQuestion, People, show_question

# submit(title, presenters, text) records the proposal and says whether the form can close
ProposeSubmit = Callable[[str, list[str], str], bool]


def presenters_of(typed: str) -> list[str]:
    return [name.strip() for name in typed.split(",") if name.strip()]


class ProposeForm(Form[None]):
    DEFAULT_CSS = """
    ProposeForm > Vertical { width: 90; }
    ProposeForm TextArea { height: 6; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "propose"),
    ]

    def __init__(self, heading: str, people: People, submit: ProposeSubmit) -> None:
        super().__init__()
        self.heading = heading
        self.people = people
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading), classes="form--title")
            yield Input(placeholder="title", id="title")
            yield NameInput(
                self.people, many=True, placeholder="presented by (names, separated by commas; optional)", id="by"
            )
            yield NameQuestion(id="by-question")
            yield TextArea(id="text", soft_wrap=True, show_line_numbers=False)
            yield Static(Text("the text of the proposal · ctrl+s proposes · Esc cancels"), classes="form--hint")
            with Horizontal():
                yield Button("Propose (ctrl+s)", id="go", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "by" and not self.query_one("#by", NameInput).check():
            return  # asked about a name that matches nobody: Enter again adds them
        self.focus_next()

    @on(NameInput.Question)
    def _question(self, event: NameInput.Question) -> None:
        show_question(self, event)

    @on(Button.Pressed, "#go")
    def _go(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss()

    def action_submit(self) -> None:
        title = self.query_one("#title", Input).value
        by = self.query_one("#by", NameInput)
        if not by.check():
            by.focus()
            return
        presenters = presenters_of(by.value)
        text = self.query_one("#text", TextArea).text
        if self.submit(title, presenters, text):
            self.dismiss()
