"""`facilitator act` for proposals, amendments, temperature checks and decisions: each action
prints one line; each refusal exits 1 with one line on stderr, no traceback, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from facilitator.cli import main
from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import locations

TEXT = "We paint the bike shed blue before spring."


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def ok(*args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def refused(*args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 1, result.stdout
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("facilitator: ")
    return lines[0].removeprefix("facilitator: ")


@pytest.fixture
def meeting(data_root: Path) -> str:
    meeting_id = ok("new", "General assembly").splitlines()[-1]
    ok("act", meeting_id, "attend", "Ana", "Ben", "Carla", "Dan")
    return meeting_id


def events(data_root: Path, meeting_id: str) -> list[str]:
    session = Session.open(locations.meeting_file(data_root, meeting_id), Actor("reader"))
    return [e["type"] for e in session.events]


def with_proposal(meeting: str) -> None:
    ok("act", meeting, "propose", "Bike shed", "--text", TEXT, "--by", "Ana", "--by", "Ben")


# ---- proposals and amendments -------------------------------------------------------------


def test_propose_prints_the_proposal_id(meeting: str) -> None:
    assert (
        ok("act", meeting, "propose", "Bike shed", "--text", TEXT, "--by", "Ana") == "P1 proposed: Bike shed (by Ana)"
    )
    assert ok("act", meeting, "propose", "[bold]Garden[/]", "--text", "Beans").startswith(
        "P2 proposed: [bold]Garden[/]"
    )


def test_propose_refusals(meeting: str) -> None:
    assert refused("act", meeting, "propose", "", "--text", TEXT) == "the proposal's title cannot be empty"
    assert refused("act", meeting, "propose", "Shed", "--text", "  ") == "the proposal's text cannot be empty"
    assert "Missing option '--text'" in refused("act", meeting, "propose", "Shed")


def test_amend_prints_the_amendment_id(meeting: str) -> None:
    with_proposal(meeting)
    assert ok("act", meeting, "amend", "P1", "--by", "Carla", "--replace", "blue", "--with", "green") == (
        "P1-A1 by Carla: replace 'blue' with 'green'"
    )
    assert ok("act", meeting, "amend", "p1", "--by", "Dan", "--text", "We leave it.") == "P1-A2 by Dan: a new text"


def test_amend_refusals(data_root: Path, meeting: str) -> None:
    with_proposal(meeting)
    before = events(data_root, meeting)
    assert refused("act", meeting, "amend", "P1", "--by", "Carla", "--replace", "purple", "--with", "green") == (
        f"'purple' is not in the current text of P1 (v1): {TEXT}"
    )
    assert refused("act", meeting, "amend", "P1", "--by", "Carla", "--replace", "blue") == (
        "--replace and --with go together: the passage and what replaces it"
    )
    assert refused("act", meeting, "amend", "P1", "--by", "Carla") == (
        "say what the amendment changes: --replace OLD --with NEW, or --text NEW"
    )
    assert refused("act", meeting, "amend", "P7", "--by", "Carla", "--text", "x") == (
        "there is no proposal P7 (proposals: P1)"
    )
    assert "Missing option '--by'" in refused("act", meeting, "amend", "P1", "--text", "x")
    assert events(data_root, meeting) == before


def test_accept_reject_withdraw(meeting: str) -> None:
    with_proposal(meeting)
    for passage, new in (("blue", "green"), ("spring", "summer"), ("bike", "cycle")):
        ok("act", meeting, "amend", "P1", "--by", "Carla", "--replace", passage, "--with", new)
    assert ok("act", meeting, "accept", "P1-A1", "--friendly") == "P1-A1 accepted as friendly: P1 is now v2"
    assert ok("act", meeting, "reject", "P1-A2") == "P1-A2 rejected; P1 stays at v2"
    assert ok("act", meeting, "withdraw", "P1-A3") == "P1-A3 withdrawn by Carla; P1 stays at v2"
    assert refused("act", meeting, "accept", "P1-A2") == "P1-A2 is already settled: rejected"
    assert (
        refused("act", meeting, "reject", "P1-A9")
        == "there is no amendment P1-A9 (amendments to P1: P1-A1, P1-A2, P1-A3)"
    )
    assert refused("act", meeting, "withdraw", "banana") == "'banana' is not an amendment id: use P1-A1, P1-A2, ..."


def test_withdraw_a_whole_proposal(meeting: str) -> None:
    with_proposal(meeting)
    assert ok("act", meeting, "withdraw", "P1", "--reason", "we will rework it") == "P1: withdrawn (we will rework it)"
    assert (
        refused("act", meeting, "withdraw", "P1") == "P1 is already decided (withdrawn); undo the decision to reopen it"
    )


# ---- temperature checks -------------------------------------------------------------------


def test_check_start_count_vote_close(data_root: Path, meeting: str) -> None:
    ok("act", meeting, "attend", *[f"Member {n}" for n in range(1, 9)])  # 12 hands need 12 present
    with_proposal(meeting)
    assert ok("act", meeting, "check", "start", "--scale", "thumbs", "--about", "P1") == (
        "temperature check 1 open (thumbs: up, sideways, down): How do we feel about P1 (v1): Bike shed?"
    )
    assert ok("act", meeting, "check", "count", "up", "12") == (
        "check 1: 12 in the room for up; up: 12, sideways: 0, down: 0 (12 in all)"
    )
    assert ok("act", meeting, "--as", "Ana", "check", "vote", "sideways") == "Ana votes sideways in check 1"
    assert ok("act", meeting, "check", "vote", "Ben", "up") == "Ben votes up in check 1"
    status = json.loads(ok("status", meeting, "--json"))
    assert status["check"]["room"] == {"up": 12, "sideways": 0, "down": 0}
    assert status["check"]["terminal"] == {"up": 1, "sideways": 1, "down": 0}
    assert status["check"]["counts"] == {"up": 13, "sideways": 1, "down": 0}
    assert ok("act", meeting, "check", "close") == "check 1 closed: up: 13, sideways: 1, down: 0 (14 in all)"
    assert json.loads(ok("status", meeting, "--json"))["check"] is None


def test_check_refusals(meeting: str) -> None:
    assert (
        refused("act", meeting, "check", "count", "up", "3")
        == "no temperature check is open: start one with check start"
    )
    assert refused("act", meeting, "check", "start", "--scale", "sparkles").startswith("unknown scale 'sparkles'")
    assert refused("act", meeting, "check", "start", "--about", "P3") == "there is no proposal P3 (proposals: none yet)"
    ok("act", meeting, "check", "start", "--scale", "fist-to-five", "--question", "Lunch?")
    assert refused("act", meeting, "check", "start") == "check 1 is still open (Lunch?): close it first"
    assert refused("act", meeting, "check", "count", "7", "3") == "'7' is not an option of this check: 0, 1, 2, 3, 4, 5"
    assert refused("act", meeting, "check", "count", "3", "--", "-1") == "a room count is 0 or more"
    assert refused("act", meeting, "check", "vote", "Ana", "Ben", "3") == (
        "check vote takes a name and an option: check vote NAME OPTION"
    )


def test_as_name_may_only_vote_for_name(data_root: Path, meeting: str) -> None:
    ok("act", meeting, "check", "start")
    before = events(data_root, meeting)
    assert (
        refused("act", meeting, "--as", "Ana", "check", "vote", "Ben", "up")
        == "Ana can only act for themself, not for Ben"
    )
    assert refused("act", meeting, "--as", "Ana", "check", "count", "up", "3") == (
        "Ana takes part as a participant and can only raise or lower their own hand"
    )
    assert refused("act", meeting, "--as", "Ana", "check", "close").startswith("Ana takes part as a participant")
    with_proposal(meeting)
    assert refused("act", meeting, "--as", "Ana", "block", "P1", "Ana", "--reason", "no").startswith(
        "Ana takes part as a participant"
    )
    assert events(data_root, meeting)[: len(before)] == before
    assert "check_voted" not in events(data_root, meeting)


# ---- the final test and the decision ------------------------------------------------------


def test_the_issue_figures_87_against_7_passes_and_80_against_20_fails(meeting: str) -> None:
    ok("act", meeting, "attend", *[f"Member {n}" for n in range(1, 97)])  # 100 present, as many as counted
    ok("act", meeting, "decision-rule", "supermajority:0.9", "--reason", "the assembly votes on these")
    with_proposal(meeting)
    ok("act", meeting, "propose", "Garden", "--text", "Plant beans.")
    for proposal, agree, against in (("P1", 87, 7), ("P2", 80, 20)):
        ok("act", meeting, "test", proposal)
        ok("act", meeting, "block", proposal, "--count", str(against))
        ok("act", meeting, "agree", proposal, "--count", str(agree))
    assert ok("act", meeting, "decide", "P1", "--rule", "supermajority:0.9") == (
        "P1: 87 of 94 agree = 92.6% >= 90%: passed (supermajority:0.9)"
    )
    assert (
        ok("act", meeting, "decide", "P2", "--rule", "supermajority:0.9") == "P2: 80 of 100 agree = 80.0% < 90%: failed"
    )
    status = json.loads(ok("status", meeting, "--json"))
    assert [(p["id"], p["version"], p["status"]) for p in status["proposals"]] == [
        ("P1", 1, "passed"),
        ("P2", 1, "failed"),
    ]
    assert status["proposals"][0]["title"] == "Bike shed"


def test_test_block_stand_aside_agree_decide(meeting: str) -> None:
    with_proposal(meeting)
    assert ok("act", meeting, "test", "P1") == "final test on P1 v1: any blocks? then stand-asides, then agreement"
    assert ok("act", meeting, "block", "P1", "Dan", "--reason", "the lease forbids it") == (
        "P1: Dan blocks (the lease forbids it); 1 blocking, 0 standing aside, 0 agreeing"
    )
    assert (
        ok("act", meeting, "stand-aside", "P1", "Ben")
        == "P1: Ben stands aside; 1 blocking, 1 standing aside, 0 agreeing"
    )
    assert (
        ok("act", meeting, "agree", "P1", "Ana", "Carla")
        == "P1: Ana, Carla agree; 1 blocking, 1 standing aside, 2 agreeing"
    )
    assert ok("act", meeting, "decide", "P1") == "P1: 1 block (consensus allows none): blocked"


def test_final_test_refusals(data_root: Path, meeting: str) -> None:
    with_proposal(meeting)
    assert (
        refused("act", meeting, "block", "P1", "--count", "2") == "P1 is not in its final test: start it with test P1"
    )
    ok("act", meeting, "amend", "P1", "--by", "Carla", "--replace", "blue", "--with", "green")
    assert refused("act", meeting, "test", "P1") == (
        "P1 has pending amendments (P1-A1): accept, reject or withdraw them first"
    )
    ok("act", meeting, "reject", "P1-A1")
    ok("act", meeting, "test", "P1")
    assert refused("act", meeting, "test", "P1") == "P1 is already in its final test (v1)"
    assert refused("act", meeting, "block", "P1", "Dan") == "a block must state its reason: block P1 Dan --reason TEXT"
    assert refused("act", meeting, "block", "P1") == "name the person, or give --count N"
    assert (
        refused("act", meeting, "stand-aside", "P1", "Ben", "--count", "3")
        == "name the person or give --count, not both"
    )
    assert refused("act", meeting, "agree", "P1", "--count", "-4") == "a count is 0 to 100000"
    assert refused("act", meeting, "decide", "P1", "--rule", "unanimity").startswith(
        "unknown decision rule 'unanimity'"
    )
    assert "'adopted' is not one of" in refused("act", meeting, "decide", "P1", "--outcome", "adopted")
    assert refused("act", meeting, "decide", "P9") == "there is no proposal P9 (proposals: P1)"
    assert events(data_root, meeting)[-1] == "test_started"


def test_decide_outcome_without_counts_and_the_quorum_gate(meeting: str) -> None:
    with_proposal(meeting)
    ok("act", meeting, "quorum", "10")
    assert refused("act", meeting, "decide", "P1", "--outcome", "passed") == (
        "4 present, quorum 10: below quorum only tabled or withdrawn can be recorded"
    )
    assert ok("act", meeting, "decide", "P1", "--outcome", "tabled") == "P1: tabled: no quorum"
    minutes = json.loads(ok("status", meeting, "--json"))["proposals"][0]
    assert (minutes["status"], minutes["arithmetic"]) == ("tabled", "no count was taken (4 present < quorum of 10)")
