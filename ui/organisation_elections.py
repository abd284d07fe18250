"""A 党总支's or 党委's committee elections, from 组织和用户: the list, a new one (the branch's election form, without
its meeting), and removing one; the newest approved 换届选举 starts the organisation's term."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.common.dates import date_label
from dangjian_desktop.domain.fields import FieldKind
from dangjian_desktop.domain.validation import NotFoundError
from dangjian_desktop.services import organisation
from dangjian_desktop.services import organisation_election as org_elections

from .form_dialog import FormField, ask
from .screen import keep_geometry

HEADERS = ("日期", "类型", "任期", "应到", "实到", "当选", "上级批复")
FORM_KINDS = {FieldKind.CHOICE: "choice", FieldKind.MULTILINE: "multiline"}


def election_fields() -> list[FormField]:
    """The form's fields, from the declarations the branch's 换届选举 form is built from."""
    return [FormField(f.name, f.label, FORM_KINDS.get(f.kind, "text"), tuple((c, c) for c in f.choices),
                      placeholder=f.hint) for f in org_elections.FIELDS]


class OrganisationElections(QDialog):
    def __init__(self, organisation_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.organisation_id = organisation_id
        self.setWindowTitle(f"换届选举：{organisation.get(organisation_id).name}")
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(len(HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.Stretch if column >= 5 else QHeaderView.ResizeToContents)
        self.table.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        add = QPushButton("新增…", self)
        self.remove_button = QPushButton("删除", self)
        buttons.addButton(add, QDialogButtonBox.ActionRole)
        buttons.addButton(self.remove_button, QDialogButtonBox.ActionRole)
        add.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        keep_geometry(self, "organisation-elections", 900, 420)
        self.refresh()

    def refresh(self) -> None:
        rows = org_elections.elections_of(self.organisation_id)
        self.table.setRowCount(len(rows))
        for number, e in enumerate(rows):
            approval = "　".join(t for t in (date_label(e.approved_on) if e.approved_on else "未批复", e.approved_by,
                                             e.approval_no) if t)
            for column, text in enumerate((date_label(e.date), e.kind, f"{e.term_years}年", str(e.expected),
                                           str(e.present), "；".join(e.elected.splitlines()), approval)):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.UserRole, e.id)
                self.table.setItem(number, column, cell)
        self.table.resizeRowsToContents()

    def add(self) -> None:
        def submit(values: dict):
            record, warnings = org_elections.add(self.organisation_id, values)
            if warnings:
                QMessageBox.warning(self, "已保存，请注意", "选举记录已保存。请注意：\n" +
                                    "\n".join(w.message for w in warnings))
            return record

        if ask(self, "新增换届选举", election_fields(), submit,
               "登记这次选举的结果。经上级批复的最新一次换届选举就是本届委员会的任期开始。") is not None:
            self.refresh()

    def remove(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        if QMessageBox.question(self, "删除选举记录", "删除所选的选举记录吗？", QMessageBox.Yes | QMessageBox.No,
                                QMessageBox.No) != QMessageBox.Yes:
            return
        try:
            org_elections.delete(self.table.item(rows[0].row(), 0).data(Qt.UserRole))
        except NotFoundError as exc:
            QMessageBox.warning(self, "删除选举记录", str(exc))
        self.refresh()
