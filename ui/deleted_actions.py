"""记录 → 撤销删除 (Ctrl+Z) and 已删除记录…: bringing deleted records back.

A tab reports each delete here (`remember`); the last one can be undone until the next delete, a restore
or another database. The dialog restores any kept record; both go through `revive`, which says in Chinese
why a record cannot come back (a member it names was deleted too) and re-reads the window when it did.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from dangjian_desktop.domain.kinds import KINDS
from dangjian_desktop.domain.validation import NotFoundError
from dangjian_desktop.services import trash
from dangjian_desktop.store.connection import DatabaseError

from .data_actions import explain


class DeletedActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        menu = window.record_menu
        self.undo_action = window.menu_action(menu, "撤销删除", self.undo, QKeySequence.Undo)
        following = menu.actions()[menu.actions().index(window.delete_action) + 1]
        menu.insertAction(following, self.undo_action)  # right under 删除
        menu.addSeparator()
        self.deleted_action = window.menu_action(menu, "已删除记录…", self.show_deleted)
        self._last: tuple[str, int, str] | None = None  # (table, trash id, name) of the last delete
        self._update_undo()
        window.database_opened.connect(self.forget)

    def remember(self, table: str, trash_id: int, name: str) -> None:
        """A tab deleted a record: it can be undone now, and the status bar says so."""
        self._last = (table, trash_id, name)
        self._update_undo()
        self.window.statusBar().showMessage(
            f"已删除{KINDS[table].label}“{name}”。按 Ctrl+Z 可撤销，或在“记录 → 已删除记录”中恢复。", 15_000)

    def forget_if(self, trash_id: int) -> None:
        """The kept record `trash_id` is gone (restored or purged): the undo no longer offers it."""
        if self._last is not None and self._last[1] == trash_id:
            self.forget()

    def forget(self) -> None:
        self._last = None
        self._update_undo()

    def undo(self) -> bool:
        if self._last is None:
            return False
        return self.revive(self._last[1], self.window) is not None

    def show_deleted(self) -> None:
        """The deleted records of the kind shown in the current tab (else of the last deleted)."""
        from .deleted_records_dialog import DeletedRecordsDialog

        tab = self.window.current_record_tab()
        table = tab.table_name if tab is not None else (self._last[0] if self._last else "member")
        DeletedRecordsDialog(self, table, self.window).exec()

    def revive(self, trash_id: int, parent: QWidget) -> trash.Restored | None:
        """Restore a kept record; on success re-read the window and select it in its tab."""
        try:
            restored = trash.restore(trash_id)
        except (trash.RestoreError, NotFoundError, DatabaseError) as exc:
            QMessageBox.warning(parent, "不能恢复", str(exc))
            return None
        self.forget_if(trash_id)
        tab = self.window.record_tabs.get(restored.table)
        if tab is None:
            self.window.refresh_all()
        else:
            self.window.show_record_tab(tab)
            tab.after_change(restored.record_id)  # re-reads it, selects the record, tells the window
        self.window.statusBar().showMessage(f"已恢复{KINDS[restored.table].label}“{restored.label}”。", 15_000)
        return restored

    def purge(self, trash_id: int, label: str, parent: QWidget) -> Path | None:
        """彻底删除 after a question; the backup made first, or None when not done (the reason shown)."""
        answer = QMessageBox.question(
            parent, "彻底删除", f"彻底删除“{label}”？\n彻底删除后不能再恢复；修改记录中仍保留它删除前的"
            "内容（身份证号、电话只留遮住的写法）。删除前会先备份数据库。", QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return None
        try:
            saved = trash.purge(trash_id)
        except NotFoundError as exc:
            QMessageBox.warning(parent, "彻底删除", str(exc))
            return None
        except (DatabaseError, OSError) as exc:  # a full disk for the backup, a read-only file: said as such
            QMessageBox.warning(parent, "彻底删除", explain(exc))
            return None
        self.forget_if(trash_id)
        return saved

    def _update_undo(self) -> None:
        self.undo_action.setEnabled(self._last is not None)
        self.undo_action.setText(f"撤销删除“{self._last[2]}”" if self._last else "撤销删除")
