"""Child of the start-up benchmark: start the app (or a bare window) and say when its main window is first shown.

`python -m bench.start_probe bare` shows an empty QMainWindow; `python -m bench.start_probe app ARGS…` runs
main.py with ARGS (both from the repository root). A global event filter waits for the first Expose of a visible QMainWindow, lets that
paint finish, prints "shown <peak RSS in KB>" and ends the process at once; the parent times it.
"""

from __future__ import annotations

import os
import resource
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class _FirstShow(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Expose and any(
                isinstance(w, QMainWindow) and w.isVisible() and w.windowHandle() is obj
                for w in QApplication.topLevelWidgets()):
            QTimer.singleShot(0, _report)
        return False


def _report() -> None:
    print(f"shown {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", flush=True)
    os._exit(0)


class _ProbedApplication(QApplication):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self._probe = _FirstShow(self)
        self.installEventFilter(self._probe)


def _bare() -> int:
    app = _ProbedApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1200, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    import PySide6.QtWidgets

    PySide6.QtWidgets.QApplication = _ProbedApplication  # the app's `from PySide6.QtWidgets import …` gets it
    if sys.argv[1] == "bare":
        sys.exit(_bare())
    import main

    sys.exit(main.main(sys.argv[2:]))
