"""Escaping user text for Markdown minutes, so no name or text changes the document's structure.

Names and texts go into headings, list items and table cells. Inline, we backslash-escape the
characters that start emphasis, code, links, HTML, tables, headings' closing sequences, entities
and pandoc's extras (sub/superscript, maths, attributes). At the start of a line we also escape
what would open a block: a list marker, a heading, a quote, a setext underline. Newlines become
hard line breaks inside a block (`escape_lines`), or spaces where a block must stay on one line.
"""

from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation be escaped with a backslash; these are the ones that mean
# something in CommonMark, GFM or pandoc's Markdown wherever they stand in a line.
INLINE = set("\\`*_[]<>#|~^${}")
SPECIAL = re.compile("[" + re.escape("".join(sorted(INLINE))) + "]")
ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What opens a block at the start of a line: bullets, quotes, headings, setext underlines,
# pandoc's definition lists and example lists, and numbered lists ("12. ", "3) ").
LINE_START = re.compile(r"([-+=:@>])|(\d+)([.)])")


def escape_inline(text: str) -> str:
    """One line of user text, safe anywhere inline (heading, list item, emphasis)."""
    line = " ".join(text.split())
    out = SPECIAL.sub(r"\\\g<0>", line)
    out = ENTITY.sub(r"\\&", out)
    start = LINE_START.match(out)
    if start is None:
        return out
    if start.group(1):
        return "\\" + out
    return start.group(2) + "\\" + out[start.end(2) :]


def escape_lines(text: str, indent: str = "") -> str:
    """Text of several lines (a note): each line escaped, joined by hard line breaks.

    `indent` continues the block on the following lines (two spaces inside a list item).
    Blank lines are dropped: they would end the block.
    """
    lines = [escape_inline(line) for line in text.splitlines() if line.strip()]
    return ("\\\n" + indent).join(lines)


def table_cell(text: str) -> str:
    """User text for a table cell: one line, pipes escaped, never empty-looking."""
    return escape_inline(text)


def table(header: list[str], align: list[str], rows: list[list[str]]) -> list[str]:
    """A GFM table; cells must already be escaped."""
    marks = {"l": "---", "r": "--:"}
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(marks[a] for a in align) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines
