"""The installed console script, run as a user runs it: a shell command in its own process.

In-process tests (CliRunner on `facilitator.cli.main`) import whatever modules the test file
imports, so a command that exists only once some module is imported can pass there and still be
"No such command" from a shell (issue 16, point 9). Here every command and subcommand the README
lists is asked for its `--help` through `.venv/bin/facilitator`, and every `act` action is
performed for real, in order, on one scripted meeting.

The commands are read from README.md (the fenced blocks of "## The command line"), so a command
documented later is covered without touching this file. The scripted meeting is a list of
steps: add a line for a new action; mark it NOT_BUILT while the README is ahead of the code.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
SCRIPT = Path(sys.executable).parent / "facilitator"

pytestmark = pytest.mark.skipif(
    not SCRIPT.is_file(),
    reason=f"no installed console script at {SCRIPT} (pip install -e . into the interpreter's environment)",
)

# Commands the README (or this script) names that the code does not have yet. Each is marked
# xfail (not strict), so the suite stays green meanwhile and says XPASS once the command exists:
# then take it off this list.
NOT_BUILT: set[tuple[str, ...]] = set()


def facilitator(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=data_dir,
        stdin=subprocess.DEVNULL,
    )


# ---- what the README lists ----------------------------------------------------------------

PLAIN = re.compile(r"[a-z][a-z0-9-]*")  # a command word; NAME, P1, --opt, a|b are not
GROUPED = re.compile(r"\[[^\]]*\]|\([^)]*\)")  # [optional ...] and (either | or), as one token


def cli_blocks(text: str) -> list[list[str]]:
    """The fenced code blocks of the README's "## The command line" section, as lines."""
    section = re.search(r"^## The command line\n(.*?)(?=^## )", text, re.S | re.M)
    assert section, "README.md has no '## The command line' section"
    return [block.splitlines() for block in re.findall(r"^```[^\n]*\n(.*?)^```", section.group(1), re.S | re.M)]


def top_commands(lines: list[str]) -> list[tuple[str, ...]]:
    """`facilitator [--data-dir DIR] new TITLE ...  # comment` -> ("new",); the bare one -> ()."""
    found = []
    for line in lines:
        words = GROUPED.sub(" ", line.split("#")[0]).split()
        if words and words[0] == "facilitator":
            found.append(tuple(words[1:2]) if len(words) > 1 and PLAIN.fullmatch(words[1]) else ())
    return found


def act_commands(lines: list[str]) -> list[tuple[str, ...]]:
    """The actions of a block laid out in columns: `next    pause    extend SECONDS`,
    `agenda table [ITEM]      agenda move ITEM POSITION`, `stack close | stack open`,
    `lower NAME [--kind KIND] move NAME POSITION`, `stack close|open`.

    An action starts at a command word that follows anything other than a command word one
    space before it; a second command word one space after it is a subcommand. A run of three or
    more words is prose ("prints the proposal id") and is ignored.
    """
    found: list[tuple[str, ...]] = []
    for line in lines:
        run: list[str] = []
        tokens = re.findall(r"\s+|[^\s\[(]+|" + GROUPED.pattern, line)
        for token in [*tokens, "  "]:
            if token == " ":
                continue
            if PLAIN.fullmatch(token):
                run.append(token)
                continue
            if len(run) == 1 and "|" in token and all(PLAIN.fullmatch(w) for w in token.split("|")):
                found += [(run[0], sub) for sub in token.split("|")]  # `stack close|open`
            elif 0 < len(run) <= 2:
                found.append(tuple(run))
            run = []
    return found


def readme_commands() -> list[tuple[str, ...]]:
    """Every command path the README lists, `act` actions under ("act", ...), in order, once."""
    paths: list[tuple[str, ...]] = []
    for lines in cli_blocks(README.read_text(encoding="utf-8")):
        if any(line.startswith("facilitator") for line in lines):
            paths += top_commands(lines)
        else:
            paths += [("act", *path) for path in act_commands(lines)]
    return list(dict.fromkeys(paths))


def marked(path: tuple[str, ...]) -> pytest.MarkDecorator | tuple[()]:
    return pytest.mark.xfail(reason="not built yet", strict=False) if path in NOT_BUILT else ()


