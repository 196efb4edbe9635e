"""A terminal's hold on one meeting: the store, the folded meeting, the clock and who acts."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator.clock import Clock, SystemClock
from facilitator.errors import Refused, StoreError
from facilitator.meeting import state
from facilitator.meeting.events import Actor
from facilitator.meeting.state import Meeting
from facilitator.store.files import Damaged
from facilitator.store.meeting_file import MeetingStore, recovery_hint

if TYPE_CHECKING:
    from facilitator.meeting.commands import Outcome


def describe(action: str, args: dict[str, Any]) -> str:
    """An action not yet checked, in a few words: "hand Ana new"."""
    words = [action.replace("_", " ")]
    for value in args.values():
        if isinstance(value, (list, tuple)):
            words.extend(str(v) for v in value)
        elif value not in (None, False, ""):
            words.append(str(value))
    return " ".join(words)


def check_at(meeting: Meeting, at: float, now: float) -> None:
    """A past time (--at) must fall on or after the meeting's date, after its last action, and
    not in the future (PROCESS.md: a meeting entered afterwards, from paper notes)."""
    from facilitator.clock import clock_time
    from facilitator.meeting.when import day_start

    if meeting.date and at < day_start(meeting.date):
        raise Refused(f"--at is before the meeting's date ({meeting.date})")
    if at > now + 60:
        raise Refused("--at is in the future; it records when something already happened")
    if at < meeting.last_action_ts:
        raise Refused(
            f"--at is earlier than the last recorded action ({clock_time(meeting.last_action_ts)}); "
            "enter actions in the order they happened"
        )


SNAPSHOT_EVENTS = 5_000  # events folded since the kept copy beyond which it is dropped


class Session:
    """The meeting is kept folded, not as its events (the events of a long meeting would be its
    largest part in memory). An undo changes history: it is folded again from a kept copy of the
    meeting (`keep_snapshot`) and the events since, or else from the store."""

    def __init__(self, store: MeetingStore, actor: Actor, clock: Clock | None = None) -> None:
        self.store = store
        self.actor = actor
        self.clock = clock or SystemClock()
        self.meeting: Meeting = self._read()
        # the meeting as it stood at some event (pickled: a compact copy nothing can change), and
        # the events folded since; None until asked for (an operator's terminal, once it is up)
        self._snapshot: tuple[int, bytes] | None = None
        self._since: list[dict[str, Any]] = []
        self._keeping = False  # asked once to keep a copy: a copy dropped is taken again at the next undo

    def keep_snapshot(self) -> None:
        """Keep a copy of the meeting as it stands, so that an undo folds back from it instead of
        reading the whole file again. Taken off the key-press path (once the screen is up)."""
        self._snapshot = (self.meeting.last_seq, pickle.dumps(self.meeting, pickle.HIGHEST_PROTOCOL))
        self._since = []
        self._keeping = True

    def _folded(self, events: list[dict[str, Any]]) -> None:
        """Events folded onto the meeting one by one: remembered for a fold back, if one is kept."""
        if self._snapshot is None:
            return
        self._since.extend(events)
        if len(self._since) > SNAPSHOT_EVENTS:
            self._snapshot, self._since = None, []  # too far behind to be worth its memory: read afresh

    def _undo_folded(self, new: list[dict[str, Any]]) -> Meeting:
        """The meeting after events that undo earlier actions: folded again from the kept copy when
        every action undone is younger than it, else read again from the store."""
        targets = {e["data"]["action"] for e in new if e["type"] == "undone"}
        if self._snapshot is None or min(targets) <= self._snapshot[0]:
            meeting = self._read()
            if self._keeping:  # the copy was too old or dropped: a fresh one for the next undo
                self.meeting = meeting
                self.keep_snapshot()
            return meeting
        meeting = pickle.loads(self._snapshot[1])
        assert isinstance(meeting, Meeting)
        for key in [k for k in meeting.__dict__ if k.startswith("_")]:
            del meeting.__dict__[key]  # what the screens kept for the copy's moment, not ours
        meeting.undone = self.meeting.undone | targets
        for event in [*self._since, *new]:
            state.fold_known(meeting, event)
        self._since.extend(new)
        return meeting

    @classmethod
    def open(cls, path: Path, actor: Actor, clock: Clock | None = None) -> Session:
        return cls(MeetingStore(path), actor, clock)

    def now(self) -> float:
        return self.clock.now()

    @property
    def events(self) -> list[dict[str, Any]]:
        """The events folded so far, read again from disk (for audits and tests)."""
        return [e for e in MeetingStore(self.store.path).load() if e["seq"] <= self.meeting.last_seq]

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

    def _read(self) -> Meeting:
        """The whole meeting from the store, read and folded one event at a time when it can be."""
        with recovery_hint(self.store.path):
            folded = self.store.load_folded()
        return folded if folded is not None else self.replay(self.store.load())

    def refresh(self) -> bool:
        """Pick up what other terminals wrote. True when the meeting changed."""
        if not self.store.changed():
            return False
        full, fresh = self.store.sync()
        return self._take(full, fresh)

    def _take(self, full: bool, fresh: list[dict[str, Any]]) -> bool:
        """Bring the folded meeting up to date with events read from the store."""
        if full:
            self.meeting = self.replay(fresh)
            self._snapshot, self._since = None, []
            return True
        if not fresh:
            return False
        if any(e["type"] == "undone" for e in fresh):
            self.meeting = self._undo_folded(fresh)
        else:
            try:
                for event in fresh:
                    state.apply(self.meeting, event)
                self._folded(fresh)
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
            from facilitator.store import backups as backup

            backup.take(self.store.path, events=self.store.events_on_disk())
        finally:
            self.store.close()

    def keep_minutes(self) -> bool:
        """Keep the minutes of the meeting as this terminal has it (kept_minutes.py), when that
        is all there is on disk, so that `facilitator minutes` need not read it again."""
        from facilitator.minutes.document import minutes_markdown
        from facilitator.store import kept_minutes

        key = kept_minutes.key_of(self.store.path)
        if self.store.changed():
            return False  # another terminal wrote what this one has not read
        return kept_minutes.keep(self.store.path, "markdown", minutes_markdown(self.meeting), key)

    def act(self, action: str, at: float | None = None, setup: bool = False, **args: Any) -> Outcome:
        """Check the command against the freshest meeting on disk and write its events.

        `at`: when it happened (entering a meeting from paper notes); `setup`: written by `new`
        while creating the meeting, which is not an action of the meeting itself."""
        from facilitator.meeting.act import Context, run  # the rules: not needed before the first action

        result: list[Outcome] = []

        def build(full: bool, fresh: list[dict[str, Any]]) -> list[dict[str, Any]]:
            self._take(full, fresh)
            meeting = self.meeting
            if at is not None:
                check_at(meeting, at, self.now())
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
                if setup:
                    event["setup"] = True
                stamped.append(event)
            return stamped

        try:
            written = self.store.append(build)
        except StoreError as err:
            # Say which action was lost to the disk, so that nobody believes it was recorded.
            what = result[0].summary if result else describe(action, args)
            raise StoreError(f"not saved: {what}; {err}") from None
        if any(e["type"] == "undone" for e in written):
            self.meeting = self._undo_folded(written)
        else:
            for event in written:
                state.apply(self.meeting, event)
            self._folded(written)
        return result[0]
