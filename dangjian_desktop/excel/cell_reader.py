"""Reading the cells of an import: each kind of field by its reader, a 身份证号 as text, a reference by the name
of the record it names (a member by name, a meeting by "2025-03-05 支委会：主题"), the names read once per kind."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.fields import FieldKind
from dangjian_desktop.excel import cells
from dangjian_desktop.excel.columns import Column
from dangjian_desktop.store.models import Meeting, Member

_MEETING_LABEL_RE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})\s+(\S+?)[：:](.+)$")


class CellReader:
    """`refused_members`: names of member rows of the same import that have problems (said so when named)."""

    def __init__(self, refused_members: set[str]):
        self.refused_members = refused_members
        self._ids_by_name: dict[str, dict[str, list[int]]] = {}  # table → title → ids, read once per kind

    def forget(self, table: str) -> None:
        """A record of the kind was written: its names are read again when next needed."""
        self._ids_by_name.pop(table, None)

    def read(self, column: Column, value: object) -> Any:
        """The value of a cell in a column, as the service takes it; CellError says what is wrong."""
        if column.name == "id_number":
            return cells.id_number(value)
        return READERS[column.kind](self, column, value)

    def reference(self, column: Column, value: object) -> int | None:
        """A record named in a cell: a meeting by its label, others by the title (a member by name)."""
        if column.references == kinds.MEETING.table:
            return self._meeting_by_label(value, column.label)
        if column.references == kinds.MEMBER.table:
            return self.member(value, column.label)
        referred = kinds.kind(column.references)
        title = referred.model._meta.fields[referred.title_field]
        try:
            return self._lookup(referred.model, title, value, column.label, referred.label,
                                f"须已在系统中，或在本工作簿的“{referred.sheet.title}”表中")
        except cells.CellError as exc:
            names = list(self._ids_by_name[referred.table])
            if len(names) <= 12:  # a short list (the categories): say what there is
                raise cells.CellError(f"{exc}可选：{'、'.join(names)}。") from None
            raise

    def member(self, value: object, label: str) -> int | None:
        try:
            return self._lookup(Member, Member.name, value, label, "党员", "须已在系统中，或在本工作簿的“党员”表中")
        except cells.CellError:
            name = cells.text(value).strip()
            if name in self.refused_members:
                raise cells.CellError(f"{label}：“{name[:30]}”在“党员”表中的那一行有问题，改好那一行即可。") from None
            raise

    def _lookup(self, model: type, column: Any, value: object, label: str, what: str, hint: str) -> int | None:
        """The record a cell names by its title (a member by name); the names of a kind are read once."""
        name = cells.text(value).strip()
        if not name:
            return None
        table = model._meta.table_name
        if table not in self._ids_by_name:
            by_name: dict[str, list[int]] = {}
            for record_id, title in model.select(model.id, column).tuples():
                by_name.setdefault(title, []).append(record_id)
            self._ids_by_name[table] = by_name
        ids = self._ids_by_name[table].get(name, [])
        if not ids:
            raise cells.CellError(f"{label}：找不到名为“{name[:30]}”的{what}（{hint}）。")
        if len(ids) > 1:
            raise cells.CellError(f"{label}：有不止一个名为“{name[:30]}”的{what}，无法确定是哪一个，请在程序中选择。")
        return ids[0]

    @staticmethod
    def _meeting_by_label(value: object, label: str) -> int | None:
        raw = cells.text(value).strip()
        if not raw:
            return None
        match = _MEETING_LABEL_RE.match(raw)
        day = cells.date(match.group(1), label) if match else None
        found = (Meeting.select(Meeting.id).where((Meeting.date == day) & (Meeting.kind == match.group(2))
                                                  & (Meeting.topic == match.group(3).strip())).first()
                 if match else None)
        if found is None:
            raise cells.CellError(f"{label}：找不到会议“{raw[:40]}”，请写成“2025-03-05 支委会：会议主题”的形式。")
        return found.id


# How a cell becomes a value of each kind of field: one entry per FieldKind (tests/test_field_kinds.py).
READERS: dict[FieldKind, Callable[[CellReader, Column, object], Any]] = {
    FieldKind.TEXT: lambda _i, _column, value: cells.text(value),
    FieldKind.MULTILINE: lambda _i, _column, value: cells.text(value),
    FieldKind.CHOICE: lambda _i, _column, value: cells.text(value),
    FieldKind.SUGGEST: lambda _i, _column, value: cells.text(value),
    FieldKind.PHONE: lambda _i, _column, value: cells.text(value),
    FieldKind.DATE: lambda _i, column, value: cells.date(value, column.label, partial=column.partial),
    FieldKind.TIME: lambda _i, _column, value: cells.time(value),
    FieldKind.INT: lambda _i, _column, value: cells.integer(value),
    FieldKind.MONEY: lambda _i, _column, value: cells.money(value),
    FieldKind.REFERENCE: lambda reader, column, value: reader.reference(column, value),
}
