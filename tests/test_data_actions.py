"""The window's data actions: backup, restore, Excel export/import with the problem list, the template,
deleted records; and at start-up a damaged or locked file explained, with the latest good backup offered."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from factories import database_contents, full_member_data
from PySide6.QtWidgets import QDialog
from test_backup import fill, make_damaged
from test_excel import bad_workbook
from ui_support import answer_messages, prepare

from dangjian_desktop.services.member import members
from dangjian_desktop.store import backup
from dangjian_desktop.store.connection import DatabaseError, close_database
from dangjian_desktop.store.lock import DatabaseLock
from dangjian_desktop.store.models import Member
from dangjian_desktop.store.session import open_database, open_session
from ui import app as app_module
from ui.data_actions import offer_recovery
from ui.deleted_records_dialog import DeletedRecordsDialog
from ui.import_report_dialog import ImportReportDialog
from ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _app(qapp, tmp_path):
    prepare(qapp, tmp_path)


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "branch.db"
    session = open_session(path, writer=True)
    fill()
    main = MainWindow(session)
    qtbot.addWidget(main)
    yield main
    main.session.close()


@pytest.fixture
def reports(monkeypatch) -> list[ImportReportDialog]:
    """Import report dialogs are recorded; one offering 导入 is accepted, as if the user pressed it."""
    shown: list[ImportReportDialog] = []

    def fake_exec(dialog: ImportReportDialog) -> int:
        shown.append(dialog)
        return QDialog.Accepted if dialog.import_button is not None else QDialog.Rejected

    monkeypatch.setattr(ImportReportDialog, "exec", fake_exec)
    return shown


def test_the_file_menu_offers_the_data_actions_before_quit(window):
    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    assert texts[-8:] == ["备份到…", "加密备份到U盘…", "从备份恢复…", "导出 Excel…", "导入 Excel…", "下载导入模板…",
                          "年度归档…", "退出"]
    assert "已删除记录…" in [a.text() for a in window.record_menu.actions()]


def test_an_encrypted_backup_from_the_window_and_a_wrong_password_on_restore(window, tmp_path, monkeypatch):
    shown = answer_messages(monkeypatch)
    before = database_contents()
    saved = window.data_actions.backup_encrypted(str(tmp_path / "usb"), "政平小学2025!")
    assert saved.suffix == ".zip" and "恢复时需要输入这个密码" in shown[-1][2]
    members.create(full_member_data("王五", dt.date(1990, 1, 1)))
    changed = database_contents()
    assert not window.data_actions.restore(str(saved), "不对的密码123")
    assert "密码不正确" in shown[-1][2] and database_contents() == changed
    assert window.data_actions.restore(str(saved), "政平小学2025!")
    assert database_contents() == before


def test_backup_and_restore_from_the_window(window, tmp_path, monkeypatch):
    shown = answer_messages(monkeypatch)
    before = database_contents()
    saved = window.data_actions.backup(str(tmp_path / "usb"))
    assert saved.is_file() and shown[-1][0] == "information" and str(saved) in shown[-1][2]
    members.create(full_member_data("王五", dt.date(1990, 1, 1)))
    assert window.data_actions.restore(str(saved))
    assert database_contents() == before
    question = shown[-2][2]
    assert shown[-2][0] == "question" and str(saved) in question
    # the backup beside the current file: 2 members then, 3 now (王五 added since)
    assert "在册党员</td><td>2 人</td><td>3 人</td>" in question and "会议</td><td>1 次</td><td>1 次</td>" in question
    assert "恢复前的数据库已备份为" in shown[-1][2]


def test_restoring_a_bad_file_from_the_window_is_refused(window, tmp_path, monkeypatch):
    shown = answer_messages(monkeypatch)
    bad = tmp_path / "bad.db"
    bad.write_text("不是数据库", encoding="utf-8")
    before = database_contents()
    assert not window.data_actions.restore(str(bad))
    assert [kind for kind, _title, _text in shown] == ["warning"]  # checked first: nothing asked
    assert str(bad) in shown[-1][2]
    assert database_contents() == before


def test_export_and_template_from_the_window(window, tmp_path, monkeypatch):
    shown = answer_messages(monkeypatch)
    out = window.data_actions.export_excel(str(tmp_path / "导出.xlsx"))
    assert out.is_file() and "党员 2 条" in shown[-1][2]
    template = window.data_actions.save_template(str(tmp_path / "模板.xlsx"))
    assert template.is_file() and "填写说明" in shown[-1][2]


def test_import_lists_every_problem_then_imports_the_fixed_workbook(window, tmp_path, monkeypatch, reports):
    answer_messages(monkeypatch)
    members_before = Member.select().count()
    assert not window.data_actions.import_excel(str(bad_workbook(tmp_path / "bad.xlsx", fixed=False)))
    dialog = reports[-1]
    assert dialog.import_button is None and dialog.table.rowCount() >= 11
    rows = {(dialog.table.item(r, 1).text(), dialog.table.item(r, 2).text()) for r in range(dialog.table.rowCount())
            if dialog.table.item(r, 0).text() == "问题"}
    assert ("党员", "3") in rows and ("出席情况", "3") in rows
    assert "没有写入任何内容" in dialog.summary.text()
    assert Member.select().count() == members_before

    assert window.data_actions.import_excel(str(bad_workbook(tmp_path / "fixed.xlsx", fixed=True)))
    check, result = reports[-2:]
    assert check.import_button is not None and "检查通过" in check.summary.text()
    # 李四 is already in the database, without his 身份证号: listed as updatable, not doubled, not changed
    assert check.update_button is not None and "导入并更新 1 条" in check.update_button.text()
    assert result.summary.text() == ("已导入：党员新增 6 条，会议新增 1 条，出席情况新增 4 条，"
                                     "1 条已有记录与表中不同（未更新）。")
    assert [result.table.item(r, 0).text() for r in range(result.table.rowCount())] == ["可更新", "提示"]
    assert "李四：身份证号：（空） → 3204021980" in result.table.item(0, 4).text()
    assert "到会人数不足" in result.table.item(1, 4).text()
    assert Member.select().count() == members_before + 6 and Member.get(Member.name == "李四").id_number == ""


def test_deleted_records_show_their_last_state(window):
    member = members.create(full_member_data("王五", dt.date(1990, 1, 1), phone="13700000000")).record
    members.delete(member.id)
    dialog = DeletedRecordsDialog(window.deleted_actions, parent=window)
    assert dialog.records.rowCount() == 1 and dialog.records.item(0, 1).text() == "王五"
    fields = {dialog.fields.item(r, 0).text(): dialog.fields.item(r, 1).text() for r in range(dialog.fields.rowCount())}
    assert fields["姓名"] == "王五" and fields["联系电话"] == "137****0000"  # personal numbers masked
    dialog.kind.setCurrentIndex(dialog.kind.findData("partner"))
    assert dialog.records.rowCount() == 0 and "没有已删除的" in dialog.note.text()


def test_a_damaged_database_at_start_is_explained_and_the_latest_backup_offered(tmp_path, monkeypatch):
    shown = answer_messages(monkeypatch)
    path = tmp_path / "branch.db"
    open_database(path)
    fill()
    saved = backup.backup_named(path, "manual")
    before = database_contents()
    close_database()
    make_damaged(tmp_path / "scratch.db").replace(path)
    damaged = hashlib.sha256(path.read_bytes()).hexdigest()
    error = pytest.raises(DatabaseError, open_database, path).value
    assert offer_recovery(None, path, error)
    try:
        assert shown[0][0] == "question" and str(path) in shown[0][2] and str(saved) in shown[0][2]
        assert database_contents() == before
        aside = next(tmp_path.glob("branch.db.unusable-*"))
        assert hashlib.sha256(aside.read_bytes()).hexdigest() == damaged
    finally:
        close_database()


@pytest.mark.parametrize("case", ["not a database", "locked"])
def test_the_app_refuses_to_start_on_a_bad_or_locked_file_without_a_traceback(tmp_path, monkeypatch, case):
    shown = answer_messages(monkeypatch)
    path = tmp_path / "branch.db"
    holder = None
    if case == "locked":
        open_database(path)
        close_database()
        holder = DatabaseLock(path).acquire()
    else:
        path.write_text("hello", encoding="utf-8")
    before = path.read_bytes()
    try:
        assert app_module.run_app(path) == 1
    finally:
        if holder is not None:
            holder.release()
    assert [kind for kind, _title, _text in shown] == ["critical"]
    assert str(path) in shown[0][2]
    assert ("正在被另一个" if case == "locked" else "不是党建台账的数据库文件") in shown[0][2]
    assert path.read_bytes() == before
