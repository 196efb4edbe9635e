"""The temperature check screen: count hands in the room one key press at a time, watch the bars
grow live (participants' own votes arrive from their terminals and are drawn apart), close it.

Keys: the number row counts one more hand for an option (1, 2, 3... or, for fist-to-five, the
option's own number), the letter under it takes one back (q, w, e...); `s` starts a check,
`c` closes it, `u` undoes (ctrl+z while `u` counts). The operator opens it with
`app.push_screen(TemperatureCheckScreen(session))` (plugged into the operator screen's keys, and
`t` on the proposal and final-test screens, as on the operator's); Esc goes back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from facilitator.meeting.proposal_commands import over_present
from facilitator.meeting.proposals import SCALES, TemperatureCheck
from facilitator.session import Session
from screens.business.proposal_widgets import CheckBars
from screens.widgets.form import Form
from screens.widgets.keybar import KeyBar, KeyLabel, labels_for
from screens.widgets.meeting_screen import BACK_KEY, UNDO_KEYS, MeetingScreen
from screens.widgets.palette import Providers, ScreenKeys
from screens.widgets.speaker_strip import SpeakerStrip

ADD_ROW, TAKE_ROW = "1234567890", "qwertyuiop"  # a letter sits under its number on the keyboard


def option_keys(options: list[str]) -> list[tuple[str, str]]:
    """(add one, take one back) for each option, in order."""
    if all(len(o) == 1 and o.isdigit() for o in options):  # fist-to-five: press the number shown
        columns = [ADD_ROW.index(o) for o in options]
    else:
        columns = list(range(min(len(options), len(ADD_ROW))))
    return [(ADD_ROW[c], TAKE_ROW[c]) for c in columns]


# submit(scale, question, about) starts the check and says whether the form can close
StartSubmit = Callable[[str, str, str], bool]


class StartCheck(Form[None]):
    """The scale (or labels), the question, and what the check is about."""

    DEFAULT_CSS = "StartCheck > Vertical { width: 76; }"

    def __init__(self, submit: StartSubmit, about: str = "") -> None:
        super().__init__()
        self.submit = submit
        self.about = about

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Temperature check"), classes="form--title")
            yield Input(value="twinkles", placeholder=" | ".join(SCALES) + " | labels,separated,by,commas", id="scale")
            yield Input(placeholder="the question (optional)", id="question")
            yield Input(
                value=self.about, placeholder="about: a proposal (P1) or an amendment (P1-A1), optional", id="about"
            )
            yield Static(
                Text(f"scales: {', '.join(SCALES)}, or your own labels · Enter on the last line starts"),
                classes="form--hint",
            )
            with Horizontal():
                yield Button("Start", id="go", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "about":
            self._start()
        else:
            self.focus_next()

    @on(Button.Pressed, "#go")
    def _start(self) -> None:
        values = [self.query_one(f"#{name}", Input).value for name in ("scale", "question", "about")]
        if self.submit(*values):
            self.dismiss()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss()


class CheckKeys(ScreenKeys):
    """The palette lists the counting keys of the open check too."""

    def commands(self) -> list[tuple[str, str, str]]:
        found = super().commands()
        screen = self.screen
        if isinstance(screen, TemperatureCheckScreen) and screen.check is not None and screen.check.open:
            for index, (option, (add, take)) in enumerate(zip(screen.check.options, screen.keys, strict=False)):
                found.append((f"Count one more hand for {option}", add, f"count({index}, 1)"))
                found.append((f"Take back one hand from {option}", take, f"count({index}, -1)"))
        return found


class TemperatureCheckScreen(MeetingScreen):
    COMMANDS: ClassVar[Providers] = {CheckKeys}
    DEFAULT_CSS = """
    TemperatureCheckScreen { layout: vertical; }
    TemperatureCheckScreen #heading { height: auto; padding: 0 1; background: $panel; }
    TemperatureCheckScreen #bars-box {
        height: 1fr; border: round $primary 60%; border-title-style: bold; padding: 0 1;
    }
    TemperatureCheckScreen #hint { color: $text-muted; padding: 0 1; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "start", "start", tooltip="Start a temperature check"),
        Binding("c", "close", "close", tooltip="Close the open temperature check"),
        *UNDO_KEYS,
        BACK_KEY,
    ]

    def __init__(self, session: Session, about: str | None = None) -> None:
        super().__init__(session)
        self.about = about or ""
        self.check: TemperatureCheck | None = None
        self.keys: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield SpeakerStrip()
        yield Static(id="heading")
        with Vertical(id="bars-box"):
            yield CheckBars(id="bars")
        yield Static(id="hint")
        yield KeyBar(id="keys")

    def show_meeting(self) -> None:
        checks = self.session.meeting.checks
        self.check = next((c for c in reversed(checks) if c.open), checks[-1] if checks else None)
        check = self.check
        self.keys = option_keys(check.options) if check is not None and check.open else []
        box = self.query_one("#bars-box")
        heading = self.query_one("#heading", Static)
        hint = self.query_one("#hint", Static)
        labels = labels_for([b for b in self.BINDINGS if isinstance(b, Binding)])
        if check is None or not check.open:
            heading.update(Text("No temperature check is open: s starts one", style="bold"))
            box.border_title = f"Check {check.id} (closed)" if check else "Temperature check"
            hint.update(Text(""))
            self.query_one(CheckBars).show(check)
            self.query_one(KeyBar).show(labels)
            return
        about = f"  ·  about {check.about}" if check.about else ""
        heading.update(Text.assemble(("Temperature check ", "bold"), (str(check.id), "bold"), about))
        # more hands than people present cannot be right: said on screen, as in the command's output
        box.border_title = f"{check.total} in all{over_present(check.total, len(self.session.meeting.present))}"
        adds = "".join(a for a, _ in self.keys)
        takes = "".join(t for _, t in self.keys)
        hint.update(Text(f"{' '.join(adds)}: one more hand in the room · {' '.join(takes)}: take one back"))
        keys = {option: f"{a}/{t}" for option, (a, t) in zip(check.options, self.keys, strict=False)}
        self.query_one(CheckBars).show(check, keys)
        counting = [
            KeyLabel(a, f"{a}/{t}", check.meaning(option) or option)
            for option, (a, t) in zip(check.options, self.keys, strict=False)
        ]
        if "u" in takes:  # u takes a hand back from the 7th option: undo is ctrl+z here
            labels = [KeyLabel("ctrl+z", "ctrl+z", "undo") if k.key == "u" else k for k in labels]
        self.query_one(KeyBar).show(counting + labels)

    def on_key(self, event: events.Key) -> None:
        if not self.keys and event.key in ADD_ROW + TAKE_ROW and event.key != "u":  # u: undo
            event.stop()
            self.notify("no temperature check is open: s starts one", severity="error", markup=False)
            return
        for index, (add, take) in enumerate(self.keys):
            if event.key in (add, take):
                event.stop()
                event.prevent_default()
                self.action_count(index, 1 if event.key == add else -1)
                return

    def action_count(self, index: int, step: int) -> None:
        check = self.check
        if check is None or not check.open:
            self.notify("no temperature check is open: s starts one", severity="error", markup=False)
            return
        self.act("check_count", say=False, option=check.options[index], add=step)

    def action_start(self) -> None:
        def submit(scale: str, question: str, about: str) -> bool:
            return self.act(
                "check_start", scale=scale or "twinkles", question=question or None, about=about.strip() or None
            )

        self.app.push_screen(StartCheck(submit, self.about))

    def action_close(self) -> None:
        self.act("check_close")
