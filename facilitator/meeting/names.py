"""The names closest to one that matches nobody: what a refusal suggests and what Tab takes.

Matching itself is exact (text.name_key); this only says which known names were probably meant.
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher

from facilitator.meeting.text import name_key

# How alike two spellings must be (difflib's ratio) to be offered when neither starts the other:
# the whole name, or one of its words (short words are alike by chance more often: "ana", "ivanova").
LIKENESS = 0.6
WORD_LIKENESS = 0.75


def _starts_words(typed: list[str], words: list[str]) -> bool:
    """Each typed word starts a word of the name, in order ("iv pet" for Ivan Petrov)."""
    at = 0
    for part in typed:
        while at < len(words) and not words[at].startswith(part):
            at += 1
        if at == len(words):
            return False
        at += 1
    return True


def _likeness(typed: str, key: str) -> float:
    """The whole name's likeness, or a word's ("Ivna" is close to Ivan Petrov); 0 when neither is close."""
    whole = SequenceMatcher(None, typed, key).ratio()
    word = max(SequenceMatcher(None, typed, part).ratio() for part in key.split())
    return max(whole if whole >= LIKENESS else 0.0, word if word >= WORD_LIKENESS else 0.0)


def closest_names(typed: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """Up to `limit` known names, best first: the same name, names that start with what was
    typed, names whose words it starts, then names spelt alike (difflib). Each name once, as given."""
    wanted = name_key(typed)
    if not wanted or limit <= 0:
        return []
    names: dict[str, str] = {}
    for name in known:
        if name_key(name):
            names.setdefault(name_key(name), name)
    parts = wanted.split()
    ranked: list[tuple[int, float, int, str]] = []
    for place, (key, name) in enumerate(names.items()):
        if key == wanted:
            ranked.append((0, 0.0, place, name))
        elif key.startswith(wanted):
            ranked.append((1, 0.0, place, name))
        elif _starts_words(parts, key.split()):
            ranked.append((2, 0.0, place, name))
        else:
            score = _likeness(wanted, key)
            if score > 0:
                ranked.append((3, -score, place, name))
    return [name for *_, name in sorted(ranked)[:limit]]
