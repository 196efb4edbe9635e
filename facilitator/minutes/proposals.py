"""The proposals' part of the minutes (PROCESS.md 7.2): per item, each proposal with its
presenters, final text, what changed since v1, every amendment and its fate, the temperature
checks with their counts, and the decision with its rule, counts, arithmetic, blocks and
stand-asides; and the rows of the summary table of decisions.

document.py calls these; keep their signatures. Pure: the same meeting gives the same lines.
Every piece of user text goes through markdown_text, so no title or name can break the document.
"""

from __future__ import annotations

from facilitator.clock import clock_time
from facilitator.errors import Refused
from facilitator.meeting.decision_rules import parse_rule
from facilitator.meeting.proposals import Decision, Position, Proposal, TemperatureCheck
from facilitator.meeting.settings import role_label
from facilitator.meeting.state import Meeting
from facilitator.meeting.wording import ADDED, REMOVED, SAME, changed, word_diff
from facilitator.minutes.escape import escape_inline, escape_lines, table_cell


def diff_markdown(old: str, new: str) -> str:
    """One paragraph: removed words struck through, added words in bold (marks, not colour)."""
    out, previous = "", SAME
    for piece in word_diff(old, new):
        words = escape_inline(piece.text)
        if not words:  # only whitespace
            out, previous = out + " ", SAME
            continue
        if piece.kind == REMOVED:
            words = f"~~{words}~~"
        elif piece.kind == ADDED:
            words = f"**{words}**"
        apart = piece.kind != SAME and previous != SAME  # [-old-] [+new+] side by side
        lead = " " if piece.text[0].isspace() or apart else ""
        trail = " " if piece.text[-1].isspace() else ""
        out, previous = out + lead + words + trail, piece.kind
    return " ".join(out.split())


def quoted(text: str) -> str:
    return f"“{escape_inline(text)}”"


def amendment_line(proposal: Proposal, amendment_id: str) -> str:
    a = proposal.amendments[amendment_id]
    if a.replace is None:
        what = f"new text {quoted(a.with_text)}"
    elif a.with_text.strip():
        what = f"replace {quoted(a.replace)} with {quoted(a.with_text)}"
    else:
        what = f"strike {quoted(a.replace)}"
    return f"- {a.id} by {escape_inline(a.by)} (on v{a.on_version}): {what}; {a.fate}"


def check_line(check: TemperatureCheck) -> str:
    together, room, terminal = check.together(), check.room_counts(), check.terminal()

    def named(option: str) -> str:
        meaning = check.meaning(option)
        return escape_inline(f"{option} {meaning}" if meaning else option)

    counts = ", ".join(f"{named(o)}: {together[o]}" for o in check.options)
    when = clock_time(check.opened_at) + (f"–{clock_time(check.closed_at)}" if check.closed_at else ", still open")
    parts = []
    if any(room.values()):
        parts.append("in the room: " + ", ".join(f"{named(o)}: {room[o]}" for o in check.options if room[o]))
    if any(terminal.values()):
        parts.append("own terminals: " + ", ".join(f"{named(o)}: {terminal[o]}" for o in check.options if terminal[o]))
    split = f"; {'; '.join(parts)}" if len(parts) > 1 else ""
    return (
        f"- Temperature check {check.id} ({check.scale}, {when}): {escape_inline(check.question)}"
        f" — {counts}; {check.total} in all{split}"
    )


def rule_name(rule: str, plain: bool = False) -> str:
    """A rule as the minutes name it in a sentence: "Consensus", "9/10 supermajority"."""
    try:
        parsed = parse_rule(rule)
    except Refused:
        return rule if plain else escape_inline(rule)
    if parsed.kind == "minus":
        return f"Consensus minus {parsed.blocks_allowed}"
    if parsed.kind == "supermajority":
        share = parsed.fraction
        shown = f"{share.numerator}/{share.denominator}" if share.denominator <= 10 else f"{float(share):.0%}"
        return f"{shown} supermajority"
    return parsed.kind.capitalize()


def is_vote(rule: str) -> bool:
    try:
        return parse_rule(rule).is_vote
    except Refused:
        return False


def named_positions(positions: list[Position], unnamed: int, between: str) -> str:
    """ "Ivan Petrov: allergies; 2 counted without names"."""
    shown = "; ".join(
        escape_inline(p.name) + (f"{between}{escape_inline(p.reason)}" if p.reason else "") for p in positions
    )
    if unnamed > 0:
        shown += f"{'; ' if shown else ''}{unnamed} counted without names"
    return shown


def stage_line(decision: Decision) -> str:
    """Both stages of a decision whose rule failed, in one sentence each (PROCESS.md 6.6)."""
    first, second = decision.stages[0], decision.stages[-1]
    said = f"{rule_name(first.rule)}: {escape_inline(first.arithmetic)}"
    blocks = named_positions(decision.blocks, first.block - len(decision.blocks), ": ")
    if first.outcome == "blocked" and blocks:
        said = f"{rule_name(first.rule)}: blocked ({blocks})"
    return f"  - {said}. Fallback, {rule_name(second.rule)}: {escape_inline(second.arithmetic)}."


def fallback_question(decision: Decision) -> str:
    """What the final-test screen asks once the meeting's rule failed: "Blocked by Ivan Petrov.
    Apply the fallback, 9/10 supermajority?" (plain text, not Markdown)."""
    due = decision.fallback_due
    if due is None:
        return ""
    if decision.outcome == "blocked":
        who = [p.name for p in decision.blocks]
        unnamed = decision.block - len(who)
        if unnamed > 0:
            who.append(f"{unnamed} counted without names")
        failed = f"Blocked by {', '.join(who)}" if who else "Blocked"
    else:
        failed = f"Failed under {decision.rule}: {decision.arithmetic}"
    return f"{failed}. Apply the fallback, {rule_name(due, plain=True)}?"


