"""A small form built from a list of fields, whose values go to one core function: the server's dialogs (sign in,
set up, an organisation, a user, a password). What the core refuses is shown beside its field, or above the
buttons; the dialog stays open with what was typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.validation import NotFoundError, ReferencedError, ValidationError
from dangjian_desktop.store.connection import DatabaseError


class Refused(Exception):
    """What a form's action says when it does not go ahead (its message is shown above the buttons)."""


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    kind: str = "text"  # text, password, choice, multiline
    options: tuple[tuple[Any, str], ...] = ()  # (value, label) for a choice
    placeholder: str = ""
    value: Any = None


class FormDialog(QDialog):
    def __init__(self, title: str, fields: list[FormField], submit: Callable[[dict[str, Any]], Any],
                 note: str = "", parent: QWidget | None = None, ok_text: str = "确定"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit = submit
        self.result_value: Any = None
        self.inputs: dict[str, QWidget] = {}
        self.messages: dict[str, QLabel] = {}
        form = QFormLayout()
        for f in fields:
            widget = self._input(f)
            self.inputs[f.name] = widget
            message = QLabel(self)
            message.setObjectName("problem")
            message.setWordWrap(True)
            message.hide()
            self.messages[f.name] = message
            column = QVBoxLayout()
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(widget)
            column.addWidget(message)
            holder = QWidget(self)
            holder.setLayout(column)
            form.addRow(f"{f.label}：", holder)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(ok_text)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        if note:
            label = QLabel(note, self)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def _input(self, f: FormField) -> QWidget:
        if f.kind == "choice":
            box = QComboBox(self)
            for value, label in f.options:
                box.addItem(label, value)
            if f.value is not None:
                box.setCurrentIndex(max(0, box.findData(f.value)))
            return box
        if f.kind == "multiline":
            edit = QPlainTextEdit(self)
            edit.setPlainText(f.value or "")
            edit.setFixedHeight(90)
            return edit
        line = QLineEdit(self)
        line.setPlaceholderText(f.placeholder)
        line.setText("" if f.value is None else str(f.value))
        if f.kind == "password":
            line.setEchoMode(QLineEdit.Password)
        return line

    def values(self) -> dict[str, Any]:
        result = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QComboBox):
                result[name] = widget.currentData()
            elif isinstance(widget, QPlainTextEdit):
                result[name] = widget.toPlainText()
            else:
                result[name] = widget.text()
        return result

    def set_value(self, name: str, value: Any) -> None:
        widget = self.inputs[name]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        else:
            widget.setText(value)

    def save(self) -> bool:
        for message in self.messages.values():
            message.hide()
        self.problem.hide()
        try:
            self.result_value = self.submit(self.values())
        except ValidationError as exc:
            general = []
            for p in exc.problems:
                if p.field in self.messages and p.is_error:
                    self.messages[p.field].setText(p.message)
                    self.messages[p.field].show()
                elif p.is_error:
                    general.append(p.message)
            self._say("\n".join(general) or "请按红字修改后再确定。")
            return False
        except (Refused, DatabaseError, NotFoundError, ReferencedError) as exc:
            self._say(str(exc))
            return False
        self.accept()
        return True

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()


def ask(parent: QWidget | None, title: str, fields: list[FormField], submit: Callable[[dict[str, Any]], Any],
        note: str = "", ok_text: str = "确定") -> Any:
    """What `submit` returned once it went ahead, or None when the user cancelled."""
    dialog = FormDialog(title, fields, submit, note, parent, ok_text)
    return dialog.result_value if dialog.exec() else None
