"""登记交纳: the months ticked in the dues grid, paid on one day with one receipt (a quarter, 补交, in advance,
several members handing in together); what is wrong is said under its field, nothing written until all is right."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.store.connection import DatabaseError

from .field_widgets import Editor, make_editor

FIELDS = ("paid_on", "payer", "receipt", "note")


class PayDialog(QDialog):
    """`lines` say who pays which months and how much (shown); `save(values)` writes and returns the result, or
    raises ValidationError, whose problems are shown and the dialog stays open."""

    def __init__(self, title: str, lines: list[str], save: Callable[[dict[str, Any]], Any],
                 parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._save = save
        self.result_value: Any = None
        kind = kinds.kind("dues_payment")
        self.editors: dict[str, Editor] = {
            name: make_editor(kind.field(name), lambda _table: [], lambda _name: []) for name in FIELDS}
        self.editors["paid_on"].set_value(today or dt.date.today())
        form = QFormLayout(self)
        self.what = QLabel("\n".join(lines), self)
        self.what.setWordWrap(True)
        form.addRow("交纳：", self.what)
        for name, editor in self.editors.items():
            form.addRow(f"{kind.field(name).label}：", editor)
        self.problems = QLabel(self)
        self.problems.setObjectName("problem")
        self.problems.setWordWrap(True)
        self.problems.hide()
        form.addRow(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText("登记")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self.accept_values)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def set_values(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            self.editors[name].set_value(value)

    def accept_values(self) -> bool:
        """Write; on refusal show each problem under its field (the others above the buttons) and stay open."""
        for editor in self.editors.values():
            editor.clear_problem()
        self.problems.hide()
        typed = [(name, p) for name, e in self.editors.items() if (p := e.problem())]
        for name, problem in typed:
            self.editors[name].show_problem(problem)
        if typed:
            return False
        try:
            self.result_value = self._save({name: e.value() for name, e in self.editors.items()})
        except ValidationError as exc:
            other = []
            for problem in exc.problems:
                if problem.field in self.editors:
                    self.editors[problem.field].show_problem(problem.message)
                else:
                    other.append(problem.message)
            self.problems.setText("\n".join(other))
            self.problems.setVisible(bool(other))
            return False
        except DatabaseError as exc:  # a full disk, a read-only file: nothing written, what was typed stays
            self.problems.setText(f"没有保存：{exc}")
            self.problems.show()
            return False
        self.accept()
        return True
