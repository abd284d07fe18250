"""Record that a member left the branch (转出, 去世, …) instead of deleting the member."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.fields import Field
from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.services.member import members
from dangjian_desktop.store.models import MEMBER_STATUSES

from .field_widgets import DateEditor


class MemberLeftDialog(QDialog):
    def __init__(self, member_id: int, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.member_id = member_id
        self.setWindowTitle(f"登记{name}离开本支部")
        self.status = QComboBox()
        self.status.addItems([s for s in MEMBER_STATUSES if s != "正常"])
        self.left_on = DateEditor(Field("left_on", "离开日期", "date", required=True))
        self.left_on.set_value(dt.date.today())
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        note = QLabel(f"{name}的会议出席等记录都会保留；花名册和以后的会议名单不再列出。转出的介绍信编号、回执等，"
                      "保存后可在“关系转接”页补充。")
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("党籍状态：", self.status)
        form.addRow("离开日期 *：", self.left_on)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def save(self) -> bool:
        self.left_on.clear_problem()
        self.problem.hide()
        message = self.left_on.problem()
        if message is None and self.left_on.value() is None:
            message = "请填写离开日期。"
        if message:
            self.left_on.show_problem(message)
            return False
        try:
            members.mark_left(self.member_id, self.status.currentText(), self.left_on.value())
        except ValidationError as exc:
            for problem in exc.problems:
                if problem.field == "left_on":
                    self.left_on.show_problem(problem.message)
                elif problem.is_error:
                    self.problem.setText(problem.message)
                    self.problem.show()
            return False
        self.accept()
        return True


def offer_mark_left(parent: QWidget, member_id: int, name: str, message: str) -> bool:
    """After a refused delete: explain, and offer to record that the member left. True when recorded."""
    answer = QMessageBox.question(
        parent, "不能删除",
        f"{message}\n\n党员转出、去世等离开本支部时，应登记离开而不是删除，以往的会议记录才完整。\n"
        f"现在登记{name}离开本支部吗？",
        QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
    if answer != QMessageBox.Yes:
        return False
    return MemberLeftDialog(member_id, name, parent).exec() == QDialog.Accepted
