"""A record's change history, read-only: when, what was done, and each field's old → new value."""

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

from dangjian_desktop.domain.kinds import kind
from dangjian_desktop.services.history import changes_for

from .screen import keep_geometry

HEADERS = ("时间", "操作人", "操作", "栏目", "原内容", "新内容")


def show_history(parent: QWidget, table: str, record_id: int) -> None:
    """The record's 修改记录, from its list (right click) or its dialog (the 修改记录… button)."""
    HistoryDialog(table, record_id, parent).exec()


class HistoryDialog(QDialog):
    def __init__(self, table: str, record_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        entries = changes_for(table, record_id)
        label = entries[0].label if entries else ""
        self.setWindowTitle(f"修改记录：{kind(table).label} {label}".strip())
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        for entry in entries:
            rows = entry.fields or [("", "", "")]
            for number, (field, old, new) in enumerate(rows):
                first = number == 0
                when = entry.at.strftime("%Y-%m-%d %H:%M") if first else ""
                self._add_row((when, entry.by if first else "", entry.action if first else "", field, old, new))
        header = self.table.horizontalHeader()
        for column in (0, 1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.Stretch)
        header.setSectionResizeMode(5, QHeaderView.Stretch)
        self.table.resizeRowsToContents()
        note = QLabel(f"共 {len(entries)} 次改动，最新的在最上面。" if entries else "这条记录还没有修改记录。")
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        keep_geometry(self, "history", 820, 480)

    def _add_row(self, texts: tuple[str, ...]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text if len(text) <= 200 else text[:200] + "…")
            item.setToolTip(text[:1000] if len(text) > 20 else "")
            self.table.setItem(row, column, item)
