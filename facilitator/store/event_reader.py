"""A meeting's TinyDB file read one event at a time.

json.loads holds every event of a file at once (megabytes for a long meeting: docs/performance.md)
while the session folds them. The file as Facilitator writes it, {"meta": {...}, "events":
{"1": {...}, "2": {...}, ...}}, can instead be walked with the json module's own decoder, each
event handed on as soon as it is parsed and then let go (a small file has its events
table parsed in one call, which is faster and costs little memory). Anything unusual (a
repeated table, text that is not JSON) is NotPlain: the caller then reads the file the careful
way, which says what is wrong with it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

_SPACE = re.compile(r"[ \t\n\r]*")
_ROW_KEY = re.compile(r'[ \t\n\r]*"(\d+)"[ \t\n\r]*:[ \t\n\r]*')  # events are stored under their seq
_AFTER_ROW = re.compile(r"[ \t\n\r]*([,}])")
_decode = json.JSONDecoder().raw_decode
# Below this size the events table is parsed in one call, a quarter faster than row by row;
# above it, row by row keeps the peak memory down (one row at a time instead of the table).
WHOLE_TABLE_BELOW = 1 << 20
# An undo as Facilitator writes it (keys in this order): a hint only, checked against the events.
_UNDONE = re.compile(r'"type":\s*"undone",\s*"data":\s*\{\s*"action":\s*(\d+)\s*\}')


class NotPlain(Exception):
    """Not a file this reader vouches for: read it with json.loads instead."""


def undone_hint(text: str) -> set[int]:
    """The actions the file's undo events seem to take back, before any event is folded (an undo
    changes what came before it). The caller checks the guess against the events it folds."""
    return {int(n) for n in _UNDONE.findall(text)}


def walk(text: str, on_event: Callable[[str, Any], None]) -> tuple[dict[str, Any], bool]:
    """Parse a TinyDB file's text, giving each row of its `events` table to `on_event(key, row)`
    instead of keeping it. Returns the other tables, and whether `events` came last."""
    try:
        return _walk(text, on_event)
    except (ValueError, RecursionError) as err:  # json.JSONDecodeError is a ValueError
        raise NotPlain(str(err)) from None


def _walk(text: str, on_event: Callable[[str, Any], None]) -> tuple[dict[str, Any], bool]:
    others: dict[str, Any] = {}
    seen_events = events_last = False
    at = _skip(text, _expect(text, _skip(text, 0), "{"))
    if text.startswith("}", at):
        raise NotPlain("no tables")
    while True:
        name, at = _key(text, at)
        if name in others or (name == "events" and seen_events):
            raise NotPlain(f"the table {name} twice")
        if name == "events":
            at, seen_events = _rows(text, at, on_event), True
        else:
            others[name], at = _decode(text, at)
        events_last = name == "events"
        at = _skip(text, at)
        if text.startswith(",", at):
            at = _skip(text, at + 1)
        elif text.startswith("}", at):
            break
        else:
            raise NotPlain(f"unexpected text at {at}")
    if _skip(text, at + 1) != len(text) or not seen_events:
        raise NotPlain("not one whole TinyDB file")
    return others, events_last


def _rows(text: str, at: int, on_event: Callable[[str, Any], None]) -> int:
    start = _expect(text, at, "{")
    if len(text) < WHOLE_TABLE_BELOW:
        table, end = _decode(text, at)
        for key, row in table.items():
            if not (key.isdigit() and key.isascii()):
                raise NotPlain(f"an event under {key!r}")
            on_event(key, row)
        return int(end)
    at = _skip(text, start)
    if text.startswith("}", at):
        return at + 1
    key_at, after = _ROW_KEY.match, _AFTER_ROW.match
    while True:
        found = key_at(text, at)
        if found is None:
            raise NotPlain(f"expected an event's number at {at}")
        row, at = _decode(text, found.end())
        on_event(found.group(1), row)
        ended = after(text, at)
        if ended is None:
            raise NotPlain(f"unexpected text at {at}")
        at = ended.end()
        if ended.group(1) == "}":
            return at


def _key(text: str, at: int) -> tuple[str, int]:
    if not text.startswith('"', at):
        raise NotPlain(f"expected a name at {at}")
    key, at = _decode(text, at)
    return key, _skip(text, _expect(text, _skip(text, at), ":"))


def _expect(text: str, at: int, char: str) -> int:
    if not text.startswith(char, at):
        raise NotPlain(f"expected {char} at {at}")
    return at + 1


def _skip(text: str, at: int) -> int:
    match = _SPACE.match(text, at)
    assert match is not None  # the pattern matches the empty string
    return match.end()
