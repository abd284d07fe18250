"""Checking a database file before anything writes to it: is it ours, healthy, and not from a newer app.

The checks open the file read-only: `immutable=1` when there is no `-wal` file (no side files are
created at all), else `mode=ro` beside a possibly running app. SQLite never writes the main file of a
read-only connection, so a damaged, foreign or newer file stays byte-for-byte as it was.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from dangjian_desktop.store import migrations
from dangjian_desktop.store.connection import DatabaseError
from dangjian_desktop.store.faults import disk_fault

SQLITE_HEADER = b"SQLite format 3\x00"
SQLITE_MESSAGES = {
    "database disk image is malformed": "数据页已损坏",
    "file is not a database": "文件头或首页已损坏",
    "unable to open database file": "文件无法打开",
}
# Tables every version of our schema has; a file without them is some other program's database.
CORE_TABLES = frozenset({"member", "meeting", "attendance", "activity", "partner", "rectification", "change"})


class UnusableDatabaseError(DatabaseError):
    """A file that must not be opened: not a database, damaged, foreign or from a newer app."""

    def __init__(self, path: Path, reason: str, problem: str):
        self.path, self.reason, self.problem = path, reason, problem
        self.backup: Path | None = None
        self.backups_searched = False  # set, with `backup`, when the database itself could not be opened
        super().__init__(self.describe())

    def offer(self, backup: Path | None) -> None:
        """Name the latest good automatic backup (or say there is none) in the message: for the database
        being opened, not for a file chosen to restore from."""
        self.backup, self.backups_searched = backup, True
        self.args = (self.describe(),)

    def describe(self) -> str:
        text = f"数据库文件 {self.path} {self.problem}程序没有改动这个文件。"
        if self.backup is not None:
            made = dt.datetime.fromtimestamp(self.backup.stat().st_mtime)
            text += f"最近一份完好的备份是 {self.backup}（{made:%Y-%m-%d %H:%M}），可以用它恢复。"
        elif self.backups_searched and self.reason != "newer":
            text += "没有找到可用的自动备份。"
        return text


@dataclass(frozen=True)
class FileInfo:
    version: int
    tables: frozenset[str]


def readonly_connect(path: Path) -> sqlite3.Connection:
    """A read-only connection that never writes the file; see the module docstring."""
    uri = path.resolve().as_uri()  # file:///C:/… on Windows; non-ASCII, '?', '#' and '%' escaped
    wal = path.with_name(path.name + "-wal")
    uri += "?mode=ro" if wal.exists() else "?immutable=1"
    return sqlite3.connect(uri, uri=True)


def inspect_file(path: Path, *, integrity: bool = True) -> FileInfo:
    """Schema version and tables of an existing, healthy SQLite file; UnusableDatabaseError otherwise.

    `integrity` runs SQLite's `quick_check` over every page (50 ms at ten years of records, growing with
    the file); without it only the header and the schema are read."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except IsADirectoryError:
        raise UnusableDatabaseError(path, "not_database", "是一个文件夹，不是数据库文件。") from None
    except OSError as exc:
        raise DatabaseError(f"无法读取数据库文件 {path}（{exc.strerror or exc}）。") from exc
    if header != SQLITE_HEADER:
        raise UnusableDatabaseError(path, "not_database", "不是党建台账的数据库文件（也不是 SQLite 数据库）。")
    try:
        connection = readonly_connect(path)
        try:
            result = [row[0] for row in connection.execute("PRAGMA quick_check")] if integrity else ["ok"]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = frozenset(row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"))
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        fault = disk_fault(exc, path)  # a full disk (no room for the -shm) is no damaged file
        if fault is not None:
            raise fault from exc
        detail = SQLITE_MESSAGES.get(str(exc), str(exc))
        raise UnusableDatabaseError(path, "damaged", f"已损坏，无法读取（{detail}）。") from exc
    if result != ["ok"]:
        raise UnusableDatabaseError(path, "damaged", f"已损坏：完整性检查未通过（{result[0][:80]}）。")
    return FileInfo(version, tables)


def check_database_file(path: str | Path, *, integrity: bool = True) -> None:
    """Refuse a file that is not a database, is damaged, is another program's or from a newer app.

    A missing or empty file is fine: it becomes a new database.
    """
    path = Path(path)
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return
    info = inspect_file(path, integrity=integrity)
    if info.version > migrations.SCHEMA_VERSION:
        raise UnusableDatabaseError(path, "newer", f"来自更新版本的党建台账（结构版本 {info.version}，"
                                    f"本程序支持到 {migrations.SCHEMA_VERSION}），请升级程序后再打开。")
    user_tables = {t for t in info.tables if not t.startswith("sqlite_")}
    if (info.version or user_tables) and not CORE_TABLES <= info.tables:
        raise UnusableDatabaseError(path, "foreign", "不是党建台账的数据库（缺少党员、会议等数据表）。")


def check_backup_file(path: str | Path) -> FileInfo:
    """A file chosen to restore from: a healthy database of ours, not from a newer app."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise UnusableDatabaseError(path, "not_database", "不存在或是空文件。")
    info = inspect_file(path)
    if info.version > migrations.SCHEMA_VERSION:
        raise UnusableDatabaseError(path, "newer", f"来自更新版本的党建台账（结构版本 {info.version}），"
                                    "本程序无法使用，请升级程序。")
    if info.version < 1 or not CORE_TABLES <= info.tables:
        raise UnusableDatabaseError(path, "foreign", "不是党建台账的数据库或备份。")
    return info
