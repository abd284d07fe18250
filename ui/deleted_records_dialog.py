"""Deleted records: each kind's deleted records, newest first, with every field as it was when deleted."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.kinds import KINDS
from dangjian_desktop.services.history import ChangeEntry, deleted_records


def _table(headers: tuple[str, ...], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class DeletedRecordsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("已删除记录")
        self.kind = QComboBox(self)
        for kind in KINDS.values():
            if kind.history:
                self.kind.addItem(kind.label, kind.table)
        self.records = _table(("删除时间", "名称"), self)
        self.fields = _table(("栏目", "删除前的内容"), self)
        self.fields.setWordWrap(True)
        self.fields.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.entries: list[ChangeEntry] = []
        self.note = QLabel()
        splitter = QSplitter(self)
        splitter.addWidget(self.records)
        splitter.addWidget(self.fields)
        splitter.setSizes([320, 560])
        top = QHBoxLayout()
        top.addWidget(QLabel("记录种类："))
        top.addWidget(self.kind)
        top.addWidget(self.note, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self.show_kind)
        self.records.currentCellChanged.connect(lambda row, *_: self.show_record(row))
        self.resize(900, 520)
        self.show_kind()

    def show_kind(self, _index: int = 0) -> None:
        self.entries = deleted_records(self.kind.currentData())
        self.records.setRowCount(0)
        for entry in self.entries:
            row = self.records.rowCount()
            self.records.insertRow(row)
            self.records.setItem(row, 0, QTableWidgetItem(entry.at.strftime("%Y-%m-%d %H:%M")))
            self.records.setItem(row, 1, QTableWidgetItem(entry.label))
        self.note.setText(f"共 {len(self.entries)} 条已删除的{self.kind.currentText()}记录，历史中保留其删除前的内容。"
                          if self.entries else f"没有已删除的{self.kind.currentText()}记录。")
        self.fields.setRowCount(0)
        if self.entries:
            self.records.setCurrentCell(0, 0)

    def show_record(self, row: int) -> None:
        self.fields.setRowCount(0)
        if not 0 <= row < len(self.entries):
            return
        for label, old, _new in self.entries[row].fields:
            line = self.fields.rowCount()
            self.fields.insertRow(line)
            self.fields.setItem(line, 0, QTableWidgetItem(label))
            self.fields.setItem(line, 1, QTableWidgetItem(old))
