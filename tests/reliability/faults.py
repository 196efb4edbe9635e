"""What the reliability tests share: the real `facilitator` command in a child process, run as
an ordinary user (root would walk through every permission), with faults a test can set up:
a file-size limit (a full disk as a process sees it), a small tmpfs that really fills up.

Imported by the tests and the long harnesses; never collected as tests itself."""

from __future__ import annotations

import os
import pwd
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

FACILITATOR = str(Path(sys.executable).parent / "facilitator")
ROOT = os.geteuid() == 0


def facilitator() -> str:
    return FACILITATOR


CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 0, 1, 2, 3
PR_CAPBSET_DROP = 24


def ordinary_user() -> None:
    """In a child of root, before exec: drop the capabilities that walk through permissions, so
    that modes and owners mean to it what they mean to anyone. (It stays uid 0, so it can still
    run the interpreter, which may sit in root's home.)"""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def someone_else() -> tuple[int, int]:
    entry = pwd.getpwnam("nobody")
    return entry.pw_uid, entry.pw_gid


@contextmanager
def user_folder(prefix: str = "facilitator-") -> Iterator[Path]:
    """A fresh folder outside pytest's tree, which the tests may make read-only."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield folder
    finally:
        for parent, dirs, _ in os.walk(folder):
            for name in dirs:
                try:
                    os.chmod(os.path.join(parent, name), 0o700)
                except OSError:
                    pass
        shutil.rmtree(folder, ignore_errors=True)


class Cli:
    """The `facilitator` command as its own process, with root's permission bypass dropped."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = {**os.environ, "FACILITATOR_DATA_DIR": str(root), "TZ": "UTC"}
        self.env.pop("FACILITATOR_DEBUG", None)

    def run(self, *args: str, fsize: int | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        def prepare() -> None:
            if fsize is not None:
                # Files may not grow past `fsize` bytes: a write that would is cut short or fails
                # with EFBIG, as on a full disk. (Python ignores SIGXFSZ, so it is not killed.)
                resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
            if ROOT:
                ordinary_user()

        return subprocess.run(
            [FACILITATOR, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=prepare,
            check=False,
            cwd="/",
        )

    def ok(self, *args: str) -> str:
        done = self.run(*args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def new(self, title: str = "General assembly") -> str:
        return self.ok("new", title).split()[-1]


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def temp_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.tmp"))


def can_mount() -> bool:
    return ROOT and shutil.which("mount") is not None


@contextmanager
def small_tmpfs(size_kb: int = 256) -> Iterator[Path]:
    """A real filesystem of `size_kb` that fills up (root only: the caller skips otherwise)."""
    point = Path(tempfile.mkdtemp(prefix="facilitator-tmpfs-"))
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755", "tmpfs", str(point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        point.rmdir()
        raise OSError(f"cannot mount a tmpfs: {done.stderr.strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)
        point.rmdir()


def remount(point: Path, option: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{option}", str(point)], capture_output=True, check=True)


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the filesystem under `folder`, then free `leave` bytes. Returns the filler file."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    size = filler.stat().st_size
    os.truncate(filler, max(0, size - leave))
    return filler


Prepare = Callable[[], None]
