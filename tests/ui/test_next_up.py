"""The projector's next-up table, laid out a line at a time as rich's Table laid it out."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text

from screens.line_drawn import cells
from screens.next_up import table_lines

NAMES = st.text(st.sampled_from("abcdeé ÖüßŁ-'"), min_size=1, max_size=30).map(str.strip).filter(bool)
KINDS = st.sampled_from(["new point", "response", "clarifying question", "point of process"])
REASONS = st.one_of(
    st.just(""), st.sampled_from(["first time", "spoke before", "responds to Jonas Berg", "asked 15:59"])
)
ROWS = st.lists(st.tuples(NAMES, KINDS, REASONS), min_size=1, max_size=6)


def rich_table(rows: list[tuple[str, str, str]], leading: int) -> Table:
    """The Table the projector showed before (screens/next_up.py, until December 2026)."""
    table = Table(box=None, show_header=False, expand=False, padding=(0, 2, 0, 0), pad_edge=False)
    table.add_column(justify="right", no_wrap=True, style="bold")
    table.add_column(style="bold")
    table.add_column(no_wrap=True)
    table.add_column(style="italic")
    for position, (name, kind, reason) in enumerate(rows, start=1):
        for _ in range(leading if position > 1 else 0):
            table.add_row()
        table.add_row(Text(f"{position}."), Text(name), Text(kind), Text(reason))
    return table


def plain(lines: list[list[tuple[str, object]]]) -> list[str]:
    return ["".join(words for words, _ in line).rstrip() for line in lines]


@settings(max_examples=150, deadline=None)
@given(ROWS, st.integers(0, 1))
def test_a_table_that_fits_is_laid_out_as_rich_laid_it_out(rows: list[tuple[str, str, str]], leading: int) -> None:
    console = Console(width=200)
    ours = table_lines(rows, 200, leading, console)
    theirs = console.render_lines(rich_table(rows, leading), console.options.update_width(200), pad=False)
    assert plain(ours) == ["".join(s.text for s in line).rstrip() for line in theirs]


@settings(max_examples=150, deadline=None)
@given(ROWS, st.integers(30, 80))
def test_a_narrow_panel_wraps_names_and_reasons_and_keeps_every_word(
    rows: list[tuple[str, str, str]], width: int
) -> None:
    lines = table_lines(rows, width, 0, Console(width=width))
    assert all(cells(line) <= width for line in plain(lines))
    cells_of: list[list[str]] = []  # each place's four cells, their lines joined
    for line in lines:
        pieces = [words for words, _ in line]
        if pieces[0].strip():
            cells_of.append(["", "", "", ""])
        for column, words in enumerate(pieces):
            cells_of[-1][column] += words
    assert len(cells_of) == len(rows)
    for number, ((name, kind, reason), shown) in enumerate(zip(rows, cells_of, strict=True), start=1):
        wanted = (f"{number}.", name, kind, reason)
        assert [c.split() for c in shown[::2]] == [w.split() for w in wanted[::2]]  # place and kind never wrap
        for column in (1, 3):  # names and reasons wrap, a word longer than the column across lines
            assert "".join(shown[column].split()) == "".join(wanted[column].split())


def test_long_names_wrap_rather_than_push_the_reasons_off() -> None:
    rows = [("Maria Fernanda de los Ángeles Villanueva Rosales", "new point", "first time"), ("Pia", "response", "")]
    lines = plain(table_lines(rows, 50, 0, Console(width=50)))
    assert lines[0].startswith("1.  ") and lines[0].endswith("first time")
    assert len(lines) >= 3 and all(cells(line) <= 50 for line in lines)
    assert "Rosales" in " ".join(lines) and lines[-1].startswith("2.  Pia")


def test_ten_places_and_more_have_their_numbers_right_aligned_as_rich_did() -> None:
    rows = [(f"Person {n}", "new point", "first time" if n % 2 else "") for n in range(1, 12)]
    console = Console(width=100)
    ours = plain(table_lines(rows, 100, 1, console))
    theirs = console.render_lines(rich_table(rows, 1), console.options.update_width(100), pad=False)
    assert ours == ["".join(s.text for s in line).rstrip() for line in theirs]
    assert ours[0].startswith(" 1.  Person 1") and ours[-1].startswith("11.  Person 11")
