"""Undoing a delete in the window: Ctrl+Z right after it, or 恢复 in 已删除记录 (opened on the kind just
deleted), brings the record back with its attendance; a refusal is explained; older deletes can only be read."""

from __future__ import annotations

import pytest
from factories import make_member, meeting_data
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox
from ui_support import answer_messages, prepare

from dangjian_desktop.services.meeting import AttendanceRow, attendance_of, meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.store.models import DeletedRecord, Meeting
from dangjian_desktop.store.session import open_session
from ui.deleted_records_dialog import DeletedRecordsDialog
from ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _app(qapp, tmp_path):
    prepare(qapp, tmp_path)


@pytest.fixture
def window(qtbot, tmp_path):
    session = open_session(tmp_path / "branch.db", writer=True)
    main = MainWindow(session)
    qtbot.addWidget(main)
    yield main
    main.session.close()


def _meeting():
    host, absent = make_member("李四"), make_member("赵䶮")
    rows = [AttendanceRow(host.id, "出席"), AttendanceRow(absent.id, "请假", "赴区教师发展中心参加骨干教师研修")]
    return meetings.create(meeting_data(host=host.id, attendance=rows)).record, rows, absent


def _delete_in_tab(window, monkeypatch, table: str, record_id: int) -> list:
    shown = answer_messages(monkeypatch, QMessageBox.Yes)
    tab = window.record_tabs[table]
    window.tabs.setCurrentWidget(tab)
    assert tab.select_record(record_id)
    tab.delete_selected()
    return shown


def test_ctrl_z_right_after_a_delete_brings_the_meeting_back_with_its_attendance(window, qtbot, monkeypatch):
    meeting, rows, _absent = _meeting()
    undo = window.deleted_actions.undo_action
    assert not undo.isEnabled() and undo.shortcut() == QKeySequence(QKeySequence.Undo)
    shown = _delete_in_tab(window, monkeypatch, "meeting", meeting.id)
    assert "可按 Ctrl+Z 撤销" in shown[0][2] and "已删除记录" in shown[0][2]
    assert Meeting.select().count() == 0
    assert undo.isEnabled() and "撤销删除“" in undo.text()
    assert "按 Ctrl+Z 可撤销" in window.statusBar().currentMessage()

    window.show()
    window.windowHandle().requestActivate()  # the offscreen platform activates no window by itself
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.record_tabs["meeting"].view, Qt.Key_Z, Qt.ControlModifier)

    back = Meeting.get_by_id(meeting.id)
    assert attendance_of(back) == rows
    tab = window.record_tabs["meeting"]
    assert window.tabs.currentWidget() is tab and tab.selected_id() == meeting.id
    assert not undo.isEnabled() and "已恢复会议" in window.statusBar().currentMessage()
    assert [kind for kind, _title, _text in shown] == ["question"]  # nothing else was asked or warned


def test_the_deleted_records_dialog_opens_on_the_kind_just_deleted_and_restores(window, monkeypatch):
    meeting, rows, _absent = _meeting()
    _delete_in_tab(window, monkeypatch, "meeting", meeting.id)
    opened: list[DeletedRecordsDialog] = []

    def fake_exec(dialog: DeletedRecordsDialog) -> int:
        opened.append(dialog)
        assert dialog.kind.currentData() == "meeting" and dialog.records.rowCount() == 1
        assert dialog.restore_button.isEnabled() and dialog.restore_note.text() == ""
        dialog.restore_button.click()
        assert dialog.records.rowCount() == 0 and not dialog.restore_button.isEnabled()
        return QDialog.Rejected

    monkeypatch.setattr(DeletedRecordsDialog, "exec", fake_exec)
    window.deleted_actions.deleted_action.trigger()
    assert len(opened) == 1 and attendance_of(Meeting.get_by_id(meeting.id)) == rows
    assert not window.deleted_actions.undo_action.isEnabled()  # that delete is undone now


def test_a_restore_that_needs_a_deleted_member_says_whom(window, monkeypatch):
    meeting, _rows, absent = _meeting()
    trash_id = meetings.delete(meeting.id)
    members.delete(absent.id)
    shown = answer_messages(monkeypatch)
    dialog = DeletedRecordsDialog(window.deleted_actions, "meeting", window)
    dialog.restore_selected()
    assert shown[-1][:2] == ("warning", "不能恢复") and "党员“赵䶮”已被删除" in shown[-1][2]
    assert dialog.records.rowCount() == 1 and Meeting.select().count() == 0
    assert DeletedRecord.get_by_id(trash_id).restored_at is None


def test_a_record_deleted_before_this_version_can_only_be_read(window):
    member = make_member("王喆")
    members.delete(member.id)
    DeletedRecord.delete().execute()  # as an older version left it: the history's 删除 only
    dialog = DeletedRecordsDialog(window.deleted_actions, "member", window)
    assert dialog.records.item(0, 1).text() == "王喆"
    assert not dialog.restore_button.isEnabled() and "只能查看" in dialog.restore_note.text()


def test_a_deleted_record_can_be_purged_after_a_question_and_a_backup(window, monkeypatch):
    meeting, _rows, _absent = _meeting()
    _delete_in_tab(window, monkeypatch, "meeting", meeting.id)
    shown = answer_messages(monkeypatch)
    dialog = DeletedRecordsDialog(window.deleted_actions, "meeting", window)
    assert dialog.purge_button.isEnabled()
    dialog.purge_button.click()
    assert shown[-1][:2] == ("question", "彻底删除") and "不能再恢复" in shown[-1][2] and "先备份" in shown[-1][2]
    assert DeletedRecord.select().count() == 0 and "已彻底删除" in dialog.note.text()
    backups = list((window.db_path.parent / "backups").glob("*before-purge*.db"))
    assert len(backups) == 1 and backups[0].name in dialog.note.text()
    assert dialog.records.rowCount() == 1 and not dialog.restore_button.isEnabled()  # its history stays
    assert not window.deleted_actions.undo_action.isEnabled()


def test_a_purge_that_cannot_write_its_backup_says_so_in_chinese_and_keeps_the_record(window, monkeypatch):
    from dangjian_desktop.services import trash

    meeting, _rows, _absent = _meeting()
    meetings.delete(meeting.id)

    def refuse(_trash_id):
        raise PermissionError(13, "Permission denied", str(window.db_path.parent / "backups"))

    monkeypatch.setattr(trash, "purge", refuse)
    shown = answer_messages(monkeypatch)
    dialog = DeletedRecordsDialog(window.deleted_actions, "meeting", window)
    dialog.purge_button.click()
    assert shown[-1][:2] == ("warning", "彻底删除") and "没有权限" in shown[-1][2]
    assert "Permission denied" not in shown[-1][2] and DeletedRecord.select().count() == 1
