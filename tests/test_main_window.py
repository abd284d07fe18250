"""The main window: title and status bar name the open file, five tabs hold the records, menus and
shortcuts reach the current tab, other databases and the demo can be opened, the layout is remembered."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from factories import full_member_data, make_member, meeting_data
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from ui_support import answer_messages, drive_dialogs, prepare

from dangjian_desktop.cli import parse_args
from dangjian_desktop.demo import builder as demo
from dangjian_desktop.services.meeting import meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.store.connection import close_database, database_path
from dangjian_desktop.store.models import Activity, Meeting, Member, Partner, Rectification
from dangjian_desktop.store.session import open_database, open_session
from ui import app as app_module
from ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _app(qapp, tmp_path):
    prepare(qapp, tmp_path)


def make_window(qtbot, path: Path) -> MainWindow:
    window = MainWindow(open_session(path, writer=False))
    qtbot.addWidget(window)
    return window


def test_window_on_the_demo_shows_every_record(qtbot, demo_db):
    window = make_window(qtbot, demo_db)
    assert "党建台账" in window.windowTitle() and str(demo_db) in window.windowTitle()
    assert str(demo_db) in window.path_label.text()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert [t for t in titles if t in ("党员", "会议", "活动", "共建阵地", "整改")] \
        == ["党员", "会议", "活动", "共建阵地", "整改"]
    expected = {"member": Member, "meeting": Meeting, "activity": Activity, "partner": Partner,
                "rectification": Rectification}
    for table, model in expected.items():
        tab = window.record_tabs[table]
        window.tabs.setCurrentWidget(tab)  # a tab reads its records when first shown
        assert tab.model.rowCount() == model.select().count() > 0, table
    assert [m.title() for m in (window.file_menu, window.print_menu, window.tools_menu, window.help_menu)] \
        == ["文件(&F)", "打印(&P)", "工具(&T)", "帮助(&H)"]


def test_command_line_db_path_opens_in_the_window(qtbot, tmp_path):
    path = tmp_path / "其他" / "支部.db"
    args = parse_args(["--db", str(path)])
    window = make_window(qtbot, args.db)
    assert path.exists() and str(path) in window.windowTitle()
    assert all(tab.model.rowCount() == 0 for tab in window.record_tabs.values())


def test_an_unusable_file_is_explained_at_start(qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "坏文件.db"
    bad.write_text("这不是数据库", encoding="utf-8")
    shown = answer_messages(monkeypatch)
    assert app_module.run_app(bad) == 1
    assert shown[0][0] == "critical" and str(bad) in shown[0][2]


def test_shortcuts_and_menu_actions_reach_the_current_tab(qtbot, database, monkeypatch):
    window = make_window(qtbot, database)
    assert window.new_action.shortcut() == QKeySequence("Ctrl+N")
    assert window.find_action.shortcut() == QKeySequence("Ctrl+F")
    assert window.refresh_action.shortcut() == QKeySequence("F5")
    assert window.delete_action.shortcut().toString() == "Del"
    window.tabs.setCurrentWidget(window.record_tabs["partner"])
    opened = drive_dialogs(monkeypatch, lambda d: (d.editors["name"].set_value("常大红馆"),
                                                   d.editors["kind"].set_value("红色教育基地")))
    window.new_action.trigger()
    assert opened[0].spec.table == "partner" and Partner.get().name == "常大红馆"
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.find_action.trigger()
    assert QApplication.focusWidget() is window.record_tabs["partner"].search


def test_a_change_in_one_tab_shows_in_the_others(qtbot, database, monkeypatch):
    host = make_member("张三")
    meetings.create(meeting_data(host=host.id))
    window = make_window(qtbot, database)
    members_tab, meetings_tab = window.record_tabs["member"], window.record_tabs["meeting"]
    window.tabs.setCurrentWidget(meetings_tab)
    assert meetings_tab.model.text(0, 4) == "张三"
    window.tabs.setCurrentWidget(members_tab)
    members_tab.select_record(host.id)
    changed = []
    window.data_changed.connect(changed.append)
    drive_dialogs(monkeypatch, lambda d: d.editors["name"].set_value("张珊"))
    members_tab.edit_selected()
    assert changed == ["member"]
    window.tabs.setCurrentWidget(meetings_tab)
    assert meetings_tab.model.text(0, 4) == "张珊"


def test_open_record_switches_tab_selects_and_edits(qtbot, database, monkeypatch):
    meeting = meetings.create(meeting_data()).record
    window = make_window(qtbot, database)
    window.record_tabs["meeting"].search.setText("没有")
    answer_messages(monkeypatch)  # saved as it is, without 主持人: yes
    opened = drive_dialogs(monkeypatch, lambda d: None)
    window.open_record("meeting", meeting.id)
    assert window.current_record_tab() is window.record_tabs["meeting"]
    assert opened[0].record_id == meeting.id and window.record_tabs["meeting"].selected_id() == meeting.id


def test_opening_other_files(qtbot, database, tmp_path, monkeypatch):
    window = make_window(qtbot, database)
    bad = tmp_path / "坏.db"
    bad.write_bytes(b"not a database at all" * 10)
    shown = answer_messages(monkeypatch)
    assert window.switch_database(bad) is False
    assert shown[0][0] == "warning" and database_path() == database and window.db_path == database
    other = tmp_path / "另一个.db"
    assert window.switch_database(other) is True
    assert str(other) in window.windowTitle() and database_path() == other


def test_new_demo_database_is_written_and_opened(qtbot, database, tmp_path, monkeypatch, demo_template):
    def fake_write_demo(path):  # the real one takes seconds; the session's demo file is the same data
        shutil.copyfile(demo_template, path)
        open_database(path)

    monkeypatch.setattr(demo, "write_demo", fake_write_demo)
    window = make_window(qtbot, database)
    target = tmp_path / "演示.db"
    target.write_text("old file to be replaced")
    assert window.write_demo_database(target) is True
    assert window.db_path == target and str(target) in window.windowTitle()
    window.tabs.setCurrentWidget(window.record_tabs["member"])
    assert window.record_tabs["member"].model.rowCount() == Member.select().count() > 0
    shown = answer_messages(monkeypatch)
    assert window.write_demo_database(target) is False and "不能覆盖当前打开的数据库" in shown[0][2]


def test_window_size_splitter_and_column_widths_are_remembered(qtbot, database):
    window = make_window(qtbot, database)
    window.resize(711, 500)
    meetings_tab = window.record_tabs["meeting"]
    meetings_tab.view.horizontalHeader().resizeSection(3, 333)
    meetings_tab.splitter.setSizes([300, 120])
    sizes = meetings_tab.splitter.sizes()
    window.close()
    again = make_window(qtbot, database)
    assert again.width() == 711
    assert again.record_tabs["meeting"].view.horizontalHeader().sectionSize(3) == 333
    assert again.record_tabs["meeting"].splitter.sizes() == sizes


def test_new_demo_database_over_a_file_another_window_has_open_is_refused_untouched(qtbot, database, tmp_path,
                                                                                   monkeypatch):
    from test_lock import hold_in_subprocess

    target = tmp_path / "其他窗口.db"
    open_database(target)
    members.create(full_member_data("王五", dt.date(1990, 1, 1)))
    close_database()
    open_database(database)
    before = target.read_bytes()
    holder = hold_in_subprocess(target)
    try:
        window = make_window(qtbot, database)
        shown = answer_messages(monkeypatch)
        assert window.write_demo_database(target) is False
        assert "文件没有改动" in shown[0][2] and "正在被另一个党建台账窗口或命令使用" in shown[0][2]
        assert target.read_bytes() == before and window.db_path == database
    finally:
        holder.kill()
        holder.wait()


def test_help_has_an_offline_guide_and_the_shortcuts_the_menus_really_have(qtbot, database, monkeypatch):
    from ui.help_dialog import HelpDialog

    window = make_window(qtbot, database)
    shown: list[HelpDialog] = []
    monkeypatch.setattr(HelpDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    assert [a.text() for a in window.help_menu.actions() if not a.isSeparator()][:2] == ["使用说明", "快捷键"]
    window.guide_action.trigger()
    guide = shown[-1].browser.toPlainText()
    for heading in ("第一次使用", "一年里的工作", "打印", "备份"):
        assert heading in guide
    window.keys_action.trigger()
    keys = shown[-1].browser.toPlainText()
    assert "Ctrl+N" in keys and "新增" in keys and "Ctrl+Z" in keys and "撤销删除" in keys and "F5" in keys
    window.deleted_actions.undo_action.setShortcut("Ctrl+Shift+Z")  # the list is read from the menus
    window.keys_action.trigger()
    assert "Ctrl+Shift+Z" in shown[-1].browser.toPlainText()


def test_the_program_signs_in_again_to_the_server_it_was_on_and_a_cancel_opens_this_pcs_file(monkeypatch, tmp_path):
    """With no --db: the server of the last session (the user never went back to his file), else the file."""
    from PySide6.QtCore import QSettings

    from dangjian_desktop.common.paths import default_db_path
    from ui import server_dialogs

    QSettings().setValue("server/url", "postgresql://clerk@db.school.lan/dangjian")
    QSettings().setValue("server/at_start", True)
    asked, opened = [], []
    monkeypatch.setattr(server_dialogs, "sign_in", lambda parent, url="": asked.append(url))  # cancelled
    monkeypatch.setattr(app_module, "_open_file", lambda path: opened.append(path))  # refused too: the test stops
    assert app_module.run_app(default_db_path()) == 1
    assert asked == ["postgresql://clerk@db.school.lan/dangjian"] and opened == [default_db_path()]

    server_dialogs.forget_server_at_start()  # 退出服务器，打开本机数据库
    asked.clear()
    app_module.run_app(default_db_path())
    assert asked == [] and server_dialogs.remembered_server() == ""
