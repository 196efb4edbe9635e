"""The final-test screen: the text being tested, blocks with their reasons, stand-asides,
agreement (named or counted), the rule, the arithmetic the counts give, and the outcome once
confirmed. The questions go in the order PROCESS.md 6.2 asks them: blocks, stand-asides, agreement.

The operator opens it with `app.push_screen(FinalTestScreen(session, "P1"))` (plugged into the
operator screen's keys, and `f` on the proposal screen); `f` here starts the test, `d` shows the
outcome and asks to confirm it, `t` takes the temperature of the room first (the keys mean
what they mean on the operator screen), `r` gives a passed proposal its review date (the day the
group looks at the agreement again); Esc goes back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from facilitator.errors import Refused
from facilitator.meeting.decision_rules import Counts, parse_rule
from facilitator.meeting.proposal_commands import over_present, weigh
from facilitator.meeting.proposals import AGREE, BLOCK, STAND_ASIDE, FinalTest, Position, Proposal
from facilitator.minutes.proposals import fallback_question
from facilitator.session import Session
from screens.business.proposal_widgets import Outcome, ProposalText
from screens.widgets.form import Form
from screens.widgets.keybar import KeyBar, labels_for
from screens.widgets.meeting_screen import BACK_KEY, UNDO_KEYS, MeetingScreen
from screens.widgets.name_field import NameInput, NameQuestion, People, arrive_first, show_question
from screens.widgets.paint import paint
from screens.widgets.palette import Providers, ScreenKeys
from screens.widgets.speaker_strip import SpeakerStrip

# submit(name, reason) records the position and says whether the form can close
PositionSubmit = Callable[[str, str], bool]


class PositionForm(Form[None]):
    """A named position: who, and why (required for a block). Agreement stays open for the next name."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "done")]

    def __init__(self, heading: str, people: People, submit: PositionSubmit, reason: str | None, again: bool) -> None:
        super().__init__()
        self.heading = heading
        self.people = people
        self.submit = submit
        self.reason = reason  # None: no reason asked
        self.again = again

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading), classes="form--title")
            yield NameInput(self.people, placeholder="name", id="name")
            yield NameQuestion(id="name-question")
            if self.reason is not None:
                yield Input(placeholder=self.reason, id="reason")
            more = " · the form stays open for the next name" if self.again else ""
            yield Static(Text(f"Enter records{more} · Esc closes"), classes="form--hint")

    @on(NameInput.Question)
    def _question(self, event: NameInput.Question) -> None:
        show_question(self, event)

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        name = self.query_one("#name", NameInput)
        if not name.check():  # a name that matches nobody: Enter again adds them, Tab takes the closest
            name.focus()
            return
        if event.input.id == "name" and self.reason is not None:
            self.focus_next()
            return
        reason = self.query_one("#reason", Input).value if self.reason is not None else ""
        if not self.submit(name.value, reason):
            return
        if not self.again:
            self.dismiss()
            return
        name.value = ""
        name.focus()


# submit({stance: count}) records the counts and says whether the form can close
CountSubmit = Callable[[dict[str, int]], bool]


class CountForm(Form[None]):
    """Positions counted without names: blocks (votes against), stand-asides, agreement."""

    LABELS: ClassVar[dict[str, str]] = {BLOCK: "blocks / against", STAND_ASIDE: "stand-asides", AGREE: "agree"}

    def __init__(self, heading: str, counted: dict[str, int], submit: CountSubmit) -> None:
        super().__init__()
        self.heading = heading
        self.counted = counted
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading), classes="form--title")
            for stance, label in self.LABELS.items():
                yield Static(Text(f"{label}, counted without names"), classes="form--hint")
                yield Input(value=str(self.counted.get(stance, 0)), type="integer", id=stance)
            yield Static(Text("Enter on the last line records · Esc cancels"), classes="form--hint")

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id != AGREE:
            self.focus_next()
            return
        counts: dict[str, int] = {}
        for stance in self.LABELS:
            raw = self.query_one(f"#{stance}", Input).value.strip() or "0"
            if not raw.lstrip("-").isdigit():
                self.notify(f"type a number for {self.LABELS[stance]}", severity="error", markup=False)
                return
            counts[stance] = int(raw)
        if self.submit(counts):
            self.dismiss()


