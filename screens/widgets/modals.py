"""Small questions the screens ask: a position on the stack, what to do with people still
waiting when the assembly moves on, and the details of a new meeting (with its template).

Forms call back with what was typed and close only when the action went through, so nothing a
user typed is lost to a refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from facilitator.templates import Template
from screens.widgets.form import Form

# What these questions change in the form's look (screens/widgets/form.py): a narrower box, air above
# each label and above the hint.
MODAL_CSS = """
{name} > Vertical {{ width: 64; }}
{name} .form--hint {{ margin-top: 1; }}
{name} Label {{ margin-top: 1; }}
"""


class PositionEntry(Form[None]):
    """Where on the stack to move someone: a number."""

    DEFAULT_CSS = MODAL_CSS.format(name="PositionEntry")

    def __init__(self, heading: str, submit: Callable[[int], bool], places: int) -> None:
        super().__init__()
        self.heading = heading
        self.submit = submit
        self.places = places

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading), classes="form--title")
            yield Input(placeholder=f"1 to {self.places}", type="integer", id="position")
            yield Static(Text("Enter moves · Esc cancels"), classes="form--hint")

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip().isdigit():
            self.notify(f"type a position from 1 to {self.places}", severity="error", markup=False)
            return
        if self.submit(int(event.value)):
            self.dismiss()


class Confirm(Form[bool]):
    """A yes/no question before a key that destroys or rejects: y does it, n or Esc does not.
    `app.push_screen(Confirm("Reject P1-A2?", "by Ana: ...", "reject it"), answered)`; the
    callback gets True only for yes. Nothing is focused, so Enter answers nothing by accident."""

    DEFAULT_CSS = MODAL_CSS.format(name="Confirm")
    AUTO_FOCUS: ClassVar[str | None] = ""  # nothing focused: Enter on "yes" would answer by accident
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "yes"),
        Binding("n", "answer(False)", "no"),
        Binding("escape", "answer(False)", "no", show=False),
    ]

    def __init__(self, question: str, detail: str = "", yes: str = "yes") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question), classes="form--title")
            if self.detail:
                yield Static(Text(self.detail))
            with Horizontal():
                yield Button(f"{self.yes.capitalize()} (y)", id="yes", variant="error")
                yield Button("No (n, Esc)", id="no")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class CarryOver(Form[bool | None]):
    """Moving to the next item with people waiting: carry them over (True), clear (False), or not."""

    DEFAULT_CSS = MODAL_CSS.format(name="CarryOver")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "choose(True)", "carry over"),
        Binding("x", "choose(False)", "clear"),
    ]

    def __init__(self, heading: str, waiting: list[str]) -> None:
        super().__init__()
        self.heading = heading
        self.waiting = waiting

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading), classes="form--title")
            count = len(self.waiting)
            who = ", ".join(self.waiting)
            yield Static(Text(f"{count} still waiting on this stack: {who}."))
            with Horizontal():
                yield Button("Carry over (c)", id="carry", variant="primary")
                yield Button("Clear the stack (x)", id="clear", variant="warning")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#carry", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss({"carry": True, "clear": False}.get(event.button.id or ""))

    def action_choose(self, carry: bool) -> None:
        self.dismiss(carry)

    def action_cancel(self) -> None:
        self.dismiss(None)


# submit(title, date, place, template name or None) creates the meeting, says whether the form can close
NewMeetingSubmit = Callable[[str, str, str, str | None], bool]


class MeetingDetails(Form[None]):
    """What the forms that make a meeting share: they open on its title; Enter in a field or the
    Create button makes it (`create`), Esc or Cancel leaves. The form closes once it is made."""

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self._create()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "create":
            self._create()
        else:
            self.dismiss()

    def _create(self) -> None:
        if self.create():
            self.dismiss()

    def create(self) -> bool:
        """Make the meeting from the fields; False keeps the form open (a refusal was shown)."""
        raise NotImplementedError


class NewMeeting(MeetingDetails):
    """Title, date and place of a new meeting, and the template it starts from (none: a plain
    meeting with the default rules and no agenda)."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="NewMeeting")
        + """
    NewMeeting Label { margin-top: 0; }
    NewMeeting .pair { margin-top: 0; }
    NewMeeting .pair > Vertical { width: 1fr; height: auto; }
    NewMeeting #date-field { margin-right: 1; }
    NewMeeting #template-about { color: $text-muted; height: auto; }
    """
    )

    def __init__(self, submit: NewMeetingSubmit, today: str, templates: list[Template] | None = None) -> None:
        super().__init__()
        self.submit = submit
        self.today = today
        self.templates = {t.name: t for t in templates or []}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("New meeting"), classes="form--title")
            yield Label("Title")
            yield Input(placeholder="e.g. General assembly", id="title")
            with Horizontal(classes="pair"):
                with Vertical(id="date-field"):
                    yield Label("Date (YYYY-MM-DD)")
                    yield Input(value=self.today, id="date")
                with Vertical():
                    yield Label("Place (optional)")
                    yield Input(placeholder="e.g. Common room", id="location")
            yield Label("Template")
            yield Select[str](
                [(t.title, t.name) for t in self.templates.values()],
                prompt="none: a plain meeting",
                id="template",
            )
            yield Static(Text("the default rules, no agenda yet"), id="template-about")
            with Horizontal():
                yield Button("Create (Enter)", id="create", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    @property
    def template(self) -> str | None:
        chosen = self.query_one("#template", Select).value
        return chosen if isinstance(chosen, str) else None

    @on(Select.Changed)
    def _template_chosen(self) -> None:
        template = self.templates.get(self.template or "")
        about = Text(template.description) if template else Text("the default rules, no agenda yet")
        if template and template.agenda:
            about.append(f" Starting agenda: {len(template.agenda)} items.")
        self.query_one("#template-about", Static).update(about)

    def create(self) -> bool:
        return self.submit(self._value("title"), self._value("date"), self._value("location"), self.template)
