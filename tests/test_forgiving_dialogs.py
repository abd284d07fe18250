"""Dialogs that forgive mistakes: typed input is never thrown away without a question, Enter does not save a
meeting half-filled, nobody is counted present by default, dates after today and 整改 items without owner or
deadline are refused, and a corrected field loses its red message without the form moving."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import activity_data, database_contents, make_member, meeting_data, rectification_data
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from ui_support import answer_messages, prepare

from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.meeting import meetings
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.store.models import Attendance, Meeting
from ui.tab_specs import MEETINGS, MEMBERS, RECTIFICATIONS

DAY = dt.date(2025, 3, 5)


@pytest.fixture(autouse=True)
def _app(qapp, tmp_path):
    prepare(qapp, tmp_path)


def open_dialog(qtbot, spec, record_id=None):
    dialog = spec.dialog(spec.form, record_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def answer_discard(choice: str) -> list[str]:
    """Answer the next 放弃未保存的修改？ with the button labelled `choice`; return what was asked."""
    asked = []

    def answer():
        box = QApplication.activeModalWidget()
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == choice).click()

    QTimer.singleShot(0, answer)
    return asked


@pytest.mark.asks_to_discard
@pytest.mark.parametrize("spec, field, text", [(MEMBERS, "name", "王芳"), (MEETINGS, "topic", "学习"),
                                               (RECTIFICATIONS, "problem", "学习不够系统")])
def test_cancel_or_esc_on_a_filled_dialog_asks_before_throwing_it_away(qtbot, database, spec, field, text):
    dialog = open_dialog(qtbot, spec)
    dialog.editors[field].set_value(text)
    asked = answer_discard("继续编辑")
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert asked == ["放弃未保存的修改？"] and dialog.isVisible()  # kept, with what was typed
    assert dialog.editors[field].value() == text
    asked = answer_discard("放弃修改")
    dialog.reject()  # 取消
    assert asked == ["放弃未保存的修改？"] and not dialog.isVisible()


@pytest.mark.asks_to_discard
def test_a_dialog_left_as_it_was_closes_without_a_question(qtbot, database):
    meeting = meetings.create(meeting_data()).record
    dialog = open_dialog(qtbot, MEETINGS, meeting.id)
    dialog.reject()
    assert not dialog.isVisible()  # nothing typed: no question (a question here would time the test out)


def test_enter_in_the_attendance_grid_does_not_save_and_ctrl_s_does(qtbot, database, monkeypatch):
    host = make_member("赵书记", party_post="书记")
    dialog = open_dialog(qtbot, MEETINGS)
    for name, value in (("kind", "支委会"), ("date", DAY), ("topic", "研究工作"), ("host", host.id),
                        ("recorder", host.id), ("place", "党员活动室")):
        dialog.editors[name].set_value(value)
    dialog.update_attendance()
    dialog.attendance.set_status(host.id, "出席")
    reason = dialog.attendance._lines[0].reason
    qtbot.keyClick(reason, Qt.Key_Return)
    qtbot.keyClick(dialog.attendance.table, Qt.Key_Enter)
    assert dialog.isVisible() and Meeting.select().count() == 0
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # a shortcut works in the active window
    qtbot.keyClick(dialog.attendance.table, Qt.Key_S, Qt.ControlModifier)
    assert not dialog.isVisible() and Meeting.select().count() == 1


def test_nobody_is_ticked_present_until_the_clerk_says_so(qtbot, database):
    people = [make_member(name) for name in ("张三", "李四", "王五")]
    dialog = open_dialog(qtbot, MEETINGS)
    for name, value in (("kind", "主题党日"), ("date", DAY), ("topic", "主题党日"), ("host", people[0].id),
                        ("recorder", people[1].id), ("place", "党员活动室")):
        dialog.editors[name].set_value(value)
    dialog.update_attendance()
    assert dialog.attendance.value() == [] and "未选 3 人" in dialog.attendance.summary.text()
    dialog.attendance.set_status(people[1].id, "请假", "外出培训")
    before = database_contents()
    assert dialog.save() is False
    assert "还有 2 人没有选择" in dialog.problem_text("attendance") and "张三" in dialog.problem_text("attendance")
    assert database_contents() == before
    next(b for b in dialog.attendance.findChildren(QPushButton) if b.text() == "其余全部出席").click()
    statuses = {row.member_id: row.status for row in dialog.attendance.value()}
    assert statuses == {people[0].id: "出席", people[1].id: "请假", people[2].id: "出席"}  # the leave kept
    assert dialog.save() is True
    assert Attendance.select().where(Attendance.status == "出席").count() == 2


def test_a_meeting_without_host_recorder_or_place_is_saved_only_after_a_question(qtbot, database, monkeypatch):
    member = make_member("张三")
    dialog = open_dialog(qtbot, MEETINGS)
    for name, value in (("kind", "主题党日"), ("date", DAY), ("topic", "主题党日")):
        dialog.editors[name].set_value(value)
    dialog.update_attendance()
    dialog.attendance.set_status(member.id, "出席")
    shown = answer_messages(monkeypatch, QMessageBox.No)
    assert dialog.save() is False and Meeting.select().count() == 0
    assert shown[-1][0] == "question" and "没有填写主持人、记录人、地点" in shown[-1][2]
    answer_messages(monkeypatch, QMessageBox.Yes)
    assert dialog.save() is True and Meeting.select().count() == 1


def test_dates_after_today_are_refused_for_what_was_held(database):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="晚于今天"):
        meetings.create(meeting_data(date=tomorrow))
    with pytest.raises(ValidationError, match="晚于今天"):
        activities.create(activity_data(date=tomorrow))
    assert rectifications.create(rectification_data(deadline=tomorrow)).record  # a deadline may lie ahead


def test_a_rectification_item_needs_an_owner_and_a_deadline(database):
    with pytest.raises(ValidationError) as refused:
        rectifications.create(rectification_data(owner="", deadline=None))
    assert {p.field for p in refused.value.problems} == {"owner", "deadline"}
    assert "请填写责任人。" in str(refused.value) and "请填写整改时限。" in str(refused.value)


def test_a_corrected_field_loses_its_message_and_the_form_does_not_move(qtbot, database):
    dialog = open_dialog(qtbot, MEMBERS)
    dialog.editors["gender"].set_value("女")
    assert dialog.save() is False
    name, below = dialog.editors["name"], dialog.editors["gender"]
    assert dialog.problem_text("name") == "请填写姓名。"
    QApplication.processEvents()
    where = below.mapTo(dialog, below.rect().topLeft())
    name.input.setText("王")  # the user starts typing the name
    QApplication.processEvents()
    assert dialog.problem_text("name").strip() == "" and name.input.property("error") is False
    assert below.mapTo(dialog, below.rect().topLeft()) == where  # nothing moved under the mouse


def test_lists_have_a_right_click_menu_and_ctrl_p_prints_the_selected_meeting(qtbot, demo_db):
    from dangjian_desktop.store.session import open_session
    from ui.main_window import MainWindow
    from ui.pdf_preview import PdfPreview

    window = MainWindow(open_session(demo_db, writer=False))
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height()  # fits the screen it opens on
    tab = window.record_tabs["meeting"]
    window.tabs.setCurrentWidget(tab)
    tab.view.selectRow(0)
    offered = [a.text() for a in tab.context_menu().actions() if a.text()]
    assert offered == ["编辑", "删除", "修改记录…", "会议记录", "签到表"]
    window.print_current_action.trigger()
    preview = window.findChildren(PdfPreview)[-1]
    assert "会议记录" in preview.windowTitle() and preview.close_action.text() == "关闭"
    members = window.record_tabs["member"]
    window.tabs.setCurrentWidget(members)
    members.view.selectRow(0)
    assert [a.text() for a in members.context_menu().actions() if a.text()] == ["编辑", "删除", "修改记录…"]


@pytest.mark.asks_to_discard
def test_the_settings_ask_too_before_throwing_typed_input_away(qtbot, database):
    from ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert not dialog.isVisible()  # nothing typed: closed without a question
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.records_since.set_value("2025-0")  # half a date is typed input too
    dialog.windowHandle().requestActivate()  # Esc goes to the active window (an earlier test's may be open)
    qtbot.waitUntil(dialog.isActiveWindow)
    asked = answer_discard("继续编辑")
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert asked == ["放弃未保存的修改？"] and dialog.isVisible()
    asked = answer_discard("放弃修改")
    dialog.reject()
    assert asked == ["放弃未保存的修改？"] and not dialog.isVisible()
