"""The overview tab: this year's figures at a glance, the meeting-cycle grid and the list of what needs attention."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.fields import Field
from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.queries.compliance import ComplianceGrid
from dangjian_desktop.queries.figures import YearFigures
from dangjian_desktop.queries.overview import Overview, build_overview, headline_figures
from dangjian_desktop.queries.reminders import Reminder
from dangjian_desktop.services.settings import save_settings
from dangjian_desktop.store.connection import DatabaseError

from .field_widgets import DateEditor
from .icons import icon
from .member_charts import MemberCharts
from .refresh_when_shown import RefreshWhenShown

# (text, background) per grid state and per reminder severity; the words say the same as the colours.
STATE_COLOURS = {
    "held": ("#1e6b34", "#e3f2e6"),
    "missing": ("#9f1d1d", "#fbe1e1"),
    "not_due": ("#6b6b6b", "#f3f3f3"),
    "exempt": ("#4a5a70", "#e9eef5"),
    "before": ("#9a9a9a", "#fafafa"),
}
SEVERITY_COLOURS = {"urgent": ("#9f1d1d", "#fbe1e1"), "warning": ("#8a4b00", "#fff0d6"), "notice": ("#1f4e8c", "#e6eefa")}
CURRENT_ROLE = Qt.UserRole + 1
REFERENCE_ROLE = Qt.UserRole + 2
HIGHLIGHT = QColor("#1a73e8")


class CurrentPeriodDelegate(QStyledItemDelegate):
    """Draws a blue frame round the cells of the current period."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        super().paint(painter, option, index)
        if index.data(CURRENT_ROLE):
            painter.save()
            painter.setPen(QPen(HIGHLIGHT, 3))
            painter.drawRect(QRect(option.rect).adjusted(1, 1, -2, -2))
            painter.restore()


