"""Reading the dates and times people type: --at (an ISO date-time, or a clock time on the meeting's
day), and a day such as a meeting's date or an action item's due date (YYYY-MM-DD)."""

from __future__ import annotations

import datetime as dt
import re
import time

from facilitator.errors import Refused


def parse_when(text: str, meeting_date: str) -> float:
    value = text.strip()
    if len(value) in (4, 7) and value[1:2] == ":":
        value = "0" + value  # 7:05 as written in paper notes
    try:
        if len(value) <= 8 and ":" in value:
            clock = dt.time.fromisoformat(value if value.count(":") == 2 else value + ":00")
            day = dt.date.fromisoformat(meeting_date)
            moment = dt.datetime.combine(day, clock)
        else:
            moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise Refused(f"'{text}' is not a time: use HH:MM or an ISO date-time like 2026-11-25T19:42") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # a naive time is local time
    return moment.timestamp()


def day_start(date: str) -> float:
    """Local midnight at the start of a YYYY-MM-DD day."""
    return dt.datetime.combine(dt.date.fromisoformat(date), dt.time()).astimezone().timestamp()


def check_date(date: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise Refused(f"the date '{date}' is not YYYY-MM-DD")
    try:
        time.strptime(date, "%Y-%m-%d")
    except ValueError:
        raise Refused(f"the date '{date}' does not exist") from None
    return date


def today(now: float) -> str:
    """The local date at `now`, as YYYY-MM-DD."""
    return time.strftime("%Y-%m-%d", time.localtime(now))
