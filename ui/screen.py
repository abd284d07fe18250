"""Window sizes that fit the screen they open on (a 1366×768 school laptop, or a 1024×700 one), and each
window's size and place remembered under its own key."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SCREEN_SHARE = 0.95  # of the available width and height: the window's frame and the task bar stay visible


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize to `width` × `height`, or to what the available screen holds when that is smaller."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, int(room.width() * SCREEN_SHARE))
        height = min(height, int(room.height() * SCREEN_SHARE))
    window.resize(width, height)


class _GeometryKeeper(QObject):
    """Saves the window's geometry whenever it is closed or hidden (accepted, rejected)."""

    def __init__(self, window: QWidget, key: str):
        super().__init__(window)
        self.key = key
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (event.type() in (QEvent.Hide, QEvent.Close) and isinstance(watched, QWidget)
                and not watched.isMinimized()):
            QSettings().setValue(f"geometry/{self.key}", watched.saveGeometry())
        return False


def keep_geometry(window: QWidget, key: str, width: int, height: int) -> None:
    """Open where and as large as the user left the window `key` last time (Qt moves it back onto a screen
    that has shrunk since), else at `width` × `height` fitted to the screen; remember it when it closes."""
    saved = QSettings().value(f"geometry/{key}")
    if not saved or not window.restoreGeometry(saved):
        fit_to_screen(window, width, height)
    else:  # a geometry saved on a larger screen: no larger than this one
        fit_to_screen(window, window.width(), window.height())
    _GeometryKeeper(window, key)
