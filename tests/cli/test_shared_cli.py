"""The shared box from the command line: init-shared, act --as / join for oneself only, serve.

Real processes and real files throughout. The permission tests create real users and a group
(root only; skipped with the reason otherwise) and run Facilitator as them.
"""

from __future__ import annotations

import asyncio
import grp
import json
import os
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import locations
from facilitator.store.meeting_file import MeetingStore
from tests import users

ENTRY = [sys.executable, "-c", "from facilitator.cli import run; run()"]
DEADLINE = 30.0  # seconds for a served page to start or answer: generous, never a timing assertion


def facilitator(root: Path, *args: str, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    def set_umask() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        [*ENTRY, "--data-dir", str(root), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=set_umask,
    )


def one_line_refusal(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    return done.stderr.strip()


def new_meeting(root: Path, title: str = "Street assembly", umask: int | None = None) -> str:
    made = facilitator(root, "new", title, umask=umask)
    assert made.returncode == 0, made.stderr
    return made.stdout.split()[-1]


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


# ---- init-shared, as whoever runs the tests ----------------------------------------------


def test_init_shared_makes_a_setgid_folder_and_files_stay_0660_whatever_the_umask(tmp_path: Path) -> None:
    group = grp.getgrgid(os.getgid()).gr_name
    shared = tmp_path / "collective"
    done = facilitator(tmp_path, "init-shared", str(shared), "--group", group)
    assert done.returncode == 0, done.stderr
    assert f"shared folder ready: {shared} (group {group}, 2770" in done.stdout
    assert f"facilitator --data-dir {shared}" in done.stdout
    if mode(tmp_path.parents[1]) & 0o011 == 0:  # pytest's own folder is private: members could not get in
        assert f"facilitator: warning: members cannot reach {shared}: " in done.stderr
    for folder in (shared, shared / "sessions"):
        assert mode(folder) == 0o2770 and os.stat(folder).st_gid == os.getgid()

    meeting_id = new_meeting(shared, umask=0o077)  # a umask that would make files private
    assert facilitator(shared, "act", meeting_id, "attend", "Ana", umask=0o077).returncode == 0
    assert facilitator(shared, "act", meeting_id, "hand", "Ana", umask=0o077).returncode == 0
    meeting = locations.meeting_file(shared, meeting_id)
    made = [p for p in (*shared.iterdir(), *meeting.parent.iterdir()) if p.is_file()]
    assert {p.name for p in made} >= {"index.json", "index.lock", meeting.name, meeting.with_suffix(".lock").name}
    assert {p.name: mode(p) for p in made} == {p.name: 0o660 for p in made}
    assert {os.stat(p).st_gid for p in made} == {os.getgid()}


def test_init_shared_hands_an_existing_private_folder_to_the_group(tmp_path: Path) -> None:
    root = tmp_path / "private"
    meeting_id = new_meeting(root)
    meeting = locations.meeting_file(root, meeting_id)
    assert mode(meeting) == 0o600
    (root / "sessions" / "kept").mkdir(mode=0o700)  # a folder of its own inside, say backups
    (root / "sessions" / "kept" / "old.json").write_text("{}")
    os.chmod(root / "sessions" / "kept" / "old.json", 0o600)
    group = grp.getgrgid(os.getgid()).gr_name
    done = facilitator(tmp_path, "init-shared", str(root), "--group", group)
    assert done.returncode == 0, done.stderr
    assert "file(s) already there handed to the group" in done.stdout
    assert mode(root) == 0o2770 and mode(meeting) == 0o660
    assert mode(root / "sessions" / "kept") == 0o2770 and mode(root / "sessions" / "kept" / "old.json") == 0o660
    assert facilitator(root, "act", meeting_id, "attend", "Ana").returncode == 0
    assert facilitator(root, "act", meeting_id, "hand", "Ana").returncode == 0


def test_init_shared_refuses_an_unknown_group_or_a_link(tmp_path: Path) -> None:
    refusal = one_line_refusal(facilitator(tmp_path, "init-shared", str(tmp_path / "x"), "--group", "no-such-group-42"))
    assert refusal == (
        "facilitator: there is no group 'no-such-group-42' on this machine: create it first (groupadd no-such-group-42)"
    )
    assert not (tmp_path / "x").exists()
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    group = grp.getgrgid(os.getgid()).gr_name
    refusal = one_line_refusal(facilitator(tmp_path, "init-shared", str(tmp_path / "link"), "--group", group))
    assert "is a symbolic link" in refusal


# ---- a participant acts for themself only ---------------------------------------------------


def test_act_as_a_participant_is_for_themself_only_and_recorded_as_such(data_root: Path) -> None:
    meeting_id = new_meeting(data_root)
    path = locations.meeting_file(data_root, meeting_id)
    assert facilitator(data_root, "act", meeting_id, "attend", "Ana Lima", "Bo").returncode == 0
    refusal = one_line_refusal(facilitator(data_root, "act", meeting_id, "--as", "ana lima", "hand", "Bo"))
    assert refusal == "facilitator: Ana Lima can only act for themself, not for Bo"
    refusal = one_line_refusal(facilitator(data_root, "act", meeting_id, "--as", "Ana Lima", "next"))
    assert "Ana Lima takes part as a participant" in refusal
    before = len(MeetingStore(path).load())

    done = facilitator(data_root, "act", meeting_id, "--as", "ana lima", "hand", "--kind", "clarify")
    assert done.returncode == 0, done.stderr
    assert facilitator(data_root, "act", meeting_id, "check", "start").returncode == 0
    assert facilitator(data_root, "act", meeting_id, "--as", "Ana Lima", "check", "vote", "up").returncode == 0
    refusal = one_line_refusal(
        facilitator(data_root, "act", meeting_id, "--as", "Ana Lima", "check", "vote", "Bo", "up")
    )
    assert refusal == "facilitator: Ana Lima can only act for themself, not for Bo"

    events = MeetingStore(path).load()[before:]
    raised, _, voted = events
    assert raised["type"] == "hand_raised" and raised["data"]["name"] == "Ana Lima"
    assert voted["type"] == "check_voted" and voted["data"]["name"] == "Ana Lima"
    for event in (raised, voted):  # who did it: the OS user and the participant, as the assembly knows them
        assert event["actor"]["as"] == "Ana Lima"
        assert event["actor"]["user"] == Actor.from_os().user


def test_join_refuses_before_any_screen_opens(data_root: Path) -> None:
    meeting_id = new_meeting(data_root)
    assert one_line_refusal(facilitator(data_root, "join", "nope", "--name", "Ana")).startswith(
        "facilitator: no meeting 'nope'"
    )
    refusal = one_line_refusal(facilitator(data_root, "join", meeting_id, "--name", "Ana\x1b[31m"))
    assert "control" in refusal or "escape" in refusal
    assert "--name" in one_line_refusal(facilitator(data_root, "join", meeting_id))


# ---- serve: the projector in a browser -----------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    """`facilitator serve` as a real process on a free loopback port."""

    def __init__(self, root: Path, meeting_id: str, host: str = "127.0.0.1") -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [*ENTRY, "--data-dir", str(root), "serve", meeting_id, "--host", host, "--port", str(self.port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        self.said = self.proc.stdout.readline()  # printed by aiohttp's startup hook, just before it listens
        assert "serving the projector" in self.said, self.stop()
        give_up = time.monotonic() + DEADLINE
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < give_up, self.stop()
                time.sleep(0.05)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path: str = "/") -> str:
        # aiohttp runs the startup hook that prints the line just before the socket listens
        give_up = time.monotonic() + DEADLINE
        while True:
            try:
                with urllib.request.urlopen(self.url(path), timeout=DEADLINE) as answer:
                    assert answer.status == 200
                    return str(answer.read().decode())
            except urllib.error.URLError as err:
                if not isinstance(err.reason, ConnectionRefusedError) or time.monotonic() > give_up:
                    raise
                time.sleep(0.05)

    def stop(self) -> str:
        self.proc.terminate()
        _, err = self.proc.communicate(timeout=DEADLINE)
        return err


@pytest.fixture
def served(data_root: Path) -> Iterator[tuple[Served, str]]:
    meeting_id = new_meeting(data_root)
    server = Served(data_root, meeting_id)
    yield server, meeting_id
    server.stop()


def test_serve_answers_on_loopback_with_the_page(served: tuple[Served, str]) -> None:
    server, meeting_id = served
    assert server.said.strip() == (
        f"serving the projector of {meeting_id} on http://127.0.0.1:{server.port}/ "
        "(read-only; a big screen: add ?fontsize=28); ctrl+c stops"
    )
    page = server.get("/")
    assert "<title>" in page or "Facilitator: Street assembly" in page
    assert f'data-session-websocket-url="ws://127.0.0.1:{server.port}/ws"' in page
    assert 'data-font-size="30"' in server.get("/?fontsize=30")
    with pytest.raises(urllib.error.HTTPError) as posted:
        urllib.request.urlopen(urllib.request.Request(server.url("/"), data=b"x", method="POST"), timeout=DEADLINE)
    assert posted.value.code == 405  # nothing to post to


def test_serve_elsewhere_warns_and_the_page_points_back_where_it_was_asked(data_root: Path) -> None:
    meeting_id = new_meeting(data_root)
    server = Served(data_root, meeting_id, host="0.0.0.0")
    try:
        page = server.get("/")
        assert f'data-session-websocket-url="ws://127.0.0.1:{server.port}/ws"' in page  # not ws://0.0.0.0
    finally:
        err = server.stop()
    assert err.splitlines()[0] == (
        f"facilitator: warning: serving on 0.0.0.0, not only this machine: anyone who can reach port {server.port} "
        "sees the meeting (read-only)"
    )


def test_serve_on_a_busy_port_is_one_line(data_root: Path) -> None:
    meeting_id = new_meeting(data_root)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        refusal = one_line_refusal(facilitator(data_root, "serve", meeting_id, "--port", str(port)))
    assert refusal.startswith(f"facilitator: cannot serve on 127.0.0.1 port {port}: ")
    assert refusal.endswith("try another --port")


# Every key a browser can send, as the terminal bytes the page sends for it; not ctrl+c or
# ctrl+q (quit), nor escape and q, which close the view and come last.
KEYS = [
    *"abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    *"+-=/?!.,;:'\"[]{}()<>*&^%$#@~`|\\ ",
    "\r",
    "\t",
    "\x1b[Z",
    "\x7f",
    *(f"\x1b[{n}~" for n in (2, 3, 5, 6, 15, 17, 18, 19, 20, 21, 23, 24)),
    *(f"\x1b[{c}" for c in "ABCDHF"),
    *(f"\x1bO{c}" for c in "PQRS"),
    *(chr(n) for n in range(1, 27) if chr(n) not in "\x03\x11\x10\x1b\r\t"),
]


async def browse(url: str, title: str, then: list[str]) -> str:
    """Open the page's websocket as a browser would, wait for the projector, send keys; return
    everything the served app printed until it closed."""
    shown = b""
    async with aiohttp.ClientSession() as browser, browser.ws_connect(f"{url}?width=80&height=24") as page:
        end = time.monotonic() + DEADLINE
        while title.encode() not in shown:
            message = await page.receive(timeout=max(0.1, end - time.monotonic()))
            assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT), message
            shown += message.data if isinstance(message.data, bytes) else message.data.encode()
        for key in then:
            await page.send_json(["stdin", key])
        while True:
            message = await page.receive(timeout=max(0.1, end - time.monotonic()))
            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
                return shown.decode(errors="replace")
            if message.type == aiohttp.WSMsgType.BINARY:
                shown += message.data


def test_no_key_sent_from_the_served_page_changes_the_meeting(served: tuple[Served, str], data_root: Path) -> None:
    server, meeting_id = served
    path = locations.meeting_file(data_root, meeting_id)
    operator = Session.open(path, Actor("bo", role="stack", terminal="op"))
    operator.act("attend", names=["Zora Quist"])
    operator.act("hand", name="Zora Quist")
    before = MeetingStore(path).load()
    palette = [part for words in ("next", "hand", "undo", "stack close") for part in ("\x10", words, "\r", "\x1b")]
    asyncio.run(browse(server.url("/ws"), "Zora Quist", [*KEYS, *palette, "q"]))  # q ends the view last
    assert MeetingStore(path).load() == before


def test_the_served_page_follows_the_meeting(served: tuple[Served, str], data_root: Path) -> None:
    server, meeting_id = served
    path = locations.meeting_file(data_root, meeting_id)

    async def watch() -> None:
        async with aiohttp.ClientSession() as browser, browser.ws_connect(server.url("/ws?width=80&height=24")) as page:
            shown = b""
            end = time.monotonic() + DEADLINE
            acted = False
            while b"Amara" not in shown:
                message = await page.receive(timeout=max(0.1, end - time.monotonic()))
                if isinstance(message.data, bytes):
                    shown += message.data
                if not acted and b"nobody is waiting" in shown:
                    operator = Session.open(path, Actor("bo", role="stack", terminal="op"))
                    operator.act("attend", names=["Amara"])
                    operator.act("hand", name="Amara")
                    acted = True
            await page.send_json(["stdin", "q"])

    asyncio.run(watch())


# ---- real users and a group (root) ---------------------------------------------------------


@pytest.fixture(scope="module")
def box() -> Iterator[users.Box]:
    yield from users.boxed("fct")


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_members_share_a_meeting_and_everything_stays_theirs(box: users.Box) -> None:
    a, b = box.members
    place = box.base / "a-owns-this"  # a member sets it up, somewhere they may write
    place.mkdir(mode=0o755)
    os.chown(place, box.uid(a), -1)
    shared = place / "collective"
    ok(box.as_user(a, "init-shared", str(shared), "--group", box.group))
    gid = grp.getgrnam(box.group).gr_gid
    for folder in (shared, shared / "sessions"):
        assert mode(folder) == 0o2770 and os.stat(folder).st_gid == gid

    meeting_id = ok(box.as_user(a, "--data-dir", str(shared), "new", "Street assembly", umask="077")).split()[-1]
    ok(box.as_user(a, "--data-dir", str(shared), "act", meeting_id, "attend", "Zora Quist", "Bo Chen", umask="077"))
    ok(box.as_user(b, "--data-dir", str(shared), "act", meeting_id, "hand", "Zora Quist", umask="077"))
    ok(box.as_user(a, "--data-dir", str(shared), "act", meeting_id, "hand", "Bo Chen", "--kind", "clarify"))
    ok(box.as_user(b, "--data-dir", str(shared), "act", meeting_id, "next", umask="027"))
    ok(box.as_user(a, "--data-dir", str(shared), "act", meeting_id, "--as", "Zora Quist", "hand", "--kind", "process"))
    stands = json.loads(ok(box.as_user(b, "--data-dir", str(shared), "status", meeting_id, "--json")))
    assert stands["speaker"]["name"] == "Bo Chen"
    assert [e["name"] for e in stands["stack"]] == ["Zora Quist", "Zora Quist"]

    made = [p for p in (*shared.iterdir(), *(shared / "sessions").iterdir()) if not p.is_dir()]
    assert {p.name: oct(mode(p)) for p in made} == {p.name: oct(0o660) for p in made}
    assert {p.name: os.stat(p).st_gid for p in made} == {p.name: gid for p in made}

    events = Session.open(locations.meeting_file(shared, meeting_id), Actor("auditor")).events
    who = [(e["actor"]["user"], e["actor"]["as"]) for e in events if "summary" in e]
    assert who == [(a, None), (a, None), (b, None), (a, None), (b, None), (a, "Zora Quist")]  # opened, arrived, ...


def test_an_outsider_is_refused_in_one_line_naming_the_group(box: users.Box) -> None:
    a = box.members[0]
    shared = box.base / "closed"
    ok(facilitator(box.base, "init-shared", str(shared), "--group", box.group))  # root sets it up for the group
    meeting_id = ok(box.as_user(a, "--data-dir", str(shared), "new", "Street assembly")).split()[-1]
    before = (shared / "sessions" / f"{meeting_id}.json").read_bytes()
    expected = (
        f"facilitator: {shared} is shared by the group '{box.group}' and {box.outsider} is not in it: "
        f"ask whoever runs this machine to add you (adduser {box.outsider} {box.group}), then log in again"
    )
    for args in (
        ["status", meeting_id],
        ["act", meeting_id, "hand", "Mallory"],
        ["list"],
        ["new", "Hostile takeover"],
        ["project", meeting_id],
        ["join", meeting_id, "--name", "Mallory"],
    ):
        assert one_line_refusal(box.as_user(box.outsider, "--data-dir", str(shared), *args)) == expected, args
    refusal = one_line_refusal(box.as_user(box.outsider, "init-shared", str(box.base / "mine"), "--group", box.group))
    assert refusal.startswith(f"facilitator: {box.outsider} is not in the group '{box.group}'")
    assert (shared / "sessions" / f"{meeting_id}.json").read_bytes() == before


def test_a_member_cannot_take_over_someone_elses_folder(box: users.Box) -> None:
    a, b = box.members
    private = box.base / f"{a}-private"
    private.mkdir()
    os.chown(private, box.uid(a), -1)
    refusal = one_line_refusal(box.as_user(b, "init-shared", str(private), "--group", box.group))
    assert refusal == (
        f"facilitator: cannot hand {private} to the group '{box.group}': only its owner or root can (it belongs to {a})"
    )
