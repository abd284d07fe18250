"""Backups with SQLite's backup API (consistent while the app runs), their rotation, and restoring one.

Automatic backups live in `backups/` beside the database, named after it:
`<name>-daily-YYYY-MM-DD.db` (the last 7 kept), `<name>-monthly-YYYY-MM.db` (the last 12 kept),
`<name>-before-upgrade-vN-YYYYMMDD-HHMMSS.db` and `<name>-before-restore-YYYYMMDD-HHMMSS.db` (all kept).
A manual backup is `党建台账备份-<name>-YYYYMMDD-HHMMSS.db` in the chosen folder. Every backup is a
self-contained database file (rollback journal mode), checked with `quick_check` before it gets its final name;
the files of its attachments are in the store `attachments/` beside it, shared by the backups of that folder.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from dangjian_desktop.store import attachment_files
from dangjian_desktop.store.connection import DatabaseError, database_path
from dangjian_desktop.store.faults import disk_fault
from dangjian_desktop.store.file_check import check_backup_file, readonly_connect
from dangjian_desktop.store.permissions import create_like, folder_like

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


def stamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")


def free_name(path: Path) -> Path:
    """`path`, or `path` with -2, -3 … when a file of that name exists."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def copy_database(source: sqlite3.Connection, target: Path, *, page_size: int | None = None,
                  like: Path | None = None) -> Path:
    """Copy a database with the backup API into `target` (replaced atomically), checked and self-contained,
    with the permissions of the database `like` (owner-only where it is)."""
    folder_like(target.parent, like)
    part = target.with_name(target.name + ".part")
    create_like(part, like)
    dest = sqlite3.connect(part, isolation_level=None)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
        if page_size and dest.execute("PRAGMA page_size").fetchone()[0] != page_size:
            dest.execute(f"PRAGMA page_size={int(page_size)}")
            dest.execute("VACUUM")
        result = dest.execute("PRAGMA quick_check").fetchone()[0]
    except BaseException as exc:
        dest.close()
        part.unlink(missing_ok=True)
        fault = disk_fault(exc, target) if isinstance(exc, Exception) else None
        if fault is not None:  # the backup's disk is full: the database is fine
            raise fault from exc
        raise
    dest.close()
    if result != "ok":
        part.unlink(missing_ok=True)
        raise DatabaseError(f"备份 {target} 未通过完整性检查（{result[:80]}），已放弃这份备份。")
    os.replace(part, target)
    return target


def _copy_live(database: Path, target: Path) -> Path:
    """Back up through a connection of its own: it reads the last committed state, never waits for a
    transaction of the app's (the app's own connection would hang in one) and never sees half of one. Then the
    attachments' files the copy needs go into the store beside it (only those it lacks; see attachment_files)."""
    with closing(readonly_connect(database)) as source:
        copy_database(source, target, like=database)
    attachment_files.copy_for(target, attachment_files.store_of(database), attachment_files.store_of(target),
                              like=database)
    return target


def backup_to(folder: str | Path) -> Path:
    """Back up the open database into `folder` (a USB stick, say); return the new file."""
    database = database_path()
    if database is None:
        raise DatabaseError("还没有打开数据库。")
    return _copy_live(database, free_name(Path(folder) / f"党建台账备份-{database.stem}-{stamp()}.db"))


def backup_encrypted(folder: str | Path, password: str) -> Path:
    """Back up the open database and its attachments into one AES-encrypted zip in `folder` (a USB stick): the
    plain copy is made in a temporary folder beside the database and never reaches the stick."""
    from dangjian_desktop.store.encrypted import check_password, write_encrypted

    database = database_path()
    if database is None:
        raise DatabaseError("还没有打开数据库。")
    check_password(password)
    out = free_name(folder_like(Path(folder), database) / f"党建台账加密备份-{database.stem}-{stamp()}.zip")
    local = folder_like(backups_dir(database), database)
    with tempfile.TemporaryDirectory(prefix=".encrypt-", dir=local) as work:
        plain = _copy_live(database, Path(work) / f"{database.stem}.db")
        entries = [(plain, plain.name)]
        entries += [(p, p.relative_to(work).as_posix()) for p in sorted(Path(work, attachment_files.STORE_NAME).rglob("*"))
                    if p.is_file()]
        return write_encrypted(out, entries, password)


def backup_named(database: Path, label: str) -> Path:
    """An automatic backup of the database into its backups folder: `<name>-<label>-<time>.db`."""
    return _copy_live(database, free_name(backups_dir(database) / f"{database.stem}-{label}-{stamp()}.db"))


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


SQLITE_SIDE_FILES = ("", "-journal", "-wal", "-shm")  # a copy made in WAL mode leaves its -wal when killed
STALE_AFTER = dt.timedelta(minutes=10)  # a temporary file untouched this long belongs to no running copy


def stale_temporaries(database: Path, now: dt.datetime | None = None) -> list[Path]:
    """Half-written files that a killed backup or restore of this database left in its backups folder:
    only this program's own names (`<name>-….db.part`, `.restore-….db` and its `.part`, each with its journal,
    -wal and -shm), and only when nothing has touched them for a while (a running backup keeps writing its file)."""
    folder = backups_dir(database)
    if not folder.is_dir():
        return []
    cutoff = (now or dt.datetime.now()) - STALE_AFTER
    stem = glob_escape(database.stem)
    names = (f"{stem}-*.db.part", ".restore-*.db", ".restore-*.db.part")
    patterns = [name + suffix for name in names for suffix in SQLITE_SIDE_FILES]
    found = {p for pattern in patterns for p in folder.glob(pattern) if p.is_file()}
    return sorted(p for p in found if dt.datetime.fromtimestamp(p.stat().st_mtime) < cutoff)


def remove_stale_temporaries(database: Path) -> list[Path]:
    """Remove what `stale_temporaries` finds; a file that cannot be removed is left for the next time."""
    removed = []
    for leftover in stale_temporaries(database):
        try:
            leftover.unlink()
        except OSError:
            continue
        removed.append(leftover)
    return removed


def rotate(database: Path) -> list[Path]:
    """Delete daily and monthly backups beyond the last 7 and 12 (by the date in the name), and what killed
    backups and restores left behind; return them."""
    folder = backups_dir(database)
    removed: list[Path] = remove_stale_temporaries(database)
    for kind, keep, pattern in (("daily", KEEP_DAILY, r"\d{4}-\d{2}-\d{2}"),
                                ("monthly", KEEP_MONTHLY, r"\d{4}-\d{2}")):
        name_re = re.compile(rf"^{re.escape(database.stem)}-{kind}-({pattern})\.db$")
        files = sorted((p for p in folder.glob(f"{glob_escape(database.stem)}-{kind}-*.db")
                        if name_re.match(p.name)), key=lambda p: p.name, reverse=True)
        for old in files[keep:]:
            old.unlink()
            removed.append(old)
    return removed


def same_file(a: Path | None, b: Path | None) -> bool:
    return a is not None and b is not None and Path(a).resolve() == Path(b).resolve()


def latest_good_backup(database: Path) -> Path | None:
    """The newest file in the database's backups folder that passes the restore checks."""
    for candidate in backup_files(database):
        try:
            check_backup_file(candidate)
        except DatabaseError:
            continue
        return candidate
    return None
