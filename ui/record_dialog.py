"""One dialog for adding and editing any kind of record, built from the field declarations in fields.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.validation import ConflictError, NotFoundError, Problem, ValidationError
from dangjian_desktop.queries import listing
from dangjian_desktop.services.base import RecordService
from dangjian_desktop.services.member import party_groups
from dangjian_desktop.store.connection import DatabaseError

from .conflict_dialog import KEEP_MINE, TAKE_THEIRS, ask_about_conflict
from .discard import AsksBeforeDiscarding
from .field_widgets import Editor, make_editor
from .history_dialog import show_history
from .icons import icon
from .screen import keep_geometry


@dataclass(frozen=True)
class FormSpec:
    """How one kind of record is edited: its service, its pages of fields and the values a new record gets."""

    service: RecordService
    pages: tuple[tuple[str, tuple[str, ...]], ...]
    defaults: Callable[[], dict[str, Any]] = field(default=dict)

    @property
    def table(self) -> str:
        return self.service.table

    @property
    def label(self) -> str:
        return self.service.kind.label


def _member_options() -> list[tuple[int, str]]:
    return [(i, name if active else f"{name}（已离开）") for i, name, active in listing.member_choices()]


# Pickers that show more than the records' names (by the referred kind's table); others list the names.
REFERENCE_OPTIONS: dict[str, Callable[[], list[tuple[int, str]]]] = {
    "member": _member_options,
    "activity_category": lambda: [(i, f"{name}（{unit}）") for i, name, unit in listing.category_choices()],
    "meeting": listing.meeting_choices,
}
SUGGESTIONS: dict[str, Callable[[], list[str]]] = {"party_group": party_groups}


class RecordDialog(AsksBeforeDiscarding, QDialog):
    """Add (record_id None) or edit a record. `save()` writes through the service; on problems every
    field concerned is marked and the dialog stays open with what was typed."""

    def __init__(self, spec: FormSpec, record_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.record_id = record_id
        self.saved_id: int | None = None
        self.seen_version: int | None = None  # the record's save count when the form was loaded
        self.warnings: list[Problem] = []
        self.setWindowTitle(f"{'修改' if record_id else '新增'}{spec.label}")
        self.editors: dict[str, Editor] = self._make_editors()
        self._page_of: dict[str, int] = {}
        self._build()
        self._load()
        for name in self.spec.service.fills_in_from:  # after loading: opening a record fills nothing in
            self.editors[name].changed.connect(lambda name=name: self._fill_in(name))
        keep_geometry(self, f"dialog-{self.spec.table}", 680, 620 if len(self.spec.pages) > 1 else 560)

    # -- building ---------------------------------------------------------------------------------

    def _make_editors(self) -> dict[str, Editor]:
        options_cache: dict[str, list[tuple[int, str]]] = {}

        def options(kind: str) -> list[tuple[int, str]]:
            if kind not in options_cache:
                special = REFERENCE_OPTIONS.get(kind)
                options_cache[kind] = special() if special else listing.choices(kinds.kind(kind))
            return options_cache[kind]

        def suggestions(name: str) -> list[str]:
            return SUGGESTIONS[name]() if name in SUGGESTIONS else []

        editors = {f.name: make_editor(f, options, suggestions) for f in self.spec.service.fields}
        editors.update(self.extra_editors())
        return editors

    def extra_editors(self) -> dict[str, Editor]:
        """Editors for values that are not plain fields (a meeting's attendance); none by default."""
        return {}

    def _build(self) -> None:
        self.general_problems = QLabel(self)
        self.general_problems.setObjectName("problem")
        self.general_problems.setWordWrap(True)
        self.general_problems.hide()
        self.pages = QTabWidget(self)
        self.pages.setDocumentMode(True)
        for number, (title, names) in enumerate(self.spec.pages):
            self.pages.addTab(self._page(names), title)
            self._page_of.update(dict.fromkeys(names, number))
        if self.pages.count() == 1:
            self.pages.tabBar().hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        save = buttons.button(QDialogButtonBox.Save)
        save.setToolTip("保存（Ctrl+S）")
        QShortcut(QKeySequence.Save, self, self.save)
        if self.record_id is not None:
            history = buttons.addButton("修改记录…", QDialogButtonBox.HelpRole)
            history.setIcon(icon("history"))
            history.clicked.connect(self.show_history)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.general_problems)
        layout.addWidget(buttons)

    def _page(self, names: tuple[str, ...]) -> QWidget:
        field_by_name = {f.name: f for f in self.spec.service.fields}
        if len(names) == 1 and names[0] not in field_by_name:  # an extra editor fills its page
            page = QWidget()
            QVBoxLayout(page).addWidget(self.editors[names[0]])
            return page
        body = QWidget()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignTop)
        form.setVerticalSpacing(8)
        for name in names:
            declared = field_by_name[name]
            label = QLabel(f"{declared.label}{' *' if declared.required else ''}：")
            label.setBuddy(self.editors[name].input)
            form.addRow(label, self.editors[name])
        column = QVBoxLayout(body)
        column.addLayout(form)
        column.addStretch(1)  # spare height goes below the form, not between its rows
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setWidget(body)
        return scroll

    def _load(self) -> None:
        if self.record_id is None:
            values = self.spec.defaults()
        else:
            record = self.spec.service.get(self.record_id)
            values = self.spec.service.form_values(record)
            self.seen_version = self.spec.service.version_of(record)
        for name, value in values.items():
            if name in self.editors:
                self.editors[name].set_value(value)
        self.mark_unchanged()

    def preset(self, values: dict[str, Any]) -> None:
        """Start a new record with `values` filled in; they count as the form's start, not as typed changes."""
        for name, value in values.items():
            if name in self.editors:
                self.editors[name].set_value(value)
        self.mark_unchanged()

    def _fill_in(self, changed: str) -> None:
        """Fill the empty fields the core can tell from the one just changed (出生日期, 性别 from the ID)."""
        if self.editors[changed].problem():
            return
        for name, value in self.spec.service.filled_in(changed, self.values()).items():
            if name in self.editors:
                self.editors[name].set_value(value)

    def state(self) -> dict[str, Any]:
        """What is typed, as typed (a half-written date too), to tell unsaved changes."""
        return {name: editor.state() for name, editor in self.editors.items()}

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Enter never saves the dialog (QDialogButtonBox makes 保存 the default button when shown): it finishes
        the cell or the line it was typed in; saving takes 保存 or Ctrl+S."""
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    # -- saving -----------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {name: editor.value() for name, editor in self.editors.items()}

    def would_save(self) -> bool:
        """Whether `save()` would be accepted as far as the fields go (nothing unreadable, no rule broken)."""
        if any(editor.problem() for editor in self.editors.values()):
            return False
        return not any(p.is_error for p in self.spec.service.validate(self.values(), self.record_id))

    def set_read_only(self) -> None:
        """The form of a database that may only be read: to be read, not saved."""
        self.read_only = True
        self.buttons.button(QDialogButtonBox.Save).setEnabled(False)
        self.buttons.button(QDialogButtonBox.Cancel).setText("关闭")
        self.setWindowTitle(f"查看{self.spec.label}（只读）")

    read_only = False

    def save(self) -> bool:
        """Write the record; True when saved (the dialog is then accepted)."""
        if self.read_only:
            return False
        self.clear_problems()
        data = self.values()
        unreadable = [Problem(name, message) for name, e in self.editors.items() if (message := e.problem())]
        service = self.spec.service
        try:
            if unreadable:
                named = {p.field for p in unreadable}
                others = [p for p in service.validate(data, self.record_id) if p.is_error and p.field not in named]
                raise ValidationError(unreadable + others)
            if self.record_id is None:
                result = service.create(data)
            else:
                result = service.update(self.record_id, data, self.seen_version)
        except ConflictError as exc:
            return self._settle(exc)
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return False
        except NotFoundError as exc:
            QMessageBox.warning(self, "记录已不存在", str(exc))
            self.reject()
            return False
        except DatabaseError as exc:  # a read-only file, a full disk: what was typed stays in the dialog
            QMessageBox.warning(self, "没有保存", str(exc))
            return False
        self.saved_id, self.warnings = result.record.id, result.warnings
        if self.warnings:
            QMessageBox.warning(self, "已保存，请注意", "记录已保存。请注意：\n" +
                                "\n".join(p.message for p in self.warnings))
        self.accept()
        return True

    def _settle(self, conflict: ConflictError) -> bool:
        """Another clerk saved the record since it was loaded: keep this form's values over theirs (saved at
        once), or load theirs into the form, or go back to it as it is."""
        choice = ask_about_conflict(self, conflict)
        if choice == KEEP_MINE:
            self.seen_version = conflict.version
            return self.save()
        if choice == TAKE_THEIRS:
            self._load()
        return False

    def show_problems(self, problems: list[Problem]) -> None:
        """Mark each problem beside its field; others go to the line above the buttons."""
        warning = self.style().standardIcon(QStyle.SP_MessageBoxWarning)
        general, first = [], None
        for problem in problems:
            if not problem.is_error:
                continue
            editor = self.editors.get(problem.field)
            if editor is None:
                general.append(problem.message)
                continue
            editor.show_problem(problem.message)
            page = self._page_of.get(problem.field, 0)
            self.pages.setTabIcon(page, warning)
            if first is None:
                first = (page, editor)
        count = sum(1 for p in problems if p.is_error)
        summary = f"有 {count} 处需要修改，已在相应栏目旁用红字标出；没有保存任何内容。"
        self.general_problems.setText("\n".join([summary, *general]))
        self.general_problems.show()
        if first is not None:
            page, editor = first
            self.pages.setCurrentIndex(page)
            scroll = self.pages.widget(page)
            if isinstance(scroll, QScrollArea):  # scroll down to it, never sideways
                top = editor.mapTo(scroll.widget(), QPoint(0, 0)).y()
                bar = scroll.verticalScrollBar()
                if not bar.value() <= top <= bar.value() + scroll.viewport().height() - editor.height():
                    bar.setValue(top - 40)
            editor.setFocus()

    def clear_problems(self) -> None:
        for editor in self.editors.values():
            editor.clear_problem()
        for page in range(self.pages.count()):
            self.pages.setTabIcon(page, QIcon())
        self.general_problems.hide()

    def problem_text(self, name: str) -> str:
        """What is shown beside a field (empty when nothing is wrong)."""
        editor = self.editors[name]
        return editor.message.text() if editor.message.isVisibleTo(self) else ""

    # -- history and geometry ---------------------------------------------------------------------

    def show_history(self) -> None:
        show_history(self, self.spec.table, self.record_id)

