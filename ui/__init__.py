"""The Qt window of 党建台账: main window, record tabs and dialogs; the only package that imports Qt."""
