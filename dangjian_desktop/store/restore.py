"""Restoring a backup over a database: check the backup, save the current file, copy, reopen."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from dangjian_desktop.store import attachment_files
from dangjian_desktop.store.backup import (
    backup_named,
    backups_dir,
    copy_database,
    free_name,
    same_file,
    stamp,
)
from dangjian_desktop.store.connection import DatabaseError, close_database, database_path, db, is_open
from dangjian_desktop.store.faults import is_busy
from dangjian_desktop.store.file_check import UnusableDatabaseError, check_backup_file, readonly_connect
from dangjian_desktop.store.permissions import folder_like
from dangjian_desktop.store.session import open_database


def _refuse_while_written(database: Path) -> None:
    """Refuse while any connection, of any thread or process, holds a write transaction on the file.

    A connection's own `in_transaction` sees only itself: the restore runs on a worker thread, and the
    window's connection is another one. Taking the write lock without waiting asks SQLite itself.
    """
    probe = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            raise DatabaseError("数据库正在写入，请稍后再恢复。") from exc
        raise
    finally:
        probe.close()


@dataclass(frozen=True)
class Contents:
    """What a database file holds, to set a backup beside the current file before replacing one by the other."""

    path: Path
    saved_at: dt.datetime  # the file's last change
    branch: str  # 支部名称 as set there ("" when never set)
    members: int  # on the rolls (正常)
    meetings: int
    activities: int
    latest: dt.date | None  # the newest meeting or activity date

    def lines(self) -> list[tuple[str, str]]:
        """(label, text) as the restore question and the restore command show them."""
        return [("保存时间", f"{self.saved_at:%Y-%m-%d %H:%M}"), ("支部名称", self.branch or "（未设置）"),
                ("在册党员", f"{self.members} 人"), ("会议", f"{self.meetings} 次"), ("活动", f"{self.activities} 项"),
                ("最近一条记录", self.latest.isoformat() if self.latest else "（没有记录）")]

    def describe(self) -> str:
        return "，".join(f"{label} {text}" for label, text in self.lines())


def contents_of(path: str | Path) -> Contents:
    """Read, without writing, what the database file at `path` holds; a bad file raises as the checks do
    (UnusableDatabaseError, or the disk fault)."""
    path = Path(path)
    check_backup_file(path)
    with closing(readonly_connect(path)) as connection:
        def one(sql: str):
            return connection.execute(sql).fetchone()[0]

        raw = connection.execute("SELECT value FROM setting WHERE key = 'branch_name'").fetchone()
        try:
            branch = json.loads(raw[0]) if raw else ""
        except ValueError:
            branch = ""
        latest = one("SELECT MAX(d) FROM (SELECT MAX(date) AS d FROM meeting UNION ALL SELECT MAX(date) FROM activity)")
        return Contents(path, dt.datetime.fromtimestamp(path.stat().st_mtime), branch if isinstance(branch, str) else "",
                        one("SELECT COUNT(*) FROM member WHERE status = '正常'"), one("SELECT COUNT(*) FROM meeting"),
                        one("SELECT COUNT(*) FROM activity"), dt.date.fromisoformat(latest[:10]) if latest else None)


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    safety_backup: Path | None  # the current database as it was, when it could be opened
    set_aside: Path | None  # the unusable file moved aside untouched, when it could not
    attachments: attachment_files.CopyResult | None = None  # the backup's attachment files, copied in

    def attachment_problems(self) -> str:
        """What of the backup's attachments could not be brought back (the records are restored all the same)."""
        found = self.attachments
        if found is None or not (found.missing or found.damaged):
            return ""
        parts = [f"{len(found.missing)} 个附件文件在备份旁的 attachments 文件夹中找不到"] if found.missing else []
        parts += [f"{len(found.damaged)} 个附件文件已损坏"] if found.damaged else []
        return "；".join(parts) + "，这些附件将显示为缺失。"


@contextmanager
def decrypted(file: str | Path, password: str, database: Path) -> Iterator[Path]:
    """The database file inside an encrypted backup, decrypted with its attachments into a temporary folder
    beside `database` (removed afterwards); a wrong password raises PasswordError, nothing changed."""
    from dangjian_desktop.store.encrypted import extract_encrypted

    folder = folder_like(backups_dir(database), database)
    with tempfile.TemporaryDirectory(prefix=".decrypt-", dir=folder) as work:
        extract_encrypted(Path(file), password, Path(work))
        found = sorted(Path(work).glob("*.db"))
        if len(found) != 1:
            raise DatabaseError(f"{Path(file).name} 不是本程序的加密备份（其中没有数据库文件）。")
        yield found[0]


def restore_from(file: str | Path, database: str | Path | None = None) -> RestoreResult:
    """Replace the database with a backup: check the backup, save the current one, copy, reopen.

    `database` defaults to the open one. A bad backup is refused before anything changes. A current file
    that cannot be opened (damaged, newer) is not backed up but moved aside untouched (`set_aside`).
    """
    source = Path(file)
    check_backup_file(source)
    target = Path(database) if database is not None else database_path()
    if target is None:
        raise DatabaseError("还没有打开数据库。")
    if same_file(target, source):
        raise DatabaseError(f"{source} 就是当前数据库，不能从它自己恢复。")
    usable = True
    try:
        if target.exists() and (not is_open() or not same_file(database_path(), target)):
            open_database(target)
    except UnusableDatabaseError:
        usable = False
    if not target.exists() or (target.is_file() and target.stat().st_size == 0):
        usable = False
    if not usable:
        aside = set_aside(target) if target.exists() else None
        with closing(readonly_connect(source)) as connection:
            copy_database(connection, target)
        attachments = attachment_files.copy_for(source, attachment_files.store_of(source),
                                                attachment_files.store_of(target), like=target)
        open_database(target)
        return RestoreResult(target, None, aside, attachments)
    _refuse_while_written(target)
    live = db.connection()
    safety = backup_named(target, "before-restore")
    attachments = attachment_files.copy_for(source, attachment_files.store_of(source),
                                            attachment_files.store_of(target), like=target)
    page_size = live.execute("PRAGMA page_size").fetchone()[0]
    staging = backups_dir(target) / f".restore-{stamp()}.db"
    try:
        with closing(readonly_connect(source)) as connection:
            copy_database(connection, staging, page_size=page_size, like=target)
        staged = sqlite3.connect(staging)
        try:
            staged.backup(live)
        finally:
            staged.close()
    finally:
        staging.unlink(missing_ok=True)
    close_database()
    open_database(target)
    return RestoreResult(target, safety, None, attachments)


def set_aside(database: Path) -> Path:
    """Move an unusable database (and its -wal/-shm) aside by renaming: its bytes are never touched."""
    if same_file(database_path(), database):
        close_database()
    aside = free_name(database.with_name(f"{database.name}.unusable-{stamp()}"))
    for suffix in ("-wal", "-shm"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    os.replace(database, aside)
    return aside
