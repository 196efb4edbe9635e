"""A terminal's hold on one meeting: the store, the folded meeting, the clock and who acts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from facilitator import backup, state
from facilitator.clock import Clock, SystemClock
from facilitator.commands import Context, Outcome, run
from facilitator.errors import Refused, StoreError
from facilitator.events import Actor
from facilitator.state import Meeting
from facilitator.storage import Damaged
from facilitator.store import MeetingStore, recovery_hint


def describe(action: str, args: dict[str, Any]) -> str:
    """An action not yet checked, in a few words: "hand Ana new"."""
    words = [action.replace("_", " ")]
    for value in args.values():
        if isinstance(value, (list, tuple)):
            words.extend(str(v) for v in value)
        elif value not in (None, False, ""):
            words.append(str(value))
    return " ".join(words)


class Session:
    def __init__(self, store: MeetingStore, actor: Actor, clock: Clock | None = None) -> None:
        self.store = store
        self.actor = actor
        self.clock = clock or SystemClock()
        self.events = store.load()
        self.meeting: Meeting = self.replay(self.events)

    @classmethod
    def open(cls, path: Path, actor: Actor, clock: Clock | None = None) -> Session:
        return cls(MeetingStore(path), actor, clock)

    def now(self) -> float:
        return self.clock.now()

    def replay(self, events: list[dict[str, Any]]) -> Meeting:
        """Fold the stored events. Events of the right shape that still cannot be replayed (a
        setting of the wrong type, say) make the file damaged, reported and left untouched."""
        try:
            return state.fold(events)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError, RecursionError) as err:
            with recovery_hint(self.store.path):
                raise Damaged(
                    f"{self.store.path} is damaged: its events cannot be replayed ({type(err).__name__}: {err}); "
                    "it was left untouched"
                ) from None

    def refresh(self) -> bool:
        """Pick up what other terminals wrote. True when the meeting changed."""
        if not self.store.changed():
            return False
        full, fresh = self.store.sync()
        return self._take(full, fresh)

    def _take(self, full: bool, fresh: list[dict[str, Any]]) -> bool:
        """Bring the folded meeting up to date with events read from the store."""
        if full:
            self.events = fresh
            self.meeting = self.replay(fresh)
            return True
        if not fresh:
            return False
        self.events.extend(fresh)
        if any(e["type"] == "undone" for e in fresh):
            self.meeting = self.replay(self.events)
        else:
            try:
                for event in fresh:
                    state.apply(self.meeting, event)
            except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError) as err:
                with recovery_hint(self.store.path):
                    raise Damaged(
                        f"{self.store.journal.path} is damaged: its events cannot be replayed ({type(err).__name__}: "
                        f"{err}); it was left untouched"
                    ) from None
        return True

    def checkpoint_due(self) -> bool:
        return self.store.checkpoint_due()

    def checkpoint(self) -> int:
        """Move the journal into the TinyDB file (off the hot path: on open, on close, when due)."""
        return self.store.checkpoint()

    def close(self) -> None:
        """A writer's clean close: leave the whole meeting in the TinyDB file, and back it up."""
        try:
            if self.store.journal.size():
                self.store.checkpoint()
            backup.take(self.store.path, events=self.store.events_on_disk())
        finally:
            self.store.close()

    def act(self, action: str, at: float | None = None, **args: Any) -> Outcome:
        """Check the command against the freshest meeting on disk and write its events."""
        result: list[Outcome] = []

        def build(full: bool, fresh: list[dict[str, Any]]) -> list[dict[str, Any]]:
            self._take(full, fresh)
            meeting = self.meeting
            if at is not None and at < meeting.last_ts:
                raise Refused("--at is earlier than the last recorded action; enter actions in the order they happened")
            if at is not None and at > self.now() + 60:
                raise Refused("--at is in the future; it records when something already happened")
            now = at if at is not None else max(self.now(), meeting.last_ts)
            outcome = run(meeting, Context(now=now, actor=self.actor), action, **args)
            result.append(outcome)
            first = meeting.last_seq + 1
            stamped = []
            for offset, (event_type, data) in enumerate(outcome.events):
                event: dict[str, Any] = {
                    "seq": first + offset,
                    "ts": now,
                    "action": first,
                    "actor": self.actor.to_dict(),
                    "type": event_type,
                    "data": data,
                }
                if offset == 0:
                    event["summary"] = outcome.summary
                stamped.append(event)
            return stamped

        try:
            written = self.store.append(build)
        except StoreError as err:
            # Say which action was lost to the disk, so that nobody believes it was recorded.
            what = result[0].summary if result else describe(action, args)
            raise StoreError(f"not saved: {what}; {err}") from None
        self.events.extend(written)
        if any(e["type"] == "undone" for e in written):
            self.meeting = self.replay(self.events)
        else:
            for event in written:
                state.apply(self.meeting, event)
        return result[0]
