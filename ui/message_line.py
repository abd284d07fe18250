"""The line under a page's table that says what an action did, or why it was refused, in its colour."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

COLOURS = {"error": "#b3261e", "warning": "#8a4b00", "done": "#1e6b34"}


class MessageLine(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)

    def say(self, text: str, error: bool = False, warning: bool = False) -> None:
        self.setStyleSheet(f"color: {COLOURS['error' if error else 'warning' if warning else 'done']};")
        self.setText(text)
