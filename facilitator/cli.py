"""The command line: thin, every rule lives in the core. Refusals are one line, exit 1."""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from facilitator import locations, meetings
from facilitator.errors import Refused, StoreError
from facilitator.events import Actor
from facilitator.settings import ITEM_KINDS, KINDS, MODES


def fail(message: str) -> NoReturn:
    from facilitator.text import TEXT_LIMIT, shown

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


class FacilitatorGroup(click.Group):
    """Every failure is one line on stderr, never a traceback; refusals exit 1."""

    def main(self, *args: Any, **kwargs: Any) -> NoReturn:  # type: ignore[override]
        kwargs["standalone_mode"] = False
        # Reading a long meeting makes tens of thousands of objects, and the cycle collector's
        # full passes over them cost ~40 ms each: a command runs without them, and the app turns
        # the collector back on once its first screen is up (screens/app.py, settle).
        collecting = gc.isenabled()
        gc.disable()
        try:
            result = super().main(*args, **kwargs)
            sys.exit(result if isinstance(result, int) else 0)
        except (Refused, StoreError) as err:
            fail(str(err))
        except click.exceptions.Abort:
            fail("stopped")
        except click.exceptions.NoArgsIsHelpError as err:  # its message is the whole help page
            fail(f"{err.ctx.command_path} needs {missing_what(err.ctx)} (see {err.ctx.command_path} --help)")
        except click.ClickException as err:
            fail(f"{err.format_message()} (see --help)")
        except click.exceptions.Exit as err:
            sys.exit(err.exit_code)
        except KeyboardInterrupt:
            fail("interrupted")
        except PermissionError as err:  # a shared folder of a group this user is not in, say
            from facilitator.storage import denied

            fail(denied(err.filename))
        except OSError as err:
            fail(f"{err.strerror or err}{': ' + str(err.filename) if err.filename else ''}")
        except Exception as err:  # a bug: still one line for the user, the traceback on request
            if os.environ.get("FACILITATOR_DEBUG"):
                raise
            fail(f"unexpected error ({type(err).__name__}: {err}); set FACILITATOR_DEBUG=1 for details")
        finally:
            if collecting:
                gc.enable()


