"""Commands for proposals, amendments, temperature checks and decisions (PROCESS.md 4-6).

Ids are the assembly's: P1, P2 for proposals, P1-A1 for the first amendment to P1, 1, 2 for
temperature checks. A participant acting from their own terminal may only vote for themself in
an open check; everything else here is the operators'.
"""

from __future__ import annotations

import re
from typing import Any

from facilitator.errors import Refused
from facilitator.meeting.commands import Context, Outcome, back_again, command, find_item, person_named, require_self
from facilitator.meeting.decision_rules import Counts, Result, Rule, decide, parse_rule, quorum_gate
from facilitator.meeting.proposal_fold import find_amendment
from facilitator.meeting.proposals import (
    AGREE,
    BLOCK,
    CUSTOM,
    MEANINGS,
    OUTCOMES,
    SCALES,
    STAND_ASIDE,
    Amendment,
    Proposal,
    TemperatureCheck,
)
from facilitator.meeting.state import Meeting
from facilitator.meeting.text import TEXT_LIMIT, _refuse_controls, clean_name, clean_text, clean_title
from facilitator.meeting.when import check_date, today
from facilitator.meeting.wording import occurrences

PREVIEW = 300  # how much of a text a one-line refusal quotes


def one_line(text: str, limit: int = PREVIEW) -> str:
    flat = " / ".join(line.strip() for line in text.splitlines() if line.strip())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def quorum_of(meeting: Meeting) -> int | None:
    return meeting.quorum  # the template's quorum is folded in when the meeting opens


# ---- finding things by their ids ----------------------------------------------------------


def find_proposal(meeting: Meeting, ref: str) -> Proposal:
    key = ref.strip().upper()
    if not re.fullmatch(r"P\d+", key):
        raise Refused(f"'{ref}' is not a proposal id: use P1, P2, ...")
    proposal = meeting.proposals.get(key)
    if proposal is None:
        known = ", ".join(meeting.proposals) or "none yet"
        raise Refused(f"there is no proposal {key} (proposals: {known})")
    return proposal


def open_proposal(meeting: Meeting, ref: str) -> Proposal:
    proposal = find_proposal(meeting, ref)
    if proposal.decision is not None:
        raise Refused(f"{proposal.id} is already decided ({proposal.decision.label}); undo the decision to reopen it")
    return proposal


def find_pending(meeting: Meeting, ref: str) -> tuple[Proposal, Amendment]:
    key = ref.strip().upper()
    if not re.fullmatch(r"P\d+-A\d+", key):
        raise Refused(f"'{ref}' is not an amendment id: use P1-A1, P1-A2, ...")
    proposal = open_proposal(meeting, key.split("-")[0])
    amendment = find_amendment(meeting, key)
    if amendment is None:
        known = ", ".join(proposal.amendments) or "none yet"
        raise Refused(f"there is no amendment {key} (amendments to {proposal.id}: {known})")
    if amendment.status != "pending":
        raise Refused(f"{key} is already settled: {amendment.fate}")
    return proposal, amendment


def passage_check(proposal: Proposal, passage: str) -> None:
    """Refuse a passage that is not exactly once in the current text, and show that text."""
    found = occurrences(proposal.text, passage)  # "no no" is twice in "no no no"
    if found == 0:
        raise Refused(
            f"'{one_line(passage, 80)}' is not in the current text of {proposal.id} (v{proposal.version}): "
            f"{one_line(proposal.text)}"
        )
    if found > 1:
        raise Refused(f"'{one_line(passage, 80)}' occurs {found} times in {proposal.id}: quote more of the passage")


# ---- proposals and amendments (PROCESS.md 4) ----------------------------------------------


