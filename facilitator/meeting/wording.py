"""Word-by-word comparison of two versions of a proposal (PROCESS.md 4.4).

The diff is a list of pieces (same, removed, added); each view marks them its own way, and the
plain-text marks ([-removed-] [+added+]) never rely on colour.
"""

from __future__ import annotations

import difflib
import re
from typing import NamedTuple

SAME, REMOVED, ADDED = "same", "removed", "added"


class Piece(NamedTuple):
    """A stretch of text in a comparison of two versions: kept, removed or added."""

    kind: str  # same, removed, added
    text: str


class _Change(NamedTuple):
    """A removed and an added stretch found side by side."""

    removed: str
    added: str


def tokens(text: str) -> list[str]:
    """Words and the whitespace between them, so the diff keeps line breaks as they were."""
    return re.findall(r"\s+|\S+", text)


def _join(first: str, gap: str, second: str) -> str:
    # The gap is in both texts, so it belongs to both sides, even when one side is empty.
    return first + gap + second


def _alike(first: str | _Change, second: str | _Change) -> bool:
    """Two changes of the same shape (both remove, both add, or both replace) merge cleanly."""
    assert isinstance(first, _Change) and isinstance(second, _Change)
    return bool(first.removed) == bool(second.removed) and bool(first.added) == bool(second.added)


def word_diff(old: str, new: str) -> list[Piece]:
    """What changed from `old` to `new`, word by word: removed text before the added text."""
    a, b = tokens(old), tokens(new)
    hunks: list[str | _Change] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            hunks.append("".join(a[i1:i2]))
        else:
            hunks.append(_Change("".join(a[i1:i2]), "".join(b[j1:j2])))
    # A lone space between two changes reads better inside one change: [-quick brown-] not [-quick-] [-brown-]
    merged: list[str | _Change] = []
    i = 0
    while i < len(hunks):
        hunk = hunks[i]
        if (
            isinstance(hunk, str)
            and not hunk.strip()
            and merged
            and isinstance(merged[-1], _Change)
            and i + 1 < len(hunks)
            and isinstance(hunks[i + 1], _Change)
            and _alike(merged[-1], hunks[i + 1])
        ):
            prev, nxt = merged[-1], hunks[i + 1]
            assert isinstance(nxt, _Change)
            merged[-1] = _Change(_join(prev.removed, hunk, nxt.removed), _join(prev.added, hunk, nxt.added))
            i += 2
            continue
        merged.append(hunk)
        i += 1
    pieces: list[Piece] = []
    for hunk in merged:
        if isinstance(hunk, str):
            pieces.append(Piece(SAME, hunk))
            continue
        if hunk.removed:
            pieces.append(Piece(REMOVED, hunk.removed))
        if hunk.added:
            pieces.append(Piece(ADDED, hunk.added))
    return pieces


def marked(pieces: list[Piece]) -> str:
    """Plain text with [-removed-] and [+added+]: readable without colour, in any terminal."""
    out = []
    for piece in pieces:
        if piece.kind == SAME:
            out.append(piece.text)
            continue
        lead, core, trail = spaced(piece.text)
        sign = "-" if piece.kind == REMOVED else "+"
        out.append(f"{lead}[{sign}{core}{sign}]{trail}" if core else f"[{sign}{piece.text}{sign}]")
    return "".join(out)


def spaced(text: str) -> tuple[str, str, str]:
    """Leading whitespace, the words, trailing whitespace: marks go around the words only."""
    core = text.strip()
    if not core:
        return "", "", text
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def changed(pieces: list[Piece]) -> bool:
    return any(piece.kind != SAME for piece in pieces)


def occurrences(text: str, passage: str) -> int:
    """How many times the passage is in the text, overlapping ones included: "no no" is twice in
    "no no no" (str.count says once), and replacing either would be a guess."""
    if not passage:
        return 0
    found, start = 0, text.find(passage)
    while start != -1:
        found += 1
        start = text.find(passage, start + 1)
    return found


def apply_amendment(text: str, passage: str | None, replacement: str) -> str | None:
    """The text with the amendment applied: the passage replaced, or the whole text given.

    None when the passage is not exactly once in the text (PROCESS.md 4.2): an ambiguous passage
    is never replaced at its first occurrence.
    """
    if passage is None:
        return replacement
    if occurrences(text, passage) != 1:
        return None
    return text.replace(passage, replacement, 1)