def decision_lines(meeting: Meeting, decision: Decision) -> list[str]:
    # the room knows the role that recorded it; the OS user stays in the record's audit (JSON)
    who = f", recorded by the {escape_inline(role_label(decision.by_role).casefold())}" if decision.by_role else ""
    lines = [f"- Decision: **{escape_inline(decision.label)}**, {clock_time(decision.at)}{who}"]
    first_rule = decision.stages[0].rule if decision.stages else decision.rule
    vote = is_vote(first_rule)  # under a vote from the start, blocks are votes against
    if not decision.counted:
        rule = f" (rule {escape_inline(decision.rule)})" if decision.rule else ""
        more = decision.arithmetic.removeprefix("no count was taken").strip()
        lines.append(f"  - No count was taken{rule}" + (f": {escape_inline(more)}" if more else ""))
        if decision.reason:
            lines.append(f"  - Reason: {escape_inline(decision.reason)}")
    else:
        rule = escape_inline(first_rule)
        if len(decision.stages) > 1:
            rule += f", then its fallback {escape_inline(decision.stages[-1].rule)}"
        if any(stage.rule.startswith("supermajority") for stage in decision.stages):
            rule += " (stand-asides " + ("count" if decision.stand_asides_count else "do not count") + " in the total)"
        lines.append(f"  - Rule: {rule}")
        if len(decision.stages) > 1:
            lines.append(stage_line(decision))
        else:
            lines.append(f"  - Arithmetic: {escape_inline(decision.arithmetic)}")
    # every position stated in the final test stays in the record, whatever the outcome (PROCESS.md 6.7)
    if decision.counted or decision.agree or decision.block or decision.stand_aside:
        against = "against" if vote else ("block" if decision.block == 1 else "blocks")
        stated = "" if decision.counted else "Positions stated: "
        lines.append(
            f"  - {stated or 'Counts: '}{decision.agree} agree, {decision.block} {against}, "
            f"{decision.stand_aside} standing aside"
        )
    blocks = named_positions(decision.blocks, decision.block - len(decision.blocks), ": ")
    if blocks:
        lines.append(f"  - {'Against' if vote else 'Blocks'}: {blocks}")
    asides = named_positions(decision.stand_asides, decision.stand_aside - len(decision.stand_asides), ": ")
    if asides:
        lines.append(f"  - Stand-asides: {asides}")
    if decision.counted and decision.reason:
        lines.append(f"  - Note: {escape_inline(decision.reason)}")
    if decision.quorum is None:
        quorum = "no quorum set"
    else:
        met = "met" if decision.present >= decision.quorum else "not met"
        quorum = f"quorum {decision.quorum}: {met}"
    names = f" ({', '.join(escape_inline(n) for n in decision.present_names)})" if decision.present_names else ""
    lines.append(f"  - Present: {decision.present}{names}; {quorum}")
    if decision.review:
        lines.append(f"  - To be reviewed by {decision.review}")
    return lines


def proposal_markdown(meeting: Meeting, proposal: Proposal) -> list[str]:
    status = proposal.decision.label if proposal.decision else proposal.status
    lines = [
        f"**Proposal {proposal.id}: {escape_inline(proposal.title)}** (v{proposal.version}, {escape_inline(status)})",
        "",
    ]
    if proposal.carried_from:
        lines.append(f"- Carried from {escape_inline(proposal.carried_from)}, undecided there")
    if proposal.presenters:
        lines.append("- Presented by: " + ", ".join(escape_inline(name) for name in proposal.presenters))
    final = "Final text" if proposal.decision else "Text"
    lines += [f"- {final} (v{proposal.version}):", "", "  > " + escape_lines(proposal.text, "  > "), ""]
    if proposal.version > 1:
        pieces = word_diff(proposal.text_at(1), proposal.text)
        if changed(pieces):
            marks = "~~struck~~: removed, **bold**: added"
            lines.append(f"- Changes since v1 ({marks}): {diff_markdown(proposal.text_at(1), proposal.text)}")
    if proposal.amendments:
        lines.append("- Amendments:")
        lines += ["  " + amendment_line(proposal, a) for a in proposal.amendments]
    for check in meeting.checks:
        if check.about and check.about.split("-")[0] == proposal.id:
            lines.append(check_line(check))
    if proposal.decision is not None:
        lines += decision_lines(meeting, proposal.decision)
    lines.append("")
    return lines


def item_proposals_markdown(meeting: Meeting, item: int | None) -> list[str]:
    """Markdown lines for the proposals of one agenda item (None: outside any item)."""
    lines: list[str] = []
    for proposal in meeting.proposals.values():
        if proposal.item == item:
            lines += proposal_markdown(meeting, proposal)
    free = [c for c in meeting.checks if c.item == item and (c.about or "").split("-")[0] not in meeting.proposals]
    if free:
        lines += [check_line(check) for check in free]
        lines.append("")
    return lines


def decision_rows(meeting: Meeting) -> list[tuple[str, str, str, str, str]]:
    """One row per decision for the summary table: (id, title, outcome, rule, arithmetic).

    The cells are Markdown, already escaped for a table.
    """
    rows = []
    for proposal in meeting.proposals.values():
        decision = proposal.decision
        if decision is None:
            continue
        rule = decision.rule if decision.counted or decision.rule else "no count"
        if len(decision.stages) > 1:
            rule = f"{decision.stages[0].rule}, then {decision.stages[-1].rule}"
        rows.append(
            (
                proposal.id,
                table_cell(proposal.title),
                table_cell(decision.label),
                table_cell(rule),
                table_cell(decision.arithmetic),
            )
        )
    return rows
