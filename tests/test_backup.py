"""Backups and restore: the same records after a round trip, bad files refused without a change, rotation."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
from conftest import on_server
from factories import (
    activity_data,
    database_contents,
    full_member_data,
    meeting_data,
    partner_data,
    present,
    rectification_data,
)

from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.meeting import meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.partner import partners
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.store import backup, migrations, restore
from dangjian_desktop.store.connection import DatabaseError, close_database, db
from dangjian_desktop.store.file_check import UnusableDatabaseError
from dangjian_desktop.store.models import Member
from dangjian_desktop.store.session import open_database, open_session

pytestmark = pytest.mark.skipif(on_server(), reason="files of the database: its backups, copies, locks and the folder beside it (a server keeps its own)")


def fill() -> None:
    secretary = members.create(full_member_data("李四", party_post="书记")).record
    member = members.create(full_member_data("𠀀堃", dt.date(1982, 2, 3))).record
    partner = partners.create(partner_data()).record
    meeting = meetings.create(meeting_data(host=secretary.id, attendance=present(secretary, member))).record
    activities.create(activity_data(partner=partner.id))
    rectifications.create(rectification_data(meeting=meeting.id))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_damaged(path: Path) -> Path:
    """A database whose pages after the first are scrambled: the header still says SQLite."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.executemany("INSERT INTO t VALUES (?)", [("x" * 300,) for _ in range(200)])
    conn.commit()
    conn.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 5):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def make_newer(path: Path) -> Path:
    open_database(path)
    close_database()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 5}")
    return path


def make_foreign(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE invoices(id INTEGER PRIMARY KEY, amount REAL)")
    return path


BAD_FILES = {
    "text file": lambda p: (p.write_text("这不是数据库", encoding="utf-8"), p)[1],
    "empty file": lambda p: (p.touch(), p)[1],
    "damaged": make_damaged,
    "newer version": make_newer,
    "another program's database": make_foreign,
}


def test_backup_then_restore_gives_the_same_records(database, tmp_path):
    fill()
    before = database_contents()
    saved = backup.backup_to(tmp_path / "usb")
    assert saved.parent == tmp_path / "usb" and saved.name.startswith("党建台账备份-test-")
    members.update(Member.get(Member.name == "李四").id, {"phone": "13900000000"})
    members.create(full_member_data("王五", dt.date(1990, 1, 1)))
    assert database_contents() != before
    result = restore.restore_from(saved)
    restored = database_contents()
    assert restored == before
    # the database as it was just before the restore was saved first
    assert result.safety_backup.parent == database.parent / "backups"
    with sqlite3.connect(result.safety_backup) as conn:
        assert conn.execute("SELECT count(*) FROM member").fetchone()[0] == 3


def test_a_backup_is_one_checked_file_consistent_while_the_app_writes(database, tmp_path):
    fill()
    with db.atomic():  # an open write transaction: the backup sees the last committed state
        members.create(full_member_data("王五", dt.date(1990, 1, 1)))
        saved = backup.backup_to(tmp_path)
    with sqlite3.connect(saved) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("党建")) == [saved.name]


@pytest.mark.parametrize("kind", BAD_FILES)
def test_restoring_a_bad_file_is_refused_and_changes_nothing(database, tmp_path, kind):
    fill()
    bad = BAD_FILES[kind](tmp_path / "bad.db")
    close_database()
    original, bad_digest = digest(database), digest(bad)
    open_database(database)
    before = database_contents()
    backup.backup_named(database, "manual")  # there are automatic backups: the refusal must not deny them
    with pytest.raises(DatabaseError) as info:
        restore.restore_from(bad)
    assert str(bad) in str(info.value) and "。" in str(info.value)
    assert "没有找到可用的自动备份" not in str(info.value)  # that sentence is the start-up check's
    assert database_contents() == before
    assert not list((database.parent / "backups").glob("*before-restore*"))  # not even a safety backup
    close_database()
    assert digest(database) == original and digest(bad) == bad_digest


def test_restoring_over_a_damaged_database_keeps_the_damaged_file_aside(tmp_path):
    path = tmp_path / "branch.db"
    open_database(path)
    fill()
    saved = backup.backup_to(tmp_path / "usb")
    before = database_contents()
    close_database()
    make_damaged(path.with_name("scratch.db")).replace(path)
    damaged = digest(path)
    result = restore.restore_from(saved, path)
    try:
        assert database_contents() == before
        assert result.safety_backup is None and digest(result.set_aside) == damaged
    finally:
        close_database()


def test_a_migration_is_preceded_by_a_backup(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    open_database(path)
    fill()
    close_database()
    added = []
    version = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, lambda database: added.append(True)])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.STEPS))
    open_database(path)
    close_database()
    saved = list((tmp_path / "backups").glob(f"old-before-upgrade-v{version}-*.db"))
    assert added == [True] and len(saved) == 1
    with sqlite3.connect(saved[0]) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version
        assert conn.execute("SELECT count(*) FROM member").fetchone()[0] == 2


