"""A meeting's attendance: every member expected at the meeting date with 出席/请假/缺席 and a reason,
and 应到/实到/请假/缺席 with the quorum counted live as boxes are ticked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.fields import Field
from dangjian_desktop.domain.rules.membership import stage_at
from dangjian_desktop.queries.listing import members_by_id
from dangjian_desktop.services.meeting import (
    QUORUM_KINDS,
    AttendanceRow,
    Headcount,
    expected_members,
    headcount,
)
from dangjian_desktop.store.models import ATTENDANCE_STATUSES, Member

from .field_widgets import Editor

ATTENDANCE_FIELD = Field("attendance", "出席情况")
HEADERS = ("姓名", "身份", *ATTENDANCE_STATUSES, "请假或缺席原因")
REASON_COLUMN = len(HEADERS) - 1


@dataclass
class _Line:
    member: Member
    buttons: QButtonGroup
    reason: QLineEdit


class AttendanceEditor(Editor):
    """`set_value(rows)` shows a saved attendance as it is; `set_context(kind, date, group, refill=True)`
    lists the members expected for that meeting, keeping what was already ticked for each of them."""

    def __init__(self, parent: QWidget | None = None):
        self.table = QTableWidget(0, len(HEADERS))
        self.summary = QLabel()
        self.summary.setObjectName("headcount")
        self.quorum = QLabel()
        self.quorum.setWordWrap(True)
        self._lines: list[_Line] = []
        self._kind, self._date, self._group = "", None, ""
        self._remembered: dict[int, AttendanceRow] = {}  # ticks of members dropped by a refill
        self.unregistered = False  # an existing meeting saved without attendance
        super().__init__(ATTENDANCE_FIELD, self.table, parent)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        header = self.table.horizontalHeader()
        for column in range(REASON_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(REASON_COLUMN, QHeaderView.Stretch)
        self.table.setMinimumHeight(260)

    def _decorated(self) -> QWidget:
        box = QWidget()
        everyone = QPushButton("其余全部出席")
        everyone.setToolTip("把还没有选择的人都设为出席（已选请假、缺席的不变）")
        everyone.clicked.connect(lambda: self._set_undecided("出席"))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(everyone)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.quorum)
        layout.addWidget(self.table, 1)
        return box

    # -- the editor interface ---------------------------------------------------------------------

    def value(self) -> list[AttendanceRow]:
        """The decided rows (a row nobody has ticked yet is left out: `problem()` names it)."""
        return [row for row in self._rows() if row.status]

    def _rows(self) -> list[AttendanceRow]:
        """Every listed member's row; status "" where nothing is ticked yet."""
        rows = []
        for line in self._lines:
            checked = line.buttons.checkedId()
            status = ATTENDANCE_STATUSES[checked] if checked >= 0 else ""
            rows.append(AttendanceRow(line.member.id, status, line.reason.text().strip() if checked > 0 else ""))
        return rows

    def state(self) -> list[AttendanceRow]:
        return self._rows()

    def undecided(self) -> list[str]:
        return [line.member.name for line in self._lines if line.buttons.checkedId() < 0]

    def problem(self) -> str | None:
        """Every row must be decided: nobody is counted present by default. A meeting saved without any
        attendance (an import) may stay so while no row is ticked."""
        left = self.undecided()
        if not left or (self.unregistered and len(left) == len(self._lines)):
            return None
        names = "、".join(left[:8]) + ("等" if len(left) > 8 else "")
        return f"还有 {len(left)} 人没有选择出席、请假或缺席：{names}。都出席时可点“其余全部出席”。"

    def set_value(self, value: list[AttendanceRow] | None) -> None:
        rows = list(value or [])
        members = members_by_id([r.member_id for r in rows])
        self._fill([(members[r.member_id], r.status, r.reason) for r in rows if r.member_id in members])

    def set_context(self, kind: str, day: dt.date | None, group: str, refill: bool = True) -> None:
        """The meeting's type, date and group changed: list who is expected then, keeping ticks and reasons."""
        if (kind, day, group) == (self._kind, self._date, self._group):
            return
        self._kind, self._date, self._group = kind, day, group
        if refill and kind and day:
            self._remembered.update({row.member_id: row for row in self.value()})
            lines = []
            for member in expected_members(kind, day, group):
                row = self._remembered.get(member.id, AttendanceRow(member.id, ""))  # "": not yet decided
                lines.append((member, row.status, row.reason))
            self._fill(lines)
        else:
            self._show_identities()
            self._update_counts()

    def set_status(self, member_id: int, status: str, reason: str = "") -> None:
        """Tick a member's box and type the reason, as a user would."""
        for line in self._lines:
            if line.member.id == member_id:
                line.buttons.button(ATTENDANCE_STATUSES.index(status)).setChecked(True)
                line.reason.setText(reason)
                return
        raise KeyError(member_id)

    def counts(self) -> Headcount:
        members = {line.member.id: line.member for line in self._lines}
        return headcount(self._kind, self._date or dt.date.today(), self._rows(), members)

    # -- internals --------------------------------------------------------------------------------

    def _fill(self, lines: list[tuple[Member, str, str]]) -> None:
        self.table.setRowCount(0)
        self._lines = []
        self.table.setRowCount(len(lines))
        for row, (member, status, reason) in enumerate(lines):
            self.table.setItem(row, 0, QTableWidgetItem(member.name))
            group = QButtonGroup(self.table)
            for column, choice in enumerate(ATTENDANCE_STATUSES):
                button = QRadioButton()
                button.setToolTip(f"{member.name}{choice}")
                group.addButton(button, column)
                self.table.setCellWidget(row, 2 + column, _centred(button))
            edit = QLineEdit(reason)
            edit.setPlaceholderText("请假或缺席时填写")
            edit.setFrame(False)
            self.table.setCellWidget(row, REASON_COLUMN, edit)
            line = _Line(member, group, edit)
            if status in ATTENDANCE_STATUSES:
                group.button(ATTENDANCE_STATUSES.index(status)).setChecked(True)
            group.idToggled.connect(self._on_toggle)
            edit.textChanged.connect(self.changed)
            self._lines.append(line)
        self._show_identities()
        self._update_counts()

    def _show_identities(self) -> None:
        """正式党员 / 预备党员 at the meeting date, and the member's post."""
        for row, line in enumerate(self._lines):
            stage = stage_at(line.member, self._date)
            text = "　".join(t for t in (stage, line.member.party_post) if t)
            self.table.setItem(row, 1, QTableWidgetItem(text))

    def _on_toggle(self, _id: int, checked: bool) -> None:
        if checked:
            self._update_counts()
            self.changed.emit()

    def _set_undecided(self, status: str) -> None:
        for line in self._lines:
            if line.buttons.checkedId() < 0:
                line.buttons.button(ATTENDANCE_STATUSES.index(status)).setChecked(True)

    def _update_counts(self) -> None:
        for line in self._lines:
            line.reason.setEnabled(line.buttons.checkedId() > 0)
        count = self.counts()
        if not self._lines:
            self.summary.setText("请先选择会议类型和日期，名单会自动列出当天在册的党员。"
                                 if not (self._kind and self._date) else "当天没有应到会的党员。")
            self.quorum.hide()
            return
        left = len(self.undecided())
        self.summary.setText(f"应到 {count.expected} 人　实到 {count.present} 人　"
                             f"请假 {count.on_leave} 人　缺席 {count.absent} 人"
                             + (f"　未选 {left} 人" if left else ""))
        if self._kind in QUORUM_KINDS:
            state = "符合" if count.quorum_ok else "不足"
            if left:  # no verdict on a list still being ticked
                text, tone = "每人都选择后再计算是否达到法定人数。", ""
            else:
                text, tone = f"法定人数{state}：{count.quorum_note}。", "ok" if count.quorum_ok else "alert"
            self.quorum.setText(text)
            self.quorum.setProperty("tone", tone)
            self.quorum.style().unpolish(self.quorum)
            self.quorum.style().polish(self.quorum)
            self.quorum.show()
        else:
            self.quorum.hide()


def _centred(widget: QWidget) -> QWidget:
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addStretch(1)
    layout.addWidget(widget)
    layout.addStretch(1)
    return holder