@command("propose")
def propose(
    meeting: Meeting,
    ctx: Context,
    title: str,
    text: str,
    by: list[str] | None = None,
    item: str | None = None,
    carried_from: str | None = None,
) -> Outcome:
    """A proposal on the item under way, or on `item`. `carried_from` (MEETING:P2) names the
    undecided proposal it continues, when a meeting of a series carries it (new --after)."""
    title = clean_title(title, "the proposal's title")
    text = clean_text(text, "the proposal's text")
    presenters: list[str] = []
    for raw in by or []:
        name = person_named(meeting, raw)
        if name.casefold() not in {p.casefold() for p in presenters}:
            presenters.append(name)
    number = max((p.number for p in meeting.proposals.values()), default=0) + 1
    proposal_id = f"P{number}"
    who = f" (by {', '.join(presenters)})" if presenters else ""
    data: dict[str, Any] = {"proposal": proposal_id, "title": title, "text": text, "presenters": presenters}
    if item is not None:
        data["item"] = find_item(meeting, item).id
    if carried_from:
        data["carried_from"] = clean_title(carried_from, "the proposal carried")
    return Outcome(f"{proposal_id} proposed: {title}{who}", [("proposed", data)])


@command("amend")
def amend(
    meeting: Meeting,
    ctx: Context,
    proposal: str,
    by: str,
    replace: str | None = None,
    with_text: str | None = None,
    text: str | None = None,
) -> Outcome:
    target = open_proposal(meeting, proposal)
    author = person_named(meeting, by)
    if text is not None and (replace is not None or with_text is not None):
        raise Refused(
            "an amendment either replaces a passage (--replace OLD --with NEW) or gives a new --text, not both"
        )
    data: dict[str, Any] = {"proposal": target.id, "by": author, "version": target.version}
    if text is not None:
        new_text = clean_text(text, "the amendment's text")
        if new_text == target.text:
            raise Refused(f"that is already the text of {target.id} (v{target.version})")
        data["with"] = new_text
        what = "a new text"
    elif replace is not None and with_text is not None:
        if not replace.strip():
            raise Refused("the passage to replace cannot be empty")
        for value, what_text in ((replace, "the passage"), (with_text, "the new wording")):
            _refuse_controls(value, what_text, allow_newlines=True)
            if len(value) > TEXT_LIMIT:
                raise Refused(f"{what_text} is {len(value)} characters long; the limit is {TEXT_LIMIT}")
        passage_check(target, replace)
        if replace == with_text:
            raise Refused("the new wording is the same as the passage it replaces")
        if not target.text.replace(replace, with_text, 1).strip():
            raise Refused(f"that would leave {target.id} with no text; withdraw the proposal instead")
        data["replace"] = replace
        data["with"] = with_text
        what = f"replace '{one_line(replace, 60)}' with '{one_line(with_text, 60)}'"
    else:
        raise Refused("say what the amendment changes: --replace OLD --with NEW, or --text NEW")
    number = max((int(a.split("-A")[1]) for a in target.amendments), default=0) + 1
    amendment_id = f"{target.id}-A{number}"
    data["amendment"] = amendment_id
    return Outcome(f"{amendment_id} by {author}: {what}", [("amended", data)])


@command("accept")
def accept(meeting: Meeting, ctx: Context, amendment: str, friendly: bool = False) -> Outcome:
    proposal, target = find_pending(meeting, amendment)
    if target.replace is None and target.on_version != proposal.version:
        raise Refused(
            f"{target.id} rewrites v{target.on_version} but {proposal.id} is now at v{proposal.version}; "
            "make a new amendment on the current text"
        )
    if target.replace is not None:
        passage_check(proposal, target.replace)
    how = "as friendly" if friendly else "by the assembly"
    again = "; the final test starts again" if proposal.status == "testing" else ""
    return Outcome(
        f"{target.id} accepted {how}: {proposal.id} is now v{proposal.version + 1}{again}",
        [("amendment_accepted", {"amendment": target.id, "friendly": bool(friendly)})],
    )


@command("reject")
def reject(meeting: Meeting, ctx: Context, amendment: str) -> Outcome:
    proposal, target = find_pending(meeting, amendment)
    return Outcome(
        f"{target.id} rejected; {proposal.id} stays at v{proposal.version}",
        [("amendment_rejected", {"amendment": target.id})],
    )


@command("withdraw")
def withdraw(meeting: Meeting, ctx: Context, amendment: str, reason: str = "") -> Outcome:
    """Withdraw an amendment (by its author), or a whole proposal (by its presenters)."""
    if re.fullmatch(r"P\d+", amendment.strip().upper()):
        return record_decision(meeting, ctx, amendment, outcome="withdrawn", reason=reason)
    proposal, target = find_pending(meeting, amendment)
    return Outcome(
        f"{target.id} withdrawn by {target.by}; {proposal.id} stays at v{proposal.version}",
        [("amendment_withdrawn", {"amendment": target.id})],
    )


