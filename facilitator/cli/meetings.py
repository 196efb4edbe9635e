"""`facilitator new`, `list`, `status`, `open`, `project` and `demo`: the meetings and their screens.

The screens are imported inside the commands that start them, so a command that needs none
(`new`, `list`, `status`) never loads Textual."""

from __future__ import annotations

import json

import click

from facilitator.cli.common import fail, open_session, root_of
from facilitator.cli.groups import main
from facilitator.meeting.events import Actor
from facilitator.store import meetings


@main.command()
@click.argument("title")
@click.option(
    "--template",
    default=None,
    metavar="NAME",
    help="general-assembly, spokes-council, coop-monthly or union-branch: rules and a starting agenda.",
)
@click.option("--date", default=None, help="YYYY-MM-DD, today if left out.")
@click.option("--location", default=None, help="Where the assembly meets.")
@click.option(
    "--after",
    default=None,
    metavar="MEETING",
    help="The next meeting of MEETING's series: its date, place, rules and open business.",
)
@click.pass_context
def new(
    ctx: click.Context, title: str, template: str | None, date: str | None, location: str | None, after: str | None
) -> None:
    """Create a meeting; prints its id last."""
    from facilitator.clock import SystemClock

    if after is not None:
        if template is not None:
            fail("--after takes the previous meeting's rules; leave out --template")
        from facilitator.series import follow

        followed = follow(root_of(ctx), after, title, Actor.from_os(), SystemClock().now(), date, location)
        click.echo(f"new meeting: {title} ({followed.said()})")
        click.echo(followed.meeting_id)
        return
    location = location or ""
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


@main.command()
@click.argument("meeting")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def status(ctx: click.Context, meeting: str, as_json: bool) -> None:
    """Where the meeting stands now."""
    from facilitator.meeting.status import status as status_data
    from facilitator.meeting.status import status_text

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
