"""Which rows of an import are records already there, or repeat an earlier row, by each kind's duplicate
keys (身份证号; or 姓名 and 出生日期; a meeting's date, kind, topic and 党小组 …). The records there are read
once per kind, before anything is written, and compared in memory."""

from __future__ import annotations

from typing import Any

from dangjian_desktop.common.dates import PartialDate
from dangjian_desktop.common.names import normalise_name
from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.kinds import DuplicateKey, RecordKind
from dangjian_desktop.domain.validation import birth_date_from_id


class Duplicates:
    """Built when the import starts: `existing` is the highest id of each model then."""

    def __init__(self, existing: dict[type, int]):
        self.existing = existing
        self._known: dict[str, list[dict[tuple, int]]] = {}  # table → per duplicate key: values → id

    def find(self, kind: RecordKind, data: dict[str, Any], row: int, seen: dict) -> tuple[str | None, int | None]:
        """(why the row repeats an earlier row of the sheet, or None; the id of the record there it is, or
        None). `seen` holds the sheet's earlier rows' keys."""
        values = key_data(kind, data)
        keys = [(same_what(kind, key.fields), index, same) for index, key in enumerate(kind.sheet.duplicate_keys)
                if (same := _key_values(key, values)) is not None]
        for what, index, same in keys:
            if (index, same) in seen:
                return f"与第{seen[index, same]}行重复（{what}），请删去其中一行。", None
        for _what, index, same in keys:
            seen[index, same] = row
        known = self._known_records(kind)
        return None, next((known[index][same] for _what, index, same in keys if same in known[index]), None)

    def _known_records(self, kind: RecordKind) -> list[dict[tuple, int]]:
        """For each duplicate key of the kind: the key's values of every record there before the import."""
        if kind.table not in self._known:
            model = kind.model
            names = sorted({name for key in kind.sheet.duplicate_keys for name in key.fields})
            columns = [model._meta.fields[name] for name in names]
            indexes: list[dict[tuple, int]] = [{} for _key in kind.sheet.duplicate_keys]
            query = model.select(model.id, *columns).where(model.id <= self.existing[model]).tuples()
            for record_id, *row in query:
                values = key_data(kind, dict(zip(names, row, strict=True)))
                for index, key in enumerate(kind.sheet.duplicate_keys):
                    if (same := _key_values(key, values)) is not None:
                        indexes[index].setdefault(same, record_id)
            self._known[kind.table] = indexes
        return self._known[kind.table]


def _key_values(key: DuplicateKey, values: dict[str, Any]) -> tuple | None:
    """A key's values of a row or record, or None when a field it needs is empty (then the key says nothing)."""
    if any(values.get(name) in (None, "") for name in key.fields if name not in key.optional):
        return None
    return tuple(values.get(name) if values.get(name) is not None else "" for name in key.fields)


def key_data(kind: RecordKind, data: dict[str, Any]) -> dict[str, Any]:
    """A row's values as its duplicate keys compare them: texts stripped; a member's 身份证号 in capitals and
    the birth date from it where the row has none (as the member service will store them)."""
    values = {name: value.strip() if isinstance(value, str) else value for name, value in data.items()}
    if kind is kinds.MEMBER:
        values["name"] = normalise_name(str(values.get("name") or ""))
        number = str(values.get("id_number") or "").upper()
        values["id_number"] = number
        if (not values.get("birth_date") or isinstance(values["birth_date"], PartialDate)) and len(number) in (15, 18):
            values["birth_date"] = birth_date_from_id(number) or values.get("birth_date")
    return values


def same_what(kind: RecordKind, names: tuple[str, ...]) -> str:
    """What is the same, as a user reads it: 姓名和出生日期相同."""
    labels = [kind.field_label(n) for n in names]
    return ("、".join(labels[:-1]) + "和" + labels[-1] if len(labels) > 1 else labels[0]) + "相同"
