"""组织和用户 (for the 党委 user who keeps them): the tree of organisations, the users of the one selected, and moving
a branch's file up to the server or back to a file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.common.dates import date_label
from dangjian_desktop.domain.validation import NotFoundError, ReferencedError
from dangjian_desktop.services import organisation, users
from dangjian_desktop.store import branch_files
from dangjian_desktop.store.connection import DatabaseError
from dangjian_desktop.store.tree import BRANCH, CHILD_LEVELS, ROLES, TERM_YEARS

from .file_dialogs import DATABASE_FILTER, open_file, save_file
from .form_dialog import FormField, Refused, ask
from .screen import keep_geometry

USER_HEADERS = ("用户名", "姓名", "角色", "状态")


def _organisation_fields(level_choices: tuple[str, ...], current=None) -> list[FormField]:
    fields = [FormField("name", "组织名称", value=current.name if current else "")]
    if current is None:
        fields.append(FormField("level", "组织类别", "choice", tuple((lv, lv) for lv in level_choices)))
    fields += [
        FormField("founded_on", "成立时间", placeholder="如 2008-07-01",
                  value=date_label(current.founded_on) if current and current.founded_on else ""),
        FormField("term_years", "每届任期", "choice", tuple((y, f"{y} 年") for y in TERM_YEARS),
                  value=current.term_years if current else 3),
        FormField("term_start", "本届委员会产生", placeholder="党支部的届期由其“换届选举”记录确定，可不填",
                  value=date_label(current.term_start) if current and current.term_start else ""),
        FormField("committee", "委员会成员", "multiline", value=current.committee if current else ""),
    ]
    return fields


class OrganisationsDialog(QDialog):
    """The organisations under `root` (the keeper's own) and their users."""

    def __init__(self, root: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("组织和用户")
        self.root = root
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(("组织", "类别", "成立时间", "任期", "本届产生"))
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.users = QTableWidget(0, len(USER_HEADERS), self)
        self.users.setHorizontalHeaderLabels(USER_HEADERS)
        self.users.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.users.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.users.setSelectionMode(QAbstractItemView.SingleSelection)
        self.users.verticalHeader().hide()
        self.users.horizontalHeader().setStretchLastSection(True)
        split = QSplitter(Qt.Vertical, self)
        split.addWidget(self.tree)
        split.addWidget(self.users)
        split.setSizes([320, 160])
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for row, items in ((row1, (("add", "新增下级组织…", self.add_organisation),
                                   ("edit", "修改组织…", self.edit_organisation),
                                   ("elections", "换届选举…", self.show_elections),
                                   ("delete", "删除组织", self.delete_organisation),
                                   ("import", "导入支部文件…", self.import_branch),
                                   ("export", "导出为文件…", self.export_branch))),
                           (row2, (("user", "新增用户…", self.add_user),
                                   ("password", "重设密码…", self.reset_password),
                                   ("active", "停用/启用", self.toggle_user)))):
            for key, text, slot in items:
                button = QPushButton(text, self)
                button.clicked.connect(lambda _checked=False, slot=slot: slot())
                row.addWidget(button)
                self.buttons[key] = button
            row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(close)
        self.tree.currentItemChanged.connect(lambda *_: self._show_selected())
        self.users.itemSelectionChanged.connect(self._enable)
        keep_geometry(self, "organisations", 860, 600)
        self.refresh()

    # -- showing ----------------------------------------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        select = select if select is not None else self.selected_id()
        self.tree.clear()
        self._add(organisation.subtree(self.root), None, select)
        self.tree.expandAll()
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._show_selected()

    def _add(self, node, parent, select) -> None:
        org = node.organisation
        if org.level == BRANCH:  # a branch's term is kept by its own 换届选举 records
            term = ("", "见本支部换届选举")
        else:
            term = (f"{org.term_years}年", date_label(org.term_start) if org.term_start else "")
        item = QTreeWidgetItem([org.name, org.level, date_label(org.founded_on) if org.founded_on else "", *term])
        item.setData(0, Qt.UserRole, org.id)
        (self.tree.addTopLevelItem(item) if parent is None else parent.addChild(item))
        if org.id == select:
            self.tree.setCurrentItem(item)
        for child in node.children:
            self._add(child, item, select)

    def selected_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.UserRole) if item is not None else None

    def _show_selected(self) -> None:
        chosen = self.selected_id()
        rows = users.users_of(chosen) if chosen is not None else []
        self.users.setRowCount(len(rows))
        for number, user in enumerate(rows):
            for column, text in enumerate((user.login, user.full_name, user.role, "正常" if user.active else "已停用")):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.UserRole, user.id)
                self.users.setItem(number, column, cell)
        self._enable()

    def _selected_user(self) -> int | None:
        rows = self.users.selectionModel().selectedRows() if self.users.selectionModel() else []
        return self.users.item(rows[0].row(), 0).data(Qt.UserRole) if rows else None

    def _enable(self) -> None:
        chosen = self.selected_id()
        level = organisation.get(chosen).level if chosen is not None else None
        is_branch = level == BRANCH
        self.buttons["add"].setEnabled(bool(level and CHILD_LEVELS[level]))
        for key in ("edit", "user"):
            self.buttons[key].setEnabled(chosen is not None)
        self.buttons["delete"].setEnabled(chosen is not None and chosen != self.root)
        self.buttons["elections"].setEnabled(chosen is not None and not is_branch)  # a branch keeps its own
        self.buttons["import"].setEnabled(is_branch)
        self.buttons["export"].setEnabled(is_branch)
        for key in ("password", "active"):
            self.buttons[key].setEnabled(self._selected_user() is not None)

    # -- the tree ---------------------------------------------------------------------------------

    def add_organisation(self) -> None:
        parent_id = self.selected_id()
        if parent_id is None:
            return
        parent = organisation.get(parent_id)
        added = ask(self, "新增组织", _organisation_fields(CHILD_LEVELS[parent.level]),
                    lambda values: organisation.add({**values, "parent_id": parent_id}),
                    f"在“{parent.name}”之下新增组织。新增党支部时，服务器同时为它建立一套台账。")
        if added is not None:
            self.refresh(select=added.id)

    def edit_organisation(self) -> None:
        chosen = self.selected_id()
        if chosen is None:
            return
        changed = ask(self, "修改组织", _organisation_fields((), organisation.get(chosen)),
                      lambda values: organisation.update(chosen, values))
        if changed is not None:
            self.refresh(select=chosen)

    def show_elections(self) -> None:
        from .organisation_elections import OrganisationElections

        chosen = self.selected_id()
        if chosen is not None:
            OrganisationElections(chosen, self).exec()
            self.refresh(select=chosen)  # an approved election starts the term shown

    def delete_organisation(self) -> None:
        chosen = self.selected_id()
        if chosen is None or chosen == self.root:
            return
        name = organisation.get(chosen).name
        if QMessageBox.question(self, "删除组织", f"删除“{name}”吗？", QMessageBox.Yes | QMessageBox.No,
                                QMessageBox.No) != QMessageBox.Yes:
            return
        try:
            organisation.delete(chosen)
        except (ReferencedError, DatabaseError) as exc:
            QMessageBox.warning(self, "删除组织", str(exc))
            return
        self.refresh()

    # -- users ------------------------------------------------------------------------------------

    def add_user(self) -> None:
        chosen = self.selected_id()
        if chosen is None:
            return

        def submit(values: dict):
            if values["password"] != values.pop("again"):
                raise Refused("两次输入的密码不一致。")
            return users.add({**values, "organisation_id": chosen})

        fields = [FormField("login", "用户名", placeholder="英文字母、数字"), FormField("full_name", "姓名"),
                  FormField("role", "角色", "choice", tuple((r, r) for r in ROLES)),
                  FormField("password", "密码", "password"), FormField("again", "再输入一次", "password")]
        if ask(self, "新增用户", fields, submit, f"用户属于“{organisation.get(chosen).name}”。支部书记、组织委员"
               "可以修改本支部的记录；党委用户查看下属各组织并维护组织和用户；审计用户只能查看。") is not None:
            self._show_selected()

    def reset_password(self) -> None:
        user_id = self._selected_user()
        if user_id is None:
            return

        def submit(values: dict) -> bool:
            if values["password"] != values["again"]:
                raise Refused("两次输入的密码不一致。")
            users.set_password(user_id, values["password"])
            return True

        ask(self, "重设密码", [FormField("password", "新密码", "password"), FormField("again", "再输入一次", "password")],
            submit)

    def toggle_user(self) -> None:
        user_id = self._selected_user()
        if user_id is None:
            return
        try:
            users.toggle_active(user_id)
        except NotFoundError as exc:
            QMessageBox.warning(self, "停用/启用", str(exc))
        self._show_selected()

    # -- moving a branch --------------------------------------------------------------------------

    def import_branch(self, path: str | None = None) -> branch_files.ImportResult | None:
        chosen = self.selected_id()
        path = path or open_file(self, "选择要导入的支部数据库文件", "database", DATABASE_FILTER)
        if chosen is None or not path:
            return None
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            result = branch_files.import_file(path, chosen)
        except (DatabaseError, OSError) as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "导入支部文件", f"没有导入，服务器上没有任何改动：{exc}")
            return None
        QApplication.restoreOverrideCursor()
        QMessageBox.information(self, "导入支部文件", result.message())
        return result

    def export_branch(self, path: str | None = None) -> str | None:
        chosen = self.selected_id()
        if chosen is None:
            return None
        path = path or save_file(self, "导出为数据库文件", "database", f"{organisation.get(chosen).name}.db", DATABASE_FILTER)
        if not path:
            return None
        try:
            branch_files.export_branch(chosen, path)
        except (DatabaseError, OSError) as exc:
            QMessageBox.warning(self, "导出为文件", f"没有导出：{exc}")
            return None
        QMessageBox.information(self, "导出为文件", f"已导出为：{path}\n这个文件可以在本程序中直接打开。")
        return path
