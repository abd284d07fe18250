"""Unusable files (damaged, not a database, another program's, from a newer app): refused before any write.

Every command answers in Chinese naming the file, exits with 1, prints no traceback, and leaves the file
byte-for-byte as it was with no -wal/-shm beside it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_backup import BAD_FILES, digest, make_damaged

from dangjian_desktop.store.connection import DatabaseError, close_database
from dangjian_desktop.store.file_check import UnusableDatabaseError
from dangjian_desktop.store.session import open_database, open_session

ROOT = Path(__file__).resolve().parent.parent
UNUSABLE = {k: v for k, v in BAD_FILES.items() if k != "empty file"}  # an empty file becomes a new database
COMMANDS = {
    "report roster": ["report", "roster", "--out", "{out}.pdf"],
    "export": ["export", "--out", "{out}.xlsx"],
    "backup": ["backup"],
    "import": ["import", "{out}.xlsx"],
}


def run_cli(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", UNUSABLE)
def test_commands_refuse_an_unusable_file_without_touching_it(tmp_path, kind, command):
    path = UNUSABLE[kind](tmp_path / "branch.db")
    close_database()
    before, listing = digest(path), sorted(os.listdir(tmp_path))
    argv = [a.format(out=tmp_path / "out") for a in COMMANDS[command]]
    done = run_cli(*argv, "--db", str(path))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stderr.startswith("错误：数据库文件") and str(path) in done.stderr
    assert digest(path) == before
    assert sorted(os.listdir(tmp_path)) == [*listing, *(["branch.db.lock"] if command == "import" else [])]


@pytest.mark.parametrize("kind", UNUSABLE)
def test_opening_explains_the_problem_in_chinese(tmp_path, kind):
    path = UNUSABLE[kind](tmp_path / "branch.db")
    close_database()
    before = digest(path)
    with pytest.raises(UnusableDatabaseError) as info:
        open_database(path)
    expected = {"text file": "不是党建台账的数据库文件", "damaged": "已损坏", "newer version": "更新版本",
                "another program's database": "不是党建台账的数据库"}[kind]
    assert expected in str(info.value) and str(path) in str(info.value)
    assert "程序没有改动这个文件" in str(info.value)
    assert digest(path) == before and sorted(os.listdir(tmp_path)) == ["branch.db"]


def test_a_damaged_file_beside_a_leftover_wal_is_checked_read_only(tmp_path):
    path = make_damaged(tmp_path / "branch.db")
    wal = tmp_path / "branch.db-wal"
    wal.write_bytes(b"")
    before = digest(path)
    with pytest.raises(UnusableDatabaseError):
        open_session(path, writer=True)
    assert digest(path) == before and wal.read_bytes() == b""


def test_the_app_start_refuses_a_damaged_file_and_releases_the_lock(tmp_path):
    path = make_damaged(tmp_path / "branch.db")
    with pytest.raises(DatabaseError):
        open_session(path, writer=True)
    fine = tmp_path / "fine.db"
    open_session(fine, writer=True).close()
    # the lock on the damaged file was let go: a second attempt gives the same answer, not "in use"
    with pytest.raises(UnusableDatabaseError):
        open_session(path, writer=True)
