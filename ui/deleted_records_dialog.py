"""已删除记录: each kind's deleted records, newest first, with every field as it was when deleted, and 恢复
for those kept whole (deleted by this version; older deletes left only their history)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.kinds import KINDS
from dangjian_desktop.services.trash import DeletedEntry, deleted

from .screen import keep_geometry


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
    """Opens on the kind `table`; 恢复 goes through `actions.revive` (a `DeletedActions`)."""

    def __init__(self, actions, table: str = "member", parent: QWidget | None = None):
        super().__init__(parent)
        self.actions = actions
        self.setWindowTitle("已删除记录")
        self.kind = QComboBox(self)
        for kind in KINDS.values():
            if kind.history:
                self.kind.addItem(kind.label, kind.table)
        self.kind.setCurrentIndex(max(0, self.kind.findData(table)))
        self.records = _table(("删除时间", "名称"), self)
        self.fields = _table(("栏目", "删除前的内容"), self)
        self.fields.setWordWrap(True)
        self.fields.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.entries: list[DeletedEntry] = []
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
        self.restore_button = QPushButton("恢复", self)
        self.restore_button.setToolTip("把所选记录连同其出席情况、发展步骤和关联按删除前的样子恢复")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.addButton(self.restore_button, QDialogButtonBox.ActionRole)
        self.purge_button = QPushButton("彻底删除…", self)
        self.purge_button.setToolTip("不再保留这条记录（先备份数据库）；修改记录中仍有它删除前的内容，身份证号和电话只留遮住的写法")
        self.purge_button.clicked.connect(self.purge_selected)
        buttons.addButton(self.purge_button, QDialogButtonBox.ActionRole)
        self.restore_note = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.restore_note)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self.show_kind)
        self.records.currentCellChanged.connect(lambda row, *_: self.show_record(row))
        keep_geometry(self, "deleted", 900, 520)
        self.show_kind()

    def show_kind(self, _index: int = 0) -> None:
        self.entries = deleted(self.kind.currentData())
        self.records.setRowCount(0)
        for entry in self.entries:
            row = self.records.rowCount()
            self.records.insertRow(row)
            self.records.setItem(row, 0, QTableWidgetItem(entry.at.strftime("%Y-%m-%d %H:%M")))
            name = QTableWidgetItem(entry.label)
            name.setToolTip(entry.label)
            self.records.setItem(row, 1, name)
        self.note.setText(f"共 {len(self.entries)} 条已删除的{self.kind.currentText()}记录，选中一条可查看并恢复。"
                          if self.entries else f"没有已删除的{self.kind.currentText()}记录。")
        self.fields.setRowCount(0)
        if self.entries:
            self.records.setCurrentCell(0, 0)
        else:
            self.show_record(-1)

    def show_record(self, row: int) -> None:
        self.fields.setRowCount(0)
        entry = self.entries[row] if 0 <= row < len(self.entries) else None
        self.restore_button.setEnabled(entry is not None and entry.trash_id is not None)
        self.purge_button.setEnabled(entry is not None and entry.trash_id is not None)
        self.restore_note.setText("这条记录早于本版本删除，只保留了删除前的内容，只能查看，不能恢复。"
                                  if entry is not None and entry.trash_id is None else "")
        if entry is None:
            return
        for label, old, _new in entry.fields:
            line = self.fields.rowCount()
            self.fields.insertRow(line)
            self.fields.setItem(line, 0, QTableWidgetItem(label))
            self.fields.setItem(line, 1, QTableWidgetItem(old))

    def _selected(self) -> DeletedEntry | None:
        """The selected entry when it is kept whole (restorable), else None."""
        row = self.records.currentRow()
        entry = self.entries[row] if 0 <= row < len(self.entries) else None
        return entry if entry is not None and entry.trash_id is not None else None

    def purge_selected(self) -> None:
        entry = self._selected()
        saved = None if entry is None else self.actions.purge(entry.trash_id, entry.label, self)
        if saved is not None:
            self.show_kind()
            self.note.setText(f"已彻底删除“{entry.label}”，删除前的数据库已备份为 {saved.name}。")

    def restore_selected(self) -> None:
        entry = self._selected()
        if entry is not None and self.actions.revive(entry.trash_id, self) is not None:
            self.show_kind()