def test_the_readme_is_read() -> None:
    """The parsing finds what the README plainly lists (so that an empty parse cannot pass)."""
    paths = readme_commands()
    for expected in [(), ("new",), ("act",), ("minutes",), ("recover",), ("act", "attend"), ("act", "leave")]:
        assert expected in paths
    for expected in [("agenda", "table"), ("agenda", "move"), ("stack", "close"), ("stack", "mode"), ("next",)]:
        assert ("act", *expected) in paths
    for expected in [("move",), ("stand-aside",), ("check", "vote"), ("withdraw",), ("next-meeting",)]:
        assert ("act", *expected) in paths
    assert not [p for p in paths if p[:2] in {("act", "prints"), ("act", "or")} or "the" in p], paths


def test_act_columns_are_parsed() -> None:
    lines = [
        "lower NAME [--kind KIND] move NAME POSITION [--kind KIND]",
        "stack close | stack open | stack mode off|first-time|least-airtime|step-up",
        "next    pause    resume    extend SECONDS    end    undo",
        "propose TITLE --text TEXT [--by NAME]...                       prints the proposal id (P1)",
        "quorum N                 role ROLE [NAME]          (facilitator, co-facilitator, or any word)",
        "block P1 (NAME --reason TEXT | --count N)  begin  adjourn",
        "lower NAME [--kind KIND]  stack close|open  withdraw P1-A1|P1",
    ]
    assert act_commands(lines) == [
        ("lower",),
        ("move",),
        ("stack", "close"),
        ("stack", "open"),
        ("stack", "mode"),
        ("next",),
        ("pause",),
        ("resume",),
        ("extend",),
        ("end",),
        ("undo",),
        ("propose",),
        ("quorum",),
        ("role",),
        ("block",),
        ("begin",),
        ("adjourn",),
        ("lower",),
        ("stack", "close"),
        ("stack", "open"),
        ("withdraw",),
    ]


@pytest.mark.parametrize(
    "path", [pytest.param(p, marks=marked(p), id=" ".join(p) or "facilitator") for p in readme_commands()]
)
def test_help_of_every_readme_command(path: tuple[str, ...], tmp_path: Path) -> None:
    argv = ["act", "MEETING", *path[1:]] if path[:1] == ("act",) else list(path)
    done = facilitator(*argv, "--help", data_dir=tmp_path)
    assert "No such command" not in done.stdout + done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: facilitator"), done.stdout
    assert "Traceback" not in done.stderr


def test_the_help_lists_every_group_member(tmp_path: Path) -> None:
    """`--help` of a group lists all its commands, not just those imported so far."""
    top = facilitator("--help", data_dir=tmp_path).stdout
    for name in ["new", "act", "minutes", "recover", "join", "serve", "init-shared", "status", "list"]:
        assert re.search(rf"^  {name}\s", top, re.M), top
    actions = facilitator("act", "M", "--help", data_dir=tmp_path).stdout
    for name in ["attend", "propose", "decide", "quorum", "role", "note", "next-meeting", "check", "agenda"]:
        assert re.search(rf"^  {name}\s", actions, re.M), actions
    agenda = facilitator("act", "M", "agenda", "--help", data_dir=tmp_path).stdout
    for name in ["add", "start", "done", "table", "move"]:
        assert re.search(rf"^  {name}\s", agenda, re.M), agenda


# ---- a scripted meeting, one process per action -------------------------------------------


@dataclass(frozen=True)
class Step:
    """`act MEETING *argv`, expected to exit 0 and print one line containing `says`."""

    argv: tuple[str, ...]
    says: str = ""
    waits_for: tuple[str, ...] = ()  # a NOT_BUILT entry that is not the start of the command

    @property
    def id(self) -> str:
        return " ".join(self.argv)

    @property
    def key(self) -> tuple[str, ...]:
        """The NOT_BUILT entry this step waits for: waits_for, or one its command starts with."""
        path = ("act", *self.argv)
        starts = [entry for entry in NOT_BUILT if path[: len(entry)] == entry]
        return self.waits_for or max(starts, key=len, default=())


