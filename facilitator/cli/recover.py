"""`facilitator recover MEETING`: back to the last good copy of a damaged meeting."""

from __future__ import annotations

import click

from facilitator.cli.common import root_of
from facilitator.cli.groups import main
from facilitator.errors import StoreError
from facilitator.store import locations, meetings


@main.command()
@click.argument("meeting")
@click.option("--from", "source", default=None, metavar="BACKUP", help="The backup to restore (see --list).")
@click.option("--list", "show", is_flag=True, help="List the meeting's backups, newest first, and stop.")
@click.pass_context
def recover(ctx: click.Context, meeting: str, source: str | None, show: bool) -> None:
    """Mend a damaged meeting from its newest good backup.

    The damaged files are set aside in sessions/backups/MEETING/, never deleted; the actions
    of the journal that follow on from the backup are kept. Backups are taken on every clean
    close and before a migration.
    """
    from facilitator.store import backups, recovery

    root = root_of(ctx)
    try:
        path = meetings.resolve(root, meeting)
    except StoreError:
        path = locations.meeting_file(root, meeting)  # its file is gone: its backups may not be
        if "/" in meeting or not backups.backups(path):
            raise
    if show:
        found = backups.backups(path)
        if not found:
            click.echo(f"no backups of {path.stem} yet (one is taken on every clean close)")
        for b in found:
            click.echo(f"{b.path.name}  {b.when}  {b.events} events  ({b.reason})")
        return
    for line in recovery.recover(path, source):
        click.echo(line)
