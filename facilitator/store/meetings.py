"""The meetings in a data folder: create, find by id prefix, list."""

from __future__ import annotations

import re
import time
import unicodedata
from pathlib import Path
from typing import Any

from facilitator.errors import StoreError
from facilitator.meeting.events import Actor
from facilitator.meeting.settings import Settings
from facilitator.meeting.text import clean_title
from facilitator.meeting.when import check_date
from facilitator.store import locations
from facilitator.store.files import ensure_folder
from facilitator.store.meeting_file import Index, MeetingStore


def slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return words[:40].rstrip("-") or "meeting"


def create(
    root: Path,
    title: str,
    actor: Actor,
    now: float,
    date: str | None = None,
    location: str = "",
    settings: Settings | None = None,
    meeting_id: str | None = None,
    series: str | None = None,
    after: str | None = None,
) -> str:
    """A new meeting; `series` and `after` make it the next of a series (facilitator new --after)."""
    title = clean_title(title)
    location = clean_title(location, "the place") if location.strip() else ""
    date = check_date(date) if date else time.strftime("%Y-%m-%d", time.localtime(now))
    settings = settings or Settings()
    folder = locations.sessions_dir(root)
    ensure_folder(root)
    ensure_folder(folder)
    index = Index(root)
    index.meetings()  # a damaged index is refused before a meeting it could not list is made
    base = meeting_id or f"{date}-{slug(title)}"
    candidate, n = base, 1
    while locations.meeting_file(root, candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    meta: dict[str, Any] = {"id": candidate, "title": title, "date": date, "location": location, "created": now}
    opened: dict[str, Any] = {"title": title, "date": date, "location": location, "settings": settings.to_dict()}
    if series:
        meta.update(series=series, after=after)
        opened.update(series=series, after=after)
    first = {
        "ts": now,
        "actor": actor.to_dict(),
        "type": "meeting_opened",
        "data": opened,
        "summary": f"meeting opened: {title}",
    }
    MeetingStore.create(locations.meeting_file(root, candidate), meta, first)
    index.add_meeting(meta)
    return candidate


def listing(root: Path) -> list[dict[str, Any]]:
    """Meetings in the index whose file is still there, newest first."""
    if not locations.index_file(root).exists():
        return []
    rows = Index(root).meetings()
    return [r for r in rows if locations.meeting_file(root, str(r["id"])).exists()]


def resolve(root: Path, ref: str) -> Path:
    """A meeting's file from its id or an unambiguous prefix of it."""
    folder = locations.sessions_dir(root)
    exact = locations.meeting_file(root, ref)
    if "/" not in ref and (exact.exists() or exact.is_symlink()):
        return exact
    ids = sorted(p.stem for p in folder.glob("*.json")) if folder.exists() else []
    matches = [i for i in ids if i.startswith(ref)]
    if not matches:
        if "/" not in ref and (folder / "backups" / ref).is_dir():  # its file is gone, its backups are not
            raise StoreError(f"no meeting '{ref}' in {root}, but it has backups: facilitator recover {ref}")
        raise StoreError(f"no meeting '{ref}' in {root}; see: facilitator list")
    if len(matches) > 1:
        shown = ", ".join(matches[:5]) + (" ..." if len(matches) > 5 else "")
        raise StoreError(f"'{ref}' could be {shown}; give more of the id")
    return locations.meeting_file(root, matches[0])