class OverviewTab(RefreshWhenShown, QWidget):
    """`open_requested(table, record_id)` asks the window to open what a line is about (record_id 0: none)."""

    open_requested = Signal(str, int)
    print_requested = Signal(int)  # the year shown
    new_meeting_requested = Signal(dict)  # the values to start a new meeting with (kind, 党小组, date)

    def __init__(self, parent: QWidget | None = None, today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self.today = today
        self.overview: Overview | None = None
        self._build()

    # -- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.year = QSpinBox(self)
        self.year.setRange(2000, self.today().year + 1)
        self.year.setValue(self.today().year)
        self.year.setSuffix(" 年")
        self.year.valueChanged.connect(lambda _v: self.refresh())
        refresh = QPushButton(icon("refresh"), "刷新", self)
        refresh.clicked.connect(self.refresh)
        self.print_button = QPushButton("打印制度落实表…", self)
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.year.value()))
        self.status = QLabel(self)
        self.status.setObjectName("summary")
        top = QHBoxLayout()
        top.addWidget(QLabel("年度：", self))
        top.addWidget(self.year)
        top.addWidget(refresh)
        top.addWidget(self.print_button)
        top.addSpacing(12)
        top.addWidget(self.status, 1)

        self.welcome = QLabel(
            "这是一个新的空数据库。建议先在“工具 → 支部设置…”中填写支部名称、上级党委和支委，"
            "再在“党员”页录入党员；想先看看录好的样子，可用“文件 → 新建演示数据库…”。", self)
        self.welcome.setObjectName("welcome")
        self.welcome.setWordWrap(True)
        self.welcome.hide()
        self.since = DateEditor(Field("records_since", "开始在本程序记录的日期", "date"))
        self.since.set_value(self.today().replace(day=1))
        since_button = QPushButton("确定", self)
        since_button.clicked.connect(self.save_since)
        self.since_box = QFrame(self)
        self.since_box.setObjectName("since")
        since_row = QHBoxLayout(self.since_box)
        since_row.setContentsMargins(6, 4, 6, 4)
        since_row.addWidget(QLabel("本支部从哪天起在本程序中记录？此前的月份、季度不计为“缺”：", self.since_box))
        since_row.addWidget(self.since)
        since_row.addWidget(since_button)
        since_row.addStretch(1)
        self.since_box.hide()

        self.tiles = QFrame(self)
        self.tiles.setObjectName("tiles")
        self.tiles_layout = QGridLayout(self.tiles)
        self.tiles_layout.setContentsMargins(0, 0, 0, 0)
        self.tiles_layout.setSpacing(6)

        self.grid = QTableWidget(self)
        self.grid.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SingleSelection)
        self.grid.setItemDelegate(CurrentPeriodDelegate(self.grid))
        self.grid.setColumnCount(12)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.grid.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.grid.cellDoubleClicked.connect(self._open_cell)

        self.attention = QTableWidget(0, 4, self)
        self.attention.setHorizontalHeaderLabels(["级别", "类别", "事项（双击打开）", "期限"])
        self.attention.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.attention.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.attention.setSelectionMode(QAbstractItemView.SingleSelection)
        self.attention.verticalHeader().hide()
        self.attention.setWordWrap(False)
        header = self.attention.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        for column, width in ((0, 56), (1, 80), (3, 100)):
            header.resizeSection(column, width)
        self.attention.cellDoubleClicked.connect(lambda row, _c: self.open_line(row))

        self.charts = MemberCharts(self)
        grid_box = self._titled("三会一课等制度落实情况（蓝框为当前周期；双击已开展的格子打开会议，双击“缺”补录这次会议）", self.grid)
        attention_box = self._titled("需要关注的事项", self.attention)
        self.charts_box = self._titled("党员构成（年末在册，与党内统计表一致）", self.charts)
        lower = QSplitter(Qt.Horizontal, self)
        lower.addWidget(attention_box)
        lower.addWidget(self.charts_box)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(grid_box)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.welcome)
        layout.addWidget(self.since_box)
        layout.addWidget(self.tiles)
        layout.addWidget(splitter, 1)
        # Tiles take their looks from fonts and palettes: a style sheet here would slow every paint of the tab.
        self._number_font = QFont(self.font())
        self._number_font.setPointSizeF(self.font().pointSizeF() * 1.8)
        self._number_font.setBold(True)

    def _titled(self, title: str, widget: QWidget) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        label = QLabel(title, box)
        label.setStyleSheet("font-weight: bold;")
        layout.addWidget(label)
        layout.addWidget(widget, 1)
        return box

    # -- reading ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the figures, the grid and the attention list again from the core."""
        self._stale = False
        self.overview = build_overview(self.year.value(), self.today())
        self.welcome.setVisible(self.overview.no_members)
        self.since_box.setVisible(self.overview.ask_since)
        self._show_tiles(self.overview.figures)
        self._show_grid(self.overview.grid)
        self._show_attention(self.overview.reminders)
        self.charts.show_statistics(self.overview.figures.statistics)
        urgent = sum(1 for r in self.overview.reminders if r.severity == "urgent")
        day = self.overview.today
        self.status.setText(f"截至{day.year}年{day.month}月{day.day}日：{len(self.overview.reminders)} 项需要关注"
                            f"{f'，其中 {urgent} 项已逾期或缺失' if urgent else ''}。")

    def _show_tiles(self, figures: YearFigures) -> None:
        while self.tiles_layout.count():
            self.tiles_layout.takeAt(0).widget().deleteLater()
        tiles = headline_figures(figures)
        per_row = (len(tiles) + 1) // 2
        palette = QPalette(self.palette())
        palette.setColor(QPalette.Window, QColor("#f7f8fa"))
        for i, (number, caption) in enumerate(tiles):
            tile = QFrame(self.tiles)
            tile.setFrameShape(QFrame.StyledPanel)
            tile.setAutoFillBackground(True)
            tile.setPalette(palette)
            box = QVBoxLayout(tile)
            box.setContentsMargins(6, 4, 6, 4)
            box.setSpacing(0)
            value = QLabel(number, tile)
            value.setFont(self._number_font)
            value_palette = QPalette(palette)
            value_palette.setColor(QPalette.WindowText, QColor("#b3261e"))
            value.setPalette(value_palette)
            text = QLabel(caption, tile)
            text.setWordWrap(True)  # a narrow screen wraps 党员（人，其中预备2） rather than widening the window
            for label in (value, text):
                label.setAlignment(Qt.AlignCenter)
                box.addWidget(label)
            self.tiles_layout.addWidget(tile, i // per_row, i % per_row)

    def _show_grid(self, grid: ComplianceGrid) -> None:
        self.grid.clearSpans()
        self.grid.setRowCount(len(grid.rows))
        current_month = grid.today.month if grid.today.year == grid.year else 0
        # 本月 on a line of its own: a twelfth of a 1024 px window holds "12月" but not "12月（本月）"
        self.grid.setHorizontalHeaderLabels([f"{m}月{chr(10) + '本月' if m == current_month else ''}"
                                             for m in range(1, 13)])
        self.grid.setVerticalHeaderLabels([f"{r.requirement.label}（{r.requirement.rule}）" for r in grid.rows])
        bold = QFont(self.font())
        bold.setBold(True)
        for row, grid_row in enumerate(grid.rows):
            for cell in grid_row.periods:
                held = len(cell.meeting_ids)
                text = cell.state_label + (f" {held}次" if held > 1 else "")
                if cell.state == "exempt":
                    text = "免（假期）"
                item = QTableWidgetItem(text)
                fg, bg = STATE_COLOURS[cell.state]
                item.setForeground(QBrush(QColor(fg)))
                item.setBackground(QBrush(QColor(bg)))
                item.setTextAlignment(Qt.AlignCenter)
                item.setData(CURRENT_ROLE, cell.current)
                item.setData(REFERENCE_ROLE, cell.meeting_ids[0] if cell.meeting_ids else 0)
                if cell.current:
                    item.setFont(bold)
                dates = "、".join(f"{d.month}月{d.day}日" for d in cell.dates)
                item.setToolTip(f"{cell.label} {grid_row.requirement.label}：{cell.state_label}"
                                f"{f'（{dates}）' if dates else ''}{'，当前周期' if cell.current else ''}")
                column = cell.first_month - 1
                self.grid.setItem(row, column, item)
                span = cell.last_month - cell.first_month + 1
                if span > 1:
                    self.grid.setSpan(row, column, 1, span)

    def _show_attention(self, reminders: list[Reminder]) -> None:
        self.attention.setRowCount(len(reminders))
        for row, r in enumerate(reminders):
            fg, bg = SEVERITY_COLOURS[r.severity]
            cells = (r.severity_label, r.category, r.text, r.due.isoformat() if r.due else "")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setForeground(QBrush(QColor(fg)))
                    item.setBackground(QBrush(QColor(bg)))
                    item.setTextAlignment(Qt.AlignCenter)
                if column == 2:
                    item.setToolTip(text)
                item.setData(REFERENCE_ROLE, (r.table, r.record_id or 0))
                self.attention.setItem(row, column, item)

    # -- acting -----------------------------------------------------------------------------------

    def save_since(self) -> bool:
        """Store the date typed in the first-start question; a wrong one is said under it."""
        self.since.clear_problem()
        problem = self.since.problem()
        try:
            if problem is None:
                save_settings(records_since=self.since.value())
        except ValidationError as exc:
            problem = "；".join(p.message for p in exc.problems if p.is_error)
        except DatabaseError as exc:  # a read-only file, a full disk
            problem = str(exc)
        if problem:
            self.since.show_problem(problem)
            return False
        self.refresh()
        return True

    def open_line(self, row: int) -> None:
        """Ask the window to open what attention line `row` is about."""
        item = self.attention.item(row, 0)
        if item is not None:
            table, record_id = item.data(REFERENCE_ROLE)
            self.open_requested.emit(table, record_id)

    def _open_cell(self, row: int, column: int) -> None:
        """A held period opens its meeting; any other asks for a new meeting of that kind in that period."""
        item = self.grid.item(row, column)
        if item is None or self.overview is None:
            return
        if item.data(REFERENCE_ROLE):
            self.open_requested.emit("meeting", item.data(REFERENCE_ROLE))
            return
        grid_row = self.overview.grid.rows[row]
        cell = grid_row.cell(column + 1)
        day = max(cell.start, min(cell.end, self.overview.today))  # in the period, not after today if it can
        self.new_meeting_requested.emit({"kind": grid_row.requirement.kind, "party_group": grid_row.requirement.group,
                                         "date": day})
