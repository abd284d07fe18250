"""What a killed backup or restore leaves in the backups folder (half-written `.part` files, the staging copy of
a restore) is removed at the next start; real backups, and files a running copy is still writing, are kept."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dangjian_desktop.store import backup
from dangjian_desktop.store.connection import close_database
from dangjian_desktop.store.session import open_session

ROOT = Path(__file__).resolve().parent.parent


def _age(path: Path, minutes: int) -> None:
    then = time.time() - minutes * 60
    os.utime(path, (then, then))


def test_stale_leftovers_go_and_real_backups_stay(tmp_path):
    database = tmp_path / "branch.db"
    open_session(database, writer=True).close()  # makes today's backups
    folder = backup.backups_dir(database)
    real = sorted(folder.glob("*.db"))
    assert real
    old = [folder / "branch-manual-20260101-120000.db.part", folder / "branch-daily-2026-01-01.db.part-journal",
           folder / ".restore-20260101-120000.db", folder / ".restore-20260101-120000.db.part",
           folder / "branch-manual-20260101-120001.db.part-wal", folder / "branch-manual-20260101-120001.db.part-shm"]
    fresh = folder / "branch-manual-20261204-120000.db.part"  # a backup another copy is writing now
    other = folder / "notes.db.part"  # not of this program's naming
    for path in (*old, fresh, other):
        path.write_bytes(b"x" * 100)
    for path in (*old, other):
        _age(path, 30)
    for path in real:
        _age(path, 30)
    open_session(database, writer=True).close()
    assert not any(p.exists() for p in old)
    assert fresh.exists() and other.exists() and all(p.exists() for p in real)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".restore-") or ".part" in p.name)


CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from dangjian_desktop.store import backup, restore
    from dangjian_desktop.store.session import open_session
    database, source, action = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    open_session(database, writer=False)
    print("ready", flush=True)
    while True:
        if action == "backup":
            backup.backup_named(database, "manual")
        else:
            restore.restore_from(source, database)
""")


@pytest.mark.parametrize("action", ["backup", "restore"])
def test_killed_backups_and_restores_leave_nothing_after_the_next_start(tmp_path, monkeypatch, action):
    database = tmp_path / "branch.db"
    open_session(database, writer=False)
    close_database()
    with sqlite3.connect(database) as conn:  # some megabytes, so that a kill lands in the middle of a copy
        conn.execute("CREATE TABLE filler (x TEXT)")
        conn.executemany("INSERT INTO filler VALUES (?)", [("填" * 2000,) for _ in range(1500)])
    source = backup.backup_named(database, "source")
    rng = random.Random(7)
    folder = backup.backups_dir(database)
    for kill in range(12):  # a few kills; more only until one has landed in the middle of a copy
        if kill >= 4 and _leftovers(folder):
            break
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(database), str(source), action], cwd=ROOT,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.4))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert _leftovers(folder)  # the kills did leave half-written files
    monkeypatch.setattr(backup, "STALE_AFTER", dt.timedelta(0))  # as if the next start came a while later
    session = open_session(database, writer=True)
    try:
        assert _leftovers(folder) == []
        with sqlite3.connect(database) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("SELECT COUNT(*) FROM filler").fetchone() == (1500,)
    finally:
        session.close()
