"""PROCESS.md 3.6: the agenda is the group's. Items not yet started can be removed or edited;
items under way, done or tabled stay as they were. One test per rule, on a real meeting file."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator import templates
from facilitator.clock import FakeClock
from facilitator.errors import Refused
from facilitator.meeting.events import Actor
from facilitator.meeting.state import fold
from facilitator.minutes.document import minutes_markdown
from facilitator.session import Session
from facilitator.store import locations


def agenda(session: Session, *titles: str, minutes: int = 10) -> None:
    for title in titles:
        session.act("agenda_add", title=title, minutes=minutes)


def titles(session: Session) -> list[str]:
    return [item.title for item in session.meeting.items.values()]


def stored(session: Session, kind: str) -> list[dict[str, object]]:
    return [e["data"] for e in session.store.load() if e["type"] == kind]


def reopened(session: Session) -> Session:
    """The same file read afresh: what another terminal, or tomorrow, would fold."""
    return Session.open(session.store.path, Actor("reader", terminal="r"), FakeClock(session.now()))


# ---- removing an item ----------------------------------------------------------------------


def test_an_item_not_yet_started_can_be_removed(session: Session) -> None:
    agenda(session, "Check-in", "Break", "Budget")
    outcome = session.act("agenda_remove", item="Break")
    assert outcome.summary == "removed from the agenda: Break (2 items left)"
    assert titles(session) == ["Check-in", "Budget"]
    assert stored(session, "item_removed") == [{"item": 3}]  # the item's id: the seq of its item_added
    assert titles(reopened(session)) == ["Check-in", "Budget"]


def test_after_a_removal_items_are_numbered_by_their_place_on_the_agenda(session: Session) -> None:
    agenda(session, "One", "Two", "Three")
    session.act("agenda_remove", item="1")
    assert session.act("agenda_start", item="2").summary == "now on: Three"
    with pytest.raises(Refused, match="there is no item 3: the agenda has 2"):
        session.act("agenda_remove", item="3")


@pytest.mark.parametrize(
    ("how", "match"),
    [
        ("active", "'Budget' is under way: only items not yet started can be removed"),
        ("done", "'Budget' has been dealt with: it stays on the record as it was"),
        ("tabled", "'Budget' is tabled to a later meeting: it stays on the record as it was"),
    ],
)
def test_an_item_under_way_done_or_tabled_cannot_be_removed(session: Session, how: str, match: str) -> None:
    agenda(session, "Budget", "Garden")
    if how == "tabled":
        session.act("agenda_table", item="Budget")
    else:
        session.act("agenda_start", item="Budget")
    if how == "done":
        session.act("agenda_done")
    before = len(session.store.load())
    with pytest.raises(Refused, match=match):
        session.act("agenda_remove", item="Budget")
    assert len(session.store.load()) == before
    assert titles(session) == ["Budget", "Garden"]


def test_an_item_with_notes_or_action_items_on_it_cannot_be_removed(session: Session) -> None:
    agenda(session, "Budget", "Garden")
    session.act("attend", names=["Ana"])
    session.act("note", text="Quotes circulated beforehand", item="Garden")
    session.act("action", text="Bring the quotes", owners=["Ana"], item="Garden")
    with pytest.raises(Refused, match="'Garden' has 1 note and 1 action item on record: it cannot be removed"):
        session.act("agenda_remove", item="Garden")
    session.act("undo")
    with pytest.raises(Refused, match="has 1 note on record"):
        session.act("agenda_remove", item="Garden")
    session.act("undo")
    session.act("agenda_remove", item="Garden")
    assert titles(session) == ["Budget"]


def test_a_removal_can_be_undone(session: Session) -> None:
    agenda(session, "Budget", "Garden", "AOB")
    session.act("agenda_remove", item="Garden")
    session.act("undo")
    assert titles(session) == ["Budget", "Garden", "AOB"]


def test_a_removed_item_never_appears_in_the_minutes(session: Session, clock: FakeClock) -> None:
    agenda(session, "Budget", "Mystery guest", "AOB")
    session.act("agenda_remove", item="Mystery")
    session.act("agenda_start", item="Budget")
    clock.advance(60)
    assert "Still to come: AOB." in minutes_markdown(session.meeting)
    session.act("adjourn")
    text = minutes_markdown(session.meeting)
    assert "Mystery" not in text
    assert "Not taken up: AOB." in text


def test_items_never_taken_up_are_one_line_in_the_minutes_not_empty_sections(
    session: Session, clock: FakeClock
) -> None:
    agenda(session, "Budget", "Break", "Garden", "Open discussion", "Rent")
    session.act("attend", names=["Ana"])
    session.act("note", text="Quotes went round beforehand", item="Rent")
    session.act("agenda_table", item="Garden")
    session.act("agenda_start", item="Budget")
    session.act("action", text="Get a third quote", owners=["Ana"], item="Rent")
    clock.advance(600)
    session.act("adjourn")
    text = minutes_markdown(session.meeting)
    # a row for each item dealt with, tabled or holding a note; the others once, on one line
    rows = [line.split(" | ")[1] for line in text.splitlines() if line.startswith("| ") and " min | " in line]
    assert rows == ["Budget", "Garden", "Rent"]
    assert text.count("Not taken up: Break; Open discussion.") == 1
    assert "Break" not in text.replace("Not taken up: Break; Open discussion.", "")
    # sections only where there is something to say, numbered as the rows are
    sections = [line for line in text.splitlines() if line.startswith("## ") and line[3].isdigit()]
    assert sections == ["## 1. Budget", "## 3. Rent"]
    assert "Discussion, time box 10 min, planned.\n\n### Notes\n\n- Quotes went round beforehand" in text
    assert "| A1 | Get a third quote | Ana |  | 3. Rent | open |" in text
    assert "Tabled to a later meeting:\n\n- Garden" in text


def test_a_template_agenda_can_be_cut_down_to_the_meeting_at_hand(
    data_root: Path, clock: FakeClock, operator: Actor
) -> None:
    """The report: a 3-item meeting showed "Item 8 of 10" and seven empty sections."""
    meeting_id = templates.create(data_root, "coop-monthly", "Short one", operator, clock.now(), date="2025-11-24")
    session = Session.open(locations.meeting_file(data_root, meeting_id), operator, clock)
    keep = titles(session)[:3]
    for number in range(len(session.meeting.items), 3, -1):
        session.act("agenda_remove", item=str(number))
    assert titles(session) == keep
    for _ in keep:
        session.act("agenda_start")
        clock.advance(120)
    session.act("adjourn")
    text = minutes_markdown(fold(session.store.load()))
    assert [line for line in text.splitlines() if line.startswith("## ") and line[3].isdigit()] == [
        f"## {n}. {title}" for n, title in enumerate(keep, start=1)
    ]
    assert "Not taken up" not in text and "planned" not in text


# ---- editing an item -----------------------------------------------------------------------


def test_an_item_not_yet_started_can_be_renamed_re_kinded_re_timed_and_given_a_presenter(session: Session) -> None:
    agenda(session, "Budget", "Garden")
    session.act("attend", names=["Gus Lindqvist"])
    outcome = session.act(
        "agenda_edit", item="Garden", title="Garden report", minutes=15, kind="report", presenter="gus  lindqvist"
    )
    assert outcome.summary == (
        "agenda item 2 'Garden' now: title 'Garden report', time box 15 min, kind report, presented by Gus Lindqvist"
    )
    garden = reopened(session).meeting.items[3]
    assert (garden.title, garden.minutes, garden.kind, garden.presenter) == (
        "Garden report",
        15,
        "report",
        "Gus Lindqvist",
    )


def test_an_edit_records_only_what_changes(session: Session) -> None:
    session.act("agenda_add", title="Garden", minutes=10, kind="discussion")
    session.act("agenda_edit", item="1", title="Garden", minutes=20, kind="discussion")
    assert stored(session, "item_edited") == [{"item": 2, "minutes": 20}]


def test_an_edit_that_changes_nothing_is_refused(session: Session) -> None:
    session.act("agenda_add", title="Garden", minutes=10)
    with pytest.raises(Refused, match="say what to change: a title, a time box, a kind or a presenter"):
        session.act("agenda_edit", item="Garden")
    for change in ({"title": " Garden "}, {"minutes": 10, "kind": "discussion"}, {"presenter": ""}):
        with pytest.raises(Refused, match="that changes nothing: 'Garden' is already so"):
            session.act("agenda_edit", item="Garden", **change)
    assert stored(session, "item_edited") == []


def test_a_presenter_can_be_taken_off(session: Session) -> None:
    session.act("attend", names=["Dolores"])
    session.act("agenda_add", title="Budget", presenter="Dolores")
    assert session.act("agenda_edit", item="1", presenter="").summary == "agenda item 1 'Budget' now: no presenter"
    (budget,) = session.meeting.items.values()
    assert budget.presenter is None


def test_an_edit_is_checked_as_an_added_item_is(session: Session) -> None:
    session.act("agenda_add", title="Garden")
    session.act("attend", names=["Ivan Petrov"])
    for change, match in (
        ({"title": "  "}, "the item's title cannot be empty"),
        ({"kind": "party"}, "unknown item kind 'party': use one of discussion, proposal"),
        ({"minutes": 1441}, "an item's time box is 0 to 1440 minutes"),
        ({"minutes": -1}, "an item's time box is 0 to 1440 minutes"),
        ({"presenter": "Iv"}, "nobody called Iv is here: did you mean Ivan Petrov?"),
    ):
        with pytest.raises(Refused, match=match):
            session.act("agenda_edit", item="Garden", **change)
    assert stored(session, "item_edited") == []


@pytest.mark.parametrize("how", ["active", "done", "tabled"])
def test_an_item_under_way_done_or_tabled_cannot_be_edited(session: Session, how: str) -> None:
    agenda(session, "Budget")
    if how == "tabled":
        session.act("agenda_table", item="Budget")
    else:
        session.act("agenda_start")
    if how == "done":
        session.act("agenda_done")
    with pytest.raises(Refused, match=r"'Budget' (is under way|has been dealt with|is tabled)"):
        session.act("agenda_edit", item="Budget", title="Money")
    assert titles(session) == ["Budget"]


def test_an_edit_shows_in_the_minutes(session: Session, clock: FakeClock) -> None:
    session.act("agenda_add", title="Garden", minutes=10)
    session.act("agenda_edit", item="Garden", title="Garden working group", kind="report", minutes=15)
    session.act("agenda_start")
    clock.advance(60)
    session.act("agenda_done")
    text = minutes_markdown(session.meeting)
    assert "| 1 | Garden working group | report |  | 15 min | 1:00 | done |" in text
    assert "## 1. Garden working group\n\nReport, time box 15 min, used 1:00, done." in text


# ---- the fold stays tolerant ---------------------------------------------------------------


def test_the_fold_ignores_a_removal_of_an_item_that_was_taken_up() -> None:
    """A hand-edited or merged file: the fold never drops an item that has a history."""
    base = {"ts": 1.0, "actor": {"user": "x"}}
    events = [
        {**base, "seq": 1, "action": 1, "type": "meeting_opened", "data": {"title": "M", "settings": {}}},
        {**base, "seq": 2, "action": 2, "type": "item_added", "data": {"title": "A", "minutes": 5, "kind": "report"}},
        {**base, "seq": 3, "action": 3, "type": "item_started", "data": {"item": 2, "carry": False}},
        {**base, "seq": 4, "action": 4, "type": "item_removed", "data": {"item": 2}},
        {**base, "seq": 5, "action": 5, "type": "item_removed", "data": {"item": 99}},
        {**base, "seq": 6, "action": 6, "type": "item_edited", "data": {"item": 2, "kind": "party", "minutes": -3}},
        {**base, "seq": 7, "action": 7, "type": "item_edited", "data": {"item": 99, "title": "B"}},
    ]
    meeting = fold(events)
    item = meeting.items[2]
    assert (item.title, item.kind, item.minutes, item.status) == ("A", "report", 5, "active")
