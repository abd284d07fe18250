"""Build a printout off the GUI thread, with a progress dialog that can cancel it, then preview or keep it."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from functools import cache
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget


class _Worker(QObject):
    """Runs `build_report` in its thread on its own database connection; the GUI thread sets `cancelled`."""

    progressed = Signal(int, int)
    done = Signal(object, str)  # the path written (None if not), and a Chinese message when it failed

    def __init__(self, kind: str, out: Path, options: dict) -> None:
        super().__init__()
        self.kind, self.out, self.options = kind, out, options
        self.cancelled = False

    def run(self) -> None:
        from dangjian_desktop.db import db
        from dangjian_desktop.reports import ReportCancelled, ReportError, build_report

        try:
            with db.connection_context():
                path = build_report(self.kind, self.out, progress=self._progress, **self.options)
        except ReportCancelled:
            self.done.emit(None, "")
        except ReportError as exc:
            self.done.emit(None, str(exc))
        except Exception as exc:  # noqa: BLE001 - shown to the user; the app keeps running
            self.done.emit(None, f"生成时出错：{exc}")
        else:
            self.done.emit(path, "")

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self.cancelled


class _Relay(QObject):
    """Lives in the GUI thread, so the worker's signals reach the progress dialog there (queued)."""

    def __init__(self, progress: QProgressDialog, loop: QEventLoop) -> None:
        super().__init__()
        self.progress, self.loop = progress, loop
        self.outcome: dict[str, object] = {}

    @Slot(int, int)
    def show(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, total))

    @Slot(object, str)
    def finish(self, path: Path | None, message: str) -> None:
        self.outcome.update(path=path, message=message)
        self.loop.quit()


def run_report(parent: QWidget | None, kind: str, out: Path, title: str, **options) -> Path | None:
    """Build report `kind` into `out` while a progress dialog shows (after a moment) and offers 取消.

    Returns the path written, or None when it failed (the reason is shown) or was cancelled.
    """
    progress = QProgressDialog(f"正在生成“{title}”…", "取消", 0, 0, parent)
    progress.setWindowTitle("生成打印文件")
    progress.setWindowModality(Qt.WindowModal)
    progress.setMinimumDuration(400)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    worker, thread, loop = _Worker(kind, Path(out), options), QThread(), QEventLoop()
    relay = _Relay(progress, loop)
    worker.moveToThread(thread)
    worker.progressed.connect(relay.show)
    worker.done.connect(relay.finish)
    progress.canceled.connect(lambda: setattr(worker, "cancelled", True))
    thread.started.connect(worker.run)
    QApplication.setOverrideCursor(Qt.BusyCursor)
    thread.start()
    try:
        if not relay.outcome:
            loop.exec()
    finally:
        QApplication.restoreOverrideCursor()
        thread.quit()
        thread.wait()
        progress.close()
        progress.deleteLater()
    if relay.outcome.get("message"):
        QMessageBox.warning(parent, title, str(relay.outcome["message"]))
    return relay.outcome.get("path")  # type: ignore[return-value]


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