# ---- temperature checks (PROCESS.md 5) ----------------------------------------------------


def scale_options(scale: str) -> tuple[str, list[str]]:
    key = scale.strip().casefold()
    if key in SCALES:
        return key, list(SCALES[key])
    labels = [clean_name(label) for label in scale.split(",") if label.strip()]
    if len(labels) < 2 or "," not in scale:
        raise Refused(f"unknown scale '{scale}': use {', '.join(SCALES)}, or two or more labels separated by commas")
    if len(labels) > 10:
        raise Refused(f"a check has at most 10 options; this one has {len(labels)}")
    if len({label.casefold() for label in labels}) != len(labels):
        raise Refused("two of the labels are the same; give each option its own name")
    return CUSTOM, labels


def open_check(meeting: Meeting) -> TemperatureCheck:
    for check in reversed(meeting.checks):
        if check.open:
            return check
    raise Refused("no temperature check is open: start one with check start")


def option_of(check: TemperatureCheck, raw: str) -> str:
    wanted = raw.strip().casefold()
    for option in check.options:
        if option.casefold() == wanted:
            return option
    for option, meaning in MEANINGS.get(check.scale, {}).items():
        if meaning.casefold() == wanted:
            return option
    raise Refused(f"'{raw}' is not an option of this check: {', '.join(check.options)}")


def counts_line(check: TemperatureCheck) -> str:
    together = check.together()
    return ", ".join(f"{option}: {together[option]}" for option in check.options) + f" ({check.total} in all)"


@command("check_start")
def check_start(
    meeting: Meeting, ctx: Context, scale: str = "twinkles", question: str | None = None, about: str | None = None
) -> Outcome:
    for check in meeting.checks:
        if check.open:
            raise Refused(f"check {check.id} is still open ({check.question}): close it first")
    kind, options = scale_options(scale)
    data: dict[str, Any] = {"check": len(meeting.checks) + 1, "scale": kind, "options": options}
    subject = ""
    if about:
        key = about.strip().upper()
        if re.fullmatch(r"P\d+-A\d+", key):
            target = find_amendment(meeting, key)
            if target is None:
                raise Refused(f"there is no amendment {key}")
            subject = f"amendment {key}"
        else:
            proposal = find_proposal(meeting, key)
            subject = f"{proposal.id} (v{proposal.version}): {proposal.title}"
        data["about"] = key
    if question:
        data["question"] = clean_title(question, "the question")
    else:
        data["question"] = f"How do we feel about {subject}?" if subject else "How does the room feel?"
    return Outcome(
        f"temperature check {data['check']} open ({kind}: {', '.join(options)}): {data['question']}",
        [("check_started", data)],
    )


@command("check_count")
def check_count(
    meeting: Meeting, ctx: Context, option: str, count: int | None = None, add: int | None = None
) -> Outcome:
    """Set the room count of an option, or add to it (a key press adds 1 or takes 1 back)."""
    check = open_check(meeting)
    name = option_of(check, option)
    before = check.room.get(name, 0)
    if (count is None) == (add is None):
        raise Refused("give the count for the option, or a change to it")
    if count is not None and count < 0:
        raise Refused("a room count is 0 or more")
    after = count if count is not None else before + (add or 0)
    if after < 0:
        raise Refused(f"the room count for '{name}' is already {before}: nothing to take back")
    if after > 100_000:
        raise Refused("a room count is at most 100000")
    if after == before and count is not None:
        raise Refused(f"the room count for '{name}' is already {before}")
    check.room[name] = after  # so the summary below shows the new totals
    summary = f"check {check.id}: {after} in the room for {name}; {counts_line(check)}"
    summary += over_present(check.total, len(meeting.present))
    check.room[name] = before
    return Outcome(summary, [("check_counted", {"check": check.id, "option": name, "count": after})])


