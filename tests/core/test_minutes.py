"""The minutes (PROCESS.md 7.2, 7.3): the demo assembly's minutes against a golden file; same
events, same bytes; undone actions absent; and whatever names and texts people type, the
minutes parse as CommonMark with the expected headings and well-formed tables.

Set FACILITATOR_UPDATE_GOLDEN=1 to rewrite the golden file (then read the diff before committing).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from facilitator.demo import build_demo
from facilitator.errors import Refused
from facilitator.meeting.act import Context, run
from facilitator.meeting.events import Actor
from facilitator.meeting.settings import Settings
from facilitator.meeting.state import Meeting, apply, fold
from facilitator.meeting.text import clean_name, clean_text, clean_title
from facilitator.minutes.document import minutes_markdown
from facilitator.minutes.escape import escape_inline, escape_lines, table_cell
from facilitator.session import Session
from facilitator.store import locations
from facilitator.store.meeting_file import MeetingStore

GOLDEN = Path(__file__).parent / "golden" / "demo_minutes.md"
FIXED = 1_764_014_400.0  # 2025-11-24 20:00 UTC: the demo assembly runs from 19:28
START = 1_764_000_000.0


def demo_minutes(root: Path) -> tuple[str, list[dict[str, Any]]]:
    meeting_id = build_demo(root, now=FIXED)
    events = MeetingStore(locations.meeting_file(root, meeting_id)).load()
    return minutes_markdown(fold(events)), events


def test_the_demo_assembly_minutes_match_the_golden_file(data_root: Path) -> None:
    text, _ = demo_minutes(data_root)
    if os.environ.get("FACILITATOR_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8", newline="\n")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_same_events_same_bytes(data_root: Path, tmp_path: Path) -> None:
    first, events = demo_minutes(data_root)
    second, _ = demo_minutes(tmp_path / "elsewhere")
    assert first.encode() == second.encode()
    assert minutes_markdown(fold(events)).encode() == first.encode()


def test_undone_actions_are_absent(data_root: Path) -> None:
    meeting_id = build_demo(data_root, now=FIXED)
    path = locations.meeting_file(data_root, meeting_id)
    before = minutes_markdown(Session.open(path, Actor("x")).meeting)
    clerk = Session.open(path, Actor("hana", role="minutes", terminal="t2"))
    clerk.act("note", text="Said in anger, struck from the record")
    clerk.act("action", text="Something nobody agreed to", owners=["Chen Wei"])
    clerk.act("role", role="vibes", name="Chen Wei")
    for _ in range(3):
        clerk.act("undo")
    after = minutes_markdown(Session.open(path, Actor("x")).meeting)
    assert "anger" not in after and "nobody agreed" not in after
    assert "Vibes watcher:** Fatima Zahra\n" in after
    # only the count of recorded actions differs: undone ones are not counted either
    assert after == before


# ---- CommonMark, whatever people type ------------------------------------------------------

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
ACTOR = Actor("ana", role="minutes", terminal="t1")

TRICKY = [
    *"|#*_`<>[]()!\\-+=:~^${}&;.@ \t",
    "\n",
    "1. ",
    "- ",
    "> ",
    "<b>",
    "</div>",
    "&amp;",
    "[x](http://e.org)",
    "![i](x.png)",
    "```",
    "---",
    "===",
    "    ",
    "🦊",
    "👩🏽‍🌾",
    "שלום",
    "مرحبا",
    "\u202e",
    "[bold]x[/]",
    "Ünïcödé",
]
raw_text = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(min_size=1, max_size=4)), min_size=1, max_size=8).map(
    "".join
)


def cleaned(cleaner: Any) -> st.SearchStrategy[str]:
    def ok(value: str) -> bool:
        try:
            cleaner(value)
        except Refused:
            return False
        return True

    return raw_text.filter(ok).map(cleaner)


names = cleaned(clean_name)
titles = cleaned(clean_title)
texts = cleaned(clean_text)


class Play:
    """Commands applied to a meeting in memory, exactly as a session would write them."""

    def __init__(self) -> None:
        self.meeting = Meeting()
        self.now = START
        self.events: list[dict[str, Any]] = []
        self._write("meeting_opened", {"title": "Assembly", "date": "2025-11-24", "settings": Settings().to_dict()})

    def _write(self, kind: str, data: dict[str, Any], action: int | None = None, summary: str = "") -> None:
        seq = self.meeting.last_seq + 1
        event = {"seq": seq, "ts": self.now, "action": action or seq, "actor": ACTOR.to_dict(), "type": kind}
        event["data"] = data
        if action is None or action == seq:
            event["summary"] = summary or kind
        self.events.append(event)
        apply(self.meeting, event)

    def act(self, action: str, **args: Any) -> bool:
        try:
            outcome = run(self.meeting, Context(self.now, ACTOR), action, **args)
        except Refused:
            return False
        first = self.meeting.last_seq + 1
        for kind, data in outcome.events:
            self._write(kind, data, first, outcome.summary)
        return True


def inline_text(token: Token) -> str:
    """What a reader sees of an inline token; fails on anything user text must not produce."""
    out = []
    for child in token.children or []:
        assert child.type in ("text", "softbreak", "hardbreak", "strong_open", "strong_close"), child.type
        out.append(child.content if child.type == "text" else ("\n" if "break" in child.type else ""))
    return "".join(out)


def headings(tokens: list[Token]) -> list[tuple[str, str]]:
    return [(t.tag, inline_text(tokens[i + 1])) for i, t in enumerate(tokens) if t.type == "heading_open"]


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Each table as rows of cell texts (header row first); checks every row has the header's width."""
    found: list[list[list[str]]] = []
    rows: list[list[str]] = []
    for i, t in enumerate(tokens):
        if t.type == "table_open":
            rows = []
        elif t.type == "tr_open":
            rows.append([])
        elif t.type in ("th_open", "td_open"):
            rows[-1].append(inline_text(tokens[i + 1]) if tokens[i + 1].type == "inline" else "")
        elif t.type == "table_close":
            assert all(len(r) == len(rows[0]) for r in rows)
            found.append(rows)
    return found


