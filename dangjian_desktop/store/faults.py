"""Telling a full disk or a failing disk apart from a damaged database, so that nobody restores an old backup
over a healthy file because a message said it was damaged.

SQLite reports a full disk as SQLITE_FULL ("database or disk is full"), or, when it cannot make a temporary
or -shm file, as "disk I/O error"; after SQLITE_FULL it has rolled back already, so peewee's own ROLLBACK then
fails with "cannot rollback - no transaction is active", which hides the cause. All of these become one
sentence that names the disk and how much room is left.
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from dangjian_desktop.store.connection import DatabaseError

# SQLite's primary result codes (the sqlite3 module names them only from Python 3.11 on)
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL = 5, 6, 8, 10, 13
LOW_SPACE = 64 * 2**20  # less than this left: an I/O error is taken for a full disk
_FULL = ("database or disk is full", "no space left on device", "disk quota exceeded")
_IO = ("disk i/o error", "cannot rollback - no transaction is active")


class DiskFullError(DatabaseError):
    """The disk (or the user's quota) is full: nothing was written; the database is healthy."""


class ReadOnlyError(DatabaseError):
    """The database file (or its folder) may not be written: nothing was saved."""


def sqlite_code(error: BaseException) -> int | None:
    """SQLite's primary result code of an error, or of the error peewee wrapped (Python 3.11 and later)."""
    for candidate in (error, error.__cause__, error.__context__):
        code = getattr(candidate, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF
    return None


def is_busy(error: BaseException) -> bool:
    """Another connection holds the write lock (SQLITE_BUSY or SQLITE_LOCKED)."""
    code = sqlite_code(error)
    return code in (SQLITE_BUSY, SQLITE_LOCKED) if code is not None else (
        "locked" in str(error) or "busy" in str(error))


def disk_fault(error: BaseException, where: Path | None) -> DatabaseError | None:
    """The Chinese error for a full or failing disk, or a read-only file, under `where` (the database or a
    file being written), or None when `error` is something else. SQLite's result code decides where there
    is one; the words of the message otherwise (older Pythons, and peewee's failed ROLLBACK after SQLITE_FULL)."""
    text = str(error).lower()
    if "read-only transaction" in text:  # PostgreSQL, for a user who may only read (ServerDatabase.read_only)
        return ReadOnlyError("当前用户只能查看这个党支部的记录，不能修改；刚才的改动没有保存。")
    code = sqlite_code(error)
    if code == SQLITE_READONLY or "readonly database" in text or getattr(error, "errno", None) == errno.EROFS:
        return ReadOnlyError(f"{where or '数据库文件'} 是只读的（文件的属性，或所在的文件夹、U 盘不允许写入），"
                             "刚才的改动没有保存，数据没有丢失也没有损坏。请取消只读，或把文件复制到可以写入的文件夹再打开。")
    full = (code == SQLITE_FULL or getattr(error, "errno", None) in (errno.ENOSPC, errno.EDQUOT)
            or any(w in text for w in _FULL))
    if not full and code != SQLITE_IOERR and not any(w in text for w in _IO):
        return None
    folder = _existing_folder(where)
    free = shutil.disk_usage(folder).free if folder else None
    if full or (free is not None and free < LOW_SPACE):
        room = f"只剩约 {free / 2**20:.0f} MB" if free is not None else "已满"
        need = _size(where)
        more = f"，还需约 {max(1, need // 2**20)} MB" if need else ""
        return DiskFullError(f"磁盘空间不足：{folder or where} 所在的磁盘{room}{more}。操作没有完成，"
                             "数据库没有改动，也没有损坏；请腾出空间（或换一个位置）后再试。")
    return DatabaseError(f"无法写入临时文件，或读写磁盘时出错（{folder or where}）：操作没有完成。数据库本身没有损坏；"
                         "请检查这个文件夹是否可以写入、磁盘是否正常，然后再试。")


def _existing_folder(where: Path | None) -> Path | None:
    if where is None:
        return None
    folder = Path(where)
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder if folder.is_dir() else None


def _size(where: Path | None) -> int:
    """Roughly what an operation on the database needs: its size (a backup copies it, an upgrade rewrites it)."""
    try:
        return Path(where).stat().st_size if where and Path(where).is_file() else 0
    except OSError:
        return 0
