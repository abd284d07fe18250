"""The 文件 menu's data actions: back up, restore, export and import Excel, the import template, deleted
records; and, at start-up, offering the latest good backup for a file that cannot be opened.

Long work runs on a worker thread (its own database connection) behind a progress dialog; the widgets
here only choose files, call the core and show its answers.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from dangjian_desktop.store.connection import DatabaseError
from dangjian_desktop.store.session import Session

from .background import Cancelled, run_in_background
from .file_dialogs import choose_folder, open_file, save_file

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
BACKUP_FILTER = "党建台账数据库或备份 (*.db *.zip);;所有文件 (*)"


def explain(error: BaseException) -> str:
    """A Chinese sentence for an expected failure; anything else is re-raised to the app's error handler."""
    from dangjian_desktop.archive.year_archive import ArchiveError
    from dangjian_desktop.excel import ExcelFileError
    from dangjian_desktop.store.connection import database_path
    from dangjian_desktop.store.faults import disk_fault

    if isinstance(error, (DatabaseError, ExcelFileError, ArchiveError)):
        return str(error)
    if isinstance(error, PermissionError):
        return f"没有权限写入或读取 {error.filename}。如果文件正在 Excel 或 WPS 中打开，请先关闭它。"
    fault = disk_fault(error, Path(error.filename) if getattr(error, "filename", None) else database_path())
    if fault is not None:  # a full disk is neither a damaged file nor a bug
        return str(fault)
    if isinstance(error, OSError):
        return f"文件操作失败：{error.filename or ''} {error.strerror or error}"
    raise error


def _both_contents(backup_file: Path, current: Path):
    """The backup's contents (checked: a bad file raises) and the current file's (None when unreadable)."""
    from dangjian_desktop.store.restore import contents_of

    backup_side = contents_of(backup_file)
    try:
        current_side = contents_of(current)
    except DatabaseError:  # damaged or missing: the restore sets it aside, and the table says so
        current_side = None
    return backup_side, current_side


def compare_html(backup_side, current_side) -> str:
    """The backup beside the current file: when saved, which branch, how many members, meetings, activities."""
    labels = [label for label, _text in backup_side.lines()]
    theirs = [text for _label, text in backup_side.lines()]
    ours = ([text for _label, text in current_side.lines()] if current_side is not None
            else ["无法读取（将原样改名保留）"] + [""] * (len(labels) - 1))
    rows = "".join(f"<tr><td style='white-space:nowrap'>{label}</td><td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>"
                   for label, a, b in zip(labels, theirs, ours, strict=True))
    return ("<table cellpadding='3' border='1' cellspacing='0'>"
            "<tr><th></th><th>备份文件</th><th>当前数据库</th></tr>" + rows + "</table>")


