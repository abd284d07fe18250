"""The window on a server: 文件 → 连接服务器…, and the 服务器 menu (switch branch, the committee view, organisations
and users for the one who keeps them, back to this PC's file); the file-only actions (backup, restore, the demo)
are off while on a server, whose data its administrator backs up."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from dangjian_desktop.common.paths import default_db_path
from dangjian_desktop.services.server_session import ServerSession
from dangjian_desktop.store.connection import DatabaseError

FILE_ONLY = ("backup", "encrypted", "restore")  # of DataActions: a server is backed up by its administrator


class ServerActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        file_menu = window.file_menu
        self.connect_action = window.menu_action(file_menu, "连接服务器…", self.connect_server)
        actions = file_menu.actions()
        file_menu.insertAction(actions[actions.index(window.open_action) + 1], self.connect_action)  # after 打开数据库…
        self.server_menu = window.menuBar().addMenu("服务器(&S)")
        window.menuBar().insertMenu(window.tools_menu.menuAction(), self.server_menu)
        self.branch_action = window.menu_action(self.server_menu, "切换党支部…", self.switch_branch)
        self.committee_action = window.menu_action(self.server_menu, "党委视图…", self.show_committee)
        self.tree_action = window.menu_action(self.server_menu, "组织和用户…", self.edit_organisations)
        self.server_menu.addSeparator()
        self.local_action = window.menu_action(self.server_menu, "退出服务器，打开本机数据库", self.back_to_file)
        window.database_opened.connect(self.update)
        self.update()

    @property
    def session(self) -> ServerSession | None:
        return self.window.session if self.window.on_server else None

    def update(self) -> None:
        """Show the 服务器 menu only on a server, and what the user may do there."""
        session = self.session
        self.server_menu.menuAction().setVisible(session is not None)
        for key in FILE_ONLY:
            self.window.data_actions.actions[key].setEnabled(session is None)
        self.window.demo_action.setEnabled(session is None)
        if session is not None:
            self.branch_action.setEnabled(len(session.access.readable) > 1)
            self.tree_action.setVisible(session.access.keeps_tree)

    def connect_server(self, url: str = "") -> bool:
        from .server_dialogs import sign_in

        session = sign_in(self.window, url)
        if session is None:
            self.window.reopen_current()  # a failed try closed the connection the window worked on
            return False
        self.window.adopt_session(session)
        return True

    def switch_branch(self) -> None:
        from .server_dialogs import choose_branch

        session = self.session
        chosen = choose_branch(self.window, session) if session else None
        if chosen is None or chosen == session.branch_id:
            return
        try:
            session.switch_branch(chosen)
        except DatabaseError as exc:
            QMessageBox.warning(self.window, "切换党支部", str(exc))
            return
        self.window.adopt_session(session)

    def show_committee(self) -> None:
        from .committee_view import CommitteeView

        if self.session is not None:
            CommitteeView(self.session, self.window).exec()

    def edit_organisations(self) -> None:
        from .organisation_dialog import OrganisationsDialog

        if self.session is not None and self.session.access.keeps_tree:
            OrganisationsDialog(self.session.access.organisation_id, self.window).exec()
            self.window.adopt_session(self.session)  # names in the title may have changed

    def back_to_file(self) -> None:
        from .server_dialogs import forget_server_at_start

        if self.window.switch_database(default_db_path()):
            forget_server_at_start()
