"""PySide6 6.12.0 drops a reference to None with each call of a method returning nothing (Python 3.11): the
window must survive a long session of such calls, as a ten-year 党费 grid switched between years makes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

LONG_SESSION = textwrap.dedent("""
    import sys
    {prelude}
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    label = QLabel()
    for _ in range(300_000):  # a bare process starts with about 5,000 references to None
        label.setText("党费")
        label.setVisible(False)
    print("survived")
""")



def _run(prelude: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", LONG_SESSION.format(prelude=prelude)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(ROOT)})


def test_a_long_session_of_qt_calls_does_not_abort_the_interpreter():
    result = _run("import ui")
    assert result.returncode == 0, result.stderr[-500:]
    assert "survived" in result.stdout


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_without_the_guard_such_a_session_aborts():
    """The fault is real on this Python and PySide (else the guard is dead code and can go)."""
    result = _run("")
    assert result.returncode != 0 and "dealloc" in result.stderr
