"""Every window and dialog on a 1024×700 screen: opened as the app opens it, each page shown, it must fit
the screen and show every button inside itself (a button in a scrolling area may be scrolled to), and no
toolbar may hide buttons behind ». Run by tests/test_small_screen.py in a process of its own, whose
offscreen screen is 1024×700 (pytest's own process has the platform's 800×800 one); prints one line per
problem, nothing when all fit."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def problems(widget, name: str, app) -> list[str]:
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QTabWidget, QToolBar, QToolButton

    widget.show()
    app.processEvents()
    room = widget.screen().availableGeometry()
    found = []
    if not room.contains(widget.frameGeometry()):
        found.append(f"{name}：窗口 {widget.frameGeometry()} 超出屏幕 {room}")
    hint = widget.minimumSizeHint()
    if hint.width() > room.width() or hint.height() > room.height():
        found.append(f"{name}：最小尺寸 {hint.width()}×{hint.height()} 大于屏幕")

    def scrolls(child) -> bool:
        parent = child.parentWidget()
        while parent is not None and parent is not widget:
            if isinstance(parent.parentWidget(), QAbstractScrollArea) and parent is parent.parentWidget().viewport():
                return True
            parent = parent.parentWidget()
        return False

    def check_page(page: str) -> None:
        app.processEvents()
        for button in widget.findChildren(QAbstractButton):
            if not button.isVisibleTo(widget) or not button.isVisible() or scrolls(button):
                continue
            rect = QRect(button.mapTo(widget, QPoint(0, 0)), button.size())
            if not widget.rect().contains(rect):
                found.append(f"{name}{page}：按钮“{button.text() or button.toolTip()}”在窗口之外 {rect}")
        for toolbar in widget.findChildren(QToolBar):
            more = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
            if toolbar.isVisible() and more is not None and more.isVisible():
                found.append(f"{name}{page}：工具栏放不下，有按钮藏在 » 里")

    check_page("")
    for tabs in widget.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            check_page(f"（{tabs.tabText(index)}）")
    return found


def main() -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    work = Path(tempfile.mkdtemp())
    for scope in (QSettings.IniFormat, QSettings.NativeFormat):
        QSettings.setPath(scope, QSettings.UserScope, str(work / "settings"))

    from dangjian_desktop.demo.builder import write_demo
    from dangjian_desktop.services.development import path_of
    from dangjian_desktop.store.connection import close_database
    from dangjian_desktop.store.models import Meeting, Member
    from dangjian_desktop.store.session import open_session
    from ui.app import setup_application
    from ui.category_dialog import CategoryDialog
    from ui.deleted_records_dialog import DeletedRecordsDialog
    from ui.history_dialog import HistoryDialog
    from ui.main_window import MainWindow
    from ui.meeting_dialog import MeetingDialog
    from ui.member_left_dialog import MemberLeftDialog
    from ui.probation_dialog import ProbationExtensionDialog
    from ui.record_dialog import RecordDialog
    from ui.settings_dialog import SettingsDialog
    from ui.step_date_dialog import StepDateDialog
    from ui.summary_editor import SummaryEditor
    from ui.tab_specs import TAB_SPECS

    setup_application(app)
    database = work / "demo.db"
    write_demo(database)
    close_database()
    window = MainWindow(open_session(database, writer=True))
    found = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        found += problems(window, f"主窗口“{window.tabs.tabText(index)}”页", app)

    secretary = Member.get(Member.party_post == "书记")
    meeting = Meeting.select().where(Meeting.kind == "支部党员大会").first()
    dialogs = []
    for spec in TAB_SPECS:
        dialog_class = MeetingDialog if spec.table == "meeting" else RecordDialog
        dialogs.append((f"新增{spec.form.label}", dialog_class(spec.form, None, window)))
    dialogs.append(("修改会议", MeetingDialog(next(s.form for s in TAB_SPECS if s.table == "meeting"), meeting.id,
                                           window)))
    applicant = Member.select().where(Member.applied_on.is_null(False) & Member.activist_on.is_null()).first()
    state = path_of(applicant.id).steps[1]
    dialogs += [
        ("支部设置", SettingsDialog(window)),
        ("活动类别", CategoryDialog(window)),
        ("修改记录", HistoryDialog("meeting", meeting.id, window)),
        ("已删除记录", DeletedRecordsDialog(window.deleted_actions, "meeting", window)),
        ("登记离开", MemberLeftDialog(secretary.id, secretary.name, window)),
        ("延长预备期", ProbationExtensionDialog(secretary.name, dt.date(2025, 1, 1), 6, window)),
        ("年度总结", SummaryEditor(window, 2025)),
    ]
    dialogs.append(("记录步骤", StepDateDialog(state, applicant.name, dt.date(2025, 1, 1), window)))
    preview = window.print_compliance(2025)
    if preview is not None:
        dialogs.append(("打印预览", preview))
    for name, dialog in dialogs:
        found += problems(dialog, name, app)
        dialog.hide()
    for line in found:
        print(line)
    window.session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
