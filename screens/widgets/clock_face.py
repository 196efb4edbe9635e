"""What the speaker's clock shows, computed from the meeting and now: the digits, the words
under them and the state that colours both."""

from __future__ import annotations

from typing import NamedTuple

from facilitator.clock import format_duration
from facilitator.meeting.state import Meeting
from facilitator.meeting.status import turn_state


class Face(NamedTuple):
    """What the speaker's clock shows: the digits, the words under them, and the state
    (speaking, warning, overtime, paused or none) that colours both."""

    digits: str
    words: str
    state: str


def clock_face(meeting: Meeting, now: float) -> Face:
    """The current turn's remaining time (or elapsed time for a stopwatch turn), computed from
    the meeting's events and now on every repaint, never counted."""
    turn = meeting.speaker
    state = turn_state(meeting, now)
    if turn is None:
        return Face("-:--", "nobody has the floor", state)
    remaining = turn.remaining(now)
    if remaining is None:
        digits, words = format_duration(turn.spoken(now)), "stopwatch"
    else:
        digits = format_duration(remaining)
        words = {
            "overtime": f"OVERTIME +{format_duration(-remaining)}",
            "warning": f"{int(remaining)} s left",
            "speaking": f"of {format_duration(turn.limit + turn.extended)}",
        }.get(state, "")
    if state == "paused":
        words = "PAUSED" + (" (point of process)" if turn.suspended else "")
    return Face(digits, words, state)
