"""None, True and False kept alive for PySide6 6.12.0 on Python 3.11 and older.

That release drops a reference to None with every call of a method that returns nothing (QLabel.setText,
QTableWidgetItem.setToolTip: measured 500 calls, 500 references), and a window makes tens of thousands of such
calls: the 党费 grid of a ten-year database switched between years a few times, then the interpreter aborts with
"none_dealloc" (or "bool_dealloc" at exit). Python 3.12 made these three objects immortal; on older Pythons this
gives them a reference count no session can use up, which is all immortality means there. PySide6 6.11.3 does
not have the fault, but QtPdf (the print preview) ships for 6.12 only.
"""

from __future__ import annotations

import ctypes
import sys

# Far more than any run can drop, far from the top of the counter (it is the object's first field, a Py_ssize_t).
_RESERVE = 1 << (8 * ctypes.sizeof(ctypes.c_ssize_t) - 16)


def keep_alive() -> None:
    """Raise the reference counts of None, True and False once; a no-op where they are immortal."""
    if sys.version_info >= (3, 12) or getattr(keep_alive, "done", False):
        return
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += _RESERVE
    keep_alive.done = True
