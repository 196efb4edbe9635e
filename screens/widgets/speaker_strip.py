"""Who has the floor and their clock, in one line at the top of every operator screen other
than the operator's own (proposal, temperature check, final test, notes, setup, minutes): a
speaker must never run over unseen while the facilitator is on another screen.

The words are facilitator.meeting.status.speaker_words, as `facilitator status` says them ("Jo Mbeki
(new point): 0:39 left, spoken 1:25", "OVERTIME +0:12", "PAUSED"), computed from the meeting
and now on every poll of the screen, never counted. Warning, overtime and pause are said in
words as well as in colour; overtime is the loudest, in reverse.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from facilitator.meeting.state import Meeting
from facilitator.meeting.status import speaker_words, turn_state

LOOKS = ("-speaking", "-warning", "-overtime", "-paused", "-nobody")


class SpeakerStrip(Static):
    """`show(meeting, now)`: one line, redrawn only when its words or its state change."""

    DEFAULT_CSS = """
    SpeakerStrip {
        dock: top;
        height: 1;
        width: 100%;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        background: $primary-muted;
        color: $text;
        text-style: bold;
        &.-warning { background: $warning; color: $text; }
        &.-overtime { background: $error; color: $text; }
        &.-paused { background: $secondary-muted; color: $text; }
        &.-nobody { background: $panel; color: $text-muted; text-style: none; }
    }
    """

    def __init__(self, *, id: str | None = "speaker-strip") -> None:
        super().__init__(id=id, markup=False)
        self.words = ""
        self.state = ""

    def show(self, meeting: Meeting, now: float) -> None:
        state = turn_state(meeting, now)
        words = "Speaking: " + speaker_words(meeting, now) if meeting.speaker is not None else "Nobody has the floor"
        if (words, state) == (self.words, self.state):
            return  # the screens poll several times a second; the words change once a second
        self.words, self.state = words, state
        self.set_classes(f"-{'nobody' if state == 'none' else state}")
        self.update(Text(words), layout=False)
