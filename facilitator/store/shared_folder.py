"""A collective's shared data folder (`facilitator init-shared DIR --group GROUP`).

The folder and its `sessions/` are setgid 2770 and owned by the group: whatever a member writes
there belongs to the group, and the store creates every file 0660 whoever writes it (files.py
fchmods, so no umask narrows it). Anyone outside the group cannot even look inside.
"""

from __future__ import annotations

import grp
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from facilitator.errors import Refused
from facilitator.store import locations
from facilitator.store.files import who_am_i

FOLDER_MODE = 0o2770
FILE_MODE = 0o660


@dataclass
class Prepared:
    """What init-shared did, and what a member may still need to hear."""

    folder: Path
    group: str
    files: int = 0  # files already there, handed to the group
    warnings: list[str] = field(default_factory=list)


def group_id(group: str) -> int:
    try:
        return grp.getgrnam(group).gr_gid
    except KeyError:
        raise Refused(f"there is no group '{group}' on this machine: create it first (groupadd {group})") from None


def in_group(gid: int) -> bool:
    return os.geteuid() == 0 or gid in (os.getegid(), *os.getgroups())


def share(path: Path, gid: int, mode: int, group: str) -> None:
    """Hand one folder or file to the group with its mode; a link is never followed."""
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            raise Refused(f"{path} is a symbolic link; Facilitator does not follow links: put the real folder there")
        if st.st_gid != gid:
            os.chown(path, -1, gid, follow_symlinks=False)
        os.chmod(path, mode, follow_symlinks=False)
    except PermissionError:
        raise Refused(
            f"cannot hand {path} to the group '{group}': only its owner or root can (it belongs to {owner_of(path)})"
        ) from None


def owner_of(path: Path) -> str:
    import pwd

    uid = os.lstat(path).st_uid
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def make_folder(path: Path) -> None:
    if path.is_symlink():
        raise Refused(f"{path} is a symbolic link; Facilitator does not follow links: put the real folder there")
    if path.exists() and not path.is_dir():
        raise Refused(f"{path} exists and is not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except PermissionError:
        raise Refused(f"cannot create {path}: {who_am_i()} may not write in {path.parent}") from None


def unreachable(folder: Path, gid: int) -> Path | None:
    """The first folder above `folder` that members of the group cannot pass through, if any."""
    for parent in reversed(folder.resolve().parents):
        st = os.stat(parent)
        if st.st_mode & stat.S_IXOTH or (st.st_gid == gid and st.st_mode & stat.S_IXGRP):
            continue
        return parent
    return None


def init_shared(folder: Path, group: str) -> Prepared:
    """Make (or convert) `folder` into a data folder the whole group shares."""
    gid = group_id(group)
    if not in_group(gid):
        raise Refused(
            f"{who_am_i()} is not in the group '{group}', so cannot share a folder with it: "
            f"ask whoever runs this machine to add you (adduser {who_am_i()} {group}), then log in again"
        )
    folder = folder.expanduser()
    sessions = locations.sessions_dir(folder)
    done = Prepared(folder=folder, group=group)
    for path in (folder, sessions):
        make_folder(path)
        share(path, gid, FOLDER_MODE, group)
    # A private folder converted in place: what it already holds becomes the group's too
    # (meetings, their locks and journals, backups). Links are left alone, never followed.
    for top, folders, files in os.walk(folder):
        for name in sorted(folders):
            if not (Path(top) / name).is_symlink():
                share(Path(top) / name, gid, FOLDER_MODE, group)
        for name in sorted(files):
            path = Path(top) / name
            if path.is_symlink() or not path.is_file():
                continue
            share(path, gid, FILE_MODE, group)
            done.files += 1
    blocked = unreachable(folder, gid)
    if blocked is not None:
        done.warnings.append(
            f"members cannot reach {folder}: {blocked} is closed to them (chmod o+x {blocked}, or choose another place)"
        )
    return done
