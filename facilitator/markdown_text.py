"""Escaping user text for Markdown minutes, so no name or text changes the document's structure.

Placeholder: filled in by the minutes issue (escape_inline, table_cell).
"""

from __future__ import annotations


def escape_inline(text: str) -> str:
    return text


def table_cell(text: str) -> str:
    return text.replace("|", "\\|")
