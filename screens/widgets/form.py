"""The one base of the modal forms and questions (a position, a name, a proposal, an amendment,
a check, a final test's positions, an agenda item, a new meeting, where to export...).

A form is a box in the middle of the dimmed screen: a bold title line (`form--title`), its
fields, a muted hint (`form--hint`), a row of buttons (a Horizontal). Escape cancels. A form
that differs says only how (its width, a field's height) in its own DEFAULT_CSS, which Textual
lets win over this one."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

Result = TypeVar("Result")


class Form(ModalScreen[Result]):
    DEFAULT_CSS = """
    Form { align: center middle; background: $background 60%; }
    Form > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    Form .form--title { text-style: bold; margin-bottom: 1; }
    Form .form--hint { color: $text-muted; }
    Form Horizontal { height: auto; margin-top: 1; }
    Form Button { margin-right: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel")]

    def action_cancel(self) -> None:
        self.dismiss()
