"""A tab of the main window holding several pages (民主评议: the results and the rounds; 谈心谈话: the talks and
their coverage), shown as tabs of their own; the window asks it which list is shown."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget


class PagedTab(QWidget):
    def __init__(self, pages: list[tuple[str, QWidget]], parent: QWidget | None = None):
        super().__init__(parent)
        self.pages = QTabWidget(self)
        self.pages.setDocumentMode(True)
        for title, page in pages:
            self.pages.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def current_page(self) -> QWidget:
        return self.pages.currentWidget()

    def show_page(self, page: QWidget) -> bool:
        """Show `page` when it is one of this tab's; False when it is not."""
        if self.pages.indexOf(page) < 0:
            return False
        self.pages.setCurrentWidget(page)
        return True
