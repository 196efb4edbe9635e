"""The app factory: one App used by the CLI, by the tests and by `textual run`."""

from __future__ import annotations

import gc
import os
import select
import sys
from pathlib import Path, PurePath

from textual.app import App
from textual.notifications import SeverityLevel
from textual.screen import Screen

from facilitator.clock import Clock
from facilitator.meeting.events import Actor
from facilitator.meeting.text import shown
from facilitator.session import Session

SETTLE = 1.0  # seconds after the first frame
FULL_PASS_EVERY = 30.0  # seconds between the collector's full passes, once settled
NO_AUTOMATIC_FULL_PASS = 1_000_000  # gen2 threshold: full passes only when the app runs them


class FacilitatorApp(App[None]):
    """Starts on the home screen, the operator screen or the projector view.

    `clock` is injected so tests can freeze time; `poll` is how often screens look for other
    terminals' writes (seconds).
    """

    TITLE = "Facilitator"
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        root: Path,
        start: str = "home",
        meeting: Path | None = None,
        actor: Actor | None = None,
        clock: Clock | None = None,
        poll: float = 0.1,
        session: Session | None = None,
    ) -> None:
        super().__init__(css_path=first_screen_css(start, meeting))
        self._opened = session  # already opened by the CLI (it checked the file): not read twice
        self.root = root
        self.start = start
        self.meeting_path = meeting
        self.actor = actor or Actor.from_os()
        self.clock = clock
        self.poll = poll
        self._collector_threshold: tuple[int, int, int] | None = None  # as it was before settling

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        # A notification may quote what someone typed (a refused name, a path): its control
        # characters are shown as \x1b, never sent to the terminal.
        super().notify(shown(message), title=shown(title), severity=severity, timeout=timeout, markup=markup)

    def get_default_screen(self) -> Screen[None]:
        """The first screen is the app's default screen, so that it is composed, styled and drawn
        once (pushed over Textual's own default screen, it cost a second pass of all three)."""
        if self.start == "operator" and self.meeting_path is not None:
            from screens.operator.operator import OperatorScreen

            return OperatorScreen(self.session_for(self.meeting_path))
        if self.start == "projector" and self.meeting_path is not None:
            from screens.projector.projector import ProjectorScreen

            return ProjectorScreen(self.session_for(self.meeting_path))
        from screens.home import HomeScreen

        return HomeScreen(self.root)

    def on_mount(self) -> None:
        self.set_timer(SETTLE, self.settle)
        if not self.is_headless:
            self.set_interval(1.0, self.watch_terminal)

    def watch_terminal(self) -> None:
        """Leave when the terminal is gone (an SSH link dropped, a tmux server killed): without
        a SIGHUP, as under `make run`, Textual's input thread would spin on an endless EOF, and
        a normal exit can hang restoring a terminal that no longer exists. Every action is
        already on disk (fsync'd in the journal); the next terminal to open it checkpoints."""
        if terminal_hung_up():
            os._exit(0)

    def settle(self) -> None:
        """Once the first screen is up, take what exists out of the garbage collector's full
        passes: with Textual's widgets and a long meeting loaded, a full pass took ~40 ms, a
        visible hitch in the countdown every few seconds."""
        gc.freeze()
        self._collector_threshold = young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, NO_AUTOMATIC_FULL_PASS)
        gc.enable()  # the CLI runs without it until here (facilitator/cli.py)
        self.set_interval(FULL_PASS_EVERY, self.full_pass)

    def full_pass(self) -> None:
        """The collector's full pass, run when the app is next idle: left to itself it runs
        inside whatever allocation tips it over, often a frame, which it made 5-18 ms longer in
        a long meeting (the young generations are still collected as usual)."""
        self.call_after_refresh(gc.collect)

    def on_unmount(self) -> None:
        if self._collector_threshold is not None:
            gc.set_threshold(*self._collector_threshold)  # another app in this process (the tests) starts afresh

    def session_for(self, path: Path, actor: Actor | None = None) -> Session:
        opened, self._opened = self._opened, None
        if opened is not None and opened.store.path == path and actor is None:
            return opened
        return Session.open(path, actor or self.actor, self.clock)

    def open_operator(self, path: Path) -> None:
        from screens.operator.operator import OperatorScreen

        self.push_screen(OperatorScreen(self.session_for(path)))

    def open_projector(self, path: Path) -> None:
        from screens.projector.projector import ProjectorScreen

        self.push_screen(ProjectorScreen(self.session_for(path)))


def first_screen_css(start: str, meeting: Path | None) -> list[str | PurePath]:
    """The style sheets of the screen the app starts on (its CSS_PATH), read with the app's own:
    the app reads its sheets after that screen is pushed, and keeps only those it was given."""
    here = Path(__file__).parent
    if meeting is not None and start in ("operator", "projector"):
        return [here / start / f"{start}.tcss", here / start / f"{start}_business.tcss"]
    if start == "participant":
        wall = here / "projector"
        return [wall / "projector.tcss", wall / "projector_business.tcss", wall / "participant.tcss"]
    return [here / "home.tcss"]


def terminal_hung_up() -> bool:
    """Whether our terminal hung up, asked without reading any of its input."""
    try:
        watcher = select.poll()
        watcher.register(sys.stdin.fileno(), 0)  # no events asked for: hang-ups and errors still show
        return any(flags & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _, flags in watcher.poll(0))
    except (OSError, ValueError):
        return True


def run_home(root: Path) -> None:
    FacilitatorApp(root).run()


def run_operator(root: Path, meeting: Path, actor: Actor, session: Session | None = None) -> None:
    FacilitatorApp(root, start="operator", meeting=meeting, actor=actor, session=session).run()


def run_projector(root: Path, meeting: Path, session: Session | None = None) -> None:
    FacilitatorApp(root, start="projector", meeting=meeting, session=session).run()
