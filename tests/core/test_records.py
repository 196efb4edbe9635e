"""PROCESS.md sections 3 (agenda, attendance, roles) and 7 (notes, action items, minutes):
one test per rule, named for the rule, plus the refusals that guard them."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator import templates
from facilitator.clock import FakeClock
from facilitator.errors import Refused
from facilitator.meeting.events import Actor
from facilitator.meeting.settings import Settings
from facilitator.meeting.state import fold
from facilitator.minutes.document import minutes_markdown, used_time
from facilitator.session import Session
from facilitator.store import locations, meetings
from facilitator.store.meeting_file import Index
from facilitator.store.rotation import rotation


def agenda(session: Session, *titles: str, minutes: int = 10) -> None:
    for title in titles:
        session.act("agenda_add", title=title, minutes=minutes)


def titles(session: Session) -> list[str]:
    return [item.title for item in session.meeting.items.values()]


def status_of(session: Session, title: str) -> str:
    return next(i.status for i in session.meeting.items.values() if i.title == title)


# ---- 3.1 the agenda ---------------------------------------------------------------------------


def test_3_1_an_item_has_a_title_a_kind_a_time_box_and_an_optional_presenter(session: Session) -> None:
    session.act("attend", names=["Dolores"])
    session.act("agenda_add", title="Boiler fund", minutes=40, kind="proposal", presenter="Dolores")
    session.act("agenda_add", title="Garden")
    boiler, garden = session.meeting.items.values()
    assert (boiler.title, boiler.kind, boiler.minutes, boiler.presenter) == ("Boiler fund", "proposal", 40, "Dolores")
    assert (garden.kind, garden.minutes, garden.presenter) == ("discussion", 0, None)
    with pytest.raises(Refused, match="unknown item kind"):
        session.act("agenda_add", title="Party", kind="party")


def test_3_1_one_item_is_active_at_a_time(session: Session) -> None:
    agenda(session, "One", "Two")
    session.act("agenda_start")
    session.act("agenda_start", item="2")
    assert [status_of(session, t) for t in ("One", "Two")] == ["done", "active"]
    assert session.meeting.items[session.meeting.item].title == "Two"


def test_3_1_items_can_be_added_during_the_meeting(session: Session, clock: FakeClock) -> None:
    agenda(session, "One")
    session.act("agenda_start")
    clock.advance(300)
    session.act("agenda_add", title="Urgent: the roof leaks")
    assert titles(session) == ["One", "Urgent: the roof leaks"]
    assert status_of(session, "One") == "active"


def test_3_1_items_can_be_reordered_and_numbers_follow_the_new_order(session: Session) -> None:
    agenda(session, "One", "Two", "Three")
    session.act("agenda_move", item="Three", position=1)
    assert titles(session) == ["Three", "One", "Two"]
    session.act("agenda_start", item="1")
    assert session.meeting.items[session.meeting.item].title == "Three"
    with pytest.raises(Refused, match="off the agenda"):
        session.act("agenda_move", item="One", position=4)
    with pytest.raises(Refused, match="already item 2"):
        session.act("agenda_move", item="One", position=2)


def test_3_1_an_item_can_be_finished(session: Session) -> None:
    agenda(session, "One")
    session.act("agenda_start")
    session.act("agenda_done")
    assert status_of(session, "One") == "done"
    assert session.meeting.item is None
    with pytest.raises(Refused, match="no agenda item is under way"):
        session.act("agenda_done")


def test_3_1_an_item_can_be_tabled_to_a_later_meeting(session: Session) -> None:
    agenda(session, "One", "Two", "Three")
    session.act("agenda_table", item="Three")  # a planned one
    session.act("agenda_start")
    session.act("agenda_table")  # the one under way
    assert [status_of(session, t) for t in ("One", "Two", "Three")] == ["tabled", "planned", "tabled"]
    assert session.meeting.item is None
    session.act("agenda_start")  # the next planned item skips the tabled ones
    assert session.meeting.items[session.meeting.item].title == "Two"
    with pytest.raises(Refused, match="already tabled"):
        session.act("agenda_table", item="Three")
    session.act("agenda_done")
    with pytest.raises(Refused, match="dealt with already"):
        session.act("agenda_table", item="Two")


def test_3_1_tabling_with_people_waiting_asks_to_carry_them_over_or_clear(session: Session) -> None:
    session.act("attend", names=["Ana"])
    agenda(session, "One", "Two")
    session.act("agenda_start")
    session.act("hand", name="Ana")
    with pytest.raises(Refused, match="carry them over or clear"):
        session.act("agenda_table")
    session.act("agenda_table", carry=True)
    assert [e.name for e in session.meeting.waiting()] == ["Ana"]  # back on the general stack


def test_3_1_the_item_clock_counts_time_used_against_the_time_box(session: Session, clock: FakeClock) -> None:
    agenda(session, "One", minutes=10)
    session.act("agenda_start")
    clock.advance(12 * 60)
    session.act("agenda_done")
    item = next(iter(session.meeting.items.values()))
    assert used_time(session.meeting, item) == 12 * 60
    assert "| 1 | One | discussion |  | 10 min | 12:00 (2:00 over) | done |" in minutes_markdown(session.meeting)


# ---- 3.2 attendance and quorum ------------------------------------------------------------


def test_3_2_people_arrive_and_leave_and_the_present_count_is_known(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben", "Cleo"])
    session.act("leave", name="Ben")
    assert list(session.meeting.present.values()) == ["Ana", "Cleo"]
    assert list(session.meeting.people.values()) == ["Ana", "Ben", "Cleo"]


def test_3_2_a_quorum_is_optional_and_is_a_number(session: Session) -> None:
    assert session.meeting.quorum is None
    session.act("attend", names=["Ana", "Ben"])
    outcome = session.act("quorum", count=3)
    assert outcome.summary == "quorum set to 3 (2 present, quorum 3: below quorum)"
    assert session.meeting.quorum == 3
    session.act("quorum", count=0)
    assert session.meeting.quorum is None
    for bad in (-1, 100_001):
        with pytest.raises(Refused, match="a quorum is a number of people"):
            session.act("quorum", count=bad)
    with pytest.raises(Refused, match="no quorum to remove"):
        session.act("quorum", count=0)


def test_3_2_a_template_sets_the_quorum(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    meeting_id = templates.create(data_root, "union-branch", "Branch meeting", operator, clock.now())
    meeting = Session.open(locations.meeting_file(data_root, meeting_id), operator, clock).meeting
    assert meeting.quorum == 7
    assert meeting.settings.rule == "majority"


def test_3_2_below_quorum_a_decision_can_only_be_tabled(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben"])
    session.act("quorum", count=3)
    session.act("propose", title="Paint the shed", text="Blue.")
    session.act("test", proposal="P1")
    session.act("agree", proposal="P1", count=2)
    session.act("decide", proposal="P1")
    decision = session.meeting.proposals["P1"].decision
    assert decision is not None and decision.outcome == "tabled"
    assert "tabled: no quorum" in minutes_markdown(session.meeting)


def test_3_2_raising_a_hand_for_someone_who_left_marks_them_present_again(session: Session) -> None:
    session.act("attend", names=["Dee"])
    session.act("leave", name="Dee")
    outcome = session.act("hand", name="Dee")
    assert outcome.summary.endswith("(back, and marked present again)")
    assert session.meeting.is_present("Dee")


def test_3_2_a_hand_for_someone_nobody_knows_is_refused_and_marks_nobody_present(session: Session) -> None:
    session.act("attend", names=["Dee"])
    with pytest.raises(
        Refused, match=r"^nobody called Marguerite is here\. A newcomer is added with `attend Marguerite`$"
    ):
        session.act("hand", name="Marguerite")
    assert list(session.meeting.present.values()) == ["Dee"]
    assert session.meeting.person("Marguerite") is None


# ---- 3.3 roles ----------------------------------------------------------------------------


def test_3_3_the_usual_roles_and_any_role_the_group_names(session: Session) -> None:
    session.act("attend", names=["Ana", "Ben", "Cleo", "Dee", "Eli", "Fay", "Gus"])
    session.act("role", role="facilitator", name="Ana")
    session.act("role", role="stack keeper", name="Ben")
    session.act("role", role="Timekeeper", name="Cleo")
    session.act("role", role="minute taker", name="Dee")
    session.act("role", role="vibes", name="Eli")
    session.act("role", role="Door greeter", name="Fay")
    session.act("role", role="door GREETER", name="Gus")  # the same role, whatever the case
    assert session.meeting.roles == {
        "facilitator": "Ana",
        "stack": "Ben",
        "time": "Cleo",
        "minutes": "Dee",
        "vibes": "Eli",
        "Door greeter": "Gus",
    }


def test_3_3_a_role_may_be_empty(session: Session) -> None:
    session.act("attend", names=["Eli"])
    session.act("role", role="vibes", name="Eli")
    assert session.act("role", role="vibes").summary == "Vibes watcher: Eli stepped down; the role is empty"
    assert session.meeting.roles["vibes"] is None
    with pytest.raises(Refused, match="nobody holds the role Vibes watcher"):
        session.act("role", role="vibes")


def test_3_3_roles_change_mid_meeting_and_the_change_is_recorded(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Dolores", "Jonas"])
    session.act("role", role="facilitator", name="Dolores")
    session.act("leave", name="Jonas")
    clock.advance(600)
    outcome = session.act("role", role="facilitator", name="Jonas")
    assert outcome.summary == "Facilitator: Jonas, taking over from Dolores (back, and marked present again)"
    terms = [(t.name, t.since, t.until) for t in session.meeting.role_terms]
    assert terms == [("Dolores", clock.now() - 600, clock.now()), ("Jonas", clock.now(), None)]
    with pytest.raises(Refused, match="Jonas is already Facilitator"):
        session.act("role", role="facilitator", name="jonas")


def test_3_3_roles_carry_no_power_over_others(data_root: Path, clock: FakeClock) -> None:
    meeting_id = meetings.create(data_root, "GA", Actor("ana"), clock.now())
    path = locations.meeting_file(data_root, meeting_id)
    operator = Session.open(path, Actor("ana"), clock)
    operator.act("attend", names=["Ana", "Ben"])
    operator.act("role", role="facilitator", name="Ana")
    as_ana = Session.open(path, Actor("ana", participant="Ana"), clock)
    with pytest.raises(Refused, match="can only raise or lower their own hand"):
        as_ana.act("role", role="facilitator", name="Ben")


def test_3_3_the_minutes_list_who_held_each_role(session: Session, clock: FakeClock) -> None:
    session.act("attend", names=["Hana", "Dolores", "Jonas", "Fatima"])
    session.act("role", role="minutes", name="Hana")
    session.act("role", role="facilitator", name="Dolores")
    clock.advance(600)
    session.act("role", role="facilitator", name="Jonas")
    session.act("role", role="vibes", name="Fatima")
    session.act("role", role="vibes")
    text = minutes_markdown(session.meeting)
    assert "- **Facilitator:** Dolores (until 16:10), then Jonas\n" in text
    assert "- **Minute taker:** Hana\n" in text
    assert "- **Vibes watcher:** Fatima (until 16:10), then nobody\n" in text
    assert text.index("**Facilitator:**") < text.index("**Minute taker:**") < text.index("**Vibes watcher:**")


def test_3_3_rotation_shows_who_has_not_held_a_role_lately(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    def meeting(date: str, roles: dict[str, str], present: list[str]) -> str:
        meeting_id = meetings.create(data_root, "Assembly", operator, clock.now(), date=date)
        s = Session.open(locations.meeting_file(data_root, meeting_id), operator, clock)
        s.act("attend", names=present)
        for role, name in roles.items():
            s.act("role", role=role, name=name)
        return meeting_id

    meeting("2025-10-01", {"facilitator": "Ana", "minutes": "Ben"}, ["Ana", "Ben", "Cleo", "Dee"])
    meeting("2025-11-01", {"facilitator": "Ben", "stack": "Cleo"}, ["Ana", "Ben", "Cleo", "Dee"])
    today = meeting("2025-12-01", {"facilitator": "Eli"}, ["Ana", "Ben", "Cleo", "Dee", "Eli"])

    turn = rotation(data_root, exclude=today)
    assert [p.date for p in turn.recent] == ["2025-11-01", "2025-10-01"]
    assert turn.last_held("facilitator") == [("2025-11-01", "Ben"), ("2025-10-01", "Ana")]
    everyone = ["Ana", "Ben", "Cleo", "Dee", "Eli"]
    assert turn.without_role(everyone) == ["Dee", "Eli"]
    assert turn.suggest(everyone) == ["Dee", "Eli", "Ana", "Cleo", "Ben"]
    assert turn.hint("facilitator", everyone) == (
        "lately Ben (2025-11-01), Ana (2025-10-01); no role in the last meetings: Dee, Eli"
    )
    assert set(Index(data_root).people()) == set(everyone)  # the index remembers them

    # a change to a past meeting is picked up the next time rotation is asked for
    past = locations.meeting_file(data_root, "2025-10-01-assembly")
    Session.open(past, operator, clock).act("role", role="vibes", name="Dee")
    assert rotation(data_root, exclude=today).without_role(everyone) == ["Eli"]


# ---- 7.1 notes and action items -----------------------------------------------------------


def test_7_1_notes_belong_to_the_current_item(session: Session) -> None:
    agenda(session, "One", "Two")
    session.act("note", text="Before anything: the room is booked until ten.")
    session.act("agenda_start")
    session.act("note", text="Discussion summary:\nmost want a heat pump.")
    session.act("note", text="A late note on item two.", item="2")
    one, two = session.meeting.items
    assert [(n.text, n.item) for n in session.meeting.notes] == [
        ("Before anything: the room is booked until ten.", None),
        ("Discussion summary:\nmost want a heat pump.", one),
        ("A late note on item two.", two),
    ]
    with pytest.raises(Refused, match="the note cannot be empty"):
        session.act("note", text="  \n ")
    with pytest.raises(Refused, match="control character"):
        session.act("note", text="bell \x07")


def test_7_1_action_items_have_what_owners_and_a_due_date(session: Session) -> None:
    session.act("attend", names=["Emeka Obi"])
    outcome = session.act("action", text="Ask for a noise survey", owners=["emeka obi", "Iris"], due="2025-12-15")
    assert outcome.summary == "action item A1: Emeka Obi, Iris by 2025-12-15"
    item = session.meeting.actions[0]
    assert (item.text, item.owners, item.due) == ("Ask for a noise survey", ["Emeka Obi", "Iris"], "2025-12-15")
    assert not session.meeting.is_present("Iris")  # an owner may be someone absent
    with pytest.raises(Refused, match="needs an owner"):
        session.act("action", text="Something", owners=[])
    with pytest.raises(Refused, match="is not YYYY-MM-DD"):
        session.act("action", text="Something", owners=["Ana"], due="next week")
    with pytest.raises(Refused, match="does not exist"):
        session.act("action", text="Something", owners=["Ana"], due="2025-02-30")
    with pytest.raises(Refused, match="one line"):
        session.act("action", text="Two\nlines", owners=["Ana"])


# ---- 7.2 what the minutes hold, in order -------------------------------------------------


def test_7_2_the_minutes_hold_every_section_in_order(session: Session, clock: FakeClock) -> None:
    session.act("begin")
    session.act("attend", names=["Ana", "Ben"])
    session.act("role", role="facilitator", name="Ana")
    agenda(session, "Boiler")
    session.act("agenda_start")
    session.act("note", text="Quotes are in.")
    session.act("hand", name="Ben")
    session.act("next")
    clock.advance(90)
    session.act("end")
    session.act("action", text="Call the installer", owners=["Ben"])
    session.act("next_meeting", date="2025-12-24", time="19:00", place="Common room")
    session.act("agenda_done")
    session.act("adjourn")  # the minutes run from the opening to the adjournment
    text = minutes_markdown(session.meeting)
    order = [
        "---\ntitle:",
        "# General assembly",
        "- **Date:** 2025-11-24",
        "- **Time:** 16:00 to 16:01",
        "\n## Attendance",
        "2 people attended: Ana, Ben.",
        "\n## Roles\n",
        "\n## Agenda\n",
        "\n## 1. Boiler\n",
        "\n### Notes\n",
        "\n### Speakers\n",
        "- Ben: 1:30",
        "\n### Action items\n",
        "\n## Decisions\n",
        "\n## Action items\n",
        "\n## Speaking time\n",
        "\n## Next meeting\n",
        "2025-12-24 at 19:00, Common room.",
    ]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)


def test_7_2_the_next_meeting_is_checked(session: Session) -> None:
    with pytest.raises(Refused, match="not YYYY-MM-DD"):
        session.act("next_meeting", date="soon")
    with pytest.raises(Refused, match="not a time of day"):
        session.act("next_meeting", date="2025-12-24", time="25:00")


# ---- 7.3 pure, undone actions absent, user text escaped ----------------------------------


def test_7_3_the_same_events_always_give_the_same_bytes(session: Session) -> None:
    session.act("attend", names=["Zoë", "Ana", "ben"])
    session.act("action", text="Write it up", owners=["Zoë"])
    once = minutes_markdown(fold(session.events))
    again = minutes_markdown(fold([dict(e) for e in session.events]))
    assert once.encode() == again.encode()


def test_7_3_undone_actions_never_appear(session: Session) -> None:
    session.act("attend", names=["Ana"])
    session.act("note", text="A note that was a mistake")
    session.act("action", text="An action that was a mistake", owners=["Ana"])
    session.act("undo")
    session.act("undo")
    text = minutes_markdown(session.meeting)
    assert "mistake" not in text
    assert "No action items were recorded." in text


def test_7_3_user_text_cannot_change_the_structure(session: Session) -> None:
    session.act("attend", names=["# Heading", "| pipe |"])
    session.act("agenda_add", title="1. [link](http://x) <b>bold</b> *em* `code`")
    session.act("agenda_start")
    session.act("note", text="- not a list\n> not a quote\n===")
    text = minutes_markdown(session.meeting)
    assert "\\# Heading" in text and "\\| pipe \\|" in text
    assert "## 1. 1\\. \\[link\\](http://x) \\<b\\>bold\\</b\\> \\*em\\* \\`code\\`" in text
    assert "- \\- not a list\\\n  \\> not a quote\\\n  \\===" in text


def test_templates_set_the_rules_and_a_starting_agenda(data_root: Path, clock: FakeClock, operator: Actor) -> None:
    assert templates.names() == ["coop-monthly", "general-assembly", "spokes-council", "union-branch"]
    for template in templates.available():
        assert template.agenda, template.name
        assert template.settings.quorum is not None
        assert template.settings != Settings()
    ga = templates.load("general-assembly").settings
    assert (ga.rule, ga.fallback_rule, ga.mode) == ("consensus", "supermajority:0.9", "first-time")
    union = templates.load("union-branch").settings
    assert (union.rule, union.kind_order) == ("majority", ("process", "clarify", "new", "response"))
    meeting_id = templates.create(data_root, "coop-monthly", "March meeting", operator, clock.now(), date="2026-03-02")
    meeting = Session.open(locations.meeting_file(data_root, meeting_id), operator, clock).meeting
    assert [i.title for i in meeting.items.values()][:2] == [
        "Check-in and roles",
        "Minutes of the last meeting and actions",
    ]
    assert meeting.mode == "least-airtime"
    with pytest.raises(Refused, match="no template 'nope': use one of coop-monthly"):
        templates.load("nope")
