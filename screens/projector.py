"""The projector view, read-only. (Placeholder: being built.)"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header

from facilitator.session import Session
from screens.countdown import Countdown


class ProjectorScreen(Screen[None]):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header()
        yield Countdown()
        yield Footer()
