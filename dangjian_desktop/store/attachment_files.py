"""The files of attachments: a content-addressed store in the folder `attachments/` beside a database file (the
live one, its backups folder, a USB stick's folder of backups), each file named by its SHA-256 under a folder of
its first two hex digits. A file is written once and never changed, so the same photo attached twice, or kept
by many backups, is stored once; a backup copies only what its store lacks.

Decided by measurement (README, 附件): beside the database rather than in it, because the automatic backups (7
daily, 12 monthly) would each copy every photo again, and a database of a thousand photos would take seconds
to back up every day instead of a fraction of one.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from dangjian_desktop.store.faults import disk_fault
from dangjian_desktop.store.permissions import create_like, folder_like

STORE_NAME = "attachments"
CHUNK = 1 << 20


def store_of(database: Path) -> Path:
    """The store of a database file (or of a backup file): the folder beside it."""
    return Path(database).parent / STORE_NAME


def path_in(store: Path, sha256: str) -> Path:
    return store / sha256[:2] / sha256


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def put(store: Path, data: bytes, like: Path | None = None) -> str:
    """Keep `data` in the store (once); its SHA-256. Written beside its place and moved in, so a killed write
    leaves no half file under a good name. A full disk is said as such."""
    sha = digest(data)
    target = path_in(store, sha)
    if target.is_file() and target.stat().st_size == len(data):
        return sha
    _write(target, lambda part: part.write_bytes(data), like)
    return sha


def _write(target: Path, write, like: Path | None) -> None:
    try:
        folder_like(target.parent, like)
        part = target.with_name(f".{target.name}.{os.getpid()}.part")
        create_like(part, like)
        try:
            write(part)
            os.replace(part, target)
        finally:
            part.unlink(missing_ok=True)
    except OSError as exc:
        fault = disk_fault(exc, target)
        if fault is not None:
            raise fault from exc
        raise


def state(store: Path, sha256: str) -> str:
    """"ok", "missing", or "damaged" (its content no longer has the hash it is named by)."""
    path = path_in(store, sha256)
    if not path.is_file():
        return "missing"
    return "ok" if file_digest(path) == sha256 else "damaged"


@dataclass(frozen=True)
class CopyResult:
    copied: int
    present: int  # already in the target store, not copied again
    missing: tuple[str, ...]  # not in the source store
    damaged: tuple[str, ...]  # in the source store with other content than its name says


def copy_into(hashes: Iterable[str], source: Path, target: Path, like: Path | None = None) -> CopyResult:
    """Make sure the target store holds every file of `hashes`, copied from the source store and checked on the
    way; what the source lacks or holds damaged is listed, never fatal (the rest is copied all the same)."""
    copied = present = 0
    missing: list[str] = []
    damaged: list[str] = []
    for sha in sorted(set(hashes)):
        if not sha:
            continue
        to = path_in(target, sha)
        if to.is_file():  # named by its content: the same file
            present += 1
            continue
        origin = path_in(source, sha)
        if not origin.is_file():
            missing.append(sha)
            continue
        data = origin.read_bytes()
        if digest(data) != sha:
            damaged.append(sha)
            continue
        _write(to, lambda part, data=data: part.write_bytes(data), like)
        copied += 1
    return CopyResult(copied, present, tuple(missing), tuple(damaged))


def hashes_in(database: Path) -> set[str]:
    """Every file a database file's attachments need (removed ones too: they can be restored), read on a
    connection of its own (a backup, a file being restored, the live file)."""
    from dangjian_desktop.store.file_check import readonly_connect

    with closing(readonly_connect(database)) as connection:
        try:
            rows = connection.execute("SELECT sha256, original_sha256 FROM attachment").fetchall()
        except sqlite3.OperationalError:  # a file from before attachments
            return set()
    return {sha for row in rows for sha in row if sha}


def copy_for(database: Path, source_store: Path, target_store: Path, like: Path | None = None) -> CopyResult:
    """Copy the files a database file needs from one store into another (a backup's, the live one)."""
    return copy_into(hashes_in(database), source_store, target_store, like)
