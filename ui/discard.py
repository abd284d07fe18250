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


class AsksBeforeDiscarding:
    """For a dialog (put before QDialog among its bases) whose typed input must not be lost without a word:
    it defines `state()` (what is typed, as typed) and calls `mark_unchanged()` once loaded and once saved;
    取消, Esc and the window's close button then ask 放弃未保存的修改？ when the state differs."""

    _unchanged: object = None

    def state(self) -> object:
        raise NotImplementedError

    def mark_unchanged(self) -> None:
        self._unchanged = self.state()

    def has_changes(self) -> bool:
        return self.state() != self._unchanged

    def reject(self) -> None:
        if self.has_changes() and not confirm_discard(self):
            return
        super().reject()
