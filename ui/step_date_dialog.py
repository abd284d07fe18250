"""The date of one development step, asked with the rule and the window the rules allow."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from dangjian_desktop.domain.fields import Field
from dangjian_desktop.domain.rules import development as rules

from .field_widgets import DateEditor

TONE_COLOURS = {"late": "#8a4b00", "early": "#b3261e", "in": "#1e6b34"}


class StepDateDialog(QDialog):
    """Asks the date of one step, showing the rule and the window the rules allow."""

    def __init__(self, state: rules.StepState, name: str, default: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"记录{state.label}")
        self.state = state
        self.date = DateEditor(Field("done_on", "日期", "date"))
        # The earliest day the rules allow, when it has come: the step is rarely recorded before it is due.
        self.date.set_value(state.earliest if state.earliest and state.earliest <= default else default)
        self.window_note = QLabel(self)
        self.window_note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("人员：", QLabel(name))
        form.addRow("步骤：", QLabel(state.label))
        window = state.window()
        if state.step.rule or window:
            rule = QLabel("；".join(filter(None, (state.step.rule, window))))
            rule.setWordWrap(True)
            form.addRow("依据：", rule)
        form.addRow("日期：", self.date)
        form.addRow("", self.window_note)
        self.date.changed.connect(self._show_window)
        self._show_window()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _show_window(self) -> None:
        """Before saving: whether the date typed lies in the window the rules allow."""
        tone, text = self.state.placement(None if self.date.problem() else self.date.value())
        self.window_note.setText(text)
        self.window_note.setStyleSheet(f"color: {TONE_COLOURS[tone]};" if tone else "")

    def _accept(self) -> None:
        self.date.clear_problem()
        problem = self.date.problem() or (None if self.date.value() else "请填写日期。")
        if problem:
            self.date.show_problem(problem)
            return
        self.accept()

    def value(self) -> dt.date | None:
        return self.date.value()
