"""Deleted records kept whole: the rows a delete removes (the record and what its foreign keys cascade to)
and the links it clears, read as stored before the delete and written back by a restore.

Rows are kept column by column as SQLite holds them, so a restore after a later schema step still
writes what the record had (a column added since takes its default).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from peewee import ForeignKeyField, Model

from dangjian_desktop.store.connection import db
from dangjian_desktop.store.models import ALL_MODELS, DeletedRecord

MODELS = {model._meta.table_name: model for model in ALL_MODELS}


@dataclass
class Captured:
    """What deleting one record removes: rows by table (the record's own first) and links set to NULL."""

    table: str
    record_id: int
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    links: list[tuple[str, str, list[int]]] = field(default_factory=list)


def _select(table: str, where: str, params: tuple) -> list[dict[str, Any]]:
    """The rows as stored; `where` marks its parameters with ? whatever the engine's own mark."""
    cursor = db.execute_sql(f'SELECT * FROM "{table}" WHERE {where.replace("?", db.param)}', params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _dependents(model: type[Model]) -> list[ForeignKeyField]:
    return [fk for fk in model._meta.backrefs if fk.model is not model]


def capture(model: type[Model], record_id: int) -> Captured:
    """Read, before the delete, every row it will remove and every link it will clear."""
    captured = Captured(model._meta.table_name, record_id)

    def visit(current: type[Model], ids: list[int]) -> None:
        for fk in _dependents(current):
            table = fk.model._meta.table_name
            marks = ", ".join([db.param] * len(ids))
            if fk.on_delete == "CASCADE":
                rows = _select(table, f'"{fk.column_name}" IN ({marks})', tuple(ids))
                if rows:
                    captured.rows.setdefault(table, []).extend(rows)
                    visit(fk.model, [row["id"] for row in rows])
            elif fk.on_delete == "SET NULL":
                linked = [row["id"] for row in _select(table, f'"{fk.column_name}" IN ({marks})', tuple(ids))]
                if linked:
                    captured.links.append((table, fk.column_name, linked))

    captured.rows[captured.table] = _select(captured.table, '"id" = ?', (record_id,))
    visit(model, [record_id])
    return captured


def keep(change_id: int, captured: Captured) -> DeletedRecord:
    """Store what a delete removed beside its history row; call in the delete's transaction."""
    return DeletedRecord.create(change=change_id, table=captured.table, record_id=captured.record_id,
                                rows=json.dumps(captured.rows, ensure_ascii=False, default=str),
                                links=json.dumps(captured.links, ensure_ascii=False))


@dataclass(frozen=True)
class Missing:
    """A record the restored rows refer to that no longer exists: which field, in which table, which id."""

    table: str
    column: str
    references: str
    record_id: int


def missing_references(item: DeletedRecord) -> list[Missing]:
    """The records the kept rows refer to (a meeting's host, an attendance's member) that are gone now."""
    result = []
    for table, rows in json.loads(item.rows).items():
        for fk in MODELS[table]._meta.refs:
            target = fk.rel_model._meta.table_name
            if target == item.table:  # the restored record itself
                continue
            for row in rows:
                value = row.get(fk.column_name)
                if value is not None and not _select(target, '"id" = ?', (value,)):
                    result.append(Missing(table, fk.name, target, value))
    return result


def put_back(item: DeletedRecord) -> int:
    """Write the kept rows back (call in a transaction, after `missing_references` found nothing): the
    record under its old id when that is free, else a new one, its dependents pointed at it, the cleared
    links set again. Returns the record's id now."""
    rows = json.loads(item.rows)
    new_ids: dict[tuple[str, int], int] = {}
    for table, table_rows in rows.items():
        model = MODELS[table]
        parents = {fk.column_name: fk.rel_model._meta.table_name for fk in model._meta.refs}
        for row in table_rows:
            values = {k: new_ids.get((parents[k], v), v) if k in parents else v for k, v in row.items()}
            if _select(table, '"id" = ?', (row["id"],)):
                del values["id"]
            columns = ", ".join(f'"{name}"' for name in values)
            tail = ' RETURNING "id"' if db.returning_clause else ""
            cursor = db.execute_sql(f'INSERT INTO "{table}" ({columns}) '
                                    f'VALUES ({", ".join([db.param] * len(values))}){tail}', tuple(values.values()))
            new_ids[(table, row["id"])] = values.get("id") or (cursor.fetchone()[0] if tail else cursor.lastrowid)
    record_id = new_ids[(item.table, item.record_id)]
    for table, column, ids in json.loads(item.links):
        marks = ", ".join([db.param] * len(ids))
        db.execute_sql(f'UPDATE "{table}" SET "{column}" = {db.param} WHERE "id" IN ({marks}) AND "{column}" IS NULL',
                       (record_id, *ids))
    item.restored_at = dt.datetime.now()
    item.save()
    return record_id
