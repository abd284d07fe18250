"""Every record tab as a user drives it: add, edit (also by double-click), search, filter, delete."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import (
    activity_data,
    category_id,
    make_member,
    meeting_data,
    partner_data,
    present,
    rectification_data,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from ui_support import answer_messages, drive_dialogs, prepare

from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.meeting import meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.partner import partners
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.store.models import Activity, Meeting, Member, Partner, Rectification
from ui.member_left_dialog import MemberLeftDialog
from ui.record_tab import RecordTab
from ui.tab_specs import ACTIVITIES, MEETINGS, MEMBERS, PARTNERS, RECTIFICATIONS


@pytest.fixture(autouse=True)
def _app(qapp, tmp_path):
    prepare(qapp, tmp_path)


def fill_member(d):
    d.editors["name"].set_value("张三")
    d.editors["gender"].set_value("男")


def fill_meeting(d):
    d.editors["kind"].set_value("主题党日")
    d.editors["date"].set_value("2025年3月20日")
    d.editors["topic"].set_value("学雷锋 见行动")
    d.editors["place"].set_value("党员活动室")


def fill_activity(d):
    d.editors["category"].set_value(category_id("示范课"))
    d.editors["title"].set_value("党员示范课：语文")
    d.editors["date"].set_value("2025-04-16")
    d.editors["quantity"].set_value("3")


def fill_partner(d):
    d.editors["name"].set_value("常大红馆")
    d.editors["kind"].set_value("红色教育基地")


def fill_rectification(d):
    d.editors["source"].set_value("自查")
    d.editors["found_on"].set_value("2025-01-20")
    d.editors["problem"].set_value("理论学习不够系统")
    d.editors["owner"].set_value("组织委员")
    d.editors["deadline"].set_value("2025-06-30")


# spec, model, how to fill a new record, (field, new value, model attribute) to edit, search word
KINDS = {
    "member": (MEMBERS, Member, fill_member, ("job_title", "语文教师", "job_title"), "zs"),
    "meeting": (MEETINGS, Meeting, fill_meeting, ("topic", "重温入党誓词", "topic"), "誓词"),
    "activity": (ACTIVITIES, Activity, fill_activity, ("title", "党员示范课：数学", "title"), "示范"),
    "partner": (PARTNERS, Partner, fill_partner, ("contact", "陈老师", "contact"), "cdhg"),
    "rectification": (RECTIFICATIONS, Rectification, fill_rectification, ("owner", "周振华", "owner"), "系统"),
}


def texts(tab: RecordTab) -> list[str]:
    return [" ".join(tab.model.text(r, c) for c in range(tab.model.columnCount()))
            for r in range(tab.model.rowCount())]


@pytest.mark.parametrize("kind", KINDS)
def test_add_edit_search_delete(qtbot, database, monkeypatch, kind):
    spec, model, fill, (field, new_value, attribute), word = KINDS[kind]
    tab = RecordTab(spec)
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 0

    answer_messages(monkeypatch)  # a meeting without 主持人 and 记录人 is saved after a question: yes
    drive_dialogs(monkeypatch, fill)
    tab.new_record()
    record = model.get()
    assert tab.model.rowCount() == 1 and tab.selected_id() == record.id
    assert "共 1 " in tab.count_line.text()

    drive_dialogs(monkeypatch, lambda d: d.editors[field].set_value(new_value))
    tab.edit_selected()
    assert getattr(model.get_by_id(record.id), attribute) == new_value
    assert new_value in texts(tab)[0] or new_value in tab.detail.toPlainText()

    tab.search.setText(word)
    assert tab.model.rowCount() == 1
    tab.search.setText("没有这样的记录")
    assert tab.model.rowCount() == 0 and tab.count_line.text() == "没有匹配的记录（全部共 1 条）"
    assert "没有匹配的记录。请换个关键字" in tab.detail.toPlainText()
    tab.search.clear()

    tab.view.selectRow(0)
    shown = answer_messages(monkeypatch, QMessageBox.No)
    tab.delete_selected()
    assert shown[0][0] == "question" and model.select().count() == 1  # "No" keeps it
    answer_messages(monkeypatch, QMessageBox.Yes)
    tab.delete_selected()
    assert model.select().count() == 0 and tab.model.rowCount() == 0


def test_double_click_opens_the_record(qtbot, database, monkeypatch):
    make_member("张三")
    tab = RecordTab(MEMBERS)
    qtbot.addWidget(tab)
    tab.show()
    opened = drive_dialogs(monkeypatch, lambda d: None)
    rect = tab.view.visualRect(tab.model.index(0, 0))
    qtbot.mouseClick(tab.view.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.view.viewport(), Qt.LeftButton, pos=rect.center())
    assert opened and opened[0].record_id == Member.get().id
    assert opened[0].editors["name"].value() == "张三"


def test_member_search_by_pinyin_initials_and_filters(qtbot, database):
    make_member("张三", party_post="书记")
    make_member("李四")
    members.create({"name": "张三丰", "gender": "男", "status": "正常", "applied_on": dt.date(2024, 3, 1),
                    "birth_date": dt.date(1990, 1, 1)})
    tab = RecordTab(MEMBERS)
    qtbot.addWidget(tab)
    tab.search.setText("zs")
    assert sorted(tab.model.text(r, 0) for r in range(tab.model.rowCount())) == ["张三", "张三丰"]
    tab.set_filter("stage", "入党申请人")
    assert [tab.model.text(r, 0) for r in range(tab.model.rowCount())] == ["张三丰"]
    tab.search.clear()
    tab.set_filter("stage", "正式党员")
    assert sorted(tab.model.text(r, 0) for r in range(tab.model.rowCount())) == ["张三", "李四"]
    assert tab.count_line.text().startswith("共 2 人：正式党员 2 人")


def test_the_member_list_orders_names_as_the_printed_roll_does(qtbot, database):
    from dangjian_desktop.reports.data import roll_order

    for name in ("王五", "单伟", "沈一", "李四", "曾国", "陈三"):
        make_member(name)
    tab = RecordTab(MEMBERS)
    qtbot.addWidget(tab)
    tab.view.sortByColumn(0, Qt.AscendingOrder)
    shown = [tab.model.text(r, 0) for r in range(tab.model.rowCount())]
    assert shown == ["陈三", "李四", "单伟", "沈一", "王五", "曾国"]  # 单 as shan, 曾 as zeng
    assert shown == sorted(shown, key=lambda name: roll_order(name, ""))


def test_meeting_year_and_type_filters(qtbot, database):
    meetings.create(meeting_data(date=dt.date(2024, 5, 8)))
    meetings.create(meeting_data(date=dt.date(2025, 5, 8)))
    meetings.create(meeting_data(kind="党课", topic="作风建设", lecturer=make_member("周振华").id,
                                 date=dt.date(2025, 6, 12)))
    tab = RecordTab(MEETINGS)
    qtbot.addWidget(tab)
    assert [tab.filters["year"].itemText(i) for i in range(tab.filters["year"].count())] \
        == ["全部年度", "2025", "2024"]
    assert tab.year is None
    tab.set_filter("year", "2025")
    assert tab.year == 2025 and tab.model.rowCount() == 2
    tab.set_filter("kind", "党课")
    assert tab.model.rowCount() == 1 and tab.model.text(0, 3) == "作风建设"
    tab.refresh()  # a refresh keeps the chosen filters
    assert tab.year == 2025 and tab.model.rowCount() == 1


def test_overdue_rectification_stands_out_in_text_and_colour(qtbot, database):
    rectifications.create(rectification_data(deadline=dt.date(2025, 6, 30), status="整改中"))
    rectifications.create(rectification_data(problem="已完成的问题", status="已完成",
                                             completed_on=dt.date(2025, 5, 1)))
    tab = RecordTab(RECTIFICATIONS)
    qtbot.addWidget(tab)
    status_column = [c.header for c in RECTIFICATIONS.columns].index("整改状态")
    rows = {tab.model.text(r, 2): r for r in range(tab.model.rowCount())}
    late, done = rows["理论学习不够深入，学用结合不紧"], rows["已完成的问题"]
    assert tab.model.text(late, status_column) == "整改中（已逾期）"
    assert tab.model.data(tab.model.index(late, 0), Qt.BackgroundRole) is not None
    assert tab.model.text(done, status_column) == "已完成"
    assert tab.model.data(tab.model.index(done, 0), Qt.BackgroundRole) is None
    assert "逾期未完成 1 项" in tab.count_line.text()
    tab.set_filter("status", "逾期未完成")
    assert tab.model.rowCount() == 1


def test_deleting_a_member_in_meetings_offers_to_record_leaving(qtbot, database, monkeypatch):
    member = make_member("张三")
    meetings.create(meeting_data(kind="主题党日", attendance=present(member)))
    tab = RecordTab(MEMBERS)
    qtbot.addWidget(tab)
    tab.select_record(member.id)
    shown = answer_messages(monkeypatch, QMessageBox.Yes)

    def leave(dialog: MemberLeftDialog) -> int:
        dialog.status.setCurrentText("转出")
        dialog.left_on.set_value("2025-09-01")
        return QDialog.Accepted if dialog.save() else QDialog.Rejected

    monkeypatch.setattr(MemberLeftDialog, "exec", leave)
    tab.delete_selected()
    assert [kind for kind, _title, _text in shown] == ["question", "question"]
    assert "1 场会议的出席记录" in shown[1][2] and "登记张三离开" in shown[1][2]
    kept = Member.get_by_id(member.id)
    assert (kept.status, kept.left_on) == ("转出", dt.date(2025, 9, 1))
    assert tab.model.text(0, len(MEMBERS.columns) - 1) == "转出（2025-09-01）"


def test_refused_delete_of_a_partner_explains(qtbot, database, monkeypatch):
    base = partners.create(partner_data()).record
    activities.create(activity_data(partner=base.id))
    tab = RecordTab(PARTNERS)
    qtbot.addWidget(tab)
    tab.select_record(base.id)
    shown = answer_messages(monkeypatch, QMessageBox.Yes)
    tab.delete_selected()
    assert shown[-1][0] == "warning" and "1 项活动" in shown[-1][2]
    assert Partner.select().count() == 1


def _arrow_points_up(tab: RecordTab) -> bool:
    """Read the sort arrow off the header's pixels: ▲ has its wide row at the bottom."""
    header = tab.view.horizontalHeader()
    column = header.sortIndicatorSection()
    image = header.grab().toImage()
    left = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    right = header.sectionViewportPosition(column) + header.sectionSize(column)
    widths = [sum(1 for x in range(left, right) if image.pixelColor(x, y).lightness() < 120)
              for y in range(image.height())]
    arrow = [w for w in widths if w]
    assert len(arrow) >= 2, widths
    return arrow[-1] > arrow[0]


def test_the_sort_arrow_points_up_for_ascending_as_in_excel(qtbot, database):
    tab = RecordTab(MEETINGS)
    qtbot.addWidget(tab)
    tab.resize(1000, 400)
    tab.show()
    header = tab.view.horizontalHeader()
    header.setSortIndicator(0, Qt.DescendingOrder)  # newest first
    assert not _arrow_points_up(tab)
    header.setSortIndicator(0, Qt.AscendingOrder)
    assert _arrow_points_up(tab)


def test_an_empty_list_says_how_to_start(qtbot, database):
    tab = RecordTab(MEMBERS)
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 0 and "还没有党员记录" in tab.detail.toPlainText()
    assert "新增" in tab.detail.toPlainText()
