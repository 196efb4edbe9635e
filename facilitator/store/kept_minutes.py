"""The minutes of a meeting, kept beside it once made (`sessions/<id>.minutes`), and good for as
long as nothing more is written to the meeting.

Reading and folding a long meeting is most of what `facilitator minutes` costs (more than the rest
of the process: docs/performance.md), yet the minutes of a
meeting that has ended do not change, and the minute taker asks for them more than once (to read
them, to file them, as JSON). So the operator keeps them when it closes the meeting, and the
command keeps what it makes.

What the minutes were made from is their key: the meeting's files as they were (inode, size and
mtime of the TinyDB file and of its journal: any write changes one), the code that made them, and
the local time zone (the minutes give times of day). A kept file is only a shortcut: one that
does not match, or is not as Facilitator writes it, is passed over and the minutes are made
again; failing to keep them costs nothing but time.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from facilitator.errors import StoreError
from facilitator.store.files import control_in, read_bytes, write_atomically
from facilitator.store.meeting_file import meeting_stamp

FORMATS = ("markdown", "json")


def kept_path(path: Path) -> Path:
    return path.with_suffix(".minutes")


@cache
def _code() -> list[list[Any]]:
    """What the installed code is: the modules that fold a meeting and write its minutes, by
    name, size and mtime."""
    core = Path(__file__).parent.parent
    modules = sorted([*(core / "meeting").glob("*.py"), *(core / "minutes").glob("*.py")])
    return [[f"{p.parent.name}/{p.name}", st.st_size, st.st_mtime_ns] for p, st in ((p, p.stat()) for p in modules)]


def _zone() -> list[Any]:
    zone_file = None
    try:
        st = os.stat("/etc/localtime")
        zone_file = [st.st_ino, st.st_size, st.st_mtime_ns]
    except OSError:
        pass
    return [os.environ.get("TZ"), list(time.tzname), time.timezone, time.altzone, zone_file]


def key_of(path: Path) -> list[Any]:
    """What minutes made now would be made from (cheap: a few stat calls)."""
    return [meeting_stamp(path), _code(), _zone()]


def _formats(path: Path, key: list[Any]) -> dict[str, Any]:
    """The formats kept for the meeting as `key` says it is, or {} if there are none, they were
    made from something else, or the file is not as written here."""
    try:
        raw = read_bytes(kept_path(path))
    except StoreError:
        return {}
    if raw is None or control_in(raw) is not None:  # never a control character to a terminal
        return {}
    try:
        found = json.loads(raw)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(found, dict) or found.get("key") != key or not isinstance(found.get("formats"), dict):
        return {}
    return found["formats"]  # type: ignore[no-any-return]


def kept(path: Path, fmt: str, key: list[Any]) -> str | None:
    """The minutes in `fmt` kept for exactly this meeting as it is (`key`), else None."""
    text = _formats(path, key).get(fmt)
    return text if isinstance(text, str) else None


def keep(path: Path, fmt: str, text: str, key: list[Any]) -> bool:
    """Keep minutes made from the meeting as `key` says it was, if it still is (a meeting
    written to or deleted since has another key). True if kept."""
    if fmt not in FORMATS or key_of(path) != key:
        return False  # these minutes are already out of date
    formats = {**_formats(path, key), fmt: text}  # with the other format, if made for this same meeting
    payload = json.dumps({"key": key, "formats": formats}, ensure_ascii=False)
    try:
        write_atomically(kept_path(path), payload.encode("utf-8"))
    except (StoreError, OSError):
        return False
    return True


def minutes_of(path: Path, fmt: str, make: Callable[[], str]) -> str:
    """The minutes in `fmt`: kept ones if they are for the meeting as it is, else `make()`'s,
    then kept (when nobody wrote to the meeting while they were made)."""
    key = key_of(path)
    text = kept(path, fmt, key)
    if text is None:
        text = make()
        keep(path, fmt, text, key)
    return text