@command("check_vote", participant=True)
def check_vote(meeting: Meeting, ctx: Context, name: str, option: str) -> Outcome:
    voter = person_named(meeting, name)
    require_self(ctx, voter)
    check = open_check(meeting)
    choice = option_of(check, option)
    previous = check.votes.get(voter.casefold())
    if previous is not None and previous[1] == choice:
        raise Refused(f"{voter} already voted {choice} in check {check.id}")
    events = back_again(meeting, voter)
    events.append(("check_voted", {"check": check.id, "name": voter, "option": choice}))
    changed = f" (was {previous[1]})" if previous else ""
    return Outcome(f"{voter} votes {choice} in check {check.id}{changed}", events)


@command("check_close")
def check_close(meeting: Meeting, ctx: Context) -> Outcome:
    check = open_check(meeting)
    return Outcome(f"check {check.id} closed: {counts_line(check)}", [("check_closed", {"check": check.id})])


# ---- the final test and the decision (PROCESS.md 6) ---------------------------------------


def testing(meeting: Meeting, ref: str) -> Proposal:
    proposal = open_proposal(meeting, ref)
    if proposal.status != "testing" or proposal.test is None:
        raise Refused(f"{proposal.id} is not in its final test: start it with test {proposal.id}")
    return proposal


@command("test")
def test(meeting: Meeting, ctx: Context, proposal: str) -> Outcome:
    target = open_proposal(meeting, proposal)
    if target.status == "testing":
        raise Refused(f"{target.id} is already in its final test (v{target.version})")
    pending = target.pending()
    if pending:
        ids = ", ".join(a.id for a in pending)
        raise Refused(f"{target.id} has pending amendments ({ids}): accept, reject or withdraw them first")
    return Outcome(
        f"final test on {target.id} v{target.version}: any blocks? then stand-asides, then agreement",
        [("test_started", {"proposal": target.id, "version": target.version})],
    )


def _count_arg(count: int | None) -> int:
    assert count is not None
    if not 0 <= count <= 100_000:
        raise Refused("a count is 0 to 100000")
    return count


def _position(
    meeting: Meeting, proposal: Proposal, stance: str, names: list[str], reason: str
) -> list[tuple[str, dict[str, Any]]]:
    events: list[tuple[str, dict[str, Any]]] = []
    seen: set[str] = set()
    for raw in names:
        name = person_named(meeting, raw)
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        events += back_again(meeting, name)
        events.append(("position_taken", {"proposal": proposal.id, "stance": stance, "name": name, "reason": reason}))
    return events


ING = {BLOCK: "blocking", STAND_ASIDE: "standing aside", AGREE: "agreeing"}
VERB = {BLOCK: ("blocks", "block"), STAND_ASIDE: ("stands aside", "stand aside"), AGREE: ("agrees", "agree")}


def _was(proposal: Proposal, stance: str, names: list[str]) -> str:
    assert proposal.test is not None
    before = [proposal.test.named.get(n.casefold()) for n in names]
    return "".join(f"; {p.name} was {ING[p.stance]}" for p in before if p is not None and p.stance != stance)


def _total(proposal: Proposal, events: list[tuple[str, dict[str, Any]]]) -> int:
    return sum(_totals(proposal, events).values())


def _tally(proposal: Proposal, events: list[tuple[str, dict[str, Any]]]) -> str:
    """The running totals after these events, as the room would hear them."""
    totals = _totals(proposal, events)
    return ", ".join(f"{totals[stance]} {ING[stance]}" for stance in (BLOCK, STAND_ASIDE, AGREE))


def _totals(proposal: Proposal, events: list[tuple[str, dict[str, Any]]]) -> dict[str, int]:
    assert proposal.test is not None
    named = {key: p.stance for key, p in proposal.test.named.items()}
    counted = dict(proposal.test.counted)
    for kind, data in events:
        if kind == "position_taken":
            named[data["name"].casefold()] = data["stance"]
        elif kind == "positions_counted":
            counted[data["stance"]] = data["count"]
    totals = {stance: counted.get(stance, 0) for stance in (BLOCK, STAND_ASIDE, AGREE)}
    for stance in named.values():
        totals[stance] += 1
    return totals


