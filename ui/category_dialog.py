"""The editable list of activity categories (示范课 counted in 节, 专题讲座 in 次, …)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.validation import NotFoundError, ReferencedError, ValidationError
from dangjian_desktop.queries.listing import category_choices
from dangjian_desktop.services import category
from dangjian_desktop.store.models import ACTIVITY_UNITS

from .screen import keep_geometry


class CategoryDialog(QDialog):
    """Pick a category to rename it or change its unit, add a new one, or delete an unused one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("活动类别")
        self.changed = False
        self.list = QListWidget()
        self.list.currentItemChanged.connect(self._show_current)
        self.name = QLineEdit()
        self.name.setPlaceholderText("如 示范课")
        self.unit = QComboBox()
        self.unit.addItems(ACTIVITY_UNITS)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        form.addRow("类别名称：", self.name)
        form.addRow("计量单位：", self.unit)
        add, rename, delete = QPushButton("新增"), QPushButton("保存修改"), QPushButton("删除")
        add.clicked.connect(self.add)
        rename.clicked.connect(self.rename)
        delete.clicked.connect(self.delete)
        actions = QHBoxLayout()
        for button in (add, rename, delete):
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.rejected.connect(self.reject)
        note = QLabel("数量按类别的单位统计（如示范课按“节”，讲座按“次”）。已有活动的类别不能删除，可以改名。")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(self.problem)
        layout.addWidget(close)
        keep_geometry(self, "categories", 420, 480)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.list.clear()
        for category_id, name, unit in category_choices():
            item = QListWidgetItem(f"{name}（{unit}）")
            item.setData(Qt.UserRole, (category_id, name, unit))
            self.list.addItem(item)
            if category_id == select_id:
                self.list.setCurrentItem(item)

    def _show_current(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            _id, name, unit = item.data(Qt.UserRole)
            self.name.setText(name)
            self.unit.setCurrentText(unit)

    def _current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole)[0] if item else None

    def _run(self, action) -> None:
        self.problem.hide()
        try:
            selected = action()
        except (ValidationError, ReferencedError, NotFoundError) as exc:
            problems = exc.problems if isinstance(exc, ValidationError) else None
            self.problem.setText("\n".join(p.message for p in problems) if problems else str(exc))
            self.problem.show()
            return
        self.changed = True
        self.reload(selected)

    def add(self) -> None:
        self._run(lambda: category.add_category(self.name.text(), self.unit.currentText()).id)

    def rename(self) -> None:
        category_id = self._current_id()
        if category_id is not None:
            self._run(lambda: category.rename_category(category_id, self.name.text(),
                                                         self.unit.currentText()).id)

    def delete(self) -> None:
        category_id = self._current_id()
        if category_id is None:
            return
        answer = QMessageBox.question(self, "删除活动类别", f"确定删除活动类别“{self.name.text()}”吗？")
        if answer == QMessageBox.Yes:
            self._run(lambda: category.delete_category(category_id))
