"""Every name field of the TUI (PROCESS.md 3.4): Tab takes the completion, completion knows the
meeting as it stands now, and a name that matches nobody asks once; the second Enter records the
arrival and then the action, and the present count rises only then. Action-item owners are kept
as written. Real meeting files, a frozen clock; what is checked is what is on screen and on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.session import Session
from screens.app import FacilitatorApp
from screens.business.final_test import FinalTestScreen
from screens.business.proposal import ProposalScreen
from screens.records.notes import NotesScreen
from screens.records.setup import SetupScreen
from screens.widgets.name_entry import NameEntry
from tests.ui.conftest import FIXED, in_loop, quiet, shows, stored, type_in

SIZE = (100, 30)
ROOM = ["Ivan Petrov", "Ana Lima", "Jo Mbeki"]
# the question, as its two lines show it
ASKS = ("Ivna is new here: Enter adds Ivna and marks them present;", "Tab takes Ivan Petrov")


class Host(FacilitatorApp):
    """The app on its home screen, with one screen pushed on top (as the operator screen would)."""

    def __init__(self, root: Path, path: Path, clock: FakeClock, make: Callable[[Session], Screen[None]]) -> None:
        actor = Actor("ana", role="facilitator", terminal="t1")
        super().__init__(root, start="home", actor=actor, clock=clock, poll=0.05)
        self.path = path
        self.make = make

    def on_mount(self) -> None:
        self.call_after_refresh(lambda: self.push_screen(self.make(self.session_for(self.path))))


def host(root: Path, path: Path, clock: FakeClock, make: Callable[[Session], Screen[None]]) -> Host:
    return quiet(Host(root, path, clock, make))  # type: ignore[return-value]


def operator_app(root: Path, path: Path, clock: FakeClock) -> FacilitatorApp:
    actor = Actor("ana", role="stack", terminal="t1")
    return quiet(FacilitatorApp(root, start="operator", meeting=path, actor=actor, clock=clock, poll=0.05))


def room(path: Path, clock: FakeClock, *more: tuple[str, dict[str, Any]]) -> None:
    """Ivan Petrov, Ana Lima and Jo Mbeki are present (and whatever else is asked), from another terminal."""
    other = Session.open(path, Actor("bo", role="facilitator", terminal="t2"), clock)
    other.act("attend", names=ROOM)
    for action, args in more:
        other.act(action, **args)


def present(path: Path) -> list[str]:
    return list(Session.open(path, Actor("reader", terminal="r"), FakeClock(FIXED)).meeting.present.values())


def events_of(path: Path, kind: str) -> list[dict[str, Any]]:
    return [e["data"] for e in stored(path) if e["type"] == kind]


def typed(app: Any, selector: str = "Input") -> str:
    return str(app.screen.query_one(selector, Input).value)


# ---- the operator's name entry (hands, arrivals) ------------------------------------------


@in_loop
async def test_operator_tab_takes_the_completion(data_root: Path, meeting_path: Path, clock: FakeClock) -> None:
    room(meeting_path, clock)
    app = operator_app(data_root, meeting_path, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await shows(pilot, "New point: who?")
        await type_in(pilot, "iv")
        await pilot.press("tab")
        assert typed(app) == "Ivan Petrov"
        await pilot.press("enter")
        await shows(pilot, "Ivan Petrov is on the stack")
    assert [h["name"] for h in events_of(meeting_path, "hand_raised")] == ["Ivan Petrov"]


@in_loop
async def test_operator_a_name_that_matches_nobody_asks_once_then_arrives_and_raises_a_hand(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    room(meeting_path, clock)
    app = operator_app(data_root, meeting_path, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await type_in(pilot, "Ivna")
        await pilot.press("enter")
        await shows(pilot, *ASKS)
        assert isinstance(app.screen, NameEntry) and typed(app) == "Ivna"
        assert present(meeting_path) == ROOM  # asking records nothing
        assert events_of(meeting_path, "hand_raised") == []
        await pilot.press("enter")
        await shows(pilot, "Ivna is on the stack", gone=ASKS[:1])
    assert present(meeting_path) == [*ROOM, "Ivna"]
    types = [e["type"] for e in stored(meeting_path)]
    assert types[-2:] == ["attended", "hand_raised"]  # the arrival first, then the hand


@in_loop
async def test_operator_tab_takes_the_name_the_question_offers(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    room(meeting_path, clock)
    app = operator_app(data_root, meeting_path, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await type_in(pilot, "Ivna")
        await pilot.press("enter")
        await shows(pilot, *ASKS)
        await pilot.press("tab")
        await shows(pilot, "Ivan Petrov", gone=ASKS[:1])
        assert typed(app) == "Ivan Petrov"
        await pilot.press("enter")
        await shows(pilot, "Ivan Petrov is on the stack")
    assert present(meeting_path) == ROOM
    assert [h["name"] for h in events_of(meeting_path, "hand_raised")] == ["Ivan Petrov"]


@in_loop
async def test_operator_an_arrival_asks_only_about_a_name_close_to_someone(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    room(meeting_path, clock)
    app = operator_app(data_root, meeting_path, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("i")
        await type_in(pilot, "Ana")
        await pilot.press("down", "enter")  # "Ana (new name)", not the highlighted Ana Lima
        await shows(pilot, "Ana is new here: Enter adds Ana and marks them present;", "Tab takes Ana Lima")
        assert present(meeting_path) == ROOM
        await pilot.press("enter")
        await shows(pilot, "present: Ana (4 in all)", gone=("Ana is new here",))
        assert present(meeting_path) == [*ROOM, "Ana"]
        await pilot.press("i")
        await type_in(pilot, "Zed")
        await pilot.press("enter")  # like nobody: a plain arrival, nothing to ask
        await shows(pilot, "present: Zed (5 in all)")
        assert present(meeting_path) == [*ROOM, "Ana", "Zed"]


# ---- setup: attendance and roles ----------------------------------------------------------


def setup_screen(root: Path) -> Callable[[Session], Screen[None]]:
    return lambda session: SetupScreen(session, root)


@in_loop
async def test_setup_a_name_added_is_completed_a_moment_later(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    room(meeting_path, clock)
    async with host(data_root, meeting_path, clock, setup_screen(data_root)).run_test(
        size=SIZE, notifications=True
    ) as pilot:
        await shows(pilot, "Setup:")
        await pilot.press("a")
        await type_in(pilot, "Zoe Adler")
        await pilot.press("enter")
        await shows(pilot, "present: Zoe Adler")
        await pilot.press("f3")
        await shows(pilot, "who takes the highlighted role?")
        await pilot.press("enter")  # the first role: the holder's field
        await type_in(pilot, "zo")
        await pilot.press("tab")
        assert typed(pilot.app, "#holder") == "Zoe Adler"
        await pilot.press("enter")
        await shows(pilot, "Zoe Adler")
    assert present(meeting_path) == [*ROOM, "Zoe Adler"]
    assert events_of(meeting_path, "role_set")[-1]["name"] == "Zoe Adler"


@in_loop
async def test_setup_a_role_for_a_name_that_matches_nobody_asks_once(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    room(meeting_path, clock)
    async with host(data_root, meeting_path, clock, setup_screen(data_root)).run_test(
        size=SIZE, notifications=True
    ) as pilot:
        await shows(pilot, "Setup:")
        await pilot.press("f3")
        await shows(pilot, "who takes the highlighted role?")
        await pilot.press("enter")
        await type_in(pilot, "Ana")
        await pilot.press("enter")
        await shows(pilot, "Ana is new here: Enter adds Ana and marks them present;", "Tab takes Ana Lima")
        assert present(meeting_path) == ROOM
        assert events_of(meeting_path, "role_set") == []
        await pilot.press("enter")
        await shows(pilot, "present: Ana", gone=("Ana is new here",))
    assert present(meeting_path) == [*ROOM, "Ana"]
    assert events_of(meeting_path, "role_set")[-1]["name"] == "Ana"


@in_loop
async def test_setup_an_arrival_close_to_someone_asks_and_tab_takes_them(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    room(meeting_path, clock, ("leave", {"name": "Jo Mbeki"}))
    async with host(data_root, meeting_path, clock, setup_screen(data_root)).run_test(
        size=SIZE, notifications=True
    ) as pilot:
        await shows(pilot, "Setup:")
        await pilot.press("a")
        await type_in(pilot, "Mbeky")
        await pilot.press("enter")
        await shows(pilot, "Mbeky is new here: Enter adds Mbeky and marks them present;", "Tab takes Jo Mbeki")
        await pilot.press("tab")
        assert typed(pilot.app, "#arrive") == "Jo Mbeki"
        await pilot.press("enter")
        await shows(pilot, "back: Jo Mbeki")
    assert present(meeting_path) == [*ROOM[:2], "Jo Mbeki"]


# ---- the final test: block, stand aside, agree --------------------------------------------


def final_test(session: Session) -> Screen[None]:
    return FinalTestScreen(session, "P1")


def in_test(path: Path, clock: FakeClock) -> None:
    room(
        path,
        clock,
        ("propose", {"title": "Paint the shed", "text": "Blue.", "by": ["Ana Lima"]}),
        ("test", {"proposal": "P1"}),
    )


@in_loop
async def test_block_tab_takes_the_completion_then_moves_on(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    in_test(meeting_path, clock)
    async with host(data_root, meeting_path, clock, final_test).run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "asking: Any blocks?")
        await pilot.press("b")
        await shows(pilot, "who, and why?")
        await type_in(pilot, "iv")
        await pilot.press("tab")
        assert typed(pilot.app, "#name") == "Ivan Petrov"
        await pilot.press("tab")  # completed: Tab moves on to the reason
        assert pilot.app.screen.focused is pilot.app.screen.query_one("#reason")
        await type_in(pilot, "allergies")
        await pilot.press("enter")
        await shows(pilot, "Ivan Petrov: allergies", gone=("who, and why?",))
    assert present(meeting_path) == ROOM


@in_loop
async def test_stand_aside_by_a_name_that_matches_nobody_asks_once(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    in_test(meeting_path, clock)
    async with host(data_root, meeting_path, clock, final_test).run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "asking: Any blocks?")
        await pilot.press("s")
        await shows(pilot, "Stands aside from P1: who?")
        await type_in(pilot, "Ivna")
        await pilot.press("enter")
        await shows(pilot, *ASKS)
        assert pilot.app.screen.focused is pilot.app.screen.query_one("#name")
        assert present(meeting_path) == ROOM
        await pilot.press("enter")  # the second Enter: on to the reason
        assert pilot.app.screen.focused is pilot.app.screen.query_one("#reason")
        assert present(meeting_path) == ROOM  # nothing recorded before the form is sent
        await pilot.press("enter")
        await shows(pilot, "• Ivna", gone=("Stands aside from P1: who?",))
    assert present(meeting_path) == [*ROOM, "Ivna"]
    assert events_of(meeting_path, "position_taken")[-1]["name"] == "Ivna"


@in_loop
async def test_agree_tab_takes_the_name_the_question_offers(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    in_test(meeting_path, clock)
    async with host(data_root, meeting_path, clock, final_test).run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "asking: Any blocks?")
        await pilot.press("a")
        await shows(pilot, "Agrees with P1: who?")
        await type_in(pilot, "Petrov")
        await pilot.press("enter")
        await shows(pilot, "Petrov is new here: Enter adds Petrov and marks them present;", "Tab takes Ivan Petrov")
        await pilot.press("tab")
        assert typed(pilot.app, "#name") == "Ivan Petrov"
        await pilot.press("enter")
        await shows(pilot, "• Ivan Petrov", gone=("Petrov is new here",))
        assert typed(pilot.app, "#name") == ""  # the form stays open for the next name
    assert present(meeting_path) == ROOM


@in_loop
async def test_the_question_shows_a_name_as_typed_never_as_markup(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    in_test(meeting_path, clock)
    async with host(data_root, meeting_path, clock, final_test).run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "asking: Any blocks?")
        await pilot.press("a")
        await shows(pilot, "Agrees with P1: who?")
        await type_in(pilot, "[b]Iv[/b]")
        await pilot.press("enter")
        await shows(pilot, "[b]Iv[/b] is new here: Enter adds [b]Iv[/b] and marks them present")
        assert present(meeting_path) == ROOM


# ---- notes: action-item owners ------------------------------------------------------------


@in_loop
async def test_an_owner_who_matches_nobody_is_kept_as_written(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    room(meeting_path, clock)
    async with host(data_root, meeting_path, clock, NotesScreen).run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Notes:")
        pilot.app.screen.query_one("#action").focus()  # wherever the screen starts
        await type_in(pilot, "Buy paint")
        await pilot.press("tab")
        await type_in(pilot, "ana l")
        await pilot.press("tab")  # completes
        assert typed(pilot.app, "#owners") == "Ana Lima"
        await type_in(pilot, ", Bruno")
        await pilot.press("enter")
        await shows(pilot, "Bruno matches nobody here: Enter keeps Bruno as written")
        assert events_of(meeting_path, "action_added") == []
        await pilot.press("enter")
        await shows(pilot, "Buy paint", gone=("Bruno matches nobody",))
    assert events_of(meeting_path, "action_added")[-1]["owners"] == ["Ana Lima", "Bruno"]
    assert present(meeting_path) == ROOM  # an owner is not an arrival


# ---- proposals: presented by, amended by --------------------------------------------------


@in_loop
async def test_propose_by_completes_and_asks_about_a_newcomer(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    room(meeting_path, clock)
    app = operator_app(data_root, meeting_path, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("b")
        await shows(pilot, "New proposal")
        await type_in(pilot, "Paint the shed")
        await pilot.press("enter")
        await type_in(pilot, "jo")
        await pilot.press("tab")
        assert typed(app, "#by") == "Jo Mbeki"
        await type_in(pilot, ", Ivna")
        await pilot.press("enter")
        await shows(pilot, *ASKS)
        assert app.screen.focused is app.screen.query_one("#by")
        await pilot.press("enter")  # on to the text
        await type_in(pilot, "Blue")
        await pilot.press("ctrl+s")
        await shows(pilot, "Paint the shed", gone=("New proposal",))
    assert present(meeting_path) == [*ROOM, "Ivna"]
    assert events_of(meeting_path, "proposed")[-1]["presenters"] == ["Jo Mbeki", "Ivna"]


@in_loop
async def test_amend_by_a_name_that_matches_nobody_asks_once(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    room(meeting_path, clock, ("propose", {"title": "Paint the shed", "text": "Blue.", "by": ["Ana Lima"]}))
    screen = host(data_root, meeting_path, clock, lambda s: ProposalScreen(s, "P1"))
    async with screen.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Paint the shed")
        await pilot.press("a")
        await shows(pilot, "Amend P1")
        await type_in(pilot, "Ivna")
        await pilot.press("ctrl+s")
        await shows(pilot, *ASKS)
        assert events_of(meeting_path, "amended") == []
        await pilot.press("enter", "tab")  # the second Enter goes on; the passage stays empty
        await type_in(pilot, "Green.")
        await pilot.press("ctrl+s")
        await shows(pilot, "P1-A1", gone=("Amend P1",))
    assert present(meeting_path) == [*ROOM, "Ivna"]
    assert events_of(meeting_path, "amended")[-1]["by"] == "Ivna"


# ---- the snapshot of the question ----------------------------------------------------------


def test_snapshot_name_entry_asks_about_a_newcomer(
    snap_compare: Any, data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    room(meeting_path, clock)
    app = operator_app(data_root, meeting_path, clock)

    async def asked(pilot: Pilot[Any]) -> None:
        await pilot.press("a")
        await pilot.pause()
        await type_in(pilot, "Ivna")
        await pilot.press("enter")
        await shows(pilot, *ASKS)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=asked)


@in_loop
async def test_setup_a_name_typed_on_past_an_unanswered_question_is_asked_about_again(
    data_root: Path, meeting_path: Path, clock: FakeClock
) -> None:
    """The walkthrough's slip: "ana" asked about (close to Ana), the next name typed straight on
    ("anaBen Okoro") must not join the record unasked, though it is close to nobody."""
    room(meeting_path, clock, ("leave", {"name": "Jo Mbeki"}))
    async with host(data_root, meeting_path, clock, setup_screen(data_root)).run_test(
        size=SIZE, notifications=True
    ) as pilot:
        await shows(pilot, "Setup:")
        await pilot.press("a")
        await type_in(pilot, "Mbeky")
        await pilot.press("enter")
        await shows(pilot, "Mbeky is new here")
        await type_in(pilot, "Ben Okoro")
        await pilot.press("enter")
        await shows(pilot, "MbekyBen Okoro is new here: Enter adds MbekyBen Okoro and marks them present")
        assert present(meeting_path) == [*ROOM[:2]]  # nothing recorded yet
        for _ in range(len("MbekyBen Okoro")):
            await pilot.press("backspace")
        await type_in(pilot, "Ben Okoro")
        await pilot.press("enter")
        await shows(pilot, "present: Ben Okoro")
    assert present(meeting_path) == [*ROOM[:2], "Ben Okoro"]
