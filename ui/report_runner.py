"""Build a printout off the GUI thread, with a progress dialog that can cancel it, then preview or keep it."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from functools import cache
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .background import Cancelled, run_in_background


def run_report(parent: QWidget | None, kind: str, out: Path, title: str, **options) -> Path | None:
    """Build report `kind` into `out` while a progress dialog shows (after a moment) and offers 取消.

    Returns the path written, or None when it failed (the reason is shown) or was cancelled.
    """
    from dangjian_desktop.reports import ReportCancelled, ReportError, build_report

    path, error = run_in_background(
        parent, "生成打印文件", f"正在生成“{title}”…",
        lambda progress: build_report(kind, Path(out), progress=progress, **options), cancellable=True)
    if error is None:
        return path
    if not isinstance(error, (Cancelled, ReportCancelled)):
        message = str(error) if isinstance(error, ReportError) else f"生成时出错：{error}"
        QMessageBox.warning(parent, title, message)
    return None


@cache
def print_folder() -> Path:
    """A private temporary folder for previews, removed when the application quits."""
    folder = Path(tempfile.mkdtemp(prefix="dangjian-print-"))
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(lambda: shutil.rmtree(folder, ignore_errors=True))
    return folder


def preview_report(parent: QWidget | None, kind: str, title: str, **options):
    """Build the PDF into the preview folder and open it in a preview window; returns the window (or None)."""
    stamp = dt.datetime.now().strftime("%H%M%S%f")
    path = run_report(parent, kind, print_folder() / f"{title}-{stamp}.pdf", title, **options)
    if path is None:
        return None
    from .pdf_preview import PdfPreview

    window = PdfPreview(path, title, parent)
    window.show()
    return window