class ConfirmDecision(Form[bool]):
    """The outcome the counts give, with its arithmetic: y records it, Esc goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm", "record it"),
        Binding("enter", "confirm", "record it", show=False),
        Binding("n", "cancel", "not yet", show=False),
        Binding("escape", "cancel", "not yet"),
    ]

    def __init__(self, heading: str, outcome: Outcome) -> None:
        super().__init__()
        self.heading = heading
        self.preview = outcome

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading), classes="form--title")
            yield self.preview
            with Horizontal():
                yield Button("Record it (y)", id="yes", variant="primary")
                yield Button("Not yet (n)", id="no")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class ReviewDate(Form[None]):
    """The day a passed proposal is due for review: YYYY-MM-DD. A refused date keeps the form
    open (the refusal is said in one line); Esc leaves the date as it was."""

    def __init__(self, heading: str, current: str | None, submit: Callable[[str], bool]) -> None:
        super().__init__()
        self.heading = heading
        self.current = current
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading), classes="form--title")
            yield Input(value=self.current or "", placeholder="YYYY-MM-DD", id="review")
            yield Static(Text("Enter records it · Esc leaves it as it was"), classes="form--hint")

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        if self.submit(event.value):
            self.dismiss()


class OtherOutcome(Form[None]):
    """An outcome reached without counts: tabled or withdrawn, with a reason."""

    def __init__(self, heading: str, submit: Callable[[str, str], bool]) -> None:
        super().__init__()
        self.heading = heading
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading), classes="form--title")
            yield Input(placeholder="reason (optional)", id="reason")
            with Horizontal():
                yield Button("Tabled", id="tabled", variant="warning")
                yield Button("Withdrawn", id="withdrawn")
                yield Button("Cancel (Esc)", id="cancel")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id in ("tabled", "withdrawn"):
            if self.submit(event.button.id, self.query_one("#reason", Input).value):
                self.dismiss()
        else:
            self.dismiss()


QUESTIONS = ((BLOCK, "Any blocks?"), (STAND_ASIDE, "Any stand-asides?"), (AGREE, "Who agrees?"))


def column(test: FinalTest | None, stance: str, vote: bool) -> Text:
    """One position's people (with reasons) and its count without names."""
    text = Text()
    if test is None:
        return Text("—", style="dim")
    for position in test.names(stance):
        text.append("• ")
        text.append(position.name, style="bold")
        if position.reason:
            text.append(": " if stance == BLOCK else " (")
            text.append(position.reason)
            text.append("" if stance == BLOCK else ")")
        text.append("\n")
    counted = test.counted.get(stance, 0)
    if counted:
        word = "against" if stance == BLOCK and vote else "counted"
        text.append(f"+ {counted} {word} without names\n", style="italic")
    if not text.plain:
        text.append("none", style="dim")
    return text


