"""The 民主评议 and 谈心谈话 tabs: their pages, the coverage grid with the demo's missing pair, the assignment
dialog, the list made in one go, and a refused 优秀 shown in the record dialog."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import make_member
from ui_support import prepare

from dangjian_desktop.services.appraisal import appraisal_entries
from dangjian_desktop.services.talk import assignments
from dangjian_desktop.store.models import AppraisalEntry, Member
from dangjian_desktop.store.session import open_session
from ui.main_window import MainWindow
from ui.talk_coverage import AssignmentDialog, TalkCoverageView


@pytest.fixture(autouse=True)
def _app(qapp, tmp_path):
    prepare(qapp, tmp_path)


def window_on(qtbot, path) -> MainWindow:
    window = MainWindow(open_session(path, writer=True))
    qtbot.addWidget(window)
    return window


def test_the_coverage_grid_marks_the_demos_missing_pair(qtbot, demo_db):
    view = TalkCoverageView(today=lambda: dt.date(2025, 12, 20))
    qtbot.addWidget(view)
    view.refresh()
    rows = [view.table.verticalHeaderItem(r).text() for r in range(view.table.rowCount())]
    columns = [view.table.horizontalHeaderItem(c).text().split("\n")[0] for c in range(view.table.columnCount())]
    cell = view.table.item(rows.index("郭玉兰"), columns.index("单志强")).text()
    assert cell == "缺" and view.table.item(rows.index("高雅琴"), columns.index("单志强")).text() == "1"
    assert "应谈 26 对，已谈 25 对；尚未谈话：郭玉兰与单志强" in view.summary.text()


def test_the_assignment_dialog_stores_who_talks_with_whom(qtbot, database):
    secretary = make_member("周振华", party_post="书记")
    organiser = make_member("单志强", party_post="组织委员")
    member = make_member("王堃")
    view = TalkCoverageView(today=lambda: dt.date(2025, 6, 1))
    qtbot.addWidget(view)
    view.refresh()
    dialog = AssignmentDialog(view.coverage, view)
    qtbot.addWidget(dialog)
    box = dialog.boxes[[p.name for p in dialog.people].index("王堃")]
    box.setCurrentIndex(box.findData(organiser.id))
    assert dialog.accept_values()
    assert assignments() == {member.id: organiser.id}
    view.refresh()
    assert view.coverage.is_required(member.id, organiser.id) and not view.coverage.is_required(member.id, secretary.id)


def test_the_tabs_hold_their_pages_and_the_list_is_made_in_one_go(qtbot, database, monkeypatch):
    for name in ("周振华", "单志强", "王堃"):
        make_member(name)
    window = window_on(qtbot, database)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "民主评议" in titles and "谈心谈话" in titles
    entries = window.record_tabs["appraisal_entry"]
    window.show_record_tab(entries)
    assert window.tabs.currentWidget() is window.appraisal_view and window.current_record_tab() is entries
    monkeypatch.setattr("ui.print_actions.ask_year", lambda *_a: 2025)
    window.enrol_appraisal()
    assert AppraisalEntry.select().count() == 3 and entries.model.rowCount() == 3
    assert "参评 3 人" in entries.count_line.text() and "尚未评定 3 人" in entries.count_line.text()
    talks = window.record_tabs["talk"]
    window.show_record_tab(talks)
    assert window.tabs.currentWidget() is window.talk_view and window.current_record_tab() is talks
    window.talk_view.show_page(window.talk_coverage)
    assert window.current_record_tab() is None
    window.session.close()


def test_an_eleventh_excellent_is_refused_in_the_dialog_with_the_number_allowed(qtbot, database):
    people = [make_member(f"党员{chr(0x4e00 + i)}") for i in range(3)]
    window = window_on(qtbot, database)
    entries = window.record_tabs["appraisal_entry"]
    appraisal_entries.create({"year": 2025, "member": people[0].id, "grade": "优秀"})
    dialog = entries.make_dialog()
    qtbot.addWidget(dialog)
    dialog.preset({"year": 2025, "member": people[1].id, "grade": "优秀"})
    assert not dialog.save()
    assert "最多 1 人" in dialog.problem_text("grade")
    assert Member.select().count() == 3 and AppraisalEntry.select().count() == 1
    window.session.close()
