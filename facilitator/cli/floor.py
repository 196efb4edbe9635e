"""`facilitator act` actions for the floor: attendance, the stack, speaking turns, the agenda's
items as they are taken, adjourning and undo. Thin: each hands its arguments to the command of
the same name in facilitator.meeting."""

from __future__ import annotations

import click

from facilitator.cli.common import carry_option, fail, kind_option, own_name, perform, root_of
from facilitator.cli.groups import act, agenda_group
from facilitator.meeting.settings import ITEM_KINDS, KINDS, MODES


def people_seen() -> list[str]:
    """The people of this data folder's earlier meetings (the index), as they were written."""
    from facilitator.store import locations
    from facilitator.store.meeting_file import Index

    root = root_of(click.get_current_context())
    return Index(root).people() if locations.index_file(root).exists() else []


@act.command()
@click.argument("names", nargs=-1, required=True)
def attend(names: tuple[str, ...]) -> None:
    """Mark people present (spelt as earlier meetings wrote them, whatever the case)."""
    perform("attend", names=list(names), seen_before=people_seen())


@act.command()
@click.argument("name")
def leave(name: str) -> None:
    """Mark someone as gone (their hands come off the stack)."""
    perform("leave", name=name)


@act.command()
@click.argument("name", required=False)
@click.option("--kind", type=click.Choice(KINDS), default="new", show_default=True, help="Kind of point.")
@click.option("--step-up", is_flag=True, help="Ask to go first under the step-up mode.")
@click.option("--late", is_flag=True, help="Add a new point on purpose while the stack is closed (recorded).")
def hand(name: str | None, kind: str, step_up: bool, late: bool) -> None:
    """Put someone on the stack."""
    perform("hand", name=own_name(name), kind=kind, step_up=step_up, late=late)


@act.command()
@click.argument("name", required=False)
@kind_option
def lower(name: str | None, kind: str | None) -> None:
    """Take a hand off the stack."""
    perform("lower", name=own_name(name), kind=kind)


@act.command()
@click.argument("name")
@click.argument("position", type=int)
@kind_option
def move(name: str, position: int, kind: str | None) -> None:
    """Move someone to a place on the stack (recorded)."""
    perform("move", name=name, position=position, kind=kind)


@act.group("stack")
def stack_group() -> None:
    """Close, open, or set the progressive mode of the stack."""


@stack_group.command("close")
def stack_close() -> None:
    """Refuse new points from participants (points of process still welcome)."""
    perform("stack_close")


@stack_group.command("open")
def stack_open() -> None:
    """Open the stack again."""
    perform("stack_open")


@stack_group.command("mode")
@click.argument("mode", type=click.Choice(MODES))
def stack_mode(mode: str) -> None:
    """Progressive stack: off, first-time, least-airtime, step-up."""
    perform("stack_mode", mode=mode)


@act.command("next")
def next_speaker() -> None:
    """End the current turn and give the floor to the top of the stack."""
    perform("next")


@act.command()
def pause() -> None:
    """Stop the speaker's clock."""
    perform("pause")


@act.command()
def resume() -> None:
    """Restart the speaker's clock."""
    perform("resume")


@act.command()
@click.argument("seconds", type=int)
def extend(seconds: int) -> None:
    """Give the speaker more time."""
    perform("extend", seconds=seconds)


@act.command()
def end() -> None:
    """End the current turn."""
    perform("end")


@act.command()
def begin() -> None:
    """Open the meeting (the first item or turn also opens it)."""
    perform("begin")


@act.command()
def adjourn() -> None:
    """End the meeting: ends any turn, finishes the item under way, records the end."""
    perform("adjourn")


@act.command()
def reopen() -> None:
    """Undo an adjournment, on record."""
    perform("reopen")


@act.command()
def undo() -> None:
    """Undo your latest action."""
    perform("undo")


@agenda_group.command("add")
@click.argument("title")
@click.option("--minutes", type=click.IntRange(0, 1440), default=0, help="Time box.")
@click.option("--kind", type=click.Choice(ITEM_KINDS), default="discussion", show_default=True, help="Kind of item.")
@click.option("--presenter", default=None)
@click.option(
    "--limit", "limits", multiple=True, metavar="KIND=SECONDS", help="This item's turn limit for a kind, e.g. new=90."
)
def agenda_add(title: str, minutes: int, kind: str, presenter: str | None, limits: tuple[str, ...]) -> None:
    """Add an item to the agenda."""
    perform("agenda_add", title=title, minutes=minutes, kind=kind, presenter=presenter, limits=item_limits(limits))


def item_limits(given: tuple[str, ...]) -> dict[str, int]:
    limits = {}
    for text in given:
        kind, _, seconds = text.partition("=")
        if kind not in KINDS or not seconds.strip().isdigit():
            fail(f"--limit takes KIND=SECONDS with a kind of {', '.join(KINDS)}, not '{text}'")
        limits[kind] = int(seconds)
    return limits


@agenda_group.command("start")
@click.argument("item", required=False)
@carry_option
def agenda_start(item: str | None, carry: bool | None) -> None:
    """Start an item (its number or the start of its title; the next one if left out)."""
    perform("agenda_start", item=item, carry=carry)


@agenda_group.command("done")
@carry_option
def agenda_done(carry: bool | None) -> None:
    """Finish the current item."""
    perform("agenda_done", carry=carry)
