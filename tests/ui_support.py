"""Helpers for the window tests: a prepared application with private settings, answered message boxes,
and record dialogs driven by calling their methods (never a modal left open)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from ui.app import setup_application
from ui.record_dialog import RecordDialog


def prepare(app: QApplication, tmp_path: Path) -> None:
    """The app's font, translations and style; QSettings written under tmp_path, not the user's folder."""
    for scope in (QSettings.IniFormat, QSettings.NativeFormat):
        QSettings.setPath(scope, QSettings.UserScope, str(tmp_path / "settings"))
    setup_application(app)


def answer_messages(monkeypatch, answer=QMessageBox.Yes) -> list[tuple[str, str, str]]:
    """Every message box is recorded as (kind, title, text) instead of shown; questions get `answer`."""
    shown: list[tuple[str, str, str]] = []
    for kind in ("question", "warning", "information", "critical"):
        def fake(_parent, title, text, *_args, _kind=kind, **_kwargs):
            shown.append((_kind, title, text))
            return answer if _kind == "question" else QMessageBox.Ok
        monkeypatch.setattr(QMessageBox, kind, staticmethod(fake))
    return shown


def drive_dialogs(monkeypatch, fill: Callable[[RecordDialog], None]) -> list[RecordDialog]:
    """When a tab opens a record dialog: `fill` types into it, then Save is pressed (dialog.save())."""
    opened: list[RecordDialog] = []

    def fake_exec(dialog: RecordDialog) -> int:
        opened.append(dialog)
        fill(dialog)
        return QDialog.Accepted if dialog.save() else QDialog.Rejected

    monkeypatch.setattr(RecordDialog, "exec", fake_exec)
    return opened
