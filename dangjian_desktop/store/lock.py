"""One writer per database: an OS file lock on `<database>.lock`, held for as long as the app runs.

The lock is the operating system's (fcntl.flock on Linux and macOS, msvcrt.locking on Windows), not the
file's existence: when a process ends in any way, even killed or after a power cut, the OS lets go, so a
lock file left by a crashed process is simply taken over by the next start. The file is never deleted
(deleting it would let two processes lock two different files); it holds the holder's pid, computer and
start time, only to name them in the refusal message. A holder that lets go in order leaves a note
there instead (`release(note)`), which the next holder reads (`previous_note`): how the file was left.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import sys
import tempfile
from pathlib import Path

from dangjian_desktop.store.connection import DatabaseError

# On Windows a locked byte cannot be read by others, so the lock sits past the text that names the holder.
_WINDOWS_LOCK_OFFSET = 1 << 16


class DatabaseLockedError(DatabaseError):
    """Another running copy of the app (or a command) is using the database."""

    def __init__(self, database: Path, holder: str):
        self.database = database
        self.holder = holder
        who = f"（{holder}）" if holder else ""
        super().__init__(f"数据库文件 {database} 正在被另一个党建台账窗口或命令使用{who}。"
                         "同一时间只能有一处修改它：请先关闭另一处，再重试。")


def lock_path(database: str | Path) -> Path:
    database = Path(database)
    return database.with_name(database.name + ".lock")


class DatabaseLock:
    """Exclusive lock for one database file; `acquire()` raises DatabaseLockedError when it is taken."""

    def __init__(self, database: str | Path):
        self.database = Path(database).resolve()
        self.path = lock_path(self.database)
        self._fd: int | None = None
        self._identity_fd: int | None = None  # the lock on the file itself, whatever name it is opened by
        self.previous_note = ""  # what the last holder wrote when it let go in order; "" after a crash

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> DatabaseLock:
        if self._fd is not None:
            return self
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as exc:
            raise DatabaseError(f"无法在数据库旁创建锁文件 {self.path}（{exc.strerror or exc}），"
                                "请确认该文件夹可以写入。") from exc
        if not _try_lock(fd):
            os.close(fd)
            raise DatabaseLockedError(self.database, read_holder(self.database))
        try:
            self._identity_fd = _lock_identity(self.database)
        except BaseException:
            _unlock(fd)
            os.close(fd)
            raise
        self._fd = fd
        left = _read_text(fd)
        self.previous_note = "" if "pid=" in left else left.strip()
        _write_text(fd, f"pid={os.getpid()} host={socket.gethostname()} since={dt.datetime.now():%Y-%m-%d %H:%M:%S}\n")
        return self

    def release(self, note: str = "") -> None:
        """Let go; `note` (one line) replaces the holder's text, for the next holder to read."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if self._identity_fd is not None:
            identity, self._identity_fd = self._identity_fd, None
            _unlock(identity)
            os.close(identity)
        try:
            if note:
                try:
                    _write_text(fd, note.strip() + "\n")
                except OSError:
                    pass  # the note only spares the next start a check; it runs when the note is missing
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> DatabaseLock:
        return self.acquire()

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def identity_lock_path(database: Path) -> Path | None:
    """Where the lock on the database file itself lives: named by its device and inode, so that two names of
    one file (a hard link) meet there; None for a file that does not exist yet (it can have no other name)."""
    try:
        info = os.stat(database)
    except OSError:
        return None
    return Path(tempfile.gettempdir()) / "dangjian_desktop-locks" / f"{info.st_dev}-{info.st_ino}.lock"


def _lock_identity(database: Path) -> int | None:
    path = identity_lock_path(database)
    if path is None:
        return None
    try:
        path.parent.mkdir(mode=0o1777, parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
    except OSError:
        return None  # no shared folder for it: the lock beside the file still holds for its own name
    if not _try_lock(fd):
        os.close(fd)
        raise DatabaseLockedError(database, "同一个文件正以另一个名字（硬链接）被打开")
    return fd


def _read_text(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 4096).decode("utf-8", errors="replace")


def _write_text(fd: int, text: str) -> None:
    data = text.encode("utf-8")
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, data)
    os.ftruncate(fd, len(data))


def read_holder(database: str | Path) -> str:
    """Who holds the lock, in Chinese (进程 1234，电脑 X，自 …起), or '' when unknown."""
    try:
        text = lock_path(database).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    parts = dict(item.split("=", 1) for item in text.split() if "=" in item)
    if "pid" not in parts:
        return ""
    since = text.split("since=", 1)[1].strip() if "since=" in text else ""
    return f"进程 {parts['pid']}，电脑 {parts.get('host', '?')}" + (f"，自 {since} 起" if since else "")


if sys.platform.startswith("win"):
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
