"""The projector view: what the room sees, that it follows other terminals, that it changes nothing."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from facilitator.clock import FakeClock
from facilitator.demo import build_demo
from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import locations, meetings
from facilitator.store.meeting_file import MeetingStore
from screens.app import FacilitatorApp
from screens.projector.countdown import Countdown
from screens.projector.projector import ProjectorScreen

FIXED = 1_764_000_000.0  # the demo is built relative to this moment; the clock never moves by itself


def in_loop(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test in its own event loop (no async plugin needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def shows(pilot: Pilot[None], *needles: str, gone: tuple[str, ...] = (), rounds: int = 100) -> str:
    """Let the app run until every needle is on screen and nothing `gone` is (bounded: `rounds`
    short pauses, so a projector that never catches up fails instead of hanging)."""
    app = pilot.app
    text = ""
    for _ in range(rounds):
        await pilot.pause(0.02)
        text = screen_text(app)
        if all(n in text for n in needles) and not any(g in text for g in gone):
            return text
    raise AssertionError(f"the projector never showed {needles} without {gone}:\n{text}")


def demo(root: Path) -> Path:
    return locations.meeting_file(root, build_demo(root, now=FIXED))


def projector(root: Path, path: Path, at: float = FIXED) -> FacilitatorApp:
    return FacilitatorApp(root, start="projector", meeting=path, clock=FakeClock(at))


def operator_at(path: Path, at: float = FIXED) -> Session:
    """Another terminal on the same file: its own Session, its own process-like view."""
    return Session.open(path, Actor("bea", role="stack", terminal="op2"), FakeClock(at))


def stored(path: Path) -> list[dict[str, object]]:
    return MeetingStore(path).load()


# ---- following the operators --------------------------------------------------------------


@in_loop
async def test_the_projector_follows_what_another_terminal_writes(data_root: Path) -> None:
    path = demo(data_root)
    app = projector(data_root, path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, ProjectorScreen)
        await shows(pilot, "Jonas Berg", "Amara Okafor")
        other = operator_at(path)
        other.act("attend", names=["Zora Quist"])
        other.act("hand", name="Zora Quist", kind="new")
        other.act("stack_close")
        await shows(pilot, "Zora Quist", "stack closed to new points")
        other.act("next")  # Amara's clarifying question takes the floor
        await shows(pilot, "of 0:30", "responds to Jonas Berg")
        other.act("end")
        await shows(pilot, "nobody has the floor", gone=("of 0:30",))


@in_loop
async def test_a_point_of_process_shows_who_waits_paused(data_root: Path) -> None:
    path = demo(data_root)
    app = projector(data_root, path)
    async with app.run_test(size=(80, 24)) as pilot:
        other = operator_at(path)
        other.act("hand", name="Iris Novak", kind="process")
        other.act("next")
        await shows(pilot, "Iris Novak", "POINT OF PROCESS", "paused for a point of process: Jonas Berg (0:47 left)")
        other.act("end")
        await shows(pilot, "Jonas Berg", "new point", gone=("paused for a point of process", "Iris Novak"))


@in_loop
async def test_the_clock_is_computed_from_now_never_counted(data_root: Path) -> None:
    path = demo(data_root)
    clock = FakeClock(FIXED)
    app = FacilitatorApp(data_root, start="projector", meeting=path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        digits = app.screen.query_one(Countdown)
        await shows(pilot, "of 2:00")
        for _ in range(5):  # many repaints, no time passing: the same time
            await pilot.pause(0.05)
            assert digits.digits == "0:47"
        clock.advance(30)
        await shows(pilot, "17 s left")
        assert digits.digits == "0:17"
        clock.advance(60)
        await shows(pilot, "OVERTIME +0:43")
        assert digits.digits == "-0:43"


@in_loop
async def test_the_clock_follows_the_terminal_as_it_is_resized(data_root: Path) -> None:
    path = demo(data_root)
    app = projector(data_root, path)
    async with app.run_test(size=(80, 24)) as pilot:
        await shows(pilot, "Jonas Berg", "of 2:00")
        for size in ((160, 45), (60, 20), (120, 36), (100, 45), (80, 24)):
            await pilot.resize_terminal(*size)
            text = await shows(pilot, "Jonas Berg", "of 2:00")
            blocks = [line for line in text.splitlines() if "██" in line]
            if size[1] >= 40:  # a tall screen: the digits grow, eleven rows of blocks
                assert len(blocks) >= 8 and "╭─╮" not in text
            else:  # Textual's three-row digits, whatever the width
                assert "╭─╮" in text and not blocks


def next_up_lines(text: str) -> list[str]:
    """The lines inside the next-up panel: from its title to its lower edge."""
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if "next on the stack" in line)
    column = lines[top].rfind("╭", 0, lines[top].index("next on the stack"))
    inside = []
    for line in lines[top + 1 :]:
        if line[column] == "╰":
            break
        inside.append(line[column + 1 : line.index("│", column + 1)].strip())
    return inside


@in_loop
async def test_the_stack_uses_the_rows_it_has_before_saying_how_many_more(data_root: Path) -> None:
    path = demo(data_root)
    other = operator_at(path)
    first = ["Pia", "Quentin", "Rosa"]
    other.act("attend", names=first)
    for name in first:
        other.act("hand", name=name)
    app = projector(data_root, path)
    async with app.run_test(size=(80, 24)) as pilot:  # eight waiting: all of them fit
        text = await shows(pilot, "Quentin", "Rosa", "Bruno Silva")
        assert "more on the stack" not in text
    more = [f"Newcomer {n}" for n in range(1, 20)]
    other.act("attend", names=more)
    for name in more:
        other.act("hand", name=name)
    for size in ((80, 24), (160, 45)):
        app = projector(data_root, path)
        async with app.run_test(size=size) as pilot:  # 27: as many as the rows hold, then the count
            text = await shows(pilot, "more on the stack")
            inside = next_up_lines(text)
            places = [line for line in inside if line[:3].strip().rstrip(".").isdigit()]
            said = next(line for line in inside if "more on the stack" in line)
            assert len(places) + int(said.split()[0].lstrip("+")) == 27
            assert len(places) >= 8
            below = inside[inside.index(said) + 1 :]
            assert not any(below) and len(below) <= 1  # no room left for one more (a place and its spacing)


@in_loop
async def test_long_names_leave_everything_essential_on_an_80x24_screen(data_root: Path) -> None:
    path = demo(data_root)
    other = operator_at(path)
    newcomers = ("Anneliese Katharina Brandenburg-Oberholzer", "Oluwaseun Adebayo-Okonkwo Fashola", "Pia")
    other.act("attend", names=["Maria Fernanda de los Ángeles Villanueva Rosales", *newcomers])
    other.act("hand", name="Maria Fernanda de los Ángeles Villanueva Rosales", kind="process")
    other.act("next")
    for name in newcomers:
        other.act("hand", name=name)
    other.act("stack_close")
    app = projector(data_root, path)
    async with app.run_test(size=(80, 24)) as pilot:
        await shows(
            pilot,
            "Maria Fernanda de los Ángeles Villanueva Rosales",
            "paused for a point of process: Jonas Berg (0:47 left)",
            "Oluwaseun",
            "Bruno Silva",  # all eight: the panel has the rows
            "stack closed to new points",
        )


@in_loop
async def test_a_damaged_file_is_said_and_the_last_state_stays(data_root: Path) -> None:
    path = demo(data_root)
    app = projector(data_root, path)
    async with app.run_test(size=(100, 30)) as pilot:
        await shows(pilot, "Jonas Berg")
        path.write_text("{ not json", encoding="utf-8")
        text = await shows(pilot, "cannot read the meeting")
        assert "Jonas Berg" in text


@in_loop
async def test_later_parts_plug_into_the_business_region(data_root: Path) -> None:
    """What later issues add (proposal text, check bars) is built with the meeting's first business
    (a proposal in play, an open check) and then shown on every repaint like the rest."""
    from rich.text import Text
    from textual.widgets import Static

    from facilitator.meeting.state import Meeting

    class Present(Static):
        def show(self, meeting: Meeting, now: float) -> None:
            self.update(Text(f"{len(meeting.present)} people in the room"))

    class WithBusiness(ProjectorScreen):
        BUSINESS = (Present,)

    path = demo(data_root)

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(WithBusiness(Session.open(path, Actor("x"), FakeClock(FIXED))))

    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        await shows(pilot, "Jonas Berg", gone=("people in the room",))  # no business yet: not built
        operator = operator_at(path)
        operator.act("propose", title="Replace the boiler", text="We set aside 400 euros a month.", by=["Dolores Ruiz"])
        await shows(pilot, "12 people in the room")
        operator.act("attend", names=["Pia"])
        await shows(pilot, "13 people in the room")


# ---- user text is text --------------------------------------------------------------------


@in_loop
async def test_names_and_titles_with_markup_show_literally(data_root: Path, clock: FakeClock) -> None:
    title = "[bold red]Budget[/] & [link=https://x]votes[/link] 🗳"
    meeting_id = meetings.create(data_root, title, Actor("ana"), clock.now())
    path = locations.meeting_file(data_root, meeting_id)
    other = Session.open(path, Actor("ana"), clock)
    other.act("attend", names=["[i]Mallory[/i]", "[reverse]Trent", "שלום עליכם"])
    other.act("hand", name="[i]Mallory[/i]")
    other.act("next")
    other.act("hand", name="[reverse]Trent", kind="response")
    other.act("hand", name="שלום עליכם")
    app = FacilitatorApp(data_root, start="projector", meeting=path, clock=clock)
    async with app.run_test(size=(140, 30)) as pilot:
        await shows(pilot, "[bold red]Budget[/] & [link=https://x]votes[/link]", "[i]Mallory[/i]", "[reverse]Trent")
        await shows(pilot, "responds to [i]Mallory[/i]", "שלום עליכם")


# ---- read-only ----------------------------------------------------------------------------

EVERY_KEY = [
    *"abcdefghijklmnoprstuvwxyz0123456789",
    *"+-=/?!.,;:'\"[]{}()<>*&^%$#@~`|\\",
    "space",
    "enter",
    "tab",
    "shift+tab",
    "backspace",
    "delete",
    "insert",
    "home",
    "end",
    "pageup",
    "pagedown",
    "up",
    "down",
    "left",
    "right",
    *(f"f{n}" for n in range(1, 13)),
    *(f"ctrl+{c}" for c in "abdefghijklnorstuvwxyz"),  # not ctrl+c/p/q: quit, palette (below)
]


@in_loop
async def test_no_key_changes_the_meeting(data_root: Path) -> None:
    path = demo(data_root)
    before = stored(path)
    app = projector(data_root, path)
    async with app.run_test(size=(80, 24)) as pilot:
        await shows(pilot, "Jonas Berg")
        await pilot.press(*EVERY_KEY)
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ProjectorScreen)
    assert stored(path) == before


@in_loop
async def test_the_command_palette_offers_no_meeting_action(data_root: Path) -> None:
    path = demo(data_root)
    before = stored(path)
    app = projector(data_root, path)
    async with app.run_test(size=(80, 24)) as pilot:
        await shows(pilot, "Jonas Berg")
        for words in ("next", "hand", "undo", "pause", "end", "stack close", "extend"):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*words.replace(" ", "_"))
            await pilot.press("enter", "escape")
            await pilot.pause()
            while not isinstance(app.screen, ProjectorScreen):
                await pilot.press("escape")
                await pilot.pause()
    assert stored(path) == before


@pytest.mark.parametrize("key", ["q", "escape"])
@in_loop
async def test_q_or_escape_closes_the_view(data_root: Path, key: str) -> None:
    app = projector(data_root, demo(data_root))
    async with app.run_test(size=(80, 24)) as pilot:
        await shows(pilot, "Jonas Berg")
        await pilot.press(key)
        await pilot.pause()
        assert not app.is_running


# ---- snapshots: a frozen clock, nothing else moves ------------------------------------------


def settle(*needles: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await shows(pilot, *needles)

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_snapshot_demo(snap_compare: Callable[..., bool], data_root: Path, size: tuple[int, int]) -> None:
    app = projector(data_root, demo(data_root))
    assert snap_compare(app, terminal_size=size, run_before=settle("Jonas Berg", "of 2:00", "Bruno Silva"))


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_snapshot_overtime(snap_compare: Callable[..., bool], data_root: Path, size: tuple[int, int]) -> None:
    app = projector(data_root, demo(data_root), at=FIXED + 120)
    assert snap_compare(app, terminal_size=size, run_before=settle("OVERTIME +1:13"))


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_snapshot_paused_for_process(snap_compare: Callable[..., bool], data_root: Path, size: tuple[int, int]) -> None:
    path = demo(data_root)
    other = operator_at(path)
    newcomers = ("Pia Sørensen", "Quentin Abara", "Rosa Delgado-Marín", "Sami Haddad")
    other.act("attend", names=list(newcomers))
    other.act("hand", name="Iris Novak", kind="process")
    other.act("next")
    for name in newcomers:
        other.act("hand", name=name)
    other.act("stack_close")
    app = projector(data_root, path)
    assert snap_compare(app, terminal_size=size, run_before=settle("POINT OF PROCESS", "stack closed to new points"))


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_snapshot_overtime_in_a_light_theme(
    snap_compare: Callable[..., bool], data_root: Path, size: tuple[int, int]
) -> None:
    """A daylight room: the light theme, a speaker in overtime."""
    app = projector(data_root, demo(data_root), at=FIXED + 120)

    async def run_before(pilot: Pilot[None]) -> None:
        pilot.app.theme = "textual-light"
        await shows(pilot, "OVERTIME +1:13")

    assert snap_compare(app, terminal_size=size, run_before=run_before)
