"""Start-up stays light with years of records: the window opens without the printing, Excel and pinyin libraries,
and a record tab reads its rows only when first shown. (The timings themselves: bench/run.py.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ui_support import prepare

from dangjian_desktop.store.models import Activity, Meeting
from dangjian_desktop.store.session import open_session
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("reportlab", "openpyxl", "pypinyin", "docx", "lxml", "PIL")
OPEN_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication
from ui.app import setup_application
from ui.main_window import MainWindow
from dangjian_desktop.store.session import open_session
app = QApplication([])
setup_application(app)
window = MainWindow(open_session(sys.argv[1], writer=True))
window.show()
for _ in range(3):
    app.processEvents()
print(window.tabs.tabText(window.tabs.currentIndex()))
print(" ".join(sorted({name.split(".")[0] for name in sys.modules} & set(sys.argv[2:]))))
"""


def test_the_window_opens_without_the_heavy_libraries(tmp_path, demo_template):
    database = tmp_path / "demo.db"
    shutil.copyfile(demo_template, database)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", OPEN_WINDOW, str(database), *HEAVY], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    shown, loaded = (done.stdout.splitlines() + ["", ""])[:2]
    assert shown == "概览" and loaded == ""


def test_a_record_tab_reads_its_rows_when_first_shown(qtbot, qapp, demo_db, tmp_path):
    prepare(qapp, tmp_path)
    window = MainWindow(open_session(demo_db, writer=False))
    qtbot.addWidget(window)
    meetings_tab, activities_tab = window.record_tabs["meeting"], window.record_tabs["activity"]
    assert meetings_tab.model.rowCount() == 0 and activities_tab.model.rowCount() == 0
    window.tabs.setCurrentWidget(meetings_tab)
    assert meetings_tab.model.rowCount() == Meeting.select().count() > 0
    assert activities_tab.model.rowCount() == 0
    window.tabs.setCurrentWidget(activities_tab)
    assert activities_tab.model.rowCount() == Activity.select().count() > 0
    Meeting.delete().where(Meeting.id == Meeting.select().first().id).execute()
    window.refresh_all()  # F5: the shown tab now, the others when next shown
    assert meetings_tab.model.rowCount() == Meeting.select().count() + 1
    window.tabs.setCurrentWidget(meetings_tab)
    assert meetings_tab.model.rowCount() == Meeting.select().count()
