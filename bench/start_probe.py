"""Child of the start-up benchmark: start the app (or a bare window) and say when its main window is first shown.

`python -m bench.start_probe bare` shows an empty QMainWindow; `python -m bench.start_probe app ARGS…` runs
main.py with ARGS (both from the repository root). When a QMainWindow is shown, an event filter on its own
window (not on the whole application, which would put a Python call on every event of start-up) waits for
its first Expose, lets that paint finish, prints "shown <peak RSS in KB>", closes the app's database as
quitting does (so the next start follows a clean close) and ends the process at once; the parent times it.
"""

from __future__ import annotations

import os
import resource
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class _FirstShow(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Expose:
            QTimer.singleShot(0, _report)
        return False


def _report() -> None:
    print(f"shown {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", flush=True)
    for widget in QApplication.topLevelWidgets():  # closed as the user closes it: the next start is a clean one
        session = getattr(widget, "session", None)
        if session is not None:
            session.close()
    os._exit(0)


_probe = _FirstShow()
_show = QMainWindow.show


def _show_probed(window: QMainWindow) -> None:
    _show(window)
    window.windowHandle().installEventFilter(_probe)


QMainWindow.show = _show_probed  # the app's window is a QMainWindow: its show() comes here


def _bare() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1200, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        sys.exit(_bare())
    import main

    sys.exit(main.main(sys.argv[2:]))
