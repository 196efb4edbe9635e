"""Widgets for proposals, temperature checks and decisions, shared by the operator screen, the
projector and the proposal, check and final-test screens.

- ProposalText: a proposal's text at one version, or the word diff between two versions. Removed
  words are [-struck-] and added words [+underlined+]: the brackets carry the meaning without colour.
- CheckBars: a temperature check's options with their counts as bars; room counts (█) and votes
  from participants' own terminals (▒) are drawn apart and added up.
- Outcome: a decision (or what the counts would give now) with its arithmetic.

Each has `show(...)`; the screen that holds the meeting calls it with what to show (attributes
down). For the operator screen and the projector, ProposalInPlay and OpenCheck take the whole
meeting, `show(meeting, now)`, pick what is in play and hide themselves when nothing is.
User text is always shown literally (rich Text, never markup).
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from facilitator.meeting.decision_rules import Result
from facilitator.meeting.proposals import AGREE, BLOCK, STAND_ASIDE, Decision, FinalTest, Proposal, TemperatureCheck
from facilitator.meeting.settings import role_label
from facilitator.meeting.state import Meeting
from facilitator.meeting.wording import ADDED, REMOVED, Piece, spaced, word_diff
from facilitator.minutes.proposals import fallback_question
from screens.business.in_play_now import open_check, proposal_in_play
from screens.widgets.paint import paint

REMOVED_STYLE = Style(color="red", strike=True)
ADDED_STYLE = Style(color="green", bold=True, underline=True)


def diff_text(pieces: list[Piece]) -> Text:
    """The diff as rich Text: marks [- -] and [+ +] around the changed words, plus strike/underline."""
    text = Text()
    for piece in pieces:
        if piece.kind not in (REMOVED, ADDED):
            text.append(piece.text)
            continue
        lead, core, trail = spaced(piece.text)
        sign, style = ("-", REMOVED_STYLE) if piece.kind == REMOVED else ("+", ADDED_STYLE)
        text.append(lead)
        text.append(f"[{sign}{core or piece.text}{sign}]", style)
        text.append(trail)
    return text


def diff_legend() -> Text:
    return Text.assemble(
        ("[-removed-]", REMOVED_STYLE), " ", ("[+added+]", ADDED_STYLE), (" (marks, not only colour)", "dim")
    )


class ProposalText(Static):
    """A proposal's text at `version` (default: current), or what changed since `against`."""

    DEFAULT_CSS = """
    ProposalText { height: auto; width: 100%; }
    """

    def show(self, proposal: Proposal | None, version: int | None = None, against: int | None = None) -> None:
        if proposal is None:
            paint(self, Text("no proposal", style="italic"))
            return
        version = version if version and 1 <= version <= proposal.version else proposal.version
        text = Text()
        if against is not None and 1 <= against <= proposal.version and against != version:
            text.append(f"v{against} → v{version}  ", style="bold")
            text.append_text(diff_legend())
            text.append("\n")
            text.append_text(diff_text(word_diff(proposal.text_at(against), proposal.text_at(version))))
        else:
            text.append(f"v{version}", style="bold")
            if version != proposal.version:
                text.append(f" (current: v{proposal.version})", style="dim")
            text.append("\n")
            text.append(proposal.text_at(version))
        paint(self, text)


