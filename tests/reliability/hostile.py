"""Hostile text shared by the hostile-input tests, and the checks on what ends up stored."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.meeting.text import DIRECTION_CONTROLS, NAME_LIMIT, TEXT_LIMIT, TITLE_LIMIT
from facilitator.session import Session

NASTY = [
    "\x1b[31mred\x1b[0m",
    "\x1b]0;pwned\x07",
    "\x1b[2J\x1b[H",
    "Ana\x00",
    "Ana\x07",
    "\x9b31m",
    "Ana\x7f",
    "tab\there",
    "two\nlines",
    "cr\rreturn",
    "Ana\u202eBob",
    "\u2066isolate\u2069",
    "line\u2028sep",
    "[bold red]Ana[/]",
    "[link=http://x]x[/link]",
    "[/]",
    "[",
    "**bold** _em_ `code`",
    "# heading",
    "- item",
    "1. item",
    "> quote",
    "<script>alert(1)</script>",
    "<b>x</b> &amp; &#x41;",
    "a | b | c",
    "|",
    "\\",
    "😀🎉👩🏽‍🚀",
    "مرحبا بالعالم",
    "שלום",
    "Lucía",
    "Lucı\u0301a",
    "\u200b",
    "   ",
    "",
    "-",
    "--help",
    "-1",
    "P1",
    "P1-A1",
    "1",
    "0",
    "up",
    "\ud800",
    "\U0010ffff",
    "Ｗｉｄｅ",
    "%s%n{0}",
    "${HOME}",
    "'; DROP TABLE events; --",
]
ABSURD = ["W" * (NAME_LIMIT + 1), "W" * (TITLE_LIMIT + 1), "W" * (TEXT_LIMIT + 1), "W" * 200_000]
TEXT_CONTROLS_ALLOWED = "\n\t"  # in notes and proposal texts; nowhere else


def bad_chars(value: str, allowed: str = "") -> list[str]:
    """Characters that must never be stored or reach a terminal raw."""
    return [
        c
        for c in value
        if c not in allowed
        and (unicodedata.category(c) in ("Cc", "Cs") or c in DIRECTION_CONTROLS or c in "\u2028\u2029")
    ]


def strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def check_stored(path: Path) -> list[dict[str, Any]]:
    """The meeting opens, and nothing stored holds a control character or exceeds the limits."""
    events = Session.open(path, Actor("reader"), FakeClock()).events
    for stored in events[1:]:
        for value in strings_in(stored["data"]):
            assert not bad_chars(value, TEXT_CONTROLS_ALLOWED), (stored, value)
            assert len(value) <= TEXT_LIMIT, (stored["type"], len(value))
    return events
