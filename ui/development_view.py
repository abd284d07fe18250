"""The development tab: everyone from 入党申请人 to 预备党员, and the 25 steps of the one selected, with the
date of each step done, the next step and its window; a step is recorded with one click and a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.fields import display_text
from dangjian_desktop.domain.rules import development as rules
from dangjian_desktop.domain.validation import NotFoundError, Problem, ValidationError
from dangjian_desktop.services import development as dev

from .icons import icon
from .message_line import MessageLine
from .probation_dialog import ProbationExtensionDialog
from .refresh_when_shown import RefreshWhenShown
from .step_date_dialog import StepDateDialog

STATUS_COLOURS = {"done": ("#1e6b34", "#e3f2e6"), "next": ("#0b57d0", "#e3edfd"), "pending": ("#3c4043", None),
                  "unrecorded": ("#8a8a8a", None)}
LATE = QColor("#9f1d1d")
T = TypeVar("T")
STEP_COLUMNS = ["阶段", "步骤", "名称", "状态", "完成日期", "最早", "最迟", "依据 / 说明"]


class DevelopmentView(RefreshWhenShown, QWidget):
    """`records_changed("development")` is emitted after a step is recorded or undone (members' dates may
    have changed, so every list showing members is out of date)."""

    records_changed = Signal(str)
    print_requested = Signal()
    new_applicant_requested = Signal()

    def __init__(self, parent: QWidget | None = None, today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self.today = today
        self.paths: list[rules.DevelopmentPath] = []
        self.path: rules.DevelopmentPath | None = None
        self._build()

    # -- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.people = QTableWidget(0, 4, self)
        self.people.setHorizontalHeaderLabels(["姓名", "阶段", "下一步", "最迟"])
        self._table_defaults(self.people)
        # Fixed widths that show each column (a narrow window scrolls the list sideways rather than
        # squeezing 下一步 to nothing); 最迟 as wide as its text, the rest of a wide window to the last.
        people_header = self.people.horizontalHeader()
        for column, width in ((0, 60), (1, 92), (2, 130)):
            people_header.resizeSection(column, width)
        people_header.setSectionResizeMode(3, QHeaderView.ResizeToContents)
        self.people.itemSelectionChanged.connect(self._on_person)

        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.steps = QTableWidget(0, len(STEP_COLUMNS), self)
        self.steps.setHorizontalHeaderLabels(STEP_COLUMNS)
        self._table_defaults(self.steps)
        header = self.steps.horizontalHeader()
        for column, width in enumerate((112, 40, 150, 56, 88, 88, 88)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(len(STEP_COLUMNS) - 1, QHeaderView.Stretch)
        self.steps.cellDoubleClicked.connect(lambda row, _c: self.ask_and_record(row + 1))
        # The selected step's rule and window in full, wrapped: the 依据 / 说明 column is narrow on a laptop.
        self.rule = QLabel(self)
        self.rule.setObjectName("summary")
        self.rule.setWordWrap(True)
        self.rule.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.steps.itemSelectionChanged.connect(self._show_rule)

        self.new_button = QPushButton(icon("add"), "新增入党申请人…", self)
        self.new_button.setToolTip("录入一位新的入党申请人（党员信息中的“入党申请”日期即第1步）")
        self.new_button.clicked.connect(self.new_applicant_requested)

        self.record_button = QPushButton("记录所选步骤…", self)
        self.record_button.setToolTip("为所选步骤填写完成日期（也可双击步骤）")
        self.record_button.clicked.connect(lambda: self.ask_and_record(self._selected_step()))
        self.undo_button = QPushButton("撤销所选步骤", self)
        self.undo_button.clicked.connect(self.undo_selected)
        self.extend_button = QPushButton("延长预备期…", self)
        self.extend_button.setToolTip("记录支部大会延长预备期的决定（6至12个月）")
        self.extend_button.clicked.connect(self.ask_extension)
        self.message = MessageLine(self)
        self.print_button = QPushButton("打印纪实表…", self)
        self.print_button.setToolTip("打印所有发展对象的25个步骤")
        self.print_button.clicked.connect(self.print_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.extend_button)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.print_button)

        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.steps, 1)
        column.addWidget(self.rule)
        column.addLayout(buttons)
        left = QWidget(self)
        people = QVBoxLayout(left)
        people.setContentsMargins(0, 0, 0, 0)
        people.addWidget(self.people, 1)
        people.addWidget(self.new_button)
        splitter = QSplitter(Qt.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([380, 900])  # shared in that proportion: the list keeps room on a wide screen
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        note = QLabel("《中国共产党发展党员工作细则》五个阶段、25个步骤。入党申请、确定积极分子、确定发展对象、"
                      "接收预备党员的日期与党员信息中的日期是同一数据。", self)
        note.setObjectName("summary")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(splitter, 1)

    def _table_defaults(self, table: QTableWidget) -> None:
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setSelectionMode(QAbstractItemView.SingleSelection)
        table.verticalHeader().hide()
        table.setWordWrap(False)

    # -- reading ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read everyone in development again, keeping the person selected."""
        self._stale = False
        keep = self.path.member_id if self.path else None
        self.paths = dev.paths_in_development()
        self.people.blockSignals(True)
        self.people.setRowCount(len(self.paths))
        for row, path in enumerate(self.paths):
            step, due = path.next_step, path.due_step
            cells = (path.name, path.stage, step.label if step else "（已完成）",
                     display_text(due.latest) + path.due_suffix() if due else "")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setToolTip(text)  # a narrow list cuts the step's name short
                if column == 3 and due:
                    item.setToolTip(f"{due.label}：{due.step.rule or '最迟'} {due.latest}")
                    if due.latest < self.today():
                        item.setForeground(QBrush(LATE))
                self.people.setItem(row, column, item)
        self.people.blockSignals(False)
        if keep is not None:
            self.select_member(keep)
        elif self.paths:
            self.people.selectRow(0)
        else:
            self._show_path(None)

    def select_member(self, member_id: int) -> None:
        """Show a person's steps; someone not in development (a full member) is shown too."""
        if self._stale:
            self.refresh()
        row = next((i for i, p in enumerate(self.paths) if p.member_id == member_id), -1)
        if row >= 0:
            self.people.selectRow(row)
            self._show_path(self.paths[row])
            return
        self.people.clearSelection()
        try:
            self._show_path(dev.path_of(member_id))
        except NotFoundError as exc:
            self._show_path(None)
            self.message.say(str(exc), error=True)

    def _on_person(self) -> None:
        rows = self.people.selectionModel().selectedRows()
        if rows:
            self._show_path(self.paths[rows[0].row()])

    def _show_path(self, path: rules.DevelopmentPath | None) -> None:
        self.path = path
        self.message.say("")
        self.steps.clearSpans()
        self.extend_button.setEnabled(path is not None and path.stage == "预备党员")
        if path is None:
            self.heading.setText("（没有正在发展的人员）")
            self.steps.setRowCount(0)
            return
        extended = f"（已延长{path.probation_extension_months}个月）" if path.probation_extension_months else ""
        end = f"，预备期满 {path.probation_end}{extended}" if path.probation_end and path.stage == "预备党员" else ""
        self.heading.setText(f"{path.name}：{path.stage}{end}")
        self.steps.setRowCount(len(path.steps))
        bold = QFont(self.font())
        bold.setBold(True)
        today = self.today()
        for row, state in enumerate(path.steps):
            note = state.note if state.status == "done" else state.step.rule
            cells = ("", str(state.step.number), state.step.name, rules.STATUS_LABELS[state.status], display_text(state.done_on),
                     display_text(state.earliest), display_text(state.latest), note)
            fg, bg = STATUS_COLOURS[state.status]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (3, 4):
                    item.setForeground(QBrush(QColor(fg)))
                    if bg:
                        item.setBackground(QBrush(QColor(bg)))
                if state.status == "next":
                    item.setFont(bold)
                if column == 7 and text:
                    item.setToolTip(text)
                if column == 6 and state.latest and state.latest < today:
                    item.setForeground(QBrush(LATE))
                    item.setToolTip("已超过规定期限")
                self.steps.setItem(row, column, item)
        for stage, title in enumerate(rules.STAGE_TITLES, start=1):
            rows = [i for i, s in enumerate(path.steps) if s.step.stage == stage]
            text = f"{'一二三四五'[stage - 1]}、{title}"
            item = QTableWidgetItem("\n".join(text[i:i + 8] for i in range(0, len(text), 8)))
            item.setToolTip(text)
            self.steps.setItem(rows[0], 0, item)
            self.steps.setSpan(rows[0], 0, len(rows), 1)
        next_step = path.next_step
        if next_step:
            self.steps.selectRow(next_step.step.number - 1)

    def _show_rule(self) -> None:
        number = self._selected_step()
        state = self.path.steps[number - 1] if self.path is not None and number else None
        if state is None:
            self.rule.setText("")
            return
        note = state.note if state.status == "done" else ""
        parts = [p for p in (state.step.rule, state.window(), note) if p]
        self.rule.setText(f"{state.label}：" + ("；".join(parts) if parts else "无时间要求。"))

    def _selected_step(self) -> int | None:
        rows = self.steps.selectionModel().selectedRows()
        return rows[0].row() + 1 if rows else None

    # -- acting -----------------------------------------------------------------------------------

    def ask_and_record(self, number: int | None) -> None:
        """Ask the date of step `number` of the person shown, then record it."""
        if self.path is None or number is None:
            self.message.say("请先选择人员和步骤。", error=True)
            return
        state = self.path.steps[number - 1]
        dialog = StepDateDialog(state, self.path.name, self.today(), self)
        if dialog.exec() == QDialog.Accepted and dialog.value():
            self.record(number, dialog.value())

    def record(self, number: int, day: dt.date) -> bool:
        """Record step `number` on `day` for the person shown; refusals and warnings are shown under the table."""
        result = self._change(lambda: dev.record_step(self.path.member_id, number, day, today=self.today()),
                              "不能记录")
        if result is None:
            return False
        done = f"已记录第{number}步“{rules.STEP[number].name}”：{day}。"
        if result.warnings:
            self.message.say(done + "注意：" + "；".join(w.message for w in result.warnings), warning=True)
        else:
            self.message.say(done)
        return True

    def ask_extension(self) -> None:
        """Ask how many months the probation of the person shown is extended, then record it."""
        if self.path is None or self.path.stage != "预备党员":
            self.message.say("只有预备党员才能延长预备期。", error=True)
            return
        voted_on = self.path.steps[14].done_on  # step 15: the 支部大会 vote that began the probation
        dialog = ProbationExtensionDialog(self.path.name, voted_on, self.path.probation_extension_months, self)
        if dialog.exec() == QDialog.Accepted:
            self.extend(dialog.value())

    def extend(self, months: int) -> bool:
        """Record an extension of `months` (0: none) for the person shown."""
        path = self._change(lambda: dev.set_probation_extension(self.path.member_id, months), "不能延长预备期")
        if path is None:
            return False
        what = f"延长{months}个月" if months else "不延长"
        self.message.say(f"已记录{path.name}的预备期{what}，预备期满 {path.probation_end}。")
        return True

    def undo_selected(self) -> None:
        number = self._selected_step()
        if self.path is None or number is None:
            self.message.say("请先选择要撤销的步骤。", error=True)
            return
        label = self.path.steps[number - 1].label
        answer = QMessageBox.question(self, "撤销步骤", f"撤销{self.path.name}的{label}的记录？")
        if answer == QMessageBox.Yes:
            self.undo(number)

    def undo(self, number: int) -> bool:
        if self._change(lambda: dev.undo_step(self.path.member_id, number), "不能撤销") is None:
            return False
        self.message.say(f"已撤销第{number}步的记录。")
        return True

    def _change(self, write: Callable[[], T], refused: str) -> T | None:
        """Run one write for the person shown; on refusal say why (after `refused`) and return None,
        otherwise tell the other lists and show the person again with the result."""
        member_id = self.path.member_id
        try:
            result = write()
        except (ValidationError, NotFoundError) as exc:
            self.message.say(self._messages(refused, exc), error=True)
            return None
        self.records_changed.emit("development")
        self.refresh()
        self.select_member(member_id)
        return result

    @staticmethod
    def _messages(prefix: str, exc: Exception) -> str:
        if isinstance(exc, ValidationError):
            problems: list[Problem] = [p for p in exc.problems if p.is_error]
            return f"{prefix}：" + "".join(p.message for p in problems)
        return f"{prefix}：{exc}"
