"""Minutes of a big meeting: in-process, and `facilitator minutes` as a whole process, both
the first time (read, checked and folded) and once they are kept (facilitator/store/kept_minutes.py:
the operator keeps them when it closes the meeting, the command keeps what it makes).

.venv/bin/python -m bench.minutes_bench
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import generate_events, write_meeting
from facilitator.meeting import state
from facilitator.minutes.document import minutes_markdown
from facilitator.store.kept_minutes import kept_path

RUNS = 7


def command_seconds(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def measure(size: int = 10_000, runs: int = RUNS) -> dict[str, Any]:
    events = generate_events(size)
    meeting = state.fold(events)
    in_process = []
    for _ in range(runs):
        start = time.perf_counter()
        minutes_markdown(meeting)
        in_process.append(time.perf_counter() - start)
    facilitator = str(Path(sys.executable).with_name("facilitator"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        write_meeting(root, "big", events)
        path = root / "sessions" / "big.json"
        helps, first, kept = [], [], []
        for _ in range(runs):  # interleaved, so a noisy moment hits each alike
            helps.append(command_seconds([facilitator, "--help"]))
            kept_path(path).unlink(missing_ok=True)
            first.append(command_seconds([facilitator, "--data-dir", str(root), "minutes", "big"]))
            kept.append(command_seconds([facilitator, "--data-dir", str(root), "minutes", "big"]))
    help_s = statistics.median(helps)
    return {
        "events": size,
        "in_process_ms": statistics.median(in_process) * 1000,
        "help_s": help_s,
        "first_s": statistics.median(first),
        "first_ratio": statistics.median(first) / help_s,
        "kept_s": statistics.median(kept),
        "kept_ratio": statistics.median(kept) / help_s,
    }


def main() -> None:
    r = measure()
    print(f"minutes of {r['events']} events in-process: {r['in_process_ms']:.1f} ms")
    print(f"facilitator --help {r['help_s'] * 1000:.0f} ms")
    print(f"facilitator minutes, the first time: {r['first_s'] * 1000:.0f} ms = {r['first_ratio']:.2f}x")
    print(f"facilitator minutes, kept: {r['kept_s'] * 1000:.0f} ms = {r['kept_ratio']:.2f}x")


if __name__ == "__main__":
    main()
