"""Files made from the database (backups, exports, printouts) get the database file's own permissions: a
database readable by its owner only gives backups and exports readable by the owner only, and folders made
for them likewise. On Windows the files live in the user's own profile, and permissions are left to it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

DEFAULT_MODE = 0o644


def mode_like(database: Path | None) -> int:
    """The read and write bits of the database file (0o644 when there is none)."""
    try:
        return stat.S_IMODE(os.stat(database).st_mode) & 0o666 if database else DEFAULT_MODE
    except OSError:
        return DEFAULT_MODE


def create_like(path: Path, database: Path | None) -> Path:
    """Create `path` empty (or empty it) with the database's permissions, before anything is written to it."""
    mode = mode_like(database)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0), mode)
    os.close(fd)
    if os.name != "nt":
        os.chmod(path, mode)  # the umask may have taken bits off: exactly the database's
    return path


def folder_like(folder: Path, database: Path | None) -> Path:
    """Make `folder` (and its parents) if missing; a new one may be entered by those who may read the database."""
    if folder.is_dir():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    if os.name != "nt":
        mode = mode_like(database)
        os.chmod(folder, mode | (mode & 0o444) >> 2)  # r → r-x: 0600 → 0700, 0644 → 0755
    return folder
