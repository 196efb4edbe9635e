"""TinyDB over Facilitator's files: atomic writes, a parse cache (files.JsonFile).

Imported only where TinyDB's tables are used (the index of meetings, a checkpoint into a file
of another layout): importing TinyDB takes time (docs/performance.md) that opening a meeting does without.
"""

from __future__ import annotations

from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import Storage

from facilitator.store.files import JsonFile


class SafeStorage(JsonFile, Storage):
    """TinyDB storage with atomic writes and a parse cache keyed by the file's signature."""


def tinydb_at(path: Path) -> TinyDB:
    return TinyDB(path, storage=SafeStorage)
