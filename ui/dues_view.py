"""The 党费 tab: the year's grid of members × months (ticked cells paid in one go), the year's figures, and the
lists of payments, bases and remittances as pages beside it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMessageBox,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.common.money import yuan
from dangjian_desktop.common.names import name_order
from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.queries.dues import DuesCell, DuesRow, DuesYear, balance_on, cell_text, dues_year
from dangjian_desktop.services import dues as service
from dangjian_desktop.store.connection import DatabaseError

from .dues_pay_dialog import PayDialog
from .icons import icon
from .message_line import MessageLine
from .refresh_when_shown import RefreshWhenShown

HEAD = ("姓名", "类别", "比例", "月应交")
FIRST_MONTH = len(HEAD)
TAIL = ("实交", "欠交")
CELL_COLOURS = {"owed": ("#9f1d1d", "#fde8e8"), "late": ("#8a4b00", "#fff4e0"), "none": ("#9a9a9a", "#f1f1f1")}


def _month_span(months: Sequence[int]) -> str:
    return "、".join(f"{m}月" for m in months)


def _tooltip(year: int, name: str, cell: DuesCell) -> str:
    head = f"{name} {year}年{cell.month}月"
    if cell.state == "none":
        return f"{head}：不在党员名册上（入党前或已离开），无须交纳"
    due = f"应交 {yuan(cell.due)} 元" if cell.due is not None else "尚未核定基数"
    if cell.paid is None:
        what = {"owed": "到期未交", "open": "尚未到期"}.get(cell.state, "")
        return f"{head}：{due}，{'免交' if cell.due == 0 else what}（选中后点“登记交纳”）"
    paid = [f"{cell.paid_on:%Y.%m.%d} 交纳 {yuan(cell.paid)} 元" + ("（补交）" if cell.state == "late" else "")]
    paid += [f"由{cell.payer}代交"] * bool(cell.payer) + [f"收据号 {cell.receipt}"] * bool(cell.receipt)
    return f"{head}：{due}；{'，'.join(paid)}（双击修改）"


class DuesView(RefreshWhenShown, QWidget):
    """The grid page of the 党费 tab (the lists of payments, bases and remittances are pages beside it).
    `records_changed("dues")` after the grid writes; `edit_payment(id)` is how a paid cell opens its payment
    (the window's list does)."""

    records_changed = Signal(str)

    def __init__(self, edit_payment: Callable[[int], object], parent: QWidget | None = None,
                 today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self.today = today
        self.edit_payment = edit_payment
        self.grid: DuesYear | None = None
        self.rows: list[DuesRow] = []
        self._build()

    # -- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.toolbar.setIconSize(self.toolbar.iconSize() * 0.8)
        self.toolbar.addWidget(QLabel(" 年度 ", self))
        self.year_box = QSpinBox(self)
        self.year_box.setRange(2000, self.today().year + 1)
        self.year_box.setValue(self.today().year)
        self.year_box.setSuffix(" 年")
        self.year_box.valueChanged.connect(lambda _year: self.refresh())
        self.toolbar.addWidget(self.year_box)
        self.toolbar.addSeparator()
        self.pay_action = self.add_action("登记交纳…", self.pay_selected, "add",
                                          "为表中选中的月份登记交纳（可多选：一人几个月、几人同一月）")
        self.bases_action = self.add_action("核定基数…", self.edit_bases, "edit", "在一张表中核定全支部本年度的党费基数")
        self.carry_action = self.add_action("结转到下一年", self.carry_over, "refresh",
                                            "把本年度各党员最后核定的基数结转为下一年1月起的基数")
        self.toolbar.addSeparator()

        self.table = QTableWidget(0, len(HEAD) + 12 + len(TAIL), self)
        self.table.setHorizontalHeaderLabels([*HEAD, *(f"{m}月" for m in range(1, 13)), *TAIL])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate((72, 50, 50, 62)):
            header.resizeSection(column, width)
        for column in range(FIRST_MONTH, FIRST_MONTH + 12):
            header.resizeSection(column, 58)
        for column in range(FIRST_MONTH + 12, self.table.columnCount()):
            header.resizeSection(column, 76)
        header.setStretchLastSection(False)
        self.table.cellDoubleClicked.connect(self.open_cell)
        self.figures = QLabel(self)
        self.figures.setObjectName("summary")
        self.figures.setWordWrap(True)
        self.message = MessageLine(self)
        legend = QLabel("红底：到期未交；黄底：过月补交；灰底：当月不在党员名册上；“免”：经批准免交。"
                        "选中一格或多格（按住 Ctrl 或 Shift）后点“登记交纳”；双击已交的格修改那笔交纳。", self)
        legend.setObjectName("summary")
        legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.figures)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)
        layout.addWidget(self.message)

    def add_action(self, text: str, callback, icon_name: str | None = None, tooltip: str = "") -> QAction:
        action = self.toolbar.addAction(icon(icon_name) if icon_name else QIcon(), text)
        action.setToolTip(tooltip or text)
        action.triggered.connect(lambda _checked=False: callback())
        return action

    # -- reading ----------------------------------------------------------------------------------

    @property
    def year(self) -> int:
        return self.year_box.value()

    def set_year(self, year: int) -> None:
        self.year_box.setValue(year)

    def refresh(self) -> None:
        """Read the year's grid again, keeping the cells selected."""
        self._stale = False
        selected = [(self.rows[i.row()].member_id, i.column()) for i in self.table.selectedIndexes()
                    if i.row() < len(self.rows)]
        self.grid = dues_year(self.year, self.today())
        self.rows = sorted(self.grid.rows, key=lambda r: name_order(r.name))
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            self._fill(index, row)
        self.table.clearSelection()
        where = {row.member_id: index for index, row in enumerate(self.rows)}
        for member_id, column in selected:
            if member_id in where:
                self.table.item(where[member_id], column).setSelected(True)
        self._show_figures()

    def _fill(self, index: int, row: DuesRow) -> None:
        cutoff = self.grid.cutoff
        arrears = row.arrears(cutoff)
        values = [row.name, row.category or "未核定", row.rate, yuan(row.monthly)]
        for column, text in enumerate(values):
            self._set(index, column, text, row.name if column == 0 else "")
        for cell in row.cells:
            item = self._set(index, FIRST_MONTH + cell.month - 1, cell_text(cell).replace("\n", " "),
                             _tooltip(self.grid.year, row.name, cell))
            item.setTextAlignment(Qt.AlignCenter)
            colours = CELL_COLOURS.get(cell.state)
            if colours:
                item.setForeground(QBrush(QColor(colours[0])))
                item.setBackground(QBrush(QColor(colours[1])))
        last = FIRST_MONTH + 12
        self._set(index, last, yuan(row.paid)).setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        owed = self._set(index, last + 1, yuan(arrears) if arrears else "")
        owed.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        if arrears:
            owed.setForeground(QBrush(QColor(CELL_COLOURS["owed"][0])))

    def _set(self, row: int, column: int, text: str, tooltip: str = "") -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if tooltip:
            item.setToolTip(tooltip)
        self.table.setItem(row, column, item)
        return item

    def _show_figures(self) -> None:
        grid = self.grid
        if not grid.rows:
            self.figures.setText(f"{grid.year}年没有在册党员。")
            return
        cutoff = grid.cutoff
        as_of = "全年" if cutoff == 12 else (f"截至{cutoff}月" if cutoff else "尚无到期月份")
        rate = f"{grid.on_time_rate * 100:.1f}%" if grid.on_time_rate is not None else "—"
        balance = balance_on(min(self.today(), dt.date(grid.year, 12, 31)))
        parts = [f"{grid.year}年 {len(grid.rows)} 人，{as_of}应交 {yuan(grid.expected)} 元，实交 {yuan(grid.paid)} 元，"
                 f"欠交 {yuan(grid.arrears)} 元，按时交纳率 {rate}；已上缴 {yuan(grid.remitted)} 元，"
                 f"截至{balance.day:%Y.%m.%d}结存 {yuan(balance.held)} 元。"]
        behind = [f"{r.name}（{_month_span(r.unpaid(cutoff))}）" for r in self.rows if r.unpaid(cutoff)]
        if behind:
            parts.append("欠交：" + "；".join(behind) + "。")
        if grid.without_base:
            parts.append("尚未核定基数：" + "、".join(grid.without_base) + "（点“核定基数…”）。")
        self.figures.setText("".join(parts))

    def selected_member_id(self) -> int | None:
        """The member of the current cell (for the 交纳证明)."""
        index = self.table.currentIndex()
        return self.rows[index.row()].member_id if index.isValid() and index.row() < len(self.rows) else None

    def member_name(self, member_id: int) -> str:
        return next((r.name for r in self.rows if r.member_id == member_id), "")

    def select_member(self, member_id: int) -> None:
        """Make the member's row current, at his first month owed."""
        if self._stale:
            self.refresh()
        for index, row in enumerate(self.rows):
            if row.member_id == member_id:
                owed = next((c.month for c in row.cells if c.state == "owed"), 1)
                self.table.setCurrentCell(index, FIRST_MONTH + owed - 1)
                return

    def select_cells(self, member_id: int, months: Sequence[int]) -> None:
        """Select some months of one member, as a user would with Ctrl-click."""
        self.table.clearSelection()
        for index, row in enumerate(self.rows):
            if row.member_id == member_id:
                for month in months:
                    self.table.item(index, FIRST_MONTH + month - 1).setSelected(True)

    def _selection(self) -> dict[int, list[int]]:
        """The unpaid months selected, by member (paid months, months off the rolls and exempt ones skipped)."""
        chosen: dict[int, list[int]] = {}
        for index in self.table.selectedIndexes():
            month = index.column() - FIRST_MONTH + 1
            if not 1 <= month <= 12 or index.row() >= len(self.rows):
                continue
            row = self.rows[index.row()]
            cell = row.cells[month - 1]
            if cell.state != "none" and cell.paid is None and cell.due != 0:
                chosen.setdefault(row.member_id, []).append(month)
        return {member_id: sorted(months) for member_id, months in chosen.items()}

    # -- acting -----------------------------------------------------------------------------------

    def open_cell(self, row: int, column: int) -> None:
        """Double-click: a paid cell opens its payment; an unpaid one is paid."""
        month = column - FIRST_MONTH + 1
        if not 1 <= month <= 12 or row >= len(self.rows):
            return
        cell = self.rows[row].cells[month - 1]
        if cell.payment_id is not None:
            if self.edit_payment(cell.payment_id):
                self.refresh()
        else:
            self.pay_selected()

    def pay_dialog(self) -> PayDialog | None:
        """The dialog for the months selected, or None (and why, under the grid) when none can be paid."""
        chosen = self._selection()
        if not chosen:
            self.message.say("请先在表中选中要登记的月份（未交的格；可按住 Ctrl 或 Shift 多选）。", error=True)
            return None
        by_id = {r.member_id: r for r in self.rows}
        lines = []
        for member_id, months in chosen.items():
            row = by_id[member_id]
            dues = [row.cells[m - 1].due for m in months]
            total = f"共 {yuan(sum(dues))} 元" if None not in dues else "尚未核定基数"
            lines.append(f"{row.name}：{self.year}年{_month_span(months)}（{total}）")
        year = self.year
        return PayDialog("登记交纳党费", lines, lambda v: service.pay_many(
            year, chosen, v["paid_on"], payer=v["payer"], receipt=v["receipt"], note=v["note"]), self, self.today())

    def pay_selected(self) -> None:
        dialog = self.pay_dialog()
        if dialog is not None and dialog.exec():
            self.after_payment(dialog.result_value)

    def after_payment(self, result: service.PaymentResult) -> None:
        done = f"已登记 {len(result.created)} 个月的党费，共 {yuan(sum(p.amount for p in result.created))} 元。"
        if result.warnings:
            self.message.say(done + "注意：" + "".join(w.message for w in result.warnings), warning=True)
        else:
            self.message.say(done)
        self.records_changed.emit("dues")
        self.refresh()

    def bases_dialog(self):
        from .dues_bases_dialog import DuesBasesDialog

        return DuesBasesDialog(self.grid or dues_year(self.year, self.today()), self)

    def edit_bases(self) -> None:
        dialog = self.bases_dialog()
        if dialog.exec():
            self.message.say(f"已保存 {dialog.written} 条党费基数。")
            self.records_changed.emit("dues")
            self.refresh()

    def carry_over(self) -> None:
        year = self.year
        answer = QMessageBox.question(self, "结转党费基数",
                                      f"把{year}年各党员最后核定的基数，结转为{year + 1}年1月起的基数？\n"
                                      f"{year + 1}年已核定基数的党员不受影响。")
        if answer == QMessageBox.Yes:
            self.carry(year)

    def carry(self, year: int) -> bool:
        try:
            result = service.carry_over(year)
        except ValidationError as exc:
            self.message.say("没有结转：" + "".join(p.message for p in exc.problems if p.is_error), error=True)
            return False
        except DatabaseError as exc:
            self.message.say(f"没有结转：{exc}", error=True)
            return False
        decided = (f"；{'、'.join(result.decisions)}的少交、免交决定不结转，请为{year + 1}年重新登记"
                   if result.decisions else "")
        self.message.say(f"已结转 {result.written} 人的基数到{year + 1}年{decided}。", warning=bool(result.decisions))
        self.records_changed.emit("dues")
        if self.year != year + 1:
            self.set_year(year + 1)  # refreshes
        else:
            self.refresh()
        return True
