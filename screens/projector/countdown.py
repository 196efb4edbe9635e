"""The projector's clock: big digits plus words, so warning and overtime never rely on colour."""

from __future__ import annotations

from typing import ClassVar

from facilitator.meeting.state import Meeting
from screens.widgets.clock_face import clock_face
from screens.widgets.clock_panel import ClockPanel


class Countdown(ClockPanel):
    """The current turn's time, centred, the words under the digits; `scale` grows the digits
    with the wall (screens/widgets/big_digits.py)."""

    BESIDE_FROM: ClassVar[int | None] = None

    def show(self, meeting: Meeting, now: float) -> None:
        face = clock_face(meeting, now)
        self.present([], face.digits, face.words, face.state)