def _stance_command(
    meeting: Meeting, proposal: str, stance: str, names: list[str], count: int | None, reason: str
) -> Outcome:
    target = testing(meeting, proposal)
    if names and count is not None:
        raise Refused("name the people or give --count, not both")
    if not names and count is None:
        raise Refused(f"name who {VERB[stance][0]}, or give --count N")
    if count is not None:
        n = _count_arg(count)
        events: list[tuple[str, dict[str, Any]]] = [
            ("positions_counted", {"proposal": target.id, "stance": stance, "count": n})
        ]
        summary = f"{target.id}: {n} counted as {ING[stance]} without names"
    else:
        events = _position(meeting, target, stance, names, reason)
        people = [d["name"] for kind, d in events if kind == "position_taken"]
        why = f" ({reason})" if reason else ""
        verb = VERB[stance][0 if len(people) == 1 else 1]
        summary = f"{target.id}: {', '.join(people)} {verb}{why}{_was(target, stance, people)}"
    tally = _tally(target, events)
    return Outcome(f"{summary}; {tally}{over_present(_total(target, events), len(meeting.present))}", events)


@command("block")
def block(
    meeting: Meeting, ctx: Context, proposal: str, name: str | None = None, reason: str = "", count: int | None = None
) -> Outcome:
    if name is not None:
        if not reason.strip():
            raise Refused(f"a block must state its reason: block {proposal} {name} --reason TEXT")
        reason = clean_title(reason, "the reason")
    return _stance_command(meeting, proposal, BLOCK, [name] if name else [], count, reason)


@command("stand_aside")
def stand_aside(
    meeting: Meeting, ctx: Context, proposal: str, name: str | None = None, reason: str = "", count: int | None = None
) -> Outcome:
    reason = clean_title(reason, "the reason") if reason.strip() else ""
    return _stance_command(meeting, proposal, STAND_ASIDE, [name] if name else [], count, reason)


@command("agree")
def agree(
    meeting: Meeting, ctx: Context, proposal: str, names: list[str] | None = None, count: int | None = None
) -> Outcome:
    return _stance_command(meeting, proposal, AGREE, list(names or []), count, "")


def _label(proposal: Proposal, outcome: str, rule: Rule | None, block: int, stand_aside: int, no_quorum: bool) -> str:
    if outcome == "tabled" and no_quorum:
        return "tabled: no quorum"
    if outcome != "passed":
        return f"{outcome}, no count taken" if rule is None and outcome in ("failed", "blocked") else outcome
    friendly = [a.id for a in proposal.amendments.values() if a.status == "friendly"]
    if rule is None:
        label = "passed, no count taken"
    elif rule.is_vote:
        label = f"passed ({rule.name})"
    elif block or stand_aside:
        parts = [f"{block} block{'s' if block != 1 else ''}"] if block else []
        if stand_aside:
            parts.append(f"{stand_aside} standing aside")
        label = f"passed (modified consensus: {', '.join(parts)})"
    else:
        label = "passed (consensus)"
    if friendly:
        label += f" with friendly amendments ({', '.join(friendly)})"
    return label


def weigh(meeting: Meeting, rule: Rule, counts: Counts) -> Result:
    """What a rule gives these counts under the meeting's quorum and stand-aside settings: the
    decision itself, and every preview of it on the screens."""
    return decide(
        rule,
        counts,
        quorum=meeting.quorum,
        stand_asides_count=meeting.settings.stand_asides_count,
        stand_aside_limit=meeting.settings.stand_aside_limit,
    )


def meeting_rule(meeting: Meeting, given: str | None, proposal: Proposal) -> Rule:
    """The rule a decision applies: the meeting's own (PROCESS.md 6.6). Naming another is refused:
    no rule is picked after seeing the counts."""
    rule = parse_rule(meeting.rule)
    if given is None or parse_rule(given).name == rule.name:
        return rule
    fallback = meeting.fallback_rule
    also = f", its fallback {fallback} applies only once that rule has failed" if fallback else ", no fallback"
    raise Refused(
        f"{proposal.id} is decided under the meeting's rule, {rule.name}{also}; "
        "to use another rule the assembly changes it first: decision-rule RULE --reason TEXT"
    )


