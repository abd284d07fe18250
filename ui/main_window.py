"""The main window: one tab per kind of record, the menus, and which database file is open."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
)

from dangjian_desktop import APP_NAME, __version__
from dangjian_desktop.services.server_session import ServerSession
from dangjian_desktop.store.connection import DatabaseError
from dangjian_desktop.store.session import Session

from .data_actions import DataActions
from .deleted_actions import DeletedActions
from .dues_excel_actions import DuesExcelActions
from .file_dialogs import DATABASE_FILTER, open_file, save_file
from .icons import icon
from .print_actions import PrintActions
from .record_tab import RecordTab
from .screen import keep_geometry
from .server_actions import ServerActions
from .tab_specs import APPRAISAL_SPECS, DUES_SPECS, ELECTIONS, TAB_SPECS, TALKS, TRANSFER_SPECS, TabSpec


class MainWindow(QMainWindow):
    """Tabs and menus are built in `_build_tabs` and `_build_menus`; others add to `file_menu`,
    `print_menu`, `tools_menu`, `help_menu`, insert tabs into `tabs`, and listen to `data_changed`."""

    data_changed = Signal(str)  # a record table written, or "" when everything may have changed
    database_opened = Signal()  # another file, another server or another branch of it

    def __init__(self, session: Session | ServerSession):
        super().__init__()
        self.session = session
        self.setWindowIcon(icon("app"))
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.record_tabs: dict[str, RecordTab] = {}
        self._stale: set[str] = set()
        self._build_tabs()
        self._build_menus()
        self._build_overview()
        self.printing = PrintActions(self)  # print buttons on the tabs, the 打印 menu, the summary editor
        self.data_actions = DataActions(self)  # 文件: backup, restore, Excel
        self.dues_excel = DuesExcelActions(self)  # 党费: the grid and the payroll in Excel
        self.deleted_actions = DeletedActions(self)  # 记录: 撤销删除, 已删除记录
        self.server_actions = ServerActions(self)  # 文件: 连接服务器; 服务器: branches, the committee view, users
        self.path_label = QLabel()
        self.statusBar().addPermanentWidget(self.path_label)
        self.tabs.currentChanged.connect(self._on_tab_shown)
        self._show_session()
        self._restore_state()
        self.tabs.setCurrentWidget(self.overview_tab)  # the app opens on what is done, missing and due

    # -- building: the one place tabs and menus are put together ----------------------------------

    def _record_tab(self, spec: TabSpec) -> RecordTab:
        tab = RecordTab(spec, load=False)  # read when first shown: start-up stays quick after ten years
        tab.records_changed.connect(self._on_records_changed)
        tab.record_deleted.connect(lambda *deleted: self.deleted_actions.remember(*deleted))
        self.record_tabs[spec.table] = tab
        return tab

    def _build_tabs(self) -> None:
        for spec in TAB_SPECS:
            self.tabs.addTab(self._record_tab(spec), spec.title)
        self._build_paged_tabs()
        self.tabs.addTab(self._record_tab(ELECTIONS), ELECTIONS.title)
        self._stale.update(self.record_tabs)
        self.record_tabs["member"].add_action("登记离开…", self.mark_member_left, "leave",
                                              "登记所选党员转出、去世等（保留其记录）", writes=True)
        self.record_tabs["activity"].add_action("活动类别…", self.edit_categories, "tags", "修改活动类别及其单位",
                                                writes=True)

    def _build_paged_tabs(self) -> None:
        """The tabs of several pages: 党费 (its grid, the payments, bases and remittances), 民主评议 (the results,
        the rounds), 谈心谈话 (the talks, their coverage) and 关系转接 (党籍变动, 流动党员)."""
        from .dues_view import DuesView
        from .paged_tab import PagedTab
        from .talk_coverage import TalkCoverageView

        self.dues_view = DuesView(lambda record_id: self.record_tabs["dues_payment"].edit_record(record_id))
        self.dues_view.records_changed.connect(self._on_records_changed)
        self.dues_tab = PagedTab([("交纳情况", self.dues_view),
                                  *((spec.title, self._record_tab(spec)) for spec in DUES_SPECS)])
        self.record_tabs["dues_base"].add_action("结转到下一年", self.dues_view.carry_over, "refresh",
                                                 "把当前年度各党员最后核定的基数结转为下一年1月起的基数", writes=True)
        self.appraisal_view = PagedTab([(spec.title, self._record_tab(spec)) for spec in APPRAISAL_SPECS])
        self.record_tabs["appraisal_entry"].add_action("生成评议名单", self.enrol_appraisal, "add",
                                                       "把该年度民主评议时在册的党员（含预备党员）列入评议名单",
                                                       writes=True)
        self.talk_coverage = TalkCoverageView()
        self.talk_view = PagedTab([(TALKS.title, self._record_tab(TALKS)), ("覆盖情况", self.talk_coverage)])
        self.transfer_view = PagedTab([(spec.title, self._record_tab(spec)) for spec in TRANSFER_SPECS])
        self.record_tabs["party_event"].add_action("转入新党员…", self.transfer_in_new_member, "add",
                                                   "先录入转入党员的基本信息和入党、转正日期，再登记他的转入",
                                                   writes=True)
        self.paged_views = (self.dues_tab, self.appraisal_view, self.talk_view, self.transfer_view)
        for view, title in zip(self.paged_views, ("党费", "民主评议", "谈心谈话", "关系转接"), strict=True):
            view.pages.currentChanged.connect(self._on_tab_shown)
            self.tabs.addTab(view, title)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("文件(&F)")
        self.record_menu = bar.addMenu("记录(&R)")
        self.print_menu = bar.addMenu("打印(&P)")
        self.tools_menu = bar.addMenu("工具(&T)")
        self.help_menu = bar.addMenu("帮助(&H)")

        self.demo_action = self.menu_action(self.file_menu, "新建演示数据库…", self.new_demo_database)
        self.open_action = self.menu_action(self.file_menu, "打开数据库…", self.choose_database, QKeySequence.Open)
        self.file_menu.addSeparator()
        self.quit_action = self.menu_action(self.file_menu, "退出", self.close, QKeySequence("Ctrl+Q"))

        self.new_action = self.menu_action(self.record_menu, "新增", lambda: self._on_current("new_record"),
                                    QKeySequence("Ctrl+N"), "add")
        self.edit_action = self.menu_action(self.record_menu, "编辑", lambda: self._on_current("edit_selected"),
                                     None, "edit")
        self.delete_action = self.menu_action(self.record_menu, "删除", lambda: self._on_current("delete_selected"),
                                       QKeySequence(Qt.Key_Delete), "delete")
        self.record_menu.addSeparator()
        self.find_action = self.menu_action(self.record_menu, "查找", lambda: self._on_current("focus_search"),
                                     QKeySequence("Ctrl+F"))
        self.refresh_action = self.menu_action(self.record_menu, "刷新", self.refresh_all, QKeySequence("F5"), "refresh")
        self.print_current_action = self.menu_action(self.record_menu, "打印当前内容", lambda: self._on_current("print_current"),
                                              QKeySequence.Print, "print")

        placeholder = self.print_menu.addAction("（暂无可打印的内容）")
        placeholder.setEnabled(False)
        self.print_menu.aboutToShow.connect(
            lambda: placeholder.setVisible(len(self.print_menu.actions()) == 1))

        self.categories_action = self.menu_action(self.tools_menu, "活动类别…", self.edit_categories, None, "tags")
        self.guide_action = self.menu_action(self.help_menu, "使用说明", self.show_guide, QKeySequence.HelpContents)
        self.keys_action = self.menu_action(self.help_menu, "快捷键", self.show_shortcuts)
        self.help_menu.addSeparator()
        self.about_action = self.menu_action(self.help_menu, f"关于{APP_NAME}", self.show_about)

    def menu_action(self, menu: QMenu, text: str, callback, shortcut=None, icon_name: str | None = None) -> QAction:
        """Add an entry to one of the window's menus (the helpers that build on the window use it too)."""
        action = menu.addAction(text)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: callback())
        return action

    # -- the overview, the development path and the branch settings --------------------------------

    def _build_overview(self) -> None:
        from .development_view import DevelopmentView
        from .overview_tab import OverviewTab

        self.overview_tab = OverviewTab(self)
        self.development_view = DevelopmentView(self)
        self.tabs.insertTab(0, self.overview_tab, "概览")
        self.tabs.insertTab(1, self.development_view, "发展党员")
        self.overview_tab.open_requested.connect(self.open_reference)
        self.overview_tab.new_meeting_requested.connect(self.new_meeting)
        self.development_view.records_changed.connect(self._on_records_changed)
        self.development_view.new_applicant_requested.connect(self.new_applicant)
        self.data_changed.connect(lambda _table: self.overview_tab.invalidate())
        self.data_changed.connect(lambda _table: self.development_view.invalidate())
        # the grid re-reads itself after its own writes ("dues"); any other write may change it
        self.data_changed.connect(lambda table: table != "dues" and self.dues_view.invalidate())
        self.data_changed.connect(lambda _table: self.talk_coverage.invalidate())
        self.settings_action = self.menu_action(self.tools_menu, "支部设置…", self.edit_settings)
        self.overview_tab.print_requested.connect(self.print_compliance)
        self.development_view.print_requested.connect(self.print_development)
        self.menu_action(self.print_menu, "三会一课等制度落实情况表…", self.print_compliance, None, "print")
        self.menu_action(self.print_menu, "发展党员工作纪实表", self.print_development, None, "print")
        self.print_menu.addSeparator()

    def new_meeting(self, values: dict) -> None:
        """The meetings tab, and a new meeting started with `values` (from a 缺 in the overview's grid)."""
        tab = self.record_tabs["meeting"]
        self.tabs.setCurrentWidget(tab)
        tab.new_record(values)

    def new_applicant(self) -> None:
        """From the 发展党员 tab: the member form for a new 入党申请人, then his path shown there."""
        saved = self.record_tabs["member"].new_record({"applied_on": dt.date.today()}, "新增入党申请人")
        if saved is not None:
            self.development_view.refresh()
            self.development_view.select_member(saved)

    def open_reference(self, table: str, record_id: int) -> None:
        """Open what an overview line is about: a record, a list, a person's development path, the settings."""
        if table == "settings":
            self.edit_settings()
        elif table == "dues":
            self.tabs.setCurrentWidget(self.dues_tab)
            self.dues_tab.show_page(self.dues_view)
            if record_id:
                self.dues_view.select_member(record_id)
        elif table == "development":
            self.tabs.setCurrentWidget(self.development_view)
            self.development_view.select_member(record_id)
        elif table in self.record_tabs and record_id:
            self.open_record(table, record_id)
        elif table in self.record_tabs:
            self.show_record_tab(self.record_tabs[table])

    def edit_settings(self) -> None:
        from .settings_dialog import edit_settings

        if edit_settings(self):
            self.refresh_all()

    def print_compliance(self, year: int | None = None):
        """Preview the year's compliance grid (the year shown in the overview, or asked for)."""
        from .print_actions import ask_year
        from .report_runner import preview_report

        year = ask_year(self, "制度落实情况表", year)
        if year is not None:
            return preview_report(self, "compliance", f"{year}年三会一课等制度落实情况表", year=year)
        return None

    def print_development(self):
        from .report_runner import preview_report

        return preview_report(self, "development", "发展党员工作纪实表")

    # -- tabs -------------------------------------------------------------------------------------

    def current_record_tab(self) -> RecordTab | None:
        """The list shown: a tab, or the page shown in the 党费 tab."""
        widget = self.tabs.currentWidget()
        if widget in self.paged_views:
            widget = widget.current_page()
        return widget if isinstance(widget, RecordTab) else None

    def show_record_tab(self, tab: RecordTab) -> None:
        holder = next((view for view in self.paged_views if view.show_page(tab)), tab)
        self.tabs.setCurrentWidget(holder)

    def _on_current(self, method: str) -> None:
        tab = self.current_record_tab()
        if tab is not None:
            getattr(tab, method)()

    def open_record(self, table: str, record_id: int) -> None:
        """Switch to the record's tab, select it and open it for editing."""
        tab = self.record_tabs[table]
        self.show_record_tab(tab)
        tab.open_record(record_id)

    def refresh_all(self) -> None:
        """Re-read the shown tab now and the others when next shown."""
        self._stale.update(self.record_tabs)
        self._on_tab_shown(self.tabs.currentIndex())
        self.data_changed.emit("")

    def _on_records_changed(self, table: str) -> None:
        """Names and counts show in other lists too (a member's name in meetings): re-read those when shown."""
        self._stale.update(t for t in self.record_tabs if t != table)
        self.data_changed.emit(table)

    def _on_tab_shown(self, _index: int) -> None:
        tab = self.current_record_tab()
        if tab is not None and tab.table_name in self._stale:
            self._stale.discard(tab.table_name)
            tab.refresh()

    # -- actions ----------------------------------------------------------------------------------

    def mark_member_left(self) -> None:
        from .member_left_dialog import MemberLeftDialog

        tab = self.record_tabs["member"]
        member_id = tab.selected_id()
        if member_id is None:
            QMessageBox.information(self, "登记离开", "请先在党员列表中选中一位党员。")
            return
        name = tab.model.text(tab.model.view_row_of(member_id), 0)
        if MemberLeftDialog(member_id, name, self).exec():
            tab.after_change(member_id)

    def transfer_in_new_member(self) -> int | None:
        """A member transferred in from elsewhere, in two forms: his particulars and 党籍 dates, then the 转入 with
        its letter. Until the 转入 is saved he counts as with the branch since he joined the party: say so."""
        members, events = self.record_tabs["member"], self.record_tabs["party_event"]
        member_id = members.new_record(title="转入新党员：基本信息和入党、转正日期")
        if member_id is None:
            return None
        event_id = events.new_record({"member": member_id, "kind": "转入"}, "转入新党员：组织关系转入")
        if event_id is None:
            QMessageBox.information(self, "转入新党员", "已录入党员，但还没有登记转入。登记转入之前，统计和名册会把他"
                                    "算作自入党起一直在本支部；请在“关系转接”中为他新增一条“转入”记录。")
        self._on_records_changed("member")
        return event_id

    def enrol_appraisal(self) -> None:
        """Put the year's members on the appraisal list (the year shown in the list, or asked for)."""
        from dangjian_desktop.services.appraisal import enrol

        from .print_actions import ask_year

        tab = self.record_tabs["appraisal_entry"]
        year = ask_year(self, "生成评议名单", tab.year)
        if year is None:
            return
        try:
            added = enrol(year)
        except DatabaseError as exc:
            QMessageBox.warning(self, "生成评议名单", f"没有生成：{exc}")
            return
        self.statusBar().showMessage(f"已把 {added} 名党员列入{year}年度民主评议名单。" if added
                                     else f"{year}年度在册党员都已在评议名单中。", 10000)
        self._on_records_changed("appraisal_entry")
        tab.refresh()

    def edit_categories(self) -> None:
        from .category_dialog import CategoryDialog

        dialog = CategoryDialog(self)
        dialog.exec()
        if dialog.changed:
            self.refresh_all()

    def choose_database(self) -> None:
        path = open_file(self, "打开数据库", "database", DATABASE_FILTER,
                         start=self.db_path.parent if self.db_path else None)
        if path:
            self.switch_database(Path(path))

    @property
    def db_path(self) -> Path | None:
        """The open database file (None on a server)."""
        return None if self.on_server else self.session.path

    @property
    def on_server(self) -> bool:
        return isinstance(self.session, ServerSession)

    def switch_database(self, path: Path) -> bool:
        """Open another database file (its lock taken, today's backup made); on failure explain and stay
        with the current one (a file, or the server)."""
        from dangjian_desktop.store.session import open_session

        try:
            session = open_session(path, writer=True) if self.on_server else self.session.hand_over(path)
        except DatabaseError as exc:
            QMessageBox.warning(self, "无法打开数据库", str(exc))
            self.reopen_current()
            return False
        self.adopt_session(session)
        return True

    def adopt_session(self, session: Session | ServerSession) -> None:
        """Work on `session` from now on (already open); the one before lets go of what it held."""
        old, self.session = self.session, session
        if old is not session:
            old.release()
        self._adopt()

    def new_demo_database(self) -> None:
        path = save_file(self, "新建演示数据库", "database", "演示数据.db", DATABASE_FILTER)
        if path:
            self.write_demo_database(Path(path))

    def write_demo_database(self, path: Path) -> bool:
        """Write the demo through the core, then open it. The file's lock is taken before anything touches
        it (a file another window has open is refused), and records it held are backed up first."""
        from dangjian_desktop.demo.builder import replace_with_demo
        from dangjian_desktop.store.lock import DatabaseLock
        from dangjian_desktop.store.session import open_session

        if self.db_path is not None and path.resolve() == self.db_path.resolve():
            QMessageBox.warning(self, "新建演示数据库", "不能覆盖当前打开的数据库，请换一个文件名。")
            return False
        try:
            lock = DatabaseLock(path).acquire()
        except DatabaseError as exc:
            QMessageBox.warning(self, "新建演示数据库", f"没有写演示数据库，文件没有改动：{exc}")
            return False
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            result = replace_with_demo(path)
            session = open_session(path, writer=True, lock=lock)  # as any file the window opens
        except (DatabaseError, OSError) as exc:
            lock.release()
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "新建演示数据库", f"没有写成演示数据库，原来的文件没有改动：{exc}")
            self.reopen_current()
            return False
        QApplication.restoreOverrideCursor()
        self.adopt_session(session)
        kept = f"；原来的数据库已先备份为 {result.safety_backup}" if result.safety_backup else ""
        self.statusBar().showMessage(f"已写入并打开演示数据库：{path}{kept}", 15000)
        return True

    def reopen_current(self) -> None:
        try:
            self.session.reopen()
        except DatabaseError as exc:
            QMessageBox.critical(self, "无法打开数据库", str(exc))

    def _adopt(self) -> None:
        self._show_session()
        self.refresh_all()
        self.database_opened.emit()

    def show_guide(self) -> None:
        from .help_dialog import HelpDialog, guide_html

        HelpDialog("使用说明", guide_html(), self).exec()

    def show_shortcuts(self) -> None:
        from .help_dialog import HelpDialog, shortcuts_html

        menus = [self.file_menu, self.record_menu, self.print_menu, self.tools_menu, self.help_menu]
        HelpDialog("快捷键", shortcuts_html(menus), self).exec()

    def show_about(self) -> None:
        QMessageBox.about(self, f"关于{APP_NAME}", (
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>学校党支部的离线台账：党员与发展、三会一课与出席、活动、共建阵地、整改事项，"
            "录入一次，打印各类台账和年度总结。</p>"
            f"<p>当前数据库：{self.where}</p>"
            "<p>界面字体：文泉驿微米黑（Apache-2.0）。</p>"))

    # -- title, status bar and remembered layout --------------------------------------------------

    @property
    def where(self) -> str:
        """What the window works on, in words: the file, or the branch on the server and who is signed in."""
        if not self.on_server:
            return str(self.db_path)
        s = self.session
        return f"{s.branch_name}（服务器 {s.server}，{s.access.label}）"

    def _show_session(self) -> None:
        """What the window works on, in its title and status bar; a database that may only be read offers no writes."""
        if self.on_server:
            read_only = "（只读）" if self.session.read_only else ""
        else:
            read_only = "（只读，改动无法保存）" if self.session.read_only else ""
        self.setWindowTitle(f"{APP_NAME} — {self.where}{read_only}")
        self.path_label.setText(f"{'' if self.on_server else '数据库：'}{self.where}{read_only}")
        for tab in self.record_tabs.values():
            tab.set_read_only(self.session.read_only)

    def _restore_state(self) -> None:
        settings = QSettings()
        keep_geometry(self, "main", 1280, 800)
        for tab in self.record_tabs.values():
            tab.restore_state(settings)

    def save_state(self) -> None:
        settings = QSettings()
        for tab in self.record_tabs.values():
            tab.save_state(settings)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_state()
        super().closeEvent(event)
