"""One TinyDB file per meeting (tables `meta` and `events`), written safely by several processes.

Writers take an flock on `<id>.lock`, read what others wrote since they last read, re-check
their command against that, append it to the journal (`<id>.journal`, see journal.py), and
release. Now and then the journal is checkpointed into the TinyDB file, which is replaced
atomically. Readers need no lock: they poll the TinyDB file's (inode, size, mtime_ns) and the
journal's inode and size, and read only the journal lines they have not seen.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from facilitator.errors import StoreError
from facilitator.meeting import state  # registers every event type before a file is checked
from facilitator.meeting.events import check_event
from facilitator.meeting.state import Meeting
from facilitator.store.event_reader import NotPlain, undone_hint, walk
from facilitator.store.files import (
    Damaged,
    JsonFile,
    check_safe,
    control_in,
    ensure_folder,
    locked,
    read_bytes,
    read_exactly,
    remove_stale_temps,
    signature,
    with_rows_added,
    write_atomically,
)
from facilitator.store.journal import Journal

SCHEMA = 1
CHECKPOINT_EVERY = 256  # journal events before a checkpoint is due
# Upgrades of files written by an older Facilitator, by the schema each one starts from. None yet:
# schema 1 is the first. A file is backed up (backups.py) before one rewrites it.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


@contextmanager
def recovery_hint(path: Path) -> Iterator[None]:
    """A damaged meeting's refusal ends by saying how to go back to its last good copy, if any."""
    try:
        yield
    except Damaged as err:
        if err.hinted:
            raise
        from facilitator.store.backups import hint

        hinted = Damaged(f"{err}{hint(path)}")
        hinted.hinted = True
        raise hinted from None


def meta_of(tables: Any) -> dict[str, Any]:
    """The meeting's row of the `meta` table of a parsed TinyDB file ({} if it has none)."""
    rows = tables.get("meta") if isinstance(tables, dict) else None
    row = rows.get("1") if isinstance(rows, dict) else None
    return dict(row) if isinstance(row, dict) else {}


def events_last(tables: Any) -> bool:
    """Is `events` the last table of a parsed TinyDB file (so new events can go at its end)?"""
    return isinstance(tables, dict) and bool(tables) and next(reversed(tables)) == "events"


def meeting_stamp(path: Path) -> list[int]:
    """Changes whenever anything is written to the meeting: its TinyDB file or its journal."""
    return [*(signature(path) or ()), *(signature(path.with_suffix(".journal")) or ())]


