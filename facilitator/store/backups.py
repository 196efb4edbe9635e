"""Backups of each meeting: taken, listed, pruned; recovery.py is the way back to the last good one.

A backup is a copy of the meeting's TinyDB file taken when it is whole: on every clean close
(after the checkpoint, so the file alone holds the meeting) and before a migration rewrites it.
They live in sessions/backups/<id>/, private like the meetings (0700/0600, or the shared
folder's group modes). The last KEEP taken on close are kept; those taken before a migration are
kept for good.
"""

from __future__ import annotations

import calendar
import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from facilitator.errors import StoreError
from facilitator.store.files import check_safe, ensure_folder, locked, write_atomically

KEEP = 5
PIECE = 1 << 18  # bytes read at a time when copying or comparing
CLOSE = "close"
NAME = re.compile(r"^(\d{8}T\d{6})\.(\d{6})Z-e(\d+)-([a-z0-9-]+)\.json$")
Events = list[dict[str, Any]]


def folder_of(path: Path) -> Path:
    """sessions/backups/<id>/ for the meeting file sessions/<id>.json."""
    return path.parent / "backups" / path.stem


@dataclass(frozen=True)
class Backup:
    """One backup copy of a meeting's file, and why it was taken."""

    path: Path
    taken: float  # UTC seconds
    events: int
    reason: str

    @property
    def when(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.taken))


def _parse(path: Path) -> Backup | None:
    match = NAME.match(path.name)
    if match is None:
        return None
    stamp, micro, events, reason = match.groups()
    taken = calendar.timegm(time.strptime(stamp, "%Y%m%dT%H%M%S")) + int(micro) / 1e6
    return Backup(path, taken, int(events), reason)


def backups(path: Path) -> list[Backup]:
    """The meeting's backups, newest first."""
    folder = folder_of(path)
    check_safe(folder)
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except PermissionError:
        raise StoreError(f"cannot read the backups in {folder} (permission denied)") from None
    found = [b for b in (_parse(folder / n) for n in names) if b is not None]
    return sorted(found, key=lambda b: b.path.name, reverse=True)


def read_whole(path: Path) -> bytes:
    """A file's bytes, never through a link."""
    with _opened(path) as f:
        return f.read()


def _opened(path: Path) -> BinaryIO:
    check_safe(path)
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    return os.fdopen(fd, "rb")


def _pieces(f: BinaryIO) -> Iterator[bytes]:
    """A file read a piece at a time from its start: a long meeting is megabytes, and a backup
    made on close would otherwise hold it (and the backup it is compared with) whole."""
    f.seek(0)
    while piece := f.read(PIECE):
        yield piece


def _same_bytes(f: BinaryIO, other: Path) -> bool:
    try:
        with _opened(other) as g:
            return all(piece == g.read(len(piece)) for piece in _pieces(f)) and not g.read(1)
    except OSError:
        return False


def take(path: Path, reason: str = CLOSE, events: int | None = None, held: bool = False) -> Backup | None:
    """Copy the meeting file into its backups, unless the newest backup holds the same bytes.
    A file that does not parse as a meeting is never copied: it would push a good one out.
    `events`: the caller knows the file holds that many, well formed (it just wrote them).
    Under the meeting's lock (`held`: the caller has it), so that temp files left in the backup
    folder by a terminal killed mid-backup can be swept."""
    if not held:
        with locked(path.with_suffix(".lock")):
            return take(path, reason, events, held=True)
    folder = folder_of(path)
    if not folder.is_symlink():
        for leftover in folder.glob(".*.tmp"):  # even when no backup is due this time
            leftover.unlink(missing_ok=True)
    try:
        source = _opened(path)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise StoreError(f"the backup was not made: cannot read {path}: {err.strerror}") from None
    with source:
        try:
            size = os.fstat(source.fileno()).st_size
            existing = backups(path)
            newest = existing[0].path if existing else None
            if reason == CLOSE and newest and newest.stat().st_size == size and _same_bytes(source, newest):
                return None
            if events is None:
                try:
                    tables = json.loads(b"".join(_pieces(source)))
                    events = len(tables["events"])
                    if not isinstance(tables["meta"]["1"]["schema"], int):
                        return None
                except (ValueError, KeyError, TypeError, RecursionError):
                    return None
            ensure_folder(folder.parent)
            ensure_folder(folder)
            now = time.time()
            stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now)) + f".{int(now % 1 * 1e6):06d}Z"
            target = folder / f"{stamp}-e{events}-{reason}.json"
            write_atomically(target, _pieces(source))
        except StoreError as err:
            raise StoreError(f"the backup was not made: {err}") from None
        except OSError as err:
            raise StoreError(f"the backup was not made: cannot read {path}: {err.strerror}") from None
    prune(path)
    return _parse(target)


def prune(path: Path, keep: int = KEEP) -> list[Path]:
    """Remove the oldest backups taken on close beyond `keep`. Returns what was removed."""
    removed = []
    for old in [b for b in backups(path) if b.reason == CLOSE][keep:]:
        try:
            old.path.unlink()
            removed.append(old.path)
        except FileNotFoundError:
            pass  # another terminal closing at the same moment removed it
    return removed


def hint(path: Path) -> str:
    """The end of a damaged meeting's refusal: how to go back to its last good copy."""
    try:
        found = backups(path)
    except StoreError:
        return ""
    if not found:
        return ""
    return f"; a backup from {found[0].when} exists: facilitator recover {path.stem}"