class FinalTestScreen(MeetingScreen):
    COMMANDS: ClassVar[Providers] = {ScreenKeys}
    DEFAULT_CSS = """
    FinalTestScreen { layout: vertical; }
    FinalTestScreen #heading { height: auto; padding: 0 1; background: $panel; }
    FinalTestScreen #text-box, FinalTestScreen .stance, FinalTestScreen #outcome-box {
        border: round $primary 60%; border-title-style: bold; padding: 0 1;
    }
    FinalTestScreen #text-box { height: auto; max-height: 8; }
    FinalTestScreen #stances { height: 1fr; min-height: 5; }
    FinalTestScreen .stance { width: 1fr; height: 100%; }
    FinalTestScreen .stance.-asking { border: heavy $accent; }
    FinalTestScreen #outcome-box { height: auto; }
    FinalTestScreen #review { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "start", "start test", tooltip="Start the final test on the current version"),
        Binding("b", "block", "block", tooltip="Record a block and its reason"),
        Binding("s", "stand_aside", "stand aside", tooltip="Record someone standing aside"),
        Binding("a", "agree", "agree", tooltip="Record agreement by name"),
        Binding("k", "count", "counts", tooltip="Enter positions counted without names"),
        Binding(
            "d", "decide", "decide", tooltip="Show the outcome under the meeting's rule (or its fallback) and confirm"
        ),
        Binding("o", "other", "table/withdraw", tooltip="Record the proposal as tabled or withdrawn"),
        Binding("r", "review", "review date", tooltip="Set the date a passed proposal is due for review"),
        Binding("t", "check", "check", tooltip="Take the temperature of the room on this proposal"),
        *UNDO_KEYS,
        BACK_KEY,
    ]

    def __init__(self, session: Session, proposal_id: str) -> None:
        super().__init__(session)
        self.proposal_id = proposal_id.upper()

    @property
    def rule(self) -> str:
        """The rule a decision applies now: the meeting's own, or its fallback once that failed.
        No other can be chosen here (PROCESS.md 6.6): `decision-rule` changes it, on record."""
        proposal = self.proposal
        due = proposal.decision.fallback_due if proposal is not None and proposal.decision is not None else None
        return due or self.session.meeting.rule

    @property
    def proposal(self) -> Proposal | None:
        return self.session.meeting.proposals.get(self.proposal_id)

    def compose(self) -> ComposeResult:
        yield SpeakerStrip()
        yield Static(id="heading")
        with VerticalScroll(id="text-box"):
            yield ProposalText(id="text")
        with Horizontal(id="stances"):
            for stance, _ in QUESTIONS:
                with VerticalScroll(classes="stance", id=f"box-{stance}"):
                    yield Static(id=f"list-{stance}")
        with Vertical(id="outcome-box"):
            yield Outcome(id="outcome")
            yield Static(id="review")
        yield KeyBar(id="keys")

    # ---- what the screen shows -------------------------------------------------------------

    def counts(self, proposal: Proposal) -> Counts:
        test = proposal.test
        assert test is not None
        return Counts(
            agree=test.total(AGREE),
            block=test.total(BLOCK),
            stand_aside=test.total(STAND_ASIDE),
            present=len(self.session.meeting.present),
        )

    def show_meeting(self) -> None:
        meeting = self.session.meeting
        proposal = self.proposal
        heading = self.query_one("#heading", Static)
        outcome = self.query_one("#outcome", Outcome)
        self.query_one(KeyBar).show(labels_for([b for b in self.BINDINGS if isinstance(b, Binding)]))
        if proposal is None:
            heading.update(Text(f"There is no proposal {self.proposal_id} (any more)", style="bold"))
            outcome.show_problem("")
            self.show_review(None)
            return
        test = proposal.test if proposal.status == "testing" else None
        decision = proposal.decision
        quorum = meeting.quorum
        present = len(meeting.present)
        room = f"{present} present" + (
            f", quorum {quorum} ({'met' if present >= quorum else 'NOT met'})" if quorum else ""
        )
        line = Text.assemble(("Final test · ", "bold"), (f"{proposal.id} v{proposal.version} ", "bold"))
        line.append(proposal.title, style="bold")
        rule = decision.rule if decision and decision.rule else self.rule
        fallback = meeting.fallback_rule
        line.append(
            f"\nthe meeting's rule: {meeting.rule}" + (f", fallback {fallback}" if fallback else "") + f" · {room}"
        )
        if test is not None:  # more positions than people present cannot be right: said, not refused
            line.append(over_present(sum(test.total(s) for s, _ in QUESTIONS), present), style="bold")
        if decision is None and test is None:
            line.append(" · not started: f starts the final test", style="italic")
        elif test is not None:
            asking = dict(QUESTIONS)[test.stage]
            line.append(" · asking: ")
            line.append(asking, style="bold")
        heading.update(line)
        self.query_one("#text", ProposalText).show(proposal, version=test.version if test else None)
        self.query_one(
            "#text-box"
        ).border_title = f"The text being tested (v{test.version if test else proposal.version})"
        vote = parse_rule(rule).is_vote if _valid(rule) else False
        titles = {BLOCK: "Against" if vote else "Blocks", STAND_ASIDE: "Stand-asides", AGREE: "Agreement"}
        for number, (stance, _) in enumerate(QUESTIONS, start=1):
            box = self.query_one(f"#box-{stance}")
            total = test.total(stance) if test else (self._decided_total(proposal, stance))
            box.border_title = f"{number}. {titles[stance]}: {total}"
            box.set_class(test is not None and test.stage == stance, "-asking")
            self.query_one(f"#list-{stance}", Static).update(
                column(test, stance, vote) if test else self._decided_column(proposal, stance)
            )
        box = self.query_one("#outcome-box")
        self.show_review(proposal)
        if decision is not None:
            box.border_title = "Outcome"
            outcome.show_decision(decision, review=False)
        elif test is not None:
            box.border_title = "Outcome (d to confirm)"
            outcome.show_preview(
                self.rule,
                weigh(meeting, parse_rule(self.rule), self.counts(proposal)),
            )
        else:
            box.border_title = "Outcome"
            outcome.show_problem("the outcome shows here once the test has started")

    def show_review(self, proposal: Proposal | None) -> None:
        """Under a passed decision: when it is due for review, or that r sets the date."""
        review = self.query_one("#review", Static)
        decision = proposal.decision if proposal is not None else None
        passed = decision is not None and decision.outcome == "passed" and decision.fallback_due is None
        review.display = passed
        if decision is None or not passed:
            return
        if decision.review:
            line = Text.assemble(("To be reviewed by ", "bold"), (decision.review, "bold"), (" · r changes it", "dim"))
        else:
            line = Text("No review date · r sets the day the group looks at this agreement again", style="dim")
        paint(review, line)

    def _decided_total(self, proposal: Proposal, stance: str) -> int:
        decision = proposal.decision
        if decision is None:
            return 0
        return {BLOCK: decision.block, STAND_ASIDE: decision.stand_aside, AGREE: decision.agree}[stance]

    def _decided_column(self, proposal: Proposal, stance: str) -> Text:
        """After the decision the test is over: show what the decision recorded."""
        decision = proposal.decision
        if decision is None or not decision.counted:
            return Text("—", style="dim")
        test = FinalTest(version=decision.version, started_at=decision.at)
        for position in [*decision.blocks, *decision.stand_asides, *(Position(n, AGREE) for n in decision.agreeing)]:
            test.named[position.name.casefold()] = position
        test.counted = {s: self._decided_total(proposal, s) - len(test.names(s)) for s in (BLOCK, STAND_ASIDE, AGREE)}
        return column(test, stance, _valid(decision.rule) and parse_rule(decision.rule).is_vote)

    # ---- keys ------------------------------------------------------------------------------

    def _people(self) -> People:
        """Everyone the meeting knows, read afresh as the name is typed."""
        return People(lambda: self.session.meeting)

    def _arrived(self, name: str) -> bool:
        """A name that matches nobody was asked about once in the form: they arrive first."""
        return arrive_first(self.act, self.session.meeting, [name])

    def action_start(self) -> None:
        self.act("test", proposal=self.proposal_id)

    def action_check(self) -> None:
        """A temperature check on this proposal (or the one already open), as from the proposal screen."""
        from screens.business.check import TemperatureCheckScreen

        if any(c.open for c in self.session.meeting.checks) or self.act("check_start", about=self.proposal_id):
            self.app.push_screen(TemperatureCheckScreen(self.session))

    def action_block(self) -> None:
        def submit(name: str, reason: str) -> bool:
            return self._arrived(name) and self.act("block", proposal=self.proposal_id, name=name, reason=reason)

        self.app.push_screen(
            PositionForm(
                f"Block on {self.proposal_id}: who, and why?", self._people(), submit, "reason (required)", again=False
            )
        )

    def action_stand_aside(self) -> None:
        def submit(name: str, reason: str) -> bool:
            return self._arrived(name) and self.act("stand_aside", proposal=self.proposal_id, name=name, reason=reason)

        self.app.push_screen(
            PositionForm(
                f"Stands aside from {self.proposal_id}: who?", self._people(), submit, "reason (optional)", again=False
            )
        )

    def action_agree(self) -> None:
        def submit(name: str, reason: str) -> bool:
            return self._arrived(name) and self.act("agree", proposal=self.proposal_id, names=[name])

        self.app.push_screen(
            PositionForm(f"Agrees with {self.proposal_id}: who?", self._people(), submit, None, again=True)
        )

    def action_count(self) -> None:
        proposal = self.proposal
        counted = dict(proposal.test.counted) if proposal is not None and proposal.test is not None else {}

        def submit(counts: dict[str, int]) -> bool:
            for stance, count in counts.items():
                if counted.get(stance, 0) != count:
                    if not self.act(stance, proposal=self.proposal_id, count=count):
                        return False
                    counted[stance] = count
            return True

        self.app.push_screen(CountForm(f"Counted without names on {self.proposal_id}", counted, submit))

    def action_decide(self) -> None:
        proposal = self.proposal
        if proposal is not None and proposal.decision is not None and proposal.decision.fallback_due:
            self.offer_fallback()
            return
        if proposal is None or proposal.decision is not None or proposal.test is None:
            self.act("decide", proposal=self.proposal_id)  # refused, with the reason
            return
        meeting = self.session.meeting
        preview = Outcome()
        result = weigh(meeting, parse_rule(self.rule), self.counts(proposal))
        rule = self.rule

        def confirmed(yes: bool | None) -> None:
            if yes and self.act("decide", proposal=self.proposal_id, rule=rule):
                self.offer_fallback()  # the meeting's rule failed: its fallback is the next question

        self.app.push_screen(
            ConfirmDecision(f"Record the outcome of {proposal.id} v{proposal.version}?", preview), confirmed
        )
        preview.show_preview(rule, result)

    def offer_fallback(self) -> None:
        """ "Blocked by Ivan Petrov. Apply the fallback, 9/10 supermajority? y/n": the second
        stage of the same decision, previewed on the positions already stated."""
        proposal = self.proposal
        decision = proposal.decision if proposal is not None else None
        if decision is None or decision.fallback_due is None:
            return
        meeting = self.session.meeting
        fallback = decision.fallback_due
        counts = Counts(decision.agree, decision.block, decision.stand_aside, len(meeting.present))
        result = weigh(meeting, parse_rule(fallback), counts)
        preview = Outcome()

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.act("decide", proposal=self.proposal_id, rule=fallback)

        self.app.push_screen(ConfirmDecision(fallback_question(decision), preview), confirmed)
        preview.show_preview(fallback, result)

    def action_review(self) -> None:
        """The review date of a passed proposal; before the decision r records nothing (it
        would decide it), so it says why instead."""
        proposal = self.proposal
        decision = proposal.decision if proposal is not None else None
        if proposal is None or decision is None or decision.fallback_due is not None:
            self.notify(
                f"{self.proposal_id} is not decided yet: a review date is given once it has passed",
                severity="error",
                markup=False,
            )
            return

        def submit(date: str) -> bool:
            if not date.strip():
                self.notify("type the date as YYYY-MM-DD", severity="error", markup=False)
                return False
            return self.act("decide", proposal=self.proposal_id, review=date.strip())

        heading = f"{proposal.id} {proposal.title}: review by (YYYY-MM-DD)?"
        self.app.push_screen(ReviewDate(heading, decision.review, submit))

    def action_other(self) -> None:
        def submit(outcome: str, reason: str) -> bool:
            return self.act("decide", proposal=self.proposal_id, outcome=outcome, reason=reason)

        self.app.push_screen(OtherOutcome(f"{self.proposal_id}: tabled or withdrawn, without a count", submit))


def _valid(rule: str) -> bool:
    try:
        parse_rule(rule)
    except Refused:
        return False
    return True
