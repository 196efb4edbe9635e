"""The collective's memory (issue 18): action items with an id for life and their progress,
review dates, the next meeting of a series carrying its open business, the register of decisions
and the list of action items across meetings, and the minutes' "From last time". Real meeting
files in a temporary data folder; a fake clock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.clock import FakeClock
from facilitator.errors import Refused, StoreError
from facilitator.meeting import register
from facilitator.meeting.events import Actor
from facilitator.minutes.document import minutes_markdown
from facilitator.series import FOLLOW_UP, follow
from facilitator.session import Session
from facilitator.store import locations, meetings, summaries
from facilitator.store.rotation import rotation

DAY = 86_400.0


def open_meeting(root: Path, meeting_id: str, clock: FakeClock, operator: Actor) -> Session:
    return Session.open(locations.meeting_file(root, meeting_id), operator, clock)


def first_meeting(root: Path, clock: FakeClock, operator: Actor) -> tuple[str, Session]:
    """A monthly meeting: two decisions (one agreement with a review date, one blocked), three
    action items, an item tabled and one never taken up; the next meeting set."""
    meeting_id = meetings.create(root, "Co-op monthly", operator, clock.now(), date="2025-11-24", location="Hall A")
    s = open_meeting(root, meeting_id, clock, operator)
    s.act("attend", names=["Ana Lima", "Ben Okafor", "Cleo Díaz"])
    for title, kind in (
        ("Boiler", "proposal"),
        ("Quiet hours", "proposal"),
        ("Garden", "discussion"),
        ("Bikes", "report"),
    ):
        s.act("agenda_add", title=title, minutes=20, kind=kind)
    s.act("agenda_start", item="1")
    s.act("propose", title="Boiler fund", text="We save 50 a month for the boiler.", by=["Ana Lima"])
    s.act("test", proposal="P1")
    s.act("stand_aside", proposal="P1", name="Ben Okafor", reason="I rent, I will not stay")
    s.act("agree", proposal="P1", names=["Ana Lima", "Cleo Díaz"])
    s.act("decide", proposal="P1", review="2026-05-01")
    s.act("action", text="Call the plumber", owners=["Ben Okafor"], due="2025-12-01")
    s.act("action", text="Ask the bank for a savings account", owners=["Ana Lima", "Cleo Díaz"])
    s.act("action", text="Print the notice", owners=["Cleo Díaz"])
    s.act("agenda_start", item="2")
    s.act("propose", title="Quiet hours", text="Décision: quiet after 22:00.", by=["Cleo Díaz"])
    s.act("test", proposal="P2")
    s.act("block", proposal="P2", name="Ben Okafor", reason="night shifts")
    s.act("decide", proposal="P2")
    s.act("agenda_table", item="3")
    s.act("action_status", ref="A3", status="done", note="printed on the spot")
    s.act("next_meeting", date="2025-12-15", time="19:00", place="Hall B")
    s.act("quorum", count=3)
    s.act("adjourn")
    return meeting_id, s


# ---- action items keep an id for life --------------------------------------------------------


def test_7_4_an_action_item_keeps_its_id_when_an_earlier_one_is_undone(session: Session) -> None:
    session.act("action", text="One", owners=["Ana"])
    two = session.act("action", text="Two", owners=["Ben"])
    assert two.summary == "action item A2: Ben"
    session.act("undo")
    session.act("action", text="Three", owners=["Cleo"])
    assert [a.ref for a in session.meeting.actions] == ["A1", "A2"]  # Two was undone: its id is free again
    session.act("undo")
    session.act("undo")
    assert session.meeting.actions == []
    assert session.act("action", text="Four", owners=["Dee"]).summary == "action item A1: Dee"


def test_action_status_records_progress_with_a_note(session: Session) -> None:
    session.act("action", text="Call the plumber", owners=["Ben"])
    out = session.act("action_status", ref="a1", status="done", note="came on Tuesday")
    assert out.summary == "A1 done: Call the plumber (came on Tuesday)"
    review = session.meeting.action_status("A1")
    assert review is not None and (review.status, review.note) == ("done", "came on Tuesday")
    with pytest.raises(Refused, match="A1 is already done"):
        session.act("action_status", ref="A1", status="done")
    session.act("action_status", ref="A1", status="open", note="it broke again")
    assert session.meeting.action_status("A1").status == "open"  # type: ignore[union-attr]
    session.act("undo")
    assert session.meeting.action_status("A1").status == "done"  # type: ignore[union-attr]


def test_an_unknown_action_id_names_the_closest_ones(session: Session) -> None:
    session.act("action", text="One", owners=["Ana"])
    session.act("action", text="Two", owners=["Ana"])
    with pytest.raises(Refused, match=r"no action item A7 here: did you mean A2, A1\?"):
        session.act("action_status", ref="A7", status="done")
    with pytest.raises(Refused, match="is not an action item id"):
        session.act("action_status", ref="plumber", status="done")
    with pytest.raises(Refused, match="open, done or dropped"):
        session.act("action_status", ref="A1", status="finished")
    assert session.meeting.action_reviews == []


def test_action_status_is_still_recorded_after_adjournment(session: Session) -> None:
    session.act("action", text="One", owners=["Ana"])
    session.act("adjourn")
    session.act("action_status", ref="A1", status="dropped")
    assert session.meeting.action_status("A1").status == "dropped"  # type: ignore[union-attr]


# ---- review dates ------------------------------------------------------------------------------


def passed(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben"])
    session.act("propose", title="Fund", text="Save.", by=["Ana"])
    session.act("test", proposal="P1")
    session.act("agree", proposal="P1", names=["Ana", "Ben"])


def test_an_agreement_gets_a_review_date(session: Session) -> None:
    passed(session)
    out = session.act("decide", proposal="P1", review="2026-06-01")
    assert out.summary.endswith("passed (consensus); review by 2026-06-01")
    assert session.meeting.proposals["P1"].decision.review == "2026-06-01"  # type: ignore[union-attr]
    assert "  - To be reviewed by 2026-06-01" in minutes_markdown(session.meeting)


def test_a_review_date_in_the_past_is_taken_with_a_warning(session: Session) -> None:
    passed(session)
    out = session.act("decide", proposal="P1", review="2025-01-01")
    assert "review by 2025-01-01 — warning: that date is already past" in out.summary
    assert session.meeting.proposals["P1"].decision.review == "2025-01-01"  # type: ignore[union-attr]


def test_a_review_date_can_be_given_after_the_decision_but_only_to_an_agreement(session: Session) -> None:
    passed(session)
    session.act("decide", proposal="P1")
    assert session.act("decide", proposal="P1", review="2026-06-01").summary == "P1: review by 2026-06-01"
    session.act("propose", title="Other", text="No.", by=["Ana"])
    session.act("test", proposal="P2")
    session.act("block", proposal="P2", name="Ben", reason="no")
    out = session.act("decide", proposal="P2", review="2026-06-01")
    assert out.summary.endswith("no review date: P2 did not pass")
    assert session.meeting.proposals["P2"].decision.review is None  # type: ignore[union-attr]
    with pytest.raises(Refused, match="only an agreement is reviewed: P2 was blocked"):
        session.act("decide", proposal="P2", review="2026-06-01")
    with pytest.raises(Refused, match="YYYY-MM-DD"):
        session.act("decide", proposal="P1", review="next spring")


# ---- the next meeting of a series --------------------------------------------------------------


def test_7_4_the_next_meeting_takes_date_place_rules_and_open_business(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    first, s1 = first_meeting(data_root, clock, operator)
    s1.act("reopen")
    s1.act("decision_rule", rule="supermajority:0.75", fallback="none", reason="we grew")
    s1.act("adjourn")
    clock.advance(21 * DAY)
    made = follow(data_root, first[:12], "Co-op monthly", operator, clock.now())
    s2 = open_meeting(data_root, made.meeting_id, clock, operator)
    m = s2.meeting
    assert (m.date, m.location, m.series, m.after) == ("2025-12-15", "Hall B", first, first)
    assert (m.quorum, m.rule, m.fallback_rule) == (3, s1.meeting.rule, None)  # the rules as they stood at the end
    assert s1.meeting.rule.startswith("supermajority")
    items = list(m.items.values())
    assert [i.title for i in items] == [FOLLOW_UP, "Garden", "Bikes"]
    assert [i.carried_from for i in items] == [None, "2025-11-24", "2025-11-24"]
    # A3 was done last time: only the open ones are carried
    assert [a.ref for a in items[0].follow_up] == [f"{first}:A1", f"{first}:A2"]
    assert items[0].follow_up[1].owners == ("Ana Lima", "Cleo Díaz")
    assert made.said() == f"after {first}, 2 open action items, 2 carried items"
    assert m.log == [] or all(line.setup for line in m.log)  # making it is not an action of the meeting


def test_date_and_place_given_win_over_the_next_meeting_set(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    first, _ = first_meeting(data_root, clock, operator)
    made = follow(data_root, first, "Extra meeting", operator, clock.now(), date="2025-12-01", location="Online")
    m = open_meeting(data_root, made.meeting_id, clock, operator).meeting
    assert (m.title, m.date, m.location) == ("Extra meeting", "2025-12-01", "Online")


def test_7_4_decisions_due_for_review_are_put_on_the_agenda_until_reviewed(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    first, _ = first_meeting(data_root, clock, operator)
    before = follow(data_root, first, "Co-op monthly", operator, clock.now(), date="2026-04-20")
    assert all(
        i.review_of is None for i in open_meeting(data_root, before.meeting_id, clock, operator).meeting.items.values()
    )
    due = follow(data_root, before.meeting_id, "Co-op monthly", operator, clock.now(), date="2026-05-04")
    s = open_meeting(data_root, due.meeting_id, clock, operator)
    review = next(i for i in s.meeting.items.values() if i.review_of is not None)
    assert review.title == "Review: Boiler fund"
    assert (review.review_of.ref, review.review_of.review) == (f"{first}:P1", "2026-05-01")  # type: ignore[union-attr]
    s.act("agenda_start", item=str(list(s.meeting.items).index(review.id) + 1))
    s.act("agenda_done")
    after = follow(data_root, due.meeting_id, "Co-op monthly", operator, clock.now(), date="2026-06-01")
    items = open_meeting(data_root, after.meeting_id, clock, operator).meeting.items.values()
    assert all(i.review_of is None for i in items)  # reviewed: no longer due
    found = summaries.sync(data_root)
    entry = next(e for e in register.decisions(found.rows) if e.ref == f"{first}:P1")
    assert entry.reviewed == (("2026-05-04", due.meeting_id),)
    assert "Decisions reviewed:" in minutes_markdown(s.meeting)


def test_a_meeting_that_is_absent_damaged_or_elsewhere_is_refused_and_nothing_is_made(
    data_root: Path, clock: FakeClock, operator: Actor, tmp_path: Path
) -> None:
    first, _ = first_meeting(data_root, clock, operator)
    before = sorted(p.name for p in locations.sessions_dir(data_root).glob("*.json"))
    with pytest.raises(StoreError, match="no meeting 'nope'"):
        follow(data_root, "nope", "Next", operator, clock.now())
    other = tmp_path / "other"
    elsewhere = meetings.create(other, "Theirs", operator, clock.now())
    with pytest.raises(StoreError, match="another data folder"):
        follow(data_root, str(locations.meeting_file(other, elsewhere)), "Next", operator, clock.now())
    path = locations.meeting_file(data_root, first)
    path.with_suffix(".journal").unlink(missing_ok=True)
    path.write_text(path.read_text()[:-40])  # cut off: damaged
    with pytest.raises(StoreError, match=f"cannot follow {first}"):
        follow(data_root, first, "Next", operator, clock.now())
    assert sorted(p.name for p in locations.sessions_dir(data_root).glob("*.json")) == before


# ---- the register and the action items across meetings ----------------------------------------


def test_7_4_the_register_lists_every_decision_newest_first_and_searches_without_accents(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    first, _ = first_meeting(data_root, clock, operator)
    made = follow(data_root, first, "Co-op monthly", operator, clock.now() + 21 * DAY)
    s2 = open_meeting(data_root, made.meeting_id, clock, operator)
    s2.act("attend", names=["Ana Lima", "Ben Okafor"])
    s2.act("propose", title="Bike shed", text="Build a shed.", by=["Ana Lima"])
    s2.act("decide", proposal="P1", outcome="tabled", reason="no quote yet")
    rows = summaries.sync(data_root).rows
    found = register.decisions(rows)
    assert [e.ref for e in found] == [f"{made.meeting_id}:P1", f"{first}:P2", f"{first}:P1"]
    p1 = found[2].record
    assert (p1["label"], p1["review"], p1["stand_asides"]) == (
        "passed (modified consensus: 1 standing aside)",
        "2026-05-01",
        [{"name": "Ben Okafor", "reason": "I rent, I will not stay"}],
    )
    assert [e.ref for e in register.decisions(rows, "DECISION quiet")] == [f"{first}:P2"]  # "Décision: quiet..."
    assert [e.ref for e in register.decisions(rows, "boiler")] == [f"{first}:P1"]
    assert [e.ref for e in register.decisions(rows, due_on="2026-05-01")] == [f"{first}:P1"]
    assert register.decisions(rows, due_on="2026-04-30") == []


def test_7_4_action_items_are_followed_across_meetings_until_done_or_dropped(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    first, _ = first_meeting(data_root, clock, operator)
    made = follow(data_root, first, "Co-op monthly", operator, clock.now() + 21 * DAY)
    s2 = open_meeting(data_root, made.meeting_id, clock, operator)
    s2.act("action_status", ref=f"{first}:A1", status="done", note="new valve")
    with pytest.raises(Refused, match=f"no action item {first}:A9 here: did you mean"):
        s2.act("action_status", ref=f"{first}:A9", status="done")
    s2.act("action", text="Paint the hall", owners=["Ana Lima"], due="2025-12-20")
    tracked = {a.ref: a for a in register.actions(summaries.sync(data_root).rows)}
    a1 = tracked[f"{first}:A1"]
    assert (a1.status, a1.last_review.meeting, a1.last_review.note) == ("done", made.meeting_id, "new valve")  # type: ignore[union-attr]
    assert tracked[f"{first}:A3"].status == "done"  # reviewed in its own meeting
    assert tracked[f"{first}:A2"].status == "open" and tracked[f"{first}:A2"].owned_by("cleo  díaz")
    assert tracked[f"{made.meeting_id}:A1"].overdue("2025-12-21")
    assert not tracked[f"{made.meeting_id}:A1"].overdue("2025-12-20")
    minutes = minutes_markdown(s2.meeting)
    assert "## From last time" in minutes
    assert f"| {first}:A1 | Call the plumber | Ben Okafor | done | new valve |" in minutes
    assert (
        f"| {first}:A2 | Ask the bank for a savings account | Ana Lima, Cleo Díaz | still open (not reviewed) |  |"
        in minutes
    )
    assert "Items carried: Garden (carried from 2025-11-24): not taken up; Bikes" in minutes


def test_another_meetings_action_item_can_be_reviewed_anywhere_with_what_it_was(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    first, _ = first_meeting(data_root, clock, operator)
    lone = meetings.create(data_root, "Garden group", operator, clock.now() + DAY)
    s = open_meeting(data_root, lone, clock, operator)
    elsewhere = {"ref": f"{first}:A2", "text": "Ask the bank", "owners": ["Ana Lima"], "status": "open"}
    s.act("action_status", ref=f"{first}:A2", status="dropped", note="bank said no", elsewhere=elsewhere)
    tracked = {a.ref: a for a in register.actions(summaries.sync(data_root).rows)}
    assert tracked[f"{first}:A2"].status == "dropped"
    assert f"| {first}:A2 | Ask the bank | Ana Lima | dropped | bank said no |" in minutes_markdown(s.meeting)


# ---- the summaries: a shortcut never trusted when stale -----------------------------------------


def test_a_summary_is_made_again_after_a_write_an_undo_damage_and_recovery(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    first, s1 = first_meeting(data_root, clock, operator)
    assert len(register.decisions(summaries.sync(data_root).rows)) == 2
    kept = json.loads((data_root / summaries.FILE).read_text())
    assert [row["meeting"] for row in kept["meetings"].values()] == [first]
    s1.act("reopen")
    s1.act("agenda_start", item="4")
    s1.act("propose", title="Bikes", text="A rack.", by=["Ana Lima"])
    s1.act("decide", proposal="P3", outcome="withdrawn")
    assert len(register.decisions(summaries.sync(data_root).rows)) == 3
    s1.act("undo")
    assert len(register.decisions(summaries.sync(data_root).rows)) == 2
    s1.close()
    path = locations.meeting_file(data_root, first)
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2])
    found = summaries.sync(data_root)
    assert found.rows == [] and [m for m, _ in found.unreadable] == [first]
    assert "left out, could not be read" in found.warning()
    path.write_bytes(good)  # as `facilitator recover` would put it back
    assert len(register.decisions(summaries.sync(data_root).rows)) == 2


def test_a_damaged_or_missing_summaries_file_is_made_again(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    first_meeting(data_root, clock, operator)
    summaries.sync(data_root)
    (data_root / summaries.FILE).write_text("{ not json")
    assert len(register.decisions(summaries.sync(data_root).rows)) == 2
    assert json.loads((data_root / summaries.FILE).read_text())["meetings"]
    (data_root / summaries.FILE).unlink()
    assert len(register.decisions(summaries.sync(data_root).rows)) == 2


def test_a_summary_made_by_other_code_is_not_trusted(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    first_meeting(data_root, clock, operator)
    summaries.sync(data_root)
    path = data_root / summaries.FILE
    kept = json.loads(path.read_text())
    kept["code"]["1"]["stamp"] = [["old.py", 1, 1]]
    for row in kept["meetings"].values():
        row["decisions"] = []  # what an older version might have said
    path.write_text(json.dumps(kept))
    assert len(register.decisions(summaries.sync(data_root).rows)) == 2


def test_roles_rotate_within_the_series(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    first, s1 = first_meeting(data_root, clock, operator)
    s1.act("reopen")
    s1.act("role", role="facilitator", name="Ana Lima")
    other = meetings.create(data_root, "Another group", operator, clock.now())
    s = open_meeting(data_root, other, clock, operator)
    s.act("attend", names=["Ben Okafor"])
    s.act("role", role="facilitator", name="Ben Okafor")
    made = follow(data_root, first, "Co-op monthly", operator, clock.now() + DAY)
    series = open_meeting(data_root, made.meeting_id, clock, operator).meeting.series
    turn = rotation(data_root, exclude=made.meeting_id, series=series)
    assert turn.last_held("facilitator") == [("2025-11-24", "Ana Lima")]  # not the other group's Ben
    assert turn.suggest(["Ana Lima", "Ben Okafor", "Cleo Díaz"])[:2] == ["Ben Okafor", "Cleo Díaz"]


def test_an_undecided_proposal_is_carried_with_its_item_and_its_text_as_it_stood(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    meeting_id = meetings.create(data_root, "Co-op monthly", operator, clock.now(), date="2025-11-24")
    s = open_meeting(data_root, meeting_id, clock, operator)
    s.act("attend", names=["Ana", "Ben"])
    s.act("agenda_add", title="Bike shed", kind="proposal")
    s.act("agenda_start", item="1")
    s.act("propose", title="Bike shed", text="A shed for ten bikes.", by=["Ana"])
    s.act("amend", proposal="P1", by="Ben", replace="ten", with_text="twelve")
    s.act("accept", amendment="P1-A1", friendly=True)
    s.act("agenda_table")
    made = follow(data_root, meeting_id, "Co-op monthly", operator, clock.now() + DAY)
    m = open_meeting(data_root, made.meeting_id, clock, operator).meeting
    [item] = m.items.values()
    [carried] = m.proposals.values()
    assert (item.title, item.carried_from) == ("Bike shed", "2025-11-24")
    assert (carried.id, carried.text, carried.item, carried.carried_from) == (
        "P1",
        "A shed for twelve bikes.",
        item.id,
        f"{meeting_id}:P1",
    )
    assert carried.status == "open" and m.begun_at is None
    assert f"- Carried from {meeting_id}:P1, undecided there" in minutes_markdown(m)


def test_a_review_date_given_with_the_fallback_that_passes_is_kept(session: Session) -> None:
    session.act("decision_rule", rule="consensus", fallback="supermajority:0.6", reason="as agreed")
    session.act("attend", names=["Ana", "Ben", "Cleo"])
    session.act("propose", title="Fund", text="Save.", by=["Ana"])
    session.act("test", proposal="P1")
    session.act("block", proposal="P1", name="Ben", reason="too much")
    session.act("agree", proposal="P1", names=["Ana", "Cleo"])
    session.act("decide", proposal="P1")
    out = session.act("decide", proposal="P1", review="2026-06-01")
    assert "fallback" in out.summary and out.summary.endswith("; review by 2026-06-01")
    decision = session.meeting.proposals["P1"].decision
    assert decision is not None and (decision.outcome, decision.review) == ("passed", "2026-06-01")


def test_a_break_not_taken_up_is_not_carried(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    meeting_id = meetings.create(data_root, "Co-op monthly", operator, clock.now(), date="2025-11-24")
    s = open_meeting(data_root, meeting_id, clock, operator)
    s.act("agenda_add", title="Break", kind="break")
    s.act("agenda_add", title="Garden")
    made = follow(data_root, meeting_id, "Co-op monthly", operator, clock.now() + DAY)
    items = open_meeting(data_root, made.meeting_id, clock, operator).meeting.items.values()
    assert [i.title for i in items] == ["Garden"]


def test_an_arrival_takes_the_spelling_of_earlier_meetings(session: Session) -> None:
    out = session.act("attend", names=["ben  okoro", "Ana"], seen_before=["Ben Okoro", "Cleo Díaz"])
    assert out.summary == "present: Ben Okoro, Ana (2 in all)"
    session.act("attend", names=["Cleo"])
    assert list(session.meeting.people.values()) == ["Ben Okoro", "Ana", "Cleo"]  # only a whole name matches
