"""Where meetings live on disk. One module owns paths; tests point it at a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "FACILITATOR_DATA_DIR"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    import platformdirs  # only when neither is given: its imports take time

    return Path(platformdirs.user_data_dir("facilitator", appauthor=False))


def sessions_dir(root: Path) -> Path:
    return root / "sessions"


def meeting_file(root: Path, meeting_id: str) -> Path:
    return sessions_dir(root) / f"{meeting_id}.json"


def index_file(root: Path) -> Path:
    return root / "index.json"


def demo_script() -> Path:
    """The demo assembly's script, shipped in data/ (installed as facilitator.data)."""
    import importlib.resources

    return Path(str(importlib.resources.files("facilitator.data") / "demo.json"))
