"""Checks on what people type: names and texts hold anything but control characters."""

from __future__ import annotations

import unicodedata

from facilitator.errors import Refused

NAME_LIMIT = 60
TITLE_LIMIT = 200
TEXT_LIMIT = 10_000


def _refuse_controls(value: str, what: str, allow_newlines: bool) -> None:
    for char in value:
        if allow_newlines and char in "\n\t":
            continue
        category = unicodedata.category(char)
        # Cc covers ESC and friends; Cs/Co are broken or private code points that terminals garble.
        if category in ("Cc", "Cs") or char in "\u2028\u2029":
            raise Refused(f"{what} contains a control character (U+{ord(char):04X}); type plain text")


def clean_name(value: str) -> str:
    name = " ".join(value.split())
    if not name:
        raise Refused("a name cannot be empty")
    _refuse_controls(name, "the name", allow_newlines=False)
    if len(name) > NAME_LIMIT:
        raise Refused(f"the name is {len(name)} characters long; the limit is {NAME_LIMIT}")
    return name


def clean_title(value: str, what: str = "the title") -> str:
    title = " ".join(value.split())
    if not title:
        raise Refused(f"{what} cannot be empty")
    _refuse_controls(title, what, allow_newlines=False)
    if len(title) > TITLE_LIMIT:
        raise Refused(f"{what} is {len(title)} characters long; the limit is {TITLE_LIMIT}")
    return title


def clean_text(value: str, what: str = "the text") -> str:
    text = value.strip()
    if not text:
        raise Refused(f"{what} cannot be empty")
    _refuse_controls(text, what, allow_newlines=True)
    if len(text) > TEXT_LIMIT:
        raise Refused(f"{what} is {len(text)} characters long; the limit is {TEXT_LIMIT}")
    return text


def same_person(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()
