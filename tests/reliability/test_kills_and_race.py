"""Kills and the race, quick: a few kills through `facilitator act` and through the app under
tmux, and a few seconds of four writers and two readers. `make reliability` runs the long ones
(FACILITATOR_RELIABILITY_LONG=1: 100 kills each, a one-minute race) and keeps their figures."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.kill_harness import cli_kills, tui_kills
from tests.reliability.race import race

LONG = os.environ.get("FACILITATOR_RELIABILITY_LONG") == "1"
CLI_KILLS = 100 if LONG else 8
TUI_KILLS = 100 if LONG else 2
RACE_SECONDS = 60.0 if LONG else 3.0


def keep(test: str, figures: Any) -> None:
    """Figures for the table `make reliability` prints (tests/reliability/table.py)."""
    where = os.environ.get("FACILITATOR_RELIABILITY_FIGURES")
    if where:
        with open(where, "a", encoding="utf-8") as f:
            f.write(json.dumps({"test": test, **asdict(figures)}) + "\n")


def test_kills_through_the_cli_lose_no_acknowledged_action(tmp_path: Path) -> None:
    figures = cli_kills(CLI_KILLS, seed=20261125, root=tmp_path / "data")
    keep("test_kills_through_the_cli_lose_no_acknowledged_action", figures)
    print(f"\n{asdict(figures)}")
    assert figures.problems == []
    assert figures.kills == CLI_KILLS and figures.acknowledged > 0 and figures.countdowns_checked > 0


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed: this test drives a terminal")
def test_kills_of_the_app_under_tmux_lose_nothing_shown_or_read(tmp_path: Path) -> None:
    figures = tui_kills(TUI_KILLS, seed=20261125, root=tmp_path / "data")
    keep("test_kills_of_the_app_under_tmux_lose_nothing_shown_or_read", figures)
    print(f"\n{asdict(figures)}")
    assert figures.problems == []
    assert figures.kills == TUI_KILLS and figures.read_checked > 0


def test_four_writers_and_two_readers_race_without_loss(tmp_path: Path) -> None:
    figures = race(tmp_path / "data", RACE_SECONDS)
    keep("test_four_writers_and_two_readers_race_without_loss", figures)
    print(f"\n{asdict(figures)}")
    assert figures.problems == []
    assert figures.acknowledged > 0 and figures.refused > 0
