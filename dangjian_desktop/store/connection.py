"""The SQLite database: one deferred connection, the pragmas that keep it safe, open and close."""

from __future__ import annotations

from pathlib import Path

from peewee import SqliteDatabase

# WAL with synchronous=FULL: a committed write survives a power cut; foreign keys enforced.
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,
    "busy_timeout": 5000,
}

db = SqliteDatabase(None)


class DatabaseError(Exception):
    """A database that cannot be opened; the message is Chinese and names the file."""


def open_database(path: str | Path) -> SqliteDatabase:
    """Open (creating if needed) the database at `path` and bring its schema up to date.

    The file is checked read-only first (`opening.check_database_file`): a damaged, foreign or newer
    file is refused before anything writes to it. An existing database is backed up before a migration.
    """
    from dangjian_desktop.store import migrations
    from dangjian_desktop.store.file_check import check_database_file

    path = Path(path)
    if db.database is not None and not db.is_closed():
        db.close()
    check_database_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"无法创建数据库所在文件夹：{path.parent}（{exc.strerror or exc}）") from exc
    db.init(str(path), pragmas=PRAGMAS)
    try:
        db.connect(reuse_if_open=True)
        if migrations.pending_steps(db) and migrations.schema_version(db) >= 1:
            from dangjian_desktop.store.backup import backup_named

            backup_named(path, f"before-upgrade-v{migrations.schema_version(db)}")
        migrations.migrate(db)
    except DatabaseError:
        db.close()
        raise
    except Exception as exc:  # sqlite3 errors: not a database, locked, unreadable
        db.close()
        raise DatabaseError(f"无法打开数据库文件：{path}（{exc}）") from exc
    return db


def close_database() -> None:
    if db.database is not None and not db.is_closed():
        db.close()


def database_path() -> Path | None:
    return Path(db.database) if db.database else None
