"""The meeting's rules of the game, chosen when it is created (from its template)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = ("process", "clarify", "response", "new")
KIND_LABELS = {
    "process": "point of process",
    "clarify": "clarifying question",
    "response": "direct response",
    "new": "new point",
}
MODES = ("off", "first-time", "least-airtime", "step-up")
# The usual roles, in the order the minutes list them; a group may name any other.
ROLES = ("facilitator", "co-facilitator", "stack", "time", "minutes", "vibes")
ROLE_LABELS = {
    "facilitator": "Facilitator",
    "co-facilitator": "Co-facilitator",
    "stack": "Stack keeper",
    "time": "Timekeeper",
    "minutes": "Minute taker",
    "vibes": "Vibes watcher",
}


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role[:1].upper() + role[1:])


ITEM_KINDS = ("discussion", "proposal", "report", "announcements", "break")  # kinds of agenda item


@dataclass(frozen=True)
class Settings:
    """The meeting's rules of the game (PROCESS.md), fixed when it is created."""

    kind_order: tuple[str, ...] = KINDS
    limits: dict[str, int] = field(default_factory=lambda: {"new": 120, "response": 60, "clarify": 30, "process": 30})
    warning: int = 20
    mode: str = "off"
    no_twice_in_row: bool = False
    # the decision rule (PROCESS.md 6.3): consensus, minus-N, supermajority:F, majority
    rule: str = "consensus"
    fallback_rule: str | None = None  # what the group falls back to when consensus fails, named in the minutes
    stand_asides_count: bool = False  # do stand-asides count in a supermajority's denominator
    stand_aside_limit: float | None = None  # too many stand-asides (fraction of those present): tabled
    quorum: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind_order"] = list(self.kind_order)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        default = cls()
        order = tuple(data.get("kind_order") or default.kind_order)
        if sorted(order) != sorted(KINDS):
            order = default.kind_order
        limits = dict(default.limits)
        limits.update({k: int(v) for k, v in (data.get("limits") or {}).items() if k in KINDS})
        mode = data.get("mode", default.mode)
        return cls(
            kind_order=order,
            limits=limits,
            warning=int(data.get("warning", default.warning)),
            mode=mode if mode in MODES else default.mode,
            no_twice_in_row=bool(data.get("no_twice_in_row", default.no_twice_in_row)),
            rule=str(data.get("rule") or default.rule),
            fallback_rule=str(data["fallback_rule"]) if data.get("fallback_rule") else None,
            stand_asides_count=bool(data.get("stand_asides_count", default.stand_asides_count)),
            stand_aside_limit=_fraction(data.get("stand_aside_limit")),
            quorum=_count(data.get("quorum")),
        )


def _fraction(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= 1:
        return float(value)
    return None


def _count(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return None
