"""The proposal screen: its text, its versions, the word diff between any two, and its amendments
with their fate; keys to amend, accept (by the assembly or as friendly), reject and withdraw.

The operator opens it for the proposal in play (`app.push_screen(ProposalScreen(session, "P1"))`,
plugged into the operator screen's keys); Esc goes back. As on the operator screen, `f` opens
the final test and `t` a temperature check (about the selected amendment); `x` (reject) and `w`
(withdraw) ask first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Input, Static, TextArea

from facilitator.meeting.proposals import Amendment, Proposal
from facilitator.session import Session
from screens.business.proposal_widgets import ProposalText
from screens.widgets.form import Form
from screens.widgets.keybar import KeyBar, labels_for
from screens.widgets.meeting_screen import BACK_KEY, UNDO_KEYS, MeetingScreen
from screens.widgets.name_field import NameInput, NameQuestion, People, arrive_first, show_question
from screens.widgets.palette import Providers, ScreenKeys
from screens.widgets.speaker_strip import SpeakerStrip

# submit(by, replace, with_text) does the action and says whether the form can close
AmendSubmit = Callable[[str, str, str], bool]


class AmendForm(Form[None]):
    """Who amends, and either the passage to replace and its new wording, or a whole new text."""

    DEFAULT_CSS = """
    AmendForm > Vertical { width: 90; }
    AmendForm TextArea { height: 6; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "propose the amendment"),
    ]

    def __init__(self, heading: str, submit: AmendSubmit, people: People) -> None:
        super().__init__()
        self.heading = heading
        self.submit = submit
        self.people = people

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading), classes="form--title")
            yield NameInput(self.people, placeholder="who proposes it", id="by")
            yield NameQuestion(id="by-question")
            yield Input(placeholder="passage to replace (leave empty to give a whole new text)", id="replace")
            yield TextArea(id="with", soft_wrap=True, show_line_numbers=False)
            yield Static(
                Text("the new wording, or the whole new text · ctrl+s proposes · Esc cancels"), classes="form--hint"
            )
            with Horizontal():
                yield Button("Propose (ctrl+s)", id="go", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    @on(Button.Pressed, "#go")
    def _go(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "by" and not self.query_one("#by", NameInput).check():
            return  # asked about a name that matches nobody: Enter again adds them
        self.focus_next()

    @on(NameInput.Question)
    def _question(self, event: NameInput.Question) -> None:
        show_question(self, event)

    def action_submit(self) -> None:
        field = self.query_one("#by", NameInput)
        if not field.check():
            field.focus()
            return
        by = field.value
        replace = self.query_one("#replace", Input).value
        with_text = self.query_one("#with", TextArea).text
        if self.submit(by, replace, with_text):
            self.dismiss()


def change_of(amendment: Amendment) -> Text:
    if amendment.replace is None:
        return Text.assemble(("new text: ", "dim"), " ".join(amendment.with_text.split()))
    return Text.assemble(
        ("[-", "red"), " ".join(amendment.replace.split()), ("-]", "red"), " → ",
        ("[+", "green"), " ".join(amendment.with_text.split()), ("+]", "green"),
    )  # fmt: skip


class ProposalScreen(MeetingScreen):
    COMMANDS: ClassVar[Providers] = {ScreenKeys}
    DEFAULT_CSS = """
    ProposalScreen { layout: vertical; }
    ProposalScreen #heading { height: auto; padding: 0 1; background: $panel; }
    ProposalScreen #text-box, ProposalScreen #amendments-box {
        border: round $primary 60%; border-title-style: bold; padding: 0 1;
    }
    ProposalScreen #text-box { height: auto; max-height: 60%; }
    ProposalScreen #amendments-box { height: 1fr; min-height: 5; }
    ProposalScreen DataTable { height: auto; max-height: 100%; }
    ProposalScreen .none { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "amend", "amend", tooltip="Propose an amendment to this proposal"),
        Binding("y", "accept(False)", "accept", tooltip="Accept the selected amendment (by the assembly)"),
        Binding("h", "accept(True)", "friendly", tooltip="Accept the selected amendment as friendly"),
        Binding("x", "reject", "reject", tooltip="Reject the selected amendment"),
        Binding("w", "withdraw", "withdraw", tooltip="Withdraw the selected amendment (by its author)"),
        Binding(
            "left_square_bracket", "compare(-1)", "from -", key_display="[", tooltip="Compare from an earlier version"
        ),
        Binding(
            "right_square_bracket", "compare(1)", "from +", key_display="]", tooltip="Compare from a later version"
        ),
        Binding("v", "version", "version", tooltip="Show another version (cycles)"),
        Binding("d", "diff", "diff", tooltip="Show the word diff, or the plain text"),
        # t and f as on the operator screen: a temperature check, the final test
        Binding("t", "check", "check", tooltip="Take the temperature of the room on the selected amendment"),
        Binding("f", "final_test", "final test", tooltip="Open the final test of this proposal"),
        *UNDO_KEYS,
        BACK_KEY,
    ]

    def __init__(self, session: Session, proposal_id: str) -> None:
        super().__init__(session)
        self.proposal_id = proposal_id.upper()
        self.version: int | None = None  # None: the current version
        self.against: int | None = 1  # compare from this version; None: plain text
        self._amendment_ids: list[str] = []
        self._advance = False  # after settling an amendment, select the next pending one

    @property
    def proposal(self) -> Proposal | None:
        return self.session.meeting.proposals.get(self.proposal_id)

    def compose(self) -> ComposeResult:
        yield SpeakerStrip()
        yield Static(id="heading")
        with VerticalScroll(id="text-box"):
            yield ProposalText(id="text")
        with Vertical(id="amendments-box"):
            table: DataTable[Text] = DataTable(id="amendments", cursor_type="row", zebra_stripes=True)
            yield table
            yield Static(Text("no amendments yet: a proposes one"), classes="none", id="no-amendments")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:  # runs before MeetingScreen.on_mount (Textual calls both)
        table = self.query_one("#amendments", DataTable)
        table.add_columns("id", "by", "fate", "change")
        table.focus()

    # ---- what the screen shows -------------------------------------------------------------

    def shown_version(self, proposal: Proposal) -> int:
        return self.version if self.version and self.version <= proposal.version else proposal.version

    def show_meeting(self) -> None:
        proposal = self.proposal
        heading = self.query_one("#heading", Static)
        text = self.query_one("#text", ProposalText)
        self.query_one(KeyBar).show(labels_for([b for b in self.BINDINGS if isinstance(b, Binding)]))
        if proposal is None:
            heading.update(Text(f"There is no proposal {self.proposal_id} (any more)", style="bold"))
            text.show(None)
            return
        status = proposal.decision.label if proposal.decision else proposal.status
        line = Text.assemble((f"{proposal.id} ", "bold"), (proposal.title, "bold"), f"  ·  {status}")
        if proposal.presenters:
            line.append("  ·  presented by ")
            line.append(", ".join(proposal.presenters))
        heading.update(line)
        version = self.shown_version(proposal)
        against = self.against if self.against is not None and self.against < version else None
        text.show(proposal, version=version, against=against)
        box = self.query_one("#text-box")
        box.border_title = f"Text · v{version} of {proposal.version}" + (
            f" · changes since v{against}" if against else ""
        )
        self._show_amendments(proposal)

    def _show_amendments(self, proposal: Proposal) -> None:
        table = self.query_one("#amendments", DataTable)
        selected = self.selected_id()
        table.clear()
        self._amendment_ids = list(proposal.amendments)
        for amendment in proposal.amendments.values():
            table.add_row(
                Text(amendment.id), Text(amendment.by), Text(amendment.fate), change_of(amendment), key=amendment.id
            )
        pending = len(proposal.pending())
        self.query_one("#amendments-box").border_title = f"Amendments · {pending} pending"
        table.display = bool(self._amendment_ids)
        self.query_one("#no-amendments").display = not self._amendment_ids
        pending_ids = [a.id for a in proposal.pending()]
        ids = self._amendment_ids
        target = selected if selected in ids else None
        if pending_ids and (target is None or (self._advance and target not in pending_ids)):
            # just settled one here (or nothing chosen yet): on to the next pending amendment
            later = [i for i in pending_ids if target is None or ids.index(i) > ids.index(target)]
            target = (later or pending_ids)[0]
        if target is not None:
            table.move_cursor(row=ids.index(target))
        self._advance = False

    def selected_id(self) -> str | None:
        table = self.query_one("#amendments", DataTable)
        if not self._amendment_ids or not 0 <= table.cursor_row < len(self._amendment_ids):
            return None
        return self._amendment_ids[table.cursor_row]

    def _selected(self) -> str | None:
        chosen = self.selected_id()
        if chosen is None:
            self.notify("no amendment to choose: a proposes one", severity="error", markup=False)
        return chosen

    # ---- keys ------------------------------------------------------------------------------

    def action_amend(self) -> None:
        proposal = self.proposal
        if proposal is None:
            return

        def submit(by: str, replace: str, with_text: str) -> bool:
            # a name that matches nobody was asked about once: they arrive first
            if by.strip() and not arrive_first(self.act, self.session.meeting, [by]):
                return False
            if replace:
                return self.act("amend", proposal=self.proposal_id, by=by, replace=replace, with_text=with_text)
            return self.act("amend", proposal=self.proposal_id, by=by, text=with_text)

        heading = f"Amend {proposal.id} (v{proposal.version}): {proposal.title}"
        self.app.push_screen(AmendForm(heading, submit, People(lambda: self.session.meeting)))

    def action_accept(self, friendly: bool) -> None:
        chosen = self._selected()
        if chosen is not None:
            self._advance = True
            self.act("accept", amendment=chosen, friendly=friendly)

    def action_reject(self) -> None:
        self._settle_after_asking("reject", "Reject {}?", "reject it")

    def action_withdraw(self) -> None:
        self._settle_after_asking("withdraw", "Withdraw {}, by its author?", "withdraw it")

    def _settle_after_asking(self, action: str, question: str, yes: str) -> None:
        """Reject or withdraw the selected amendment once the operator says yes: it stays in
        the record, but it will never change the text."""
        chosen = self._selected()
        proposal = self.proposal
        if chosen is None or proposal is None:
            return
        amendment = proposal.amendments[chosen]

        def answered(sure: bool | None) -> None:
            if sure:
                self._advance = True
                self.act(action, amendment=chosen)

        from screens.widgets.modals import Confirm

        detail = f"by {amendment.by}: {change_of(amendment).plain}"
        self.app.push_screen(Confirm(question.format(chosen), detail, yes), answered)

    def action_compare(self, step: int) -> None:
        proposal = self.proposal
        if proposal is None:
            return
        version = self.shown_version(proposal)
        if version == 1:
            self.notify("v1 is the first version: nothing earlier to compare with", severity="error", markup=False)
            return
        current = self.against if self.against is not None else version
        self.against = min(max(1, current + step), version - 1)
        self.show_meeting()

    def action_version(self) -> None:
        proposal = self.proposal
        if proposal is None:
            return
        following = self.shown_version(proposal) % proposal.version + 1
        self.version = following
        if self.against is not None and self.against >= following:
            self.against = 1 if following > 1 else self.against
        self.show_meeting()

    def action_diff(self) -> None:
        proposal = self.proposal
        if proposal is None:
            return
        version = self.shown_version(proposal)
        if self.against is not None and self.against < version:
            self.against = None
        elif version == 1:
            self.notify("v1 is the first version: nothing earlier to compare with", severity="error", markup=False)
            return
        else:
            self.against = 1
        self.show_meeting()

    def action_check(self) -> None:
        from screens.business.check import TemperatureCheckScreen

        about = self.selected_id() or self.proposal_id
        if any(c.open for c in self.session.meeting.checks) or self.act("check_start", about=about):
            self.app.push_screen(TemperatureCheckScreen(self.session))

    def action_final_test(self) -> None:
        from screens.business.final_test import FinalTestScreen

        self.app.push_screen(FinalTestScreen(self.session, self.proposal_id))
