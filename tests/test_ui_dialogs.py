"""The record dialogs: problems shown beside their fields with nothing written, the meeting's live
attendance and quorum, the history, activity categories, and remembered geometry."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import activity_data, database_contents, id_number, make_member, meeting_data, present
from PySide6.QtWidgets import QMessageBox, QPushButton
from ui_support import answer_messages, prepare

from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.meeting import AttendanceRow, meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.store import connection
from dangjian_desktop.store.models import ActivityCategory, Attendance, Meeting, Member
from ui.category_dialog import CategoryDialog
from ui.history_dialog import HistoryDialog
from ui.tab_specs import MEETINGS, MEMBERS

DAY = dt.date(2025, 3, 5)


@pytest.fixture(autouse=True)
def _app(qapp, tmp_path):
    prepare(qapp, tmp_path)


def open_dialog(qtbot, spec, record_id=None):
    dialog = spec.dialog(spec.form, record_id)
    qtbot.addWidget(dialog)
    return dialog


def test_problems_are_shown_beside_their_fields_and_nothing_is_written(qtbot, database):
    make_member("李四")
    before = database_contents()
    dialog = open_dialog(qtbot, MEMBERS)
    dialog.editors["gender"].set_value("女")
    dialog.editors["birth_date"].set_value("1985-03-12")
    dialog.editors["id_number"].set_value(id_number(dt.date(1985, 3, 12))[:17] + "0")  # wrong check digit
    dialog.editors["phone"].set_value("12345")
    assert dialog.save() is False
    assert dialog.problem_text("name") == "请填写姓名。"
    assert "校验位不对" in dialog.problem_text("id_number")
    assert "格式不对" in dialog.problem_text("phone")
    assert dialog.problem_text("gender") == ""
    assert dialog.editors["id_number"].input.property("error") is True
    assert "有 3 处需要修改" in dialog.general_problems.text()
    assert database_contents() == before
    assert dialog.editors["phone"].value() == "12345"  # what was typed is still there
    assert dialog.result() == 0 and dialog.saved_id is None

    dialog.editors["name"].set_value("王芳")
    dialog.editors["id_number"].set_value(id_number(dt.date(1985, 3, 12)))
    dialog.editors["phone"].set_value("13812345678")
    assert dialog.save() is True
    assert dialog.problem_text("name") == "" and Member.get_by_id(dialog.saved_id).name == "王芳"


def test_unreadable_date_is_reported_with_the_other_problems(qtbot, database):
    dialog = open_dialog(qtbot, MEMBERS)
    dialog.editors["birth_date"].set_value("1985-13-45")
    assert dialog.save() is False
    assert "出生日期" in dialog.problem_text("birth_date") and "不是" in dialog.problem_text("birth_date")
    assert dialog.problem_text("name") == "请填写姓名。" and dialog.problem_text("gender") == "请选择性别。"
    assert Member.select().count() == 0


def test_problem_on_another_page_brings_that_page_forward(qtbot, database):
    dialog = open_dialog(qtbot, MEMBERS)
    dialog.editors["name"].set_value("张三")
    dialog.editors["gender"].set_value("男")
    dialog.editors["birth_date"].set_value("1985-03-12")
    dialog.editors["probation_on"].set_value("2015-07-01")
    dialog.editors["full_on"].set_value("2015-12-01")
    assert dialog.save() is False
    assert dialog.pages.tabText(dialog.pages.currentIndex()) == "发展历程"
    assert "2016-07-01" in dialog.problem_text("full_on")
    assert not dialog.pages.tabIcon(dialog.pages.currentIndex()).isNull()
    assert Member.select().count() == 0


@pytest.fixture
def branch(database):
    posts = ("书记", "组织委员", "宣传委员")
    committee = [make_member(n, party_post=p) for n, p in zip(("甲一", "乙二", "丙三"), posts, strict=True)]
    return committee + [make_member("丁四"), make_member("戊五")]


def test_meeting_dialog_counts_live_and_warns_without_blocking(qtbot, branch, monkeypatch):
    dialog = open_dialog(qtbot, MEETINGS)
    attendance = dialog.attendance
    dialog.editors["date"].set_value(DAY)
    dialog.editors["kind"].set_value("支委会")
    assert [r.member_id for r in attendance.state()] == [branch[2].id, branch[0].id, branch[1].id]  # 丙 甲 乙: pinyin
    assert attendance.value() == [] and attendance.summary.text().endswith("未选 3 人")  # nobody ticked for him
    everyone_else = next(b for b in attendance.findChildren(QPushButton) if b.text() == "其余全部出席")
    everyone_else.click()
    assert attendance.summary.text() == "应到 3 人　实到 3 人　请假 0 人　缺席 0 人"
    assert attendance.quorum.text().startswith("法定人数符合")

    attendance.set_status(branch[1].id, "请假", "外出培训")
    assert "实到 2 人　请假 1 人" in attendance.summary.text()
    attendance.set_status(branch[2].id, "缺席", "病假")
    assert attendance.summary.text() == "应到 3 人　实到 1 人　请假 1 人　缺席 1 人"
    assert attendance.quorum.text().startswith("法定人数不足") and attendance.quorum.property("tone") == "alert"

    dialog.editors["kind"].set_value("主题党日")  # everyone on the rolls; ticks already made are kept
    assert len(attendance.state()) == 5 and len(attendance.value()) == 3 and attendance.quorum.isHidden()
    assert AttendanceRow(branch[1].id, "请假", "外出培训") in attendance.value()
    dialog.editors["kind"].set_value("支委会")
    assert len(attendance.value()) == 3

    dialog.editors["topic"].set_value("研究三月份主题党日安排")
    shown = answer_messages(monkeypatch)  # saved without 主持人, 记录人, 地点: yes
    assert dialog.save() is True
    warnings = [text for kind, _title, text in shown if kind == "warning"]
    assert warnings and "到会人数不足" in warnings[0]
    saved = Meeting.get_by_id(dialog.saved_id)
    assert {(a.member_id, a.status, a.reason) for a in saved.attendance} == {
        (branch[0].id, "出席", ""), (branch[1].id, "请假", "外出培训"), (branch[2].id, "缺席", "病假")}


def test_reopened_meeting_keeps_its_attendance(qtbot, branch, monkeypatch):
    rows = present(branch[0], branch[3]) + [AttendanceRow(branch[4].id, "请假", "外出学习")]
    meeting = meetings.create(meeting_data(kind="主题党日", attendance=rows)).record
    dialog = open_dialog(qtbot, MEETINGS, meeting.id)
    assert set(dialog.attendance.value()) == set(rows)  # as saved, not re-listed from the rolls
    assert dialog.attendance.summary.text() == "应到 3 人　实到 2 人　请假 1 人　缺席 0 人"
    dialog.editors["place"].set_value("党员活动室")
    answer_messages(monkeypatch)  # saved without 主持人, 记录人: yes
    assert dialog.save() is True
    assert Attendance.select().where(Attendance.meeting == meeting).count() == 3


def test_missing_absence_reason_is_shown_on_the_attendance_page(qtbot, branch):
    dialog = open_dialog(qtbot, MEETINGS)
    dialog.editors["kind"].set_value("主题党日")
    dialog.editors["date"].set_value(DAY)
    dialog.editors["topic"].set_value("学雷锋")
    dialog.attendance.set_status(branch[3].id, "缺席")
    next(b for b in dialog.attendance.findChildren(QPushButton) if b.text() == "其余全部出席").click()
    assert dialog.save() is False
    assert "请填写丁四缺席的原因" in dialog.problem_text("attendance")
    assert dialog.pages.tabText(dialog.pages.currentIndex()) == "出席情况"
    assert Meeting.select().count() == 0


def test_history_dialog_lists_changes_old_to_new_with_who_made_them(qtbot, database, monkeypatch):
    member = make_member("张三", job_title="语文教师")
    monkeypatch.setattr(connection, "_acting_user", ["李组织委员"])
    members.update(member.id, {"job_title": "教导主任"})
    dialog = HistoryDialog("member", member.id)
    qtbot.addWidget(dialog)
    cells = [[dialog.table.item(r, c).text() for c in range(6)] for r in range(dialog.table.rowCount())]
    assert cells[0][1:] == ["李组织委员", "修改", "工作岗位/职务", "语文教师", "教导主任"]
    assert any(row[2] == "新增" for row in cells) and "张三" in dialog.windowTitle()

    edit = open_dialog(qtbot, MEMBERS, member.id)
    opened = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda d: opened.append(d) or 0)
    edit.show_history()
    assert opened and opened[0].table.rowCount() == dialog.table.rowCount()


def test_activity_categories_can_be_added_renamed_and_guarded(qtbot, database, monkeypatch):
    dialog = CategoryDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("党史学习")
    dialog.unit.setCurrentText("场")
    dialog.add()
    added = ActivityCategory.get(ActivityCategory.name == "党史学习")
    assert added.unit == "场" and dialog.list.currentItem().text() == "党史学习（场）"
    dialog.name.setText("党史学习教育")
    dialog.rename()
    assert ActivityCategory.get_by_id(added.id).name == "党史学习教育"
    dialog.name.setText("示范课")
    dialog.rename()
    assert dialog.problem.isVisibleTo(dialog) and "已有活动类别“示范课”" in dialog.problem.text()

    activities.create(activity_data(category=added.id))
    answer_messages(monkeypatch, QMessageBox.Yes)
    dialog.reload(added.id)
    dialog.delete()
    assert "不能删除" in dialog.problem.text() and ActivityCategory.get_or_none(id=added.id) is not None


def test_dialog_remembers_its_size(qtbot, database):
    dialog = open_dialog(qtbot, MEMBERS)
    dialog.show()
    dialog.resize(707, 555)
    dialog.reject()
    again = open_dialog(qtbot, MEMBERS)
    assert (again.width(), again.height()) == (707, 555)


def test_a_long_list_of_attendance_problems_shows_the_first_few(qtbot, branch):
    dialog = open_dialog(qtbot, MEETINGS)
    dialog.editors["kind"].set_value("主题党日")
    dialog.editors["date"].set_value(DAY)
    dialog.editors["topic"].set_value("学雷锋")
    for member in branch:
        dialog.attendance.set_status(member.id, "缺席")
    assert dialog.save() is False
    shown = dialog.problem_text("attendance").splitlines()
    assert len(shown) == 5 and shown[-1].startswith("……还有 1 处")
    assert len(dialog.editors["attendance"].message.toolTip().splitlines()) == 5


def test_a_valid_id_number_fills_in_an_empty_birth_date_and_gender(qtbot, database):
    dialog = open_dialog(qtbot, MEMBERS)
    number = id_number(dt.date(1985, 3, 12), serial="002")  # an even sequence digit: 女
    qtbot.keyClicks(dialog.editors["id_number"].input, number[:17] + "0")  # a wrong check digit: nothing
    assert dialog.editors["birth_date"].value() is None and not dialog.editors["gender"].value()
    dialog.editors["id_number"].input.clear()
    qtbot.keyClicks(dialog.editors["id_number"].input, number)
    assert dialog.editors["birth_date"].value() == dt.date(1985, 3, 12)
    assert dialog.editors["gender"].value() == "女"

    other = open_dialog(qtbot, MEMBERS)
    other.editors["gender"].set_value("男")
    other.editors["birth_date"].set_value(dt.date(1985, 3, 1))  # typed already: left as it is
    qtbot.keyClicks(other.editors["id_number"].input, number)
    assert other.editors["gender"].value() == "男" and other.editors["birth_date"].value() == dt.date(1985, 3, 1)
