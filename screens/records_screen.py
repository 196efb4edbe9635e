"""What the setup, notes and minutes screens share: every change goes through `session.act`, a
refusal is a one-line notification (the form keeps what was typed), and the screen shows the
meeting again whenever it changed, here or in another terminal."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.keys import key_to_character
from textual.screen import Screen
from textual.widgets import Input, Select, TextArea

from facilitator.errors import Refused, StoreError
from facilitator.session import Session
from screens.meeting_screen import StoreWatch, one_line, show_clock


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


class RecordsScreen(Screen[None]):
    CSS_PATH = "records.tcss"
    # u undoes, as on every operator screen; while a field has the keys, u types a letter and
    # ctrl+z undoes instead (it works anywhere, and the footer shows it only then)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "back"),
        Binding("u", "undo", "undo"),
        Binding("ctrl+z", "undo_typing", "undo"),
        Binding("ctrl+z", "undo", "undo", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._shown: tuple[int, int] | None = None
        self._store = StoreWatch(self, session)

    def on_mount(self) -> None:
        self.refresh_meeting(force=True)
        self.set_interval(float(getattr(self.app, "poll", 0.2)), self.refresh_meeting)

    def on_screen_resume(self) -> None:
        self.refresh_meeting(force=True)

    def show_meeting(self) -> None:
        """Show the meeting as it stands: each screen says how."""

    def refresh_meeting(self, force: bool = False) -> None:
        changed = self._store.refresh()
        show_clock(self, self.session)
        if changed is None:
            return
        # another screen may have refreshed the same session: compare what we last showed
        version = (id(self.session.meeting), self.session.meeting.last_seq)
        if force or version != self._shown:
            self._shown = version
            self.show_meeting()

    def act(self, action: str, /, **args: Any) -> bool:
        """Do the action; True when it went through. A refusal is one line, nothing changes."""
        try:
            outcome = self.session.act(action, **args)
        except (Refused, StoreError, OSError) as err:
            self.notify(one_line(str(err)), severity="error", markup=False)
            return False
        self.notify(one_line(outcome.summary), markup=False, timeout=4)
        self.refresh_meeting(force=True)
        return True

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

    def action_undo(self) -> None:
        self.act("undo", scope="terminal")

    def action_undo_typing(self) -> None:
        self.action_undo()

    def action_back(self) -> None:
        """One Escape leaves, from a field too (what was typed there and not entered is dropped)."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()
