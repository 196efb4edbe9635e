"""Startup to the first frame, and peak memory, against a bare Textual app in the same run.

Each measurement runs a fresh process (bench/first_frame.py) that starts the app headless and
exits after its first frame, timed from starting it to that frame (on the monotonic clock, so
that what the app does on closing is not counted): a bare Textual app with one Static,
`facilitator open` and `facilitator project` on a generated meeting. Wall time is the median
of several runs; peak memory is the child's own high-water mark of resident memory (VmHWM).

    .venv/bin/python -m bench.startup
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import generate_events, write_meeting

RUNS = 11


def run_once(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds from starting the process to its first frame, and its own peak RSS in KiB."""
    peak_file, frame_file = Path(env["BENCH_PEAK"]), Path(env["BENCH_FRAME"])
    peak_file.unlink(missing_ok=True)
    frame_file.unlink(missing_ok=True)
    start = time.clock_gettime(time.CLOCK_MONOTONIC)
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.first_frame", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, _ = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {errors.strip()[-500:]}")
    return float(frame_file.read_text()) - start, int(peak_file.read_text())


def measure(runs: int = RUNS) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        write_meeting(root, "m2000", generate_events(2_000))
        write_meeting(root, "m10000", generate_events(10_000))
        env = {
            **os.environ,
            "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
            "BENCH_PEAK": str(Path(tmp) / "peak"),
            "BENCH_FRAME": str(Path(tmp) / "frame"),
        }
        cases = {
            "bare": ["bare"],
            "open": ["facilitator", "--data-dir", str(root), "open", "m2000"],
            "project": ["facilitator", "--data-dir", str(root), "project", "m2000"],
            "open10k": ["facilitator", "--data-dir", str(root), "open", "m10000"],
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        memory: dict[str, list[int]] = {name: [] for name in cases}
        for _ in range(runs):  # interleaved, so a noisy moment hits every case alike
            for name, args in cases.items():
                seconds, rss = run_once(args, env)
                times[name].append(seconds)
                memory[name].append(rss)
    median = {name: statistics.median(values) for name, values in times.items()}
    peak = {name: statistics.median(values) for name, values in memory.items()}
    return {
        "bare_s": median["bare"],
        "open_s": median["open"],
        "project_s": median["project"],
        "open_ratio": median["open"] / median["bare"],
        "project_ratio": median["project"] / median["bare"],
        "bare_rss_kib": peak["bare"],
        "open10k_rss_kib": peak["open10k"],
        "rss_ratio": peak["open10k"] / peak["bare"],
    }


def main() -> None:
    r = measure()
    print(f"bare Textual app: {r['bare_s'] * 1000:.0f} ms, {r['bare_rss_kib'] / 1024:.1f} MiB")
    print(f"facilitator open (2,000 events): {r['open_s'] * 1000:.0f} ms = {r['open_ratio']:.2f}x")
    print(f"facilitator project (2,000 events): {r['project_s'] * 1000:.0f} ms = {r['project_ratio']:.2f}x")
    print(f"facilitator open (10,000 events): {r['open10k_rss_kib'] / 1024:.1f} MiB = {r['rss_ratio']:.2f}x")


if __name__ == "__main__":
    main()
