"""Recovery: a damaged meeting put back together from its newest good backup (`facilitator recover`).

The damaged files are set aside (never deleted), the meeting file becomes the newest good backup
(or stays as it is when only its journal is damaged), and the journal's readable actions that
follow on from it are kept. The backups themselves are taken by backups.py.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

from facilitator.errors import Refused, StoreError
from facilitator.meeting import state
from facilitator.meeting.events import check_event
from facilitator.store.backups import Backup, Events, backups, folder_of, hint, read_whole
from facilitator.store.files import Damaged, ensure_folder, locked, write_atomically
from facilitator.store.meeting_file import MeetingStore


def replayable(path: Path, events: Events) -> None:
    try:
        state.fold(events)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError, RecursionError) as err:
        raise Damaged(f"{path} is damaged: its events cannot be replayed ({type(err).__name__}: {err})") from None


def load_alone(path: Path) -> tuple[Events, dict[str, Any]]:
    """The events and meta of one meeting file on its own (no journal), checked and replayable."""
    store = MeetingStore(path)
    events = store._load_db()  # the file alone: a backup has no journal, a damaged one is set aside
    replayable(path, events)
    return events, store.meta()


def salvage(journal: Path, after: int) -> tuple[list[Events], int]:
    """The journal's actions (one a line) that follow on from event `after`, each whole and well
    formed, up to the first that is not. Returns them and the number of lines given up."""
    try:
        raw = read_whole(journal)
    except FileNotFoundError:
        return [], 0
    lines = [line for line in raw.split(b"\n") if line.strip()]
    kept: list[Events] = []
    following = after
    for number, line in enumerate(lines):
        try:
            batch = json.loads(line)
        except (ValueError, RecursionError):
            return kept, len(lines) - number
        if not isinstance(batch, list) or any(check_event(e) for e in batch):
            return kept, len(lines) - number
        fresh = [e for e in batch if e["seq"] > following]  # lines a checkpoint already holds
        if [e["seq"] for e in fresh] != list(range(following + 1, following + 1 + len(fresh))):
            return kept, len(lines) - number
        if fresh:
            kept.append(fresh)
            following = fresh[-1]["seq"]
    return kept, 0


def describe(events: Events) -> str:
    last = next((e for e in reversed(events) if e.get("summary")), None)
    if last is None:
        return f"{len(events)} events"
    at = time.strftime("%H:%M", time.localtime(last["ts"]))
    return f"{len(events)} events; the last action: {last['summary']} ({at})"


def choose(path: Path, name: str) -> Backup:
    """A backup by the name `recover --list` shows (or enough of its start)."""
    found = [b for b in backups(path) if b.path.name.startswith(name)]
    if not found:
        raise Refused(f"no backup '{name}' of {path.stem}; see: facilitator recover {path.stem} --list")
    if len(found) > 1:
        raise Refused(f"'{name}' could be {len(found)} backups of {path.stem}; give more of its name")
    return found[0]


def recover(path: Path, source: str | None = None) -> list[str]:
    """Put a damaged (or missing) meeting back together; returns what was done, line by line.

    Refused when the meeting opens fine and no backup is named: there is nothing to mend, and
    going back to a backup would drop what came after it."""
    journal = path.with_suffix(".journal")
    ensure_folder(path.parent)
    with locked(path.with_suffix(".lock")):
        problem = _problem(path)
        if problem is None and source is None:
            raise Refused(
                f"{path.stem} opens fine: nothing to recover (to go back to a backup anyway, name it with --from; "
                f"see: facilitator recover {path.stem} --list)"
            )
        events, meta, restored = _base(path, source)
        lines, given_up = salvage(journal, len(events))
        while lines:  # well formed but not replayable on this base: drop from the end
            try:
                replayable(path, events + [e for line in lines for e in line])
                break
            except Damaged:
                lines.pop()
                given_up += 1
        done = [f"{path.stem} was damaged: {problem}"] if problem else []
        now = time.time()
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now)) + f".{int(now % 1 * 1e6):06d}Z"
        aside = folder_of(path)
        ensure_folder(aside.parent)
        ensure_folder(aside)
        replaced = [(path, "the meeting file")] if restored else []
        replaced += [(journal, "the journal")] if journal.exists() and journal.stat().st_size else []
        for file, what in replaced:
            if not file.exists():
                continue
            target = aside / f"set-aside-{stamp}-{file.name}"
            _keep_copy(file, target)
            done.append(f"set {what} aside: {target}")
        if restored:
            done.append(restored)
        for line in lines:
            events.extend(line)
        tables = {"meta": {"1": meta}, "events": {str(e["seq"]): e for e in events}}
        write_atomically(path, json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        write_atomically(journal, b"")  # replaced: the copy set aside keeps the old one
        if lines:
            done.append(f"kept {len(lines)} later action(s) from the journal")
        if given_up:
            done.append(f"lost: {given_up} journal line(s) that could not be read or did not follow on (set aside)")
        done.append(f"{path.stem} now holds {describe(load_alone(path)[0])}")
        return done


def _keep_copy(file: Path, target: Path) -> None:
    """The damaged file stays whole under `target` before anything replaces it."""
    try:
        os.link(file, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(file, target, follow_symlinks=False)
        os.chmod(target, 0o600 if not os.stat(target.parent).st_mode & 0o2000 else 0o660)


def _problem(path: Path) -> str | None:
    """What is wrong with the meeting (damage, or missing), or None when it opens fine.
    Anything else (a link, a newer schema, a permission) is not recover's to mend."""
    try:
        store = MeetingStore(path)
        replayable(path, store.load())
    except Damaged as err:
        return str(err).removesuffix(hint(path))
    except StoreError as err:
        if not path.exists() and not path.is_symlink():
            return "its file is missing"
        raise StoreError(f"{err} (recover mends damaged files only)") from None
    return None


def _base(path: Path, source: str | None) -> tuple[Events, dict[str, Any], str]:
    """The events and meta to start from, and what was done to get them ("" when the meeting file
    alone is good: only its journal was damaged)."""
    if source is None and path.exists():
        try:
            events, meta = load_alone(path)
            return events, meta, ""
        except Damaged:
            pass
    candidates = [choose(path, source)] if source is not None else backups(path)
    if not candidates:
        raise StoreError(f"{path.stem} has no backup in {folder_of(path)}: nothing to recover from")
    problems = []
    for candidate in candidates:
        try:
            events, meta = load_alone(candidate.path)
        except StoreError as err:
            problems.append(str(err))
            continue
        said = f"restored the backup {candidate.path.name} (taken {candidate.when}; {describe(events)})"
        return events, meta, said
    if source is not None:
        raise StoreError(f"the backup {candidates[0].path.name} cannot be used: {problems[0]}")
    raise StoreError(f"none of the {len(candidates)} backups of {path.stem} can be read ({problems[0]})")