def record_decision(
    meeting: Meeting,
    ctx: Context,
    proposal: str,
    rule: str | None = None,
    outcome: str | None = None,
    reason: str = "",
) -> Outcome:
    found = find_proposal(meeting, proposal)
    decision = found.decision
    if decision is not None and decision.fallback_due is not None and outcome is None:
        return apply_fallback(meeting, found, rule)
    target = open_proposal(meeting, proposal)
    reason = clean_title(reason, "the reason") if reason.strip() else ""
    present = len(meeting.present)
    quorum = quorum_of(meeting)
    chosen = meeting_rule(meeting, rule, target)
    data: dict[str, Any] = {
        "proposal": target.id,
        "reason": reason,
        "present": present,
        "present_names": list(meeting.present.values()),
        "stand_asides_count": meeting.settings.stand_asides_count,
    }
    if quorum is not None:
        data["quorum"] = quorum
    test_of = target.test if target.status == "testing" else None
    stated = Counts(
        agree=test_of.total(AGREE) if test_of else 0,
        block=test_of.total(BLOCK) if test_of else 0,
        stand_aside=test_of.total(STAND_ASIDE) if test_of else 0,
        present=present,
    )
    if outcome is not None:
        if outcome not in OUTCOMES:
            raise Refused(f"unknown outcome '{outcome}': use one of {', '.join(OUTCOMES)}")
        gate = quorum_gate(present, quorum)
        if gate is not None and outcome not in ("tabled", "withdrawn"):
            raise Refused(f"{present} present, quorum {quorum}: below quorum only tabled or withdrawn can be recorded")
        arithmetic = "no count was taken" + (f" ({present} present < quorum of {quorum})" if gate else "")
        if gate and outcome == "tabled" and not reason:
            data["reason"] = "no quorum"
        data.update(
            outcome=outcome,
            counted=False,
            rule=chosen.name if rule else "",
            arithmetic=arithmetic,
            # positions already stated stay in the record (PROCESS.md 6.7), though they decided nothing
            agree=stated.agree,
            block=stated.block,
            stand_aside=stated.stand_aside,
            label=_label(target, outcome, None, 0, 0, gate is not None),
        )
    else:
        testing(meeting, target.id)
        result = weigh(meeting, chosen, stated)
        no_quorum = quorum_gate(present, quorum) is not None
        if result.outcome == "tabled" and no_quorum and not reason:
            data["reason"] = "no quorum"
        data.update(
            outcome=result.outcome,
            counted=True,
            rule=chosen.name,
            arithmetic=result.arithmetic,
            agree=stated.agree,
            block=stated.block,
            stand_aside=stated.stand_aside,
            label=_label(target, result.outcome, chosen, stated.block, stated.stand_aside, no_quorum),
        )
    fallback = meeting.fallback_rule
    hint = ""
    if data["counted"] and data["outcome"] in ("blocked", "failed") and fallback and fallback != chosen.name:
        data["fallback"] = fallback
        hint = f"; the fallback is {fallback}: decide {target.id} applies it"
    if data["counted"]:
        # the arithmetic ends with the outcome; the label says more ("passed (consensus)")
        said = data["arithmetic"].removesuffix(data["outcome"]) + data["label"]
    else:
        said = data["label"] + (f" ({data['reason']})" if data["reason"] and data["reason"] != "no quorum" else "")
    warning = over_present(stated.agree + stated.block + stated.stand_aside, present)
    return Outcome(f"{target.id}: {said}{hint}{warning}", [("decided", data)])


def apply_fallback(meeting: Meeting, proposal: Proposal, given: str | None) -> Outcome:
    """The second stage of a decision whose rule failed: the fallback declared when it failed."""
    decision = proposal.decision
    assert decision is not None and decision.fallback_due is not None
    fallback = parse_rule(decision.fallback_due)
    if given is not None and parse_rule(given).name != fallback.name:
        raise Refused(
            f"{proposal.id} failed under {decision.rule}; its fallback is {fallback.name}, and no other rule "
            "may be applied now (decision-rule changes the rule for later decisions)"
        )
    present = len(meeting.present)
    counts = Counts(agree=decision.agree, block=decision.block, stand_aside=decision.stand_aside, present=present)
    result = weigh(meeting, fallback, counts)
    no_quorum = quorum_gate(present, meeting.quorum) is not None
    label = _label(proposal, result.outcome, fallback, counts.block, counts.stand_aside, no_quorum)
    data = {
        "proposal": proposal.id,
        "outcome": result.outcome,
        "label": label,
        "rule": fallback.name,
        "arithmetic": result.arithmetic,
        "agree": counts.agree,
        "block": counts.block,
        "stand_aside": counts.stand_aside,
        "present": present,
    }
    said = result.arithmetic.removesuffix(result.outcome) + label
    said += over_present(counts.agree + counts.block + counts.stand_aside, present)
    return Outcome(f"{proposal.id}: fallback, {fallback.name}: {said}", [("fallback_applied", data)])


