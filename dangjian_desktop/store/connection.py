"""The SQLite connection: one deferred peewee database, the pragmas that keep it safe, connect and close.

Only `session.py` decides which file is connected (after checking and upgrading it); the rest of the
core reaches the records through the models bound to `db`.
"""

from __future__ import annotations

from pathlib import Path

from peewee import SqliteDatabase

# WAL with synchronous=FULL: a committed write survives a power cut; foreign keys enforced; what a delete
# frees is zeroed (a purged member's 身份证号 is not left readable in the file's free space).
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,
    "busy_timeout": 5000,
    "secure_delete": 1,
}

db = SqliteDatabase(None)


class DatabaseError(Exception):
    """A database that cannot be opened or used; the message is Chinese and names the file."""


def connect(path: Path) -> SqliteDatabase:
    """Bind the models to the file at `path` and connect this thread (the file is created if missing)."""
    close_database()
    db.init(str(path), pragmas=PRAGMAS)
    db.connect(reuse_if_open=True)
    return db


def close_database() -> None:
    """Close this thread's connection (other threads' connections close with their threads)."""
    if db.database is not None and not db.is_closed():
        db.close()


def database_path() -> Path | None:
    return Path(db.database) if db.database else None
