"""What the commands share: a refusal as one line on stderr, the data folder, opening a meeting's
session, and performing one action of `facilitator act` exactly as the operator screen would."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from facilitator.errors import StoreError
from facilitator.meeting.events import Actor
from facilitator.meeting.settings import KINDS
from facilitator.store import locations, meetings


def fail(message: str) -> NoReturn:
    from facilitator.meeting.text import TEXT_LIMIT, shown

    message = shown(message)  # it may quote what was typed: no escape sequence gets through
    if len(message) > TEXT_LIMIT + 1000:  # nor a whole absurd argument
        message = f"{message[: TEXT_LIMIT + 1000]}… ({len(message) - TEXT_LIMIT - 1000} more characters)"
    click.echo(f"facilitator: {message}", err=True)
    sys.exit(1)


def root_of(ctx: click.Context) -> Path:
    return locations.data_dir(ctx.find_root().params.get("data_dir"))


def missing_what(ctx: click.Context) -> str:
    """What a group called with nothing after it is missing, in a few words."""
    command = ctx.command
    wanted = [p.human_readable_name for p in command.params if isinstance(p, click.Argument)]
    if isinstance(command, click.Group):
        choices = command.list_commands(ctx)
        wanted.append(f"one of: {', '.join(choices)}" if len(choices) <= 6 else "an action")
    return " and ".join(wanted) or "more"


def open_session(ctx: click.Context, ref: str, actor: Actor) -> Any:
    from facilitator.session import Session

    return Session.open(meetings.resolve(root_of(ctx), ref), actor)


def perform(action: str, **args: Any) -> None:
    from facilitator.meeting.text import clean_name
    from facilitator.meeting.when import parse_when

    ctx = click.get_current_context()
    obj = ctx.find_object(dict) or {}
    participant = clean_name(obj["as"]) if obj.get("as") else None
    session = open_session(ctx, obj["meeting"], Actor.from_os(participant=participant))
    if participant is not None:  # recorded as the assembly knows them, whatever the case typed
        known = session.meeting.person(participant) or participant
        session.actor = dataclasses.replace(session.actor, participant=known)
    at = parse_when(obj["at"], session.meeting.date) if obj.get("at") else None
    if action == "undo":
        args["scope"] = "person"
    try:
        outcome = session.act(action, at=at, **args)
    except BaseException:
        session.store.close()  # refused or not saved: that one line is all the user needs
        raise
    click.echo(outcome.summary)
    try:
        session.close()  # leave the whole meeting in the TinyDB file
    except StoreError as err:  # the action is safe in the journal; say what was not done
        click.echo(
            f"facilitator: warning: the action is saved in the journal; folding it into the file failed: {err}",
            err=True,
        )


def own_name(name: str | None) -> str:
    obj = click.get_current_context().find_object(dict) or {}
    if name is None and obj.get("as"):
        return str(obj["as"])
    if name is None:
        fail("name the person")
    return name


kind_option = click.option("--kind", type=click.Choice(KINDS), default=None, help="Kind of point.")


carry_option = click.option(
    "--carry/--clear", default=None, help="With people still waiting: carry them over, or clear the stack."
)
