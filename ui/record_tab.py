"""One tab per kind of record: toolbar, filters, search box, sortable table, detail pane and a count line."""

from __future__ import annotations

import html

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.kinds import field_label
from dangjian_desktop.domain.validation import NotFoundError, ReferencedError

from .attachments_panel import AttachmentsPanel
from .header_arrow import turn_sort_arrow
from .history_dialog import show_history
from .icons import icon
from .record_dialog import RecordDialog
from .tab_specs import FilterSpec, TabSpec
from .table_model import RecordTableModel


def detail_html(table: str, snapshot: dict[str, str], per_row: int = 3) -> str:
    """A record's filled fields: short ones in a grid, long texts as paragraphs under it."""
    filled = [(html.escape(field_label(table, name)), text) for name, text in snapshot.items() if text]
    short = [(label, html.escape(text)) for label, text in filled if len(text) <= 40 and "\n" not in text]
    long = [(label, html.escape(text).replace("\n", "<br>")) for label, text in filled
            if len(text) > 40 or "\n" in text]
    cells = [f"<td class='k'>{label}</td><td class='v'>{text}</td>" for label, text in short]
    grid = "".join(f"<tr>{''.join(cells[i:i + per_row])}</tr>" for i in range(0, len(cells), per_row))
    paragraphs = "".join(f"<p><span class='k'>{label}：</span>{text}</p>" for label, text in long)
    return ("<style>.k{color:#5f6368;white-space:nowrap;padding-right:6px}.v{padding-right:24px}"
            f"p{{margin:4px 0}}</style><table cellspacing='3'>{grid}</table>{paragraphs}")


