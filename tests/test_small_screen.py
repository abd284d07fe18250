"""Issue 16 #7: every window usable on a 1024×700 laptop screen (see tests/small_screen.py, which opens them
all in a process whose offscreen screen has that size)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("small_screen.py")


def test_every_window_fits_a_1024_by_700_screen_with_every_button_inside(tmp_path):
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1024, "height": 700,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path / "data"), TMPDIR=str(tmp_path))
    done = subprocess.run([sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True, timeout=100)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout == "", "windows that do not fit 1024×700:\n" + done.stdout


def test_each_window_reopens_at_the_size_it_was_left_and_within_the_screen(qtbot, qapp, tmp_path):
    from PySide6.QtWidgets import QDialog
    from ui_support import prepare

    from ui.screen import keep_geometry

    prepare(qapp, tmp_path)

    def opened(key: str, width: int, height: int) -> QDialog:
        dialog = QDialog()
        qtbot.addWidget(dialog)
        keep_geometry(dialog, key, width, height)
        return dialog

    first = opened("history", 820, 480)
    assert first.size().toTuple() == (760, 480)  # the offscreen screen is 800 wide: 95 % of it
    first.show()
    first.resize(700, 400)
    first.reject()
    assert opened("history", 820, 480).size().toTuple() == (700, 400)
    assert opened("deleted", 900, 520).size().toTuple() == (760, 520)  # another window, its own size


def test_the_settings_scroll_on_a_low_screen_and_keep_their_buttons_in_view(qtbot, qapp, tmp_path, database):
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QDialogButtonBox
    from ui_support import prepare

    from ui.settings_dialog import SettingsDialog

    prepare(qapp, tmp_path)
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(640, 420)  # lower than the form
    qapp.processEvents()
    assert dialog.height() == 420
    for button in dialog.findChild(QDialogButtonBox).buttons():
        assert dialog.rect().contains(QRect(button.mapTo(dialog, QPoint(0, 0)), button.size())), button.text()
