"""A TinyDB Storage that never leaves a half-written file behind.

TinyDB's JSONStorage rewrites its file in place, so a crash or a full disk can cut it off.
This one writes a temp file beside it, fsyncs, renames over the original and fsyncs the
folder: after a crash the file is either the old one or the new one, never a mix.
"""

from __future__ import annotations

import fcntl
import grp
import json
import os
import pwd
import re
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from facilitator.errors import StoreError

Signature = tuple[int, int, int]


class Damaged(StoreError):
    """A file that is not what Facilitator wrote: refused, never touched; `recover` can help."""

    hinted = False  # its message already says how to recover


# What Facilitator never stores (meeting/text.py refuses it on the way in), as it can appear in JSON: an
# escape (\u001b, \r, a lone surrogate) or the raw UTF-8 of DEL, C1 controls, direction controls
# and line separators. A file holding one was not written by Facilitator, and its text would reach
# a terminal as escape sequences.
# One pattern per first byte: the regex engine skips quickly to a pattern's fixed first byte, but
# tries every position for an alternation of them (several times slower: docs/performance.md).
_RAW_CONTROL = tuple(
    re.compile(pattern) for pattern in (rb"\x7f", rb"\xc2[\x80-\x9f]", rb"\xe2(?:\x80[\xa8-\xae]|\x81[\xa6-\xa9])")
)
_ESCAPE = re.compile(rb"\\[bfru]")


def control_in(raw: bytes) -> str | None:
    """The first control character a JSON text holds in its strings, as an escape, or None.
    (A fraction of what parsing the same text costs: docs/performance.md.)"""
    raw_ones = [match for pattern in _RAW_CONTROL if (match := pattern.search(raw)) is not None]
    if raw_ones:
        plain = min(raw_ones, key=lambda match: match.start())
        return plain.group().decode("utf-8").encode("unicode_escape").decode("ascii")
    for found in _ESCAPE.finditer(raw):
        at = found.start()
        before = at
        while before and raw[before - 1] == 0x5C:
            before -= 1
        if (at - before) % 2:
            continue  # this backslash is itself escaped: an ordinary letter follows
        if raw[at + 1] != 0x75:  # \b \f \r
            return "\\" + chr(raw[at + 1])
        try:
            value = int(raw[at + 2 : at + 6], 16)
        except ValueError:
            continue
        if 0xD800 <= value <= 0xDBFF and _surrogate(raw, at + 6, 0xDC00):
            continue  # a pair: one character beyond the BMP, written as ASCII
        if 0xDC00 <= value <= 0xDFFF and _surrogate(raw, at - 6, 0xD800):
            continue
        if (value < 0x20 and value not in (0x09, 0x0A)) or 0x7F <= value <= 0x9F or 0xD800 <= value <= 0xDFFF:
            return f"\\u{value:04x}"
        if 0x202A <= value <= 0x202E or 0x2066 <= value <= 0x2069 or value in (0x2028, 0x2029):
            return f"\\u{value:04x}"
    return None


def _surrogate(raw: bytes, at: int, low: int) -> bool:
    """Is there a \\uXXXX escape at `at` in the surrogate range starting at `low`?"""
    if at < 0 or raw[at : at + 2] != b"\\u":
        return False
    try:
        return low <= int(raw[at + 2 : at + 6], 16) <= low + 0x3FF
    except ValueError:
        return False


