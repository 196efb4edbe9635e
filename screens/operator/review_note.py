"""The note asked for when an action item from last time is marked done or dropped (d, D on
the operator screen): loaded when first asked, not at startup."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from screens.widgets.form import Form


class ReviewNote(Form[str | None]):
    """What was done, or why it was dropped: optional, Enter with nothing records no note."""

    def __init__(self, heading: str, placeholder: str) -> None:
        super().__init__()
        self.heading = heading
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading), classes="form--title")
            yield Input(placeholder=self.placeholder, id="note")
            yield Static(Text("Enter records (the note may stay empty) · Esc cancels"), classes="form--hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)
