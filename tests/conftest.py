"""Every test runs against its own data folder, in UTC, with a clock that only moves when told."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.clock import FakeClock
from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import locations, meetings

os.environ["TZ"] = "UTC"
time.tzset()

START = 1_764_000_000.0  # 2025-11-24 16:00 UTC


@pytest.fixture(autouse=True)
def data_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Never touch the real user folder."""
    root = tmp_path / "data"
    monkeypatch.setenv(locations.ENV_VAR, str(root))
    monkeypatch.setenv("TZ", "UTC")
    yield root


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def operator() -> Actor:
    return Actor("ana", role="stack", terminal="op1")


@pytest.fixture
def session(data_root: Path, clock: FakeClock, operator: Actor) -> Session:
    """A fresh, empty meeting with its own TinyDB file on disk."""
    meeting_id = meetings.create(data_root, "General assembly", operator, clock.now())
    return Session.open(locations.meeting_file(data_root, meeting_id), operator, clock)
