"""The operator screen: run the stack and the speaking turns, one key per action.

The screen never changes the meeting itself: every key becomes `session.act(...)`, and the
screen re-renders from the meeting that comes back (or that another terminal wrote).

The proposal in play and the open temperature check show in a panel that appears only while
there is one; so do last time's action items while the item carrying them is under way (d marks
the highlighted one done, D dropped; screens/operator/follow_up.py). Keys open the proposal,
check, final-test, setup, notes and minutes screens on the same session, and the screen shows
the meeting again when they close. A terminal opened with a role (`facilitator open MEETING
--role stack|time|minutes|facilitator`) is laid out for it (see ROLE_LAYOUTS); every key works
in every role.

The journal of this terminal's actions is checkpointed into the meeting's TinyDB file in a
thread, never on a key press: on opening, when enough actions have gathered, and on closing.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.message import Message
from textual.screen import Screen

from facilitator.clock import clock_time
from facilitator.errors import StoreError
from facilitator.meeting.settings import KIND_LABELS, MODES
from facilitator.meeting.stack import order
from facilitator.session import Session
from facilitator.store.meeting_file import Index
from screens.business.in_play import InPlay
from screens.business.in_play_now import open_check, proposal_in_play
from screens.operator.follow_up import FollowUpList, follow_up_item
from screens.operator.item_clock import ItemClock
from screens.operator.meeting_bar import MeetingBar
from screens.operator.present import PresentList
from screens.operator.recent import RecentActions
from screens.operator.speaker import SpeakerPanel
from screens.operator.stack_view import StackList
from screens.widgets.keybar import KeyBar, labels_for
from screens.widgets.meeting_screen import UNDO_KEYS, MeetingScreen, one_line
from screens.widgets.palette import Providers, ScreenKeys

REPAINT = 1 / 8  # seconds between clock repaints; the time shown is always computed from now
EXTEND = 30


# A terminal's role (Actor.role) -> its layout, a class on the screen (operator.tcss):
# the stack keeper's stack keeps its rows; the timekeeper sees the item's clock big beside the
# speaker's; the minute taker starts on the notes (Escape shows the rest); the facilitator, like a
# terminal with no role, sees everything.
ROLE_LAYOUTS = {
    "stack": "-role-stack",
    "stack keeper": "-role-stack",
    "time": "-role-time",
    "timekeeper": "-role-time",
    "minutes": "-role-minutes",
    "minute taker": "-role-minutes",
    "notes": "-role-minutes",
    "facilitator": "-role-facilitator",
    "co-facilitator": "-role-facilitator",
}


def layout_for(role: str | None) -> str | None:
    if not role:
        return None
    key = " ".join(role.replace("_", " ").casefold().split())
    return ROLE_LAYOUTS.get(key) or ROLE_LAYOUTS.get(key.replace("-", " "))


def name_entry(heading: str, names: list[str], submit: Any, **options: Any) -> Screen[None]:
    from screens.widgets.name_entry import NameEntry  # loaded when first needed, not at startup

    return NameEntry(heading, names, submit, **options)


class Panels(NamedTuple):
    bar: MeetingBar
    speaker: SpeakerPanel
    stack: StackList
    recent: RecentActions
    present: PresentList
    item_clock: ItemClock | None  # the timekeeper's only
    business: InPlay
    follow_up: FollowUpList
    keys: KeyBar


class CheckpointFailed(Message):
    """A checkpoint in the worker thread could not be written: said as a warning, never a crash."""

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem


SNAPSHOT_AFTER = 1.0  # seconds after the operator screen is up


class OperatorScreen(MeetingScreen):
    CSS_PATH = ["operator.tcss", "operator_business.tcss"]  # noqa: RUF012
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
        *UNDO_KEYS,
        Binding("j", "next_item", "next item", tooltip="Start the next agenda item"),
        # on the key bar only while the item with last time's action items is under way (_bindings_shown)
        Binding(
            "d", "review('done')", "done", show=False, tooltip="Mark the highlighted action item from last time done"
        ),
        Binding(
            "D",
            "review('dropped')",
            "dropped",
            show=False,
            tooltip="Mark the highlighted action item from last time dropped",
        ),
        Binding("v", "proposal", "proposal", tooltip="Open the proposal in play: text, versions, amendments"),
        Binding("b", "propose", "propose", tooltip="Bring a new proposal: title, presenters, text"),
        Binding("t", "check", "check", tooltip="Take the temperature of the room: count hands, see the bars"),
        Binding("f", "final_test", "final test", tooltip="Open the final test of the proposal in play"),
        Binding("w", "notes", "notes", tooltip="The minute taker's notes and action items"),
        Binding("f2", "setup", "setup", key_display="F2", tooltip="Set up: attendance and quorum, roles, agenda"),
        Binding("f3", "minutes", "minutes", key_display="F3", tooltip="Preview the minutes and export them"),
        Binding("f8", "adjourn", "adjourn", key_display="F8", tooltip="Adjourn the meeting (or reopen it), on record"),
        Binding("q", "back", "back", tooltip="Leave the operator screen"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._shown_once = False  # the first resume comes just after on_mount
        self._checkpointing = False
        self._session_closed = False
        self._keys_described: dict[str, str] | None = None
        self.role_layout = layout_for(session.actor.role)
        if self.role_layout:
            self.add_class(self.role_layout)

    # ---- what the screen shows -------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield MeetingBar(id="bar")
        with Container(id="body"):
            with Vertical(id="side"):
                yield SpeakerPanel(id="speaker")
                if self.role_layout == "-role-time":  # no other layout shows the item's clock
                    yield ItemClock(id="item-clock")
                yield PresentList(id="present")
            with Vertical(id="main"):
                yield FollowUpList(id="follow-up")
                yield StackList(id="stack")
                yield InPlay(id="business", on_built=self.lay_out_for_business)
                yield RecentActions(id="recent")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:  # then MeetingScreen's: shows the meeting, follows the store
        self.query_one("#speaker").border_title = "Speaking"
        self.query_one("#recent").border_title = "Recent actions (• this terminal: u undoes its latest)"
        self.query_one(StackList).focus()
        self.set_interval(REPAINT, self.repaint_clocks)
        if self.session.store.journal.size():
            self.run_checkpoint()  # what earlier sessions left in the journal
        # a copy of the meeting to fold an undo back from, taken once the first frame is out
        self.set_timer(SNAPSHOT_AFTER, self.session.keep_snapshot)
        if self.role_layout == "-role-minutes":
            self.call_after_refresh(self.action_notes)

    def on_screen_resume(self) -> None:
        """Back from a screen pushed on top (proposal, check, setup...): show what changed there."""
        if not self._shown_once:
            self._shown_once = True  # the resume just after on_mount: shown already
        else:
            self.show_if_changed(force=True)
            self.checkpoint_if_due()

    def on_unmount(self) -> None:
        self.close_session()

    @property
    def meeting_root(self) -> Path:
        root = getattr(self.app, "root", None)
        return Path(root) if root is not None else self.session.store.path.parent.parent

    @cached_property
    def panels(self) -> Panels:
        """The screen's parts, found once (a query walks the DOM; the clocks repaint 8 times a second)."""
        return Panels(
            self.query_one(MeetingBar),
            self.query_one(SpeakerPanel),
            self.query_one(StackList),
            self.query_one(RecentActions),
            self.query_one(PresentList),
            next(iter(self.query(ItemClock)), None),
            self.query_one(InPlay),
            self.query_one(FollowUpList),
            self.query_one(KeyBar),
        )

    def show_meeting(self) -> None:
        meeting, now = self.session.meeting, self.session.now()
        panels = self.panels
        panels.bar.show(meeting, now)
        panels.speaker.show(meeting, now)
        panels.stack.show(meeting, now)
        panels.recent.show(meeting, self.session.actor.terminal)
        panels.present.show(meeting, now)
        if panels.item_clock is not None:
            panels.item_clock.show(meeting, now)
        panels.business.show(meeting, now)
        self.lay_out_for_business(panels.business.shown)
        self.show_follow_up()
        descriptions = self._descriptions()
        if descriptions != self._keys_described:  # the words of the toggles: rarely changed
            self._keys_described = descriptions
            panels.keys.show(labels_for(list(self._bindings_shown()), descriptions))

    def _bindings_shown(self) -> list[Binding]:
        reviewing = self.has_class("-follow-up")
        return [
            replace(b, show=True) if reviewing and b.action.startswith("review") else b
            for b in self.BINDINGS
            if isinstance(b, Binding)
        ]

    def _descriptions(self) -> dict[str, str]:
        meeting = self.session.meeting
        turn = meeting.speaker
        return {
            "stack_toggle": "open stack" if meeting.stack_closed else "close stack",
            "pause": "resume" if turn is not None and turn.paused else "pause",
            "back": "back" if self._over_home() else "quit",
            "follow_up": "shown" if self.has_class("-follow-up") else "",  # the d and D keys come and go
        }

    def _over_home(self) -> bool:
        home = sys.modules.get("screens.home")  # never loaded: the operator was opened directly
        if home is None:
            return False
        stack = self.app.screen_stack
        return self in stack and stack.index(self) > 0 and isinstance(stack[stack.index(self) - 1], home.HomeScreen)

    def lay_out_for_business(self, shown: bool) -> None:
        self.set_class(shown, "-business")

    def show_follow_up(self) -> None:
        """Last time's action items, while the item carrying them is under way: the panel takes
        the recent actions' rows on a small terminal (operator.tcss), and the focus while it shows."""
        panel = self.panels.follow_up
        panel.show(self.session.meeting)
        shown = bool(panel.rows)
        if shown == self.has_class("-follow-up"):
            return
        self.set_class(shown, "-follow-up")
        if shown:
            panel.focus()
        elif panel.has_focus:
            self.panels.stack.focus()

    def repaint_clocks(self) -> None:
        meeting, now = self.session.meeting, self.session.now()
        panels = self.panels
        panels.bar.show(meeting, now)
        panels.speaker.show(meeting, now)
        panels.stack.show(meeting, now)  # least-airtime reasons move with the clock
        panels.present.show(meeting, now)
        if panels.item_clock is not None:
            panels.item_clock.show(meeting, now)

    # ---- acting: every change goes through the session -------------------------------------

    def act(self, action: str, /, *, say: bool = False, **args: Any) -> bool:
        """As on every meeting screen, but quiet by default (the recent actions show what was
        done), and the journal is checkpointed once enough actions have gathered."""
        done = super().act(action, say=say, **args)
        if done:
            self.checkpoint_if_due()
        return done

    # ---- checkpoints: the journal into the TinyDB file, off the key-press path -------------

    def checkpoint_if_due(self) -> None:
        if not self._session_closed and self.session.checkpoint_due():
            self.run_checkpoint()

    def run_checkpoint(self) -> None:
        if self._checkpointing or self._session_closed:
            return
        self._checkpointing = True
        self.checkpoint()

    @work(thread=True, group="checkpoint", exit_on_error=False)
    def checkpoint(self) -> None:
        try:
            self.session.checkpoint()
        except (StoreError, OSError) as err:
            self.post_message(CheckpointFailed(one_line(str(err))))
        finally:
            self._checkpointing = False

    def on_checkpoint_failed(self, message: CheckpointFailed) -> None:
        self.notify(
            f"the meeting is safe in its journal, but the checkpoint failed: {message.problem}",
            severity="warning",
            markup=False,
        )

    def close_session(self) -> None:
        """A clean close leaves the whole meeting in the TinyDB file (Session.close checkpoints)."""
        if self._session_closed:
            return
        self._session_closed = True
        try:
            self.session.close()
            self.session.keep_minutes()
        except (StoreError, OSError) as err:
            self.app.notify(f"closing the meeting: {one_line(str(err))}", severity="warning", markup=False)

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

        from screens.widgets.name_field import arrive_first, people_of  # loaded when first needed

        def submit(name: str, step_up: bool) -> bool:
            if kind == "new" and self.session.meeting.stack_closed:
                # asked from the operator's own timer once the entry has closed: a question's answer
                # goes back to whoever asked it, and the entry will be gone by then
                self.set_timer(0.01, lambda: self.add_late(name, step_up))
                return True
            # a name that matches nobody was asked about once: it arrives, then raises a hand
            if not arrive_first(self.act, self.session.meeting, [name]):
                return False
            return self.act("hand", name=name, kind=kind, step_up=step_up)

        known = people_of(self.session.meeting)
        self.app.push_screen(name_entry(heading, self.known_names(), submit, offer_step_up=kind == "new", known=known))

    def add_late(self, name: str, step_up: bool) -> None:
        """The stack is closed to new points: the operator may still add someone on purpose (a
        hand raised before the close), recorded as a late addition (PROCESS.md 1.8)."""
        from screens.widgets.modals import Confirm
        from screens.widgets.name_field import arrive_first

        def answered(yes: bool | None) -> None:
            if yes and arrive_first(self.act, self.session.meeting, [name]):
                self.act("hand", name=name, kind="new", step_up=step_up, late=True)

        question = f"The stack is closed to new points. Add {name} anyway, as a late addition?"
        detail = "For a hand raised before the stack closed; it is recorded, and shown as added late."
        self.app.push_screen(Confirm(question, detail, "add late"), answered)

    def action_adjourn(self) -> None:
        """Adjourn the meeting, or reopen it on record, once the operator says yes."""
        from screens.widgets.modals import Confirm

        meeting = self.session.meeting
        if meeting.adjourned_at is not None:
            question = f"Reopen the meeting (adjourned at {clock_time(meeting.adjourned_at)})?"
            action, detail, yes = "reopen", "The reopening is recorded.", "reopen"
        else:
            question = "Adjourn the meeting now?"
            detail = "Ends the turn and the item under way; afterwards only notes and action items are recorded."
            action, yes = "adjourn", "adjourn"

        def answered(sure: bool | None) -> None:
            if sure:
                self.act(action)

        self.app.push_screen(Confirm(question, detail, yes), answered)

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
        place = self.query_one(StackList).selected()
        if place is None:
            self.notify("the stack is empty: nobody to select", severity="error", markup=False)
        return place

    def action_lower(self) -> None:
        """Take the selected entry off the stack, once the operator says yes."""
        place = self._selected()
        if place is None:
            return
        entry = place.entry

        def answered(sure: bool | None) -> None:
            if sure:
                self.act("lower", name=entry.name, kind=entry.kind)

        from screens.widgets.modals import Confirm  # loaded when first needed, not at startup

        question = f"Take {entry.name} ({KIND_LABELS[entry.kind]}) off the stack?"
        self.app.push_screen(Confirm(question, "u undoes it afterwards", "take them off"), answered)

    def _move(self, entry_id: int, name: str, kind: str, position: int) -> bool:
        if not self.act("move", name=name, kind=kind, position=position):
            return False
        self.query_one(StackList).select(entry_id)
        return True

    def action_move(self, step: int) -> None:
        place = self._selected()
        if place is None:
            return
        panel = self.query_one(StackList)
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
        size = len(self.query_one(StackList).places)

        def submit(position: int) -> bool:
            return self._move(entry.id, entry.name, entry.kind, position)

        from screens.widgets.modals import PositionEntry  # loaded when first needed, not at startup

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

        names = self.known_names(present_first=False)
        # asks only about a name close to someone known ("Ana" when Ana Lima is there)
        self.app.push_screen(name_entry("Arrived: who?", names, submit, known=names, only_when_close=True))

    def action_leave(self) -> None:
        def submit(name: str, step_up: bool) -> bool:
            return self.act("leave", name=name)

        present = list(self.session.meeting.present.values())
        self.app.push_screen(name_entry("Left: who?", present, submit, allow_new=False))

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

        from screens.widgets.modals import CarryOver  # loaded when first needed, not at startup

        self.app.push_screen(CarryOver(f"Move on to: {upcoming.title}", list(dict.fromkeys(waiting))), chosen)

    def action_review(self, status: str) -> None:
        """d marks the highlighted action item from last time done, D dropped (a note asked for,
        optional); the same key on one already so opens it again."""
        panel = self.panels.follow_up
        row = panel.selected() if follow_up_item(self.session.meeting) is not None else None
        if row is None:
            self.notify(
                "d and D review last time's action items, while their item is under way", severity="error", markup=False
            )
            return
        if row.status == status:
            self.act("action_status", ref=row.ref, status="open")
            return

        def noted(note: str | None) -> None:
            if note is not None and self.act("action_status", ref=row.ref, status=status, note=note):
                panel.next_open()

        from screens.operator.review_note import ReviewNote  # loaded when first needed, not at startup

        heading = f"{row.ref} {status}: {row.text}"
        question = "what was done? (optional)" if status == "done" else "why dropped? (optional)"
        self.app.push_screen(ReviewNote(heading, question), noted)

    # ---- the other screens, on the same session ------------------------------------------

    def _in_play(self) -> str | None:
        proposal = proposal_in_play(self.session.meeting)
        return proposal.id if proposal is not None else None

    def action_proposal(self) -> None:
        in_play = self._in_play()
        if in_play is None:
            self.action_propose()
            return
        from screens.business.proposal import ProposalScreen  # loaded when first opened, not at startup

        self.app.push_screen(ProposalScreen(self.session, in_play))

    def action_propose(self) -> None:
        from screens.widgets.name_field import People, arrive_first  # loaded when first needed

        def submit(title: str, presenters: list[str], text: str) -> bool:
            # presenters who match nobody were asked about once: they arrive first
            if not arrive_first(self.act, self.session.meeting, presenters):
                return False
            return self.act("propose", title=title, text=text, by=presenters)

        item = self.session.meeting.items.get(self.session.meeting.item or -1)
        heading = "New proposal" + (f" on: {item.title}" if item else "")
        from screens.business.propose import ProposeForm  # loaded when first opened, not at startup

        people = People(lambda: self.session.meeting, tuple(self.known_names()))
        self.app.push_screen(ProposeForm(heading, people, submit))

    def action_check(self) -> None:
        from screens.business.check import TemperatureCheckScreen  # loaded when first opened, not at startup

        screen = TemperatureCheckScreen(self.session, about=self._in_play())
        self.app.push_screen(screen)
        if open_check(self.session.meeting) is None:
            screen.call_after_refresh(screen.action_start)  # nothing to count yet: ask what to check

    def action_final_test(self) -> None:
        in_play = self._in_play()
        if in_play is None:
            self.notify("no proposal in play: b brings one", severity="error", markup=False)
            return
        from screens.business.final_test import FinalTestScreen  # loaded when first opened, not at startup

        self.app.push_screen(FinalTestScreen(self.session, in_play))

    def action_notes(self) -> None:
        from screens.records.notes import NotesScreen  # loaded when first opened, not at startup

        self.app.push_screen(NotesScreen(self.session))

    def action_setup(self) -> None:
        from screens.records.setup import SetupScreen  # loaded when first opened, not at startup

        self.app.push_screen(SetupScreen(self.session, self.meeting_root))

    def action_minutes(self) -> None:
        from screens.records.minutes_preview import MinutesPreviewScreen  # loaded when first opened, not at startup

        self.app.push_screen(MinutesPreviewScreen(self.session))

    def action_back(self) -> None:
        if self._over_home():
            self.app.pop_screen()
        else:
            self.app.exit()
