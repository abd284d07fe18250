"""Opening a database, in one place: lock, file check, connect, backup before an upgrade, upgrade, daily backup.

`open_session` returns the `Session` that the window, the command line and the tests are handed; there
is no module-level "current database". A writer (the window, a command that changes records) holds the
file's one-writer lock for as long as the session lives.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dangjian_desktop.store import migrations, models, tree
from dangjian_desktop.store.backup import (
    backup_named,
    backups_dir,
    daily_backup,
    glob_escape,
    latest_good_backup,
    remove_stale_temporaries,
)
from dangjian_desktop.store.connection import DatabaseError, close_database, connect, db
from dangjian_desktop.store.file_check import UnusableDatabaseError, check_database_file
from dangjian_desktop.store.lock import DatabaseLock


def seed_defaults() -> None:
    """The rows every new database (and every new branch on a server) starts with: the default activity
    categories."""
    for order, (name, unit, role) in enumerate(models.DEFAULT_ACTIVITY_CATEGORIES):
        models.ActivityCategory.create(name=name, unit=unit, sort_order=order, role=role)


def open_database(path: str | Path, *, integrity: bool = True,
                  before_upgrade: Callable[[], None] | None = None) -> None:
    """Check the file read-only, connect, back it up if its schema is old, and bring the schema up to date.

    A damaged, foreign or newer file is refused before anything writes to it; the refusal names the
    latest good backup. A missing file becomes a new database at the newest schema. `integrity` is the
    page-by-page check (see `needs_integrity_check` for when a writer may skip it).
    """
    path = Path(path)
    close_database()
    length = len(str(path.absolute()).encode("utf-8"))
    if length > MAX_PATH_BYTES:
        raise DatabaseError(f"数据库文件的路径太长（{length} 字节，SQLite 最多约 {MAX_PATH_BYTES} 字节，约 170 个汉字）："
                            f"{path}。请把文件放到路径较短的文件夹里再打开。")
    try:
        check_database_file(path, integrity=integrity)
    except UnusableDatabaseError as exc:
        if exc.reason != "newer":
            exc.offer(latest_good_backup(path))
        raise
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"无法创建数据库所在文件夹：{path.parent}（{exc.strerror or exc}）") from exc
    try:
        connect(path)
        version = migrations.schema_version(db)
        if version == 0 and not db.get_tables():
            migrations.create_schema(db, models.ALL_MODELS, seed_defaults)
        elif migrations.pending_steps(db):
            if before_upgrade is not None:
                before_upgrade()
            saved = _before_upgrade_backup(path, version)
            try:
                migrations.migrate(db)
            except Exception as exc:
                close_database()
                raise DatabaseError(
                    f"数据库文件 {path} 的结构升级没有成功（从结构版本 {version} 升级时出错："
                    f"{exc}）。文件保持升级前的样子，没有改动；升级前的备份在 {saved}。"
                    "请把这个文件和备份交给维护人员检查。") from exc
    except DatabaseError:
        close_database()
        raise
    except Exception as exc:  # sqlite3 errors: not a database, locked, unreadable
        close_database()
        raise DatabaseError(f"无法打开数据库文件：{path}（{exc}）") from exc


def open_server(url: str, branch: int | None = None) -> None:
    """Connect to a PostgreSQL database (a postgresql:// URL), making the organisation tree's tables when it has
    none, and work on `branch` (its schema brought up to date), or on the tree only. The server keeps its own
    backups and concurrency; there is no file to check or lock."""
    close_database()
    try:
        connect(url)
        tree.prepare_tree()
        if branch is not None:
            tree.enter_branch(branch)
    except DatabaseError:
        close_database()
        raise
    except Exception as exc:  # psycopg's errors: no server there, a wrong password, no such database
        close_database()
        raise DatabaseError(f"无法连接数据库服务器：{_without_password(url)}（{exc}）") from exc


def _without_password(url: str) -> str:
    from urllib.parse import urlparse

    parts = urlparse(url)
    return url.replace(f":{parts.password}@", ":***@") if parts.password else url


MAX_PATH_BYTES = 500  # SQLite's limit (512) less the room of the "-wal" and "-journal" names beside it


def _before_upgrade_backup(path: Path, version: int) -> Path:
    """The copy made before upgrading from `version`: the one made at an earlier try when the file has not
    changed since (a failed upgrade changes nothing), else a new one."""
    changed = path.stat().st_mtime
    earlier = [p for p in backups_dir(path).glob(f"{glob_escape(path.stem)}-before-upgrade-v{version}-*.db")
               if p.stat().st_mtime >= changed]
    return max(earlier, key=lambda p: p.stat().st_mtime) if earlier else backup_named(path, f"before-upgrade-v{version}")


# -- when the page-by-page check may be skipped ----------------------------------------------------
#
# A writer leaves a note in the lock file when it closes in order: the day of the last full check and
# the file's size and modification time after closing. The next writer skips the check only when the
# note is there (the last session closed cleanly), the file is exactly as that session left it (nothing
# outside the program touched it: a copy, a sync, another program) and the check already ran today.
# A crash, a file changed elsewhere or a new day brings the check back; the daily backup checks its copy
# too, and SQLite reports a damaged page it meets during work as an error, never as data.

def _stamp(path: Path) -> str:
    """The file's size and modification time, and its -wal's (a clean close leaves none)."""
    parts = []
    for file in (path, path.with_name(path.name + "-wal")):
        try:
            stat = file.stat()
            parts.append(f"{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append("-")
    return "/".join(parts)


def _note(checked_on: dt.date, path: Path) -> str:
    return f"closed checked={checked_on.isoformat()} stamp={_stamp(path)}"


def needs_integrity_check(note: str, path: Path, today: dt.date) -> bool:
    """Whether a writer opening `path` runs the full check, from the note the last writer left."""
    fields = dict(item.split("=", 1) for item in note.split() if "=" in item)
    return not (note.startswith("closed ") and fields.get("checked") == today.isoformat()
                and fields.get("stamp") == _stamp(path))


@dataclass
class Session:
    """An open database file; for a writer, the held one-writer lock and any warning of today's backup."""

    path: Path
    lock: DatabaseLock | None = None
    backup_warning: str = ""
    checked_on: dt.date | None = None  # the day of the last full check of the file

    @property
    def read_only(self) -> bool:
        """The file, or its folder (SQLite writes its -wal and -shm there), may not be written."""
        return not (os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK))

    def reopen(self) -> None:
        """Check, connect and upgrade the same file again (after a restore replaced its contents)."""
        open_database(self.path)

    def hand_over(self, path: str | Path) -> Session:
        """A writer's session on another file. Its lock is taken and it is opened before this session's
        lock is let go, so a refusal leaves this session's file in place (`reopen()` it to go on)."""
        if Path(path).resolve() == self.path.resolve():
            self.reopen()
            return self
        session = open_session(path, writer=True)
        self.release()
        return session

    def close(self) -> None:
        close_database()
        self.release()

    def release(self) -> None:
        """Let go of the lock, noting how the file is left (its connection closed or rebound already)."""
        if self.lock is not None:
            self.lock.release(_note(self.checked_on, self.path) if self.checked_on else "")


