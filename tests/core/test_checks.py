"""PROCESS.md section 5, temperature checks: one test (or a few) per rule, named for the rule."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from facilitator.clock import FakeClock
from facilitator.errors import Refused
from facilitator.meeting.events import Actor
from facilitator.meeting.status import check_status, status
from facilitator.session import Session


def as_participant(session: Session, name: str) -> Session:
    """The same meeting, from a participant's own terminal (`join` / `act --as`)."""
    return Session.open(session.store.path, Actor("ana", participant=name, terminal="p-" + name), session.clock)


# ---- 5.1 any time, non-binding, about a proposal, an amendment or a free question -----------


def test_5_1_a_check_can_be_called_at_any_time_about_a_free_question(session: Session) -> None:
    outcome = session.act("check_start", question="Shall we break for lunch?")
    assert outcome.summary == ("temperature check 1 open (twinkles: up, sideways, down): Shall we break for lunch?")
    check = session.meeting.checks[0]
    assert (check.id, check.about, check.question, check.open) == (1, None, "Shall we break for lunch?", True)


def test_5_1_a_check_may_be_about_a_proposal_or_an_amendment_and_binds_nothing(session: Session) -> None:
    session.act("attend", names=["Carla"])
    session.act("propose", title="Bike shed", text="Paint it blue")
    session.act("amend", proposal="P1", by="Carla", replace="blue", with_text="green")
    session.act("check_start", about="p1")
    assert session.meeting.checks[0].question == "How do we feel about P1 (v1): Bike shed?"
    session.act("check_count", option="up", count=30)
    session.act("check_close")
    session.act("check_start", about="P1-A1", scale="thumbs")
    assert session.meeting.checks[1].about == "P1-A1"
    session.act("check_close")
    proposal = session.meeting.proposals["P1"]
    assert (proposal.status, proposal.version, proposal.amendments["P1-A1"].status) == ("open", 1, "pending")


def test_5_1_a_check_about_something_unknown_is_refused(session: Session) -> None:
    with pytest.raises(Refused, match="there is no proposal P4"):
        session.act("check_start", about="P4")
    with pytest.raises(Refused, match="there is no amendment P1-A1"):
        session.act("check_start", about="P1-A1")


def test_5_1_one_check_is_open_at_a_time(session: Session) -> None:
    session.act("check_start")
    with pytest.raises(Refused, match="check 1 is still open"):
        session.act("check_start")


# ---- 5.2 scales and their option names ------------------------------------------------------


@pytest.mark.parametrize(
    ("scale", "options"),
    [
        ("twinkles", ["up", "sideways", "down"]),
        ("thumbs", ["up", "sideways", "down"]),
        ("fist-to-five", ["0", "1", "2", "3", "4", "5"]),
    ],
)
def test_5_2_scales_have_their_option_names_and_the_scale_is_stored(
    session: Session, scale: str, options: list[str]
) -> None:
    session.act("check_start", scale=scale)
    check = session.meeting.checks[0]
    assert (check.scale, check.options) == (scale, options)


def test_5_2_fist_to_five_options_carry_their_meanings(session: Session) -> None:
    session.act("check_start", scale="fist-to-five")
    check = session.meeting.checks[0]
    assert [check.meaning(o) for o in check.options] == [
        "opposed",  # never "block": a temperature check is not the final test
        "serious concerns",
        "minor concerns",
        "can live with it",
        "good idea",
        "will help carry it out",
    ]
    session.act("check_count", option="can live with it", count=4)  # a meaning names its option too
    assert check_status(session.meeting)["room"]["3"] == 4  # type: ignore[index]


def test_5_2_custom_labels_are_the_option_names(session: Session) -> None:
    session.act("check_start", scale="Yes, No , [bold]Maybe[/] ")
    check = session.meeting.checks[0]
    assert (check.scale, check.options) == ("custom", ["Yes", "No", "[bold]Maybe[/]"])


@pytest.mark.parametrize(
    ("scale", "message"),
    [
        ("sparkles", "unknown scale 'sparkles'"),
        ("yes,yes", "two of the labels are the same"),
        (",".join(str(n) for n in range(11)), "at most 10 options"),
        ("a,b\x07", "control character"),
    ],
)
def test_5_2_a_bad_scale_is_refused(session: Session, scale: str, message: str) -> None:
    with pytest.raises(Refused, match=message):
        session.act("check_start", scale=scale)
    assert session.meeting.checks == []


# ---- 5.3 counting: room hands, own terminals, or both ---------------------------------------


def test_5_3_the_operator_counts_hands_a_key_adds_one_another_takes_one_away(session: Session) -> None:
    session.act("check_start")
    for _ in range(3):
        session.act("check_count", option="up", add=1)
    session.act("check_count", option="up", add=-1)
    session.act("check_count", option="down", add=1)
    assert session.meeting.checks[0].room_counts() == {"up": 2, "sideways": 0, "down": 1}
    with pytest.raises(Refused, match="the room count for 'sideways' is already 0: nothing to take back"):
        session.act("check_count", option="sideways", add=-1)