class DataActions(QObject):
    """Adds the data actions to the window's 文件 and 记录 menus and carries them out."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        menu, before = window.file_menu, window.quit_action
        self.actions = {}
        for key, text, slot in (
            ("backup", "备份到…", self.backup),
            ("encrypted", "加密备份到U盘…", self.backup_encrypted),
            ("restore", "从备份恢复…", self.restore),
            (None, None, None),
            ("export", "导出 Excel…", self.export_excel),
            ("import", "导入 Excel…", self.import_excel),
            ("template", "下载导入模板…", self.save_template),
            (None, None, None),
            ("archive", "年度归档…", self.archive_year),
            (None, None, None),
        ):
            if key is None:
                menu.insertSeparator(before)
                continue
            action = QAction(text, menu)
            menu.insertAction(before, action)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.actions[key] = action
        window.database_opened.connect(self._show_backup_warning)
        self._show_backup_warning()

    @property
    def db_path(self) -> Path:
        """The open file (the actions that use it are off on a server)."""
        return Path(self.window.db_path)

    def _warn(self, title: str, error: BaseException) -> None:
        QMessageBox.warning(self.window, title, explain(error))

    def _show_backup_warning(self) -> None:
        if self.window.session.backup_warning:
            self.window.statusBar().showMessage(self.window.session.backup_warning, 30_000)

    # -- backup and restore -----------------------------------------------------------------------

    def backup(self, folder: str | None = None) -> Path | None:
        from dangjian_desktop.store.backup import backup_to

        folder = folder or choose_folder(self.window, "备份到（可选U盘）", "backup")
        if not folder:
            return None
        result, error = run_in_background(self.window, "备份", "正在备份数据库…", lambda _p: backup_to(folder))
        if error is not None:
            self._warn("备份", error)
            return None
        QMessageBox.information(self.window, "备份", f"已备份到：\n{result}")
        return result

    def backup_encrypted(self, folder: str | None = None, password: str | None = None) -> Path | None:
        """The database and its attachments in one AES-encrypted zip on a USB stick."""
        from dangjian_desktop.store.backup import backup_encrypted

        from .password_dialog import SET_TEXT, ask_password

        folder = folder or choose_folder(self.window, "加密备份到（U盘）", "backup")
        if not folder:
            return None
        password = password or ask_password(self.window, "加密备份", SET_TEXT, confirm=True)
        if password is None:
            return None
        result, error = run_in_background(self.window, "加密备份", "正在备份并加密…",
                                          lambda _p: backup_encrypted(folder, password))
        if error is not None:
            self._warn("加密备份", error)
            return None
        QMessageBox.information(self.window, "加密备份", f"已加密备份到：\n{result}\n\n恢复时需要输入这个密码。")
        return result

    def restore(self, file: str | None = None, password: str | None = None) -> bool:
        """Restore from a backup file, or from an encrypted backup (its password asked, the file decrypted beside the
        database for the check and the restore, then removed)."""
        from dangjian_desktop.store.backup import backups_dir
        from dangjian_desktop.store.encrypted import is_encrypted
        from dangjian_desktop.store.restore import decrypted

        from .password_dialog import ask_password

        start_dir = backups_dir(self.db_path)
        file = file or open_file(self.window, "选择备份文件", "backup", BACKUP_FILTER, start=start_dir)
        if not file:
            return False
        if not (Path(file).is_file() and is_encrypted(Path(file))):
            return self._restore(file, file)
        password = password or ask_password(self.window, "打开加密备份", f"请输入 {Path(file).name} 的密码。", False)
        if password is None:
            return False
        try:
            with decrypted(file, password, self.db_path) as plain:
                return self._restore(str(plain), file)
        except DatabaseError as exc:  # a wrong password, a damaged zip: nothing changed
            self._warn("从备份恢复", exc)
            return False

    def _restore(self, file: str, shown: str) -> bool:
        from dangjian_desktop.store.backup import backups_dir
        from dangjian_desktop.store.restore import restore_from

        start_dir = backups_dir(self.db_path)
        found, error = run_in_background(self.window, "从备份恢复", "正在检查备份文件…",
                                         lambda _p: _both_contents(Path(file), self.db_path))
        if error is not None:  # a bad backup is refused before anything is asked or changed
            self._warn("从备份恢复", error)
            return False
        backup_side, current_side = found
        answer = QMessageBox.question(
            self.window, "从备份恢复",
            f"<p>用备份 {html.escape(str(shown))}<br>替换当前数据库 {html.escape(str(self.db_path))} 吗？</p>"
            + compare_html(backup_side, current_side)
            + f"<p>恢复前会先把当前数据库备份到 {html.escape(str(start_dir))}。</p>",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return False
        result, error = run_in_background(self.window, "从备份恢复", "正在检查并恢复…",
                                          lambda _p: restore_from(file, self.db_path))
        if error is not None:
            self._warn("从备份恢复", error)
            return False
        self.window.switch_database(self.db_path)  # reopen here too: a restored older file is migrated
        saved = f"\n恢复前的数据库已备份为：\n{result.safety_backup}" if result.safety_backup else ""
        lost = f"\n\n注意：{result.attachment_problems()}" if result.attachment_problems() else ""
        QMessageBox.information(self.window, "从备份恢复", f"已从备份恢复。{saved}{lost}")
        return True

    # -- the year's archive -----------------------------------------------------------------------

    def archive_year(self, year: int | None = None, out: str | None = None, archive=None, whose: str = "") -> Path | None:
        """Every printout, the records and the attachments of a year in one zip, with a progress bar and 取消: of the
        open branch, or what `archive(year, out, progress, password)` writes (a 党委's branches, `whose`)."""
        from dangjian_desktop.archive.year_archive import write_year_archive
        from dangjian_desktop.reports.errors import ReportCancelled

        archive = archive or (lambda y, o, p, password: write_year_archive(y, o, p, password=password))
        from dangjian_desktop.reports.year_summary import default_year

        if year is None:
            chosen, ok = QInputDialog.getInt(self.window, "年度归档", "归档哪一年：", default_year(dt.date.today()),
                                             2000, dt.date.today().year)
            if not ok:
                return None
            year = chosen
        out = out or save_file(self.window, "年度归档", "archive", f"{whose}{year}年党建档案.zip", "zip 压缩文件 (*.zip)")
        if not out:
            return None
        from .password_dialog import SET_TEXT, ask_password

        password = None
        if QMessageBox.question(self.window, "年度归档", "档案中的 Excel 记录含有党员的身份证号和电话。要用密码加密这个"
                                "档案吗？（放在U盘上或交给他人时建议加密）", QMessageBox.Yes | QMessageBox.No,
                                QMessageBox.Yes) == QMessageBox.Yes:
            password = ask_password(self.window, "加密档案", SET_TEXT, confirm=True)
            if password is None:
                return None
        result, error = run_in_background(self.window, "年度归档", f"正在生成{year}年的台账和档案…",
                                          lambda p: archive(year, out, p, password),
                                          cancellable=True)
        if isinstance(error, (Cancelled, ReportCancelled)):
            return None
        if error is not None:
            self._warn("年度归档", error)
            return None
        notes = [f"本年度没有{name.rsplit('.', 1)[0]}" for name, _why in result.skipped]
        notes += [f"附件{text}" for text in result.attachment_problems]
        shown = "\n".join(notes[:12])
        QMessageBox.information(self.window, "年度归档",
                                f"已生成：\n{result.path}\n\n共 {len(result.files)} 个文件，打开其中的 index.html 可查看目录。"
                                + ("已加密：用 7-Zip、WinRAR 等输入密码解压。" if password else
                                   "其中的 Excel 记录含完整的身份证号和电话，请妥善保管。")
                                + (f"\n\n{shown}" if shown else ""))
        return result.path

    # -- Excel ------------------------------------------------------------------------------------

    def export_excel(self, out: str | None = None) -> Path | None:
        from dangjian_desktop.excel.export import export_workbook

        out = out or save_file(self.window, "导出 Excel", "excel", f"党建台账导出-{dt.date.today():%Y-%m-%d}.xlsx",
                               XLSX_FILTER)
        if not out:
            return None
        result, error = run_in_background(self.window, "导出 Excel", "正在导出…",
                                          lambda p: export_workbook(out, p), cancellable=True)
        if isinstance(error, Cancelled):
            return None
        if error is not None:
            self._warn("导出 Excel", error)
            return None
        counts = "，".join(f"{sheet} {n} 条" for sheet, n in result.counts.items())
        warnings = "\n\n" + "\n".join(result.warnings[:10]) if result.warnings else ""
        QMessageBox.information(self.window, "导出 Excel", f"已导出到：\n{result.path}\n\n{counts}{warnings}")
        return result.path

    def save_template(self, out: str | None = None) -> Path | None:
        from dangjian_desktop.excel.template import write_template

        out = out or save_file(self.window, "下载导入模板", "excel", "党建台账导入模板.xlsx", XLSX_FILTER)
        if not out:
            return None
        try:
            path = write_template(out)
        except OSError as exc:
            self._warn("下载导入模板", exc)
            return None
        QMessageBox.information(self.window, "下载导入模板",
                                f"模板已保存到：\n{path}\n\n按“填写说明”填好后，用“导入 Excel…”导入。")
        return path

    def import_excel(self, file: str | None = None) -> bool:
        """Check the whole workbook first (a dry run), show every problem, import only when there are none."""
        from dangjian_desktop.excel.importer import import_workbook

        file = file or open_file(self.window, "导入 Excel", "excel", XLSX_FILTER)
        if not file:
            return False
        return self.checked_import("导入 Excel", file, lambda dry_run, update, upgrade_ids, p: import_workbook(
            file, dry_run=dry_run, update=update, upgrade_ids=upgrade_ids, progress=p))

    def checked_import(self, title: str, file: str, run) -> bool:
        """`run(dry_run, update, upgrade_ids, progress)` first as a dry run whose report is shown; written only
        when it found no problems and the user says so. True when written."""
        from .import_report_dialog import ImportReportDialog

        update = upgrade_ids = False
        for dry_run in (True, False):
            text = "正在检查工作簿…" if dry_run else "正在导入…"
            report, error = run_in_background(self.window, title, text,
                                              lambda p, d=dry_run, u=update, i=upgrade_ids: run(d, u, i, p),
                                              cancellable=True)
            if isinstance(error, Cancelled):
                return False
            if error is not None:
                self._warn(title, error)
                return False
            dialog = ImportReportDialog(report, Path(file).name, dry_run, self.window)
            if report.problems or not dry_run:
                if not dry_run:
                    self.window.refresh_all()
                dialog.exec()
                return report.written
            if not dialog.exec():
                return False
            update, upgrade_ids = dialog.update_wanted, dialog.upgrade_ids.isChecked()
        return False


def offer_recovery(parent: QWidget | None, path: Path, error: DatabaseError) -> Session | None:
    """At start-up: explain why `path` cannot be opened and, when there is a good backup, offer it.

    The unusable file is never written to or deleted: the restore renames it aside untouched
    (`<name>.unusable-<time>`) and copies the backup to the original path. The session on it when it
    is open now.
    """
    from dangjian_desktop.store.file_check import UnusableDatabaseError
    from dangjian_desktop.store.lock import DatabaseLock
    from dangjian_desktop.store.restore import restore_from
    from dangjian_desktop.store.session import open_session

    backup = getattr(error, "backup", None) if isinstance(error, UnusableDatabaseError) else None
    if backup is None:
        QMessageBox.critical(parent, "无法打开数据库", str(error))
        return None
    answer = QMessageBox.question(
        parent, "无法打开数据库",
        f"{error}\n\n要用这份备份恢复并打开吗？\n原文件不会被改动或删除：它会原样改名为"
        f"“{path.name}.unusable-日期时间”留在原文件夹中，以备送修。")
    if answer != QMessageBox.Yes:
        return None
    try:
        with DatabaseLock(path):
            result = restore_from(backup, path)
        session = open_session(path, writer=True)
    except (DatabaseError, OSError) as exc:
        QMessageBox.critical(parent, "无法恢复", explain(exc))
        return None
    QMessageBox.information(parent, "已恢复", f"已用备份 {backup.name} 恢复。\n原文件保留为：{result.set_aside}")
    return session
