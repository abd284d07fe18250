"""The attachments of the selected record, beside its details: images as thumbnails, PDFs and office files as
icons, each with its caption; add by the file dialog or by dropping files, open with the system's viewer, remove
(and bring back what was removed)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.validation import NotFoundError, ValidationError
from dangjian_desktop.services import attachment as attachments
from dangjian_desktop.store.connection import DatabaseError

from .file_dialogs import open_files
from .report_runner import print_folder

THUMB = 96
ICONS = {"pdf": QStyle.SP_FileDialogDetailedView, "office": QStyle.SP_FileIcon, "other": QStyle.SP_FileIcon}
FILTER = ("照片和文档 (" + " ".join(f"*{suffix}" for suffix in attachments.KNOWN_SUFFIXES) + ");;所有文件 (*)")


class AddAttachmentsDialog(QDialog):
    """The caption the files go under, and whether a photo's full-size original is kept too."""

    def __init__(self, names: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("添加附件")
        listed = "、".join(names[:6]) + (f"等 {len(names)} 个文件" if len(names) > 6 else "")
        files = QLabel(listed, self)
        files.setWordWrap(True)
        self.caption = QLineEdit(self)
        self.caption.setPlaceholderText("如：主题党日活动现场、签到表扫描件")
        self.caption.setMaxLength(200)
        self.keep_original = QCheckBox("照片另存一份未缩小的原图（占用更多空间）", self)
        form = QFormLayout()
        form.addRow("文件：", files)
        form.addRow("说明：", self.caption)
        form.addRow("", self.keep_original)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)


class AttachmentsPanel(QWidget):
    """Shows the attachments of one record of `table`; `changed` tells the tab its count column may change."""

    changed = Signal()

    def __init__(self, table: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = table
        self.record_id: int | None = None
        self.showing_removed = False
        self._thumbs: dict[str, QIcon] = {}
        self.title = QLabel("附件", self)
        self.title.setStyleSheet("font-weight: bold;")
        self.add_button = QPushButton("添加…", self)
        self.add_button.setToolTip("添加照片、扫描件或文档（也可以把文件拖到这里）")
        self.add_button.clicked.connect(self.choose_files)
        self.removed_box = QCheckBox("已删除的", self)
        self.removed_box.setToolTip("显示已删除的附件，可恢复")
        self.removed_box.toggled.connect(self._toggle_removed)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        top.addWidget(self.removed_box)
        top.addWidget(self.add_button)
        self.list = QListWidget(self)
        self.list.setViewMode(QListWidget.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(THUMB + 28, THUMB + 44))
        self.list.setResizeMode(QListWidget.Adjust)
        self.list.setMovement(QListWidget.Static)
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.list.itemDoubleClicked.connect(lambda item: self.open_item(item))
        self.list.setContextMenuPolicy(Qt.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.hint = QLabel("选中一条记录后，可在这里添加照片、扫描件和文档。", self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self.setAcceptDrops(True)
        self.show_record(None)

    # -- showing ---------------------------------------------------------------------------------

    def show_record(self, record_id: int | None) -> None:
        self.record_id = record_id
        self.list.clear()
        self.add_button.setEnabled(record_id is not None and not self.showing_removed)
        self.removed_box.setEnabled(record_id is not None)
        if record_id is None:
            self.title.setText("附件")
            self.hint.show()
            return
        found = attachments.attachments_of(self.table, record_id, removed=self.showing_removed)
        shown = "已删除的附件" if self.showing_removed else "附件"
        self.title.setText(f"{shown}（{len(found)}）")
        self.hint.setVisible(not found)
        self.hint.setText("没有已删除的附件。" if self.showing_removed else "还没有附件：点“添加…”或把文件拖到这里。")
        for a in found:
            item = QListWidgetItem(self._icon(a), a.caption or a.name)
            item.setData(Qt.UserRole, a.id)
            item.setToolTip(f"{a.name}\n{a.caption}" if a.caption else a.name)
            self.list.addItem(item)

    def _icon(self, a) -> QIcon:
        if a.media != "image":
            return self.style().standardIcon(ICONS[a.media])
        if a.sha256 not in self._thumbs:
            pixmap = QPixmap(str(attachments.file_of(a)))
            if pixmap.isNull():  # missing or damaged: said by the icon, not by a dialog while browsing
                return self.style().standardIcon(QStyle.SP_MessageBoxWarning)
            self._thumbs[a.sha256] = QIcon(pixmap.scaled(THUMB, THUMB, Qt.KeepAspectRatio, Qt.SmoothTransformation))
        return self._thumbs[a.sha256]

    def _toggle_removed(self, checked: bool) -> None:
        self.showing_removed = checked
        self.show_record(self.record_id)

    def selected_ids(self) -> list[int]:
        return [item.data(Qt.UserRole) for item in self.list.selectedItems()]

    # -- adding ----------------------------------------------------------------------------------

    def choose_files(self) -> None:
        chosen = open_files(self, "添加附件", "attachments", FILTER)
        if chosen:
            self.add_files([Path(p) for p in chosen])

    def add_files(self, paths: list[Path]) -> bool:
        """Ask for the caption, add, and say what was refused; True when something was added."""
        if self.record_id is None or not paths:
            return False
        dialog = AddAttachmentsDialog([p.name for p in paths], self)
        if not dialog.exec():
            return False
        try:
            result = attachments.add(self.table, self.record_id, paths, dialog.caption.text(),
                                     dialog.keep_original.isChecked())
        except (ValidationError, NotFoundError, DatabaseError) as exc:
            QMessageBox.warning(self, "添加附件", str(exc))
            return False
        if result.already or result.refused:
            QMessageBox.information(self, "添加附件", result.message())
        self.show_record(self.record_id)
        if result.added:
            self.changed.emit()
        return bool(result.added)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.record_id is not None and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        self.add_files(paths)

    # -- acting on one ---------------------------------------------------------------------------

    def open_item(self, item: QListWidgetItem) -> bool:
        """Open with the system's viewer: a copy under the file's own name (the store names it by its hash)."""
        try:
            found = attachments.get(item.data(Qt.UserRole))
        except NotFoundError:
            return False
        source = attachments.file_of(found)
        if not source.is_file():
            QMessageBox.warning(self, "打开附件", "找不到这个附件的文件（可能被移走或删除了）。可从备份中恢复。")
            return False
        folder = print_folder() / f"附件-{found.id}"
        folder.mkdir(exist_ok=True)
        copy = folder / found.name
        shutil.copyfile(source, copy)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))

    def _menu(self, pos) -> None:
        items = self.list.selectedItems()
        if not items:
            return
        menu = QMenu(self)
        if self.showing_removed:
            menu.addAction("恢复", self.restore_selected)
        else:
            menu.addAction("打开", lambda: self.open_item(items[0]))
            menu.addAction("修改说明…", lambda: self.edit_caption(items[0]))
            menu.addAction("删除", self.remove_selected)
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def edit_caption(self, item: QListWidgetItem) -> None:
        try:
            found = attachments.get(item.data(Qt.UserRole))
        except NotFoundError:
            return
        text, ok = QInputDialog.getText(self, "修改说明", "说明：", text=found.caption)
        if ok:
            self._act(lambda: attachments.set_caption(found.id, text))

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._act(lambda: [attachments.remove(i) for i in ids])

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._act(lambda: [attachments.restore(i) for i in ids])

    def _act(self, write) -> None:
        try:
            write()
        except (ValidationError, NotFoundError, DatabaseError) as exc:
            QMessageBox.warning(self, "附件", str(exc))
        self.show_record(self.record_id)
        self.changed.emit()