def signature(path: Path) -> Signature | None:
    """(inode, size, mtime_ns): cheap to poll, changes whenever another process writes."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def who_am_i() -> str:
    """The OS user by uid (the environment's USER can say anything)."""
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return f"uid {os.geteuid()}"


def group_name(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def denied(path: str | os.PathLike[str] | None) -> str:
    """Why this user may not use `path`, in one line: in a shared folder, which group it belongs to."""
    me = who_am_i()
    if path is None:
        return f"permission denied (as {me})"
    target = Path(path)
    for folder in [target, *target.parents]:
        try:
            st = os.stat(folder)
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode) and st.st_mode & stat.S_ISGID:
            group = group_name(st.st_gid)
            if st.st_gid not in (os.getegid(), *os.getgroups()):
                return (
                    f"{folder} is shared by the group '{group}' and {me} is not in it: ask whoever runs this machine "
                    f"to add you (adduser {me} {group}), then log in again"
                )
            return (
                f"{me} may not use {target}, although it is in the folder shared by the group '{group}': "
                f"its mode should be 0660 (files) or 2770 (folders); ask its owner to fix it"
            )
    return f"{me} may not use {target} (permission denied)"


def check_safe(path: Path) -> None:
    """Refuse a file that is a symlink or that anyone on the machine could change."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except PermissionError:
        raise StoreError(denied(path)) from None
    if stat.S_ISLNK(st.st_mode):
        raise StoreError(f"{path} is a symbolic link; Facilitator does not follow links: put the real file there")
    if not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{path} is not a regular file")
    if st.st_mode & stat.S_IWOTH:
        raise StoreError(f"{path} is writable by anyone on this machine; fix it with: chmod o-w {path}")


def file_mode_for(folder: Path) -> int:
    """0600 in a private folder; 0660 in a shared (setgid) one made by init-shared."""
    try:
        return 0o660 if os.stat(folder).st_mode & stat.S_ISGID else 0o600
    except FileNotFoundError:
        return 0o600


def open_created(path: Path, flags: int) -> int:
    """Open a file beside the meetings, creating it with the folder's mode (0600, or 0660 in a
    shared folder) whatever the umask: the umask would leave the other members unable to use it."""
    mode = file_mode_for(path.parent)
    flags |= os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(path, flags | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        return os.open(path, flags)
    try:
        os.fchmod(fd, mode)
    except OSError:
        os.close(fd)
        raise
    return fd


def read_json(path: Path) -> Any:
    """Parse a file without following a symlink; a damaged file is reported, never touched."""
    raw = read_bytes(path)
    if raw is None:
        return None
    if not raw.strip():
        raise Damaged(f"{path} is empty (damaged); it was left untouched")
    control = control_in(raw)
    try:
        # Decoded as json.loads(raw) would, and the bytes let go before parsing: a long meeting
        # is megabytes of them, held on top of the parsed file otherwise.
        text = raw.decode(json.detect_encoding(raw), "surrogatepass")
        del raw
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise Damaged(f"{path} is damaged (not valid JSON: {err}); it was left untouched") from None
    except RecursionError:
        raise Damaged(f"{path} is damaged (not valid JSON: nested too deep); it was left untouched") from None
    if control is not None:
        raise Damaged(f"{path} is damaged (it holds a control character, {control}); it was left untouched")
    return data


def read_bytes(path: Path) -> bytes | None:
    """A file's bytes without following a symlink (None if there is no file)."""
    check_safe(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except PermissionError:
        raise StoreError(denied(path)) from None
    except OSError as err:
        raise StoreError(f"cannot read {path}: {err.strerror}") from None
    try:
        with os.fdopen(fd, "rb") as f:
            raw = f.read()
    except OSError as err:  # a folder where the file should be, a failing disk
        raise StoreError(f"cannot read {path}: {err.strerror}") from None
    return raw


def write_atomically(path: Path, payload: bytes | Iterable[bytes], mode: int | None = None) -> None:
    """Replace `path` with `payload` (bytes, or the pieces of a long copy) or leave it as it was."""
    folder = path.parent
    check_safe(path)
    if mode is None:
        try:
            mode = stat.S_IMODE(os.lstat(path).st_mode) & 0o770
        except FileNotFoundError:
            mode = file_mode_for(folder)
    tmp = folder / f".{path.name}.{os.getpid()}.{os.urandom(3).hex()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
        try:
            os.fchmod(fd, mode)  # the umask must not narrow a shared folder's 0660
            for piece in [payload] if isinstance(payload, bytes) else payload:
                view = memoryview(piece)
                while view:
                    view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as err:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        why = err.strerror or str(err)
        if isinstance(err, PermissionError):  # no temp file could be made: the folder is closed to us
            why = denied(folder if err.filename == str(tmp) else path)
        elif isinstance(err, FileNotFoundError):
            why = f"its folder {folder} is gone (deleted or unmounted?)"
        raise StoreError(f"could not save {path}: {why}; nothing was changed") from None
    dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def remove_stale_temps(path: Path) -> int:
    """Temp files are only made under the lock, so any found while holding it are leftovers."""
    removed = 0
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            leftover.unlink()
            removed += 1
        except OSError:
            pass
    return removed


class JsonFile:
    """A JSON file written atomically and read through a parse cache keyed by its signature.
    Under TinyDB it is the storage (tinydb_files.py); a meeting's store reads and writes it
    directly, so that opening a meeting need not import TinyDB."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._cache: dict[str, Any] | None = None
        self._sig: Signature | None = None

    def read(self) -> dict[str, Any] | None:
        sig = signature(self.path)
        if sig is not None and sig == self._sig and self._cache is not None:
            return self._cache
        data = read_json(self.path)
        if data is not None and not isinstance(data, dict):
            raise Damaged(f"{self.path} is damaged (not a TinyDB database); it was left untouched")
        self._cache, self._sig = data, sig
        return data

    def write(self, data: dict[str, Any]) -> None:
        self._cache = None
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        write_atomically(self.path, payload)
        self._cache, self._sig = data, signature(self.path)

    def forget(self) -> None:
        """Let go of the parsed file (a meeting's events are folded, not kept: held, they would be its largest part)."""
        self._cache, self._sig = None, None

    def close(self) -> None:
        self._cache = None


def read_exactly(path: Path, expected: Signature | None) -> bytes | None:
    """The file's bytes if it is still the very file `expected` describes (inode, size, mtime),
    else None. Checked on the open file, so it cannot be swapped between the look and the read."""
    if expected is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if (st.st_ino, st.st_size, st.st_mtime_ns) != expected:
            return None
        raw = os.pread(fd, st.st_size, 0)
    except OSError:
        return None
    finally:
        os.close(fd)
    return raw if len(raw) == st.st_size else None


def with_rows_added(raw: bytes, rows: dict[str, Any]) -> bytes | None:
    """A TinyDB file whose last table gets `rows` appended, written without parsing the file;
    None when its text does not end as a non-empty last table does (`...}}`)."""
    body = raw.rstrip()
    if not body.endswith(b"}}"):
        return None
    head = body[:-2].rstrip()
    if not head.endswith(b"}"):  # the last table's last row
        return None
    dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    added = ",".join(f"{dump(key)}:{dump(row)}" for key, row in rows.items())
    return head + b"," + added.encode("utf-8") + b"}}"


def ensure_folder(folder: Path) -> None:
    """Create a private folder (0700), or check that an existing one is safe to use."""
    check_safe(folder)  # first: in a shared folder of another group, says so in one line
    if not folder.exists():
        try:
            folder.mkdir(parents=True, mode=0o700)
        except PermissionError:
            raise StoreError(f"cannot create {folder}: {denied(folder)}") from None
        except OSError as err:
            raise StoreError(f"cannot create {folder}: {err.strerror}") from None
        if folder.parent.exists() and os.stat(folder.parent).st_mode & 0o2000:
            os.chmod(folder, 0o2770)  # inside a shared folder, stay shared
    check_safe(folder)


@contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    check_safe(lock_path)
    try:
        fd = open_created(lock_path, os.O_RDWR)
    except PermissionError:
        raise StoreError(f"cannot lock {lock_path}: {denied(lock_path)}") from None
    except FileNotFoundError:
        raise StoreError(f"cannot lock {lock_path}: its folder is gone (deleted or unmounted?)") from None
    except OSError as err:
        raise StoreError(f"cannot lock {lock_path}: {err.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