def step(*argv: str, says: str = "", waits_for: tuple[str, ...] = ()) -> Step:
    """`waits_for=("act", "hand", "--late")` marks a step that needs an option not built yet."""
    return Step(argv, says, waits_for)


# In order, on one meeting: each step runs after all the ones before it. A refused step writes
# nothing, so the ones after it still find the meeting as they expect.
STEPS = [
    step("attend", "Ana Lima", "Bob", "Cleo", "Dev", "Eve", says="present"),
    step("quorum", "3", says="3"),
    step("role", "facilitator", "Ana Lima", says="Ana Lima"),
    step("role", "stack", "Bob", says="Bob"),
    step("decision-rule", "consensus", "--fallback", "supermajority:0.75", "--reason", "as agreed", says="as agreed"),
    step("agenda", "add", "Budget", "--minutes", "20", "--presenter", "Cleo", says="Budget"),
    step("agenda", "add", "Garden", "--minutes", "10", says="Garden"),
    step("agenda", "add", "Kitchen", "--kind", "proposal", says="Kitchen"),
    step("agenda", "add", "Break", "--kind", "break", says="Break"),
    step("agenda", "add", "Open discussion", says="Open discussion"),
    step("agenda", "move", "Kitchen", "1", says="Kitchen"),
    step("agenda", "table", "Garden", says="Garden"),
    step("agenda", "edit", "Open", "--title", "Open floor", "--minutes", "5", says="Open floor"),
    step("agenda", "remove", "Break", says="Break"),
    step("begin", says="begins"),
    step("agenda", "start", "Kitchen", says="Kitchen"),
    step("hand", "Ana Lima", says="Ana Lima"),
    step("hand", "Cleo", says="Cleo"),
    step("move", "Cleo", "1", says="Cleo"),
    step("next", says="Cleo"),
    step("hand", "Bob", "--kind", "response", says="Bob"),
    step("lower", "Bob", says="Bob"),
    step("--as", "Dev", "hand", says="Dev"),
    step("pause", says="paus"),
    step("resume", says="Cleo"),
    step("extend", "30", says="30"),
    step("end", says="Cleo"),
    step("stack", "close", says="closed"),
    step("hand", "Eve", "--late", says="added late"),
    step("stack", "open", says="open"),
    step("stack", "mode", "first-time", says="first-time"),
    step("propose", "Buy a kettle", "--text", "We buy a kettle in May.", "--by", "Cleo", says="P1"),
    step("amend", "P1", "--by", "Dev", "--replace", "May", "--with", "June", says="P1-A1"),
    step("accept", "P1-A1", says="P1-A1"),
    step("amend", "P1", "--by", "Ana Lima", "--text", "We buy two kettles.", says="P1-A2"),
    step("reject", "P1-A2", says="P1-A2"),
    step("check", "start", "--scale", "thumbs", "--about", "P1", says="check"),
    step("check", "count", "up", "3", says="3"),
    step("check", "vote", "Dev", "sideways", says="Dev"),
    step("check", "close", says="clos"),
    step("test", "P1", says="P1"),
    step("agree", "P1", "Ana Lima", "Bob", says="P1"),
    step("stand-aside", "P1", "Cleo", "--reason", "away in June", says="Cleo"),
    step("block", "P1", "Dev", "--reason", "we have one", says="Dev"),
    step("decide", "P1", says="blocked"),
    step("decide", "P1", "--rule", "supermajority:0.75", says="fallback"),  # consensus failed: the fallback
    step("propose", "Paint the hall", "--text", "We paint it green.", "--by", "Ana Lima", says="P2"),
    step("withdraw", "P2", "--reason", "next year", says="P2"),
    step("note", "The kettle is for the kitchen.", says="note"),
    step("action", "Buy the kettle", "--owner", "Cleo", "--due", "2030-01-15", says="action item"),
    step("action-status", "A1", "done", "--note", "bought in the market", says="A1 done"),
    step("note", "a note to take back", says="note"),
    step("undo", says="undid"),
    step("leave", "Dev", says="Dev"),
    step("agenda", "done", "--clear", says="Kitchen"),
    step("agenda", "start", says="Budget"),
    step("next-meeting", "2030-02-01", "--time", "19:00", "--place", "Common room", says="2030-02-01"),
    step("adjourn", says="adjourned"),
    step("note", "written after the adjournment", says="note"),
    step("reopen", says="reopened"),
]


