"""The click groups: `facilitator` (main), `facilitator act MEETING` and `act MEETING agenda`.

Every command module adds its commands to these with its decorators; facilitator/cli/__init__.py
imports each of those modules once, so every command exists whatever is typed.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any, NoReturn

import click

from facilitator.cli.common import fail, missing_what, root_of
from facilitator.errors import Refused, StoreError


class FacilitatorGroup(click.Group):
    """Every failure is one line on stderr, never a traceback; refusals exit 1."""

    def main(self, *args: Any, **kwargs: Any) -> NoReturn:  # type: ignore[override]
        kwargs["standalone_mode"] = False
        # Reading a long meeting makes tens of thousands of objects, and the cycle collector's
        # full passes over them are costly (docs/performance.md): a command runs without them, and the app turns
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
            from facilitator.store.files import denied

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


@act.group("agenda")
def agenda_group() -> None:
    """Agenda items: each has its own stack."""