def test_daily_backups_rotate_to_seven_days_and_twelve_months(database):
    fill()
    months = [dt.date(2025 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(1, 15)]  # 2025-01 … 2026-02
    days = months + [dt.date(2026, 3, d) for d in range(1, 10)]
    for day in days:
        assert backup.daily_backup(database, day) is not None
        assert backup.daily_backup(database, day) is None  # once a day only
    names = sorted(p.name for p in (database.parent / "backups").iterdir())
    assert [n for n in names if "daily" in n] == [f"test-daily-2026-03-0{d}.db" for d in range(3, 10)]
    assert [n for n in names if "monthly" in n] == [f"test-monthly-{d:%Y-%m}.db" for d in months[3:]] + [
        "test-monthly-2026-03.db"]
    assert len(names) == 19


def test_the_app_start_makes_todays_backup(tmp_path):
    path = tmp_path / "branch.db"
    session = open_session(path, writer=True)
    try:
        assert session.backup_warning == ""
        assert (tmp_path / "backups" / f"branch-daily-{dt.date.today()}.db").is_file()
        assert (tmp_path / "backups" / f"branch-monthly-{dt.date.today():%Y-%m}.db").is_file()
    finally:
        session.close()


def test_the_latest_good_backup_is_named_when_the_database_is_damaged(tmp_path):
    path = tmp_path / "branch.db"
    open_database(path)
    fill()
    backup.daily_backup(path, dt.date(2025, 3, 1))
    newest = backup.backup_named(path, "manual")
    close_database()
    make_damaged(newest)  # the newest backup is itself damaged: the one before it is offered
    make_damaged(path.with_name("scratch.db")).replace(path)
    with pytest.raises(UnusableDatabaseError) as info:
        open_database(path)
    assert info.value.reason == "damaged"
    assert info.value.backup.name == "branch-daily-2025-03-01.db"  # the daily one of the same moment
    assert str(path) in str(info.value) and str(info.value.backup) in str(info.value)


def test_paths_with_chinese_spaces_and_uri_characters(tmp_path):
    path = tmp_path / "党支部 #1?%20" / "台账 数据.db"
    open_database(path)
    fill()
    before = database_contents()
    saved = backup.backup_named(path, "manual")
    members.create(full_member_data("王五", dt.date(1990, 1, 1)))
    restore.restore_from(saved)
    try:
        assert database_contents() == before and saved.parent == path.parent / "backups"
    finally:
        close_database()


def test_a_failed_daily_backup_warns_but_does_not_stop_the_start(tmp_path):
    (tmp_path / "backups").write_text("a file where the folder should be", encoding="utf-8")
    session = open_session(tmp_path / "branch.db", writer=True)
    try:
        assert "今天的自动备份没有做成" in session.backup_warning
        members.create(full_member_data("王五", dt.date(1990, 1, 1)))  # the database is usable
    finally:
        session.close()


def test_a_restore_on_a_worker_is_refused_while_the_window_writes(database, tmp_path):
    """The restore runs on a worker thread; the window's transaction is on another connection. The check
    asks SQLite, so it sees that write (the worker's own connection would see none)."""
    import threading

    fill()
    saved = backup.backup_to(tmp_path / "usb")
    before = database_contents()
    writing, done = threading.Event(), threading.Event()

    def window() -> None:  # another thread's connection, in the middle of a write
        with db.atomic():
            members.create(full_member_data("王五", dt.date(1990, 1, 1)))
            writing.set()
            done.wait(10)
            raise RuntimeError("the user cancels: rolled back")

    thread = threading.Thread(target=lambda: pytest.raises(RuntimeError, window))
    thread.start()
    assert writing.wait(10)
    try:
        with pytest.raises(DatabaseError, match="数据库正在写入，请稍后再恢复"):
            restore.restore_from(saved)
    finally:
        done.set()
        thread.join()
    assert database_contents() == before
    assert not list((database.parent / "backups").glob("*before-restore*"))


@pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX permissions")
def test_an_owner_only_database_gives_owner_only_backups_exports_and_printouts(database, tmp_path):
    import stat

    from dangjian_desktop.excel.export import export_workbook
    from dangjian_desktop.reports import build_report

    fill()
    database.chmod(0o600)
    saved = backup.backup_named(database, "manual")
    usb = backup.backup_to(tmp_path / "usb")
    exported = export_workbook(tmp_path / "导出.xlsx").path
    printed = build_report("roster", tmp_path / "花名册.pdf")

    def mode(path):
        return stat.S_IMODE(path.stat().st_mode)

    assert [mode(p) for p in (saved, usb, exported, printed)] == [0o600] * 4
    assert mode(saved.parent) == 0o700 and mode(usb.parent) == 0o700


def test_what_a_backup_holds_is_read_without_writing_it(tmp_path):
    path = tmp_path / "branch.db"
    open_database(path)
    fill()
    from dangjian_desktop.services.settings import save_settings

    save_settings(branch_name="城南小学第二党支部")
    saved = backup.backup_named(path, "manual")
    close_database()
    before = digest(saved)
    held = restore.contents_of(saved)
    assert (held.branch, held.members, held.meetings, held.activities) == ("城南小学第二党支部", 2, 1, 1)
    assert held.latest == dt.date(2025, 11, 12) and digest(saved) == before  # the activity, after the meeting
    with pytest.raises(UnusableDatabaseError, match="已损坏"):
        restore.contents_of(make_damaged(tmp_path / "damaged.db"))
