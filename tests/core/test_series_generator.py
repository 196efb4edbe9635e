"""bench.generate's series (the register's benchmark): each meeting follows the one before, and
holds what the register reads: decisions of every kind, action items reviewed later."""

from __future__ import annotations

from pathlib import Path

from bench.generate import generate_series
from facilitator.meeting import register
from facilitator.store import summaries


def test_a_generated_series_is_linked_and_feeds_the_register(tmp_path: Path) -> None:
    root = tmp_path / "data"
    ids = generate_series(root, meetings=4, size=400)
    found = summaries.sync(root)
    assert not found.unreadable
    rows = {s["meeting"]: s for s in found.rows}
    assert [rows[i]["after"] for i in ids] == [None, *ids[:-1]]
    assert {rows[i]["series"] for i in ids} == {ids[0]}
    entries = register.decisions(found.rows)
    labels = {e.record["label"] for e in entries}
    assert "passed (consensus)" in labels
    assert any("standing aside" in label for label in labels)
    assert any(e.record["blocks"] and e.record["outcome"] == "passed" for e in entries)  # by the fallback
    assert any(e.review for e in entries if not e.record["blocks"])
    assert any(e.review for e in entries if e.record["blocks"])  # given with the fallback that passed it
    statuses = {a.status for a in register.actions(found.rows)}
    assert statuses == {"open", "done", "dropped"}
    assert all(s["decisions"] for s in found.rows)
