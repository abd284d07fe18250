"""Choosing files and folders the same way everywhere: the system's own dialog where there is one (Windows,
UOS/麒麟 desktops), else Qt's, in Chinese; opening in the folder last used for that purpose, else the user's
文档 folder; proposing a name that says what the file is; and asking before a file is replaced (the dialog
itself asks, and no call here turns that off).

Qt's own dialog is translated by qtbase_zh_CN, but that file predates the labels Qt 6 writes ("&Look in:",
"Files of &type:") and the file types ("Folder"): those are set here."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QFileInfo, QSettings, QStandardPaths
from PySide6.QtWidgets import QDialog, QFileDialog, QFileIconProvider, QWidget

from dangjian_desktop.common.names import safe_file_name

LABELS = ((QFileDialog.LookIn, "查找范围(&L)："), (QFileDialog.FileName, "文件名(&N)："),
          (QFileDialog.FileType, "文件类型(&T)："), (QFileDialog.Reject, "取消"))


class _ChineseTypes(QFileIconProvider):
    """The 类型 column of Qt's own dialog in Chinese (文件夹, PDF 文件) instead of Folder, pdf File."""

    def type(self, info: QFileInfo) -> str:  # noqa: A003 - Qt override
        if info.isDir():
            return "文件夹"
        return f"{info.suffix().upper()} 文件" if info.suffix() else "文件"


_types = _ChineseTypes()


def _dialog(parent: QWidget | None, title: str, folder: Path, file_filter: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(folder), file_filter)
    for label, text in LABELS:
        dialog.setLabelText(label, text)
    dialog.setIconProvider(_types)
    return dialog


def _run(dialog: QFileDialog) -> str:
    """Show the dialog (the system's where there is one); the path chosen, "" when cancelled."""
    return dialog.selectedFiles()[0] if dialog.exec() == QDialog.Accepted and dialog.selectedFiles() else ""


DATABASE_FILTER = "党建台账数据库 (*.db);;所有文件 (*)"


def documents_folder() -> Path:
    """The user's 文档 (Documents) folder, else the home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def last_folder(purpose: str) -> Path:
    """The folder last chosen for `purpose` (exports, printouts, backups…) if it still exists, else 文档."""
    saved = QSettings().value(f"folders/{purpose}")
    return Path(saved) if saved and Path(saved).is_dir() else documents_folder()


def _remember(purpose: str, chosen: str) -> None:
    if chosen:
        path = Path(chosen)
        QSettings().setValue(f"folders/{purpose}", str(path if path.is_dir() else path.parent))


def save_file(parent: QWidget | None, title: str, purpose: str, name: str, file_filter: str) -> str:
    """Ask where to save; `name` is proposed in the last folder used for `purpose`. "" when cancelled."""
    dialog = _dialog(parent, title, last_folder(purpose), file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptSave)
    dialog.selectFile(safe_file_name(name))
    chosen = _run(dialog)
    _remember(purpose, chosen)
    return chosen


def open_file(parent: QWidget | None, title: str, purpose: str, file_filter: str,
              start: Path | None = None) -> str:
    """Ask for an existing file, starting in `start` or the last folder used for `purpose`. "" when cancelled."""
    folder = start if start is not None and start.is_dir() else last_folder(purpose)
    dialog = _dialog(parent, title, folder, file_filter)
    dialog.setFileMode(QFileDialog.ExistingFile)
    chosen = _run(dialog)
    _remember(purpose, chosen)
    return chosen


def open_files(parent: QWidget | None, title: str, purpose: str, file_filter: str) -> list[str]:
    """Ask for one or more existing files in the last folder used for `purpose`; [] when cancelled."""
    dialog = _dialog(parent, title, last_folder(purpose), file_filter)
    dialog.setFileMode(QFileDialog.ExistingFiles)
    chosen = dialog.selectedFiles() if dialog.exec() == QDialog.Accepted else []
    if chosen:
        _remember(purpose, chosen[0])
    return chosen


def choose_folder(parent: QWidget | None, title: str, purpose: str) -> str:
    dialog = _dialog(parent, title, last_folder(purpose), "")
    dialog.setFileMode(QFileDialog.Directory)
    dialog.setOption(QFileDialog.ShowDirsOnly)
    chosen = _run(dialog)
    _remember(purpose, chosen)
    return chosen


def prefer_chinese_dates() -> None:
    """Before the application starts: on a Linux desktop whose locale is not Chinese (C, POSIX, en_US), Qt's
    own file dialog writes dates as "4 12 2026"; take the dates (only them) from zh_CN. Windows and macOS
    read the system's settings, which the user has chosen."""
    if sys.platform.startswith(("win", "darwin")) or os.environ.get("LC_ALL"):
        return
    current = os.environ.get("LC_TIME") or os.environ.get("LANG") or ""
    if not current.startswith("zh"):
        os.environ["LC_TIME"] = "zh_CN.UTF-8"
