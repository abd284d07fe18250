"""One read-only table model for every record list: precomputed cells, search and sort in Python."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCollator, QLocale, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from dangjian_desktop.domain.fields import display_text

LEFT = Qt.AlignLeft | Qt.AlignVCenter
RIGHT = Qt.AlignRight | Qt.AlignVCenter
CENTER = Qt.AlignCenter

# Row tones: (text colour, background colour); the tab's text says the same, colour only adds to it.
TONES = {
    "alert": (QColor("#9f1d1d"), QColor("#fde8e8")),
    "muted": (QColor("#7a7a7a"), None),
}

_collator = QCollator(QLocale(QLocale.Chinese, QLocale.China))
_collator.setNumericMode(True)


@dataclass(frozen=True)
class Column:
    """A column: its header, how to get the value from a row, alignment, and an optional sort key."""

    header: str
    value: Callable[[Any], object]
    align: Qt.AlignmentFlag = LEFT
    sort_key: Callable[[Any], object] | None = None
    width: int = 100


EMPTY_KEY = (1, 0)


def _default_key(value: object) -> tuple:
    """Empty values last; Chinese text in pinyin order; numbers and dates by value."""
    if value is None or value == "":
        return EMPTY_KEY
    if isinstance(value, str):
        return (0, _collator.sortKey(value))
    return (0, value)


class RecordTableModel(QAbstractTableModel):
    """Rows are the core's row objects (each with `id` and `search_key`); the view shows a filtered,
    sorted list of their indices. Filtering and sorting keep the selection (persistent indexes)."""

    def __init__(self, columns: Sequence[Column], tone: Callable[[Any], str | None] | None = None,
                 parent=None):
        super().__init__(parent)
        self.columns = tuple(columns)
        self._tone = tone
        self._rows: list[Any] = []
        self._cells: list[tuple[str, ...]] = []
        self._search: list[str] = []
        self._tones: list[str | None] = []
        self._sort_keys: dict[int, list] = {}
        self._order: list[int] = []
        self._visible: list[int] = []
        self._words: list[str] = []
        self._filters: dict[str, Callable[[Any], bool]] = {}
        self._sort_column, self._sort_order = -1, Qt.AscendingOrder

    # -- data in --------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace all rows; cells, search strings and tones are computed once here."""
        self.beginResetModel()
        self._rows = list(rows)
        values = [column.value for column in self.columns]
        self._cells = [tuple([display_text(value(row)) for value in values]) for row in self._rows]
        self._search = [" ".join((row.search_key, *cells)).lower() for row, cells in zip(self._rows, self._cells, strict=True)]
        self._tones = [self._tone(row) for row in self._rows] if self._tone else [None] * len(self._rows)
        self._sort_keys = {}
        self._order = self._sorted_order()
        self._visible = self._filtered()
        self.endResetModel()

    def set_search(self, text: str) -> None:
        """Show rows whose search string holds every word of `text` (names, pinyin initials, visible texts)."""
        words = text.lower().split()
        if words != self._words:
            self._relayout(lambda: setattr(self, "_words", words))

    def set_filter(self, name: str, predicate: Callable[[Any], bool] | None) -> None:
        """Add, replace or (with None) remove a named row predicate (year, type, stage, status)."""
        def change() -> None:
            if predicate is None:
                self._filters.pop(name, None)
            else:
                self._filters[name] = predicate
        self._relayout(change)

    # -- reading back ---------------------------------------------------------------------------

    def row(self, view_row: int) -> Any:
        return self._rows[self._visible[view_row]]

    def visible_rows(self) -> list[Any]:
        return [self._rows[i] for i in self._visible]

    def all_rows(self) -> list[Any]:
        return list(self._rows)

    def view_row_of(self, record_id: int) -> int:
        """The view row showing the record, or -1 when it is filtered out or absent."""
        for view_row, i in enumerate(self._visible):
            if self._rows[i].id == record_id:
                return view_row
        return -1

    def text(self, view_row: int, column: int) -> str:
        return self._cells[self._visible[view_row]][column]

    # -- Qt model interface ---------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        source = self._visible[index.row()]
        if role == Qt.DisplayRole:
            return self._cells[source][index.column()]
        if role == Qt.ToolTipRole:
            text = self._cells[source][index.column()]
            return text if len(text) > 12 else None
        if role == Qt.TextAlignmentRole:
            return int(self.columns[index.column()].align)
        tone = self._tones[source]
        if tone and role in (Qt.ForegroundRole, Qt.BackgroundRole):
            colour = TONES[tone][0 if role == Qt.ForegroundRole else 1]
            return QBrush(colour) if colour is not None else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.columns[section].header
        if orientation == Qt.Horizontal and role == Qt.TextAlignmentRole:
            return int(self.columns[section].align)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        def change() -> None:
            self._sort_column, self._sort_order = column, order
            self._order = self._sorted_order()
        self._relayout(change)

    # -- internals ------------------------------------------------------------------------------

    def _sorted_order(self) -> list[int]:
        order = list(range(len(self._rows)))
        if 0 <= self._sort_column < len(self.columns):
            keys = self._keys(self._sort_column)
            descending = self._sort_order == Qt.DescendingOrder
            order.sort(key=keys.__getitem__, reverse=descending)
            if descending:  # empty cells stay at the bottom
                order = [i for i in order if keys[i] is not EMPTY_KEY] + [i for i in order if keys[i] is EMPTY_KEY]
        return order

    def _keys(self, column: int) -> list:
        if column not in self._sort_keys:
            spec = self.columns[column]
            if spec.sort_key is not None:
                self._sort_keys[column] = [spec.sort_key(row) for row in self._rows]
            else:
                self._sort_keys[column] = [_default_key(spec.value(row)) for row in self._rows]
        return self._sort_keys[column]

    def _filtered(self) -> list[int]:
        """Rows holding every word and passing every filter, in order: one plain pass per word and filter
        (a keystroke at 10,000 rows stays a few milliseconds)."""
        visible, search, rows = list(self._order), self._search, self._rows
        for word in self._words:
            visible = [i for i in visible if word in search[i]]
        for predicate in self._filters.values():
            visible = [i for i in visible if predicate(rows[i])]
        return visible

    def _relayout(self, change: Callable[[], None]) -> None:
        """Apply a change of search, filter or order and move persistent indexes (the selection) along."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        sources = [self._visible[i.row()] for i in old]
        change()
        self._visible = self._filtered()
        position = {source: view_row for view_row, source in enumerate(self._visible)}
        new = [self.index(position[s], i.column()) if s in position else QModelIndex()
               for s, i in zip(sources, old, strict=True)]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

