"""The proposals' part of the minutes (PROCESS.md 7.2): per item, each proposal with its
presenters, final text, what changed since v1, every amendment and its fate, the temperature
checks with their counts, and the decision with its rule, counts, arithmetic, blocks and
stand-asides; and the rows of the summary table of decisions.

minutes.py calls these; keep their signatures. Pure: the same meeting gives the same lines.
Every piece of user text goes through markdown_text, so no title or name can break the document.
"""

from __future__ import annotations

from facilitator.clock import clock_time
from facilitator.decision_rules import parse_rule
from facilitator.errors import Refused
from facilitator.markdown_text import escape_inline, escape_lines, table_cell
from facilitator.proposals import Decision, Proposal, TemperatureCheck
from facilitator.state import Meeting
from facilitator.wording import ADDED, REMOVED, SAME, changed, word_diff


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


def decision_lines(meeting: Meeting, decision: Decision) -> list[str]:
    who = escape_inline(decision.by)
    lines = [f"- Decision: **{escape_inline(decision.label)}**, {clock_time(decision.at)}, recorded by {who}"]
    if not decision.counted:
        rule = f" (rule {escape_inline(decision.rule)})" if decision.rule else ""
        more = decision.arithmetic.removeprefix("no count was taken").strip()
        lines.append(f"  - No count was taken{rule}" + (f": {escape_inline(more)}" if more else ""))
        if decision.reason:
            lines.append(f"  - Reason: {escape_inline(decision.reason)}")
    else:
        try:
            vote = parse_rule(decision.rule).is_vote
            supermajority = decision.rule.startswith("supermajority")
        except Refused:
            vote = supermajority = False
        rule = escape_inline(decision.rule)
        if supermajority:
            rule += " (stand-asides " + ("count" if decision.stand_asides_count else "do not count") + " in the total)"
        lines.append(f"  - Rule: {rule}")
        lines.append(f"  - Arithmetic: {escape_inline(decision.arithmetic)}")
        against = "against" if vote else ("block" if decision.block == 1 else "blocks")
        lines.append(
            f"  - Counts: {decision.agree} agree, {decision.block} {against}, {decision.stand_aside} standing aside"
        )
        word = "Against" if vote else "Blocks"
        named = "; ".join(
            escape_inline(p.name) + (f": {escape_inline(p.reason)}" if p.reason else "") for p in decision.blocks
        )
        unnamed = decision.block - len(decision.blocks)
        if named or unnamed:
            extra = f"{'; ' if named else ''}{unnamed} counted without names" if unnamed else ""
            lines.append(f"  - {word}: {named}{extra}")
        names = "; ".join(
            escape_inline(p.name) + (f" ({escape_inline(p.reason)})" if p.reason else "") for p in decision.stand_asides
        )
        unnamed = decision.stand_aside - len(decision.stand_asides)
        if names or unnamed:
            extra = f"{'; ' if names else ''}{unnamed} counted without names" if unnamed else ""
            lines.append(f"  - Stand-asides: {names}{extra}")
        if decision.reason:
            lines.append(f"  - Note: {escape_inline(decision.reason)}")
    if decision.quorum is None:
        quorum = "no quorum set"
    else:
        met = "met" if decision.present >= decision.quorum else "not met"
        quorum = f"quorum {decision.quorum}: {met}"
    lines.append(f"  - Present: {decision.present}; {quorum}")
    return lines


def proposal_markdown(meeting: Meeting, proposal: Proposal) -> list[str]:
    status = proposal.decision.label if proposal.decision else proposal.status
    lines = [
        f"**Proposal {proposal.id}: {escape_inline(proposal.title)}** (v{proposal.version}, {escape_inline(status)})",
        "",
    ]
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