class MeetingStore:
    """The events of one meeting, on disk: the TinyDB file plus its journal."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_suffix(".lock")
        self.journal = Journal(path.with_suffix(".journal"))
        self._file = JsonFile(path)
        self._db_seen: Any = None
        # What that file held when read: its events are folded by the session, not kept here.
        self._db_events = 0
        self._db_meta: dict[str, Any] | None = None
        self._events_last = False  # its events table is its last: a checkpoint can append to the text
        self._journal_inode: int | None = None
        self._journal_offset = 0
        self._journal_events = 0
        self._last_seq = 0
        self._cleaned = False
        self._holding = False  # this store holds the lock (a migration must not take it again)
        # One Session may checkpoint from a worker thread while its screen acts.
        self._mutex = threading.RLock()

    # -- reading ---------------------------------------------------------------------------

    def changed(self) -> bool:
        """Has anyone written since we last read? (Cheap: two stat calls.)"""
        if signature(self.path) != self._db_seen or self.journal.inode() != self._journal_inode:
            return True
        return self.journal.size() != self._journal_offset

    def load(self) -> list[dict[str, Any]]:
        """Every event, checked. A file that is not what we wrote is refused, never repaired."""
        with self._mutex, recovery_hint(self.path):
            retries = 2
            while True:
                events = self._load_db()
                self._last_seq = len(events)
                self._journal_inode = self.journal.inode()
                self._journal_offset = 0
                self._journal_events = 0
                try:
                    events.extend(self._read_journal())
                except Damaged:
                    if retries and signature(self.path) != self._db_seen:
                        retries -= 1  # another terminal checkpointed while we read: its journal moved on
                        continue
                    raise
                if retries and signature(self.path) != self._db_seen:
                    retries -= 1  # the same, noticed after reading: the journal we read may be emptied
                    continue
                return events

    def load_folded(self) -> Meeting | None:
        """The meeting, folded while its file is read one event at a time (event_reader.py), then
        its journal's events; the store then stands as after `load`. None when the file is not
        as Facilitator writes it, or changed while read: then `load` it, the careful way."""
        with self._mutex:
            check_safe(self.path.parent)
            sig = signature(self.path)
            try:
                raw = read_bytes(self.path)
                if raw is None or control_in(raw) is not None:
                    return None
                text = raw.decode(json.detect_encoding(raw), "surrogatepass")
                del raw
                journal_inode = self.journal.inode()
                journal, offset = self.journal.read_from(0)
            except (Damaged, UnicodeDecodeError):
                return None
            meeting = state.Meeting()
            meeting.undone = undone_hint(text) | {
                e["data"]["action"] for e in journal if check_event(e) is None and e["type"] == "undone"
            }
            undone: set[int] = set()
            count = 0

            def fold(key: str, event: Any) -> None:
                nonlocal count
                count += 1
                if check_event(event) is not None or event["seq"] != count or key != str(count):
                    raise NotPlain(f"event {key}")
                if count == 1 and event["type"] != "meeting_opened":
                    raise NotPlain("no meeting_opened first")
                if event["type"] == "undone":
                    undone.add(event["data"]["action"])
                state.fold_known(meeting, event)

            try:
                tables, events_last = walk(text, fold)
                del text
                if meta_of(tables).get("schema") != SCHEMA or count == 0:
                    return None
                self._last_seq = count
                fresh = self._take_journal(journal, offset)
                for event in fresh:
                    if event["type"] == "undone":
                        undone.add(event["data"]["action"])
                    state.fold_known(meeting, event)
            except Exception:  # damaged, or not as Facilitator writes it: `load` says what is wrong
                return None
            if undone != meeting.undone or signature(self.path) != sig:
                return None  # the guess at the undone actions was wrong, or the file was replaced
            self._db_seen, self._db_events, self._db_meta = sig, count, meta_of(tables)
            self._events_last = events_last
            self._journal_inode, self._journal_offset, self._journal_events = journal_inode, offset, len(fresh)
            return meeting

    def sync(self) -> tuple[bool, list[dict[str, Any]]]:
        """What others wrote since our last read: (True, every event) after a checkpoint or on
        first read, else (False, only the new events), usually none."""
        with self._mutex, recovery_hint(self.path):
            if (
                self._db_seen is None
                or signature(self.path) != self._db_seen
                or self.journal.inode() != self._journal_inode
            ):
                return True, self.load()
            if self.journal.size() == self._journal_offset:
                return False, []
            return False, self._read_journal()

    def _load_db(self) -> list[dict[str, Any]]:
        check_safe(self.path.parent)  # in a folder anyone can write to, anyone can replace the file
        if not self.path.exists() and not self.path.is_symlink():
            raise StoreError(f"{self.path} does not exist")
        sig = signature(self.path)
        tables = self._file.read()
        events, migrated = self._checked(tables)
        self._db_seen = signature(self.path) if migrated else sig
        self._db_events = len(events)
        self._db_meta = meta_of(tables)
        self._events_last = not migrated and events_last(tables)
        self._file.forget()
        return events

    def _checked(self, tables: Any) -> tuple[list[dict[str, Any]], bool]:
        """The file's events, checked (and whether it was migrated). Sets nothing on this store."""
        migrated = False
        if not isinstance(tables, dict) or not isinstance(tables.get("events"), dict):
            raise Damaged(f"{self.path} is damaged (no events table); it was left untouched")
        meta = meta_of(tables)
        schema = meta.get("schema")
        if not isinstance(schema, int):
            raise Damaged(f"{self.path} is damaged (no schema version); it was left untouched")
        if schema > SCHEMA:
            raise StoreError(
                f"{self.path} was written by a newer Facilitator (schema {schema}, this one knows {SCHEMA}); "
                "upgrade Facilitator to open it"
            )
        if schema < SCHEMA:
            tables, migrated = self._migrate(schema), True
        events = []
        for key, raw in tables["events"].items():
            problem = check_event(raw)
            if problem is None and str(raw["seq"]) != key:
                problem = f"is stored under id {key} but says seq {raw['seq']}"
            if problem:
                raise Damaged(f"{self.path} is damaged: event {key} {problem}; it was left untouched")
            events.append(raw)
        events.sort(key=lambda e: e["seq"])
        for expected, event in enumerate(events, start=1):
            if event["seq"] != expected:
                raise Damaged(f"{self.path} is damaged: event {expected} is missing; it was left untouched")
        if not events or events[0]["type"] != "meeting_opened":
            raise Damaged(f"{self.path} is damaged: its first event does not open a meeting; it was left untouched")
        return events, migrated

    def _migrate(self, schema: int) -> dict[str, Any]:
        """Upgrade a file written by an older Facilitator, under the lock, after backing it up."""
        if schema < 1 or any(n not in MIGRATIONS for n in range(schema, SCHEMA)):
            raise Damaged(f"{self.path} is damaged (no Facilitator wrote schema {schema}); it was left untouched")
        with self._locked():
            tables: dict[str, Any] = self._file.read() or {}
            if meta_of(tables).get("schema") == SCHEMA:
                return tables  # another process upgraded it while we waited for the lock
            from facilitator.store import backups

            backups.take(self.path, reason=f"before-migration-from-schema-{schema}", held=True)
            for step in range(schema, SCHEMA):
                tables = MIGRATIONS[step](tables)
            tables["meta"]["1"]["schema"] = SCHEMA
            self._file.write(tables)
            return tables

    @contextmanager
    def _locked(self) -> Iterator[None]:
        if self._holding:
            yield
            return
        with locked(self.lock_path):
            self._holding = True
            try:
                yield
            finally:
                self._holding = False

    def _read_journal(self) -> list[dict[str, Any]]:
        """The journal's whole lines after our offset, checked and continuing our sequence.
        Lines already checkpointed (a crash between checkpoint and reset) are skipped."""
        return self._take_journal(*self.journal.read_from(self._journal_offset))

    def _take_journal(self, raw: list[dict[str, Any]], offset: int) -> list[dict[str, Any]]:
        fresh = []
        for event in raw:
            problem = check_event(event)
            if problem:
                raise Damaged(f"{self.journal.path} is damaged: an event {problem}; it was left untouched")
            if event["seq"] <= self._last_seq:
                continue
            if event["seq"] != self._last_seq + 1:
                raise Damaged(
                    f"{self.journal.path} is damaged: event {self._last_seq + 1} is missing; it was left untouched"
                )
            self._last_seq = event["seq"]
            fresh.append(event)
        self._journal_offset = offset
        self._journal_events += len(fresh)
        return fresh

    def meta(self) -> dict[str, Any]:
        if self._db_meta is not None and signature(self.path) == self._db_seen:
            return dict(self._db_meta)
        meta = meta_of(self._file.read())
        self._file.forget()
        return meta

    # -- writing ---------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, meta: dict[str, Any], first: dict[str, Any]) -> MeetingStore:
        ensure_folder(path.parent)
        store = cls(path)
        with locked(store.lock_path):
            if path.exists() or path.is_symlink():
                raise StoreError(f"{path} already exists")
            store._file.write(
                {"meta": {"1": {**meta, "schema": SCHEMA}}, "events": {"1": {**first, "seq": 1, "action": 1}}}
            )
            store.journal.reset()
        store.load()
        return store

    def append(self, build: Callable[[bool, list[dict[str, Any]]], list[dict[str, Any]]]) -> list[dict[str, Any]]:
        """Under the lock: give `build` what others wrote since our last read (as `sync` does),
        and append the events it returns to the journal. `build` may raise to write nothing."""
        with self._mutex, self._locked():
            self._sweep()
            full, fresh = self.sync()
            new = build(full, fresh)
            if new:
                self.journal.append(new)
                self._journal_inode = self.journal.inode()  # the first append may create it
                self._journal_offset = self.journal.size()
                self._journal_events += len(new)
                self._last_seq = new[-1]["seq"]
            return new

    def _sweep(self) -> None:
        """Under the lock, once: temp files left by a writer killed mid-save."""
        if not self._cleaned:
            remove_stale_temps(self.path)
            remove_stale_temps(self.journal.path)
            self._cleaned = True

    def checkpoint_due(self) -> bool:
        return self._journal_events >= CHECKPOINT_EVERY

    def checkpoint(self) -> int:
        """Fold the journal into the TinyDB file, then start an empty journal. Returns the
        number of events moved. After it, the TinyDB file alone holds the whole meeting.

        It reads nothing on this store's behalf: events others wrote that we have not read yet
        are still read by the next `sync` (which then re-reads the whole file)."""
        with self._mutex, self._locked(), recovery_hint(self.path):
            self._sweep()  # a terminal that only checkpoints (on opening) sweeps too
            check_safe(self.path)
            raw, _ = self.journal.read_from(0)
            if not raw:
                return 0  # nothing to move (the common case on opening): the file is not read
            text = read_exactly(self.path, self._db_seen)  # None unless it is the file we read and checked
            if text is not None:
                stored, appendable = self._db_events, self._events_last
            else:  # never write into a file we have not checked
                tables = self._file.read()
                stored = len(self._checked(tables)[0])
                appendable = events_last(tables)
            for event in raw:  # a malformed line would be lost with the journal: refuse it first
                problem = check_event(event)
                if problem:
                    raise Damaged(f"{self.journal.path} is damaged (an event {problem}); it was left untouched")
            pending = [e for e in raw if e["seq"] > stored]
            for expected, event in enumerate(pending, start=stored + 1):
                problem = check_event(event)
                if problem or event["seq"] != expected:
                    raise Damaged(
                        f"{self.journal.path} is damaged (event {expected} {problem or 'is missing'}); "
                        "it was left untouched"
                    )
            if not pending:
                self._file.forget()
                return 0
            # Adding the new events to the file's text costs no parsing of the old ones.
            appended = with_rows_added(text, {str(e["seq"]): e for e in pending}) if text and appendable else None
            if appended is not None:
                write_atomically(self.path, appended)
            else:
                self._insert_through_tinydb(pending)
            self._file.forget()
            caught_up = self._db_seen is not None and self._last_seq == pending[-1]["seq"]
            self.journal.reset()  # a crash before this only leaves lines that load() skips
            if caught_up:
                self._db_seen = signature(self.path)
                self._db_events = stored + len(pending)
                self._events_last = appendable
                self._journal_inode = self.journal.inode()
                self._journal_offset = 0
                self._journal_events = 0
            return len(pending)

    def events_on_disk(self) -> int | None:
        """How many events the TinyDB file holds, if it is exactly what this store last read or
        wrote (then it needs no parsing to be trusted), else None."""
        if self._db_seen is None or signature(self.path) != self._db_seen:
            return None
        return self._db_events

    def _insert_through_tinydb(self, events: list[dict[str, Any]]) -> None:
        """A file of another layout gets the events as TinyDB inserts them (rare: TinyDB is
        imported only here)."""
        from tinydb.table import Document

        from facilitator.store.tinydb_files import tinydb_at

        tinydb_at(self.path).table("events").insert_multiple(Document(e, doc_id=e["seq"]) for e in events)

    def close(self) -> None:
        self._file.close()


