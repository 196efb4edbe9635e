"""One line to name a person, completing from the people the assembly already knows.

Key, a few letters, Enter: Enter takes the highlighted name, or what was typed when nobody
matches. A name that matches nobody in the meeting asks once (Enter again adds them, Tab takes
the closest name). The entry stays open with its text when the meeting refuses the name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.meeting.text import name_key
from screens.widgets.form import Form
from screens.widgets.name_field import Asking, NameQuestion


def matching(typed: str, names: Iterable[str]) -> list[str]:
    """Known names that start with what was typed, or have a word that does; whole-name first."""
    query = name_key(typed)
    names = list(dict.fromkeys(names))
    if not query:
        return names
    whole = [n for n in names if name_key(n).startswith(query)]
    words = [n for n in names if n not in whole and any(w.startswith(query) for w in name_key(n).split())]
    return whole + words


# submit(name, step_up) does the action and says whether the entry can close.
Submit = Callable[[str, bool], bool]


class NameEntry(Form[None]):
    DEFAULT_CSS = """
    NameEntry > Vertical { width: 76; }
    NameEntry .form--title { margin-bottom: 0; }
    NameEntry Input { margin: 1 0 0 0; }
    NameEntry OptionList { height: auto; max-height: 8; border: none; padding: 0; background: $surface; }
    NameEntry OptionList > .option-list--option-highlighted { background: $primary; color: $text; text-style: bold; }
    NameEntry .entry--step-up { color: $text-muted; }
    NameEntry .entry--step-up.-on { color: $success; text-style: bold; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "highlight(1)", "next name", show=False),
        Binding("up", "highlight(-1)", "previous name", show=False),
        Binding("tab", "complete", "complete", show=False),
        Binding("ctrl+s", "toggle_step_up", "step up", show=False),
    ]

    def __init__(
        self,
        heading: str,
        names: Iterable[str],
        submit: Submit,
        *,
        text: str = "",
        offer_step_up: bool = False,
        allow_new: bool = True,
        known: Iterable[str] | None = None,
        only_when_close: bool = False,
    ) -> None:
        """`known`: the meeting's people; a name outside them asks once before `submit` (which
        records the arrival). `only_when_close`: ask only when a listed name is close to it (the
        entry that adds people)."""
        super().__init__()
        self.heading = heading
        self.names = list(dict.fromkeys(names))
        self.submit = submit
        self.text = text
        self.offer_step_up = offer_step_up
        self.allow_new = allow_new
        self.step_up = False
        self.choices: list[str] = []
        self.known = None if known is None else list(known)
        self.only_when_close = only_when_close
        self.asking = Asking()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading), classes="form--title")
            yield Input(value=self.text, placeholder="type a few letters of the name", id="name")
            yield OptionList(id="matches")
            yield NameQuestion(id="name-question")
            step = Static(classes="entry--step-up")
            step.display = self.offer_step_up
            yield step
            hint = "Enter adds · ↑↓ choose · Tab completes"
            hint += " · ctrl+s step up" if self.offer_step_up else ""
            yield Static(Text(hint + " · Esc cancels"), classes="form--hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).can_focus = False
        self._show_step_up()
        self._show_choices(self.text)
        self.query_one(Input).focus()

    @property
    def typed(self) -> str:
        return self.query_one(Input).value

    def _show_choices(self, typed: str) -> None:
        found = matching(typed, self.names)
        clean = " ".join(typed.split())
        exact = any(name_key(n) == name_key(clean) for n in found)
        self.choices = list(found)
        options = [Option(Text(n)) for n in found]
        if clean and not exact and self.allow_new:
            self.choices.append(clean)
            options.append(Option(Text.assemble(clean, (" (new name)", "italic"))))
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(options)
        listing.display = bool(options)
        if options:
            listing.highlighted = 0

    def _show_step_up(self) -> None:
        line = self.query_one(".entry--step-up", Static)
        line.set_class(self.step_up, "-on")
        line.update(Text("step up: yes (goes first in step-up mode)" if self.step_up else "step up: no"))

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._show_choices(event.value)
        if self.asking.clear(event.value):
            self.query_one(NameQuestion).say("")

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.query_one(OptionList).highlighted)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int | None) -> None:
        name = self.choices[index] if index is not None and index < len(self.choices) else self.typed
        if not name.strip():
            self.notify("type a name first", severity="error", markup=False)
            return
        if self.known is not None:
            # the entry that adds people knows everyone it lists; the others, the meeting's people
            known = self.names if self.only_when_close else self.known
            question = self.asking.check(name, known=known, near=known, only_when_close=self.only_when_close)
            self.query_one(NameQuestion).say(question)
            if question:
                return
        if self.submit(name, self.step_up):
            self.dismiss()

    def action_highlight(self, step: int) -> None:
        listing = self.query_one(OptionList)
        if not self.choices:
            return
        current = listing.highlighted if listing.highlighted is not None else -step
        listing.highlighted = (current + step) % len(self.choices)

    def action_complete(self) -> None:
        """Tab: the name the question offers, else the highlighted one."""
        field = self.query_one(Input)
        index = self.query_one(OptionList).highlighted
        if self.asking.offer is not None:
            field.value = self.asking.offer[1]
        elif index is not None and index < len(self.choices):
            field.value = self.choices[index]
        field.cursor_position = len(field.value)

    def action_toggle_step_up(self) -> None:
        if self.offer_step_up:
            self.step_up = not self.step_up
            self._show_step_up()
