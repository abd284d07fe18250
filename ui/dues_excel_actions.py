"""The 党费 tab's Excel: the year's grid exported as on screen, a grid of payments and the payroll's sheet of pays
imported, each checked first (a dry run whose report is shown) and written only when it is right."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QToolButton

from .data_actions import XLSX_FILTER
from .file_dialogs import open_file, save_file
from .icons import icon


class DuesExcelActions:
    """Adds 导出Excel and 导入Excel (a menu: payments, pays) to the window's 党费 tab."""

    def __init__(self, window) -> None:
        self.window = window
        self.view = window.dues_view
        self.export_action = self.view.add_action("导出Excel…", self.export_grid, "export",
                                                  "把所示年度的交纳情况按屏幕上的样子导出为 Excel")
        menu = QMenu(self.view)
        menu.addAction("导入交纳表（按本程序导出的格式）…").triggered.connect(lambda _c=False: self.import_grid())
        menu.addAction("导入工资表（核定基数）…").triggered.connect(lambda _c=False: self.import_payroll())
        button = QToolButton(self.view)
        button.setText("导入Excel")
        button.setIcon(icon("import"))
        button.setToolButtonStyle(self.view.toolbar.toolButtonStyle())
        button.setPopupMode(QToolButton.InstantPopup)
        button.setMenu(menu)
        button.setToolTip("导入交纳表（月份栏填金额）或工资表（姓名或身份证号、工资）")
        self.import_menu = menu
        self.view.toolbar.insertWidget(self.export_action, button)

    def export_grid(self, out: str | None = None):
        from dangjian_desktop.excel.dues_sheets import export_dues_grid

        year = self.view.year
        out = out or save_file(self.window, "导出党费交纳情况", "excel", f"{year}年党费收缴情况.xlsx", XLSX_FILTER)
        if not out:
            return None
        try:
            path = export_dues_grid(year, out, self.view.today())
        except Exception as exc:  # noqa: BLE001 - explained, or re-raised to the app's handler
            from .data_actions import explain

            QMessageBox.warning(self.window, "导出党费交纳情况", explain(exc))
            return None
        QMessageBox.information(self.window, "导出党费交纳情况", f"已导出到：\n{path}")
        return path

    def import_grid(self, file: str | None = None) -> bool:
        from dangjian_desktop.excel.dues_sheets import import_dues_grid

        year = self.view.year
        file = file or open_file(self.window, f"导入{year}年党费交纳表", "excel", XLSX_FILTER)
        if not file:
            return False
        today = self.view.today()
        return self._checked(f"导入{year}年党费交纳表", file,
                             lambda dry_run: import_dues_grid(file, year, dry_run=dry_run, today=today))

    def import_payroll(self, file: str | None = None, from_month: int | None = None) -> bool:
        from dangjian_desktop.excel.dues_sheets import import_payroll

        year = self.view.year
        if from_month is None:
            default = dt.date.today().month if year == dt.date.today().year else 1
            from_month, ok = QInputDialog.getInt(self.window, "导入工资表", f"按工资表核定{year}年党费基数，自几月起执行：",
                                                 default, 1, 12)
            if not ok:
                return False
        file = file or open_file(self.window, f"导入工资表（{year}年党费基数）", "excel", XLSX_FILTER)
        if not file:
            return False
        return self._checked("导入工资表", file,
                             lambda dry_run: import_payroll(file, year, from_month, dry_run=dry_run))

    def _checked(self, title: str, file: str, run) -> bool:
        written = self.window.data_actions.checked_import(title, file, lambda dry_run, _u, _i, _p: run(dry_run))
        if written:
            self.view.refresh()
        return written
