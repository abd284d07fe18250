"""Start the window: application font, Qt's Chinese translations, icon, style, then the database."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from dangjian_desktop import APP_NAME
from dangjian_desktop.common.errorlog import log_unexpected
from dangjian_desktop.common.paths import default_db_path, resource_path
from dangjian_desktop.store.connection import DatabaseError, is_server

from .icons import icon

ORGANISATION = "dangjian_desktop"
FONT_POINT_SIZE = 10


def setup_application(app: QApplication) -> None:
    """Names for QSettings, the bundled CJK font as the application font, zh_CN buttons, icon, style.

    Safe to call more than once (tests call it on pytest-qt's application)."""
    if app.property("dangjian_ready"):
        return
    app.setProperty("dangjian_ready", True)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(ORGANISATION)
    app.setApplicationDisplayName(APP_NAME)
    app.setStyle("Fusion")
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))  # calendars and numbers in Chinese
    font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", "wqy-microhei.ttc")))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], FONT_POINT_SIZE))
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(translator)
    app.setWindowIcon(icon("app"))
    style_sheet = resource_path("styles", "app.qss")
    if style_sheet.exists():
        app.setStyleSheet(style_sheet.read_text(encoding="utf-8"))


def _report_unexpected(kind, value, tb) -> None:
    """An unexpected error: keep the details in a log file and tell the user in Chinese."""
    log = log_unexpected(value.with_traceback(tb))
    QMessageBox.critical(None, f"{APP_NAME}出错", "程序遇到了意外错误，刚才的操作可能没有完成。\n"
                         + (f"详细信息已记录在 {log}。" if log else ""))


def run_app(db_path: Path | str) -> int:
    """Open the database (a file, or a postgresql:// server after signing in) and show the main window; a database
    that cannot be opened is explained."""
    from .file_dialogs import prefer_chinese_dates

    prefer_chinese_dates()  # read by Qt when the application starts
    app = QApplication.instance() or QApplication(sys.argv)
    setup_application(app)
    from .main_window import MainWindow
    from .server_dialogs import remembered_server, sign_in

    if is_server(db_path):
        session = sign_in(None, db_path)
    else:
        session = None
        if Path(db_path) == default_db_path() and remembered_server():  # the clerk works on a server
            session = sign_in(None, remembered_server())
        session = session or _open_file(db_path)
    if session is None:
        return 1
    sys.excepthook = _report_unexpected
    window = MainWindow(session)
    window.show()
    try:
        return app.exec()
    finally:
        window.session.close()


def _open_file(db_path: Path):
    """The window's session on a file; a file that cannot be opened is explained, with its latest good backup
    offered (None when the user gives up)."""
    from dangjian_desktop.store.session import open_session

    try:
        return open_session(db_path, writer=True)
    except DatabaseError as exc:
        from .data_actions import offer_recovery  # names the file; offers the latest good backup

        return offer_recovery(None, Path(db_path), exc)
