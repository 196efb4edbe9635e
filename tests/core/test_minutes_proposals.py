"""The proposals' part of the minutes (PROCESS.md 7.2): presenters, final text and version, what
changed, every amendment with author, passage and fate, checks with their counts, the decision
with rule, counts, arithmetic, blocks with reasons and stand-asides by name; escaped; pure."""

from __future__ import annotations

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.meeting.state import fold
from facilitator.minutes.proposals import decision_rows, diff_markdown, item_proposals_markdown
from facilitator.session import Session


def assembly(session: Session, clock: FakeClock) -> int | None:
    session.act("attend", names=["Ana", "Ben", "Carla", "Dan", "Eve", "Fay | the *pipe*"])
    session.act("quorum", count=5)
    session.act("agenda_add", title="Bike shed", minutes=20, kind="proposal")
    session.act("agenda_start", item="1")
    session.act("propose", title="Paint the [bike] shed", text="We paint the bike shed blue before spring.", by=["Ana"])
    session.act("amend", proposal="P1", by="Carla", replace="blue", with_text="green")
    session.act("amend", proposal="P1", by="Dan", replace="before spring", with_text="in May")
    session.act("accept", amendment="P1-A1", friendly=True)
    session.act("check_start", scale="fist-to-five", about="P1-A2")
    session.act("check_count", option="4", count=6)
    Session.open(session.store.path, Actor("eve", participant="Eve", terminal="pe"), clock).act(
        "check_vote", name="Eve", option="1"
    )
    session.refresh()
    session.act("check_close")
    session.act("reject", amendment="P1-A2")
    session.act("test", proposal="P1")
    session.act("block", proposal="P1", name="Dan", reason="paint must *dry* first")
    session.act("stand_aside", proposal="P1", name="Fay | the *pipe*", reason="away")
    session.act("agree", proposal="P1", names=["Ana", "Ben", "Carla", "Eve"])
    session.act("decide", proposal="P1")
    return session.meeting.item


def test_the_section_holds_text_amendments_check_and_decision_with_user_text_escaped(
    session: Session, clock: FakeClock
) -> None:
    item = assembly(session, clock)
    lines = item_proposals_markdown(session.meeting, item)
    text = "\n".join(lines)
    assert lines[0] == "**Proposal P1: Paint the \\[bike\\] shed** (v2, blocked)"
    assert "- Presented by: Ana" in lines
    assert "  > We paint the bike shed green before spring." in lines
    assert "We paint the bike shed ~~blue~~ **green** before spring." in text
    assert "  - P1-A1 by Carla (on v1): replace “blue” with “green”; accepted as friendly (made v2)" in lines
    assert "  - P1-A2 by Dan (on v1): replace “before spring” with “in May”; rejected" in lines
    check = next(line for line in lines if line.startswith("- Temperature check 1"))
    assert "How do we feel about amendment P1-A2? — 0 opposed: 0, 1 serious concerns: 1" in check
    assert "7 in all; in the room: 4 good idea: 6; own terminals: 1 serious concerns: 1" in check
    assert "  - Rule: consensus" in lines
    assert "  - Arithmetic: 1 block (consensus allows none): blocked" in lines
    assert "  - Counts: 4 agree, 1 block, 1 standing aside" in lines
    assert "  - Blocks: Dan: paint must \\*dry\\* first" in lines
    assert "  - Stand-asides: Fay \\| the \\*pipe\\*: away" in lines
    assert any(line.startswith("  - Present: 6 (Ana, ") and line.endswith("; quorum 5: met") for line in lines)


def test_the_decisions_table_rows_are_escaped_cells(session: Session, clock: FakeClock) -> None:
    assembly(session, clock)
    assert decision_rows(session.meeting) == [
        ("P1", "Paint the \\[bike\\] shed", "blocked", "consensus", "1 block (consensus allows none): blocked")
    ]


def test_the_section_is_a_pure_function_of_the_events_and_undone_actions_never_appear(
    session: Session, clock: FakeClock
) -> None:
    item = assembly(session, clock)
    first = item_proposals_markdown(session.meeting, item)
    assert item_proposals_markdown(fold(session.events), item) == first
    session.act("undo")  # the decision
    again = "\n".join(item_proposals_markdown(session.meeting, item))
    assert "Decision:" not in again and "(v2, testing)" in again


def test_an_outcome_without_counts_says_no_count_was_taken(session: Session) -> None:
    session.act("propose", title="Garden", text="Plant beans.")
    session.act("decide", proposal="P1", outcome="tabled", reason="ask the landlord")
    text = "\n".join(item_proposals_markdown(session.meeting, None))
    assert "- Decision: **tabled**" in text
    assert "  - No count was taken\n" in text
    assert "  - Reason: ask the landlord" in text


def test_the_diff_in_the_minutes_marks_without_colour() -> None:
    assert diff_markdown("a quick *fox*", "a slow *fox* jumps") == "a ~~quick~~ **slow** \\*fox\\* **jumps**"
