"""The overview tab, the development view and the settings dialog as a user sees them, and their wiring
in the main window (first tab, double-click opens the record, the 支部设置 menu entry)."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import full_member_data, member_data, probationer_data
from pdf_reading import text_of
from PySide6.QtWidgets import QDialog, QLabel
from ui_support import answer_messages, prepare

from dangjian_desktop.queries.figures import year_figures
from dangjian_desktop.services import development as dev
from dangjian_desktop.services.development import paths_in_development
from dangjian_desktop.services.meeting import meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.settings import load_settings
from dangjian_desktop.store.models import Meeting, Member, Rectification
from dangjian_desktop.store.session import open_session
from ui.development_view import DevelopmentView
from ui.main_window import MainWindow
from ui.overview_tab import CURRENT_ROLE, OverviewTab
from ui.pdf_preview import PdfPreview
from ui.probation_dialog import ProbationExtensionDialog
from ui.record_dialog import RecordDialog
from ui.settings_dialog import SettingsDialog
from ui.step_date_dialog import StepDateDialog

D = dt.date


@pytest.fixture(autouse=True)
def _app(qapp, tmp_path):
    prepare(qapp, tmp_path)


def overview(qtbot, today: dt.date, year: int = 2025) -> OverviewTab:
    tab = OverviewTab(today=lambda: today)
    qtbot.addWidget(tab)
    tab.year.setValue(year)
    tab.refresh()
    return tab


def tiles(tab: OverviewTab) -> dict[str, str]:
    layout = tab.tiles_layout
    texts = [[w.text() for w in layout.itemAt(i).widget().findChildren(type(tab.status))] for i in range(layout.count())]
    return {caption: number for number, caption in texts}


def grid_text(tab: OverviewTab, label: str, month: int) -> str:
    row = [tab.grid.verticalHeaderItem(r).text() for r in range(tab.grid.rowCount())].index(label)
    return tab.grid.item(row, tab.overview.grid.rows[row].cell(month).first_month - 1).text()


def test_figures_at_a_glance_are_the_year_end_summary_numbers(qtbot, demo_db):
    tab = overview(qtbot, D(2026, 1, 15))
    f = year_figures(2025)
    shown = tiles(tab)
    assert shown["主题党日（次）"] == "12" == str(f.meetings_by_kind["主题党日"])
    assert shown["书记党课（次）"] == "5" == str(f.secretary_lectures)
    assert shown["支部会议（次）"] == "12" and shown["党员大会（次）"] == "6"
    assert shown["示范课（节）"] == "41" and shown["专题讲座（次）"] == "20"
    assert shown["转正预备党员（人）"] == "1"


def test_a_new_empty_database_says_where_to_start_and_the_demo_does_not(qtbot, database):
    tab = overview(qtbot, D(2026, 11, 24), year=2026)
    assert tab.welcome.isVisibleTo(tab) and "支部设置" in tab.welcome.text() and "演示数据库" in tab.welcome.text()
    members.create(member_data())
    tab.refresh()
    assert not tab.welcome.isVisibleTo(tab)


def test_a_new_database_asks_from_when_records_are_kept_and_counts_nothing_missing_before(qtbot, database):
    tab = overview(qtbot, D(2026, 11, 24), year=2026)
    # nothing recorded yet: no 缺 for the months before this program was used, nothing needs attention
    assert grid_text(tab, "支委会（每月一次）", 1) == "未记录" and grid_text(tab, "支委会（每月一次）", 10) == "未记录"
    assert not [r for r in tab.overview.reminders if r.severity == "urgent"]  # only what falls due now
    assert tab.since_box.isVisibleTo(tab) and tab.since.value() == D(2026, 11, 1)
    tab.since.set_value("2026-13-01")
    assert not tab.save_since() and tab.since.message.isVisibleTo(tab)  # said under it, nothing stored
    tab.since.set_value(D(2026, 9, 1))
    assert tab.save_since() and load_settings().records_since == D(2026, 9, 1)
    assert not tab.since_box.isVisibleTo(tab)
    assert grid_text(tab, "支委会（每月一次）", 8) == "未记录" and grid_text(tab, "支委会（每月一次）", 9) == "缺"
    assert [r for r in tab.overview.reminders if r.severity == "urgent"]  # 9月 and 10月 are missing now


def test_without_the_setting_periods_count_from_the_first_meeting_recorded(qtbot, database):
    meetings.create({"kind": "支委会", "date": D(2026, 3, 4), "topic": "研究工作", "attendance": []})
    tab = overview(qtbot, D(2026, 11, 24), year=2026)
    assert not tab.since_box.isVisibleTo(tab)
    assert grid_text(tab, "支委会（每月一次）", 2) == "未记录" and grid_text(tab, "支委会（每月一次）", 4) == "缺"


def test_the_grid_shows_each_state_and_the_current_period(qtbot, demo_db):
    tab = overview(qtbot, D(2025, 11, 24))
    assert tab.grid.horizontalHeaderItem(10).text() == "11月\n本月"
    assert grid_text(tab, "支委会（每月一次）", 6) == "已开展"
    assert grid_text(tab, "支委会（每月一次）", 12) == "未到期"
    committee = tab.grid.item(0, 10)
    assert committee.data(CURRENT_ROLE) is True and tab.grid.item(0, 9).data(CURRENT_ROLE) is False
    quarter_row = [r.requirement.key for r in tab.overview.grid.rows].index("支部党员大会")
    assert tab.grid.columnSpan(quarter_row, 9) == 3 and tab.grid.item(quarter_row, 9).data(CURRENT_ROLE)
    assert "项需要关注" in tab.status.text()


def test_removing_a_months_committee_meeting_shows_it_missing_after_a_refresh(qtbot, demo_db):
    tab = overview(qtbot, D(2026, 1, 15))
    for m in Meeting.select().where((Meeting.kind == "支委会") & Meeting.date.between(D(2025, 6, 1), D(2025, 6, 30))):
        meetings.delete(m.id)
    tab.invalidate()  # not visible: refreshed when shown
    tab.show()
    assert grid_text(tab, "支委会（每月一次）", 6) == "缺"
    assert grid_text(tab, "支委会（每月一次）", 5) == "已开展"
    lines = [tab.attention.item(r, 2).text() for r in range(tab.attention.rowCount())]
    assert "支委会：2025年6月未召开（或未录入），要求每月一次" in lines


def test_double_clicking_an_attention_line_asks_to_open_its_record(qtbot, demo_db):
    tab = overview(qtbot, D(2026, 7, 10), year=2026)
    late = Rectification.get(Rectification.deadline == D(2026, 6, 30))
    row = next(r for r in range(tab.attention.rowCount()) if "调研与问题解决能力欠缺" in tab.attention.item(r, 2).text())
    assert tab.attention.item(row, 0).text() == "逾期"
    with qtbot.waitSignal(tab.open_requested) as signal:
        tab.attention.cellDoubleClicked.emit(row, 2)
    assert signal.args == ["rectification", late.id]


def test_double_clicking_a_missing_cell_starts_that_meeting(qtbot, database, monkeypatch):
    from ui.meeting_dialog import MeetingDialog

    last_year = dt.date.today().year - 1
    member = members.create(full_member_data("李四", party_group="第一党小组")).record
    meetings.create({"kind": "支委会", "date": D(last_year, 1, 8), "topic": "研究工作", "attendance": []})
    window = MainWindow(open_session(database, writer=True))
    qtbot.addWidget(window)
    tab = window.overview_tab
    tab.year.setValue(last_year)
    opened: list[MeetingDialog] = []
    monkeypatch.setattr(MeetingDialog, "exec", lambda dialog: opened.append(dialog) or QDialog.Rejected)
    labels = [tab.grid.verticalHeaderItem(r).text() for r in range(tab.grid.rowCount())]
    row = labels.index("党小组会（第一党小组）（每月一次）")
    assert tab.grid.item(row, 2).text() == "缺"
    tab.grid.cellDoubleClicked.emit(row, 2)  # 3月
    dialog = opened[0]
    assert window.tabs.currentWidget() is window.record_tabs["meeting"] and dialog.record_id is None
    assert dialog.editors["kind"].value() == "党小组会" and dialog.editors["party_group"].value() == "第一党小组"
    assert dialog.editors["date"].value() == D(last_year, 3, 31)
    assert [r.member_id for r in dialog.attendance.state()] == [member.id]  # the group's members to mark
    assert not dialog.has_changes()  # started so: closing it asks nothing


def test_main_window_opens_on_the_overview_and_lines_open_their_records(qtbot, demo_db, monkeypatch):
    window = MainWindow(open_session(demo_db, writer=False))
    qtbot.addWidget(window)
    assert [window.tabs.tabText(i) for i in range(2)] == ["概览", "发展党员"]
    assert window.tabs.currentWidget() is window.overview_tab
    opened = []
    monkeypatch.setattr(RecordDialog, "exec", lambda dialog: opened.append(dialog) or QDialog.Rejected)
    late = Rectification.get(Rectification.deadline == D(2026, 6, 30))
    window.overview_tab.open_requested.emit("rectification", late.id)
    assert opened[0].record_id == late.id and window.tabs.currentWidget() is window.record_tabs["rectification"]
    window.overview_tab.open_requested.emit("meeting", 0)
    assert window.tabs.currentWidget() is window.record_tabs["meeting"]
    person = paths_in_development()[0]
    window.overview_tab.open_requested.emit("development", person.member_id)
    assert window.tabs.currentWidget() is window.development_view
    assert window.development_view.heading.text().startswith(f"{person.name}：{person.stage}")
    shown = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda dialog: shown.append(dialog) or QDialog.Rejected)
    window.settings_action.trigger()
    window.overview_tab.open_requested.emit("settings", 0)
    assert len(shown) == 2 and window.settings_action.text() == "支部设置…"


def test_printing_the_grid_and_the_development_record_from_their_tabs(qtbot, demo_db):
    window = MainWindow(open_session(demo_db, writer=False))
    qtbot.addWidget(window)
    window.overview_tab.year.setValue(2025)
    window.overview_tab.print_button.click()
    grid = window.findChildren(PdfPreview)[-1]
    assert "2025年三会一课等制度落实情况表" in text_of(grid.path) and "支委会（每月一次）" in text_of(grid.path)
    window.development_view.print_button.click()
    record = window.findChildren(PdfPreview)[-1]
    assert record is not grid and "发展党员工作纪实表" in text_of(record.path)
    assert all(p.name in text_of(record.path) for p in paths_in_development())
    menu = [a.text() for a in window.print_menu.actions()]
    assert "三会一课等制度落实情况表…" in menu and "发展党员工作纪实表" in menu


def test_recording_a_step_in_the_main_window_updates_the_member_list(qtbot, demo_db, monkeypatch):
    window = MainWindow(open_session(demo_db, writer=False))
    qtbot.addWidget(window)
    applicant = Member.get(Member.name == "谢梓萱")
    member_tab = window.record_tabs["member"]
    window.tabs.setCurrentWidget(member_tab)
    stage_of = lambda: member_tab.model.text(member_tab.model.view_row_of(applicant.id), 3)  # noqa: E731
    assert stage_of() == "入党申请人"
    window.open_reference("development", applicant.id)
    view = window.development_view
    talk = applicant.applied_on + dt.timedelta(days=10)
    assert view.record(2, talk) and view.record(3, talk + dt.timedelta(days=30))
    assert view.path.next_step.step.number == 4
    window.tabs.setCurrentWidget(member_tab)  # the member list is re-read when shown
    assert stage_of() == "入党积极分子"


# -- the development view ---------------------------------------------------------------------------

def development(qtbot) -> DevelopmentView:
    view = DevelopmentView(today=lambda: D(2026, 11, 24))
    qtbot.addWidget(view)
    view.refresh()
    return view


def people(qtbot) -> tuple[int, int]:
    """An applicant (applied 2025-05-06) and an activist (since 2025-03-07), with only their member dates."""
    applicant = members.create(member_data(name="谢梓萱", birth_date=D(2000, 1, 15), applied_on=D(2025, 5, 6)))
    activist = members.create(member_data(name="范可欣", birth_date=D(1999, 8, 9), applied_on=D(2024, 9, 20),
                                          activist_on=D(2025, 3, 7)))
    return applicant.record.id, activist.record.id


def test_the_development_view_lists_everyone_in_development_with_their_next_step(qtbot, database):
    applicant, activist = people(qtbot)
    view = development(qtbot)
    listed = {view.people.item(r, 0).text(): view.people.item(r, 2).text() for r in range(view.people.rowCount())}
    assert listed == {"谢梓萱": "第2步 党组织派人谈话", "范可欣": "第4步 报上级党委备案"}
    due = {view.people.item(r, 0).text(): view.people.item(r, 3) for r in range(view.people.rowCount())}
    assert due["谢梓萱"].text() == "2025-06-06"  # the talk, a month after the application: the next step
    assert due["范可欣"].text() == "2025-09-07（第6步）"  # the half-year review, though 4 is next
    assert due["范可欣"].foreground().color().name() == "#9f1d1d" and "每半年考察一次" in due["范可欣"].toolTip()
    view.select_member(activist)
    assert view.heading.text() == "范可欣：入党积极分子"
    assert view.steps.rowCount() == 25
    assert view.steps.item(2, 3).text() == "已完成" and view.steps.item(2, 4).text() == "2025-03-07"
    assert view.steps.item(1, 3).text() == "未记录" and view.steps.item(3, 3).text() == "下一步"
    assert view.steps.item(6, 5).text() == "2026-03-07"  # 确定发展对象: a year after becoming 积极分子
    assert view.steps.item(0, 0).text().startswith("一、入党申请") and view.steps.rowSpan(2, 0) == 4


def test_a_refused_step_shows_the_rule_and_writes_nothing(qtbot, database):
    _applicant, activist = people(qtbot)
    view = development(qtbot)
    view.select_member(activist)
    for n in (4, 5):
        assert view.record(n, D(2025, 3, 20))
    assert view.record(6, D(2025, 9, 1))
    assert not view.record(7, D(2025, 12, 1))
    assert "一年以上的培养教育和考察" in view.message.text() and "最早 2026-03-07" in view.message.text()
    assert Member.get_by_id(activist).candidate_on is None
    assert view.record(7, D(2026, 3, 9))
    assert Member.get_by_id(activist).candidate_on == D(2026, 3, 9)
    assert view.people.item(view.people.currentRow(), 1).text() == "发展对象"


def test_a_late_step_is_recorded_with_a_warning(qtbot, database):
    applicant, _activist = people(qtbot)
    view = development(qtbot)
    view.select_member(applicant)
    assert view.record(2, D(2025, 6, 20))
    assert "注意" in view.message.text() and "一个月内派人谈话" in view.message.text()


def test_one_click_and_a_date_records_the_step(qtbot, database, monkeypatch):
    applicant, _activist = people(qtbot)
    view = development(qtbot)
    view.select_member(applicant)

    def fake_exec(dialog: StepDateDialog) -> int:
        dialog.date.set_value(D(2025, 5, 13))
        return QDialog.Accepted
    monkeypatch.setattr(StepDateDialog, "exec", fake_exec)
    view.steps.cellDoubleClicked.emit(1, 2)
    assert view.steps.item(1, 4).text() == "2025-05-13" and "已记录第2步" in view.message.text()
    answer_messages(monkeypatch)
    view.steps.selectRow(1)
    view.undo_selected()
    assert view.steps.item(1, 4).text() == "" and "已撤销" in view.message.text()


def test_the_date_dialog_refuses_an_unreadable_date(qtbot, database):
    applicant, _activist = people(qtbot)
    view = development(qtbot)
    view.select_member(applicant)
    dialog = StepDateDialog(view.path.steps[1], "谢梓萱", D(2025, 6, 1))
    qtbot.addWidget(dialog)
    dialog.date.set_value("2025年13月1日")
    dialog._accept()
    assert dialog.result() != QDialog.Accepted and dialog.date.message.isVisibleTo(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "收到入党申请书后一个月内派人谈话" in texts and "最迟 2025-06-06" in texts


def test_extending_a_probation_from_the_development_view(qtbot, database, monkeypatch):
    applicant, _activist = people(qtbot)
    probationer = members.create(probationer_data(probation_on=D(2025, 12, 1))).record.id
    view = development(qtbot)
    view.select_member(applicant)
    assert not view.extend_button.isEnabled()
    view.select_member(probationer)
    assert view.extend_button.isEnabled() and view.heading.text().endswith("预备期满 2026-12-01")

    def choose_eight_months(dialog):
        assert dialog.end.text() == "2026-12-01"
        dialog.months.setCurrentIndex(dialog.months.findData(8))
        assert dialog.end.text() == "2027-08-01"
        return QDialog.Accepted
    monkeypatch.setattr(ProbationExtensionDialog, "exec", choose_eight_months)
    changed = []
    view.records_changed.connect(changed.append)
    view.extend_button.click()
    assert changed == ["development"] and Member.get_by_id(probationer).probation_extension_months == 8
    assert view.heading.text().endswith("预备期满 2027-08-01（已延长8个月）")
    assert view.message.text() == "已记录王五的预备期延长8个月，预备期满 2027-08-01。"
    assert view.steps.item(22, 5).text() == "2027-08-01"  # the 转正 vote waits for the new end

    view.select_member(applicant)
    view.path = dev.path_of(probationer)  # the record changed behind the view: now a leaver
    members.update(probationer, {"status": "转出", "left_on": D(2026, 3, 1)})
    assert not view.extend(6) and "已转出" in view.message.text()


# -- the settings dialog -----------------------------------------------------------------------------

def test_settings_dialog_shows_and_saves_the_branch_settings(qtbot, demo_db):
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert dialog.branch_name.text() == load_settings().branch_name
    secretary = Member.get(Member.party_post == "书记")
    assert dialog.post_combos[secretary.id].currentText() == "书记"
    dialog.branch_name.setText("政平小学党支部")
    dialog.term_years.setCurrentIndex(dialog.term_years.findData(5))
    dialog.lecture_period.setCurrentIndex(dialog.lecture_period.findData("semester"))
    dialog.vacation[1].setChecked(True)
    dialog.vacation[7].setChecked(True)
    dialog.term_start.set_value(D(2024, 1, 5))
    dialog.records_since.set_value("2099-01-01")
    assert not dialog.save() and "开始在本程序记录的日期“2099-01-01”晚于今天" in dialog.problems.text()
    dialog.records_since.set_value(D(2025, 1, 1))
    assert dialog.save()
    s = load_settings()
    assert (s.branch_name, s.committee_term_years, s.lecture_period, s.vacation_months, s.committee_term_start,
            s.records_since) == ("政平小学党支部", 5, "semester", (2, 8), D(2024, 1, 5), D(2025, 1, 1))


def test_settings_dialog_refuses_two_secretaries_and_an_empty_name(qtbot, demo_db):
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    other = next(i for i, combo in dialog.post_combos.items() if combo.currentData() == "")
    dialog.post_combos[other].setCurrentIndex(dialog.post_combos[other].findData("书记"))
    dialog.branch_name.setText("  ")
    before = load_settings()
    assert not dialog.save()
    assert "请填写支部名称" in dialog.problems.text() and "“书记”只能由一人担任" in dialog.problems.text()
    assert dialog.branch_name.property("error") is True
    dialog.branch_name.setText("政平小学党支部")
    assert not dialog.save()
    assert "支部名称" not in dialog.problems.text() and "“书记”只能由一人担任" in dialog.problems.text()
    assert dialog.posts.property("error") is True
    assert load_settings() == before and Member.get_by_id(other).party_post == ""
    assert dialog.problems.isVisibleTo(dialog) and dialog.result() != QDialog.Accepted


def test_the_date_dialog_starts_at_the_earliest_allowed_day_and_says_the_window(qtbot, database):
    applicant, _activist = people(qtbot)
    view = development(qtbot)
    view.select_member(applicant)
    state = view.path.steps[1]  # 第2步: within a month of the application
    dialog = StepDateDialog(state, "谢梓萱", D(2025, 12, 1))
    qtbot.addWidget(dialog)
    assert state.earliest is not None and dialog.value() == state.earliest
    assert dialog.window_note.text() == "在规定的时间内。"
    dialog.date.set_value(D(2025, 7, 1))
    assert "晚于规定的最迟日期 2025-06-06" in dialog.window_note.text()
    today_before = StepDateDialog(state, "谢梓萱", state.earliest - dt.timedelta(days=1))
    qtbot.addWidget(today_before)
    assert today_before.value() == state.earliest - dt.timedelta(days=1)  # never a day still to come


def test_the_development_tab_adds_an_applicant_and_shows_each_steps_rule_in_full(qtbot, database, monkeypatch):
    window = MainWindow(open_session(database, writer=True))
    qtbot.addWidget(window)
    view = window.development_view
    window.tabs.setCurrentWidget(view)

    def fill(dialog: RecordDialog) -> int:
        assert dialog.windowTitle() == "新增入党申请人" and dialog.editors["applied_on"].value() == dt.date.today()
        for name, value in member_data(name="王䶮").items():
            dialog.editors[name].set_value(value)
        dialog.editors["applied_on"].set_value(dt.date.today())
        return QDialog.Accepted if dialog.save() else QDialog.Rejected

    monkeypatch.setattr(RecordDialog, "exec", fill)
    view.new_button.click()
    assert view.heading.text().startswith("王䶮：入党申请人")
    assert view.people.item(0, 0).text() == "王䶮"
    view.steps.selectRow(1)
    assert view.rule.text().startswith("第2步 党组织派人谈话：收到入党申请书后一个月内派人谈话；最早")
