"""`facilitator act` actions for quorum, roles, notes, action items, the next meeting and the
agenda's later changes (table, move, remove, edit); and `facilitator minutes`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from facilitator.cli.common import carry_option, fail, perform, root_of
from facilitator.cli.groups import act, agenda_group, main
from facilitator.errors import StoreError
from facilitator.meeting import state
from facilitator.meeting.records import ACTION_STATUSES
from facilitator.meeting.settings import ITEM_KINDS
from facilitator.store import meetings
from facilitator.store.files import check_safe
from facilitator.store.meeting_file import MeetingStore, recovery_hint


@act.command()
@click.argument("count", type=int, metavar="N")
def quorum(count: int) -> None:
    """Set the quorum: how many must be present to decide (0: no quorum)."""
    perform("quorum", count=count)


@act.command()
@click.argument("role")
@click.argument("name", required=False)
def role(role: str, name: str | None) -> None:
    """Give ROLE to NAME; without NAME the role is left empty.

    ROLE: facilitator, co-facilitator, stack, time, minutes, vibes, or any word.
    """
    perform("role", role=role, name=name)


item_option = click.option("--item", default=None, help="The agenda item (number or start of its title); default: now.")


@act.command()
@click.argument("text")
@item_option
def note(text: str, item: str | None) -> None:
    """Add a note to the current agenda item."""
    perform("note", text=text, item=item)


@act.command()
@click.argument("text")
@click.option("--owner", "owners", multiple=True, required=True, metavar="NAME", help="Who will do it (repeat).")
@click.option("--due", default=None, metavar="DATE", help="YYYY-MM-DD.")
@item_option
def action(text: str, owners: tuple[str, ...], due: str | None, item: str | None) -> None:
    """Record an action item: what, who, by when."""
    perform("action", text=text, owners=list(owners), due=due, item=item)


@act.command("action-status")
@click.argument("action_id", metavar="ID")
@click.argument("status", type=click.Choice(ACTION_STATUSES), metavar="done|dropped|open")
@click.option("--note", default="", help="What was done, or why it was dropped.")
@item_option
def action_status(action_id: str, status: str, note: str, item: str | None) -> None:
    """Record an action item's progress: A1, or MEETING:A1 from another meeting."""
    ref, elsewhere = action_elsewhere(action_id)
    perform("action_status", ref=ref, status=status, note=note, item=item, elsewhere=elsewhere)


def action_elsewhere(raw: str) -> tuple[str, dict[str, Any] | None]:
    """The id as this meeting records it, and another meeting's action item as the register holds
    it (None for this meeting's own, or when the meeting named has no such item: the command then
    names the closest ids)."""
    from facilitator.meeting.register import actions
    from facilitator.store import summaries

    ctx = click.get_current_context()
    if ":" not in raw:
        return raw, None
    where, _, number = raw.strip().rpartition(":")
    root = root_of(ctx)
    try:
        other = meetings.resolve(root, where).stem
    except StoreError as err:
        fail(f"{raw}: {err}")
    here = meetings.resolve(root, (ctx.find_object(dict) or {})["meeting"]).stem
    ref = f"{other}:{number.strip().upper()}"
    if other == here:
        return number, None
    found = summaries.sync(root)
    if other in dict(found.unreadable):
        fail(f"{other} cannot be read: {dict(found.unreadable)[other]}")
    theirs = [a for a in actions(found.rows) if a.meeting == other]
    match = next((a for a in theirs if a.ref == ref), None)
    if match is None:
        listed = ", ".join(a.ref.rsplit(":", 1)[1] for a in theirs[:8]) or "none"
        fail(f"no action item {ref}: {other} has {listed}")
    return ref, {"ref": ref, "text": match.text, "owners": list(match.owners), "status": match.status}


@act.command("next-meeting")
@click.argument("date")
@click.option("--time", default=None, metavar="HH:MM")
@click.option("--place", default=None)
def next_meeting(date: str, time: str | None, place: str | None) -> None:
    """When and where the next meeting is (for the minutes)."""
    perform("next_meeting", date=date, time=time, place=place)


@agenda_group.command("table")
@click.argument("item", required=False)
@carry_option
def agenda_table(item: str | None, carry: bool | None) -> None:
    """Table an item to a later meeting (the current one if ITEM is left out)."""
    perform("agenda_table", item=item, carry=carry)


@agenda_group.command("move")
@click.argument("item")
@click.argument("position", type=int)
def agenda_move(item: str, position: int) -> None:
    """Move an item to another place on the agenda."""
    perform("agenda_move", item=item, position=position)


@agenda_group.command("remove")
@click.argument("item")
def agenda_remove(item: str) -> None:
    """Take an item not yet started off the agenda (its number or the start of its title)."""
    perform("agenda_remove", item=item)


@agenda_group.command("edit")
@click.argument("item")
@click.option("--title", default=None, help="A new title.")
@click.option("--minutes", type=click.IntRange(0, 1440), default=None, help="A new time box (0: none).")
@click.option("--kind", type=click.Choice(ITEM_KINDS), default=None, help="A new kind of item.")
@click.option("--presenter", default=None, metavar="NAME", help="Someone present or seen today ('': nobody).")
def agenda_edit(item: str, title: str | None, minutes: int | None, kind: str | None, presenter: str | None) -> None:
    """Change an item not yet started; only the options given change."""
    perform("agenda_edit", item=item, title=title, minutes=minutes, kind=kind, presenter=presenter)


@main.command()
@click.argument("meeting")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write to FILE.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.pass_context
def minutes(ctx: click.Context, meeting: str, output: Path | None, force: bool, fmt: str) -> None:
    """The minutes of MEETING (Markdown), or its full record (JSON)."""
    path = meetings.resolve(root_of(ctx), meeting)
    check_safe(path.parent)
    check_safe(path)
    from facilitator.minutes.document import minutes_json, minutes_markdown, write_minutes
    from facilitator.store.kept_minutes import minutes_of  # only this command needs these

    def make() -> str:
        store = MeetingStore(path)
        if fmt == "json":
            return minutes_json(path.stem, store.meta(), store.load())
        with recovery_hint(path):  # folded as it is read, when the file is as Facilitator writes it
            folded = store.load_folded()
        return minutes_markdown(folded if folded is not None else state.fold(store.load()))

    text = minutes_of(path, fmt, make)
    if output is None:
        click.echo(text, nl=False)
        return
    write_minutes(output, text, force=force)
    click.echo(f"minutes written to {output}")
