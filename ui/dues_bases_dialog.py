"""核定基数 for the whole branch at once: a line per member on the rolls in the year, the category and the pay
typed in a grid, the rate and the monthly dues shown as they are typed; saved in one go, every bad line named."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.common.money import MoneyError, fen_from_yuan, yuan
from dangjian_desktop.domain.rules import dues as rule
from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.queries.dues import DuesYear
from dangjian_desktop.services.dues import BaseLine, set_bases
from dangjian_desktop.store.connection import DatabaseError
from dangjian_desktop.store.models import DUES_CATEGORIES

COLUMNS = ("姓名", "起始月份", "人员类别", "月工资收入（元）", "比例", "每月应交（元）")
NAME, FROM, CATEGORY, BASE, RATE, DUE = range(len(COLUMNS))
WRONG = QBrush(QColor("#fde8e8"))


def _item(text: str, editable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemIsEditable)
    return item


class DuesBasesDialog(QDialog):
    """The grid starts from each member's latest base of the year; a new 起始月份 with the new pay adds a base
    from that month (a pay rise in July), the same month changes it."""

    def __init__(self, grid: DuesYear, parent: QWidget | None = None):
        super().__init__(parent)
        self.year = grid.year
        self.written = 0
        self.setWindowTitle(f"核定{grid.year}年党费基数")
        self.resize(720, 560)
        self.members: list[int] = []
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.AllEditTriggers)
        header = self.table.horizontalHeader()
        for column, width in ((NAME, 90), (FROM, 70), (CATEGORY, 90), (BASE, 130), (RATE, 90)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(DUE, QHeaderView.Stretch)
        for row in grid.by_name():
            self._add(row)
        self.table.itemChanged.connect(lambda item: self._show_due(item.row()))
        note = QLabel("按中组发〔2008〕3号：在职党员按税后月工资收入，≤3000元0.5%，3000—5000元1%，5000—10000元1.5%，"
                      "10000元以上2%；离退休党员≤5000元0.5%，以上1%；学生、下岗每月0.2元。年中调资：改“起始月份”为"
                      "调资当月并填新工资，即另起一条；少交、免交请在“核定基数”页逐条登记决定。", self)
        note.setObjectName("summary")
        note.setWordWrap(True)
        self.problems = QLabel(self)
        self.problems.setObjectName("problem")
        self.problems.setWordWrap(True)
        self.problems.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Save).setText("保存")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

    def _add(self, row) -> None:
        index = self.table.rowCount()
        self.table.insertRow(index)
        self.members.append(row.member_id)
        first = next((c.month for c in row.cells if c.state != "none"), 1)
        self.table.setItem(index, NAME, _item(row.name))
        self.table.setItem(index, FROM, _item(str(row.base_from or first), editable=True))
        combo = QComboBox(self.table)
        combo.addItems(DUES_CATEGORIES)
        combo.setCurrentText(row.category or "在职")
        combo.currentTextChanged.connect(lambda _text, i=index: self._show_due(i))
        self.table.setCellWidget(index, CATEGORY, combo)
        self.table.setItem(index, BASE, _item(yuan(row.base) if row.base is not None else "", editable=True))
        self.table.setItem(index, RATE, _item(""))
        self.table.setItem(index, DUE, _item(""))
        for column in (BASE, DUE):
            self.table.item(index, column).setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self._show_due(index)

    def category(self, index: int) -> QComboBox:
        return self.table.cellWidget(index, CATEGORY)

    def set_line(self, index: int, category: str, base: str, from_month: int | None = None) -> None:
        """Fill one line as the user would type it."""
        self.category(index).setCurrentText(category)
        self.table.item(index, BASE).setText(base)
        if from_month is not None:
            self.table.item(index, FROM).setText(str(from_month))

    def _show_due(self, index: int) -> None:
        if index < 0 or self.table.item(index, DUE) is None or self.table.item(index, BASE) is None:
            return
        text = self.table.item(index, BASE).text().strip()
        try:
            fen = fen_from_yuan(text) if text else None
        except MoneyError:
            due = rule.Due(None, "金额不对")
        else:
            due = rule.rule_due(self.category(index).currentText(), fen)
        self.table.blockSignals(True)
        self.table.item(index, RATE).setText(due.rate)
        self.table.item(index, DUE).setText(yuan(due.amount) if due.amount is not None else "")
        self.table.blockSignals(False)

    def lines(self) -> list[BaseLine]:
        result = []
        for index, member_id in enumerate(self.members):
            month = self.table.item(index, FROM).text().strip()
            result.append(BaseLine(member_id, int(month) if month.isdigit() else month, self.category(index).currentText(),
                                   self.table.item(index, BASE).text().strip(), index + 1))
        return result

    def save(self) -> bool:
        for index in range(self.table.rowCount()):
            for column in (NAME, FROM, BASE):
                self.table.item(index, column).setBackground(QBrush())
        try:
            self.written = set_bases(self.year, self.lines())
        except ValidationError as exc:
            for problem in exc.problems:
                if problem.row:
                    self.table.item(problem.row - 1, NAME).setBackground(WRONG)
            names = {i + 1: self.table.item(i, NAME).text() for i in range(self.table.rowCount())}
            self.problems.setText("没有保存，请改正：\n" + "\n".join(
                f"第{p.row}行（{names.get(p.row, '')}）：{p.detail or p.message}" if p.row else p.message
                for p in exc.problems))
            self.problems.show()
            return False
        except DatabaseError as exc:  # a full disk, a read-only file: nothing written, the grid stays as typed
            self.problems.setText(f"没有保存：{exc}")
            self.problems.show()
            return False
        self.accept()
        return True
