"""The countdown's big digits: Textual's own font at scale 1, the same glyphs in blocks above it."""

from __future__ import annotations

import pytest

from screens.widgets.big_digits import arms, big_digits, digit_rows


def test_scale_one_is_textuals_own_three_rows() -> None:
    assert big_digits("1:05", 1) == digit_rows("1:05")
    assert len(big_digits("1:05", 1)) == 3


@pytest.mark.parametrize("scale", [2, 3, 4])
def test_a_larger_scale_is_taller_and_wider(scale: int) -> None:
    rows = big_digits("12:34", scale)
    smaller = big_digits("12:34", scale - 1)
    assert len(rows) == 4 * scale + 3
    assert len(rows) > len(smaller) and len(rows[0]) > len(smaller[0])
    assert len({len(row) for row in rows}) == 1  # one block: centred as one
    assert set("".join(rows)) <= {" ", "█"}


def test_eight_rows_at_least_from_scale_two() -> None:
    assert len(big_digits("-0:43", 2)) >= 8


def test_the_strokes_of_a_glyph_are_read_from_its_unicode_name() -> None:
    assert arms("╭") == {"DOWN", "RIGHT"}
    assert arms("─") == {"LEFT", "RIGHT"}
    assert arms("┴") == {"UP", "LEFT", "RIGHT"}
    assert arms("╶") == {"RIGHT"}
    assert arms(" ") == set()


def test_a_zero_at_scale_two_is_a_closed_box() -> None:
    rows = big_digits("0", 2)
    assert rows[0].strip() == rows[-1].strip() and set(rows[0].strip()) == {"█"}
    for row in rows[1:-1]:  # two sides, nothing between them
        assert row.startswith("█") and row.endswith("█") and " " in row.strip("█")


def test_a_minus_sign_and_the_colon_survive_the_scaling() -> None:
    minus = big_digits("-", 2)
    assert sum(1 for row in minus if "█" in row) == 1  # one bar across
    colon = big_digits(":", 2)
    assert sum(1 for row in colon if "█" in row) == 4  # two dots, two rows each
