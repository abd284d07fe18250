"""The background runner: results, errors, and Python's garbage collector kept on the GUI thread."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QWidget

from ui.background import run_in_background


class _Cycle:
    """Garbage in a reference cycle that notes which thread finalised it."""

    finalised_on: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.finalised_on.append(threading.current_thread().name)


def test_result_and_error_come_back(qtbot):
    assert run_in_background(None, "测试", "正在计算…", lambda _p: 41 + 1) == (42, None)
    result, error = run_in_background(None, "测试", "正在计算…", lambda _p: 1 / 0)
    assert result is None and isinstance(error, ZeroDivisionError)


def test_garbage_made_on_the_gui_thread_is_never_collected_by_the_worker(qtbot):
    # A Qt wrapper destroyed by a collection the worker triggers crashed CI with a segfault; widgets
    # left in cycles by earlier tests or dialogs are exactly such garbage.
    _Cycle.finalised_on.clear()
    gui_thread = threading.current_thread().name
    for _ in range(50):
        _Cycle()
        QWidget().setProperty("cycle", [None])

    def churn(_progress):
        for _ in range(200_000):  # enough allocations for many automatic collections
            a: list = []
            a.append(a)
        return gc.isenabled()

    enabled_in_worker, error = run_in_background(None, "测试", "正在计算…", churn)
    gc.collect()
    assert _Cycle.finalised_on and set(_Cycle.finalised_on) == {gui_thread}
    assert error is None and not enabled_in_worker
    assert gc.isenabled()


def test_garbage_is_still_collected_while_a_long_job_runs(qtbot):
    _Cycle.finalised_on.clear()

    def wait_for_collection(_progress):
        for _ in range(1000):
            _Cycle()
        for _ in range(200):  # up to 2 s for the GUI thread's collector to come round
            if _Cycle.finalised_on:
                return set(_Cycle.finalised_on)
            threading.Event().wait(0.01)
        return set()

    finalised_during_job, error = run_in_background(None, "测试", "正在计算…", wait_for_collection)
    assert error is None and finalised_during_job == {threading.current_thread().name}
