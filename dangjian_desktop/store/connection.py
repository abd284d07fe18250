"""The connection: one peewee database proxy the models are bound to, over a SQLite file (the pragmas that keep
it safe) or a PostgreSQL server (a postgresql:// URL); connect and close.

Only `session.py` decides what is connected (after checking and upgrading it); the rest of the core reaches the
records through the models bound to `db`.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from urllib.parse import unquote, urlparse

from peewee import Database, DatabaseProxy, PostgresqlDatabase, SqliteDatabase

# WAL with synchronous=FULL: a committed write survives a power cut; foreign keys enforced; what a delete
# frees is zeroed (a purged member's 身份证号 is not left readable in the file's free space).
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,
    "busy_timeout": 5000,
    "secure_delete": 1,
}

db = DatabaseProxy()
SERVER_SCHEMES = ("postgresql", "postgres")


class DatabaseError(Exception):
    """A database that cannot be opened or used; the message is Chinese and names the file."""


class ServerDatabase(PostgresqlDatabase):
    """A PostgreSQL database holding several branches, each in a schema of its own (see store.tree): the
    unqualified tables the models name are those of `schema`, the one this connection works in."""

    schema = "public"
    read_only = False  # a user who may only read: the server itself refuses every write of the session

    def _settings(self) -> tuple[str, str]:
        return (f'SET search_path TO "{self.schema}"',
                f"SET default_transaction_read_only TO {'on' if self.read_only else 'off'}")

    def _initialize_connection(self, conn) -> None:
        with conn.cursor() as cursor:
            for statement in self._settings():
                cursor.execute(statement)
        conn.commit()  # a new connection: nothing else is in its transaction

    def use_schema(self, schema: str) -> None:
        """Work in `schema` from now on, on this thread's connection and on those opened later. Inside a
        transaction the change is part of it (undone with it by a rollback; `read_only` counts from the next)."""
        self.schema = schema
        if not self.is_closed():
            for statement in self._settings():
                self.execute_sql(statement)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name to be had (getpass raises OSError or KeyError)
        return ""


_acting_user = [_login_name()]


def acting_user() -> str:
    """Who makes the changes written now, for the history: the signed-in user on a server, else the login name."""
    return _acting_user[0]


def set_acting_user(name: str) -> None:
    _acting_user[0] = name[:60]


def is_server(target: str | Path) -> bool:
    """A postgresql:// URL rather than a file."""
    return isinstance(target, str) and urlparse(target).scheme in SERVER_SCHEMES


def server_database(url: str) -> ServerDatabase:
    """The PostgreSQL database a URL names: postgresql://user:password@host:port/name, or a socket folder as
    ?host=/path (psycopg 3)."""
    parts = urlparse(url)
    options = dict(item.split("=", 1) for item in parts.query.split("&") if "=" in item)
    return ServerDatabase(unquote(parts.path.lstrip("/")), user=unquote(parts.username or "") or None,
                              password=unquote(parts.password or "") or None,
                              host=unquote(options.get("host", parts.hostname or "")) or None,
                              port=parts.port or (int(options["port"]) if options.get("port", "").isdigit() else None))


def connect(target: str | Path) -> Database:
    """Bind the models to the file at `target` (created if missing) or the server a URL names, and connect this
    thread."""
    close_database()
    database = server_database(target) if is_server(target) else SqliteDatabase(str(target), pragmas=PRAGMAS)
    db.initialize(database)
    db.connect(reuse_if_open=True)
    return database


def on_server() -> bool:
    return isinstance(db.obj, PostgresqlDatabase)


def is_open() -> bool:
    """A database is connected on this thread (a fresh process has none: the proxy is not even bound)."""
    return db.obj is not None and not db.is_closed()


def close_database() -> None:
    """Close this thread's connection (other threads' connections close with their threads)."""
    if is_open():
        db.close()


def database_path() -> Path | None:
    """The open database file (None without one, or on a server)."""
    if db.obj is None or on_server() or not db.obj.database:
        return None
    return Path(db.obj.database)
