"""One TinyDB file per meeting (tables `meta` and `events`), written safely by several processes.

Writers take an flock on `<id>.lock`, look at what others wrote since they last read, re-check
their command against that, append, and release. Readers need no lock: every write replaces the
file atomically, and they notice it by polling its (inode, size, mtime_ns).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

import facilitator.state  # noqa: F401  (registers every event type before a file is checked)
from facilitator.errors import StoreError
from facilitator.events import check_event
from facilitator.storage import SafeStorage, check_safe, denied, open_created, remove_stale_temps, signature

SCHEMA = 1


def ensure_folder(folder: Path) -> None:
    """Create a private folder (0700), or check that an existing one is safe to use."""
    check_safe(folder)  # first: in a shared folder of another group, says so in one line
    if not folder.exists():
        try:
            folder.mkdir(parents=True, mode=0o700)
        except PermissionError:
            raise StoreError(f"cannot create {folder}: {denied(folder)}") from None
        except OSError as err:
            raise StoreError(f"cannot create {folder}: {err.strerror}") from None
        if folder.parent.exists() and os.stat(folder.parent).st_mode & 0o2000:
            os.chmod(folder, 0o2770)  # inside a shared folder, stay shared
    check_safe(folder)


@contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    check_safe(lock_path)
    try:
        fd = open_created(lock_path, os.O_RDWR)
    except PermissionError:
        raise StoreError(f"cannot lock {lock_path}: {denied(lock_path)}") from None
    except OSError as err:
        raise StoreError(f"cannot lock {lock_path}: {err.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


class MeetingStore:
    """The events of one meeting, on disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_suffix(".lock")
        self._db = TinyDB(path, storage=SafeStorage)
        self._seen: Any = None
        self._cleaned = False

    # -- reading ---------------------------------------------------------------------------

    def changed(self) -> bool:
        return bool(signature(self.path) != self._seen)

    def load(self) -> list[dict[str, Any]]:
        """Every event, checked. A file that is not what we wrote is refused, never repaired."""
        check_safe(self.path.parent)  # in a folder anyone can write to, anyone can replace the file
        if not self.path.exists() and not self.path.is_symlink():
            raise StoreError(f"{self.path} does not exist")
        sig = signature(self.path)
        tables = self._db.storage.read()
        if not isinstance(tables, dict) or not isinstance(tables.get("events"), dict):
            raise StoreError(f"{self.path} is damaged (no events table); it was left untouched")
        meta = self.meta()
        schema = meta.get("schema")
        if not isinstance(schema, int):
            raise StoreError(f"{self.path} is damaged (no schema version); it was left untouched")
        if schema > SCHEMA:
            raise StoreError(
                f"{self.path} was written by a newer Facilitator (schema {schema}, this one knows {SCHEMA}); "
                "upgrade Facilitator to open it"
            )
        events = []
        for key, raw in tables["events"].items():
            problem = check_event(raw)
            if problem is None and str(raw["seq"]) != key:
                problem = f"is stored under id {key} but says seq {raw['seq']}"
            if problem:
                raise StoreError(f"{self.path} is damaged: event {key} {problem}; it was left untouched")
            events.append(raw)
        events.sort(key=lambda e: e["seq"])
        for expected, event in enumerate(events, start=1):
            if event["seq"] != expected:
                raise StoreError(f"{self.path} is damaged: event {expected} is missing; it was left untouched")
        if not events or events[0]["type"] != "meeting_opened":
            raise StoreError(f"{self.path} is damaged: its first event does not open a meeting; it was left untouched")
        self._seen = sig
        return events

    def meta(self) -> dict[str, Any]:
        tables = self._db.storage.read() or {}
        rows = tables.get("meta") or {}
        row = rows.get("1") if isinstance(rows, dict) else None
        return dict(row) if isinstance(row, dict) else {}

    # -- writing ---------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, meta: dict[str, Any], first: dict[str, Any]) -> MeetingStore:
        ensure_folder(path.parent)
        store = cls(path)
        with locked(store.lock_path):
            if path.exists() or path.is_symlink():
                raise StoreError(f"{path} already exists")
            store._db.storage.write(
                {"meta": {"1": {**meta, "schema": SCHEMA}}, "events": {"1": {**first, "seq": 1, "action": 1}}}
            )
        store._seen = signature(path)
        return store

    def append(self, build: Callable[[list[dict[str, Any]] | None], list[dict[str, Any]]]) -> list[dict[str, Any]]:
        """Under the lock: give `build` what others wrote since our last read (None if nothing),
        and write the events it returns. `build` may raise to write nothing."""
        with locked(self.lock_path):
            if not self._cleaned:
                remove_stale_temps(self.path)
                self._cleaned = True
            fresh = self.load() if self.changed() else None
            new = build(fresh)
            if new:
                self._db.table("events").insert_multiple(Document(e, doc_id=e["seq"]) for e in new)
                self._seen = signature(self.path)
            return new

    def close(self) -> None:
        self._db.close()


class Index:
    """index.json: the meetings in this folder and the people seen across them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / "index.json"
        self._db = TinyDB(self.path, storage=SafeStorage)

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

    def role_records(self) -> list[dict[str, Any]]:
        """Per meeting: who held which role and who attended (kept by rotation.sync)."""
        return [dict(r) for r in self._db.table("roles").all()]

    def record_roles(self, row: dict[str, Any]) -> None:
        ensure_folder(self.root)
        with locked(self.root / "index.lock"):
            table = self._db.table("roles")
            table.remove(lambda r: r.get("meeting") == row["meeting"])
            # an explicit id: another process may have inserted since this Table counted its ids
            table.insert(Document(row, doc_id=max((d.doc_id for d in table.all()), default=0) + 1))

    def remember_people(self, names: list[str]) -> None:
        known = {n.casefold() for n in self.people()}
        fresh = [n for n in dict.fromkeys(names) if n.casefold() not in known]
        if not fresh:
            return
        with locked(self.root / "index.lock"):
            self._db.table("people").insert_multiple({"name": n} for n in fresh)
