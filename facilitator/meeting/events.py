"""Events: the only source of truth. Everything else is folded from them.

A stored event is a plain dict, so the file stays TinyDB's own JSON:
    {"seq": 12, "ts": 1764000000.0, "action": 11, "type": "hand_raised",
     "actor": {"user": "ana", "role": "stack", "as": null, "terminal": "ab12"},
     "data": {...}, "summary": "Ana raised a hand (new point)"}
`action` is the seq of the first event written by the same command, so an action of several
events is undone as one. `summary` is only on an action's first event.
"""

from __future__ import annotations

import math
import os
import pwd
from dataclasses import dataclass, field
from typing import Any

from facilitator.meeting.settings import KINDS, MODES

# Every event type the fold understands, with the data keys it requires and their types.
EVENT_SHAPES: dict[str, dict[str, type | tuple[type, ...]]] = {
    "meeting_opened": {"title": str, "settings": dict},
    "attended": {"name": str},
    "left": {"name": str},
    "hand_raised": {"name": str, "kind": str, "step_up": bool},
    "hand_lowered": {"entry": int, "removed": bool},
    "moved": {"entry": int},
    "stack_closed": {},
    "stack_opened": {},
    "stack_mode": {"mode": str},
    "turn_started": {"name": str, "kind": str, "limit": (int, float)},
    "turn_paused": {"turn": int, "process": bool},
    "turn_resumed": {"turn": int},
    "turn_ended": {"turn": int},
    "extended": {"turn": int, "seconds": (int, float)},
    "item_added": {"title": str, "minutes": (int, float), "kind": str},
    "item_started": {"item": int, "carry": bool},
    "item_done": {"item": int, "carry": bool},
    "undone": {"action": int},
    "meeting_begun": {},
    "adjourned": {},
    "reopened": {},
}


@dataclass(frozen=True)
class Actor:
    """Who acts: the OS user, the role of their terminal, and a participant acting for themself."""

    user: str
    role: str | None = None
    participant: str | None = None
    terminal: str = field(default_factory=lambda: os.urandom(4).hex())  # as secrets.token_hex, without importing it

    @classmethod
    def from_os(cls, role: str | None = None, participant: str | None = None) -> Actor:
        try:  # by uid: the environment's USER can say anything on a shared box
            user = pwd.getpwuid(os.geteuid()).pw_name
        except KeyError:
            user = f"uid{os.geteuid()}"
        return cls(user=user, role=role, participant=participant)

    def to_dict(self) -> dict[str, Any]:
        return {"user": self.user, "role": self.role, "as": self.participant, "terminal": self.terminal}

    def label(self) -> str:
        if self.participant:
            return f"{self.participant} ({self.user})"
        if self.role:
            return f"{self.user}, {self.role}"
        return self.user


def actor_label(actor: dict[str, Any]) -> str:
    who = str(actor.get("user") or "?")
    if actor.get("as"):
        return f"{actor['as']} ({who})"
    if actor.get("role"):
        return f"{who}, {actor['role']}"
    return who


# Data values the fold and the screens look up by name: anything else would fail far from here.
EVENT_VALUES: dict[str, dict[str, tuple[str, ...]]] = {
    "hand_raised": {"kind": KINDS},
    "turn_started": {"kind": KINDS},
    "stack_mode": {"mode": MODES},
}


def _finite(value: Any) -> bool:
    """JSON as Python reads it allows NaN, Infinity and integers too big for a float."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


# Per event type, for the quick check: each data key with the exact types it may have and the
# values it may take (None: any). Made on first use, once every module has added its types.
_QUICK: dict[str, tuple[tuple[str, tuple[type, ...], tuple[str, ...] | None], ...]] = {}


def _quick_shape(event_type: str) -> tuple[tuple[str, tuple[type, ...], tuple[str, ...] | None], ...]:
    values = EVENT_VALUES.get(event_type, {})
    shape = tuple(
        (key, expected if isinstance(expected, tuple) else (expected,), values.get(key))
        for key, expected in EVENT_SHAPES[event_type].items()
    )
    if set(values) - {key for key, _, _ in shape}:
        raise KeyError(event_type)  # a value checked for a key the shape lacks: the careful check says
    _QUICK[event_type] = shape
    return shape


def _plainly_well_formed(raw: Any) -> bool:
    """The common case, quickly: exact types (so no bool posing as an int), finite numbers.
    Anything it is unsure of goes through the careful check, which names the problem."""
    try:
        seq, action, data, ts, event_type = raw["seq"], raw["action"], raw["data"], raw["ts"], raw["type"]
        if not (
            type(seq) is int
            and type(action) is int
            and type(event_type) is str
            and type(data) is dict
            and type(raw["actor"]) is dict
            and 1 <= action <= seq
            and (type(ts) is float or type(ts) is int)
            and -1e15 < ts < 1e15
        ):
            return False
        for key, kinds, allowed in _QUICK.get(event_type) or _quick_shape(event_type):
            value = data[key]
            kind = type(value)
            if kind not in kinds:
                return False
            if (kind is float or kind is int) and not -1e15 < value < 1e15:
                return False
            if allowed is not None and value not in allowed:
                return False
        return True
    except (KeyError, TypeError):
        return False


def check_event(raw: Any) -> str | None:
    """Why a stored event is malformed, or None when it is well formed."""
    if _plainly_well_formed(raw):
        return None
    return _problem(raw)


def _problem(raw: Any) -> str | None:
    """The careful check: what is wrong with the event, in words."""
    if not isinstance(raw, dict):
        return "is not an object"
    for key, kind in (("seq", int), ("action", int), ("type", str), ("data", dict), ("actor", dict)):
        if not isinstance(raw.get(key), kind) or (isinstance(raw.get(key), bool) and kind is int):
            return f"has no valid '{key}'"
    if not 1 <= raw["action"] <= raw["seq"]:
        return "belongs to an action that does not come before it"
    ts = raw.get("ts")
    if not isinstance(ts, (int, float)) or isinstance(ts, bool) or not _finite(ts):
        return "has no valid 'ts'"
    shape = EVENT_SHAPES.get(raw["type"])
    if shape is None:
        return f"has an unknown type '{raw['type']}'"
    for key, expected in shape.items():
        value = raw["data"].get(key)
        if not isinstance(value, expected) or (isinstance(value, bool) and expected in (int, (int, float))):
            return f"({raw['type']}) has no valid '{key}'"
        if isinstance(value, (int, float)) and not _finite(value):
            return f"({raw['type']}) has no valid '{key}'"
    for key, allowed in EVENT_VALUES.get(raw["type"], {}).items():
        if raw["data"][key] not in allowed:
            return f"({raw['type']}) has an unknown {key} '{raw['data'][key]}'"
    return None
