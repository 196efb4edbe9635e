"""The operator screen, key by key: what the user sees, and what ends up stored on disk."""

from __future__ import annotations

import gc
import re
import weakref
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from facilitator.clock import FakeClock
from facilitator.meeting import state
from facilitator.minutes.document import minutes_markdown
from facilitator.session import Session
from facilitator.store import kept_minutes
from facilitator.store.meeting_file import Index, MeetingStore
from screens.app import FacilitatorApp
from screens.operator.operator import OperatorScreen
from screens.operator.stack_view import StackList
from screens.widgets.keybar import KeyBar
from screens.widgets.name_entry import NameEntry, matching
from tests.ui.conftest import in_loop, screen_text, shows, stored, stored_types, type_in

Make = Callable[[Path], FacilitatorApp]
Other = Callable[[Path], Session]
SIZE = (100, 30)


def events_of(path: Path, event_type: str) -> list[dict[str, object]]:
    return [e for e in stored(path) if e["type"] == event_type]


def stack_names(app: FacilitatorApp) -> list[str]:
    return [p.entry.name for p in app.screen.query_one(StackList).places]


def stack_lines(stack: StackList) -> str:
    return "\n".join(stack.render_line(y).text for y in range(stack.size.height))


def seed(other: Other, path: Path, *steps: tuple[str, dict[str, object]]) -> None:
    """Set a meeting up from another terminal before the operator screen opens."""
    session = other(path)
    for action, args in steps:
        session.act(action, **args)


async def add(pilot: object, key: str, name: str) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press(key)
    await pilot.pause()
    await type_in(pilot, name)
    await pilot.press("enter")
    await pilot.pause()


# ---- adding people to the stack --------------------------------------------------------------


