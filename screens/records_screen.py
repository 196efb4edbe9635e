"""What the setup, notes and minutes screens share: every change goes through `session.act`, a
refusal is a one-line notification (the form keeps what was typed), and the screen shows the
meeting again whenever it changed, here or in another terminal."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

from facilitator.errors import Refused, StoreError
from facilitator.session import Session
from screens.meeting_screen import StoreWatch, one_line


class RecordsScreen(Screen[None]):
    CSS_PATH = "records.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "back"),
        Binding("ctrl+z", "undo", "undo"),
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
        if self._store.refresh() is None:
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

    def action_undo(self) -> None:
        self.act("undo", scope="terminal")

    def action_back(self) -> None:
        if isinstance(self.focused, Input):  # Escape first stops typing, then leaves
            self.focus_next_list()
            return
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()
