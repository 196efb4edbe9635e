"""Big digits for a clock: Textual's own digit font (its Digits widget's), and the same glyphs
drawn larger, every line of a box-drawing character drawn in blocks, for a projector on a wall.

A glyph character is seen as a 3x3 grid: its centre, and an arm up, down, left or right when
the character's line goes that way (unicodedata names them: "BOX DRAWINGS LIGHT DOWN AND
RIGHT"). At scale n an arm is n rows tall (n - 1 columns wide, at least one), a stroke one row
thick across and two columns thick down, so the digits keep their shape as they grow.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.renderables.digits import Digits

FONT_ROWS = 3  # Textual's digits are three lines high
BLOCK = "█"
ARMS = ("UP", "DOWN", "LEFT", "RIGHT")


@lru_cache(maxsize=64)  # a clock shows one value a second
def digit_rows(value: str) -> tuple[str, ...]:
    """`value` in Textual's big digits (the font of its Digits widget), one string per row."""
    drawn = "".join(piece.text for piece in Digits(value).render(Style.null()) if isinstance(piece, Segment))
    return tuple(drawn.split("\n")[:FONT_ROWS])


def arms(char: str) -> frozenset[str]:
    """Which way the lines of a glyph character go from its centre; "dot" for a mark (a colon)."""
    if char == " ":
        return frozenset()
    name = unicodedata.name(char, "")
    if not name.startswith("BOX DRAWINGS"):
        return frozenset({"dot"})
    words = set(name.split())
    found = {arm for arm in ARMS if arm in words}
    if "HORIZONTAL" in words:
        found |= {"LEFT", "RIGHT"}
    if "VERTICAL" in words:
        found |= {"UP", "DOWN"}
    return frozenset(found)


def cell(char: str, scale: int) -> list[str]:
    """One glyph character drawn at `scale`: rows of blocks and spaces."""
    way = arms(char)
    arm_rows, arm_cols = scale, max(1, scale - 1)
    if char == ":":  # two dots, one above the other
        dot = " " * arm_cols + BLOCK * 2 + " " * arm_cols
        blank = " " * len(dot)
        return [dot] * arm_rows + [blank] + [dot] * arm_rows
    centre = BLOCK * 2 if way else "  "
    left = (BLOCK if "LEFT" in way else " ") * arm_cols
    right = (BLOCK if "RIGHT" in way else " ") * arm_cols
    up = " " * arm_cols + (BLOCK * 2 if "UP" in way else "  ") + " " * arm_cols
    down = " " * arm_cols + (BLOCK * 2 if "DOWN" in way else "  ") + " " * arm_cols
    return [up] * arm_rows + [left + centre + right] + [down] * arm_rows


@lru_cache(maxsize=64)
def big_digits(value: str, scale: int) -> tuple[str, ...]:
    """`value` in Textual's digit font: as it is at scale 1 (three rows), in blocks from scale 2
    (4 * scale + 3 rows: the empty arms above the first stroke and below the last are left out)."""
    glyphs = digit_rows(value)
    if scale <= 1:
        widest = max((len(row) for row in glyphs), default=0)
        return tuple(row.ljust(widest) for row in glyphs)
    width = max(len(row) for row in glyphs)
    rows: list[str] = []
    for glyph_row in glyphs:
        cells = [cell(char, scale) for char in glyph_row.ljust(width)]
        rows.extend("".join(parts).rstrip() for parts in zip(*cells, strict=True))
    rows = rows[scale : len(rows) - scale]
    indent = min((len(row) - len(row.lstrip()) for row in rows if row.strip()), default=0)
    widest = max((len(row) for row in rows), default=0)
    return tuple(row[indent:].ljust(widest - indent) for row in rows)  # one block: centred as one