class CheckBars(Widget):
    """A temperature check as bars: one row per option, room counts and terminal votes apart."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "checkbars--room",
        "checkbars--terminal",
        "checkbars--label",
        "checkbars--key",
        "checkbars--heading",
    }
    DEFAULT_CSS = """
    CheckBars { height: auto; width: 100%; }
    CheckBars > .checkbars--room { color: $primary; }
    CheckBars > .checkbars--terminal { color: $secondary; }
    CheckBars > .checkbars--label { text-style: bold; }
    CheckBars > .checkbars--key { color: $text-muted; }
    CheckBars > .checkbars--heading { text-style: bold; }
    """

    ROOM, TERMINAL = "█", "▒"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.check: TemperatureCheck | None = None
        self.keys: dict[str, str] = {}
        self._shown: object = ()

    def show(self, check: TemperatureCheck | None, keys: dict[str, str] | None = None) -> None:
        """`keys`: what to press for each option (shown before it), e.g. {"up": "1/q"}."""
        shown = (
            None
            if check is None
            else (check.id, check.question, tuple(check.options), check.room_counts(), check.terminal())
        )
        keys = dict(keys or {})
        if shown == self._shown and keys == self.keys:
            return  # repainted several times a second: only a change is worth a new layout
        self.check, self.keys, self._shown = check, keys, shown
        self.refresh(layout=True)

    def label(self, option: str) -> str:
        assert self.check is not None
        meaning = self.check.meaning(option)
        return f"{option} {meaning}" if meaning else option

    def render(self) -> Text:
        check = self.check
        if check is None:
            return Text("no temperature check open", style="italic")
        heading = self.get_component_rich_style("checkbars--heading")
        room_style = self.get_component_rich_style("checkbars--room")
        terminal_style = self.get_component_rich_style("checkbars--terminal")
        label_style = self.get_component_rich_style("checkbars--label")
        key_style = self.get_component_rich_style("checkbars--key")
        room, terminal, together = check.room_counts(), check.terminal(), check.together()
        state = "open" if check.open else "closed"
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"Check {check.id} · {check.scale} · {state} · {check.total} in all\n", heading)
        text.append(check.question)
        text.append("\n")
        both = any(room.values()) and any(terminal.values())
        key_width = max((len(k) for k in self.keys.values()), default=0)
        label_width = max(len(self.label(o)) for o in check.options)
        numbers = {o: self._numbers(room[o], terminal[o], together[o], both) for o in check.options}
        number_width = max(len(n) for n in numbers.values())
        width = max(1, self.content_size.width)
        used = (key_width + 1 if key_width else 0) + label_width + 1 + 1 + number_width
        bar_width = max(1, width - used)
        top = max(together.values()) or 1
        for option in check.options:
            if key_width:
                text.append(self.keys.get(option, "").ljust(key_width) + " ", key_style)
            text.append(self.label(option).ljust(label_width) + " ", label_style)
            whole = round(together[option] * bar_width / top)
            room_cells = round(room[option] * bar_width / top)
            room_cells = min(room_cells, whole)
            text.append(self.ROOM * room_cells, room_style)
            text.append(self.TERMINAL * (whole - room_cells), terminal_style)
            text.append(" " * (bar_width - whole) + " ")
            text.append(numbers[option].rjust(number_width))
            text.append("\n")
        text.append(self.ROOM, room_style)
        text.append(" counted in the room  ")
        text.append(self.TERMINAL, terminal_style)
        text.append(" own terminals")
        if both:
            text.append("  (room + terminals = all)")
        return text

    @staticmethod
    def _numbers(room: int, terminal: int, together: int, both: bool) -> str:
        return f"{room} + {terminal} = {together}" if both else str(together)


OUTCOME_MARKS = {
    "passed": "✓ PASSED",
    "failed": "✗ FAILED",
    "blocked": "✗ BLOCKED",
    "tabled": "… TABLED",
    "withdrawn": "← WITHDRAWN",
}


class Outcome(Static):
    """A decision with its arithmetic, or (before it is recorded) what the counts give now."""

    DEFAULT_CSS = """
    Outcome { height: auto; width: 100%; }
    Outcome.-passed { color: $success; }
    Outcome.-failed, Outcome.-blocked { color: $error; }
    Outcome.-tabled, Outcome.-withdrawn { color: $warning; }
    """

    def _mark(self, outcome: str | None) -> None:
        for name in OUTCOME_MARKS:
            self.set_class(outcome == name, f"-{name}")

    def show_decision(self, decision: Decision | None, review: bool = True) -> None:
        """The decision in words; `review`: with its review date (the final test shows its own)."""
        if decision is None:
            self._mark(None)
            paint(self, Text("not decided yet", style="italic"))
            return
        self._mark(decision.outcome)
        text = Text()
        text.append(OUTCOME_MARKS.get(decision.outcome, decision.outcome.upper()), style="bold reverse")
        text.append("  ")
        text.append(decision.label, style="bold")
        text.append("\n")
        if len(decision.stages) > 1:
            first = decision.stages[0]
            text.append(f"{first.rule}: {first.arithmetic}\nfallback, {decision.rule}: ")
        text.append(decision.arithmetic)
        if decision.reason:
            text.append(f"\nreason: {decision.reason}")
        question = fallback_question(decision)
        if question:
            text.append(f"\n{question} (d)", style="bold")
        rule = f"rule {decision.rule} · " if decision.rule else ""
        by = f" · recorded by the {role_label(decision.by_role).casefold()}" if decision.by_role else ""
        text.append(f"\n{rule}v{decision.version}{by}", style="dim")
        if review and decision.review:
            text.append(f"\nto be reviewed by {decision.review}")
        paint(self, text)

    def show_preview(self, rule: str, result: Result) -> None:
        self._mark(result.outcome)
        text = Text()
        text.append("if decided now: ", style="dim")
        text.append(OUTCOME_MARKS.get(result.outcome, result.outcome.upper()), style="bold")
        text.append(f"  (rule {rule})\n")
        text.append(result.arithmetic)
        paint(self, text)

    def show_problem(self, message: str) -> None:
        self._mark(None)
        paint(self, Text(message, style="italic"))


# ---- whole-meeting parts for the operator screen and the projector ------------------------


def running_count(test: FinalTest) -> Text:
    """The final test as the room follows it: blocks, stand-asides, agreement so far."""
    asking = {BLOCK: "any blocks?", STAND_ASIDE: "any stand-asides?", AGREE: "who agrees?"}[test.stage]
    return Text.assemble(
        f"final test: {test.total(BLOCK)} blocking · {test.total(STAND_ASIDE)} standing aside · ",
        f"{test.total(AGREE)} agreeing",
        (f"  (asking: {asking})", "not bold"),
    )


class ProposalInPlay(Vertical):
    """The proposal in play: title, text with what changed since v1, pending amendments, outcome."""

    DEFAULT_CSS = """
    ProposalInPlay { height: auto; }
    ProposalInPlay .inplay--title { text-style: bold; }
    ProposalInPlay .inplay--pending { color: $text-muted; }
    ProposalInPlay .inplay--count { text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        yield Static(classes="inplay--title")
        yield ProposalText()
        yield Static(classes="inplay--pending")
        yield Static(classes="inplay--count")
        yield Outcome()

    def show(self, meeting: Meeting, now: float) -> None:
        proposal = proposal_in_play(meeting)
        self.display = proposal is not None
        if proposal is None:
            return
        state = {"testing": "final test", "open": "open"}.get(proposal.status, proposal.status)
        self.query_one(".inplay--title", Static).update(
            Text.assemble(f"{proposal.id} v{proposal.version}: ", proposal.title, f"  ({state})")
        )
        self.query_one(ProposalText).show(proposal, against=1 if proposal.version > 1 else None)
        pending = self.query_one(".inplay--pending", Static)
        waiting = proposal.pending()
        pending.display = bool(waiting)
        lines = Text("pending amendments:")
        for amendment in waiting:
            lines.append(f"\n{amendment.id} by ")
            lines.append(amendment.by)
            lines.append(": ")
            if amendment.replace is None:
                lines.append("a new text")
            else:
                lines.append_text(diff_text(word_diff(amendment.replace, amendment.with_text)))
        paint(pending, lines)
        count = self.query_one(".inplay--count", Static)
        test = proposal.test if proposal.status == "testing" else None
        count.display = test is not None
        if test is not None:
            paint(count, running_count(test))
        outcome = self.query_one(Outcome)
        outcome.display = proposal.decision is not None
        outcome.show_decision(proposal.decision)


class OpenCheck(Vertical):
    """The open temperature check as bars; hidden when none is open."""

    DEFAULT_CSS = """
    OpenCheck { height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield CheckBars()

    def show(self, meeting: Meeting, now: float) -> None:
        check = open_check(meeting)
        self.display = check is not None
        self.query_one(CheckBars).show(check)