class Meeting:
    """One meeting in its own data folder; runs the steps in order, each once, when asked."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        created = facilitator("new", "General assembly", "--location", "Common room", data_dir=data_dir)
        assert created.returncode == 0, created.stderr
        self.id = created.stdout.split()[-1]
        self.done: dict[int, subprocess.CompletedProcess[str]] = {}

    def run(self, index: int) -> subprocess.CompletedProcess[str]:
        for earlier in range(index + 1):  # a step selected alone (-k) still finds its meeting ready
            if earlier not in self.done:
                self.done[earlier] = facilitator("act", self.id, *STEPS[earlier].argv, data_dir=self.data_dir)
        return self.done[index]


@pytest.fixture(scope="module")
def meeting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Meeting]:
    yield Meeting(tmp_path_factory.mktemp("console"))


@pytest.mark.parametrize(
    "index", [pytest.param(i, marks=marked(s.key), id=f"{i:02d} {s.id}") for i, s in enumerate(STEPS)]
)
def test_every_action_for_real(index: int, meeting: Meeting) -> None:
    done = meeting.run(index)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert len(done.stdout.splitlines()) == 1, done.stdout
    assert STEPS[index].says.casefold() in done.stdout.casefold(), done.stdout


def test_every_readme_action_is_performed() -> None:
    """Each `act` action the README lists has a step here (a new one needs its line in STEPS)."""
    actions = [p[1:] for p in readme_commands() if p[:1] == ("act",) and len(p) > 1]
    missing = [a for a in actions if not any(s.argv[: len(a)] == a for s in STEPS)]
    assert not missing, f"add a step for: {missing}"


def test_status_list_and_minutes_after_the_meeting(meeting: Meeting) -> None:
    meeting.run(len(STEPS) - 1)
    status = facilitator("status", meeting.id, "--json", data_dir=meeting.data_dir)
    assert status.returncode == 0, status.stderr
    shown = json.loads(status.stdout)
    assert shown["meeting"]["id"] == meeting.id
    assert "Dev" not in shown["present"] and "Ana Lima" in shown["present"]
    assert {p["id"]: p["status"] for p in shown["proposals"]} == {"P1": "failed", "P2": "withdrawn"}

    listed = facilitator("list", "--json", data_dir=meeting.data_dir)
    assert listed.returncode == 0, listed.stderr
    assert [row["id"] for row in json.loads(listed.stdout)] == [meeting.id]

    minutes = facilitator("minutes", meeting.id, data_dir=meeting.data_dir)
    assert minutes.returncode == 0, minutes.stderr
    for text in ["General assembly", "Buy a kettle", "Buy the kettle", "The kettle is for the kitchen."]:
        assert text in minutes.stdout
    assert "a note to take back" not in minutes.stdout


def test_the_register_the_action_list_and_the_next_meeting_after_the_meeting(meeting: Meeting) -> None:
    meeting.run(len(STEPS) - 1)
    register = facilitator("decisions", "--format", "csv", data_dir=meeting.data_dir)
    assert register.returncode == 0, register.stderr
    assert register.stdout.splitlines()[0].startswith("date,meeting,meeting_title,proposal,title,text")
    assert {row.split(",")[3] for row in register.stdout.splitlines()[1:]} == {"P1", "P2"}
    listed = facilitator("actions", "--json", data_dir=meeting.data_dir)
    assert listed.returncode == 0, listed.stderr
    [kettle] = json.loads(listed.stdout)["actions"]
    assert (kettle["id"], kettle["status"]) == (f"{meeting.id}:A1", "done")
    following = facilitator("new", "General assembly", "--after", meeting.id, data_dir=meeting.data_dir)
    assert following.returncode == 0, following.stderr
    assert following.stdout.splitlines()[-1] == "2030-02-01-general-assembly"
