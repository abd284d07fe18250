"""Screenshots of the window and its dialogs on the demo database, at a laptop's 1366×768 and at 1024×700.

Run from the repository root: `python docs/make_screens.py` (offscreen: no display needed). Writes the demo
database in a temporary folder and replaces `docs/screens/` with `<screen>-<width>x<height>.png`. Run it
again whenever a screen changes, look at the pictures, and commit them.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

OUT = ROOT / "docs" / "screens"
SIZES = ((1366, 768), (1024, 700))


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from dangjian_desktop.demo.builder import write_demo
    from dangjian_desktop.services.meeting import meetings
    from dangjian_desktop.store.connection import close_database
    from dangjian_desktop.store.models import Meeting, Member, PartyEvent
    from dangjian_desktop.store.session import open_session
    from ui.app import setup_application
    from ui.deleted_records_dialog import DeletedRecordsDialog
    from ui.help_dialog import HelpDialog, guide_html, shortcuts_html
    from ui.main_window import MainWindow
    from ui.meeting_dialog import MeetingDialog
    from ui.record_dialog import RecordDialog
    from ui.settings_dialog import SettingsDialog
    from ui.tab_specs import MEETINGS, MEMBERS, PARTY_EVENTS

    app = QApplication.instance() or QApplication(sys.argv)
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as work:
        for scope in (QSettings.IniFormat, QSettings.NativeFormat):  # not the user's remembered geometry
            QSettings.setPath(scope, QSettings.UserScope, str(Path(work) / "settings"))
        setup_application(app)
        database = Path(work) / "demo.db"
        write_demo(database)
        close_database()
        window = MainWindow(open_session(database, writer=True))  # writer: one meeting is deleted at the end
        member = Member.select().where(Member.party_post == "书记").get().id
        meeting = Meeting.select().where(Meeting.kind == "支部党员大会").order_by(Meeting.date).first().id
        transfer = PartyEvent.get(PartyEvent.kind == "转出").id
        arrived = PartyEvent.get(PartyEvent.kind == "转入").member_id

        def shoot(name: str, widget, size: tuple[int, int], screen: tuple[int, int]) -> None:
            widget.resize(*size)
            widget.show()
            app.processEvents()
            widget.grab().save(str(OUT / f"{name}-{screen[0]}x{screen[1]}.png"))

        for size in SIZES:
            for index in range(window.tabs.count()):
                window.tabs.setCurrentIndex(index)
                app.processEvents()
                shoot(f"tab{index + 1}", window, size, size)
            window.tabs.setCurrentWidget(window.transfer_view)
            window.transfer_view.pages.setCurrentIndex(1)
            shoot("tab-mobile", window, size, size)
            window.transfer_view.pages.setCurrentIndex(0)
            members_tab = window.record_tabs["member"]
            window.tabs.setCurrentWidget(members_tab)
            members_tab.select_record(arrived)
            shoot("member-card", window, size, size)
            window.dues_view.set_year(2025)
            window.dues_tab.show_page(window.dues_view)
            dialog_size = (min(size[0], 900), size[1] - 40)  # a dialog on that screen, below the task bar
            menus = [window.file_menu, window.record_menu, window.print_menu, window.tools_menu, window.help_menu]
            for name, dialog in (("member-dialog", RecordDialog(MEMBERS.form, member, window)),
                                 ("meeting-dialog", MeetingDialog(MEETINGS.form, meeting, window)),
                                 ("settings-dialog", SettingsDialog(window)),
                                 ("party-event-dialog", RecordDialog(PARTY_EVENTS.form, transfer, window)),
                                 ("dues-bases-dialog", window.dues_view.bases_dialog()),
                                 ("help-guide", HelpDialog("使用说明", guide_html(), window)),
                                 ("help-keys", HelpDialog("快捷键", shortcuts_html(menus), window))):
                shoot(name, dialog, dialog_size, size)
                dialog.reject()
        meetings.delete(meeting)  # 已删除记录 with a meeting to restore, after the tabs showed the demo whole
        for size in SIZES:
            dialog = DeletedRecordsDialog(window.deleted_actions, "meeting", window)
            shoot("deleted-dialog", dialog, (min(size[0], 900), min(size[1] - 40, 520)), size)
            dialog.reject()
        window.session.close()
        close_database()
        empty = MainWindow(open_session(Path(work) / "empty.db", writer=True))  # a clerk's first start
        for size in SIZES:
            empty.tabs.setCurrentIndex(0)
            shoot("first-start", empty, size, size)
            empty.tabs.setCurrentIndex(2)
            shoot("first-start-members", empty, size, size)
        empty.session.close()
        close_database()
    print(f"  {len(list(OUT.glob('*.png')))} screenshots in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
