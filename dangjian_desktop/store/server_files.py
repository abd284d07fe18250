"""Attachments' files on a server: kept once by their SHA-256 in the tree's table (`AttachmentContent`), for every
branch and every PC, and copied on demand into a cache folder on this PC, so that the viewer, the printouts and the
archive read them as files, as they read those beside a database file."""

from __future__ import annotations

import re
from pathlib import Path

from dangjian_desktop.common.paths import user_data_dir
from dangjian_desktop.store import attachment_files
from dangjian_desktop.store.connection import db
from dangjian_desktop.store.tree import AttachmentContent


def local_store() -> Path:
    """This PC's cache of the server's files (one folder per server and database)."""
    params = db.obj.connect_params
    where = f"{params.get('host') or 'localhost'}-{params.get('port') or 5432}-{db.obj.database}"
    return user_data_dir() / "server-attachments" / re.sub(r"[^\w.-]+", "_", where)


def upload(sha256: str, data: bytes) -> None:
    """Keep a file on the server (nothing when it is there already); in the caller's transaction."""
    AttachmentContent.insert(sha256=sha256, data=data).on_conflict_ignore().execute()


def fetch(sha256: str) -> Path:
    """The file in this PC's cache, copied from the server when the cache lacks it (or holds it damaged); the path
    is returned also when the server lacks it (it is then missing)."""
    store = local_store()
    path = attachment_files.path_in(store, sha256)
    if attachment_files.state(store, sha256) != "ok":
        row = AttachmentContent.get_or_none(AttachmentContent.sha256 == sha256)
        if row is not None:
            attachment_files.put(store, bytes(row.data))
    return path


def missing(hashes: set[str]) -> set[str]:
    """Those of `hashes` the server does not hold."""
    if not hashes:
        return set()
    held = {sha for (sha,) in AttachmentContent.select(AttachmentContent.sha256)
            .where(AttachmentContent.sha256.in_(sorted(hashes))).tuples()}
    return hashes - held
