"""A participant's own terminal (`facilitator join MEETING --name NAME`).

It is the projector (the same parts, layout and following of the file) with one more part,
`Mine`: this person's hands on the stack and their vote in the open temperature check, and keys
that act for them alone. The session's actor is a participant, so the core refuses anything
else whatever a key asks.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from facilitator.clock import Clock
from facilitator.meeting.events import Actor
from facilitator.meeting.proposals import TemperatureCheck
from facilitator.meeting.settings import KIND_LABELS, KINDS
from facilitator.meeting.stack import order
from facilitator.meeting.state import Meeting
from facilitator.session import Session
from screens.app import FacilitatorApp
from screens.business.in_play_now import open_check
from screens.projector.projector import ProjectorScreen, Shows, left_of
from screens.widgets.keybar import KeyBar, KeyLabel, labels_for
from screens.widgets.paint import paint

HAND_KEYS = {"new": "n", "response": "r", "clarify": "c", "process": "p"}
SHORT = {"new": "new point", "response": "response", "clarify": "clarify", "process": "process"}


def vote_keys(check: TemperatureCheck) -> dict[str, str]:
    """Option -> key. Options named by one digit (fist-to-five) are their own key; else 1, 2, 3..."""
    if all(len(o) == 1 and o.isdigit() for o in check.options):
        return {o: o for o in check.options}
    return {o: str(n) for n, o in enumerate(check.options[:9], start=1)}


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class Mine(Vertical):
    """This person's own standing: their hands with their places, and their vote."""

    def __init__(self, name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.me = name
        self.step_up = False  # the mark their next new point will carry
        self._shown: tuple[Text, Text | None] | None = None

    def on_mount(self) -> None:
        self.border_title = "your hands and your vote"

    def compose(self) -> ComposeResult:
        yield Static("", classes="mine--hands")
        yield Static("", classes="mine--check")

    def hands(self, meeting: Meeting, now: float) -> Text:
        me = self.me.casefold()
        text = Text()
        text.append(meeting.person(self.me) or self.me, style="bold")
        speaker = meeting.speaker
        if speaker is not None and speaker.name.casefold() == me:
            text.append(f": you have the floor ({left_of(speaker, now)})", style="bold reverse")
            text.append(" ")
        places = order(meeting, now)
        mine = [(n, p) for n, p in enumerate(places, start=1) if p.entry.name.casefold() == me]
        if not mine:
            text.append(": your hand is down")
        for i, (position, place) in enumerate(mine):
            text.append(": " if i == 0 else " · ")
            text.append(KIND_LABELS.get(place.entry.kind, place.entry.kind), style="bold")
            text.append(f" {ordinal(position)} of {len(places)}")
            if place.entry.step_up:
                text.append(" (step up)")
        if self.step_up and not any(p.entry.kind == "new" for _, p in mine):
            text.append(" · your next new point steps up")
        return text

    @staticmethod
    def vote(meeting: Meeting, me: str) -> Text | None:
        check = open_check(meeting)
        if check is None:
            return None
        mine = check.votes.get(me.casefold())
        text = Text.assemble((f"Check {check.id}: ", "bold"), check.question, " · your vote: ")
        if mine is None:
            text.append("none yet", style="italic")
        else:
            meaning = check.meaning(mine[1])
            text.append(f"{mine[1]} {meaning}".strip(), style="bold")
        return text

    def show(self, meeting: Meeting, now: float) -> None:
        shown = (self.hands(meeting, now), self.vote(meeting, self.me))
        if shown == self._shown:
            return
        self._shown = shown
        paint(self.query_one(".mine--hands", Static), shown[0])
        check = self.query_one(".mine--check", Static)
        check.display = shown[1] is not None
        paint(check, shown[1] or "")


class ParticipantScreen(ProjectorScreen):
    """The projector plus this person's own hands and vote; every key acts for them alone."""

    # Textual types CSS_PATH as an instance attribute, so no ClassVar (mypy would refuse it).
    CSS_PATH = [*ProjectorScreen.CSS_PATH, Path(__file__).with_name("participant.tcss")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(key, f"hand('{kind}')", SHORT[kind], tooltip=f"Raise or lower your {KIND_LABELS[kind]}")
            for kind, key in HAND_KEYS.items()
        ),
        Binding("s", "step_up", "step up", tooltip="Mark your next new point: step up (goes first in step-up mode)"),
        Binding("u", "undo", "undo", tooltip="Undo your latest action from this terminal"),
        Binding("q", "app.quit", "quit", tooltip="Leave"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        if session.actor.participant is None:
            raise ValueError("a participant's screen needs a participant's session")
        self.me: str = session.actor.participant

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Mine(self.me, id="mine")
        yield KeyBar(id="keys")

    def parts(self) -> list[Shows]:
        return [*super().parts(), self.query_one(Mine)]

    def repaint(self) -> None:
        super().repaint()
        self.query_one(KeyBar).show(self.key_labels())

    # ---- keys ---------------------------------------------------------------------------

    def waiting(self, kind: str) -> bool:
        return self.session.meeting.waiting_entry(self.me, kind) is not None

    def key_labels(self) -> list[KeyLabel]:
        meeting = self.session.meeting
        mine = self.query_one(Mine)
        descriptions = {f"hand('{k}')": f"lower {SHORT[k]}" for k in KINDS if self.waiting(k)}
        descriptions["step_up"] = "step up: on" if mine.step_up else "step up: off"
        labels = labels_for([b for b in self.BINDINGS if isinstance(b, Binding)], descriptions)
        check = open_check(meeting)
        if check is not None:
            votes = [
                KeyLabel(key, key, check.meaning(option) or f"vote {option}")
                for option, key in vote_keys(check).items()
            ]
            labels = labels[:-1] + votes + labels[-1:]
        return labels

    def act(self, action: str, /, *, say: bool = False, **args: Any) -> bool:
        """Do it for this person, as on every meeting screen, but quiet by default: what happened
        shows in their own part, so no notification covers it."""
        return super().act(action, say=say, **args)

    def action_hand(self, kind: str) -> None:
        if self.waiting(kind):
            self.act("lower", name=self.me, kind=kind)
            return
        mine = self.query_one(Mine)
        step_up = mine.step_up and kind == "new"
        if self.act("hand", name=self.me, kind=kind, step_up=step_up) and step_up:
            mine.step_up = False  # the mark belongs to that request only
            self.repaint()

    def action_step_up(self) -> None:
        if self.waiting("new"):
            self.notify(
                "your new point is already on the stack: the step-up mark is chosen when you raise it "
                "(lower it with n, press s, raise it again)",
                severity="warning",
                markup=False,
            )
            return
        mine = self.query_one(Mine)
        mine.step_up = not mine.step_up
        self.repaint()

    def action_undo(self) -> None:
        self.act("undo", scope="terminal", say=True)

    def on_key(self, event: events.Key) -> None:
        check = open_check(self.session.meeting)
        if check is None:
            return
        for option, key in vote_keys(check).items():
            if event.key == key:
                event.stop()
                self.act("check_vote", name=self.me, option=option)
                return


class ParticipantApp(FacilitatorApp):
    """The app on one meeting as one participant: starts on their own screen."""

    def __init__(self, root: Path, meeting: Path, name: str, clock: Clock | None = None, poll: float = 0.1) -> None:
        super().__init__(
            root, start="participant", meeting=meeting, actor=Actor.from_os(participant=name), clock=clock, poll=poll
        )

    def get_default_screen(self) -> Screen[None]:
        assert self.meeting_path is not None
        session = self.session_for(self.meeting_path)
        known = session.meeting.person(self.actor.participant or "")
        if known:  # recorded as the assembly knows them, whatever the case typed
            session.actor = dataclasses.replace(session.actor, participant=known)
        return ParticipantScreen(session)


def run_participant(root: Path, meeting: Path, name: str) -> None:
    ParticipantApp(root, meeting, name).run()
