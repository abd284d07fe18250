"""The sort arrow the right way round for people used to Excel and WPS: ▲ over a column sorted ascending
(smallest, earliest, 拼音 A first), ▼ over one sorted descending. Qt's header asks the style for the
opposite (Qt::AscendingOrder draws ▼), so the record lists' headers get this style, which turns it round.
Only the headers use it: a style written in Python costs a call into Python for every primitive painted.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QProxyStyle, QStyle, QStyleOptionHeader

_TURNED = {QStyleOptionHeader.SortUp: QStyleOptionHeader.SortDown,
           QStyleOptionHeader.SortDown: QStyleOptionHeader.SortUp}


class _TurnedSortArrow(QProxyStyle):
    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802 - Qt override
        if element == QStyle.PE_IndicatorHeaderArrow and isinstance(option, QStyleOptionHeader):
            option = QStyleOptionHeader(option)
            option.sortIndicator = _TURNED.get(option.sortIndicator, option.sortIndicator)
        super().drawPrimitive(element, option, painter, widget)


_style: _TurnedSortArrow | None = None


def turn_sort_arrow(header: QHeaderView) -> None:
    """Give `header` the turned arrow (one style shared by all headers, kept for the app's lifetime)."""
    global _style
    if _style is None:
        _style = _TurnedSortArrow("Fusion")
    header.setStyle(_style)
