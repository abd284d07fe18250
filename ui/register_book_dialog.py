"""会议记录本: which year, which meeting types, and for the 党小组会 which 党小组, before it is built."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from dangjian_desktop.queries.compliance import year_groups
from dangjian_desktop.store.models import MEETING_KINDS

ALL_GROUPS = "全部党小组"


@dataclass(frozen=True)
class BookChoice:
    year: int
    kinds: tuple[str, ...]  # empty: every kind
    party_group: str  # empty: every group


class RegisterBookDialog(QDialog):
    def __init__(self, year: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("会议记录本")
        today = dt.date.today().year
        self.year = QSpinBox(self)
        self.year.setRange(2000, today + 1)
        self.year.setValue(year or today)
        self.year.setSuffix(" 年")
        self.kinds = {kind: QCheckBox(kind, self) for kind in MEETING_KINDS}
        kinds = QGridLayout()
        for number, box in enumerate(self.kinds.values()):
            box.setChecked(True)
            box.toggled.connect(self._update)
            kinds.addWidget(box, number // 4, number % 4)
        self.group = QComboBox(self)
        self.note = QLabel(self)
        self.note.setObjectName("problem")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText("打印预览")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("年度：", self.year)
        form.addRow("会议类型：", kinds)
        form.addRow("党小组会：", self.group)
        form.addRow(self.note)
        form.addRow(self.buttons)
        self.year.valueChanged.connect(self._fill_groups)
        self._fill_groups()

    def _fill_groups(self, _year: int = 0) -> None:
        chosen = self.group.currentText()
        self.group.clear()
        self.group.addItems([ALL_GROUPS, *year_groups(self.year.value())])
        self.group.setCurrentIndex(max(0, self.group.findText(chosen)))
        self._update()

    def _update(self, _checked: bool = False) -> None:
        self.group.setEnabled(self.kinds["党小组会"].isChecked() and self.group.count() > 1)
        none = not any(box.isChecked() for box in self.kinds.values())
        self.note.setText("请至少选一种会议类型。" if none else "")
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(not none)

    def choice(self) -> BookChoice:
        kinds = tuple(kind for kind, box in self.kinds.items() if box.isChecked())
        group = self.group.currentText() if self.group.isEnabled() and self.group.currentIndex() > 0 else ""
        return BookChoice(self.year.value(), () if len(kinds) == len(self.kinds) else kinds, group)


def ask_register_book(parent: QWidget, year: int | None) -> BookChoice | None:
    dialog = RegisterBookDialog(year, parent)
    return dialog.choice() if dialog.exec() == QDialog.Accepted else None
