"""Decision rules (PROCESS.md 6.3, 6.4): the outcome of a final test from its counts, with the
arithmetic written out so the room can check it ("87 of 94 agree = 92.6% >= 90%: passed").

Pure: counts in, a Result out. Fractions are compared exactly (no float rounding decides a vote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from facilitator.errors import Refused

RULE_KINDS = ("consensus", "minus-N", "supermajority:F", "majority")


@dataclass(frozen=True)
class Rule:
    """A decision rule (PROCESS.md 6.3), parsed from its name."""

    kind: str  # consensus, minus, supermajority, majority
    blocks_allowed: int = 0  # minus-N
    fraction: Fraction = Fraction(0)  # supermajority:F

    @property
    def name(self) -> str:
        if self.kind == "minus":
            return f"minus-{self.blocks_allowed}"
        if self.kind == "supermajority":
            return f"supermajority:{decimal(self.fraction)}"
        return self.kind

    @property
    def is_vote(self) -> bool:
        """Supermajority and majority are votes: their blocks are called "against"."""
        return self.kind in ("supermajority", "majority")


def decimal(value: Fraction) -> str:
    """0.9, 0.667, 1: a fraction as the short decimal it was typed as."""
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return text or "0"


def parse_rule(text: str) -> Rule:
    raw = text.strip().casefold()
    if raw == "consensus":
        return Rule("consensus")
    if raw == "majority":
        return Rule("majority")
    minus = re.fullmatch(r"minus-(\d{1,4})", raw)
    if minus:
        return Rule("minus", blocks_allowed=int(minus.group(1)))
    share = re.fullmatch(r"supermajority:(\d*\.?\d+|\d+/\d+)", raw)
    if share:
        try:
            fraction = Fraction(share.group(1))
        except (ValueError, ZeroDivisionError):
            fraction = Fraction(0)
        if Fraction(1, 2) < fraction <= 1:
            return Rule("supermajority", fraction=fraction)
        raise Refused(f"a supermajority is more than half and at most all: '{text}' is not (try supermajority:0.9)")
    raise Refused(f"unknown decision rule '{text}': use {', '.join(RULE_KINDS)} (e.g. minus-2, supermajority:0.9)")


@dataclass(frozen=True)
class Counts:
    """The final test's counts, as the rule weighs them."""

    agree: int
    block: int  # under a vote rule these are the votes against
    stand_aside: int
    present: int


@dataclass(frozen=True)
class Result:
    """A rule's outcome, with the arithmetic that reached it (for the minutes)."""

    outcome: str  # passed, failed, blocked, tabled
    arithmetic: str


def percent(value: Fraction, threshold: Fraction | None = None) -> str:
    """One decimal, or more when one decimal would make the comparison look wrong (89.96%)."""
    for places in range(1, 7):
        shown = f"{float(value * 100):.{places}f}"
        if threshold is None or (Fraction(shown) >= threshold * 100) == (value >= threshold):
            return f"{shown}%"
    return f"{float(value * 100)}%"


def threshold_text(value: Fraction) -> str:
    return f"{decimal(value * 100)}%"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def quorum_gate(present: int, quorum: int | None) -> str | None:
    """The arithmetic of a missing quorum, or None when the assembly may decide."""
    if quorum is not None and present < quorum:
        return f"{present} present < quorum of {quorum}: tabled"
    return None


def decide(
    rule: Rule,
    counts: Counts,
    quorum: int | None = None,
    stand_asides_count: bool = False,
    stand_aside_limit: float | None = None,
) -> Result:
    """The outcome the rule gives these counts, and the sum that shows it."""
    gate = quorum_gate(counts.present, quorum)
    if gate is not None:
        return Result("tabled", gate)
    if stand_aside_limit is not None and counts.present > 0:
        limit = Fraction(str(stand_aside_limit))
        share = Fraction(counts.stand_aside, counts.present)
        if share > limit:
            return Result(
                "tabled",
                f"{counts.stand_aside} of {counts.present} present stand aside = {percent(share, limit)}"
                f" > {threshold_text(limit)} allowed: tabled",
            )
    agree, block = counts.agree, counts.block
    if rule.kind == "consensus":
        if block == 0:
            return Result("passed", "no blocks (consensus allows none): passed")
        return Result("blocked", f"{plural(block, 'block')} (consensus allows none): blocked")
    if rule.kind == "minus":
        allowed = rule.blocks_allowed
        if block <= allowed:
            return Result("passed", f"{plural(block, 'block')} <= {allowed} allowed ({rule.name}): passed")
        return Result("blocked", f"{plural(block, 'block')} > {allowed} allowed ({rule.name}): blocked")
    if rule.kind == "majority":
        if agree > block:
            return Result("passed", f"{agree} agree > {block} against: passed")
        return Result("failed", f"{agree} agree <= {block} against (majority needs more): failed")
    # supermajority
    whole = agree + block + (counts.stand_aside if stand_asides_count else 0)
    counted = " (stand-asides counted)" if stand_asides_count and counts.stand_aside else ""
    need = threshold_text(rule.fraction)
    if whole == 0:
        return Result("failed", f"0 of 0 agree: nobody took a position, {need} needed: failed")
    share = Fraction(agree, whole)
    shown = percent(share, rule.fraction)
    if share >= rule.fraction:
        return Result("passed", f"{agree} of {whole} agree{counted} = {shown} >= {need}: passed")
    return Result("failed", f"{agree} of {whole} agree{counted} = {shown} < {need}: failed")
