"""The journal: an append-only file beside a meeting's TinyDB file, one line per action.

Rewriting a TinyDB file costs time in proportion to the whole meeting (docs/performance.md);
appending one fsync'd line costs the same at 10 events or 10,000. So actions are appended here
and checkpointed into the TinyDB file now and then (on open, on close, every so many events),
after which the TinyDB file is plain TinyDB JSON again and the journal starts empty.

A line is only acknowledged once it is whole and fsync'd: a torn last line (a writer killed
mid-write) was never acknowledged, is ignored by readers and cut off by the next writer.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from facilitator.errors import StoreError
from facilitator.store.files import Damaged, check_safe, control_in, denied, open_created


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path

    def inode(self) -> int | None:
        try:
            return os.lstat(self.path).st_ino
        except FileNotFoundError:
            return None

    def size(self) -> int:
        try:
            return os.lstat(self.path).st_size
        except FileNotFoundError:
            return 0

    def read_from(self, offset: int) -> tuple[list[dict[str, Any]], int]:
        """The events of every whole line after `offset`, and the offset after the last one."""
        check_safe(self.path)
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except FileNotFoundError:
            return [], 0
        except OSError as err:
            raise StoreError(f"cannot read {self.path}: {err.strerror}") from None
        try:
            raw = os.pread(fd, max(0, os.fstat(fd).st_size - offset), offset)
        finally:
            os.close(fd)
        end = raw.rfind(b"\n")
        if end < 0:
            return [], offset
        events: list[dict[str, Any]] = []
        for number, line in enumerate(raw[:end].split(b"\n"), start=1):
            if not line.strip():
                continue
            try:
                batch = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as err:
                raise Damaged(
                    f"{self.path} is damaged (line {number} after byte {offset}: {err}); it was left untouched"
                ) from None
            if not isinstance(batch, list):
                raise Damaged(f"{self.path} is damaged (a line is not a list of events); it was left untouched")
            events.extend(batch)
        control = control_in(raw[:end])
        if control is not None:
            raise Damaged(f"{self.path} is damaged (it holds a control character, {control}); it was left untouched")
        return events, offset + end + 1

    def append(self, events: list[dict[str, Any]]) -> None:
        """Append one action's events as one line and fsync. Call with the meeting's lock held."""
        check_safe(self.path)
        line = json.dumps(events, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        try:
            fd = open_created(self.path, os.O_RDWR | os.O_APPEND)  # the folder's mode, whatever the umask
        except OSError as err:
            raise self._not_written(err) from None
        size: int | None = None
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                # A writer died mid-line; that line was never acknowledged.
                tail = os.pread(fd, min(size, 1 << 20), max(0, size - (1 << 20)))
                size -= len(tail) - (tail.rfind(b"\n") + 1)
                os.ftruncate(fd, size)
            view = memoryview(line)
            while view:  # a full disk cuts a write short; the next one says why (ENOSPC, EFBIG)
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        except OSError as err:
            if size is not None:
                try:  # a line that is not acknowledged must not be read by anyone
                    os.ftruncate(fd, size)
                except OSError:
                    pass
            raise self._not_written(err) from None
        finally:
            os.close(fd)

    def _not_written(self, err: OSError) -> StoreError:
        why = denied(self.path) if isinstance(err, PermissionError) else (err.strerror or str(err))
        if isinstance(err, FileNotFoundError):
            why = f"its folder {self.path.parent} is gone (deleted or unmounted?)"
        return StoreError(f"could not write {self.path}: {why}; nothing was changed")

    def reset(self) -> None:
        """Start an empty journal (after a checkpoint): a new file, so readers see a new inode."""
        from facilitator.store.files import write_atomically

        write_atomically(self.path, b"")
