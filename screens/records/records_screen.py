"""What the setup, notes and minutes screens add to every meeting screen (screens/widgets/meeting_screen.py):
forms whose fields keep the letters (u types a letter there and ctrl+z undoes), a footer, and
the meeting shown again when a screen pushed on top closes. One Escape leaves, from a field too
(what was typed there and not entered is dropped); a refusal keeps what was typed."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.keys import key_to_character
from textual.screen import Screen
from textual.widgets import Input, Select, TextArea

from screens.widgets.meeting_screen import MeetingScreen


def letter_actions(screen: type[Screen[Any]]) -> set[str]:
    """The actions a screen binds to printable keys only (u, n, [...]), by their names."""
    actions = set()
    for cls in screen.__mro__:
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and all(typed(key) for key in binding.key.split(",")):
                actions.add(binding.action.partition("(")[0])
    return actions


def typed(key: str) -> bool:
    character = key_to_character(key.strip())
    return character is not None and character.isprintable()


class RecordsScreen(MeetingScreen):
    CSS_PATH = "records.tcss"
    # u undoes, as on every operator screen; while a field has the keys, u types a letter and
    # ctrl+z undoes instead (it works anywhere, and the footer shows it only then)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "back"),
        Binding("u", "undo", "undo"),
        Binding("ctrl+z", "undo_typing", "undo"),
        Binding("ctrl+z", "undo", "undo", show=False),
    ]

    def on_screen_resume(self) -> None:
        self.follow_store(force=True)

    def focus_next_list(self) -> None:
        """Where the keys go when nobody is typing: the screen's first list."""
        for widget in self.query("DataTable, VerticalScroll"):
            if widget.display and widget.can_focus:
                widget.focus()
                return
        self.set_focus(None)

    def typing(self) -> bool:
        """Whether a field has the keys: its letters are text, never a key binding."""
        return isinstance(self.focused, (Input, TextArea, Select))  # a closed Select lets letters through

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a field has the keys, the keys that are letters (u, n, a...) are off and hidden
        (Textual keeps an Input's letters from them itself; a closed Select would let them
        through), and the footer shows ctrl+z for undo instead of u."""
        if action == "undo_typing":
            return self.typing()
        return not (self.typing() and action in letter_actions(type(self)))

    def action_undo_typing(self) -> None:
        self.action_undo()
