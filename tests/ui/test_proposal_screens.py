"""The proposal, temperature-check and final-test screens: their keys do what they say (checked
in the stored events), refusals are one-line notifications, user text shows literally; and
snapshots of the proposal diff, the check bars and the final test."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.session import Session
from screens.app import FacilitatorApp
from screens.business.check import TemperatureCheckScreen
from screens.business.final_test import FinalTestScreen
from screens.business.proposal import ProposalScreen
from tests.ui.conftest import in_loop, quiet, shows, stored, type_in

TEXT = "We paint the bike shed blue before spring, with volunteers from every floor.\nThe house pays for the paint."


class Host(FacilitatorApp):
    """The app on its home screen, with one of the proposal screens pushed on top."""

    def __init__(self, root: Path, path: Path, clock: FakeClock, make: Callable[[Session], Screen[None]]) -> None:
        super().__init__(
            root, start="home", actor=Actor("ana", role="facilitator", terminal="t1"), clock=clock, poll=0.05
        )
        self.path = path
        self.make = make

    def on_mount(self) -> None:  # FacilitatorApp.on_mount (home) runs too, after this
        self.call_after_refresh(lambda: self.push_screen(self.make(self.session_for(self.path))))


def host(root: Path, path: Path, clock: FakeClock, make: Callable[[Session], Screen[None]]) -> Host:
    app = Host(root, path, clock, make)
    quiet(app)
    return app


def operator(path: Path, clock: FakeClock) -> Session:
    return Session.open(path, Actor("bo", role="facilitator", terminal="t2"), clock)


def with_amendments(path: Path, clock: FakeClock) -> Session:
    """P1 (by Ana and Ben), four amendments: one friendly, one rejected, one by the assembly, one pending."""
    s = operator(path, clock)
    s.act("attend", names=["Ana", "Ben", "Carla", "Dan", "Eve", "[bold]Fay[/]"])
    s.act("propose", title="Paint the [red]bike shed[/]", text=TEXT, by=["Ana", "Ben"])
    s.act("amend", proposal="P1", by="Carla", replace="blue", with_text="green")
    s.act("amend", proposal="P1", by="Dan", replace="before spring", with_text="in May")
    s.act("amend", proposal="P1", by="Eve", replace="the paint.", with_text="the paint and the brushes.")
    s.act("amend", proposal="P1", by="[bold]Fay[/]", replace="every floor", with_text="the ground floor")
    s.act("accept", amendment="P1-A1", friendly=True)
    s.act("reject", amendment="P1-A2")
    s.act("accept", amendment="P1-A3")
    return s


def in_test(path: Path, clock: FakeClock) -> Session:
    s = with_amendments(path, clock)
    s.act("withdraw", amendment="P1-A4")
    s.act("test", proposal="P1")
    return s


def events_of(path: Path, kind: str) -> list[dict[str, Any]]:
    return [e["data"] for e in stored(path) if e["type"] == kind]


def proposal_screen(session: Session) -> Screen[None]:
    return ProposalScreen(session, "P1")


def final_test_screen(session: Session) -> Screen[None]:
    return FinalTestScreen(session, "P1")


# ---- the proposal screen ------------------------------------------------------------------


@in_loop
async def test_proposal_screen_shows_the_diff_with_marks_and_the_fate_of_each_amendment(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    with_amendments(meeting_path, clock)
    async with host(data_root, meeting_path, clock, proposal_screen).run_test(
        size=(110, 32), notifications=True
    ) as pilot:
        text = await shows(pilot, "[-blue-][+green+]", "P1-A4")
        assert "Paint the [red]bike shed[/]" in text  # markup-looking text shown literally
        assert "[-paint.-][+paint and the brushes.+]" in text
        assert "accepted as friendly (made v2)" in text and "rejected" in text
        assert "[bold]Fay[/]" in text


@in_loop
async def test_proposal_screen_keys_accept_reject_withdraw_the_selected_amendment(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    s = with_amendments(meeting_path, clock)
    s.act("amend", proposal="P1", by="Dan", replace="volunteers", with_text="neighbours")
    s.act("amend", proposal="P1", by="Eve", replace="house", with_text="co-op")
    async with host(data_root, meeting_path, clock, proposal_screen).run_test(
        size=(110, 32), notifications=True
    ) as pilot:
        await shows(pilot, "P1-A6")
        await pilot.press("h")  # friendly; the first pending one is selected: P1-A4
        await shows(pilot, "[+the ground floor+]")
        assert events_of(meeting_path, "amendment_accepted")[-1] == {"amendment": "P1-A4", "friendly": True}
        await pilot.press("x")  # now P1-A5: rejecting asks first
        await shows(pilot, "Reject P1-A5?")
        await pilot.press("y")
        await shows(pilot, "Amendments · 1 pending")
        await pilot.press("w")  # the next pending one, P1-A6, is selected by itself; withdrawing asks
        await shows(pilot, "Withdraw P1-A6, by its author?")
        await pilot.press("y")
        await shows(pilot, "Amendments · 0 pending")
        assert events_of(meeting_path, "amendment_rejected")[-1] == {"amendment": "P1-A5"}
        assert events_of(meeting_path, "amendment_withdrawn")[-1] == {"amendment": "P1-A6"}
        await pilot.press("y")  # P1-A6 is settled: refused, one line, nothing written
        text = await shows(pilot, "P1-A6 is already settled")
        assert "withdrawn by its author" in text


@in_loop
async def test_proposal_screen_amend_form_keeps_what_was_typed_when_refused(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    with_amendments(meeting_path, clock)
    async with host(data_root, meeting_path, clock, proposal_screen).run_test(
        size=(110, 32), notifications=True
    ) as pilot:
        await shows(pilot, "P1-A4")
        await pilot.press("a")
        await shows(pilot, "who proposes it")
        await type_in(pilot, "Carla")
        await pilot.press("enter")
        await type_in(pilot, "purple")
        await pilot.press("enter")
        await type_in(pilot, "teal")
        await pilot.press("ctrl+s")
        text = await shows(pilot, "'purple' is not in the current text of P1 (v3)")
        assert "Carla" in text and "purple" in text  # the form is still open and filled
        await pilot.press("shift+tab", "end", *["backspace"] * 6)  # back to the passage, which was wrong
        await type_in(pilot, "green")
        await pilot.press("ctrl+s")
        await shows(pilot, "P1-A5", gone=("who proposes it",))
        assert {k: events_of(meeting_path, "amended")[-1][k] for k in ("by", "replace", "with")} == {
            "by": "Carla",
            "replace": "green",
            "with": "teal",
        }


@in_loop
async def test_proposal_screen_compares_any_two_versions(data_root: Path, meeting_path: Path, clock: FakeClock) -> None:
    with_amendments(meeting_path, clock)
    async with host(data_root, meeting_path, clock, proposal_screen).run_test(
        size=(110, 32), notifications=True
    ) as pilot:
        await shows(pilot, "changes since v1")
        await pilot.press("right_square_bracket")  # from v2 to v3: only the brushes changed
        text = await shows(pilot, "changes since v2")
        assert "[-blue-][+green+]" not in text and "[-paint.-][+paint and the brushes.+]" in text
        await pilot.press("v")  # show v1 (cycles), plain
        text = await shows(pilot, "v1 of 3")
        assert "bike shed blue" in text
        await pilot.press("v", "v")  # back to v3 by v2, compared with v1 again
        await shows(pilot, "v3 of 3 · changes since v1")
        await pilot.press("d")  # the plain text
        text = await shows(pilot, "Text · v3 of 3 ─")
        assert "[+paint and the brushes.+]" not in text
        await pilot.press("d")  # the diff again, since v1
        await shows(pilot, "v3 of 3 · changes since v1", "[-blue-][+green+]")


# ---- the temperature check screen ---------------------------------------------------------


@in_loop
async def test_check_keys_count_one_hand_and_take_one_back(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    s = operator(meeting_path, clock)
    s.act("check_start", question="Lunch now?")
    async with host(data_root, meeting_path, clock, TemperatureCheckScreen).run_test(
        size=(100, 30), notifications=True
    ) as pilot:
        await shows(pilot, "Lunch now?", "1/q")
        await pilot.press("1", "1", "1", "2", "q", "3")
        await shows(pilot, "4 in all")
        counted = events_of(meeting_path, "check_counted")
        assert [(c["option"], c["count"]) for c in counted] == [
            ("up", 1),
            ("up", 2),
            ("up", 3),
            ("sideways", 1),
            ("up", 2),
            ("down", 1),
        ]
        await pilot.press("w", "w")  # sideways 1 -> 0, then refused: one line, nothing written
        text = await shows(pilot, "the room count for 'sideways' is already 0: nothing to take back")
        assert "3 in all" in text
        assert len(events_of(meeting_path, "check_counted")) == 7


@in_loop
async def test_check_screen_shows_terminal_votes_apart_and_closes(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    s = operator(meeting_path, clock)
    s.act("attend", names=["Ana", "Ben", "Cy", "Dee"])
    s.act("check_start", scale="thumbs")
    s.act("check_count", option="up", count=3)
    async with host(data_root, meeting_path, clock, TemperatureCheckScreen).run_test(
        size=(100, 30), notifications=True
    ) as pilot:
        await shows(pilot, "3 in all")
        ana = Session.open(meeting_path, Actor("ana", participant="Ana", terminal="pa"), clock)
        ana.act("check_vote", name="Ana", option="up")  # from her own terminal: the screen follows
        text = await shows(pilot, "3 + 1 = 4", "▒")
        assert "room + terminals = all" in text
        await pilot.press("c")
        await shows(pilot, "No temperature check is open", "closed")
        assert events_of(meeting_path, "check_closed") == [{"check": 1}]


@in_loop
async def test_check_screen_starts_a_check_from_its_form(data_root: Path, meeting_path: Path, clock: FakeClock) -> None:
    async with host(data_root, meeting_path, clock, TemperatureCheckScreen).run_test(
        size=(100, 30), notifications=True
    ) as pilot:
        await shows(pilot, "s starts one")
        await pilot.press("1")
        await shows(pilot, "no temperature check is open")  # 1 counts nothing without a check
        await pilot.press("s")
        await shows(pilot, "Temperature check", "scales:")
        await pilot.press(*["backspace"] * 8)
        await type_in(pilot, "fist-to-five")
        await pilot.press("enter")
        await type_in(pilot, "[b]Shall we?[/b]")
        await pilot.press("enter", "enter")
        await shows(pilot, "[b]Shall we?[/b]", "5 will help carry it out")
        await pilot.press("5", "0")
        await shows(pilot, "2 in all")
        assert [c["option"] for c in events_of(meeting_path, "check_counted")] == ["5", "0"]


# ---- the final-test screen ----------------------------------------------------------------


@in_loop
async def test_final_test_keys_record_blocks_stand_asides_agreement_and_the_outcome(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    with_amendments(meeting_path, clock)
    operator(meeting_path, clock).act("withdraw", amendment="P1-A4")
    async with host(data_root, meeting_path, clock, final_test_screen).run_test(
        size=(100, 30), notifications=True
    ) as pilot:
        await shows(pilot, "f starts the final test")
        await pilot.press("f")  # f: the final test, as on the operator screen
        await shows(pilot, "asking: Any blocks?")
        await pilot.press("b")
        await shows(pilot, "who, and why?")
        await type_in(pilot, "Dan")
        await pilot.press("enter", "enter")  # no reason: refused, the form stays with the name
        text = await shows(pilot, "a block must state its reason")
        assert "Dan" in text
        await type_in(pilot, "the lease")
        await pilot.press("enter")
        await shows(pilot, "• Dan: the lease", gone=("who, and why?",))
        await pilot.press("s")
        await shows(pilot, "Stands aside from P1: who?")  # the form is up before anything is typed
        await type_in(pilot, "Eve")
        await pilot.press("enter", "enter")
        await shows(pilot, "asking: Any stand-asides?", "• Eve")
        await pilot.press("a")
        await shows(pilot, "Agrees with P1: who?")
        for count, name in enumerate(("Ana", "Ben"), start=1):
            await type_in(pilot, name)
            await pilot.press("enter")
            await shows(pilot, f"{count} agreeing")  # the form stays up, over the list: the notice says it
        await pilot.press("escape")
        await shows(pilot, "asking: Who agrees?", "2 agreeing")
        await pilot.press("k")
        await shows(pilot, "counted without names")
        await pilot.press("enter", "enter", *["backspace"] * 3)
        await type_in(pilot, "30")
        await pilot.press("enter")
        await shows(pilot, "+ 30 counted without names", "3. Agreement: 32")
        await shows(pilot, "1 block (consensus allows none): blocked", "the meeting's rule: consensus")
        await pilot.press("r")  # no rule is picked here after seeing the counts (PROCESS.md 6.6)
        await shows(pilot, "1 block (consensus allows none): blocked")
        await pilot.press("d")
        await shows(pilot, "Record the outcome of P1 v3?")
        await pilot.press("y")
        await shows(pilot, "✗ BLOCKED", "rule consensus · v3")
        decided = events_of(meeting_path, "decided")
        assert [(d["outcome"], d["rule"], d["agree"], d["block"], d["stand_aside"]) for d in decided] == [
            ("blocked", "consensus", 32, 1, 1)
        ]


@in_loop
async def test_final_test_decide_can_be_called_off_and_refusals_are_one_line(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    in_test(meeting_path, clock)
    async with host(data_root, meeting_path, clock, final_test_screen).run_test(
        size=(100, 30), notifications=True
    ) as pilot:
        await shows(pilot, "asking: Any blocks?")
        await pilot.press("f")
        await shows(pilot, "P1 is already in its final test (v3)")
        await pilot.press("d")
        await shows(pilot, "Record it (y)")
        await pilot.press("escape")
        await shows(pilot, "Outcome (d to confirm)", gone=("Record it (y)",))
        assert events_of(meeting_path, "decided") == []
        await pilot.press("o")
        await shows(pilot, "tabled or withdrawn")
        await type_in(pilot, "ask the landlord")
        await pilot.click("#tabled")
        await shows(pilot, "… TABLED", "reason: ask the landlord")
        assert events_of(meeting_path, "decided")[0]["outcome"] == "tabled"


# ---- snapshots (looked at as PNG before accepting) -----------------------------------------


def settle(*needles: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await shows(pilot, *needles)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


def test_snapshot_proposal_diff(
    snap_compare: Callable[..., bool], data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    with_amendments(meeting_path, clock)
    app = host(data_root, meeting_path, clock, proposal_screen)
    assert snap_compare(app, terminal_size=(100, 30), run_before=settle("[-blue-][+green+]", "P1-A4"))


def checked(path: Path, clock: FakeClock) -> None:
    s = with_amendments(path, clock)
    s.act("check_start", scale="fist-to-five", about="P1")
    for option, count in (("5", 9), ("4", 14), ("3", 6), ("2", 2), ("0", 1)):
        s.act("check_count", option=option, count=count)
    for name, option in (("Ana", "5"), ("Ben", "4"), ("Carla", "1")):
        Session.open(path, Actor("x", participant=name, terminal="p" + name), clock).act(
            "check_vote", name=name, option=option
        )


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_snapshot_check_bars(
    snap_compare: Callable[..., bool], data_root: Path, meeting_path: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    checked(meeting_path, clock)
    app = host(data_root, meeting_path, clock, TemperatureCheckScreen)
    assert snap_compare(app, terminal_size=size, run_before=settle("35 in all", "14 + 1 = 15"))


def test_snapshot_final_test(
    snap_compare: Callable[..., bool], data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    s = in_test(meeting_path, clock)
    s.act("block", proposal="P1", name="Dan", reason="Green clashes with the [bold]mural[/]")
    s.act("stand_aside", proposal="P1", name="Eve", reason="away in May")
    s.act("stand_aside", proposal="P1", name="[bold]Fay[/]")
    s.act("agree", proposal="P1", names=["Ana", "Ben", "Carla"])
    s.act("agree", proposal="P1", count=20)
    app = host(data_root, meeting_path, clock, final_test_screen)
    assert snap_compare(app, terminal_size=(100, 30), run_before=settle("3. Agreement: 23", "consensus allows none"))
