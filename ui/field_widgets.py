"""One editor widget per field kind (text, date, choice, member picker, …), all with the same small interface.

Every editor has `value()`, `set_value(v)`, `problem()` (a Chinese message when the typed text cannot even
be read, such as a date that is not a date), `show_problem(message)` / `clear_problem()`, and a `changed`
signal. The record dialog builds its form from `fields.py` declarations with `make_editor`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from dangjian_desktop.common.dates import DateParseError, format_date, parse_date
from dangjian_desktop.common.money import yuan
from dangjian_desktop.domain.fields import Field, FieldKind

from .icons import icon

MAX_SHOWN_PROBLEMS = 4


def _compact(combo: QComboBox) -> QComboBox:
    """A combo box whose width does not grow with its longest item (meeting titles can be long)."""
    combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


def set_error_state(widget: QWidget, error: bool) -> None:
    """Give the widget the red border of app.qss (`[error="true"]`)."""
    widget.setProperty("error", error)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class Editor(QWidget):
    """An input with a message line under it for the problems the core reports."""

    changed = Signal()  # every edit
    committed = Signal()  # the user finished editing (left the field, picked an item)

    def __init__(self, field: Field, input_widget: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.input = input_widget
        self._problems: list[str] = []
        self.message = QLabel(self)
        self.message.setObjectName("problem")
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self._decorated())
        layout.addWidget(self.message)
        if field.hint:
            input_widget.setToolTip(field.hint)
        self.setFocusProxy(input_widget)
        self.changed.connect(self._corrected)

    def _decorated(self) -> QWidget:
        return self.input

    def value(self) -> Any:
        raise NotImplementedError

    def state(self) -> Any:
        """What is typed, for telling unsaved changes (the value, or the raw text where it may not parse)."""
        return self.value()

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def problem(self) -> str | None:
        return None

    def show_problem(self, message: str) -> None:
        """Add a problem under the input; a long list (attendance) shows its first few and a count."""
        self._problems.append(message)
        lines = self._problems[:MAX_SHOWN_PROBLEMS]
        hidden = len(self._problems) - len(lines)
        if hidden:
            lines.append(f"……还有 {hidden} 处（鼠标停在这里可看全部）。")
        self.message.setText("\n".join(lines))
        self.message.setToolTip("\n".join(self._problems) if hidden else "")
        self.message.show()
        set_error_state(self.input, True)

    def clear_problem(self) -> None:
        self._problems = []
        self.message.clear()
        self.message.hide()
        set_error_state(self.input, False)

    def _corrected(self) -> None:
        """The user edits a field marked wrong: its message goes, but its line stays (blank) until the next
        save, so that the fields below do not move under the mouse while he types."""
        if self._problems:
            self._problems = []
            self.message.setText(" ")
            self.message.setToolTip("")
            set_error_state(self.input, False)


class TextEditor(Editor):
    """Single-line text; also phone numbers."""

    def __init__(self, field: Field, parent: QWidget | None = None):
        super().__init__(field, QLineEdit(), parent)
        self.input.setPlaceholderText(field.hint)
        self.input.textChanged.connect(self.changed)
        self.input.editingFinished.connect(self.committed)

    def value(self) -> str:
        return self.input.text().strip()

    def set_value(self, value: Any) -> None:
        self.input.setText("" if value is None else str(value))


class MultilineEditor(Editor):
    def __init__(self, field: Field, parent: QWidget | None = None):
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(field.hint)
        if field.max_length > 5000:  # minutes: room for several speakers
            edit.setMinimumHeight(240)
        else:
            edit.setFixedHeight(80 if field.max_length <= 2000 else 110)
        super().__init__(field, edit, parent)
        edit.textChanged.connect(self.changed)

    def value(self) -> str:
        return self.input.toPlainText().strip()

    def set_value(self, value: Any) -> None:
        self.input.setPlainText("" if value is None else str(value))


class ChoiceEditor(Editor):
    """A fixed list; the empty first item means "not chosen" (the core says when that is not allowed)."""

    def __init__(self, field: Field, parent: QWidget | None = None):
        super().__init__(field, _compact(QComboBox()), parent)
        self.input.addItems(["", *field.choices])
        self.input.currentIndexChanged.connect(self.changed)
        self.input.currentIndexChanged.connect(self.committed)

    def value(self) -> str:
        return self.input.currentText()

    def set_value(self, value: Any) -> None:
        value = value or ""
        if self.input.findText(value) < 0:
            self.input.addItem(value)
        self.input.setCurrentIndex(self.input.findText(value))


class SuggestEditor(Editor):
    """Free text with suggestions (民族, 学历, 党小组)."""

    def __init__(self, field: Field, suggestions: Sequence[str] = (), parent: QWidget | None = None):
        super().__init__(field, _compact(QComboBox()), parent)
        self.input.setEditable(True)
        self.input.setInsertPolicy(QComboBox.NoInsert)
        self.input.addItems(["", *dict.fromkeys([*field.choices, *suggestions])])
        self.input.lineEdit().setPlaceholderText(field.hint)
        self.input.currentTextChanged.connect(self.changed)
        self.input.lineEdit().editingFinished.connect(self.committed)
        self.input.activated.connect(self.committed)

    def value(self) -> str:
        return self.input.currentText().strip()

    def set_value(self, value: Any) -> None:
        self.input.setCurrentText(value or "")


class DateEditor(Editor):
    """A date typed the usual ways (2021-07-01, 2021年7月1日, 20210701) or picked; empty means no date."""

    def __init__(self, field: Field, parent: QWidget | None = None):
        self._line = QLineEdit()
        self._line.setPlaceholderText("如 2021-07-01" + ("，或只写年月 2021.07" if field.partial else ""))
        self._button = QToolButton()
        self._button.setIcon(icon("calendar"))
        self._button.setAutoRaise(True)
        self._button.setToolTip("从日历中选择")
        self._button.setPopupMode(QToolButton.InstantPopup)
        self._calendar = QCalendarWidget()
        self._calendar.setGridVisible(True)
        menu = QMenu(self._button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self._calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare_calendar)
        self._button.setMenu(menu)
        self._calendar.clicked.connect(self._pick)
        super().__init__(field, self._line, parent)
        self._line.textChanged.connect(self.changed)
        self._line.editingFinished.connect(self._tidy)
        self._line.editingFinished.connect(self.committed)

    def _decorated(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self._line.setMaximumWidth(180)
        row.addWidget(self._line)
        row.addWidget(self._button)
        row.addStretch(1)
        return box

    def _parsed(self) -> dt.date | None:
        """What is typed, as the field takes it (a month alone, 1966.02, where the field allows it)."""
        return parse_date(self._line.text(), partial=self.field.partial)

    def _prepare_calendar(self) -> None:
        try:
            day = self._parsed() or dt.date.today()
        except DateParseError:
            day = dt.date.today()
        self._calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _pick(self, qdate: QDate) -> None:
        self.set_value(dt.date(qdate.year(), qdate.month(), qdate.day()))
        self._button.menu().hide()
        self.committed.emit()

    def _tidy(self) -> None:
        """Show a readable date in the standard form once the user leaves the field."""
        try:
            day = self._parsed()
        except DateParseError:
            return
        if day is not None:
            self._line.setText(format_date(day))

    def state(self) -> str:
        return self.input.text().strip()

    def value(self) -> dt.date | None:
        try:
            return self._parsed()
        except DateParseError:
            return None

    def problem(self) -> str | None:
        try:
            self._parsed()
        except DateParseError as exc:
            return f"{self.field.label}：{exc}"
        return None

    def set_value(self, value: Any) -> None:
        self._line.setText(format_date(value) if isinstance(value, dt.date) else (value or ""))


class TimeEditor(Editor):
    """HH:MM as typed; the core tidies 14：30 and 9:05 (`validation.normalise_time`)."""

    def __init__(self, field: Field, parent: QWidget | None = None):
        super().__init__(field, QLineEdit(), parent)
        self.input.setPlaceholderText("如 14:30")
        self.input.setMaximumWidth(100)
        self.input.textChanged.connect(self.changed)
        self.input.editingFinished.connect(self.committed)

    def value(self) -> str:
        return self.input.text()

    def set_value(self, value: Any) -> None:
        self.input.setText(value or "")


class IntEditor(Editor):
    """Digits only; empty means "not given"."""

    def __init__(self, field: Field, parent: QWidget | None = None):
        super().__init__(field, QLineEdit(), parent)
        digits = len(str(field.maximum))
        self.input.setValidator(QRegularExpressionValidator(rf"\d{{0,{digits}}}"))
        self.input.setPlaceholderText(field.hint)
        self.input.setMaximumWidth(260 if field.hint else 100)
        self.input.textChanged.connect(self.changed)
        self.input.editingFinished.connect(self.committed)

    def value(self) -> str | None:
        return self.input.text().strip() or None

    def set_value(self, value: Any) -> None:
        self.input.setText("" if value is None else str(value))


class MoneyEditor(Editor):
    """An amount in 元 to the 分 (35.60; the field's label names the unit); empty means "not given"."""

    def __init__(self, field: Field, parent: QWidget | None = None):
        super().__init__(field, QLineEdit(), parent)
        self.input.setValidator(QRegularExpressionValidator(r"\d{0,9}(\.\d{0,2})?"))
        self.input.setPlaceholderText(field.hint or "如 35.60")
        self.input.setMaximumWidth(260 if field.hint else 140)
        self.input.textChanged.connect(self.changed)
        self.input.editingFinished.connect(self.committed)

    def value(self) -> str | None:
        return self.input.text().strip() or None

    def set_value(self, value: Any) -> None:
        self.input.setText(yuan(value) if isinstance(value, int) else str(value or ""))


class ReferenceEditor(Editor):
    """A picker of another record (member, partner, category, meeting) by id; first item is "none"."""

    def __init__(self, field: Field, options: Sequence[tuple[int, str]], parent: QWidget | None = None):
        super().__init__(field, _compact(QComboBox()), parent)
        self.input.addItem("", None)
        for record_id, label in options:
            self.input.addItem(label, record_id)
        self.input.setMaxVisibleItems(20)
        self.input.currentIndexChanged.connect(self.changed)
        self.input.currentIndexChanged.connect(self.committed)

    def value(self) -> int | None:
        return self.input.currentData()

    def set_value(self, value: Any) -> None:
        index = self.input.findData(value) if value is not None else 0
        if index < 0:
            self.input.addItem(f"（编号 {value}）", value)
            index = self.input.count() - 1
        self.input.setCurrentIndex(index)


# The editor of each kind of field: one entry per FieldKind (tests/test_field_kinds.py checks the set).
# Each takes the field, the records a picker offers (`options(table)`) and the words a field suggests.
EDITORS: dict[FieldKind, Callable[[Field, Callable[[str], Sequence[tuple[int, str]]],
                                   Callable[[str], Sequence[str]]], Editor]] = {
    FieldKind.TEXT: lambda f, _options, _suggestions: TextEditor(f),
    FieldKind.PHONE: lambda f, _options, _suggestions: TextEditor(f),
    FieldKind.MULTILINE: lambda f, _options, _suggestions: MultilineEditor(f),
    FieldKind.CHOICE: lambda f, _options, _suggestions: ChoiceEditor(f),
    FieldKind.DATE: lambda f, _options, _suggestions: DateEditor(f),
    FieldKind.TIME: lambda f, _options, _suggestions: TimeEditor(f),
    FieldKind.INT: lambda f, _options, _suggestions: IntEditor(f),
    FieldKind.MONEY: lambda f, _options, _suggestions: MoneyEditor(f),
    FieldKind.SUGGEST: lambda f, _options, suggestions: SuggestEditor(f, suggestions(f.name)),
    FieldKind.REFERENCE: lambda f, options, _suggestions: ReferenceEditor(f, options(f.references)),
}


def make_editor(field: Field, options: Callable[[str], Sequence[tuple[int, str]]],
                suggestions: Callable[[str], Sequence[str]]) -> Editor:
    """The editor for a declared field; `options(table)` lists records for pickers, `suggestions(name)` words."""
    return EDITORS[field.kind](field, options, suggestions)
