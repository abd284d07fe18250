"""The Qt window of 党建台账: main window, record tabs and dialogs; the only package that imports Qt."""

from .singletons import keep_alive

keep_alive()  # before any Qt call of this package: see singletons.py
