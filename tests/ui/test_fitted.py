"""A line is measured and cut to its panel's width exactly as rich would, only faster."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from screens.line_drawn import _ONE_CELL, cells, fitted

# one-cell characters (ASCII, the bullet, bars and dots of the panels, accents), and some that
# are not (CJK, emoji, a combining accent, right-to-left script)
CHARACTERS = st.sampled_from([*"abc XYZ 123", "•", "…", "█", "·", "▶", "é", "Ü", "ñ", "王", "🌻", "\u0301", "م", "ש"])


def test_the_quick_set_is_one_cell_each_as_rich_measures() -> None:
    assert all(cell_len(character) == 1 for character in _ONE_CELL)


@given(st.text(max_size=40) | st.lists(CHARACTERS, max_size=40).map("".join))
def test_a_line_is_measured_as_rich_measures_it(plain: str) -> None:
    assert cells(plain) == cell_len(plain)


@given(st.lists(CHARACTERS, max_size=60).map("".join), st.integers(min_value=0, max_value=70), st.data())
def test_a_line_is_cut_as_rich_cuts_it(plain: str, width: int, data: st.DataObject) -> None:
    text = Text(plain)
    if plain:
        start = data.draw(st.integers(min_value=0, max_value=len(plain) - 1))
        end = data.draw(st.integers(min_value=start + 1, max_value=len(plain)))
        text.stylize(data.draw(st.sampled_from(["bold", "italic", "dim", "strike"])), start, end)
    cut = fitted(text, width)
    if cell_len(plain) <= width:
        assert cut is text  # a line that fits is not copied
        return
    expected = text.copy()
    expected.truncate(width, overflow="ellipsis")
    assert (cut.plain, cut.spans, cut.style) == (expected.plain, expected.spans, expected.style)
    assert text.plain == plain  # the panel's own Text is left as it was
