"""The screens together: the operator's keys open the proposal, check, final-test, setup, notes
and minutes screens on the same meeting, and what is done there (or in another terminal) shows
on the operator and on the projector; role layouts; a new meeting from a template; checkpoints.
Snapshots of the operator and the projector with a proposal in play and an open check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Select, TextArea

import facilitator.store.meeting_file
from facilitator.clock import FakeClock
from facilitator.errors import StoreError
from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import locations, meetings
from facilitator.store.journal import Journal
from screens.app import FacilitatorApp
from screens.business.check import StartCheck, TemperatureCheckScreen
from screens.business.final_test import FinalTestScreen
from screens.business.in_play import InPlay
from screens.business.in_play_parts import InPlaySummary
from screens.business.proposal import ProposalScreen
from screens.business.propose import ProposeForm
from screens.home import HomeScreen
from screens.operator.item_clock import ItemClock
from screens.operator.operator import OperatorScreen, layout_for
from screens.operator.stack_view import StackList
from screens.records.minutes_preview import MinutesPreviewScreen
from screens.records.notes import NotesScreen
from screens.records.setup import SetupScreen
from screens.widgets.keybar import KeyBar
from screens.widgets.modals import NewMeeting
from screens.widgets.palette import ScreenKeys
from tests.ui.conftest import FIXED, in_loop, quiet, shows, stored, toasts, type_in

TEXT = (
    "We set aside 400 euros a month from the rent pool for a new boiler, "
    "installed before next winter by a certified local installer."
)


def other_terminal(path: Path, clock: FakeClock | None = None) -> Session:
    """Another operator on the same meeting file (or the CLI: it does the same)."""
    return Session.open(path, Actor("bo", role="facilitator", terminal="t2"), clock or FakeClock(FIXED))


def boiler(path: Path, clock: FakeClock | None = None) -> Session:
    """On the demo: P1 proposed by Dolores, a friendly amendment made it v2, one more pending."""
    s = other_terminal(path, clock)
    s.act("propose", title="Replace the boiler", text=TEXT, by=["Dolores Ruiz"])
    s.act("amend", proposal="P1", by="Chen Wei", replace="400 euros", with_text="500 euros")
    s.act("accept", amendment="P1-A1", friendly=True)
    s.act(
        "amend",
        proposal="P1",
        by="Amara Okafor",
        replace="a certified local installer",
        with_text="an installer the building committee chooses",
    )
    return s


def with_check(s: Session) -> Session:
    s.act("check_start", scale="twinkles", about="P1")
    for option, count in (("up", 7), ("sideways", 3), ("down", 1)):
        s.act("check_count", option=option, count=count)
    return s


def app_for(root: Path, path: Path, role: str | None = "facilitator", start: str = "operator") -> FacilitatorApp:
    actor = Actor("ana", role=role, terminal="t1")
    return quiet(FacilitatorApp(root, start=start, meeting=path, actor=actor, clock=FakeClock(FIXED), poll=0.05))


async def on_screen(pilot: Pilot[Any], kind: type[Screen[Any]], rounds: int = 100) -> Any:
    for _ in range(rounds):
        await pilot.pause(0.02)
        if isinstance(pilot.app.screen, kind):
            return pilot.app.screen
    raise AssertionError(f"{kind.__name__} never came up; the screen is {type(pilot.app.screen).__name__}")


def journal_size(path: Path) -> int:
    return Journal(path.with_suffix(".journal")).size()


# ---- the keys: each opens its screen, on the operator's own session ------------------------

NEW_KEYS = {
    "v": "proposal",
    "b": "propose",
    "t": "check",
    "f": "final test",
    "w": "notes",
    "f2": "setup",
    "f3": "minutes",
}


@in_loop
async def test_the_new_keys_are_in_the_footer_and_in_the_palette(data_root: Path, demo_path: Path) -> None:
    async with app_for(data_root, demo_path).run_test(size=(80, 24)) as pilot:
        screen = await on_screen(pilot, OperatorScreen)
        shown = {(label.key, label.description) for label in screen.query_one(KeyBar).labels}
        assert set(NEW_KEYS.items()) <= shown
        text = await shows(
            pilot, "v proposal", "b propose", "t check", "f final test", "w notes", "F2 setup", "F3 minutes"
        )
        assert "a add" in text and "q quit" in text  # the keys there were keep their place
        commands = {key: action for _, key, action in ScreenKeys(screen).commands()}
        assert commands["v"] == "proposal" and commands["F2"] == "setup" and commands["F3"] == "minutes"
        assert commands["a"] == "hand('new')" and commands["t"] == "check" and commands["w"] == "notes"


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("v", ProposalScreen),
        ("t", TemperatureCheckScreen),
        ("f", FinalTestScreen),
        ("w", NotesScreen),
        ("f2", SetupScreen),
        ("f3", MinutesPreviewScreen),
    ],
)
@in_loop
async def test_each_key_opens_its_screen_and_escape_comes_back(
    data_root: Path, demo_path: Path, key: str, kind: type[Screen[Any]]
) -> None:
    with_check(boiler(demo_path))
    app = app_for(data_root, demo_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        operator = await on_screen(pilot, OperatorScreen)
        await pilot.press(key)
        opened = await on_screen(pilot, kind)
        assert opened.session is operator.session  # one session: what is done there is seen here at once
        await pilot.press("escape")
        await on_screen(pilot, OperatorScreen)


@in_loop
async def test_with_no_proposal_v_and_b_bring_one_and_the_operator_shows_it(data_root: Path, demo_path: Path) -> None:
    app = app_for(data_root, demo_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await on_screen(pilot, OperatorScreen)
        assert not app.screen.query_one(InPlay).display  # nothing in play: the stack keeps its room
        await pilot.press("f")
        await shows(pilot, "no proposal in play: b brings one")
        await pilot.press("v")
        form = await on_screen(pilot, ProposeForm)
        await type_in(pilot, "Fix the [b]boiler[/b]")
        await pilot.press("enter")  # on to the presenters
        await type_in(pilot, "Dolores Ruiz, Emeka Obi")
        form.query_one("#text", TextArea).text = "A new boiler before winter."
        await pilot.press("ctrl+s")
        await on_screen(pilot, OperatorScreen)
        await shows(pilot, "P1 v1: Fix the [b]boiler[/b]", "A new boiler before winter.")
        await pilot.press("b")
        await on_screen(pilot, ProposeForm)
        await pilot.press("ctrl+s")  # nothing typed: refused, the form stays
        await shows(pilot, "title")
        assert isinstance(app.screen, ProposeForm)
        await pilot.press("escape")
    proposed = [e["data"] for e in stored(demo_path) if e["type"] == "proposed"]
    assert proposed == [
        {
            "proposal": "P1",
            "title": "Fix the [b]boiler[/b]",
            "text": "A new boiler before winter.",
            "presenters": ["Dolores Ruiz", "Emeka Obi"],
        }
    ]


@in_loop
async def test_an_amendment_accepted_on_the_proposal_screen_shows_on_the_operator(
    data_root: Path, demo_path: Path
) -> None:
    boiler(demo_path)
    app = app_for(data_root, demo_path, role=None)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await shows(pilot, "P1 v2: Replace the boiler", "pending amendments:", "P1-A2 by Amara Okafor")
        await pilot.press("v")
        await on_screen(pilot, ProposalScreen)
        await pilot.press("y")  # the pending P1-A2 is selected: accepted by the assembly
        await shows(pilot, "Amendments · 0 pending")
        await pilot.press("escape")
        await on_screen(pilot, OperatorScreen)
        text = await shows(pilot, "P1 v3: Replace the boiler", gone=("pending amendments:",))
        assert "[-400-][+500+]" in text  # what changed since v1, marked


@in_loop
async def test_t_with_no_check_open_asks_what_to_check_and_counts_show_on_the_operator(
    data_root: Path, demo_path: Path
) -> None:
    boiler(demo_path)
    app = app_for(data_root, demo_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await on_screen(pilot, OperatorScreen)
        await pilot.press("t")
        form = await on_screen(pilot, StartCheck)
        assert form.query_one("#about", Input).value == "P1"  # about the proposal in play
        await pilot.press("enter", "enter", "enter")  # twinkles, no question, about P1
        await on_screen(pilot, TemperatureCheckScreen)
        await shows(pilot, "Check 1")
        await pilot.press("1", "1", "2")  # two hands up, one sideways
        await shows(pilot, "3 in all")
        await pilot.press("escape")
        await on_screen(pilot, OperatorScreen)
        await shows(pilot, "Check 1: up 2 · sideways 1 · down 0")


@in_loop
async def test_a_decision_in_the_final_test_shows_its_outcome_on_the_operator(data_root: Path, demo_path: Path) -> None:
    s = boiler(demo_path)
    s.act("reject", amendment="P1-A2")
    s.act("test", proposal="P1")
    s.act("agree", proposal="P1", count=12)
    app = app_for(data_root, demo_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await shows(pilot, "P1 v2: Replace the boiler  (final test)")
        await pilot.press("f")
        await on_screen(pilot, FinalTestScreen)
        await pilot.press("d")
        await shows(pilot, "Record it (y)")
        await pilot.press("y")
        await shows(pilot, "PASSED")
        await pilot.press("escape")
        await on_screen(pilot, OperatorScreen)
        await shows(pilot, "✓ PASSED  passed (consensus) with friendly amendments (P1-A1)")


@in_loop
async def test_the_operator_follows_a_proposal_made_in_another_terminal(data_root: Path, demo_path: Path) -> None:
    app = app_for(data_root, demo_path)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await shows(pilot, "Stack: 5 waiting")
        assert not app.screen.has_class("-business")
        with_check(boiler(demo_path))
        await shows(pilot, "P1 v2: Replace the boiler", "Check 1 · twinkles · open · 11 in all")
        assert app.screen.has_class("-business")
        other_terminal(demo_path).act("check_close")
        await shows(pilot, "P1 v2: Replace the boiler", gone=("Check 1 · twinkles",))


# ---- the projector -----------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
@in_loop
async def test_a_projector_opened_during_business_shows_it_at_once(
    data_root: Path, demo_path: Path, size: tuple[int, int]
) -> None:
    with_check(boiler(demo_path))
    app = app_for(data_root, demo_path, start="projector")
    async with app.run_test(size=size) as pilot:
        await shows(pilot, "Jonas Berg", "Check 1 · twinkles · open · 11 in all", "counted in the room")
        if size[1] >= 40:  # room for the proposal beside the check
            await shows(pilot, "P1 v2: Replace the boiler", "[-400-][+500+]")


@in_loop
async def test_the_projector_shows_the_proposal_with_what_changed_since_v1(data_root: Path, demo_path: Path) -> None:
    app = app_for(data_root, demo_path, start="projector")
    async with app.run_test(size=(80, 24)) as pilot:
        await shows(pilot, "4.  Chen Wei", gone=("proposal",))  # nothing in play: the next five
        boiler(demo_path)
        text = await shows(pilot, "P1 v2: Replace the boiler", "[-400-][+500+] euros", "+2 more on the stack")
        assert "v1 → v2" in text and "4.  Chen Wei" not in text  # the stack gave its rows: three shown


@in_loop
async def test_the_projector_shows_the_check_bars_with_counts_then_the_outcome(
    data_root: Path, demo_path: Path
) -> None:
    app = app_for(data_root, demo_path, start="projector")
    async with app.run_test(size=(160, 45)) as pilot:
        s = with_check(boiler(demo_path))
        text = await shows(pilot, "Check 1 · twinkles · open · 11 in all", "temperature check", "proposal")
        bars = [line.rstrip(" │") for line in text.splitlines() if "██" in line]
        assert [bar[-1] for bar in bars] == ["7", "3", "1"]  # up, sideways, down: a bar and its count each
        s.act("check_close")
        s.act("withdraw", amendment="P1-A2")
        s.act("test", proposal="P1")
        s.act("block", proposal="P1", name="Bruno Silva", reason="the rent pool is for repairs")
        s.act("decide", proposal="P1", rule="consensus")
        await shows(pilot, "✗ BLOCKED", gone=("Check 1 · twinkles",))


@in_loop
async def test_on_a_small_projector_an_open_check_takes_the_business_region(data_root: Path, demo_path: Path) -> None:
    with_check(boiler(demo_path))
    app = app_for(data_root, demo_path, start="projector")
    async with app.run_test(size=(80, 24)) as pilot:
        text = await shows(pilot, "How do we feel about P1 (v2): Replace the boiler?", "11 in all")
        assert "pending amendments" not in text  # the question names the proposal


# ---- role layouts ------------------------------------------------------------------------


def test_roles_map_to_layouts() -> None:
    assert layout_for("stack") == layout_for("Stack keeper") == layout_for("stack-keeper") == "-role-stack"
    assert layout_for("time") == layout_for("timekeeper") == "-role-time"
    assert layout_for("minutes") == layout_for("minute taker") == "-role-minutes"
    assert layout_for("facilitator") == layout_for("co-facilitator") == "-role-facilitator"
    assert layout_for(None) is None and layout_for("vibes") is None


@in_loop
async def test_the_stack_keeper_starts_on_the_stack_with_business_in_one_line(data_root: Path, demo_path: Path) -> None:
    with_check(boiler(demo_path))
    app = app_for(data_root, demo_path, role="stack")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_screen(pilot, OperatorScreen)
        text = await shows(pilot, "5  Bruno Silva", "P1 v2: Replace the boiler", "Recent actions")
        assert screen.focused is screen.query_one("#stack", StackList)
        assert "We set aside" not in text and "Check 1:" not in text  # the business: its title line only
        await pilot.press("a")  # the name entry, one key away
        await shows(pilot, "New point: who?")


@in_loop
async def test_the_timekeeper_sees_the_item_clock_big_beside_the_speakers(data_root: Path, demo_path: Path) -> None:
    app = app_for(data_root, demo_path, role="time")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_screen(pilot, OperatorScreen)
        text = await shows(pilot, "Item clock", "of 40:00, 13:50 left · meeting 29:16")
        clock = screen.query_one(ItemClock)
        assert clock.display and clock.region.height >= 4  # big digits, not a line
        assert "Recent actions" not in text
        await pilot.press("n")  # every key still works: Amara has the floor
        await shows(pilot, "Amara Okafor", "of 0:30")


@in_loop
async def test_the_minute_taker_starts_on_the_notes(data_root: Path, demo_path: Path) -> None:
    app = app_for(data_root, demo_path, role="minutes")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await on_screen(pilot, NotesScreen)
        await shows(pilot, "Notes on this item", "Action items")
        await type_in(pilot, "Two quotes compared")  # the notes open on the note field
        await pilot.press("enter")
        await shows(pilot, "note added on 'Boiler replacement fund'")
        await pilot.press("escape")  # one Escape, from the field too: the full operator view
        await on_screen(pilot, OperatorScreen)
        await shows(pilot, "Stack: 5 waiting")
    assert [e["data"]["text"] for e in stored(demo_path) if e["type"] == "noted"][-1] == "Two quotes compared"


@pytest.mark.parametrize("role", ["facilitator", None])
@in_loop
async def test_the_facilitator_and_a_terminal_with_no_role_see_everything(
    data_root: Path, demo_path: Path, role: str | None
) -> None:
    with_check(boiler(demo_path))
    app = app_for(data_root, demo_path, role=role)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_screen(pilot, OperatorScreen)
        await shows(pilot, "5  Bruno Silva", "We set aside", "pending amendment: P1-A2 by Amara Okafor", "Check 1:")
        assert screen.focused is screen.query_one("#stack", StackList)
        assert not screen.query(ItemClock)  # the timekeeper's only
        assert screen.query_one(InPlaySummary).display  # 80x24: the summary, not the full parts


# ---- home: a new meeting from a template, and where each meeting stands ---------------------


@in_loop
async def test_a_new_meeting_from_a_template_gets_its_agenda(data_root: Path, clock: FakeClock, actor: Actor) -> None:
    from facilitator import templates

    chosen = templates.load("coop-monthly")
    app = quiet(FacilitatorApp(data_root, actor=actor, clock=clock, poll=0.05))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("n")
        form = await on_screen(pilot, NewMeeting)
        await type_in(pilot, "March members meeting")
        form.query_one("#template", Select).value = "coop-monthly"
        await shows(pilot, "Starting agenda: ")
        form.query_one("#title", Input).focus()
        await pilot.press("enter")
        await on_screen(pilot, OperatorScreen)
        await shows(pilot, "March members meeting", "General stack: no agenda item under way")
    (row,) = meetings.listing(data_root)
    events = stored(locations.meeting_file(data_root, str(row["id"])))
    assert [e["data"]["title"] for e in events if e["type"] == "item_added"] == [i["title"] for i in chosen.agenda]


@in_loop
async def test_a_plain_new_meeting_has_no_agenda(data_root: Path, clock: FakeClock, actor: Actor) -> None:
    app = quiet(FacilitatorApp(data_root, actor=actor, clock=clock, poll=0.05))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("n")
        form = await on_screen(pilot, NewMeeting)
        assert form.query_one("#template", Select).is_blank()
        await type_in(pilot, "Quick one")
        await pilot.press("enter")
        await on_screen(pilot, OperatorScreen)
    (row,) = meetings.listing(data_root)
    assert not [e for e in stored(locations.meeting_file(data_root, str(row["id"]))) if e["type"] == "item_added"]


@in_loop
async def test_home_lists_status_and_decisions(data_root: Path, demo_path: Path, clock: FakeClock) -> None:
    s = boiler(demo_path, clock)
    s.act("reject", amendment="P1-A2")
    s.act("decide", proposal="P1", outcome="tabled", reason="more quotes first")
    meetings.create(data_root, "Next one", Actor("ana"), FIXED + 60)
    app = quiet(FacilitatorApp(data_root, actor=Actor("ana", terminal="t1"), clock=clock, poll=0.05))
    async with app.run_test(size=(120, 24)) as pilot:
        await on_screen(pilot, HomeScreen)
        text = await shows(pilot, "Status", "Decisions", "item 2/4: Boiler replacement fund", "not started")
        demo_line = next(line for line in text.splitlines() if "Riverside" in line)
        assert demo_line.split()[-2:] == ["12", "1"]  # present, decisions
        await pilot.press("down")  # the demo, below the newer meeting
        await shows(pilot, "id demo   Jonas Berg has the floor")


# ---- checkpoints -------------------------------------------------------------------------


@in_loop
async def test_the_journal_is_checkpointed_on_opening_and_on_closing(data_root: Path, demo_path: Path) -> None:
    boiler(demo_path)  # another terminal left these in the journal
    assert journal_size(demo_path) > 0
    app = app_for(data_root, demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, OperatorScreen)
        await app.workers.wait_for_complete()
        assert journal_size(demo_path) == 0  # the opening checkpoint, in its thread
        await pilot.press("n")
        await shows(pilot, "Amara Okafor", "of 0:30")
        assert journal_size(demo_path) > 0  # an action is one line in the journal, no more
    assert journal_size(demo_path) == 0  # the clean close
    assert stored(demo_path)[-1]["type"] == "turn_started"


@in_loop
async def test_a_checkpoint_runs_in_a_thread_when_due(
    data_root: Path, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(facilitator.store.meeting_file, "CHECKPOINT_EVERY", 2)
    app = app_for(data_root, demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_screen(pilot, OperatorScreen)
        await app.workers.wait_for_complete()
        ran: list[str] = []
        real = screen.session.checkpoint

        def spy() -> int:
            import threading

            ran.append(threading.current_thread().name)
            return real()

        screen.session.checkpoint = spy  # type: ignore[method-assign]
        await pilot.press("k")  # one action: not due yet
        await shows(pilot, "CLOSED to new points")
        await app.workers.wait_for_complete()
        assert ran == [] and journal_size(demo_path) > 0
        await pilot.press("g")  # the second: due
        await shows(pilot, "progressive: least-airtime")
        await pilot.pause()
        await app.workers.wait_for_complete()
        import threading

        assert len(ran) == 1 and ran[0] != threading.main_thread().name
        assert journal_size(demo_path) == 0


@in_loop
async def test_a_failed_checkpoint_is_a_warning_not_a_crash(data_root: Path, demo_path: Path) -> None:
    app = app_for(data_root, demo_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await on_screen(pilot, OperatorScreen)
        await app.workers.wait_for_complete()

        def broken() -> int:
            raise StoreError("/x/demo.json is damaged (test); it was left untouched")

        screen.session.checkpoint = broken  # type: ignore[method-assign]
        screen.run_checkpoint()
        await app.workers.wait_for_complete()
        await shows(pilot, "the checkpoint failed: /x/demo.json is damaged (test)")
        assert any("checkpoint failed" in t for t in toasts(app))
        await pilot.press("n")  # still running, still acting
        await shows(pilot, "Amara Okafor", "of 0:30")


@in_loop
async def test_the_projector_never_checkpoints(data_root: Path, demo_path: Path) -> None:
    boiler(demo_path)
    before = journal_size(demo_path)
    async with app_for(data_root, demo_path, start="projector").run_test(size=(80, 24)) as pilot:
        await shows(pilot, "P1 v2: Replace the boiler")
    assert journal_size(demo_path) == before > 0


# ---- snapshots ---------------------------------------------------------------------------


async def settled(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_snapshot_operator_with_a_proposal_and_an_open_check(
    snap_compare: Any, data_root: Path, demo_path: Path, size: tuple[int, int]
) -> None:
    with_check(boiler(demo_path))
    assert snap_compare(app_for(data_root, demo_path), terminal_size=size, run_before=settled)


async def business_shown(pilot: Pilot[Any]) -> None:
    """The projector builds its business parts with the first business it sees: let them show."""
    for _ in range(50):
        await pilot.pause()
        if getattr(pilot.app.screen, "business_ready", False):
            await pilot.pause()
            return
    raise AssertionError("the projector never built its business parts")


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_snapshot_projector_with_a_proposal(
    snap_compare: Any, data_root: Path, demo_path: Path, size: tuple[int, int]
) -> None:
    boiler(demo_path)
    assert snap_compare(app_for(data_root, demo_path, start="projector"), terminal_size=size, run_before=business_shown)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_snapshot_projector_with_check_bars(
    snap_compare: Any, data_root: Path, demo_path: Path, size: tuple[int, int]
) -> None:
    with_check(boiler(demo_path))
    assert snap_compare(app_for(data_root, demo_path, start="projector"), terminal_size=size, run_before=business_shown)


def test_snapshot_timekeeper(snap_compare: Any, data_root: Path, demo_path: Path) -> None:
    assert snap_compare(app_for(data_root, demo_path, role="time"), terminal_size=(80, 24), run_before=settled)


def test_text_of_the_operator_summary_is_literal(data_root: Path, demo_path: Path) -> None:
    """Markup-looking titles and names in the summary lines stay text (checked without a screen)."""
    from screens.business.in_play_parts import pending_line, proposal_line

    s = other_terminal(demo_path)
    s.act("attend", names=["[red]Mallory[/red]"])
    s.act("propose", title="[bold]Fix[/bold] it 🔧", text="Now.", by=["[red]Mallory[/red]"])
    s.act("amend", proposal="P1", by="[red]Mallory[/red]", replace="Now.", with_text="Today.")
    proposal = s.meeting.proposals["P1"]
    assert proposal_line(proposal).plain == "P1 v1: [bold]Fix[/bold] it 🔧  (open)"
    assert pending_line(proposal).plain == "pending amendment: P1-A1 by [red]Mallory[/red]"
    s.act("decide", proposal="P1", outcome="tabled", reason="[i]later[/i]")
    decided = s.meeting.proposals["P1"]
    assert proposal_line(decided).plain == f"P1 v1: [bold]Fix[/bold] it 🔧  … TABLED {decided.decision.label}"
