"""Real OS users and a group, for the tests of a collective's shared box (root only).

`Box` makes a group with two members and one outsider, a folder they can all reach, and a
`facilitator` launcher they can run (the test's own interpreter often lives where only root can
read, so the launcher may use the system's Python of the same version with our packages). It
removes all of it afterwards.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from pathlib import Path

import facilitator

REPO = Path(facilitator.__file__).resolve().parent.parent
TOOLS = ("useradd", "userdel", "groupadd", "groupdel", "runuser")


def why_not() -> str | None:
    """Why real users cannot be made here, or None when they can."""
    if os.geteuid() != 0:
        return "needs root to create real users and a group (useradd, groupadd)"
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        return f"{', '.join(missing)} not installed"
    return None


def run(*command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), capture_output=True, text=True, check=check, timeout=60)


class Box:
    def __init__(self, tag: str, homes: bool = False) -> None:
        self.group = f"{tag}g"
        self.members = [f"{tag}a", f"{tag}b"]
        self.outsider = f"{tag}x"
        self.homes = homes
        self.base = Path(tempfile.mkdtemp(prefix="facilitator-box-", dir="/tmp"))
        os.chmod(self.base, 0o755)
        self.launcher = self.base / "facilitator"
        self.made: list[tuple[str, str]] = []

    def home(self, user: str) -> Path:
        return self.base / "home" / user

    def create(self) -> None:
        run("groupadd", self.group)
        self.made.append(("groupdel", self.group))
        for user in [*self.members, self.outsider]:
            extra = ["-G", self.group] if user in self.members else []
            if self.homes:
                (self.base / "home").mkdir(mode=0o755, exist_ok=True)
                where = ["-m", "-d", str(self.home(user))]
            else:
                where = ["-M", "-d", "/nonexistent"]
            run("useradd", *where, "-s", "/bin/sh", "-p", "*", *extra, user)
            self.made.insert(0, ("userdel", user))
        self.write_launcher()

    def remove(self) -> None:
        for tool, name in self.made:
            remove_home = ["-r"] if tool == "userdel" and self.homes else []
            run(tool, *remove_home, name, check=False)
        shutil.rmtree(self.base, ignore_errors=True)

    def gid(self) -> int:
        import grp

        return grp.getgrnam(self.group).gr_gid

    def uid(self, user: str) -> int:
        import pwd

        return pwd.getpwnam(user).pw_uid

    # -- running Facilitator as someone ---------------------------------------------------

    def interpreters(self) -> list[str]:
        minor = f"python{sys.version_info.major}.{sys.version_info.minor}"
        return [sys.executable, f"/usr/bin/{minor}", f"/usr/local/bin/{minor}"]

    def write_launcher(self) -> None:
        """A `facilitator` every user here can run, or a clear reason why none can be made."""
        sites = list(dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]))
        boot = (
            f"import site, sys; sys.path[:0] = [{str(REPO)!r}]; "
            + "".join(f"site.addsitedir({s!r}); " for s in sites)
            + "sys.argv[0] = 'facilitator'; from facilitator.cli import run; run()"
        )
        for python in self.interpreters():
            if not Path(python).exists():
                continue
            self.launcher.write_text(f'#!/bin/sh\nexec {shlex.quote(python)} -c {shlex.quote(boot)} "$@"\n')
            os.chmod(self.launcher, 0o755)
            probe = self.as_user(self.outsider, "--help")
            if probe.returncode == 0:
                return
        raise RuntimeError(f"no Python that other users can run has Facilitator's packages: {probe.stderr.strip()}")

    def as_user(
        self, user: str, *args: str, umask: str = "022", env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """`facilitator ARGS` as that user, with that umask, from /."""
        line = f"umask {umask}; exec {shlex.quote(str(self.launcher))} " + " ".join(shlex.quote(a) for a in args)
        environment = {"PATH": "/usr/bin:/bin", "TZ": "UTC", "LANG": "C.UTF-8", **(env or {})}
        return subprocess.run(
            [shutil.which("runuser") or "/usr/sbin/runuser", "-u", user, "--", "/bin/sh", "-c", line],
            capture_output=True,
            text=True,
            cwd="/",
            env=environment,
            timeout=120,
            check=False,
        )


def boxed(tag: str, homes: bool = False) -> Iterator[Box]:
    """A Box for a fixture, removed afterwards; the test is skipped where users cannot be made.
    `tag` (a few letters) keeps two fixtures of one run apart."""
    import pytest

    reason = why_not()
    if reason:
        pytest.skip(reason)
    made = Box(f"{tag}{os.getpid() % 100000}", homes=homes)
    try:
        made.create()
    except RuntimeError as err:
        made.remove()
        pytest.skip(f"cannot run Facilitator as another user here: {err}")
    except BaseException:
        made.remove()  # never leave users behind
        raise
    yield made
    made.remove()
