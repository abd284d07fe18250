"""One writer: a second opener is refused naming the file; a lock left by a killed process is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dangjian_desktop.store.lock import DatabaseLock, DatabaseLockedError, lock_path
from dangjian_desktop.store.session import open_session

ROOT = Path(__file__).resolve().parent.parent

HOLDER = textwrap.dedent("""
    import sys, time
    from dangjian_desktop.store.session import open_session
    session = open_session(sys.argv[1], writer=True)
    print("locked", flush=True)
    time.sleep(60)
""")


def hold_in_subprocess(path: Path) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                               text=True)
    assert process.stdout.readline().strip() == "locked"
    return process


def test_a_second_opener_in_the_same_process_is_refused(tmp_path):
    path = tmp_path / "branch.db"
    session = open_session(path, writer=True)
    try:
        with pytest.raises(DatabaseLockedError) as info:
            open_session(path, writer=True)
        assert str(path.resolve()) in str(info.value)
        assert f"进程 {os.getpid()}" in str(info.value)
    finally:
        session.close()
    open_session(path, writer=True).close()  # released: the next start succeeds


@pytest.mark.skipif(sys.platform.startswith("win"), reason="uses SIGKILL")
def test_another_running_app_refuses_and_a_killed_ones_lock_is_taken_over(tmp_path):
    path = tmp_path / "branch.db"
    holder = hold_in_subprocess(path)
    try:
        with pytest.raises(DatabaseLockedError) as info:
            DatabaseLock(path).acquire()
        assert f"进程 {holder.pid}" in str(info.value) and "正在被另一个" in str(info.value)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert lock_path(path).exists()  # the crashed process left its lock file behind
    session = open_session(path, writer=True)
    session.close()


def test_a_stale_lock_file_from_a_dead_process_is_taken_over(tmp_path):
    path = tmp_path / "branch.db"
    lock_path(path).write_text("pid=999999 host=old-pc since=2025-01-01 08:00:00\n", encoding="utf-8")
    with DatabaseLock(path) as lock:
        assert lock.held
        assert f"pid={os.getpid()}" in lock_path(path).read_text(encoding="utf-8")


@pytest.mark.skipif(sys.platform.startswith("win"), reason="uses SIGKILL")
def test_writing_commands_are_refused_while_the_app_has_the_file(tmp_path):
    from dangjian_desktop.store.backup import backup_named
    from dangjian_desktop.store.connection import close_database
    from dangjian_desktop.store.session import open_database

    path = tmp_path / "branch.db"
    open_database(path)
    saved = backup_named(path, "manual")
    close_database()
    holder = hold_in_subprocess(path)
    try:
        for argv in (["restore", str(saved)], ["import", str(tmp_path / "x.xlsx")]):
            done = subprocess.run([sys.executable, "main.py", *argv, "--db", str(path)], cwd=ROOT,
                                  capture_output=True, text=True, timeout=60)
            assert done.returncode == 1 and "Traceback" not in done.stderr
            assert "正在被另一个党建台账窗口或命令使用" in done.stderr and str(path) in done.stderr
        # reading commands still work beside the running app
        done = subprocess.run([sys.executable, "main.py", "backup", "--db", str(path)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()


def test_a_reading_command_upgrades_an_old_file_only_under_the_lock(tmp_path):
    import shutil
    import sqlite3

    path = tmp_path / "旧版.db"
    shutil.copyfile(ROOT / "tests" / "data" / "schema" / "version-3.db", path)

    def version() -> int:
        with sqlite3.connect(path) as conn:
            return conn.execute("PRAGMA user_version").fetchone()[0]

    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys, time
        from dangjian_desktop.store.lock import DatabaseLock
        lock = DatabaseLock(sys.argv[1]).acquire()  # a copy of the program holding the file, not upgrading it
        print("locked", flush=True)
        time.sleep(60)
    """), str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    try:
        done = subprocess.run([sys.executable, "main.py", "report", "roster", "--db", str(path), "--out",
                               str(tmp_path / "花名册.pdf")], cwd=ROOT, capture_output=True, text=True)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert done.returncode != 0 and "正在被另一个党建台账窗口或命令使用" in done.stderr and "要先升级" in done.stderr
    assert version() == 3 and not (tmp_path / "花名册.pdf").exists()
    done = subprocess.run([sys.executable, "main.py", "report", "roster", "--db", str(path), "--out",
                           str(tmp_path / "花名册.pdf")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and version() > 3 and (tmp_path / "花名册.pdf").exists()


@pytest.mark.skipif(sys.platform.startswith("win"), reason="hard links made with os.link on POSIX")
def test_a_hard_link_to_an_open_database_is_refused(tmp_path):
    path = tmp_path / "branch.db"
    open_session(path, writer=True).close()
    other = tmp_path / "另一个名字.db"
    os.link(path, other)
    session = open_session(path, writer=True)
    try:
        with pytest.raises(DatabaseLockedError) as info:
            open_session(other, writer=True)
        assert "硬链接" in str(info.value)
    finally:
        session.close()
    open_session(other, writer=True).close()  # once the first lets go, the other name opens
