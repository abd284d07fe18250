"""The overview's 党员构成: the members at the year's end by sex, age, education and 党龄 as small bar charts, and
the year's change of numbers, painted with QPainter from the year's 党内统计 (the figures the printout has)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from dangjian_desktop.queries.statistics import PROBATIONERS, UNKNOWN, Table, YearStatistics

SHOWN = ("性别", "年龄", "学历", "党龄")  # the tables charted, side by side
BAR = QColor("#b3261e")
TRACK = QColor("#f1e4e3")
MUTED = QColor("#5f6368")
# Labels said shorter on a chart than in the printed table, so four charts fit beside the attention list.
SHORT = {PROBATIONERS: "预备", "30岁及以下": "≤30", "71岁及以上": "≥71", "5年及以下": "≤5", "51年及以上": "≥51",
         "大学本科": "本科", "大学专科": "专科", "初中及以下": "初中下"}


def short(label: str) -> str:
    """A chart's label: as SHORT says, else without its unit (31—35岁 → 31—35, 6—10年 → 6—10)."""
    return SHORT.get(label, label.removesuffix("岁").removesuffix("年"))


class MemberCharts(QWidget):
    """Call `show_statistics` with the year's figures; the widget paints itself from them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.stats: YearStatistics | None = None
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)

    def show_statistics(self, stats: YearStatistics) -> None:
        self.stats = stats
        self.setToolTip(self.summary())
        self.update()

    def tables(self) -> list[Table]:
        """The charted tables, each without an empty 其他或未填 row."""
        if self.stats is None:
            return []
        by_title = {t.title: t for t in self.stats.members}
        return [Table(title, tuple((label, count) for label, count in by_title[title].rows
                                   if count or label != UNKNOWN)) for title in SHOWN]

    def summary(self) -> str:
        """The change of numbers in one line, as the chart's heading says it."""
        s = self.stats
        if s is None:
            return ""
        return (f"年初 {s.at_start} 人，增加 {s.increases.total} 人，减少 {s.decreases.total} 人，"
                f"年末在册 {s.at_end} 人")

    def _rows(self) -> int:
        return max((len(t.rows) for t in self.tables()), default=9) + 1

    def sizeHint(self) -> QSize:
        return QSize(420, int(self.fontMetrics().height() * (1.3 + self._rows() * 1.25)))

    def minimumSizeHint(self) -> QSize:
        return QSize(360, int(self.fontMetrics().height() * (1.3 + self._rows())))

    def paintEvent(self, _event: QPaintEvent) -> None:
        """The heading line, then the four charts side by side."""
        painter = QPainter(self)
        line = self.fontMetrics().height()
        painter.setPen(MUTED)
        painter.drawText(QRectF(0, 0, self.width(), line), Qt.AlignLeft | Qt.AlignVCenter, self.summary())
        tables = self.tables()
        if tables and self.stats.at_end:
            width = self.width() / len(tables)
            for index, table in enumerate(tables):
                self._chart(painter, table, QRectF(width * index, line * 1.3, width - 10, self.height() - line * 1.3),
                            self._rows())
        painter.end()

    def _chart(self, painter: QPainter, table: Table, area: QRectF, rows: int) -> None:
        metrics = self.fontMetrics()
        row = max(min(area.height() / rows, metrics.height() * 1.4), metrics.height())
        painter.setPen(self.palette().windowText().color())
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        unit = {"年龄": "（岁）", "党龄": "（年）"}.get(table.title, "")
        painter.drawText(QRectF(area.left(), area.top(), area.width(), row), Qt.AlignLeft | Qt.AlignVCenter,
                         table.title + unit)
        font.setBold(False)
        painter.setFont(font)
        widest = max(metrics.horizontalAdvance(short(label)) for label, _count in table.rows)
        label_width = min(widest + 6, area.width() * 0.45)
        number_width = metrics.horizontalAdvance("0000") + 4
        track = area.width() - label_width - number_width
        biggest = max((count for _label, count in table.rows), default=0) or 1
        for number, (label, count) in enumerate(table.rows, start=1):
            top = area.top() + row * number
            painter.setPen(MUTED)
            shown = metrics.elidedText(short(label), Qt.ElideRight, int(label_width - 6))
            painter.drawText(QRectF(area.left(), top, label_width - 6, row), Qt.AlignRight | Qt.AlignVCenter, shown)
            bar = QRectF(area.left() + label_width, top + row * 0.2, track, row * 0.6)
            painter.fillRect(bar, TRACK)
            painter.fillRect(QRectF(bar.left(), bar.top(), track * count / biggest, bar.height()), BAR)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(QRectF(bar.right() + 4, top, number_width, row), Qt.AlignLeft | Qt.AlignVCenter,
                             str(count))
