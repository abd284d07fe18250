"""What an import check or import found: every problem by sheet, row and column, the notices, the counts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .screen import fit_to_screen

HEADERS = ("类型", "工作表", "行", "列", "说明")


class ImportReportDialog(QDialog):
    """After a dry run without problems, 导入 accepts the dialog; otherwise it only informs."""

    def __init__(self, report, file_name: str, dry_run: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.report = report
        self.update_wanted = False  # 导入并更新 was pressed
        self.upgrade_ids = QCheckBox("把15位的旧身份证号升级为18位（补上“19”和校验位）后保存")
        self.upgrade_ids.setVisible(dry_run and report.old_id_numbers > 0)
        self.setWindowTitle(f"{'导入检查' if dry_run else '导入结果'}：{file_name}")
        writable = bool(report.counts or report.updates)
        if report.problems:
            summary = (f"发现 {len(report.problems)} 个问题，没有写入任何内容。"
                       "请在 Excel 中逐条改好后重新导入：全部无误时才会一次写入。")
        elif dry_run:
            summary = f"检查通过：{report.summary()}。" if writable else f"工作簿中没有需要导入的行：{report.summary()}。"
        else:
            summary = f"已导入：{report.summary()}。"
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        for kind, items in (("问题", report.problems), ("更新" if report.updated else "可更新", report.updates),
                            ("提示", report.notices)):
            for item in items:
                self._add_row(_cells(kind, item))
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.setVisible(self.table.rowCount() > 0)

        self.buttons = QDialogButtonBox(self)
        self.import_button = None
        self.update_button = None
        if dry_run and not report.problems and writable:
            if report.counts:
                self.import_button = self.buttons.addButton("只导入新记录" if report.updates else "导入",
                                                            QDialogButtonBox.AcceptRole)
            if report.updates:
                self.update_button = self.buttons.addButton(f"导入并更新 {len(report.updates)} 条已有记录",
                                                            QDialogButtonBox.AcceptRole)
                self.update_button.clicked.connect(lambda: setattr(self, "update_wanted", True))
            self.buttons.addButton(QDialogButtonBox.Cancel)
        else:
            self.buttons.addButton(QDialogButtonBox.Close)
        if self.table.rowCount():
            copy = QPushButton("复制清单")
            copy.clicked.connect(self.copy_list)
            self.buttons.addButton(copy, QDialogButtonBox.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.upgrade_ids)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 900, 520 if self.table.rowCount() else 160)

    def _add_row(self, texts: tuple[str, ...]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(texts):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def lines(self) -> list[str]:
        return [f"{kind}：{item}" for kind, items in (("问题", self.report.problems), ("更新", self.report.updates),
                                                    ("提示", self.report.notices)) for item in items]

    def copy_list(self) -> None:
        QApplication.clipboard().setText("\n".join([self.summary.text(), *self.lines()]))


def _cells(kind: str, item) -> tuple[str, ...]:
    """A problem or notice (sheet, row, column, reason), or an update (sheet, row, what changes)."""
    if hasattr(item, "changes"):
        what = "；".join(f"{label}：{old or '（空）'} → {new}" for label, old, new in item.changes)
        return kind, item.sheet, str(item.row), "", f"{item.record}：{what}"
    return kind, item.sheet, str(item.row or ""), item.column, item.reason
