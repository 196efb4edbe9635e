"""Kill harness: scripted meetings run by real processes, SIGKILLed at random moments.

Through the CLI: each action is one `facilitator act MEETING --at T ...` process, killed at a
random moment of its life (from Python's start-up to its clean close); a newcomer whose hand is
raised arrives first, in an act that is never killed. Every action gets its own
recorded time T (one second after the previous one, a day in the past), so the harness can tell
whether an action was written by finding an event with that time, and can model the speaking
turn independently of the app: the countdown must come out to the second.

  acknowledged  `act` printed its line (stdout is read after the kill: what it printed before
                dying is there). Must be on disk afterwards.
  refused       `act` ended by itself with exit 1. Must not be on disk.
  in flight     killed before printing: may or may not be on disk (the harness looks).

Through the TUI: `facilitator open MEETING` under tmux, keys sent at random (add a new name,
and yes to adding them; next, pause/resume, +30 s, end), SIGKILLed at a random moment. What
counts as acknowledged there:

  shown         the actions the pane listed under "Recent actions" in a capture taken just
                before the kill: the screen lists an action only after it is fsync'd;
  read          the events a separate reader process had read from disk just before the kill.

Both must be on disk afterwards, and "spoken M:SS" as the pane showed it must match the turn
computed from the stored times for the moment of the capture (within the screen's rounding).

After every kill: the meeting opens (every event checked), and once the next writer has opened
it (the next `act` run to its end, or the next app on its feet), no temp file is left.

    python -m tests.reliability.kill_harness cli --kills 100
    python -m tests.reliability.kill_harness tui --kills 100

Each prints its figures as one JSON line (the fast tests in test_kills.py run a few kills).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from facilitator.meeting.events import Actor
from facilitator.meeting.stack import order
from facilitator.meeting.status import status
from facilitator.session import Session
from facilitator.store import locations, meetings

FACILITATOR = str(Path(sys.executable).parent / "facilitator")
LIMIT = 120.0  # a new point's default limit
DAY = 86_400


def temp_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.tmp"))


def stored(path: Path) -> list[dict[str, Any]]:
    """The meeting as any later process reads it: raises if it does not open cleanly."""
    return Session.open(path, Actor("auditor", terminal="audit")).events


@dataclass
class Figures:
    mode: str
    kills: int = 0
    actions: int = 0
    acknowledged: int = 0
    refused: int = 0
    finished_before_kill: int = 0
    killed_before_write: int = 0
    killed_after_write_before_ack: int = 0
    killed_after_ack: int = 0
    temp_left_by_kill: int = 0
    torn_line_left_by_kill: int = 0
    countdowns_checked: int = 0
    killed_while_opening: int = 0
    killed_while_closing: int = 0
    shown_checked: int = 0
    read_checked: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


# ---- the CLI -------------------------------------------------------------------------------


class Turns:
    """The speaking turn and the stack, modelled from the harness's own script: applied only
    for actions found written (each has its own recorded time)."""

    def __init__(self) -> None:
        self.queue: list[str] = []
        self.speaker: str | None = None
        self.start = 0.0
        self.paused_at: float | None = None
        self.paused = 0.0
        self.extended = 0.0

    def apply(self, action: list[str], at: float) -> None:
        verb = action[0]
        if verb == "hand":
            self.queue.append(action[1])
        elif verb == "next":
            self.speaker = None
            if self.queue:
                self.speaker = self.queue.pop(0)
                self.start, self.paused_at, self.paused, self.extended = at, None, 0.0, 0.0
        elif verb == "pause":
            self.paused_at = at
        elif verb == "resume" and self.paused_at is not None:
            self.paused += at - self.paused_at
            self.paused_at = None
        elif verb == "extend":
            self.extended += float(action[1])
        elif verb == "end":
            self.speaker = None

    def remaining(self, now: float) -> float:
        spoken = (self.paused_at if self.paused_at is not None else now) - self.start - self.paused
        return LIMIT + self.extended - spoken


def script_step(rng: random.Random, n: int) -> list[str]:
    roll = rng.random()
    if roll < 0.30:
        return ["hand", f"P{n}"]
    if roll < 0.50:
        return ["next"]
    if roll < 0.60:
        return ["pause"]
    if roll < 0.70:
        return ["resume"]
    if roll < 0.80:
        return ["extend", "30"]
    if roll < 0.85:
        return ["end"]
    return ["note", f"note {n}: **kept** | as typed"]


def iso(at: float) -> str:
    return dt.datetime.fromtimestamp(at, dt.UTC).isoformat()


def cli_kills(kills: int, seed: int, root: Path) -> Figures:
    """Run actions through `facilitator act` until `kills` of them were killed mid-way."""
    rng = random.Random(seed)
    figures = Figures("cli")
    started = time.monotonic()
    t0 = float(int(time.time()) - DAY)
    meeting_id = meetings.create(root, "Kill harness", Actor("harness"), t0)
    path = locations.meeting_file(root, meeting_id)
    env = {**os.environ, "FACILITATOR_DATA_DIR": str(root), "TZ": "UTC"}
    model = Turns()
    acked: list[float] = []
    n = 0

    def run(action: list[str], kill_after: float | None, after_ack: bool = False) -> tuple[bool, int | None, str, str]:
        """Run one act; kill it `kill_after` seconds after it started (or after it printed its
        acknowledgement, with `after_ack`: then the kill lands in its close, checkpoint and backup)."""
        nonlocal n
        n += 1
        at = t0 + n
        proc = subprocess.Popen(
            [FACILITATOR, "act", meeting_id, "--at", iso(at), *action],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        killed = False
        early = ""
        if kill_after is not None:
            if after_ack:
                assert proc.stdout is not None
                early = proc.stdout.readline()  # '' when it ended without acknowledging
            try:
                proc.wait(timeout=kill_after)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                killed = True
        out, err = proc.communicate(timeout=60)
        return killed, proc.returncode, early + out, err

    # How long an action lives here (the median of the ones that ran to their end), to aim the
    # kills: a third anywhere in its life, a third near its end, a third just after it printed.
    lasted = []
    for action in (["attend", "Ana", "Bob", "Cy"], ["hand", "Ana"], ["hand", "Bob"], ["hand", "Cy"], ["next"]):
        began = time.monotonic()
        killed, code, out, err = run(action, None)
        lasted.append(time.monotonic() - began)
        assert code == 0, err
        model.apply(action, t0 + n)
        acked.append(t0 + n)

    while figures.kills < kills:
        action = script_step(rng, n + 1)
        if action[0] == "hand":  # a newcomer arrives (never killed), then raises a hand
            killed, code, out, err = run(["attend", action[1]], None)
            assert code == 0, err
            acked.append(t0 + n)
        life = sorted(lasted)[len(lasted) // 2]
        aim = rng.random()
        if aim < 1 / 3:
            moment, after_ack = rng.uniform(0, 1.2 * life), False  # anywhere in its life
        elif aim < 2 / 3:
            moment, after_ack = rng.uniform(0.75 * life, 1.05 * life), False  # near its end, where it writes
        else:
            moment, after_ack = rng.uniform(0, 0.02), True  # in its close: checkpoint and backup
        began = time.monotonic()
        killed, code, out, err = run(action, moment, after_ack)
        if not killed and not after_ack:
            lasted = [*lasted[-20:], time.monotonic() - began]
        at = t0 + n
        figures.actions += 1
        events = stored(path)
        written = any(e["ts"] == at for e in events)
        printed = bool(out.strip())
        if killed:
            figures.kills += 1
            if printed:
                figures.killed_after_ack += 1
            elif written:
                figures.killed_after_write_before_ack += 1
            else:
                figures.killed_before_write += 1
            figures.temp_left_by_kill += bool(temp_files(root))
            journal = path.with_suffix(".journal")
            figures.torn_line_left_by_kill += (
                journal.exists() and journal.stat().st_size > 0 and not (journal.read_bytes().endswith(b"\n"))
            )
        else:
            figures.finished_before_kill += 1
            if temp_files(root):  # this act opened, wrote and closed: it swept what kills left
                figures.problems.append(f"temp files left after a completed act: {temp_files(root)}")
        if printed:
            figures.acknowledged += 1
            acked.append(at)
            if not written:
                figures.problems.append(f"acknowledged but not on disk: {action} at {iso(at)}")
        elif not killed:
            if code != 1 or err.count("\n") != 1 or not err.startswith("facilitator: "):
                figures.problems.append(f"{action}: exit {code}, said {err!r}")
            figures.refused += 1
            if written:
                figures.problems.append(f"refused but on disk: {action}")
        if written:
            model.apply(action, at)
        check_turn(figures, path, meeting_id, model, at + 0.5)
        missing = sorted(set(acked) - {e["ts"] for e in events})
        if missing:
            figures.problems.append(f"acknowledged actions missing: {[iso(m) for m in missing]}")
    # The next writer, run to its end, leaves no temp file behind.
    killed, code, out, err = run(["note", "after the last kill"], None)
    if code != 0:
        figures.problems.append(f"the act after the kills failed: {err}")
    if temp_files(root):
        figures.problems.append(f"temp files left after the next act: {temp_files(root)}")
    figures.seconds = round(time.monotonic() - started, 1)
    return figures


def check_turn(figures: Figures, path: Path, meeting_id: str, model: Turns, now: float) -> None:
    session = Session.open(path, Actor("auditor", terminal="audit"))
    shown = status(session.meeting, meeting_id, now)
    speaker = shown["speaker"]
    waiting = [p.entry.name for p in order(session.meeting, now)]
    if waiting != model.queue:
        figures.problems.append(f"stack {waiting}, expected {model.queue}")
    if (speaker["name"] if speaker else None) != model.speaker:
        figures.problems.append(f"speaker {speaker}, expected {model.speaker}")
        return
    if speaker is not None:
        figures.countdowns_checked += 1
        expected = round(model.remaining(now), 1)
        if abs(speaker["remaining"] - expected) > 0.051:
            figures.problems.append(f"{model.speaker}: {speaker['remaining']} s left, expected {expected}")
        if speaker["state"] != ("paused" if model.paused_at is not None else "speaking"):
            figures.problems.append(f"{model.speaker} is {speaker['state']}")


# ---- the TUI under tmux --------------------------------------------------------------------


class Pane:
    """A private tmux server whose panes stay readable when the app dies (remain-on-exit)."""

    def __init__(self, socket: str, folder: Path) -> None:
        self.socket = socket
        self.config = folder / "tmux.conf"
        self.config.write_text("set -g remain-on-exit on\n", encoding="utf-8")

    def tmux(self, *args: str) -> str:
        return self.run(*args).stdout

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", str(self.config), *args], capture_output=True, text=True, check=False
        )

    def start(self, command: str) -> None:
        """A fresh session named app (the server stays up: killing and restarting it at once
        races with its own exit, and the new session then silently fails to start)."""
        self.tmux("kill-session", "-t", "app")
        for _ in range(50):
            started = self.run("new-session", "-d", "-s", "app", "-x", "100", "-y", "30", command)
            if started.returncode == 0:
                return
            time.sleep(0.1)  # the previous session is still going away
        raise AssertionError(f"tmux could not start the app: {started.stderr}")

    def pid(self) -> int:
        return int(self.tmux("display", "-p", "-t", "app", "#{pane_pid}").strip() or 0)

    def dead(self) -> bool:
        return self.tmux("display", "-p", "-t", "app", "#{pane_dead}").strip() == "1"

    def text(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "app", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "app", "-l", text)

    def wait_for(self, needle: str, deadline: float = 20.0) -> str:
        end = time.monotonic() + deadline
        text = ""
        while time.monotonic() < end:
            text = self.text()
            if needle in text:
                return text
            if self.dead():
                break
            time.sleep(0.05)  # how often to look
        raise AssertionError(f"the pane never showed {needle!r}:\n{text}")


RECENT = re.compile(r"^ [• ] \d\d:\d\d:\d\d  \S+  (.+)$", re.MULTILINE)


def recent_actions(screen: str) -> list[str]:
    """The summaries the pane's recent actions showed, each cut where a modal, a toast or the
    column's width (…) cuts it: the screen shows an action once it is fsync'd."""
    shown = []
    for line in RECENT.findall(screen):
        text = re.split(r"[█▌▐▎▊│]", line)[0].rstrip().removesuffix("…")
        if len(text) >= 8:
            shown.append(text)
    return shown


SPOKEN = re.compile(r"^ (\S.*?)\s{2,}.*\n .*spoken (\d+):(\d\d)", re.MULTILINE)


def tui_kills(kills: int, seed: int, root: Path) -> Figures:
    """Rounds of: open the app in tmux, press keys at random, SIGKILL it at a random moment."""
    rng = random.Random(seed)
    figures = Figures("tui")
    started = time.monotonic()
    meeting_id = meetings.create(root, "Kill harness TUI", Actor("harness"), time.time())
    path = locations.meeting_file(root, meeting_id)
    pane = Pane(f"facilitator-kills-{os.getpid()}", root.parent)
    command = (
        f"exec env FACILITATOR_DATA_DIR={shlex.quote(str(root))} TZ=UTC {shlex.quote(FACILITATOR)} open {meeting_id}"
    )
    reader = Session.open(path, Actor("reader", terminal="reader"))
    known = 1  # the meeting's opening
    names = 0
    try:
        while figures.kills < kills:
            pane.start(command)
            pane.wait_for("a add")
            if temp_files(root):  # give the opening checkpoint (a thread) its moment, then look
                deadline = time.monotonic() + 5
                while temp_files(root) and time.monotonic() < deadline:
                    time.sleep(0.05)
                if temp_files(root):
                    figures.problems.append(f"temp files left after the next open: {temp_files(root)}")
            plan = rng.random()  # mostly keys then a kill; sometimes a kill as it opens, or as it closes
            for _ in range(0 if plan < 0.15 else rng.randint(1, 6)):
                figures.actions += 1
                roll = rng.random()
                if roll < 0.4:
                    names += 1
                    pane.keys("a")
                    pane.wait_for("who?")
                    pane.type(f"Tui {names}")
                    pane.keys("Enter")
                    pane.wait_for("Enter adds")  # a name that matches nobody: asked once
                    pane.keys("Enter")
                else:
                    pane.keys(rng.choice(["n", "n", "space", "x", "e"]))
                time.sleep(rng.uniform(0, 0.15))  # keys at a person's pace, sometimes faster
            if plan > 0.85:
                pane.keys("q")  # a clean close (checkpoint and backup), killed on its way
            time.sleep(rng.uniform(0, 0.1 if plan < 0.15 else 0.3))
            reader.refresh()
            seen = list(reader.events)
            figures.acknowledged += len({e["action"] for e in seen}) - known
            known = len({e["action"] for e in seen})
            captured_at = time.time()
            screen = pane.text()
            pid = pane.pid()
            if pane.dead():
                figures.finished_before_kill += 1
            else:
                try:
                    os.kill(pid, signal.SIGKILL)
                    figures.kills += 1
                    figures.killed_while_opening += plan < 0.15
                    figures.killed_while_closing += plan > 0.85
                except ProcessLookupError:
                    figures.finished_before_kill += 1
            end = time.monotonic() + 10
            while not pane.dead() and time.monotonic() < end:
                time.sleep(0.02)
            check_after_tui_kill(figures, path, seen, screen, captured_at, root)
            reader = Session.open(path, Actor("reader", terminal="reader"))
        pane.start(command)  # the next open after the last kill
        pane.wait_for("a add")
        deadline = time.monotonic() + 5
        while temp_files(root) and time.monotonic() < deadline:
            time.sleep(0.05)
        if temp_files(root):
            figures.problems.append(f"temp files left after the next open: {temp_files(root)}")
        pane.keys("q")
    finally:
        pane.tmux("kill-server")
    figures.seconds = round(time.monotonic() - started, 1)
    return figures


def check_after_tui_kill(
    figures: Figures, path: Path, seen: list[dict[str, Any]], screen: str, captured_at: float, root: Path
) -> None:
    journal = path.with_suffix(".journal")
    figures.temp_left_by_kill += bool(temp_files(root))
    figures.torn_line_left_by_kill += (
        journal.exists() and journal.stat().st_size > 0 and not (journal.read_bytes().endswith(b"\n"))
    )
    try:
        events = stored(path)
    except Exception as err:  # the meeting must open: anything else is the failure itself
        figures.problems.append(f"the meeting does not open after a kill: {err}")
        return
    figures.read_checked += len(seen)
    if events[: len(seen)] != seen:
        figures.problems.append("events a reader had read before the kill are gone or changed")
    summaries = [str(e["summary"]) for e in events if "summary" in e]
    for shown in recent_actions(screen):
        figures.shown_checked += 1
        if not any(f"{summary} (undone)".startswith(shown) for summary in summaries):
            figures.problems.append(f"'{shown}' was among the recent actions on screen but is not on disk")
    match = SPOKEN.search(screen)
    if match is None:
        return
    speaker, minutes, seconds = match.group(1).strip(), int(match.group(2)), int(match.group(3))
    session = Session.open(path, Actor("auditor", terminal="audit"))
    turn = next((t for t in reversed(list(session.meeting.turns.values())) if t.name == speaker), None)
    if turn is None:
        figures.problems.append(f"{speaker} was speaking on the screen but has no turn on disk")
        return
    figures.countdowns_checked += 1
    shown = minutes * 60 + seconds
    computed = turn.spoken(captured_at)
    if not shown - 1.5 <= computed <= shown + 1.5:  # the screen repaints 8 times a second, in whole seconds
        figures.problems.append(f"{speaker}: the screen said spoken {shown} s, the stored times give {computed:.1f}")


@contextmanager
def scratch() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="facilitator-kills-"))
    try:
        yield folder / "data"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["cli", "tui"])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261125)
    args = parser.parse_args()
    os.environ["TZ"] = "UTC"
    time.tzset()
    with scratch() as root:
        figures = (cli_kills if args.mode == "cli" else tui_kills)(args.kills, args.seed, root)
    print(json.dumps(asdict(figures)))
    sys.exit(1 if figures.problems else 0)


if __name__ == "__main__":
    main()
