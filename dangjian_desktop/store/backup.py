"""Backups with SQLite's backup API (consistent while the app runs), their rotation, and restoring one.

Automatic backups live in `backups/` beside the database, named after it:
`<name>-daily-YYYY-MM-DD.db` (the last 7 kept), `<name>-monthly-YYYY-MM.db` (the last 12 kept),
`<name>-before-upgrade-vN-YYYYMMDD-HHMMSS.db` and `<name>-before-restore-YYYYMMDD-HHMMSS.db` (all kept).
A manual backup is `党建台账备份-<name>-YYYYMMDD-HHMMSS.db` in the chosen folder. Every backup is a single
self-contained file (rollback journal mode), checked with `quick_check` before it gets its final name.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from dangjian_desktop.store.connection import DatabaseError, close_database, database_path, db, open_database
from dangjian_desktop.store.file_check import UnusableDatabaseError, check_backup_file, readonly_connect

KEEP_DAILY = 7
KEEP_MONTHLY = 12
BACKUP_DIR_NAME = "backups"


def backups_dir(database: Path) -> Path:
    return Path(database).parent / BACKUP_DIR_NAME


def backup_files(database: Path) -> list[Path]:
    """This database's automatic backups, newest first."""
    folder = backups_dir(database)
    if not folder.is_dir():
        return []
    prefix = Path(database).stem + "-"
    files = [p for p in folder.glob(f"{glob_escape(prefix)}*.db") if p.is_file()]
    return sorted(files, key=lambda p: (p.stat().st_mtime, "-daily-" in p.name, p.name), reverse=True)


def glob_escape(text: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", text)


def _stamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")


def _free_name(path: Path) -> Path:
    """`path`, or `path` with -2, -3 … when a file of that name exists."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def copy_database(source: sqlite3.Connection, target: Path, *, page_size: int | None = None) -> Path:
    """Copy a database with the backup API into `target` (replaced atomically), checked and self-contained."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    dest = sqlite3.connect(part, isolation_level=None)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
        if page_size and dest.execute("PRAGMA page_size").fetchone()[0] != page_size:
            dest.execute(f"PRAGMA page_size={int(page_size)}")
            dest.execute("VACUUM")
        result = dest.execute("PRAGMA quick_check").fetchone()[0]
    except BaseException:
        dest.close()
        part.unlink(missing_ok=True)
        raise
    dest.close()
    if result != "ok":
        part.unlink(missing_ok=True)
        raise DatabaseError(f"备份 {target} 未通过完整性检查（{result[:80]}），已放弃这份备份。")
    os.replace(part, target)
    return target


def _live_connection() -> sqlite3.Connection:
    if db.database is None:
        raise DatabaseError("还没有打开数据库。")
    return db.connection()


def _copy_live(database: Path, target: Path) -> Path:
    """Back up through a connection of its own: it reads the last committed state, never waits for a
    transaction of the app's (the app's own connection would hang in one) and never sees half of one."""
    with closing(readonly_connect(database)) as source:
        return copy_database(source, target)


def backup_to(folder: str | Path) -> Path:
    """Back up the open database into `folder` (a USB stick, say); return the new file."""
    database = database_path()
    if database is None:
        raise DatabaseError("还没有打开数据库。")
    return _copy_live(database, _free_name(Path(folder) / f"党建台账备份-{database.stem}-{_stamp()}.db"))


def backup_named(database: Path, label: str) -> Path:
    """An automatic backup of the database into its backups folder: `<name>-<label>-<time>.db`."""
    return _copy_live(database, _free_name(backups_dir(database) / f"{database.stem}-{label}-{_stamp()}.db"))


def daily_backup(database: Path, today: dt.date | None = None) -> Path | None:
    """Today's backup (and this month's) unless it exists; then keep the last 7 daily and 12 monthly."""
    today = today or dt.date.today()
    folder = backups_dir(database)
    daily = folder / f"{database.stem}-daily-{today.isoformat()}.db"
    if daily.exists():
        return None
    _copy_live(database, daily)
    monthly = folder / f"{database.stem}-monthly-{today:%Y-%m}.db"
    if not monthly.exists():
        shutil.copy2(daily, monthly)
    rotate(database)
    return daily


def rotate(database: Path) -> list[Path]:
    """Delete daily and monthly backups beyond the last 7 and 12 (by the date in the name); return them."""
    folder = backups_dir(database)
    removed: list[Path] = []
    for kind, keep, pattern in (("daily", KEEP_DAILY, r"\d{4}-\d{2}-\d{2}"),
                                ("monthly", KEEP_MONTHLY, r"\d{4}-\d{2}")):
        name_re = re.compile(rf"^{re.escape(database.stem)}-{kind}-({pattern})\.db$")
        files = sorted((p for p in folder.glob(f"{glob_escape(database.stem)}-{kind}-*.db")
                        if name_re.match(p.name)), key=lambda p: p.name, reverse=True)
        for old in files[keep:]:
            old.unlink()
            removed.append(old)
    return removed


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    safety_backup: Path | None  # the current database as it was, when it could be opened
    set_aside: Path | None  # the unusable file moved aside untouched, when it could not


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
    if _same_file(target, source):
        raise DatabaseError(f"{source} 就是当前数据库，不能从它自己恢复。")
    usable = True
    try:
        if target.exists() and (db.is_closed() or not _same_file(database_path(), target)):
            open_database(target)
    except UnusableDatabaseError:
        usable = False
    if not target.exists() or (target.is_file() and target.stat().st_size == 0):
        usable = False
    if not usable:
        aside = set_aside(target) if target.exists() else None
        with closing(readonly_connect(source)) as connection:
            copy_database(connection, target)
        open_database(target)
        return RestoreResult(target, None, aside)
    live = _live_connection()
    if live.in_transaction:
        raise DatabaseError("数据库正在写入，请稍后再恢复。")
    safety = backup_named(target, "before-restore")
    page_size = live.execute("PRAGMA page_size").fetchone()[0]
    staging = backups_dir(target) / f".restore-{_stamp()}.db"
    try:
        with closing(readonly_connect(source)) as connection:
            copy_database(connection, staging, page_size=page_size)
        staged = sqlite3.connect(staging)
        try:
            staged.backup(live)
        finally:
            staged.close()
    finally:
        staging.unlink(missing_ok=True)
    close_database()
    open_database(target)
    return RestoreResult(target, safety, None)


def set_aside(database: Path) -> Path:
    """Move an unusable database (and its -wal/-shm) aside by renaming: its bytes are never touched."""
    if _same_file(database_path(), database):
        close_database()
    aside = _free_name(database.with_name(f"{database.name}.unusable-{_stamp()}"))
    for suffix in ("-wal", "-shm"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    os.replace(database, aside)
    return aside


def _same_file(a: Path | None, b: Path | None) -> bool:
    return a is not None and b is not None and Path(a).resolve() == Path(b).resolve()
