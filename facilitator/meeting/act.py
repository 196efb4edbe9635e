"""Acting on a meeting: every command loaded, and `run`, the one way to give one.

Each rule module registers its commands where it defines them (the `command` decorator of
facilitator.meeting.commands). This is the one list of those modules: importing it loads them
all, and `run` lives here so no caller can run a command before every command is registered.
Commands are only needed to act, so a reader of a meeting (status, minutes, the projector) never
loads them; the fold's handlers are loaded by the package itself (facilitator/meeting/__init__.py).
"""

from __future__ import annotations

from typing import Any

from facilitator.clock import clock_time
from facilitator.errors import Refused
from facilitator.meeting import floor_commands, proposal_commands, record_commands
from facilitator.meeting.commands import COMMANDS, PARTICIPANT_COMMANDS, Context, Outcome
from facilitator.meeting.state import Meeting

RULE_MODULES = (floor_commands, proposal_commands, record_commands)

__all__ = ["AFTER_ADJOURNING", "RULE_MODULES", "Context", "Outcome", "run"]

# What may still be recorded once the meeting is adjourned (PROCESS.md 3.5): the record only.
AFTER_ADJOURNING = frozenset({"note", "action", "action_status", "next_meeting", "undo", "reopen"})


def run(meeting: Meeting, ctx: Context, action: str, **args: Any) -> Outcome:
    if action not in COMMANDS:
        raise Refused(f"unknown action '{action}'")
    if ctx.actor.participant and action not in PARTICIPANT_COMMANDS:
        raise Refused(f"{ctx.actor.participant} takes part as a participant and can only raise or lower their own hand")
    if meeting.adjourned_at is not None and action not in AFTER_ADJOURNING:
        raise Refused(
            f"the meeting was adjourned at {clock_time(meeting.adjourned_at)}: only notes, action items and the next "
            "meeting are recorded now; reopen the meeting to do more"
        )
    return COMMANDS[action](meeting, ctx, **args)
