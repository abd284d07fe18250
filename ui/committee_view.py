"""The committee view: the organisations under the user's own, each branch's figures of a year beside the others
and each 党总支's and 党委's totals, the committees whose terms end soon, and the summed 党内统计表 printed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.queries.tree_figures import COLUMNS, TreeRow, tree_figures
from dangjian_desktop.reports.registry import write_statistics_file
from dangjian_desktop.services import organisation
from dangjian_desktop.services.server_session import ServerSession
from dangjian_desktop.store.connection import DatabaseError

from .file_dialogs import save_file
from .screen import keep_geometry


class CommitteeView(QDialog):
    def __init__(self, session: ServerSession, parent: QWidget | None = None, year: int | None = None):
        super().__init__(parent)
        self.setWindowTitle("党委视图")
        self.session = session
        self.view: TreeRow | None = None
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(year or dt.date.today().year)
        self.year.setSuffix(" 年")
        self.root = QComboBox(self)
        for node in organisation.subtree(session.access.organisation_id).walk():
            if node.children or not node.is_branch:
                self.root.addItem(organisation.path_of(node.organisation.id), node.organisation.id)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(len(COLUMNS) + 1)
        self.tree.setHeaderLabels(("组织", *COLUMNS))
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        for column in range(1, len(COLUMNS) + 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
            self.tree.headerItem().setTextAlignment(column, Qt.AlignCenter)
        self.reminders = QLabel(self)
        self.reminders.setObjectName("problem")
        self.reminders.setWordWrap(True)
        note = QLabel("党总支、党委一行是其下各党支部的合计；在其下两个党支部之间转接的党员，不计入它汇总的党内统计表的"
                      "转入、转出。三会一课按规定的周期计（应开：本年已到期的周期），党员数为年末在册人数。", self)
        note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("年度："))
        top.addWidget(self.year)
        top.addSpacing(16)
        top.addWidget(QLabel("组织："))
        top.addWidget(self.root, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.print_button = QPushButton("打印汇总党内统计表…", self)
        buttons.addButton(self.print_button, QDialogButtonBox.ActionRole)
        self.archive_button = QPushButton("年度归档（各党支部）…", self)
        buttons.addButton(self.archive_button, QDialogButtonBox.ActionRole)
        self.archive_button.clicked.connect(self.archive)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_statistics)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.reminders)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.year.valueChanged.connect(self.refresh)
        self.root.currentIndexChanged.connect(self.refresh)
        keep_geometry(self, "committee-view", 1180, 560)
        self.refresh()

    def refresh(self) -> None:
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            self.view = tree_figures(self.root.currentData(), self.year.value())
        except DatabaseError as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "党委视图", str(exc))
            return
        QApplication.restoreOverrideCursor()
        self.tree.clear()
        self._add(self.view, None)
        self.tree.expandAll()
        texts = [f"{row.organisation.name}：{r.text}" for row in self.view.walk() for r in row.reminders]
        self.reminders.setText("\n".join(texts))
        self.reminders.setVisible(bool(texts))
        self.print_button.setEnabled(self.view.figures.statistics is not None)
        self.archive_button.setEnabled(self.view.figures.statistics is not None)

    def _add(self, row: TreeRow, parent: QTreeWidgetItem | None) -> None:
        item = QTreeWidgetItem([f"{row.organisation.name}（{row.organisation.level}）", *row.figures.cells()])
        for column in range(1, len(COLUMNS) + 1):
            item.setTextAlignment(column, Qt.AlignRight | Qt.AlignVCenter)
        if row.children:
            font = item.font(0)
            font.setBold(True)
            for column in range(len(COLUMNS) + 1):
                item.setFont(column, font)
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        for child in row.children:
            self._add(child, item)

    def archive(self) -> None:
        """The year's archive of every branch under the organisation shown, through the window's archive action
        (its questions, progress bar and 取消)."""
        from dangjian_desktop.archive.tree_archive import write_tree_archive

        root, window = self.root.currentData(), self.parent()
        if window is None or not hasattr(window, "data_actions"):
            return
        window.data_actions.archive_year(
            self.year.value(), archive=lambda y, o, p, password: write_tree_archive(root, y, o, p, password=password),
            whose=self.view.organisation.name if self.view else "")

    def print_statistics(self, path: str | None = None) -> Path | None:
        if self.view is None or self.view.figures.statistics is None:
            return None
        name = self.view.organisation.name
        path = path or save_file(self, "打印汇总党内统计表", "report", f"{name}党内统计表{self.year.value()}.pdf",
                                 "PDF 文件 (*.pdf);;Excel 工作簿 (*.xlsx)")
        if not path:
            return None
        out = Path(path)
        try:
            write_statistics_file(out, self.view.figures.statistics, name, dt.date.today(),
                                  out.suffix.lower().lstrip("."))
        except (OSError, DatabaseError) as exc:
            QMessageBox.warning(self, "打印汇总党内统计表", f"没有生成：{exc}")
            return None
        return out
