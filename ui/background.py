"""Long work off the GUI thread: one worker with its own database connection, behind a progress dialog."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget


class Cancelled(Exception):
    """The user pressed 取消; the job stops where that is safe (an import rolls back)."""


class _Job(QObject):
    """Runs one callable on a worker thread inside its own database connection."""

    progressed = Signal(int, int)
    finished = Signal(object, object)  # result, exception

    def __init__(self, work: Callable[[Callable[[int, int], None]], Any]):
        super().__init__()
        self.work = work
        self.cancelled = False

    def run(self) -> None:
        from dangjian_desktop.store.connection import close_database

        try:
            result = self.work(self._progress)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which explains it
            self.finished.emit(None, exc)
        else:
            self.finished.emit(result, None)
        finally:
            close_database()  # this thread's connection only; the window's stays open

    def _progress(self, done: int, total: int) -> None:
        if self.cancelled:
            raise Cancelled
        self.progressed.emit(done, total)


class _Relay(QObject):
    """Lives in the GUI thread so the job's signals reach the progress dialog there."""

    def __init__(self, progress: QProgressDialog, loop: QEventLoop):
        super().__init__()
        self.progress, self.loop = progress, loop
        self.outcome: tuple[Any, BaseException | None] | None = None

    @Slot(int, int)
    def show(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, total))

    @Slot(object, object)
    def finish(self, result: Any, error: BaseException | None) -> None:
        self.outcome = (result, error)
        self.loop.quit()


def _collect_due() -> None:
    """Do what Python's automatic collector would do now, on the GUI thread that calls this."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return


def run_in_background(parent: QWidget | None, title: str, text: str,
                      work: Callable[[Callable[[int, int], None]], Any], *, cancellable: bool = False
                      ) -> tuple[Any, BaseException | None]:
    """Run `work(progress)` off the GUI thread with a progress dialog; return (result, exception).

    While the job runs, Python's automatic garbage collector is off and a timer on the GUI thread collects
    instead: a collection triggered by the worker's allocations would otherwise destroy Qt objects left in
    reference cycles (closed dialogs, widgets) on the worker thread, which crashes the process.
    """
    progress = QProgressDialog(text, "取消" if cancellable else "", 0, 0, parent)
    if not cancellable:
        progress.setCancelButton(None)
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModal)
    progress.setMinimumDuration(300)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    job, thread, loop = _Job(work), QThread(), QEventLoop()
    relay = _Relay(progress, loop)
    job.moveToThread(thread)
    job.progressed.connect(relay.show)
    job.finished.connect(relay.finish)
    progress.canceled.connect(lambda: setattr(job, "cancelled", True))
    thread.started.connect(job.run)
    collector = QTimer(interval=100, timeout=_collect_due)
    collecting_was_on = gc.isenabled()
    gc.disable()
    collector.start()
    QApplication.setOverrideCursor(Qt.BusyCursor)
    thread.start()
    try:
        if relay.outcome is None:
            loop.exec()
    finally:
        QApplication.restoreOverrideCursor()
        thread.quit()
        thread.wait()
        collector.stop()
        if collecting_was_on:
            gc.enable()
        progress.close()
        progress.deleteLater()
    return relay.outcome
