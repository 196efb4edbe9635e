"""DESIGN.md: the core never imports Textual, so a meeting runs without a screen."""

from __future__ import annotations

import subprocess
import sys


def test_core_never_imports_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, facilitator\n"
        "for m in pkgutil.walk_packages(facilitator.__path__, 'facilitator.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