@in_loop
async def test_a_adds_a_new_point_in_three_keystrokes(meeting_path: Path, operator_app: Make, other: Other) -> None:
    seed(other, meeting_path, ("attend", {"names": ["Ana"]}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await add(pilot, "a", "Ana")
        text = await shows(pilot, "Ana", "new point", "Stack: 1 waiting")
        assert "Ana is on the stack (new point)" in text  # the recent actions
    raised = events_of(meeting_path, "hand_raised")
    assert [(e["data"]["name"], e["data"]["kind"]) for e in raised] == [("Ana", "new")]  # type: ignore[index]
    assert raised[0]["actor"] == {"user": "ana", "role": "stack", "as": None, "terminal": "t1"}


@in_loop
async def test_closing_the_operator_keeps_the_minutes_for_the_command(
    meeting_path: Path, operator_app: Make, other: Other
) -> None:
    seed(other, meeting_path, ("attend", {"names": ["Ana"]}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await add(pilot, "a", "Ana")
        await shows(pilot, "Stack: 1 waiting")
    made = minutes_markdown(state.fold(MeetingStore(meeting_path).load()))
    assert "Ana" in made
    assert kept_minutes.kept(meeting_path, "markdown", kept_minutes.key_of(meeting_path)) == made


class Cyclic:
    def __init__(self) -> None:
        self.me = self


@in_loop
async def test_once_settled_the_collectors_full_passes_are_the_apps_own(meeting_path: Path, operator_app: Make) -> None:
    before = gc.get_threshold()
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.settle()
        held = Cyclic()
        gc.collect(1)  # alive through the young passes: it now stands where only a full pass looks
        garbage = weakref.ref(held)
        del held
        for _ in range(200):  # enough young passes to have started a full one, left to Python
            [[] for _ in range(1000)]
        assert garbage() is not None
        app.full_pass()
        await pilot.pause()
        assert garbage() is None
    assert gc.get_threshold() == before


@in_loop
async def test_the_name_completes_from_people_already_known(
    meeting_path: Path, operator_app: Make, other: Other
) -> None:
    seed(other, meeting_path, ("attend", {"names": ["Amara Okafor", "Bruno Silva"]}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_in(pilot, "ok")  # a word of the name is enough
        await shows(pilot, "Amara Okafor")
        assert isinstance(app.screen, NameEntry)
        assert app.screen.choices == ["Amara Okafor", "ok"]
        await pilot.press("enter")
        await shows(pilot, "Stack: 1 waiting")
    assert events_of(meeting_path, "hand_raised")[0]["data"]["name"] == "Amara Okafor"  # type: ignore[index]


@in_loop
async def test_the_name_completes_from_people_of_earlier_meetings(
    meeting_path: Path, operator_app: Make, data_root: Path
) -> None:
    Index(data_root).remember_people(["Zora Quist"])
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await add(pilot, "a", "zo")
        await shows(pilot, "Zora Quist is new here: Enter adds Zora Quist and marks them present")
        await pilot.press("enter")  # new to this meeting: the second Enter records the arrival
        await shows(pilot, "Zora Quist is on the stack")


@in_loop
async def test_a_name_nobody_has_yet_is_offered_as_new(meeting_path: Path, operator_app: Make, other: Other) -> None:
    seed(other, meeting_path, ("attend", {"names": ["Amara Okafor"]}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_in(pilot, "Am")
        await shows(pilot, "Amara Okafor", "Am (new name)")
        await pilot.press("down", "enter")  # the second choice: the name as typed, which asks once
        await shows(pilot, "Am is new here: Enter adds Am and marks them present;", "Tab takes Amara Okafor")
        await pilot.press("enter")
        await shows(pilot, "Stack: 1 waiting")
    assert events_of(meeting_path, "hand_raised")[0]["data"]["name"] == "Am"  # type: ignore[index]
    assert [e["data"]["name"] for e in events_of(meeting_path, "attended")] == ["Amara Okafor", "Am"]  # type: ignore[index]


def test_matching_puts_whole_name_matches_first() -> None:
    names = ["Bruno Silva", "Silvia Marx", "Ana"]
    assert matching("sil", names) == ["Silvia Marx", "Bruno Silva"]
    assert matching("", names) == names
    assert matching("  ANA ", names) == ["Ana"]


@in_loop
async def test_ctrl_s_in_the_entry_asks_to_step_up(meeting_path: Path, operator_app: Make, other: Other) -> None:
    seed(other, meeting_path, ("attend", {"names": ["Kwame"]}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_in(pilot, "Kwame")
        await pilot.press("ctrl+s")
        await shows(pilot, "step up: yes")
        await pilot.press("enter")
        await shows(pilot, "Kwame is on the stack (new point, step up)")
    assert events_of(meeting_path, "hand_raised")[0]["data"]["step_up"] is True  # type: ignore[index]


@in_loop
async def test_a_refused_name_keeps_what_was_typed(meeting_path: Path, operator_app: Make, other: Other) -> None:
    seed(other, meeting_path, ("attend", {"names": ["Ana"]}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await add(pilot, "a", "Ana")
        await add(pilot, "a", "Ana")
        text = await shows(pilot, "Ana is already on the stack (new point)")
        assert isinstance(app.screen, NameEntry)
        assert app.screen.query_one(Input).value == "Ana"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OperatorScreen)
        assert "Traceback" not in text
    assert len(events_of(meeting_path, "hand_raised")) == 1


@in_loop
async def test_escape_cancels_the_entry_and_records_nothing(meeting_path: Path, operator_app: Make) -> None:
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_in(pilot, "Ana")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OperatorScreen)
        assert stack_names(app) == []
    assert stored_types(meeting_path) == ["meeting_opened"]


@in_loop
async def test_r_adds_a_response_to_the_speaker(meeting_path: Path, operator_app: Make, other: Other) -> None:
    seed(other, meeting_path, ("attend", {"names": ["Bo", "Ana"]}), ("hand", {"name": "Bo"}), ("next", {}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("r")
        await shows(pilot, "Direct response to Bo: who?")
        await type_in(pilot, "Ana")
        await pilot.press("enter")
        await shows(pilot, "direct response", "responds to Bo")
    raised = events_of(meeting_path, "hand_raised")[-1]["data"]
    assert raised["kind"] == "response" and raised["answers"]  # type: ignore[index]


@in_loop
async def test_c_adds_a_clarifying_question_ahead_of_new_points(
    meeting_path: Path, operator_app: Make, other: Other
) -> None:
    seed(other, meeting_path, ("attend", {"names": ["Ana", "Bo"]}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await add(pilot, "a", "Ana")
        await add(pilot, "c", "Bo")
        await shows(pilot, "clarifying question")
        assert stack_names(app) == ["Bo", "Ana"]
    assert events_of(meeting_path, "hand_raised")[-1]["data"]["kind"] == "clarify"  # type: ignore[index]


@in_loop
async def test_p_then_n_pauses_the_speaker_for_a_point_of_process(
    meeting_path: Path, operator_app: Make, other: Other
) -> None:
    seed(other, meeting_path, ("attend", {"names": ["Bo", "Cy"]}), ("hand", {"name": "Bo"}), ("next", {}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await add(pilot, "p", "Cy")
        await pilot.press("n")
        text = await shows(pilot, "paused for a point of process: Bo")
        assert "Cy" in text and "point of process" in text
        await pilot.press("e")  # the point of process is done: Bo has the floor again
        await shows(pilot, "Bo", gone=("paused for a point of process: Bo",))
    assert stored_types(meeting_path)[-3:] == ["turn_started", "turn_ended", "turn_resumed"]


# ---- the floor and the clock -----------------------------------------------------------------


@in_loop
async def test_n_gives_the_floor_and_the_countdown_starts(
    meeting_path: Path, operator_app: Make, other: Other, clock: FakeClock
) -> None:
    seed(other, meeting_path, ("attend", {"names": ["Ana"]}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await add(pilot, "a", "Ana")
        await pilot.press("n")
        await shows(pilot, "of 2:00", "Stack: 0 waiting")
        clock.advance(45)
        await shows(pilot, "spoken 0:45")
    assert events_of(meeting_path, "turn_started")[0]["data"]["name"] == "Ana"  # type: ignore[index]


@in_loop
async def test_the_countdown_warns_and_counts_overtime_in_words(
    meeting_path: Path, operator_app: Make, other: Other, clock: FakeClock
) -> None:
    seed(other, meeting_path, ("attend", {"names": ["Ana"]}), ("hand", {"name": "Ana"}), ("next", {}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        clock.advance(110)
        await shows(pilot, "10 s left")
        clock.advance(22)
        await shows(pilot, "OVERTIME +0:12")


@in_loop
async def test_e_ends_the_turn(meeting_path: Path, operator_app: Make, other: Other) -> None:
    seed(other, meeting_path, ("attend", {"names": ["Ana"]}), ("hand", {"name": "Ana"}), ("next", {}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "spoken 0:00")
        await pilot.press("e")
        await shows(pilot, "Nobody has the floor")
    assert stored_types(meeting_path)[-1] == "turn_ended"


@in_loop
async def test_space_pauses_and_resumes_the_clock(
    meeting_path: Path, operator_app: Make, other: Other, clock: FakeClock
) -> None:
    seed(other, meeting_path, ("attend", {"names": ["Ana"]}), ("hand", {"name": "Ana"}), ("next", {}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        clock.advance(10)
        await pilot.press("space")
        await shows(pilot, "PAUSED", "space resume")
        clock.advance(300)  # paused time is not speaking time
        await shows(pilot, "spoken 0:10")
        await pilot.press("space")
        await shows(pilot, "space pause", gone=("PAUSED",))
    assert stored_types(meeting_path)[-2:] == ["turn_paused", "turn_resumed"]


@in_loop
async def test_x_extends_the_turn_by_thirty_seconds(meeting_path: Path, operator_app: Make, other: Other) -> None:
    seed(other, meeting_path, ("attend", {"names": ["Ana"]}), ("hand", {"name": "Ana"}), ("next", {}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("x")
        await shows(pilot, "of 2:30")
    assert events_of(meeting_path, "extended")[0]["data"]["seconds"] == 30  # type: ignore[index]


# ---- the selected entry ----------------------------------------------------------------------


def three_waiting(other: Other, path: Path) -> None:
    seed(other, path, ("attend", {"names": ["Ana", "Bo", "Cy"]}), *(("hand", {"name": n}) for n in ("Ana", "Bo", "Cy")))


@in_loop
async def test_l_lowers_the_selected_hand(meeting_path: Path, operator_app: Make, other: Other) -> None:
    three_waiting(other, meeting_path)
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("down", "l")
        await shows(pilot, "Take Bo (new point) off the stack?")  # it asks first; n would keep Bo
        await pilot.press("y")
        await shows(pilot, "Bo taken off the stack by stack", "Stack: 2 waiting")
        assert stack_names(app) == ["Ana", "Cy"]
    assert events_of(meeting_path, "hand_lowered")[0]["data"]["removed"] is True  # type: ignore[index]


@in_loop
async def test_brackets_move_the_selected_entry_and_the_cursor_follows(
    meeting_path: Path, operator_app: Make, other: Other
) -> None:
    three_waiting(other, meeting_path)
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("right_square_bracket")
        await shows(pilot, "Ana moved to 2nd by the stack keeper", "moved by the stack keeper")
        assert stack_names(app) == ["Bo", "Ana", "Cy"]
        await pilot.press("right_square_bracket")  # the cursor moved with Ana
        await shows(pilot, "Ana moved to 3rd by the stack keeper")
        assert stack_names(app) == ["Bo", "Cy", "Ana"]
        await pilot.press("left_square_bracket")
        await shows(pilot, "Ana moved to 2nd by the stack keeper")
        assert stack_names(app) == ["Bo", "Ana", "Cy"]
    assert len(events_of(meeting_path, "moved")) == 3


@in_loop
async def test_shift_arrows_move_too(meeting_path: Path, operator_app: Make, other: Other) -> None:
    three_waiting(other, meeting_path)
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("down", "down", "shift+up")
        await shows(pilot, "Cy moved to 2nd by the stack keeper")
        assert stack_names(app) == ["Ana", "Cy", "Bo"]


@in_loop
async def test_a_stack_longer_than_its_panel_scrolls_with_the_cursor(
    meeting_path: Path, operator_app: Make, other: Other
) -> None:
    names = [f"Person {n:02}" for n in range(1, 31)]
    seed(other, meeting_path, ("attend", {"names": names}), *(("hand", {"name": name}) for name in names))
    app = operator_app(meeting_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        stack = app.screen.query_one(StackList)
        visible = stack.size.height - 1
        assert visible < len(names)
        assert str(stack.border_title).startswith(f"Stack: 1-{visible} of 30 waiting")  # the places shown
        assert "Person 30" not in stack_lines(stack)
        await pilot.press("end")
        await pilot.pause()
        assert stack.selected().entry.name == "Person 30"  # type: ignore[union-attr]
        assert "Person 30" in stack_lines(stack) and "Person 01" not in stack_lines(stack)
        assert str(stack.border_title).startswith(f"Stack: {31 - visible}-30 of 30 waiting")
        await pilot.press("home", "down")
        await pilot.pause()
        assert stack.selected().entry.name == "Person 02"  # type: ignore[union-attr]
        await pilot.click(StackList, offset=(5, 4))  # the header, then rows 1, 2, 3 (Person 04)
        assert stack.selected().entry.name == "Person 04"  # type: ignore[union-attr]
        await pilot.press("l", "y")  # lowering asks first
        await shows(pilot, "Person 04 taken off the stack")
        assert stack.selected().entry.name == "Person 05"  # type: ignore[union-attr]


@in_loop
async def test_moving_past_the_top_is_refused_in_a_notification(
    meeting_path: Path, operator_app: Make, other: Other
) -> None:
    three_waiting(other, meeting_path)
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("left_square_bracket")
        await shows(pilot, "Ana is already first on the stack")
    assert "moved" not in stored_types(meeting_path)


@in_loop
async def test_m_moves_the_selected_entry_to_a_position(meeting_path: Path, operator_app: Make, other: Other) -> None:
    three_waiting(other, meeting_path)
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("down", "down", "m")
        await shows(pilot, "Move Cy (new point) to:")
        await pilot.press("9", "enter")  # refused: the form stays with the 9
        await shows(pilot, "position 9 is off the stack: choose 1 to 3")
        assert app.screen.query_one(Input).value == "9"
        await pilot.press("backspace", "1", "enter")
        await shows(pilot, "Cy moved to 1st by the stack keeper")
        assert stack_names(app) == ["Cy", "Ana", "Bo"]
    assert events_of(meeting_path, "moved")[0]["data"]["by"] == "stack"  # type: ignore[index]


@in_loop
async def test_l_on_an_empty_stack_says_so(meeting_path: Path, operator_app: Make) -> None:
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("l")
        await shows(pilot, "the stack is empty: nobody to select")


# ---- the stack as a whole --------------------------------------------------------------------


@in_loop
async def test_k_closes_and_reopens_the_stack(meeting_path: Path, operator_app: Make) -> None:
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("k")
        await shows(pilot, "CLOSED to new points", "k open stack")
        await pilot.press("k")
        await shows(pilot, "· open ·", "k close stack")
    assert stored_types(meeting_path)[-2:] == ["stack_closed", "stack_opened"]


@in_loop
async def test_g_cycles_the_progressive_mode(meeting_path: Path, operator_app: Make) -> None:
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for mode in ("first-time", "least-airtime", "step-up", "off"):
            await pilot.press("g")
            await shows(pilot, f"progressive: {mode}")
    assert [e["data"]["mode"] for e in events_of(meeting_path, "stack_mode")] == [  # type: ignore[index]
        "first-time",
        "least-airtime",
        "step-up",
        "off",
    ]


# ---- attendance ------------------------------------------------------------------------------


@in_loop
async def test_i_marks_someone_present_and_o_marks_them_gone(meeting_path: Path, operator_app: Make) -> None:
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await add(pilot, "i", "Dolores")
        await shows(pilot, "1 present", "present: Dolores (1 in all)")
        await add(pilot, "o", "dol")  # completes from the people present
        await shows(pilot, "0 present", "Dolores left")
    assert stored_types(meeting_path)[-2:] == ["attended", "left"]


# ---- undo, agenda, leaving -------------------------------------------------------------------


@in_loop
async def test_u_undoes_this_terminals_latest_action(meeting_path: Path, operator_app: Make, other: Other) -> None:
    seed(other, meeting_path, ("attend", {"names": ["Bo", "Ana"]}), ("hand", {"name": "Bo"}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await add(pilot, "a", "Ana")
        await shows(pilot, "Stack: 2 waiting")
        await pilot.press("u")
        text = await shows(pilot, "Stack: 1 waiting", "undid: Ana is on the stack (new point)")
        assert re.search(r"ana, stack  Ana is on the stack .*\(undone\)", text)
        assert stack_names(app) == ["Bo"]
        await pilot.press("u")  # Bo was put there by another terminal
        await shows(pilot, "nothing of yours to undo")
    assert stored_types(meeting_path)[-1] == "undone"


@in_loop
async def test_j_with_people_waiting_asks_whether_to_carry_them_over(
    meeting_path: Path, operator_app: Make, other: Other
) -> None:
    seed(
        other,
        meeting_path,
        ("attend", {"names": ["Ana"]}),
        ("agenda_add", {"title": "Budget"}),
        ("agenda_add", {"title": "Garden"}),
        ("hand", {"name": "Ana"}),
    )
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j")
        await shows(pilot, "Move on to: Budget", "1 still waiting on this stack: Ana.")
        await pilot.press("escape")
        await shows(pilot, "General stack", gone=("Move on to",))
        assert "item_started" not in stored_types(meeting_path)
        await pilot.press("j", "c")
        await shows(pilot, "Item 1 of 2: Budget", "now on: Budget")
        assert stack_names(app) == ["Ana"]
        await pilot.press("j", "x")
        await shows(pilot, "Item 2 of 2: Garden", "Stack: 0 waiting")
    started = events_of(meeting_path, "item_started")
    assert [e["data"]["carry"] for e in started] == [True, False]  # type: ignore[index]


@in_loop
async def test_j_with_nobody_waiting_moves_on_at_once(meeting_path: Path, operator_app: Make, other: Other) -> None:
    seed(other, meeting_path, ("agenda_add", {"title": "Budget", "minutes": 10}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j")
        await shows(pilot, "Item 1 of 1: Budget", "item 0:00 of 10:00")
        await pilot.press("j")
        await shows(pilot, "every agenda item has been taken up")


@in_loop
async def test_q_quits_when_the_screen_was_opened_directly(meeting_path: Path, operator_app: Make) -> None:
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0 or not app.is_running


# ---- refusals, markup, other terminals, palette, keys -----------------------------------------


@in_loop
async def test_a_refusal_is_one_line_in_a_notification(meeting_path: Path, operator_app: Make) -> None:
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("n")
        await shows(pilot, "the stack is empty: nobody to give the floor to")
        await pilot.press("e", "space", "x")
        await shows(pilot, "nobody has the floor")
        assert isinstance(app.screen, OperatorScreen)
    assert stored_types(meeting_path) == ["meeting_opened"]


@in_loop
async def test_names_that_look_like_markup_show_literally(meeting_path: Path, operator_app: Make, other: Other) -> None:
    seed(other, meeting_path, ("attend", {"names": ["[bold red]Ana[/]", "Zoë 🌻", "مريم"]}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await add(pilot, "a", "[bold red]Ana[/]")
        text = await shows(pilot, "[bold red]Ana[/] is on the stack")
        assert "[bold red]Ana[/]  " in text  # in the table too
        await add(pilot, "a", "[bold red]Ana[/]")
        await shows(pilot, "[bold red]Ana[/] is already on the stack (new point)")
        await pilot.press("escape")
        for waiting, name in enumerate(("Zoë 🌻", "مريم"), start=2):
            await add(pilot, "c", name)
            await shows(pilot, f"Stack: {waiting} waiting", name)
        assert stack_names(app) == ["Zoë 🌻", "مريم", "[bold red]Ana[/]"]


@in_loop
async def test_the_screen_follows_other_terminals(meeting_path: Path, operator_app: Make, other: Other) -> None:
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await shows(pilot, "Stack: 0 waiting")
        seed(other, meeting_path, ("attend", {"names": ["Fatima"]}), ("hand", {"name": "Fatima"}), ("next", {}))
        text = await shows(pilot, "Fatima has the floor", "spoken 0:00")
        assert "bo, facilitator" in text  # who did it


@in_loop
async def test_every_key_is_in_the_command_palette(meeting_path: Path, operator_app: Make, other: Other) -> None:
    seed(other, meeting_path, ("attend", {"names": ["Ana"]}), ("hand", {"name": "Ana"}))
    app = operator_app(meeting_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_in(pilot, "give the floor")
        await shows(pilot, "Give the floor to the next on the stack", "key: n")
        await pilot.press("enter")
        await shows(pilot, "Ana has the floor")
    assert stored_types(meeting_path)[-1] == "turn_started"


def test_every_visible_key_has_a_palette_sentence() -> None:
    for binding in OperatorScreen.BINDINGS:
        assert not isinstance(binding, tuple)
        if binding.show:
            assert binding.tooltip and binding.description, binding.key


@in_loop
async def test_every_key_is_in_the_footer_at_80_columns(meeting_path: Path, operator_app: Make) -> None:
    app = operator_app(meeting_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        labels = app.screen.query_one(KeyBar).labels
        text = screen_text(app)
        shown = [b for b in OperatorScreen.BINDINGS if not isinstance(b, tuple) and b.show]
        assert len(labels) == len(shown)
        for label in labels:
            assert f"{label.shown} {label.description}" in text


@in_loop
async def test_clicking_a_key_on_the_footer_presses_it(meeting_path: Path, operator_app: Make, other: Other) -> None:
    seed(other, meeting_path, ("attend", {"names": ["Ana"]}), ("hand", {"name": "Ana"}))
    app = operator_app(meeting_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        lines = screen_text(app).splitlines()[bar.region.y : bar.region.bottom]
        row = next(y for y, line in enumerate(lines) if " n next " in f" {line} ")
        column = f" {lines[row]} ".index(" n next ")  # the key's own column on the screen
        await pilot.click(KeyBar, offset=(column + 3, row))  # on the word, not the key
        await shows(pilot, "Ana", "Stack: 0 waiting")
        before = len(stored(meeting_path))
        await pilot.click(KeyBar, offset=(column - 1, row))  # the gap before it: nothing
        await pilot.pause()
        assert isinstance(app.screen, OperatorScreen) and len(stored(meeting_path)) == before
    assert [e["type"] for e in stored(meeting_path)].count("turn_started") == 1