class RecordTab(QWidget):
    """A list of one kind of record. Others extend it with `add_action`, read `selected_id()` and `year`,
    and call `refresh()` or `open_record(id)`; `records_changed` tells the window something was written."""

    records_changed = Signal(str)  # the table name
    record_deleted = Signal(str, int, str)  # table, the id of its 已删除记录 entry (for an undo), name

    def __init__(self, spec: TabSpec, parent: QWidget | None = None, *, load: bool = True):
        """`load=False` leaves the list empty until the first `refresh()` (the window reads a tab when shown)."""
        super().__init__(parent)
        self.spec = spec
        self.table_name = spec.table
        self.model = RecordTableModel(spec.columns, spec.tone, self)
        self.filters: dict[str, QComboBox] = {}
        self._build()
        if load:
            self.refresh()

    # -- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.print_actions: list[QAction] = []
        self.record_actions: list[QAction] = []
        self.write_actions: list[QAction] = []  # off while the database may only be read
        self.read_only = False
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.toolbar.setIconSize(self.toolbar.iconSize() * 0.8)
        self.new_action = self.add_action("新增", self.new_record, "add", f"新增{self.spec.form.label}（Ctrl+N）",
                                          writes=True)
        self.edit_action = self.add_action("编辑", self.edit_selected, "edit", "编辑所选记录（双击或回车）")
        self.delete_action = self.add_action("删除", self.delete_selected, "delete", "删除所选记录（Delete）",
                                             writes=True)
        self.toolbar.addSeparator()

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.spec.search_hint)
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.LeadingPosition)
        self.search.setMinimumWidth(220)
        self.search.textChanged.connect(self._on_search)

        # The buttons on a row of their own, the filters and the search under them: at 1024 px no button
        # hides behind the toolbar's » (the meeting tab has eight).
        top = QVBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(2)
        top.addWidget(self.toolbar)
        find = QHBoxLayout()
        top.addLayout(find)
        for spec in self.spec.filters:
            combo = QComboBox(self)
            combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _i, s=spec: self._on_filter(s))
            self.filters[spec.key] = combo
            find.addWidget(QLabel(f"{spec.label}："))
            find.addWidget(combo)
        find.addSpacing(8)
        find.addWidget(self.search, 1)

        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        turn_sort_arrow(header)
        for number, column in enumerate(self.spec.columns):
            header.resizeSection(number, column.width)
        column, descending = self.spec.sort
        header.setSortIndicator(column, Qt.DescendingOrder if descending else Qt.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.doubleClicked.connect(self.edit_selected)
        self.view.setContextMenuPolicy(Qt.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(self._show_detail)
        QShortcut(QKeySequence(Qt.Key_Return), self.view, self.edit_selected, context=Qt.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key_Enter), self.view, self.edit_selected, context=Qt.WidgetShortcut)

        self.detail = QTextBrowser(self)
        self.detail.setObjectName("detail")
        self.detail.setOpenLinks(False)
        self.attachments = AttachmentsPanel(self.table_name, self)
        lower = QSplitter(Qt.Horizontal, self)
        lower.addWidget(self.detail)
        lower.addWidget(self.attachments)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Vertical, self)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([480, 160])

        self.count_line = QLabel(self)
        self.count_line.setObjectName("counts")
        self.count_line.setTextInteractionFlags(Qt.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.count_line)

    def add_action(self, text: str, callback, icon_name: str | None = None, tooltip: str = "",
                   per_record: bool = False, writes: bool = False) -> QAction:
        """Add a button to the tab's toolbar (print, export, …); returns its QAction. A `per_record` action
        (the selected meeting's register) is offered in the list's right-click menu too; one that `writes` is off
        while the database may only be read."""
        action = self.toolbar.addAction(icon(icon_name) if icon_name else QIcon(), text)
        action.setToolTip(tooltip or text)
        action.triggered.connect(lambda _checked=False: callback())
        if icon_name == "print":
            self.print_actions.append(action)
        if per_record:
            self.record_actions.append(action)
        if writes:
            self.write_actions.append(action)
            action.setEnabled(not self.read_only)
        return action

    def set_read_only(self, read_only: bool) -> None:
        """A reader (a 党委 or 审计 user on a server, a file that may not be written): forms open to be read, and
        nothing that writes is offered."""
        self.read_only = read_only
        for action in self.write_actions:
            action.setEnabled(not read_only)
        self._show_detail()

    def context_menu(self) -> QMenu:
        """What a right click on a record offers: edit, delete, its history, and what prints it."""
        menu = QMenu(self)
        menu.addAction(self.edit_action)
        menu.addAction(self.delete_action)
        history = menu.addAction(icon("history"), "修改记录…")
        history.triggered.connect(lambda _checked=False: self.show_history())
        if self.record_actions:
            menu.addSeparator()
            for action in self.record_actions:
                menu.addAction(action)
        return menu

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.selectRow(index.row())
        self.context_menu().exec(self.view.viewport().mapToGlobal(pos))

    def show_history(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            show_history(self, self.spec.form.table, record_id)

    def print_current(self) -> None:
        """Ctrl+P: the selected record's printout where there is one (a meeting's register), else the tab's."""
        actions = (self.record_actions if self.selected_id() is not None else []) or self.print_actions
        if actions:
            actions[0].trigger()

    # -- reading ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the rows again from the core, keeping the selection, search and filters."""
        selected = self.selected_id()
        rows = self.spec.rows()
        for spec in self.spec.filters:
            combo = self.filters[spec.key]
            current = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([spec.all_label, *spec.options(rows)])
            combo.setCurrentIndex(max(0, combo.findText(current)))
            combo.blockSignals(False)
        self.model.set_rows(rows)
        for spec in self.spec.filters:
            self._apply_filter(spec)
        self.view.sortByColumn(self.view.horizontalHeader().sortIndicatorSection(),
                               self.view.horizontalHeader().sortIndicatorOrder())
        if selected is None or not self.select_record(selected):
            self._show_detail()
        self._update_counts()

    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()).id if rows else None

    @property
    def year(self) -> int | None:
        """The year chosen in the 年度 filter, or None for all years (or no year filter)."""
        combo = self.filters.get("year")
        return int(combo.currentText()) if combo is not None and combo.currentIndex() > 0 else None

    def set_filter(self, key: str, option: str) -> None:
        """Choose a filter option by its text (the all-option when absent)."""
        combo = self.filters[key]
        combo.setCurrentIndex(max(0, combo.findText(option)))

    def select_record(self, record_id: int) -> bool:
        row = self.model.view_row_of(record_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        self._show_detail()
        return True

    def open_record(self, record_id: int) -> None:
        """Show the record (clearing search and filters if they hide it) and open it for editing."""
        if self.model.view_row_of(record_id) < 0:
            self.search.clear()
            for combo in self.filters.values():
                combo.setCurrentIndex(0)
        if self.select_record(record_id):
            self.edit_selected()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- actions ----------------------------------------------------------------------------------

    def make_dialog(self, record_id: int | None = None) -> RecordDialog:
        dialog = self.spec.dialog(self.spec.form, record_id, self)
        if self.read_only:
            dialog.set_read_only()
        return dialog

    def new_record(self, values: dict | None = None, title: str = "") -> int | None:
        """A new record, started with `values` over the form's defaults when given; its id once saved."""
        if self.read_only:
            return None
        dialog = self.make_dialog()
        if values:
            dialog.preset(values)
        if title:
            dialog.setWindowTitle(title)
        return self._run_dialog(dialog)

    def edit_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.edit_record(record_id)

    def edit_record(self, record_id: int) -> int | None:
        """Open one record's form (from this list or from elsewhere: a cell of the dues grid); its id if saved."""
        try:
            dialog = self.make_dialog(record_id)
        except NotFoundError as exc:
            QMessageBox.warning(self, "记录已不存在", str(exc))
            self.refresh()
            return None
        return self._run_dialog(dialog)

    def _run_dialog(self, dialog: RecordDialog) -> int | None:
        if dialog.exec() == QDialog.Accepted and dialog.saved_id is not None:
            self.after_change(dialog.saved_id)
            return dialog.saved_id
        return None

    def delete_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is None:
            return
        service = self.spec.form.service
        try:
            name = service.label(service.get(record_id))
        except NotFoundError:
            self.refresh()
            return
        answer = QMessageBox.question(
            self, f"删除{self.spec.form.label}",
            f"确定删除{self.spec.form.label}“{name}”吗？\n删除后可按 Ctrl+Z 撤销，"
            "或在“记录 → 已删除记录”中连同出席情况等一并恢复。",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        try:
            trash_id = service.delete(record_id)
        except NotFoundError:  # deleted meanwhile (another list, an import): the list is re-read below
            trash_id = None
        except ReferencedError as exc:
            offer = self.spec.instead_of_delete
            if offer is None:
                QMessageBox.warning(self, "不能删除", str(exc))
            elif offer(self, record_id, name, str(exc)):
                self.after_change(record_id)
            return
        self.after_change(None)
        if trash_id is not None:
            self.record_deleted.emit(self.table_name, trash_id, name)

    def after_change(self, select_id: int | None) -> None:
        """Re-read the list after a write, select the record and tell the window."""
        self.refresh()
        if select_id is not None and not self.select_record(select_id):
            self.search.clear()
            self.select_record(select_id)
        self.records_changed.emit(self.table_name)

    # -- internals --------------------------------------------------------------------------------

    def _on_search(self, text: str) -> None:
        self.model.set_search(text)
        self._update_counts()

    def _on_filter(self, spec: FilterSpec) -> None:
        self._apply_filter(spec)
        self._update_counts()

    def _apply_filter(self, spec: FilterSpec) -> None:
        combo = self.filters[spec.key]
        option = combo.currentText()
        predicate = (lambda row: spec.predicate(row, option)) if combo.currentIndex() > 0 else None
        self.model.set_filter(spec.key, predicate)

    def _update_counts(self) -> None:
        shown = self.model.rowCount()
        total = len(self.model.all_rows())
        text = self.spec.counts(self.model.visible_rows())
        if shown == 0 and total:
            text = f"没有匹配的记录（全部共 {total} 条）"
        elif shown != total:
            text += f"（按条件显示，全部共 {total} 条）"
        self.count_line.setText(text)
        self._show_detail()

    def _empty_text(self) -> str:
        """What the detail pane says when nothing is selected: why the list is empty, or what to do."""
        label = self.spec.form.label
        if self.model.rowCount():
            return f"选中一条{label}，这里显示它的全部内容；双击可编辑。"
        if self.model.all_rows():
            return "没有匹配的记录。请换个关键字，或把上面的筛选改回“全部”。"
        return f"还没有{label}记录。点工具栏上的“新增”（Ctrl+N）录入第一条，或用“文件 → 导入 Excel…”成批导入。"

    def _show_detail(self, *_args) -> None:
        record_id = self.selected_id()
        self.attachments.show_record(record_id)
        if record_id is None:
            self.detail.setHtml(f"<p style='color:#777'>{html.escape(self._empty_text())}</p>")
            self.edit_action.setEnabled(False)
            self.delete_action.setEnabled(False)
            return
        self.edit_action.setEnabled(True)
        self.delete_action.setEnabled(not self.read_only)
        service = self.spec.form.service
        try:
            snapshot = service.snapshot(service.get(record_id))
        except NotFoundError:
            return
        more = self.spec.detail_more(record_id) if self.spec.detail_more else ""
        self.detail.setHtml(detail_html(self.table_name, snapshot) + more)

    # -- remembered layout ------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(f"tabs/{self.table_name}/header", self.view.horizontalHeader().saveState())
        settings.setValue(f"tabs/{self.table_name}/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        header_state = settings.value(f"tabs/{self.table_name}/header")
        if header_state:
            header = self.view.horizontalHeader()
            header.restoreState(header_state)
            self.view.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
        splitter_state = settings.value(f"tabs/{self.table_name}/splitter")
        if splitter_state:
            self.splitter.restoreState(splitter_state)