def test_5_3_check_count_sets_the_room_count(session: Session) -> None:
    session.act("attend", names=[f"Member {n}" for n in range(1, 13)])  # 12 hands need 12 present
    session.act("check_start", scale="thumbs")
    outcome = session.act("check_count", option="UP", count=12)
    assert outcome.summary == "check 1: 12 in the room for up; up: 12, sideways: 0, down: 0 (12 in all)"
    with pytest.raises(Refused, match="'meh' is not an option of this check: up, sideways, down"):
        session.act("check_count", option="meh", count=1)
    with pytest.raises(Refused, match="already 12"):
        session.act("check_count", option="up", count=12)


def test_5_3_a_participant_votes_once_from_their_own_terminal_and_may_change_it(session: Session) -> None:
    session.act("attend", names=["Ana"])
    session.act("check_start")
    ana = as_participant(session, "Ana")
    assert ana.act("check_vote", name="Ana", option="up").summary == "Ana votes up in check 1"
    assert ana.act("check_vote", name="ana", option="down").summary == "Ana votes down in check 1 (was up)"
    with pytest.raises(Refused, match="Ana already voted down"):
        ana.act("check_vote", name="Ana", option="down")
    session.refresh()
    assert session.meeting.checks[0].terminal() == {"up": 0, "sideways": 0, "down": 1}
    assert session.meeting.is_present("Ana")


def test_5_3_a_participant_can_vote_only_for_themself_and_do_nothing_else(session: Session) -> None:
    session.act("attend", names=["Ben"])
    session.act("check_start")
    ana = as_participant(session, "Ana")
    with pytest.raises(Refused, match="Ana can only act for themself, not for Ben"):
        ana.act("check_vote", name="Ben", option="up")
    for action, args in (("check_count", {"option": "up", "count": 3}), ("check_close", {})):
        with pytest.raises(Refused, match="takes part as a participant"):
            ana.act(action, **args)


def test_5_3_room_counts_and_terminal_votes_show_separately_and_together(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben"])
    session.act("check_start")
    session.act("check_count", option="up", count=10)
    session.act("check_count", option="sideways", count=2)
    for name, option in (("Ana", "up"), ("Ben", "down")):
        as_participant(session, name).act("check_vote", name=name, option=option)
    session.refresh()
    shown = check_status(session.meeting)
    assert shown is not None
    assert shown["room"] == {"up": 10, "sideways": 2, "down": 0}
    assert shown["terminal"] == {"up": 1, "sideways": 0, "down": 1}
    assert shown["counts"] == {"up": 11, "sideways": 2, "down": 1}
    assert shown["total"] == 14


def test_5_3_nothing_is_counted_once_the_check_is_closed(session: Session) -> None:
    session.act("attend", names=["Ana"])
    session.act("check_start")
    session.act("check_close")
    with pytest.raises(Refused, match="no temperature check is open"):
        session.act("check_count", option="up", add=1)
    with pytest.raises(Refused, match="no temperature check is open"):
        as_participant(session, "Ana").act("check_vote", name="Ana", option="up")


# ---- 5.4 the result is kept --------------------------------------------------------------------


def test_5_4_the_result_shows_while_open_and_is_kept_with_counts_total_question_time(
    session: Session, clock: FakeClock
) -> None:
    session.act("check_start", question="Lunch now?", scale="thumbs")
    assert status(session.meeting, "m", clock.now())["check"]["question"] == "Lunch now?"
    session.act("check_count", option="up", count=7)
    clock.advance(90)
    assert session.act("check_close").summary == "check 1 closed: up: 7, sideways: 0, down: 0 (7 in all)"
    assert status(session.meeting, "m", clock.now())["check"] is None
    kept = Session.open(session.store.path, session.actor, clock).meeting.checks[0]
    assert (kept.question, kept.scale, kept.together(), kept.total) == (
        "Lunch now?",
        "thumbs",
        {"up": 7, "sideways": 0, "down": 0},
        7,
    )
    assert kept.closed_at is not None and kept.closed_at - kept.opened_at == 90


def _count_hands(path: str, terminal: str, times: int) -> None:
    session = Session.open(Path(path), Actor("op", role="stack", terminal=terminal), FakeClock(1_764_000_000.0))
    for _ in range(times):
        session.act("check_count", option="up", add=1)


def test_5_3_two_terminals_counting_at_once_lose_no_hand(session: Session) -> None:
    """Each key press adds one to the count on disk under the lock, not to a stale screen's count."""
    session.act("check_start")
    workers = [
        multiprocessing.get_context("fork").Process(target=_count_hands, args=(str(session.store.path), t, 15))
        for t in ("left", "right")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    session.refresh()
    assert session.meeting.checks[0].room_counts()["up"] == 30
