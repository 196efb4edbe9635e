"""The operator screen: run the stack and the speaking turns, one key per action.

The screen never changes the meeting itself: every key becomes `session.act(...)`, and the
screen re-renders from the meeting that comes back (or that another terminal wrote).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.screen import Screen

from facilitator.errors import Refused, StoreError
from facilitator.session import Session
from facilitator.settings import KIND_LABELS, MODES
from facilitator.stack import order
from facilitator.store import Index
from screens.home import HomeScreen
from screens.keybar import KeyBar, labels_for
from screens.meeting_bar import MeetingBar
from screens.modals import CarryOver, PositionEntry
from screens.name_entry import NameEntry
from screens.palette import Providers, ScreenKeys
from screens.present import PresentList
from screens.recent import RecentActions
from screens.speaker import SpeakerPanel
from screens.stack_view import StackPanel

REPAINT = 1 / 8  # seconds between clock repaints; the time shown is always computed from now
EXTEND = 30


def one_line(message: str) -> str:
    return " ".join(message.split())


class OperatorScreen(Screen[None]):
    CSS_PATH = "operator.tcss"
    COMMANDS: ClassVar[Providers] = {ScreenKeys}
    # Textual declares these without ClassVar; they set -narrow/-wide and -short/-tall on the screen
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "hand('new')", "add", tooltip="Add a new point to the stack"),
        Binding("r", "hand('response')", "response", tooltip="Add a direct response to the stack"),
        Binding("c", "hand('clarify')", "clarify", tooltip="Add a clarifying question to the stack"),
        Binding("p", "hand('process')", "process", tooltip="Add a point of process to the stack"),
        Binding("n", "next", "next", tooltip="Give the floor to the next on the stack"),
        Binding("e", "end", "end turn", tooltip="End the current speaking turn"),
        Binding("space", "pause", "pause", key_display="space", tooltip="Pause or resume the speaker's clock"),
        Binding("x", "extend", f"+{EXTEND}s", tooltip=f"Extend the current turn by {EXTEND} seconds"),
        Binding("l", "lower", "lower", tooltip="Lower the selected hand (take it off the stack)"),
        Binding("left_square_bracket", "move(-1)", "up", key_display="[", tooltip="Move the selected entry up"),
        Binding("right_square_bracket", "move(1)", "down", key_display="]", tooltip="Move the selected entry down"),
        Binding("shift+up", "move(-1)", show=False),
        Binding("shift+down", "move(1)", show=False),
        Binding("m", "move_to", "move to", tooltip="Move the selected entry to a position on the stack"),
        Binding("k", "stack_toggle", "close stack", tooltip="Close or reopen the stack to new points"),
        Binding("g", "mode", "mode", tooltip="Switch the progressive stack mode"),
        Binding("i", "attend", "arrived", tooltip="Mark someone present"),
        Binding("o", "leave", "left", tooltip="Mark someone as gone"),
        Binding("u", "undo", "undo", tooltip="Undo this terminal's latest action"),
        Binding("j", "next_item", "next item", tooltip="Start the next agenda item"),
        Binding("q", "back", "back", tooltip="Leave the operator screen"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._store_problem: str | None = None

    # ---- what the screen shows -------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield MeetingBar(id="bar")
        with Container(id="body"):
            with Vertical(id="side"):
                yield SpeakerPanel(id="speaker")
                yield PresentList(id="present")
            with Vertical(id="main"):
                yield StackPanel(id="stack")
                yield RecentActions(id="recent")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one("#speaker").border_title = "Speaking"
        self.query_one("#recent").border_title = "Recent actions (• this terminal: u undoes its latest)"
        self.show_meeting()
        self.query_one("#stack-table").focus()
        self.set_interval(float(getattr(self.app, "poll", 0.2)), self.poll_store)
        self.set_interval(REPAINT, self.repaint_clocks)

    @property
    def meeting_root(self) -> Path:
        root = getattr(self.app, "root", None)
        return Path(root) if root is not None else self.session.store.path.parent.parent

    def show_meeting(self) -> None:
        meeting, now = self.session.meeting, self.session.now()
        self.query_one(MeetingBar).show(meeting, now)
        self.query_one(SpeakerPanel).show(meeting, now)
        self.query_one(StackPanel).show(meeting, now)
        self.query_one(RecentActions).show(meeting, self.session.actor.terminal)
        present = self.query_one(PresentList)
        present.border_title = f"Present: {len(meeting.present)}"
        present.show(meeting, now)
        self.query_one(KeyBar).show(labels_for(list(self._bindings_shown()), self._descriptions()))

    def _bindings_shown(self) -> list[Binding]:
        return [b for b in self.BINDINGS if isinstance(b, Binding)]

    def _descriptions(self) -> dict[str, str]:
        meeting = self.session.meeting
        turn = meeting.speaker
        return {
            "stack_toggle": "open stack" if meeting.stack_closed else "close stack",
            "pause": "resume" if turn is not None and turn.paused else "pause",
            "back": "back" if self._over_home() else "quit",
        }

    def _over_home(self) -> bool:
        stack = self.app.screen_stack
        return self in stack and stack.index(self) > 0 and isinstance(stack[stack.index(self) - 1], HomeScreen)

    def repaint_clocks(self) -> None:
        meeting, now = self.session.meeting, self.session.now()
        self.query_one(MeetingBar).show(meeting, now)
        self.query_one(SpeakerPanel).show(meeting, now)
        self.query_one(StackPanel).show(meeting, now)  # least-airtime reasons move with the clock
        self.query_one(PresentList).show(meeting, now)

    def poll_store(self) -> None:
        try:
            changed = self.session.refresh()
        except (StoreError, OSError) as err:
            message = one_line(str(err))
            if message != self._store_problem:
                self._store_problem = message
                self.notify(message, severity="error", markup=False)
            return
        self._store_problem = None
        if changed:
            self.show_meeting()

    # ---- acting: every change goes through the session -------------------------------------

    def act(self, action: str, **args: Any) -> bool:
        try:
            self.session.act(action, **args)
        except (Refused, StoreError, OSError) as err:
            self.notify(one_line(str(err)), severity="error", markup=False)
            return False
        self.show_meeting()
        return True

    def known_names(self, present_first: bool = True) -> list[str]:
        meeting = self.session.meeting
        present = list(meeting.present.values())
        others = [n for n in meeting.people.values() if n.casefold() not in meeting.present]
        try:
            others += Index(self.meeting_root).people()
        except (StoreError, OSError):
            pass
        return present + others if present_first else others + present

    def action_hand(self, kind: str) -> None:
        heading = f"{KIND_LABELS[kind].capitalize()}: who?"
        if kind == "response":
            answered = self.session.meeting.last_turn()
            if answered is not None:
                heading = f"Direct response to {answered.name}: who?"

        def submit(name: str, step_up: bool) -> bool:
            return self.act("hand", name=name, kind=kind, step_up=step_up)

        self.app.push_screen(NameEntry(heading, self.known_names(), submit, offer_step_up=kind == "new"))

    def action_next(self) -> None:
        self.act("next")

    def action_end(self) -> None:
        self.act("end")

    def action_pause(self) -> None:
        turn = self.session.meeting.speaker
        self.act("resume" if turn is not None and turn.paused else "pause")

    def action_extend(self) -> None:
        self.act("extend", seconds=EXTEND)

    def _selected(self) -> Any:
        place = self.query_one(StackPanel).selected()
        if place is None:
            self.notify("the stack is empty: nobody to select", severity="error", markup=False)
        return place

    def action_lower(self) -> None:
        place = self._selected()
        if place is not None:
            self.act("lower", name=place.entry.name, kind=place.entry.kind)

    def _move(self, entry_id: int, name: str, kind: str, position: int) -> bool:
        if not self.act("move", name=name, kind=kind, position=position):
            return False
        self.query_one(StackPanel).select(entry_id)
        return True

    def action_move(self, step: int) -> None:
        place = self._selected()
        if place is None:
            return
        panel = self.query_one(StackPanel)
        position = panel.places.index(place) + 1 + step
        if not 1 <= position <= len(panel.places):
            where = "first" if step < 0 else "last"
            self.notify(f"{place.entry.name} is already {where} on the stack", severity="error", markup=False)
            return
        self._move(place.entry.id, place.entry.name, place.entry.kind, position)

    def action_move_to(self) -> None:
        place = self._selected()
        if place is None:
            return
        entry = place.entry
        size = len(self.query_one(StackPanel).places)

        def submit(position: int) -> bool:
            return self._move(entry.id, entry.name, entry.kind, position)

        self.app.push_screen(PositionEntry(f"Move {entry.name} ({KIND_LABELS[entry.kind]}) to:", submit, size))

    def action_stack_toggle(self) -> None:
        self.act("stack_open" if self.session.meeting.stack_closed else "stack_close")

    def action_mode(self) -> None:
        current = self.session.meeting.mode
        following = MODES[(MODES.index(current) + 1) % len(MODES)] if current in MODES else MODES[0]
        self.act("stack_mode", mode=following)

    def action_attend(self) -> None:
        def submit(name: str, step_up: bool) -> bool:
            return self.act("attend", names=[name])

        self.app.push_screen(NameEntry("Arrived: who?", self.known_names(present_first=False), submit))

    def action_leave(self) -> None:
        def submit(name: str, step_up: bool) -> bool:
            return self.act("leave", name=name)

        present = list(self.session.meeting.present.values())
        self.app.push_screen(NameEntry("Left: who?", present, submit, allow_new=False))

    def action_undo(self) -> None:
        self.act("undo", scope="terminal")

    def action_next_item(self) -> None:
        meeting = self.session.meeting
        upcoming = next((i for i in meeting.items.values() if i.status == "planned"), None)
        waiting = [p.entry.name for p in order(meeting, self.session.now())]
        if upcoming is None or not waiting:
            self.act("agenda_start")
            return

        def chosen(carry: bool | None) -> None:
            if carry is not None:
                self.act("agenda_start", carry=carry)

        self.app.push_screen(CarryOver(f"Move on to: {upcoming.title}", list(dict.fromkeys(waiting))), chosen)

    def action_back(self) -> None:
        if self._over_home():
            self.app.pop_screen()
        else:
            self.app.exit()