def over_present(counted: int, present: int) -> str:
    """Hands counted beyond the people present cannot be right: said, not refused (PROCESS.md)."""
    return f" — warning: {counted} counted, {present} present" if counted > present else ""


@command("decision_rule")
def decision_rule(meeting: Meeting, ctx: Context, rule: str, reason: str, fallback: str | None = None) -> Outcome:
    """Change the meeting's decision rule (and its fallback) on record, with the reason."""
    chosen = parse_rule(rule).name
    if fallback is None:
        backup = meeting.fallback_rule
    elif fallback.strip().casefold() == "none":
        backup = None
    else:
        backup = parse_rule(fallback).name
    if backup == chosen:
        raise Refused(f"the fallback cannot be the rule itself ({chosen})")
    if not reason.strip():
        raise Refused("say why the assembly changes its rule: --reason TEXT")
    why = clean_title(reason, "the reason")
    for proposal in meeting.proposals.values():
        if proposal.status == "testing":
            raise Refused(
                f"{proposal.id} is in its final test: the rule is fixed before a final test starts; "
                "no rule is picked after seeing the counts"
            )
    if chosen == meeting.rule and backup == meeting.fallback_rule:
        raise Refused(f"the rule is already {chosen}" + (f" with the fallback {backup}" if backup else ""))
    then = f", then {backup}" if backup else ", no fallback"
    return Outcome(
        f"decision rule: {chosen}{then} (was {meeting.rule}); reason: {why}",
        [("rule_changed", {"rule": chosen, "fallback": backup, "reason": why})],
    )


@command("decide")
def decide_command(
    meeting: Meeting,
    ctx: Context,
    proposal: str,
    rule: str | None = None,
    outcome: str | None = None,
    reason: str = "",
    review: str | None = None,
) -> Outcome:
    """Decide a proposal under the meeting's rule; `review` (YYYY-MM-DD) gives the agreement the
    date the group looks at it again. Given alone for an agreement already recorded, it sets that date."""
    found = find_proposal(meeting, proposal)
    when = check_date(review.strip()) if review is not None and review.strip() else None
    decided = found.decision
    if when is not None and decided is not None and decided.fallback_due is None and outcome is None:
        return set_review(found, when, ctx.now)
    result = record_decision(meeting, ctx, proposal, rule=rule, outcome=outcome, reason=reason)
    if when is None:
        return result
    if result.events[-1][1]["outcome"] != "passed":
        result.summary += f"; no review date: {found.id} did not pass"
        return result
    review_set = set_review(found, when, ctx.now, decided_now=True)
    result.summary += "; " + review_set.summary.removeprefix(f"{found.id}: ")
    result.events += review_set.events
    return result


def set_review(proposal: Proposal, when: str, now: float, decided_now: bool = False) -> Outcome:
    """The date an agreement is due for review. A date already past is taken, with a warning
    (a group entering old minutes may well set one). `decided_now`: the agreement is the one
    being recorded with it (the proposal's decision, if any, is its earlier stage)."""
    decision = None if decided_now else proposal.decision
    if decision is not None and decision.outcome != "passed":
        raise Refused(f"only an agreement is reviewed: {proposal.id} was {decision.outcome}")
    if decision is not None and decision.review == when:
        raise Refused(f"{proposal.id} is already due for review on {when}")
    past = " — warning: that date is already past" if when < today(now) else ""
    return Outcome(
        f"{proposal.id}: review by {when}{past}", [("review_set", {"proposal": proposal.id, "review": when})]
    )
