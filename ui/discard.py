"""The one question every window asks before throwing typed input away."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_discard(parent: QWidget) -> bool:
    """True when the user chooses to throw the unsaved changes away; 继续编辑 is the default answer."""
    box = QMessageBox(QMessageBox.Question, parent.windowTitle() or "未保存的修改", "放弃未保存的修改？", parent=parent)
    box.setInformativeText("刚才填写或修改的内容还没有保存，放弃后不能找回。")
    discard = box.addButton("放弃修改", QMessageBox.DestructiveRole)
    keep = box.addButton("继续编辑", QMessageBox.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard
