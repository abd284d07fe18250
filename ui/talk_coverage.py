"""谈心谈话 coverage of a year: members × committee members, the talks held and the ones the rule still asks
for (缺), the summary line, and the dialog that sets which committee member talks with whom."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.queries.talks import TalkCoverage, talk_coverage
from dangjian_desktop.services.talk import assignments, set_assignments
from dangjian_desktop.store.connection import DatabaseError

from .message_line import MessageLine
from .refresh_when_shown import RefreshWhenShown

MISSING = ("#b3261e", "#fde7e7")
DONE = ("#1e6b34", "#e6f4ea")


class TalkCoverageView(RefreshWhenShown, QWidget):
    def __init__(self, parent: QWidget | None = None, today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self.today = today
        self.coverage: TalkCoverage | None = None
        self.year_box = QSpinBox(self)
        self.year_box.setRange(1950, 2100)
        self.year_box.setValue(today().year)
        self.year_box.setSuffix(" 年")
        self.year_box.valueChanged.connect(lambda _v: self.refresh())
        assign = QPushButton("谈话分工…", self)
        assign.setToolTip("设置每名党员由哪位支委负责谈心谈话（未设置的由书记负责）")
        assign.clicked.connect(self.edit_assignments)
        top = QHBoxLayout()
        top.addWidget(QLabel("年度：", self))
        top.addWidget(self.year_box)
        top.addWidget(assign)
        top.addStretch(1)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.message = MessageLine(self)
        legend = QLabel("每年谈心谈话一般不少于1次：支委之间两两谈话，每名党员与负责的支委谈话。"
                        "格中数字为本年度谈话次数，红底“缺”为尚未谈话。", self)
        legend.setObjectName("summary")
        legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        self._stale = False
        coverage = self.coverage = talk_coverage(self.year_box.value(), self.today())
        self.table.clear()
        self.table.setColumnCount(len(coverage.committee))
        self.table.setRowCount(len(coverage.people))
        self.table.setHorizontalHeaderLabels([f"{p.name}\n{p.post}" for p in coverage.committee])
        self.table.setVerticalHeaderLabels([p.name for p in coverage.people])
        for row, person in enumerate(coverage.people):
            for column, other in enumerate(coverage.committee):
                self.table.setItem(row, column, self._cell(coverage, person.id, other.id))
        missing = coverage.missing
        lacking = coverage.names(coverage.without_member_talk)
        text = f"{coverage.year}年度应谈 {len(coverage.required)} 对，已谈 {coverage.done} 对"
        text += ("；尚未谈话：" + "、".join(f"{a.name}与{b.name}" for a, b in missing)) if missing else "，全部谈过"
        if lacking:
            text += "；尚未与其他党员谈话：" + "、".join(lacking)
        self.summary.setText(text + "。")

    @staticmethod
    def _cell(coverage: TalkCoverage, a: int, b: int) -> QTableWidgetItem:
        count = coverage.count(a, b) if a != b else 0
        required = a != b and coverage.is_required(a, b)
        item = QTableWidgetItem("—" if a == b else str(count) if count else "缺" if required else "")
        item.setTextAlignment(Qt.AlignCenter)
        colours = DONE if count and required else MISSING if required else None
        if colours:
            item.setForeground(QBrush(QColor(colours[0])))
            item.setBackground(QBrush(QColor(colours[1])))
        return item

    def edit_assignments(self) -> None:
        if self.coverage is None:
            self.refresh()
        dialog = AssignmentDialog(self.coverage, self)
        if dialog.exec():
            self.message.say("已保存谈话分工。")
            self.refresh()


class AssignmentDialog(QDialog):
    """Each ordinary member's committee member, the 书记 by default."""

    def __init__(self, coverage: TalkCoverage, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("谈话分工")
        committee_ids = {p.id for p in coverage.committee}
        self.people = [p for p in coverage.people if p.id not in committee_ids]
        current = assignments()
        self.table = QTableWidget(len(self.people), 3, self)
        self.table.setHorizontalHeaderLabels(["党员", "党小组", "负责谈话的支委"])
        self.table.verticalHeader().hide()
        self.boxes: list[QComboBox] = []
        for row, person in enumerate(self.people):
            self.table.setItem(row, 0, QTableWidgetItem(person.name))
            self.table.setItem(row, 1, QTableWidgetItem(person.party_group))
            box = QComboBox(self.table)
            box.addItem("（书记）", None)
            for member in coverage.committee:
                box.addItem(f"{member.name}（{member.post}）", member.id)
            box.setCurrentIndex(max(0, box.findData(current.get(person.id))))
            self.table.setCellWidget(row, 2, box)
            self.boxes.append(box)
        self.table.resizeColumnsToContents()
        self.problems = MessageLine(self)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept_values)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.resize(480, 520)

    def accept_values(self) -> bool:
        chosen = {p.id: box.currentData() for p, box in zip(self.people, self.boxes, strict=True)}
        try:
            set_assignments(chosen)
        except (ValidationError, DatabaseError) as exc:
            text = "；".join(p.message for p in exc.problems) if isinstance(exc, ValidationError) else str(exc)
            self.problems.say(f"没有保存：{text}", error=True)
            return False
        self.accept()
        return True
