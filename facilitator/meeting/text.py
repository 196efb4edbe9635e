"""Checks on what people type: names and texts hold anything but control characters."""

from __future__ import annotations

import unicodedata

from facilitator.errors import Refused

NAME_LIMIT = 60
TITLE_LIMIT = 200
TEXT_LIMIT = 10_000


# Bidirectional embeddings, overrides and isolates reorder the rest of the line they are shown
# on (a name could turn "asked 19:42" around). Right-to-left text itself needs none of them.
DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _refuse_controls(value: str, what: str, allow_newlines: bool) -> None:
    for char in value:
        if allow_newlines and char in "\n\t":
            continue
        category = unicodedata.category(char)
        # Cc covers ESC and friends; Cs/Co are broken or private code points that terminals garble.
        if category in ("Cc", "Cs") or char in "\u2028\u2029" or char in DIRECTION_CONTROLS:
            raise Refused(f"{what} contains a control character (U+{ord(char):04X}); type plain text")


def _one_line(value: str, what: str) -> str:
    """Tabs and line breaks become spaces; any other control character is refused, before
    str.split() could quietly turn the ones it counts as spaces (U+001C-001F, U+0085) into blanks."""
    _refuse_controls(value.replace("\r\n", "\n").replace("\r", "\n"), what, allow_newlines=True)
    return " ".join(value.split())


def clean_name(value: str) -> str:
    # One spelling per name: "Lucía" typed on a Mac (decomposed) is the same person as on Linux.
    name = unicodedata.normalize("NFC", _one_line(value, "the name"))
    if not name:
        raise Refused("a name cannot be empty")
    if not any(unicodedata.category(char)[0] in "LNPS" for char in name):
        raise Refused("a name needs at least one visible letter, digit or sign")
    if len(name) > NAME_LIMIT:
        raise Refused(f"the name is {len(name)} characters long; the limit is {NAME_LIMIT}")
    return name


def clean_title(value: str, what: str = "the title") -> str:
    title = _one_line(value, what)
    if not title:
        raise Refused(f"{what} cannot be empty")
    if len(title) > TITLE_LIMIT:
        raise Refused(f"{what} is {len(title)} characters long; the limit is {TITLE_LIMIT}")
    return title


def clean_text(value: str, what: str = "the text") -> str:
    text = value.replace("\r\n", "\n").strip()  # text pasted with Windows line ends
    if not text:
        raise Refused(f"{what} cannot be empty")
    _refuse_controls(text, what, allow_newlines=True)
    if len(text) > TEXT_LIMIT:
        raise Refused(f"{what} is {len(text)} characters long; the limit is {TEXT_LIMIT}")
    return text


def shown(value: str) -> str:
    """Text for a terminal that may quote what someone typed or stored: control characters and
    direction overrides become visible escapes (\\x1b), so none reaches the terminal raw."""
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in ("Cc", "Cs") or char in DIRECTION_CONTROLS or char in "\u2028\u2029"
        else char
        for char in value
    )


def name_key(name: str) -> str:
    """What two spellings of one name have in common: case, runs of spaces and the Unicode form
    aside ("ana  LIMA" is Ana Lima). Every comparison of names goes through it."""
    return unicodedata.normalize("NFC", " ".join(name.split()).casefold())


def same_person(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)