class Index:
    """index.json: the meetings in this folder and the people seen across them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / "index.json"
        from facilitator.store.tinydb_files import tinydb_at

        self._db = tinydb_at(self.path)

    def meetings(self) -> list[dict[str, Any]]:
        try:
            rows = self._db.table("meetings").all()
        except StoreError:
            raise
        return sorted((dict(r) for r in rows), key=lambda r: (r.get("date", ""), r.get("created", 0)), reverse=True)

    def people(self) -> list[str]:
        return sorted({str(r["name"]) for r in self._db.table("people").all()}, key=str.casefold)

    def add_meeting(self, row: dict[str, Any]) -> None:
        ensure_folder(self.root)
        with locked(self.root / "index.lock"):
            table = self._db.table("meetings")
            table.remove(lambda r: r.get("id") == row["id"])
            table.insert(row)

    def remove_meeting(self, meeting_id: str) -> None:
        with locked(self.root / "index.lock"):
            self._db.table("meetings").remove(lambda r: r.get("id") == meeting_id)

    def remember_people(self, names: list[str]) -> None:
        known = {n.casefold() for n in self.people()}
        fresh = [n for n in dict.fromkeys(names) if n.casefold() not in known]
        if not fresh:
            return
        with locked(self.root / "index.lock"):
            self._db.table("people").insert_multiple({"name": n} for n in fresh)
