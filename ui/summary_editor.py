"""The year-end summary editor: a box per heading, the figures its placeholders stand for, save, preview, Word."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.queries.figures import placeholder_descriptions, placeholder_values, year_figures
from dangjian_desktop.reports.year_summary import (
    NUMERALS,
    PARTS,
    SECTIONS,
    default_draft,
    default_year,
    fill,
    load_draft,
    save_draft,
    unknown_placeholders,
)

from .file_dialogs import save_file
from .report_runner import preview_report, run_report
from .screen import keep_geometry

TITLE = "年度党建工作总结"


class SummaryEditor(QDialog):
    """Edit one year's draft; switching year or closing asks before dropping changes."""

    def __init__(self, parent: QWidget | None = None, year: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setWindowFlag(Qt.WindowMaximizeButtonHint, True)
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.values: dict[str, str] = {}
        self.modified = False
        self._last_text: QLineEdit | QPlainTextEdit | None = None
        self._refresh = QTimer(self, singleShot=True, interval=300)
        self._refresh.timeout.connect(self._show_filled)
        self.setAttribute(Qt.WA_DeleteOnClose)
        self._build()
        self.year = year or default_year()
        self.year_box.setValue(self.year)
        self.load(self.year)
        QApplication.instance().focusChanged.connect(self._remember_focus)
        keep_geometry(self, "summary", 1280, 860)

    # -- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.year_box = QSpinBox(self)
        self.year_box.setRange(2000, dt.date.today().year + 1)
        self.year_box.setSuffix(" 年")
        self.year_box.valueChanged.connect(self._on_year)
        self.state = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("年度："))
        top.addWidget(self.year_box)
        top.addSpacing(12)
        top.addWidget(self.state, 1)

        form = QWidget(self)
        column = QVBoxLayout(form)
        specs = {s.key: s for s in SECTIONS}
        column.addWidget(self._group("标题与署名", [("title", "标题"), ("author", "署名"), ("date", "成文日期")], specs))
        for number, (key, _heading) in enumerate(PARTS):
            column.addWidget(self._group(f"{NUMERALS[number]}、", [(f"{key}_heading", "标题"), (key, "")], specs))
        column.addWidget(self._group("结束语", [("closing", "")], specs))
        column.addWidget(self._group("落款", [("signature", "署名")], specs, "落款日期与成文日期相同。"))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form)

        self.placeholders = QTableWidget(0, 3, self)
        self.placeholders.setHorizontalHeaderLabels(["占位符", "本年度数值", "说明"])
        self.placeholders.verticalHeader().hide()
        self.placeholders.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.placeholders.setSelectionBehavior(QAbstractItemView.SelectRows)
        header = self.placeholders.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.resizeSection(1, 150)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.placeholders.cellDoubleClicked.connect(self._insert_placeholder)
        self.filled = QTextBrowser(self)
        side = QTabWidget(self)
        side.addTab(self.filled, "填入数字后的全文")
        side.addTab(self.placeholders, "可用的数字（双击插入）")
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color:#b3261e")
        right = QWidget(self)
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(side, 1)
        right_column.addWidget(self.notice)
        right_column.addWidget(self._font_note())

        splitter = QSplitter(Qt.Horizontal, self)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setSizes([700, 520])

        buttons = QHBoxLayout()
        self.default_button = self._button(buttons, "恢复默认稿", self.restore_default)
        buttons.addStretch(1)
        self.save_button = self._button(buttons, "保存", self.save)
        self.preview_button = self._button(buttons, "保存并预览、打印…", self.preview)
        self.word_button = self._button(buttons, "导出 Word…", self.export_word)
        self._button(buttons, "关闭", self.close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def _font_note(self) -> QLabel:
        """Say so when the PDF cannot use the 公文 faces because this computer lacks them."""
        from dangjian_desktop.reports.fonts import substitutes

        instead = substitutes()
        missing = bool(instead)
        note = QLabel(f"本机缺少公文字体，PDF 中以内置的开源字体代替（{instead}）；导出的 Word 文件"
                      "在装有公文字体的电脑上按公文字体显示。" if missing else "", self)
        note.setWordWrap(True)
        note.setStyleSheet("color:#5f6368")
        note.setVisible(missing)
        return note

    def _group(self, title: str, rows: list[tuple[str, str]], specs: dict, note: str = "") -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        for key, label in rows:
            spec = specs[key]
            editor = QPlainTextEdit(box) if spec.multiline else QLineEdit(box)
            if spec.multiline:
                editor.setMinimumHeight(200 if key != "closing" else 90)
                editor.setPlaceholderText("每行一段；以“1.”“（1）”开头的行按公文层次排版。")
                editor.textChanged.connect(self._on_edit)
            else:
                editor.textEdited.connect(self._on_edit)
            editor.setAccessibleName(spec.label)
            self.editors[key] = editor
            if label:
                form.addRow(f"{label}：", editor)
            else:
                form.addRow(editor)
        if note:
            form.addRow(QLabel(note))
        return box

    def _button(self, row: QHBoxLayout, text: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        row.addWidget(button)
        return button

    # -- the draft ----------------------------------------------------------------------------------

    def load(self, year: int) -> None:
        """Show the saved draft of `year`, or the default written from its records."""
        figures = year_figures(year)
        self.values = placeholder_values(figures)
        draft = load_draft(year)
        self._set_sections(draft.sections)
        self.modified = False
        self.state.setText(f"已保存于 {draft.saved_at:%Y-%m-%d %H:%M}" if draft.saved_at
                           else "尚未保存：下面是按本年度记录生成的默认稿，可直接使用或修改。")
        descriptions = placeholder_descriptions(figures)
        self.placeholders.setRowCount(len(descriptions))
        for row, (name, description) in enumerate(descriptions.items()):
            for column, text in enumerate((f"{{{name}}}", self.values.get(name, ""), description)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.placeholders.setItem(row, column, item)
        self._show_filled()

    def sections(self) -> dict[str, str]:
        return {key: e.toPlainText() if isinstance(e, QPlainTextEdit) else e.text() for key, e in self.editors.items()}

    def _set_sections(self, sections: dict[str, str]) -> None:
        for key, editor in self.editors.items():
            editor.blockSignals(True)
            if isinstance(editor, QPlainTextEdit):
                editor.setPlainText(sections.get(key, ""))
            else:
                editor.setText(sections.get(key, ""))
            editor.blockSignals(False)

    def save(self) -> bool:
        try:
            draft = save_draft(self.year, self.sections())
        except ValidationError as exc:
            problems = [p for p in exc.problems if p.is_error]
            QMessageBox.warning(self, TITLE, "没有保存：\n" + "\n".join(p.message for p in problems))
            if problems and problems[0].field in self.editors:
                self.editors[problems[0].field].setFocus()
            return False
        self.modified = False
        self.state.setText(f"已保存于 {draft.saved_at:%Y-%m-%d %H:%M}")
        return True

    def restore_default(self) -> None:
        answer = QMessageBox.question(self, TITLE, f"用按{self.year}年记录生成的默认稿替换现在的文字吗？"
                                      "（保存后才会替换已保存的稿子）")
        if answer == QMessageBox.Yes:
            self._set_sections(default_draft(self.year))
            self._on_edit()

    def preview(self):
        if self.save():
            return preview_report(self, "summary", f"{self.year}年{TITLE}", year=self.year)
        return None

    def export_word(self) -> Path | None:
        if not self.save():
            return None
        name = f"{self.year}年{TITLE}.docx"
        target = save_file(self, "导出 Word", "print", name, "Word 文档 (*.docx)")
        if not target:
            return None
        path = run_report(self, "summary", Path(target), name, year=self.year, fmt="docx")
        if path is not None:
            self.state.setText(f"已导出：{path}")
        return path

    def keep_or_drop_changes(self) -> bool:
        """True when it is fine to leave the current text (saved, or the user chose to drop it)."""
        if not self.modified:
            return True
        answer = QMessageBox.question(self, TITLE, f"{self.year}年的总结有未保存的修改，要保存吗？",
                                      QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    # -- reactions --------------------------------------------------------------------------------

    def _on_year(self, year: int) -> None:
        if year == self.year:
            return
        if not self.keep_or_drop_changes():
            self.year_box.blockSignals(True)
            self.year_box.setValue(self.year)
            self.year_box.blockSignals(False)
            return
        self.year = year
        self.load(year)

    def _on_edit(self, *_args) -> None:
        self.modified = True
        self.state.setText("有未保存的修改")
        self._refresh.start()

    def _show_filled(self) -> None:
        sections = self.sections()
        summary = fill(self.year, sections, self.values)
        parts = [f"<h2 align='center'>{html.escape(summary.title)}</h2>",
                 f"<p align='center'>{html.escape(summary.author)}<br>（{html.escape(summary.date)}）</p>"]
        for block in summary.blocks:
            text = html.escape(block.text)
            parts.append(f"<p><b>{text}</b></p>" if block.level != "body" else f"<p>　　{text}</p>")
        parts.append(f"<p align='right'>{html.escape(summary.signature)}<br>{html.escape(summary.date)}</p>")
        self.filled.setHtml("".join(parts))
        unknown = unknown_placeholders(sections, self.values)
        self.notice.setText("以下占位符没有对应的数字，打印时将原样保留："
                            + "、".join(f"{{{name}}}" for name in unknown) if unknown else "")

    def _remember_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new in self.editors.values():
            self._last_text = new

    def _insert_placeholder(self, row: int, _column: int) -> None:
        editor = self._last_text or self.editors["work"]
        text = self.placeholders.item(row, 0).text()
        if isinstance(editor, QPlainTextEdit):
            editor.insertPlainText(text)
        else:
            editor.insert(text)
        self._on_edit()
        editor.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.keep_or_drop_changes():
            event.accept()
        else:
            event.ignore()

    def reject(self) -> None:  # Esc closes like the window button, asking first
        self.close()
