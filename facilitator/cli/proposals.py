"""`facilitator act` actions for proposals, amendments, temperature checks and decisions.

Thin: each action hands its arguments to the command of the same name; the rules live in
facilitator/meeting/proposal_commands.py. `--as NAME` lets a participant vote for themself and nothing else.
"""

from __future__ import annotations

import click

from facilitator.cli.common import fail, own_name, perform
from facilitator.cli.groups import act
from facilitator.meeting.proposals import OUTCOMES


@act.command()
@click.argument("title")
@click.option("--text", required=True, help="The proposal's text (v1).")
@click.option("--by", "by", multiple=True, metavar="NAME", help="A presenter (repeat for several).")
def propose(title: str, text: str, by: tuple[str, ...]) -> None:
    """Present a proposal; prints its id (P1)."""
    perform("propose", title=title, text=text, by=list(by))


@act.command()
@click.argument("proposal")
@click.option("--by", "by", required=True, metavar="NAME", help="Who proposes the amendment.")
@click.option("--replace", default=None, metavar="OLD", help="The passage of the current text to replace.")
@click.option("--with", "with_text", default=None, metavar="NEW", help="What replaces it.")
@click.option("--text", default=None, metavar="NEW", help="A whole new text instead.")
def amend(proposal: str, by: str, replace: str | None, with_text: str | None, text: str | None) -> None:
    """Propose an amendment; prints its id (P1-A1)."""
    if (replace is None) != (with_text is None):
        fail("--replace and --with go together: the passage and what replaces it")
    perform("amend", proposal=proposal, by=by, replace=replace, with_text=with_text, text=text)


@act.command()
@click.argument("amendment")
@click.option("--friendly", is_flag=True, help="Accepted by the presenters as friendly.")
def accept(amendment: str, friendly: bool) -> None:
    """Accept an amendment (by the assembly, or --friendly): the text gets a new version."""
    perform("accept", amendment=amendment, friendly=friendly)


@act.command()
@click.argument("amendment")
def reject(amendment: str) -> None:
    """Reject an amendment; it stays in the record."""
    perform("reject", amendment=amendment)


@act.command()
@click.argument("amendment")
@click.option("--reason", default="", help="Why (for a whole proposal).")
def withdraw(amendment: str, reason: str) -> None:
    """Withdraw an amendment (P1-A1, by its author) or a proposal (P1, by its presenters)."""
    perform("withdraw", amendment=amendment, reason=reason)


@act.group("check")
def check_group() -> None:
    """Temperature checks: start, count hands, vote, close."""


@check_group.command("start")
@click.option(
    "--scale",
    default="twinkles",
    show_default=True,
    metavar="twinkles|thumbs|fist-to-five|LABEL,LABEL,...",
    help="The options people choose from.",
)
@click.option("--question", default=None, help="What the room is asked.")
@click.option("--about", default=None, metavar="ID", help="A proposal (P1) or an amendment (P1-A1).")
def check_start(scale: str, question: str | None, about: str | None) -> None:
    """Open a temperature check (non-binding)."""
    perform("check_start", scale=scale, question=question, about=about)


@check_group.command("count")
@click.argument("option")
@click.argument("count", type=int)
def check_count(option: str, count: int) -> None:
    """Set the room count of one option (hands counted in the room)."""
    perform("check_count", option=option, count=count)


@check_group.command("vote")
@click.argument("words", nargs=-1, required=True, metavar="[NAME] OPTION")
def check_vote(words: tuple[str, ...]) -> None:
    """A participant's own vote; changeable until the check closes."""
    if len(words) == 1:
        name, option = own_name(None), words[0]
    elif len(words) == 2:
        name, option = words
    else:
        fail("check vote takes a name and an option: check vote NAME OPTION")
    perform("check_vote", name=name, option=option)


@check_group.command("close")
def check_close() -> None:
    """Close the open check; its result is kept in the minutes."""
    perform("check_close")


@act.command("test")
@click.argument("proposal")
def final_test(proposal: str) -> None:
    """Start the final test on a proposal at its current version."""
    perform("test", proposal=proposal)


def _one_or_count(name: str | None, count: int | None) -> None:
    if name is not None and count is not None:
        fail("name the person or give --count, not both")
    if name is None and count is None:
        fail("name the person, or give --count N")


@act.command()
@click.argument("proposal")
@click.argument("name", required=False)
@click.option("--reason", default="", help="Why they block (required for a named block).")
@click.option("--count", type=int, default=None, help="Sets the number of blocks (against) counted without names.")
def block(proposal: str, name: str | None, reason: str, count: int | None) -> None:
    """Record a block with its reason, or a count of votes against."""
    _one_or_count(name, count)
    perform("block", proposal=proposal, name=name, reason=reason, count=count)


@act.command("stand-aside")
@click.argument("proposal")
@click.argument("name", required=False)
@click.option("--reason", default="", help="Why (optional).")
@click.option("--count", type=int, default=None, help="Sets the number of stand-asides counted without names.")
def stand_aside(proposal: str, name: str | None, reason: str, count: int | None) -> None:
    """Record someone standing aside, or a count of stand-asides."""
    _one_or_count(name, count)
    perform("stand_aside", proposal=proposal, name=name, reason=reason, count=count)


@act.command()
@click.argument("proposal")
@click.argument("names", nargs=-1)
@click.option("--count", type=int, default=None, help="Sets the number agreeing, counted without names.")
def agree(proposal: str, names: tuple[str, ...], count: int | None) -> None:
    """Record agreement by name, or counted."""
    _one_or_count(names[0] if names else None, count)
    perform("agree", proposal=proposal, names=list(names), count=count)


@act.command()
@click.argument("proposal")
@click.option(
    "--rule",
    default=None,
    metavar="RULE",
    help="The meeting's rule, or its declared fallback once that rule has failed (nothing else).",
)
@click.option("--outcome", type=click.Choice(OUTCOMES), default=None, help="An outcome reached without counts.")
@click.option("--reason", default="", help="Why (with --outcome).")
@click.option("--review", default=None, metavar="YYYY-MM-DD", help="When the group reviews the agreement.")
def decide(proposal: str, rule: str | None, outcome: str | None, reason: str, review: str | None) -> None:
    """Compute the outcome from the final test's counts and print its arithmetic; with --review
    alone on an agreement already recorded, set the date it is reviewed."""
    perform("decide", proposal=proposal, rule=rule, outcome=outcome, reason=reason, review=review)


@act.command("decision-rule")
@click.argument("rule", metavar="consensus|minus-N|supermajority:F|majority")
@click.option("--fallback", default=None, metavar="RULE|none", help="The rule to fall back on when it fails.")
@click.option("--reason", default="", help="Why the assembly changes its rule (required).")
def decision_rule(rule: str, fallback: str | None, reason: str) -> None:
    """Change the meeting's decision rule on record, before a final test."""
    perform("decision_rule", rule=rule, fallback=fallback, reason=reason)
