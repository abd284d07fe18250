"""Saving over another clerk's newer change: the fields that differ, what this form holds beside what was saved,
and the choice of which to keep; nothing is overwritten unless the user says so."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.validation import ConflictError

from .screen import keep_geometry

KEEP_MINE, TAKE_THEIRS, GO_BACK = "mine", "theirs", "back"


class ConflictDialog(QDialog):
    def __init__(self, conflict: ConflictError, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("记录已被他人修改")
        self.choice = GO_BACK
        note = QLabel(f"{conflict}下面是两边不同的栏目。请选择保留哪一边；"
                      "选“用对方保存的内容”会把表单换成对方的内容，您可以再修改后保存。")
        note.setWordWrap(True)
        self.table = QTableWidget(len(conflict.differences), 3, self)
        self.table.setHorizontalHeaderLabels(("栏目", "我填写的", f"{conflict.by or '对方'}保存的"))
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        for row, cells in enumerate(conflict.differences):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)  # follows the widths
        buttons = QDialogButtonBox(self)
        self.keep_mine = buttons.addButton("用我的内容覆盖", QDialogButtonBox.AcceptRole)
        self.take_theirs = buttons.addButton("用对方保存的内容", QDialogButtonBox.ActionRole)
        back = buttons.addButton("返回表单", QDialogButtonBox.RejectRole)
        self.keep_mine.clicked.connect(lambda: self._choose(KEEP_MINE))
        self.take_theirs.clicked.connect(lambda: self._choose(TAKE_THEIRS))
        back.clicked.connect(self.reject)
        back.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        keep_geometry(self, "conflict", 720, 400)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def ask_about_conflict(parent: QWidget, conflict: ConflictError) -> str:
    """KEEP_MINE, TAKE_THEIRS or GO_BACK."""
    dialog = ConflictDialog(conflict, parent)
    dialog.exec()
    return dialog.choice
