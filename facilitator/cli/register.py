"""`facilitator decisions` and `facilitator actions`: the collective's memory across every meeting
of the data folder, read from each meeting's summary (store.summaries)."""

from __future__ import annotations

import time
from pathlib import Path

import click

from facilitator.cli.common import fail, root_of
from facilitator.cli.groups import main


def _today() -> str:
    return time.strftime("%Y-%m-%d")


@main.command()
@click.option("--search", default="", metavar="TEXT", help="Only decisions whose title or text holds these words.")
@click.option("--due", is_flag=True, help="Only agreements due for review today and not yet reviewed.")
@click.option("--format", "fmt", type=click.Choice(("markdown", "json", "csv")), default="markdown")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write to FILE.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.pass_context
def decisions(ctx: click.Context, search: str, due: bool, fmt: str, output: Path | None, force: bool) -> None:
    """The register of decisions of every meeting, newest first."""
    from facilitator.meeting import register
    from facilitator.meeting.text import clean_title
    from facilitator.minutes.register import decisions_text
    from facilitator.store import summaries

    if search.strip():
        search = clean_title(search, "the search")
    on = _today()
    found = summaries.sync(root_of(ctx))
    entries = register.decisions(found.rows, search, on if due else None)
    text = decisions_text(entries, fmt, on, search, due)
    if found.warning():
        click.echo(f"facilitator: warning: {found.warning()}", err=True)
    if output is None:
        click.echo(text, nl=False)
        return
    from facilitator.minutes.document import write_minutes

    write_minutes(output, text, force)
    click.echo(f"{len(entries)} decisions written to {output}")


@main.command()
@click.option("--open", "only_open", is_flag=True, help="Only those still open.")
@click.option("--owner", default=None, metavar="NAME", help="Only those NAME owns.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def actions(ctx: click.Context, only_open: bool, owner: str | None, as_json: bool) -> None:
    """Action items of every meeting: what, who, due, status, where set and last reviewed."""
    from facilitator.meeting import register
    from facilitator.meeting.text import clean_name
    from facilitator.minutes.register import action_line, actions_json
    from facilitator.store import summaries

    on = _today()
    found = summaries.sync(root_of(ctx))
    tracked = register.actions(found.rows)
    if only_open:
        tracked = [a for a in tracked if a.status == "open"]
    if owner is not None:
        name = clean_name(owner)
        tracked = [a for a in tracked if a.owned_by(name)]
        if not tracked and not as_json:
            left_out = f"; {found.warning()}" if found.warning() else ""
            fail(f"no {'open ' if only_open else ''}action items owned by {name}{left_out}")
    if found.warning():
        click.echo(f"facilitator: warning: {found.warning()}", err=True)
    if as_json:
        click.echo(actions_json(tracked, on), nl=False)
        return
    if not tracked:
        click.echo("no open action items" if only_open else "no action items yet")
    for a in tracked:
        click.echo(action_line(a, on))
