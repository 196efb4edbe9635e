"""`facilitator join`, `serve` and `init-shared`: one meeting shared by several people.

Thin like the rest of the CLI. `join` opens a participant's own view (their hand, their vote);
`serve` puts the read-only projector in a browser; `init-shared` makes a collective's folder.
"""

from __future__ import annotations

import gc
from pathlib import Path

import click

from facilitator.cli.common import open_session, root_of
from facilitator.cli.groups import main
from facilitator.errors import Refused
from facilitator.meeting.events import Actor
from facilitator.store import meetings


@main.command()
@click.argument("meeting")
@click.option("--name", required=True, metavar="NAME", help="Your name, as the assembly knows you.")
@click.pass_context
def join(ctx: click.Context, meeting: str, name: str) -> None:
    """A participant's view: raise or lower your own hand, vote in an open check, see the projector."""
    from facilitator.meeting.text import clean_name

    participant = clean_name(name)
    path = meetings.resolve(root_of(ctx), meeting)
    session = open_session(ctx, meeting, Actor.from_os())  # a damaged file: refused here
    try:
        known = session.meeting.person(participant)
        if known is None:  # a name that matches nobody arrives, on record, by the OS user
            click.echo(session.act("attend", names=[participant]).summary)
    finally:
        session.store.close()  # the participant's screen opens the meeting itself
    known = known or participant

    from screens.projector.participant import run_participant

    run_participant(root_of(ctx), path, known)


@main.command()
@click.argument("meeting")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.pass_context
def serve(ctx: click.Context, meeting: str, host: str, port: int) -> None:
    """The projector view in a browser (read-only), with textual-serve."""
    gc.enable()  # a server that runs for hours collects its cycles (the CLI turned it off)
    from screens.browser import is_loopback, serve_projector

    root = root_of(ctx)
    path = meetings.resolve(root, meeting)
    session = open_session(ctx, meeting, Actor.from_os())
    if not is_loopback(host):
        click.echo(
            f"facilitator: warning: serving on {host}, not only this machine: anyone who can reach port {port} "
            "sees the meeting (read-only)",
            err=True,
        )
    try:
        serve_projector(root, path.stem, session.meeting.title, host, port)
    except OSError as err:
        raise Refused(f"cannot serve on {host} port {port}: {err.strerror or err}; try another --port") from None


@main.command("init-shared")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--group", required=True, metavar="GROUP", help="The OS group whose members share the meetings.")
def init_shared(folder: Path, group: str) -> None:
    """Make FOLDER a data folder that every member of GROUP can open and act on (setgid 2770)."""
    from facilitator.store.shared_folder import init_shared as prepare

    done = prepare(folder, group)
    converted = f"; {done.files} file(s) already there handed to the group" if done.files else ""
    click.echo(f"shared folder ready: {done.folder} (group {done.group}, 2770; files in it 0660{converted})")
    for warning in done.warnings:
        click.echo(f"facilitator: warning: {warning}", err=True)
    click.echo(f"members use it with: facilitator --data-dir {done.folder} ... (or FACILITATOR_DATA_DIR={done.folder})")