def body(markdown: str) -> str:
    """Without the YAML front matter, as pandoc reads it."""
    assert markdown.startswith("---\n")
    end = markdown.index("\n---\n", 4)
    return markdown[end + 5 :]


def one_line(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(
    people=st.lists(names, min_size=1, max_size=4),
    items=st.lists(st.tuples(titles, st.one_of(st.none(), names)), max_size=3),
    role=titles,
    note=texts,
    action=texts.filter(lambda t: "\n" not in t),
    place=titles,
)
def test_minutes_of_any_meeting_parse_as_commonmark_with_the_expected_structure(
    people: list[str], items: list[tuple[str, str | None]], role: str, note: str, action: str, place: str
) -> None:
    play = Play()
    play.act("attend", names=people)
    present = list(play.meeting.present.values())
    play.act("quorum", count=len(present) + 1)
    play.act("role", role=role[:40], name=people[0])
    play.act("role", role="facilitator", name=people[-1])
    for title, presenter in items:
        play.act("agenda_add", title=title, minutes=5, presenter=presenter)
    if items:
        play.act("agenda_start", item="1")
    play.act("note", text=note)
    for name in present:
        play.act("hand", name=name)
        play.act("next")
        play.now += 65
    play.act("end")
    play.act("action", text=action, owners=people[:2], due="2025-12-01")
    play.act("propose", title=items[0][0] if items else place, text=note, by=people[:1])
    play.act("decide", proposal="P1", outcome="withdrawn", reason=action)
    play.act("next_meeting", date="2025-12-24", place=place)
    if len(items) > 1:
        play.act("agenda_table", item="2", carry=False)

    meeting = fold(play.events)
    markdown = minutes_markdown(meeting)
    assert markdown == minutes_markdown(play.meeting)  # folding afresh changes nothing
    tokens = PARSER.parse(body(markdown))

    found = headings(tokens)
    # items never taken up are one line, not rows and empty sections (PROCESS.md 3.6); an item
    # tabled before it began is a row and no section
    listed = [item for item in meeting.items.values() if item.status != "planned"]
    waiting = [item.title for item in meeting.items.values() if item.status == "planned"]
    expected_h2 = ["Attendance", "Roles", "Agenda"]
    expected_h2 += [f"{n}. {item.title}" for n, item in enumerate(listed, start=1) if item.started_at is not None]
    if not meeting.items:
        expected_h2.append("Outside the agenda items")
    expected_h2 += ["Decisions", "Action items", "Speaking time", "Next meeting"]
    assert [text for tag, text in found if tag == "h1"] == [meeting.title]
    assert [text for tag, text in found if tag == "h2"] == expected_h2
    assert {text for tag, text in found if tag == "h3"} <= {"Notes", "Speakers", "Proposals", "Action items"}

    got = tables(tokens)
    agenda_table = next((t for t in got if t[0][:2] == ["#", "Item"]), None)
    agenda_rows = agenda_table[1:] if agenda_table else []
    assert [row[1] for row in agenda_rows] == [item.title for item in listed]
    assert [row[3] for row in agenda_rows] == [item.presenter or "" for item in listed]
    lines = [inline_text(t) for t in tokens if t.type == "inline" and t.content.startswith("Still to come: ")]
    assert lines == ([f"Still to come: {', '.join(waiting)}."] if waiting else [])
    speaking = next(t for t in got if t[0][0] == "Person")[1:]
    assert sorted(row[0] for row in speaking) == sorted(meeting.people.values())
    actions = next(t for t in got if t[0][:2] == ["Id", "What"])[1:]
    assert [row[0] for row in actions] == [a.ref for a in meeting.actions]
    assert [row[1] for row in actions] == [one_line(a.text) for a in meeting.actions]
    assert [row[2] for row in actions] == [", ".join(a.owners) for a in meeting.actions]


@given(texts)
def test_escaped_text_reads_back_as_typed(value: str) -> None:
    """Inline, in a table cell, and over several lines, the reader sees exactly what was typed."""
    line = one_line(value)
    if line:
        tokens = PARSER.parse(f"- {escape_inline(value)}\n")
        assert [t.type for t in tokens][:3] == ["bullet_list_open", "list_item_open", "paragraph_open"]
        assert inline_text(tokens[3]) == line
        rows = tables(PARSER.parse(f"| a | b |\n|---|---|\n| {table_cell(value)} | x |\n"))
        assert rows == [[["a", "b"], [line, "x"]]]
    lines = [one_line(x) for x in value.splitlines() if x.strip()]
    if lines:
        tokens = PARSER.parse(f"- {escape_lines(value, '  ')}\n")
        assert [t.type for t in tokens].count("paragraph_open") == 1
        assert inline_text(tokens[3]) == "\n".join(lines)
