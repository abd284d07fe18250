"""Window sizes that fit the screen they open on (a 1366×768 school laptop, or less)."""

from __future__ import annotations

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
