"""A full disk is told as a full disk: never as a damaged database, never as an unexpected error, and
nothing is half-written (the disk is simulated by injecting SQLite's and the OS's own errors)."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections import namedtuple
from pathlib import Path

import pytest
from conftest import on_server
from factories import activity_data, database_contents, full_member_data

from dangjian_desktop import cli
from dangjian_desktop.excel.export import export_workbook
from dangjian_desktop.excel.importer import import_workbook
from dangjian_desktop.services import base
from dangjian_desktop.services.member import members
from dangjian_desktop.store import backup, faults, file_check
from dangjian_desktop.store.connection import close_database
from dangjian_desktop.store.faults import DiskFullError
from dangjian_desktop.store.file_check import UnusableDatabaseError

pytestmark = pytest.mark.skipif(on_server(), reason="files of the database: its backups, copies, locks and the folder beside it (a server keeps its own)")

Usage = namedtuple("Usage", "total used free")


@pytest.fixture
def full_disk(monkeypatch):
    """The disk has 2 MB left."""
    monkeypatch.setattr(faults.shutil, "disk_usage", lambda _folder: Usage(10**9, 10**9 - 2 * 2**20, 2 * 2**20))


def test_no_room_for_the_shm_file_is_not_damage(database, full_disk, monkeypatch):
    members.create(full_member_data("王五"))
    close_database()

    def no_room(_path):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(file_check, "readonly_connect", no_room)
    with pytest.raises(DiskFullError) as info:
        file_check.check_database_file(database)
    assert not isinstance(info.value, UnusableDatabaseError)
    assert "磁盘空间不足" in str(info.value) and "只剩约 2 MB" in str(info.value) and "损坏" not in str(
        info.value).replace("也没有损坏", "")


def test_a_full_disk_during_an_import_says_so_and_writes_nothing(database, full_disk, monkeypatch, tmp_path):
    members.create(full_member_data("王五"))
    from dangjian_desktop.services.activity import activities

    for n in range(3):
        activities.create(activity_data(title=f"活动{n}"))
    book = export_workbook(tmp_path / "all.xlsx").path
    close_database()
    from dangjian_desktop.store.session import open_database

    open_database(tmp_path / "empty.db")
    before = database_contents()
    insert = base._insert

    def filling(model, values):
        if model.__name__ == "Activity":
            raise sqlite3.OperationalError("database or disk is full")
        return insert(model, values)

    monkeypatch.setattr(base, "_insert", filling)
    with pytest.raises(DiskFullError, match="磁盘空间不足"):
        import_workbook(book)
    assert database_contents() == before


def test_a_full_disk_during_a_backup_leaves_no_part(database, full_disk, monkeypatch, tmp_path):
    members.create(full_member_data("王五"))

    class FullConnection:
        def __init__(self, real):
            self.real = real

        def backup(self, _dest):
            raise sqlite3.OperationalError("database or disk is full")

        def close(self):
            self.real.close()

    real_connect = backup.readonly_connect
    monkeypatch.setattr(backup, "readonly_connect", lambda path: FullConnection(real_connect(path)))
    with pytest.raises(DiskFullError, match="磁盘空间不足"):
        backup.backup_to(tmp_path / "usb")
    assert not list((tmp_path / "usb").glob("*.part*"))


def test_the_commands_say_full_disk_not_unexpected_error(database, full_disk, monkeypatch, tmp_path, capsys):
    members.create(full_member_data("王五"))
    close_database()

    def no_space(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out.pdf"))

    from dangjian_desktop.reports import registry

    monkeypatch.setattr(registry, "create_like", no_space)
    assert cli.run(cli.parse_args(["report", "roster", "--db", str(database), "--out", str(tmp_path / "out.pdf")])) == 1
    err = capsys.readouterr().err
    assert "磁盘空间不足" in err and "意外错误" not in err and "损坏" not in err.replace("也没有损坏", "")


def test_a_read_only_file_says_so_and_the_dialog_keeps_what_was_typed(qtbot, database, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QApplication
    from ui_support import answer_messages, prepare

    from dangjian_desktop.store.models import Member
    from dangjian_desktop.store.session import open_session
    from ui.main_window import MainWindow
    from ui.record_dialog import RecordDialog
    from ui.tab_specs import MEMBERS

    prepare(QApplication.instance() or QApplication([]), tmp_path)
    monkeypatch.setattr(os, "access", lambda *_args: False)  # as for a file of a CD or a write-protected stick
    window = MainWindow(open_session(database, writer=False))
    qtbot.addWidget(window)
    assert "只读" in window.windowTitle()

    def readonly(*_args, **_kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(Member, "create", readonly)
    shown = answer_messages(monkeypatch)
    dialog = RecordDialog(MEMBERS.form, None, window)
    dialog.editors["name"].set_value("王五")
    dialog.editors["gender"].set_value("男")
    assert dialog.save() is False
    assert shown[-1][1] == "没有保存" and "是只读的" in shown[-1][2] and "意外" not in shown[-1][2]
    assert dialog.editors["name"].value() == "王五" and Member.select().count() == 0


@pytest.fixture
def small_disk(tmp_path):
    """A real 40 KB file system (tmpfs), where this machine lets the tests mount one; else skipped."""
    import subprocess

    folder = tmp_path / "small"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=40k", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("mounting a small file system needs root here")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.parametrize("command", [["export", "--out", "{small}/导出.xlsx"], ["backup", "--to", "{small}"],
                                     ["report", "registers", "--year", "2025", "--out", "{small}/记录本.pdf"]])
def test_a_really_full_disk_is_one_sentence(demo_template, small_disk, tmp_path, command):
    import subprocess
    import sys

    database = tmp_path / "demo.db"
    shutil.copyfile(demo_template, database)
    argv = [part.format(small=small_disk) for part in command]
    done = subprocess.run([sys.executable, "main.py", argv[0], "--db", str(database), *argv[1:]],
                          cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]  # one sentence, no tracebacks
    assert "磁盘空间不足" in done.stderr and str(small_disk) in done.stderr and "损坏，" not in done.stderr
    assert list(small_disk.iterdir()) == []  # no half-written file left
