"""The command line: thin, every rule lives in facilitator.meeting. Refusals are one line, exit 1.

The only part of facilitator that starts screens, and it imports them inside the commands that
start them. groups.py defines the click groups; each module below adds its commands to them with
its decorators, and is imported here, once, always: every command exists whatever is typed (a
lazy import by command name once hid `act MEETING agenda table`, issue 16).
"""

from facilitator.cli import floor, meetings, proposals, records, recover, register, shared
from facilitator.cli.groups import act, main

COMMAND_MODULES = (meetings, floor, proposals, records, recover, register, shared)

__all__ = ["COMMAND_MODULES", "act", "main", "run"]


def run() -> None:
    """The console script."""
    main()
