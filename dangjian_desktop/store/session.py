"""Opening a database, in one place: lock, file check, connect, backup before an upgrade, upgrade, daily backup.

`open_session` returns the `Session` that the window, the command line and the tests are handed; there
is no module-level "current database". A writer (the window, a command that changes records) holds the
file's one-writer lock for as long as the session lives.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from dangjian_desktop.store import migrations, models
from dangjian_desktop.store.backup import backup_named, daily_backup, latest_good_backup
from dangjian_desktop.store.connection import DatabaseError, close_database, connect, db
from dangjian_desktop.store.file_check import UnusableDatabaseError, check_database_file
from dangjian_desktop.store.lock import DatabaseLock


def _seed() -> None:
    """The rows every new database starts with: the default activity categories."""
    for order, (name, unit, role) in enumerate(models.DEFAULT_ACTIVITY_CATEGORIES):
        models.ActivityCategory.create(name=name, unit=unit, sort_order=order, role=role)


def open_database(path: str | Path) -> None:
    """Check the file read-only, connect, back it up if its schema is old, and bring the schema up to date.

    A damaged, foreign or newer file is refused before anything writes to it; the refusal names the
    latest good backup. A missing file becomes a new database at the newest schema.
    """
    path = Path(path)
    close_database()
    try:
        check_database_file(path)
    except UnusableDatabaseError as exc:
        if exc.reason != "newer":
            exc.backup = latest_good_backup(path)
            exc.args = (exc.describe(),)
        raise
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"无法创建数据库所在文件夹：{path.parent}（{exc.strerror or exc}）") from exc
    try:
        connect(path)
        version = migrations.schema_version(db)
        if version == 0 and not db.get_tables():
            migrations.create_schema(db, models.ALL_MODELS, _seed)
        else:
            if migrations.pending_steps(db):
                backup_named(path, f"before-upgrade-v{version}")
            migrations.migrate(db)
    except DatabaseError:
        close_database()
        raise
    except Exception as exc:  # sqlite3 errors: not a database, locked, unreadable
        close_database()
        raise DatabaseError(f"无法打开数据库文件：{path}（{exc}）") from exc


@dataclass
class Session:
    """An open database file; for a writer, the held one-writer lock and any warning of today's backup."""

    path: Path
    lock: DatabaseLock | None = None
    backup_warning: str = ""

    @property
    def writer(self) -> bool:
        return self.lock is not None and self.lock.held

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
        if self.lock is not None:
            self.lock.release()
        return session

    def close(self) -> None:
        close_database()
        if self.lock is not None:
            self.lock.release()


def open_session(path: str | Path, *, writer: bool, daily: bool | None = None) -> Session:
    """Open the database at `path`. A writer takes the lock first and makes today's backup (`daily`
    defaults to `writer`); a failed daily backup does not stop the work, it comes back as
    `backup_warning`. A reader (tests, the read-only commands) takes neither."""
    path = Path(path)
    lock = DatabaseLock(path).acquire() if writer else None
    try:
        open_database(path)
    except BaseException:
        close_database()
        if lock is not None:
            lock.release()
        raise
    session = Session(path, lock)
    if writer if daily is None else daily:
        try:
            daily_backup(path)
        except (OSError, DatabaseError, sqlite3.Error) as exc:
            session.backup_warning = f"今天的自动备份没有做成（{exc}），请检查数据库所在文件夹是否可以写入。"
    return session
