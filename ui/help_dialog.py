"""帮助: the bundled 使用说明 (resources/help/guide.html, offline) and the 快捷键 list.

The shortcuts of the window are read from its menus' actions, so the list says what the keys do now;
the few keys inside dialogs and the print preview follow them.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QTextBrowser, QVBoxLayout, QWidget

from dangjian_desktop.common.paths import resource_path

from .screen import keep_geometry

# Keys that belong to dialogs and the preview rather than to a menu of the main window.
OTHER_KEYS = (
    ("新增或修改记录的窗口", "Ctrl+S", "保存"),
    ("新增或修改记录的窗口", "Esc", "取消（有未保存的修改时先询问）"),
    ("记录列表", "Enter / 双击", "修改所选记录"),
    ("记录列表", "右键", "修改、删除、修改记录、打印所选记录"),
    ("打印预览", "Ctrl+P", "打印"),
    ("打印预览", "Ctrl+S", "另存为 PDF"),
    ("打印预览", "Ctrl++ / Ctrl+-", "放大 / 缩小"),
    ("打印预览", "Esc", "关闭"),
)


def guide_html() -> str:
    return resource_path("help", "guide.html").read_text(encoding="utf-8")


def window_shortcuts(menus: list[QMenu]) -> list[tuple[str, str, str]]:
    """(menu, keys, what) for every action of the menus that has a shortcut."""
    rows = []
    for menu in menus:
        for action in menu.actions():
            if not action.shortcut().isEmpty():
                title = menu.title().split("(")[0]
                rows.append((title, action.shortcut().toString(QKeySequence.NativeText),
                             action.text().replace("&", "").rstrip("…")))
    return rows


def shortcuts_html(menus: list[QMenu]) -> str:
    rows = "".join(f"<tr><td>{html.escape(where)}</td><td><b>{html.escape(keys)}</b></td>"
                   f"<td>{html.escape(what)}</td></tr>"
                   for where, keys, what in [*window_shortcuts(menus), *OTHER_KEYS])
    return ("<h2>快捷键</h2><table cellpadding='4' cellspacing='0' border='1'>"
            "<tr><th>位置</th><th>按键</th><th>作用</th></tr>" + rows + "</table>")


class HelpDialog(QDialog):
    def __init__(self, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(text)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        keep_geometry(self, f"help-{title}", 720, 640)