def open_session(path: str | Path, *, writer: bool, daily: bool | None = None,
                 lock: DatabaseLock | None = None) -> Session:
    """Open the database at `path`. A writer takes the lock first (or is handed `lock`, already held) and
    makes today's backup (`daily` defaults to `writer`); a failed daily backup does not stop the work, it
    comes back as `backup_warning`. A reader (tests, the read-only commands) takes neither, but for a file
    of an older schema: its upgrade is a write, done under the lock (DatabaseLockedError while another
    copy has the file), which the session then keeps."""
    path = Path(path)
    today = dt.date.today()
    lock = lock or (DatabaseLock(path).acquire() if writer else None)
    check = lock is None or needs_integrity_check(lock.previous_note, path, today)
    upgrade_lock = DatabaseLock(path) if lock is None else None
    try:
        open_database(path, integrity=check, before_upgrade=upgrade_lock.acquire if upgrade_lock else None)
        if upgrade_lock is not None and upgrade_lock.held:
            lock = upgrade_lock
    except BaseException:
        close_database()
        for held in (lock, upgrade_lock):
            if held is not None:
                held.release()
        raise
    session = Session(path, lock, checked_on=today)
    if lock is not None:
        remove_stale_temporaries(path)  # what a killed backup or restore left (the daily backup rotates too)
    if writer if daily is None else daily:
        try:
            daily_backup(path)
        except (OSError, DatabaseError, sqlite3.Error) as exc:
            session.backup_warning = f"今天的自动备份没有做成（{exc}），请检查数据库所在文件夹是否可以写入。"
    return session
