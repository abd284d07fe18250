"""延长预备期: the 支部大会's decision to extend a probation once by 6 to 12 months, showing the new end."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from dangjian_desktop.domain.rules.membership import probation_end_after

CHOICES = [(0, "不延长")] + [(months, f"{months}个月") for months in range(6, 13)]


class ProbationExtensionDialog(QDialog):
    """Asks how many months the probation of `name`, voted in on `probation_on`, is extended."""

    def __init__(self, name: str, probation_on: dt.date, months: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("延长预备期")
        self.probation_on = probation_on
        self.months = QComboBox(self)
        for value, text in CHOICES:
            self.months.addItem(text, value)
        self.months.setCurrentIndex(max(0, self.months.findData(months)))
        self.end = QLabel(self)
        self.months.currentIndexChanged.connect(self._show_end)
        form = QFormLayout(self)
        form.addRow("人员：", QLabel(name))
        form.addRow("接收预备党员：", QLabel(probation_on.isoformat()))
        rule = QLabel("预备期为一年。预备期满时，经支部大会讨论可延长一次，时间为6至12个月；"
                      "请在支部大会作出决定后记录。选“不延长”可撤销误记的延长。")
        rule.setWordWrap(True)
        form.addRow("依据：", rule)
        form.addRow("延长：", self.months)
        form.addRow("预备期满：", self.end)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._show_end()

    def value(self) -> int:
        return self.months.currentData()

    def _show_end(self) -> None:
        self.end.setText(probation_end_after(self.probation_on, self.value()).isoformat())
