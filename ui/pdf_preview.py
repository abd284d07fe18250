"""The print preview: the PDF as it will print, with 打印, 另存为 PDF and 用系统程序打开."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from .file_dialogs import save_file
from .icons import icon
from .screen import keep_geometry

PRINT_DPI = 300  # pages are rendered at this resolution at most: sharp text, bounded memory


class PdfPreview(QMainWindow):
    """One printout in its own window; the file is a temporary copy until saved elsewhere."""

    def __init__(self, path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path, self.title = Path(path), title
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.setWindowTitle(f"打印预览 — {title}")
        self.document = QPdfDocument(self)
        self.document.load(str(self.path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.setCentralWidget(self.view)
        self._build_toolbar()
        self.pages_label = QLabel(f"共 {self.document.pageCount()} 页")
        self.statusBar().addPermanentWidget(self.pages_label)
        keep_geometry(self, "preview", 900, 1000)

    def _build_toolbar(self) -> None:
        bar = self.addToolBar("打印")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)

        def add(text: str, slot, shortcut=None, icon_name: str | None = None) -> QAction:
            action = bar.addAction(icon(icon_name), text) if icon_name else bar.addAction(text)
            action.triggered.connect(lambda _checked=False: slot())
            if shortcut is not None:
                action.setShortcut(shortcut)
            return action

        self.print_action = add("打印…", self.print_document, QKeySequence.Print, "print")
        self.save_action = add("另存为 PDF…", self.save_as, QKeySequence.Save)
        self.open_action = add("用系统程序打开", self.open_externally)
        bar.addSeparator()
        add("适合宽度", lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        add("整页", lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        add("放大", lambda: self._zoom(1.25), QKeySequence.ZoomIn)
        add("缩小", lambda: self._zoom(0.8), QKeySequence.ZoomOut)
        bar.addSeparator()
        self.close_action = add("关闭", self.close, QKeySequence.Close)
        QShortcut(QKeySequence(Qt.Key_Escape), self, self.close)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(5.0, self.view.zoomFactor() * factor)))

    # -- printing ---------------------------------------------------------------------------------

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.HighResolution)
        printer.setDocName(self.title)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() == QPrintDialog.Accepted:
            self.statusBar().showMessage("正在发送到打印机…")
            pages = self.print_to(printer)
            self.statusBar().showMessage(f"已发送 {pages} 页到打印机。", 8000)

    def print_to(self, printer: QPrinter, dpi: int = PRINT_DPI) -> int:
        """Paint the chosen pages (all when no range is set) onto `printer`, each rendered at ≤ `dpi`."""
        count = self.document.pageCount()
        first = max(printer.fromPage(), 1) - 1 if printer.fromPage() else 0
        last = min(printer.toPage(), count) - 1 if printer.toPage() else count - 1
        size = self.document.pagePointSize(first)
        orientation = QPageLayout.Landscape if size.width() > size.height() else QPageLayout.Portrait
        printer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), orientation, printer.pageLayout().margins()))
        printer.setFullPage(True)
        resolution = min(printer.resolution(), dpi)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, "打印", "无法连接打印机，请检查打印机是否可用。")
            return 0
        try:
            for number in range(first, last + 1):
                if number > first:
                    printer.newPage()
                points = self.document.pagePointSize(number)
                pixels = QSize(round(points.width() / 72 * resolution), round(points.height() / 72 * resolution))
                image = self.document.render(number, pixels)
                painter.drawImage(QRectF(printer.paperRect(QPrinter.DevicePixel)), image)
        finally:
            painter.end()
        return last - first + 1

    # -- keeping and opening ----------------------------------------------------------------------

    def save_as(self) -> Path | None:
        target = save_file(self, "另存为 PDF", "print", f"{self.title}.pdf", "PDF 文件 (*.pdf)")
        if not target:
            return None
        target_path = Path(target) if target.lower().endswith(".pdf") else Path(target + ".pdf")
        try:
            shutil.copyfile(self.path, target_path)
        except OSError as exc:
            QMessageBox.warning(self, "另存为 PDF", f"无法保存到 {target_path}：{exc.strerror or exc}")
            return None
        self.statusBar().showMessage(f"已保存：{target_path}", 8000)
        return target_path

    def open_externally(self) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path))):
            QMessageBox.warning(self, "用系统程序打开", "没有找到能打开 PDF 的程序。可以先“另存为 PDF”，再用其他程序打开。")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.document.close()
        super().closeEvent(event)
