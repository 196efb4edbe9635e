"""End to end over real SSH: two members of a collective log in to its box, one runs the operator
screen and the other the projector, each under tmux; what one does, the other sees.

Needs root (it creates two users and a group, then removes them), sshd, ssh and tmux: `make e2e`
installs openssh-server and tmux when it can. Skipped, saying why, when something is missing.
The sshd is throwaway: its own host key, a loopback port, key logins only, gone at the end.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from facilitator.meeting.events import Actor
from facilitator.session import Session
from facilitator.store import locations
from tests import users

SSHD = "/usr/sbin/sshd"
DEADLINE = 30.0  # seconds for a screen to show something: generous, never a timing assertion


def why_not() -> str | None:
    reason = users.why_not()
    if reason:
        return reason
    if not os.path.exists(SSHD):
        return "sshd is not installed (apt-get install openssh-server, or make e2e as root)"
    for tool in ("ssh", "ssh-keygen", "tmux"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    return None


pytestmark = [pytest.mark.e2e, pytest.mark.ssh, pytest.mark.skipif(why_not() is not None, reason=str(why_not()))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Sshd:
    port: int
    folder: Path
    proc: subprocess.Popen[str]

    def key(self, user: str) -> Path:
        return self.folder / f"{user}_key"

    def ssh(self, user: str, remote: str, tty: bool = False) -> list[str]:
        return [
            "ssh",
            "-F",
            "/dev/null",
            "-i",
            str(self.key(user)),
            "-p",
            str(self.port),
            "-o",
            "BatchMode=yes",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            f"UserKnownHostsFile={self.folder / 'known_hosts'}",
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "LogLevel=ERROR",
            *(["-tt"] if tty else ["-T"]),
            f"{user}@127.0.0.1",
            remote,
        ]


def start_sshd(box: users.Box) -> Sshd:
    folder = box.base / "sshd"
    (folder / "authorized").mkdir(parents=True, mode=0o755)
    users.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / "host_key"))
    for user in box.members:
        users.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / f"{user}_key"))
        shutil.copy(folder / f"{user}_key.pub", folder / "authorized" / user)
        os.chmod(folder / "authorized" / user, 0o644)
    port = free_port()
    host_key = (folder / "host_key.pub").read_text().split()
    (folder / "known_hosts").write_text(f"[127.0.0.1]:{port} {host_key[0]} {host_key[1]}\n")
    config = folder / "sshd_config"
    config.write_text(
        "\n".join(
            [
                f"Port {port}",
                "ListenAddress 127.0.0.1",
                f"HostKey {folder / 'host_key'}",
                f"PidFile {folder / 'sshd.pid'}",
                f"AuthorizedKeysFile {folder / 'authorized'}/%u",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",  # the keys live under /tmp, which anyone may write to
                "PermitRootLogin no",
                f"AllowUsers {' '.join(box.members)}",
                "PrintMotd no",
                "PrintLastLog no",
                "",
            ]
        )
    )
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege separation folder
    proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE, text=True)
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"sshd did not start: {proc.stderr.read() if proc.stderr else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return Sshd(port, folder, proc)
        except OSError:
            time.sleep(0.05)  # how often to look, not a wait for time to pass
    proc.kill()
    raise AssertionError("sshd never listened")


class Pane:
    """One detached tmux session on this test's private tmux server."""

    def __init__(self, socket_name: str, name: str) -> None:
        self.socket, self.name = socket_name, name

    def tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False)
        return done.stdout

    def start(self, command: list[str], width: int = 100, height: int = 30) -> None:
        line = shlex.join(command)
        self.tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), line)
        self.tmux("set-option", "-t", self.name, "remain-on-exit", "on")  # a failed login stays readable

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def text(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, *needles: str) -> str:
        end = time.monotonic() + DEADLINE
        text = ""
        while time.monotonic() < end:
            text = self.text()
            if all(n in text for n in needles):
                return text
            time.sleep(0.05)  # how often to look, not a wait for time to pass
        raise AssertionError(f"the {self.name} pane never showed {needles}:\n{text}")


