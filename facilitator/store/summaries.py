"""Each meeting's summary (meeting.register.summarize), kept in `summaries.json` beside the index,
so that the register, the action items and the home screen read a few hundred small rows instead
of every event of every meeting.

A summary is only a shortcut, like the kept minutes: it holds the stamp of the meeting's files it
was made from (any write changes it) and of the code that made it. One that does not match is
never trusted: the meeting is read and folded again and its summary replaced. A meeting that can
no longer be read has no summary at all: it is named in `Summaries.unreadable`, never replaced
by what it said before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from facilitator.errors import StoreError
from facilitator.store import locations
from facilitator.store.files import ensure_folder, locked
from facilitator.store.meeting_file import Index, meeting_stamp

Summary = dict[str, Any]
FILE = "summaries.json"


@cache
def code_stamp() -> list[list[Any]]:
    """The code a summary depends on: the meeting's rules (the fold) and this module."""
    import facilitator.meeting

    folder = Path(facilitator.meeting.__file__).parent
    modules = [*sorted(folder.glob("*.py")), Path(__file__)]
    return [[p.name, st.st_size, st.st_mtime_ns] for p, st in ((p, p.stat()) for p in modules)]


@dataclass
class Summaries:
    """Every readable meeting's summary, newest first, and the meetings that could not be read."""

    rows: list[Summary] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (meeting id, why)

    def of(self, meeting_id: str) -> Summary | None:
        return next((s for s in self.rows if s["meeting"] == meeting_id), None)

    def warning(self) -> str:
        """One line naming the meetings left out, or ''."""
        if not self.unreadable:
            return ""
        ids = ", ".join(m for m, _ in self.unreadable[:3]) + (" ..." if len(self.unreadable) > 3 else "")
        return f"left out, could not be read: {ids} (facilitator recover MEETING)"


def summary_of(path: Path, meeting_id: str) -> Summary:
    """A meeting's summary made from its events (raises StoreError when it cannot be read)."""
    from facilitator.meeting import state
    from facilitator.meeting.register import summarize
    from facilitator.store.meeting_file import MeetingStore

    stamp = meeting_stamp(path)
    try:
        meeting = state.fold(MeetingStore(path).load())
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as err:
        raise StoreError(f"{meeting_id}: its events cannot be replayed ({err})") from None
    return {**summarize(meeting, meeting_id), "stamp": stamp}


def sync(root: Path) -> Summaries:
    """Every meeting's summary, refreshing in one write those missing or stale."""
    if not locations.index_file(root).exists():
        return Summaries()
    listed = Index(root).meetings()
    if not listed:
        return Summaries()
    from facilitator.store.tinydb_files import tinydb_at

    db = tinydb_at(root / FILE)
    kept: dict[str, Summary] = {}
    code = code_stamp()
    try:
        # read whole through TinyDB's storage: one parse, no Document per row
        data = db.storage.read() or {}
        if made_by(data) == code:  # summaries made by other code are all made again
            kept = {str(row.get("meeting")): row for row in data.get("meetings", {}).values()}
    except (StoreError, OSError, AttributeError):
        pass  # a damaged summaries file is only a lost shortcut: each summary is made again
    found, fresh, unreadable = [], [], []
    folder = locations.sessions_dir(root)
    for meeting in listed:
        meeting_id = str(meeting["id"])
        path = folder / f"{meeting_id}.json"
        stamp = meeting_stamp(path)
        if not stamp:
            continue  # listed, but its file is gone (as meetings.listing leaves it out)
        summary = kept.get(meeting_id)
        if summary is None or summary.get("stamp") != stamp:
            try:
                summary = summary_of(path, meeting_id)
            except StoreError as err:
                unreadable.append((meeting_id, str(err)))
                continue
            fresh.append(summary)
        found.append(summary)
    if fresh:
        _keep(root, db, fresh, code)
        try:  # the names seen, for completion in later meetings
            Index(root).remember_people([name for s in fresh for name in s["people"]])
        except (StoreError, OSError):
            pass
    return Summaries(found, unreadable)


def made_by(data: dict[str, Any]) -> Any:
    """The code stamp the file's summaries were made by (its table `code`, one row)."""
    return (data.get("code") or {}).get("1", {}).get("stamp")


def _keep(root: Path, db: Any, fresh: list[Summary], code: list[list[Any]]) -> None:
    """Replace the summaries of these meetings in one write, through TinyDB's storage (a reader
    never sees the table half made). Failing costs only time at the next question."""
    ids = {s["meeting"] for s in fresh}
    try:
        ensure_folder(root)
        with locked(root / "index.lock"):
            try:
                data = db.storage.read() or {}
            except StoreError:
                data = {}  # damaged: replaced whole (it holds nothing the meetings do not)
            if made_by(data) != code:
                data = {}  # made by other code: none of it is kept
            table = {k: v for k, v in data.get("meetings", {}).items() if v.get("meeting") not in ids}
            start = max((int(k) for k in table), default=0)
            table.update({str(start + n): s for n, s in enumerate(fresh, start=1)})
            data["meetings"] = table
            data["code"] = {"1": {"stamp": code}}
            db.storage.write(data)
    except (StoreError, OSError, ValueError, AttributeError):
        pass
