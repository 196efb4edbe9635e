"""The collective's memory at a collective's scale (issue 18): 200 monthly meetings of about
2,000 events each (bench.generate.series_folder, generated once and kept), against
`facilitator --help` in the same run.

- `facilitator decisions` and `facilitator actions --open`, their summaries kept (warm);
- `facilitator decisions` the first time (no summaries.json: every meeting read and folded);
- `facilitator decisions` after one meeting changed (a note appended): only it is folded again;
- the home screen (`facilitator` with no command) to its first frame, over the 200 meetings, over
  one meeting, and a bare Textual app (bench/first_frame.py, as bench/startup.py measures).

Each process is timed from its start to its exit (to its first frame for a screen); the figure
is the median of several runs, interleaved so a noisy moment hits every case alike.

    .venv/bin/python -m bench.register_bench
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import SERIES_EVENTS, SERIES_MEETINGS, series_folder

RUNS = 9
COLD_RUNS = 3
HOME_RUNS = 5


def seconds(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def append_note(root: Path, meeting_id: str, n: int) -> None:
    """One event more in one meeting, written as `facilitator act M note` writes it."""
    from facilitator.meeting.events import Actor
    from facilitator.session import Session
    from facilitator.store import locations

    session = Session.open(locations.meeting_file(root, meeting_id), Actor("bench", role="stack", terminal="bench"))
    try:
        session.act("note", text=f"A note added later ({n})")
    finally:
        session.close()


def first_frame(args: list[str], env: dict[str, str]) -> float:
    from bench.startup import run_once

    try:
        return run_once(args, env)[0]
    except FileNotFoundError:  # Textual shows a crash and exits 0, with no frame drawn
        raise RuntimeError(f"{' '.join(args[:1] + args[3:])} drew no frame: run it to see why") from None


def measure(
    meetings: int = SERIES_MEETINGS,
    size: int = SERIES_EVENTS,
    runs: int = RUNS,
    cold_runs: int = COLD_RUNS,
) -> dict[str, Any]:
    """The two commands over the series, against --help."""
    kept = series_folder(meetings, size)
    facilitator = str(Path(sys.executable).with_name("facilitator"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(kept, root)  # the kept series is never changed: this copy is
        ids = sorted(p.stem for p in (root / "sessions").glob("*.json"))
        summaries = root / "summaries.json"
        cli = [facilitator, "--data-dir", str(root)]
        helps, cold, warm_decisions, warm_actions, changed = [], [], [], [], []
        for _ in range(cold_runs):
            helps.append(seconds([facilitator, "--help"]))
            summaries.unlink(missing_ok=True)
            cold.append(seconds([*cli, "decisions"]))
        for n in range(runs):
            helps.append(seconds([facilitator, "--help"]))
            warm_decisions.append(seconds([*cli, "decisions"]))
            warm_actions.append(seconds([*cli, "actions", "--open"]))
            append_note(root, ids[n % len(ids)], n)
            changed.append(seconds([*cli, "decisions"]))
    help_s = statistics.median(helps)
    result: dict[str, Any] = {"meetings": meetings, "size": size, "help_s": help_s}
    for name, values in (
        ("cold", cold),
        ("decisions", warm_decisions),
        ("actions", warm_actions),
        ("changed", changed),
    ):
        result[f"{name}_s"] = statistics.median(values)
        result[f"{name}_ratio"] = result[f"{name}_s"] / help_s
    return result


def measure_home(meetings: int = SERIES_MEETINGS, size: int = SERIES_EVENTS, runs: int = HOME_RUNS) -> dict[str, Any]:
    """The home screen to its first frame over the series, over one meeting, and a bare Textual
    app; each folder's summaries kept (as a folder has them once any command has read it)."""
    kept = series_folder(meetings, size)
    single = series_folder(1, size)
    facilitator = str(Path(sys.executable).with_name("facilitator"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        one = Path(tmp) / "one"
        shutil.copytree(kept, root)
        shutil.copytree(single, one)
        for folder in (root, one):
            seconds([facilitator, "--data-dir", str(folder), "decisions"])
        env = {
            **os.environ,
            "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
            "BENCH_PEAK": str(Path(tmp) / "peak"),
            "BENCH_FRAME": str(Path(tmp) / "frame"),
        }
        home, home_one, bare, helps = [], [], [], []
        for _ in range(runs):
            helps.append(seconds([facilitator, "--help"]))
            home.append(first_frame(["facilitator", "--data-dir", str(root)], env))
            home_one.append(first_frame(["facilitator", "--data-dir", str(one)], env))
            bare.append(first_frame(["bare"], env))
    return {
        "help_s": statistics.median(helps),
        "home_ratio": statistics.median(home) / statistics.median(helps),
        "home_s": statistics.median(home),
        "home_one_s": statistics.median(home_one),
        "bare_s": statistics.median(bare),
        "home_vs_one": statistics.median(home) / statistics.median(home_one),
        "home_vs_bare": statistics.median(home) / statistics.median(bare),
    }


def ms(value: float) -> str:
    return f"{value * 1000:.0f} ms"


def main() -> None:
    r = measure()
    h = measure_home()
    print(f"{r['meetings']} meetings of ~{r['size']} events; facilitator --help {ms(r['help_s'])}")
    print(f"decisions, warm: {ms(r['decisions_s'])} = {r['decisions_ratio']:.2f}x --help")
    print(f"actions --open, warm: {ms(r['actions_s'])} = {r['actions_ratio']:.2f}x --help")
    print(f"decisions, no summaries.json: {ms(r['cold_s'])} = {r['cold_ratio']:.2f}x --help")
    print(f"decisions, one meeting changed: {ms(r['changed_s'])} = {r['changed_ratio']:.2f}x --help")
    print(
        f"home to first frame: {ms(h['home_s'])} = {h['home_ratio']:.2f}x --help, "
        f"{h['home_vs_one']:.2f}x home over 1 meeting ({ms(h['home_one_s'])}), "
        f"{h['home_vs_bare']:.2f}x bare Textual ({ms(h['bare_s'])})"
    )


if __name__ == "__main__":
    main()