@pytest.fixture
def box() -> Iterator[users.Box]:
    yield from users.boxed("fcs", homes=True)


@pytest.fixture
def sshd(box: users.Box) -> Iterator[Sshd]:
    server = start_sshd(box)
    yield server
    server.proc.terminate()
    server.proc.wait(timeout=10)


@pytest.fixture
def panes(box: users.Box) -> Iterator[tuple[Pane, Pane]]:
    socket_name = f"facilitator-ssh-{os.getpid()}"
    operator, projector = Pane(socket_name, "operator"), Pane(socket_name, "projector")
    yield operator, projector
    operator.tmux("kill-server")  # this test's private server only


def test_two_members_run_one_meeting_over_ssh(box: users.Box, sshd: Sshd, panes: tuple[Pane, Pane]) -> None:
    a, b = box.members
    shared = box.base / "collective"
    made = subprocess.run(
        [str(box.launcher), "init-shared", str(shared), "--group", box.group],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr  # the box's admin sets the folder up once

    def remote(*args: str) -> str:
        words = " ".join(shlex.quote(w) for w in [str(box.launcher), "--data-dir", str(shared), *args])
        return f"LANG=C.UTF-8 TZ=UTC exec {words}"

    created = subprocess.run(
        sshd.ssh(a, remote("new", "Street assembly")), capture_output=True, text=True, check=False, timeout=60
    )
    assert created.returncode == 0, created.stderr
    meeting_id = created.stdout.split()[-1]

    operator, projector = panes
    operator.start(sshd.ssh(a, remote("open", meeting_id, "--role", "stack"), tty=True))
    projector.start(sshd.ssh(b, remote("project", meeting_id), tty=True), width=80, height=24)
    operator.wait_for("Street assembly", "a add")
    projector.wait_for("Street assembly", "nobody is waiting")

    # Ana's terminal adds someone with the keys; Bo's projector shows it.
    operator.keys("a")
    operator.wait_for("New point: who?")
    operator.type("Zora Quist")
    operator.keys("Enter")
    operator.wait_for("Zora Quist is new here")  # asked once: the next Enter records her arrival
    operator.keys("Enter")
    projector.wait_for("Zora Quist", "new point")

    # Bo arrives and acts from his own login; Ana's operator screen shows it, and gives him the floor.
    for args in (["attend", "Bo Chen"], ["hand", "Bo Chen", "--kind", "clarify"]):
        done = subprocess.run(
            sshd.ssh(b, remote("act", meeting_id, *args)), capture_output=True, text=True, check=False, timeout=60
        )
        assert done.returncode == 0, done.stderr
    operator.wait_for("Bo Chen")
    operator.keys("n")
    projector.wait_for("Bo Chen", "clarifying question", "of 0:30")

    path = locations.meeting_file(shared, meeting_id)
    events = Session.open(path, Actor("auditor")).events
    who = [(e["actor"]["user"], e["actor"]["role"], e["summary"].split(" ")[0]) for e in events if "summary" in e]
    assert who == [
        (a, None, "meeting"),
        (a, "stack", "present:"),  # Zora Quist arrives
        (a, "stack", "Zora"),
        (b, None, "present:"),  # Bo Chen arrives
        (b, None, "Bo"),
        (a, "stack", "Bo"),
    ]
    status = subprocess.run(
        sshd.ssh(b, remote("status", meeting_id, "--json")), capture_output=True, text=True, check=False, timeout=60
    )
    assert json.loads(status.stdout)["speaker"]["name"] == "Bo Chen"
    for made in shared.rglob("*"):  # whoever wrote it, the group can use it
        assert made.stat().st_gid == box.gid(), made
        assert made.stat().st_mode & 0o7777 == (0o2770 if made.is_dir() else 0o660), made

    for pane in panes:
        assert "Traceback" not in pane.text()
        pane.keys("q")