@click.group(
    cls=FacilitatorGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.option("--data-dir", type=click.Path(file_okay=False, readable=False), help="Folder holding the meetings.")
@click.pass_context
def main(ctx: click.Context, data_dir: str | None) -> None:
    """Facilitator: the stack, speaking turns and minutes of a self-managed assembly.

    With no command, opens the home screen.
    """
    if ctx.invoked_subcommand is None:
        from screens.app import run_home

        run_home(root_of(ctx))


@main.command()
@click.argument("title")
@click.option(
    "--template",
    default=None,
    metavar="NAME",
    help="general-assembly, spokes-council, coop-monthly or union-branch: rules and a starting agenda.",
)
@click.option("--date", default=None, help="YYYY-MM-DD, today if left out.")
@click.option("--location", default="", help="Where the assembly meets.")
@click.pass_context
def new(ctx: click.Context, title: str, template: str | None, date: str | None, location: str) -> None:
    """Create a meeting; prints its id last."""
    from facilitator.clock import SystemClock

    if template is not None:
        from facilitator import templates

        chosen = templates.load(template)
        meeting_id = templates.create(
            root_of(ctx), template, title, Actor.from_os(), SystemClock().now(), date, location
        )
        click.echo(f"new meeting: {title} ({chosen.title}: {len(chosen.agenda)} agenda items)")
    else:
        meeting_id = meetings.create(root_of(ctx), title, Actor.from_os(), SystemClock().now(), date, location)
        click.echo(f"new meeting: {title}")
    click.echo(meeting_id)


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def list_meetings(ctx: click.Context, as_json: bool) -> None:
    """The meetings in the data folder, newest first."""
    rows = meetings.listing(root_of(ctx))
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no meetings yet: facilitator new TITLE, or facilitator demo")
    for row in rows:
        click.echo(f"{row['id']}  {row['date']}  {row['title']}")


def open_session(ctx: click.Context, ref: str, actor: Actor) -> Any:
    from facilitator.session import Session

    return Session.open(meetings.resolve(root_of(ctx), ref), actor)


@main.command()
@click.argument("meeting")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def status(ctx: click.Context, meeting: str, as_json: bool) -> None:
    """Where the meeting stands now."""
    from facilitator.status import status as status_data
    from facilitator.status import status_text

    session = open_session(ctx, meeting, Actor.from_os())
    now = session.now()
    meeting_id = session.store.path.stem
    if as_json:
        click.echo(json.dumps(status_data(session.meeting, meeting_id, now), ensure_ascii=False, indent=2))
    else:
        click.echo(status_text(session.meeting, meeting_id, now))


@main.command("open")
@click.argument("meeting")
@click.option("--role", default=None, help="This terminal's role: facilitator, stack, time, minutes.")
@click.pass_context
def open_meeting(ctx: click.Context, meeting: str, role: str | None) -> None:
    """The operator screen."""
    from screens.app import run_operator

    actor = Actor.from_os(role=role)
    session = open_session(ctx, meeting, actor)  # a damaged file is refused before the screen starts
    run_operator(root_of(ctx), session.store.path, actor, session)


@main.command()
@click.argument("meeting")
@click.pass_context
def project(ctx: click.Context, meeting: str) -> None:
    """The projector view: read-only, follows the operators."""
    from screens.app import run_projector

    session = open_session(ctx, meeting, Actor.from_os())
    run_projector(root_of(ctx), session.store.path, session)


@main.command()
@click.option("--no-open", is_flag=True, help="Build the demo meeting and print its id only.")
@click.pass_context
def demo(ctx: click.Context, no_open: bool) -> None:
    """A demo assembly in progress, on a fresh scratch copy (id: demo)."""
    from facilitator.demo import build_demo

    root = root_of(ctx)
    meeting_id = build_demo(root)
    if no_open:
        click.echo(meeting_id)
        return
    from screens.app import run_operator

    run_operator(root, meetings.resolve(root, meeting_id), Actor.from_os(role="facilitator"))


# ---- act ----------------------------------------------------------------------------------


class ActGroup(click.Group):
    """`act MEETING [--as NAME] [--at TIME] ACTION ...`: the options may follow MEETING."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        front: list[str] = []
        rest = list(args)
        meeting = None
        while rest:
            token = rest[0]
            if token in ("--as", "--at") and len(rest) > 1:
                front += rest[:2]
                rest = rest[2:]
            elif token.startswith(("--as=", "--at=")) or (token.startswith("-") and meeting is None):
                front.append(rest.pop(0))
            elif meeting is None:
                meeting = rest.pop(0)
            else:
                break
        return super().parse_args(ctx, front + ([meeting] if meeting is not None else []) + rest)


@main.group(cls=ActGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("meeting")
@click.option("--as", "as_name", default=None, metavar="NAME", help="Act as this participant, for themself only.")
@click.option("--at", "at_time", default=None, metavar="TIME", help="When it happened (HH:MM or ISO date-time).")
@click.pass_context
def act(ctx: click.Context, meeting: str, as_name: str | None, at_time: str | None) -> None:
    """Do one action on MEETING, exactly as the operator screen would."""
    ctx.ensure_object(dict)
    ctx.obj["meeting"] = meeting
    ctx.obj["as"] = as_name
    ctx.obj["at"] = at_time


def perform(action: str, **args: Any) -> None:
    from facilitator.text import clean_name
    from facilitator.when import parse_when

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


kind_option = click.option("--kind", type=click.Choice(KINDS), default=None, help="Kind of point.")


@act.command()
@click.argument("names", nargs=-1, required=True)
def attend(names: tuple[str, ...]) -> None:
    """Mark people present."""
    perform("attend", names=list(names))


@act.command()
@click.argument("name")
def leave(name: str) -> None:
    """Mark someone as gone (their hands come off the stack)."""
    perform("leave", name=name)


def own_name(name: str | None) -> str:
    obj = click.get_current_context().find_object(dict) or {}
    if name is None and obj.get("as"):
        return str(obj["as"])
    if name is None:
        fail("name the person")
    return name


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


carry_option = click.option(
    "--carry/--clear", default=None, help="With people still waiting: carry them over, or clear the stack."
)


@act.group("agenda")
def agenda_group() -> None:
    """Agenda items: each has its own stack."""


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


def run() -> None:
    """The console script."""
    main()


# The commands of the later rules live in modules of their own, which add themselves to `main`,
# `act` and its groups with their decorators. They are imported here, always, at the end of the
# file (everything they take from this module exists by then): every command is there whatever is
# typed. A lazy import by command name once hid `act MEETING agenda table` and `agenda move`
# (issue 16); importing them costs every start ~3-4 ms, a faster start never hides a command.
import facilitator.cli_proposals  # noqa: E402
import facilitator.cli_records  # noqa: E402
import facilitator.cli_recover  # noqa: E402
import facilitator.cli_shared  # noqa: E402, F401
