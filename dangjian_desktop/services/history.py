"""Change history: every create, update and delete with the fields old → new, kept after deletion."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from dangjian_desktop.domain.kinds import field_label
from dangjian_desktop.store.connection import acting_user
from dangjian_desktop.store.models import Change


@dataclass(frozen=True)
class ChangeEntry:
    at: dt.datetime
    action: str  # 新增 / 修改 / 删除
    label: str
    fields: list[tuple[str, str, str]]  # (field label, old, new)
    by: str = ""  # who made it (empty in a file's history from before schema step 12)


ACTION_LABELS = {"create": "新增", "update": "修改", "delete": "删除", "revive": "恢复"}


def diff(before: dict[str, str] | None, after: dict[str, str] | None) -> dict[str, list[str]]:
    before, after = before or {}, after or {}
    keys = list(dict.fromkeys([*before, *after]))
    return {k: [before.get(k, ""), after.get(k, "")] for k in keys if before.get(k, "") != after.get(k, "")}


def change_row(table: str, record_id: int, action: str, label: str,
               before: dict[str, str] | None, after: dict[str, str] | None) -> dict | None:
    """The history row of one change, or None for an update that changed nothing."""
    changes = diff(before, after)
    if action == "update" and not changes:
        return None
    return {"at": dt.datetime.now(), "table": table, "record_id": record_id, "action": action,
            "label": label[:200], "changes": json.dumps(changes, ensure_ascii=False), "changed_by": acting_user()}


def record_change(table: str, record_id: int, action: str, label: str,
                  before: dict[str, str] | None, after: dict[str, str] | None) -> int | None:
    """Write one history row and return its id; call inside the transaction that makes the change. No-op
    (None) when nothing changed."""
    row = change_row(table, record_id, action, label, before, after)
    return None if row is None else Change.insert(row).execute()


COLUMNS = ("at", "table", "record_id", "action", "label", "changes", "changed_by")


def record_changes(rows: list[dict]) -> None:
    """Write many history rows at once (the changes of an import), in order, by one prepared statement."""
    if not rows:
        return
    fields = Change._meta.fields
    sql = (f'INSERT INTO "{Change._meta.table_name}" ({", ".join(chr(34) + c + chr(34) for c in COLUMNS)}) '
           f'VALUES ({", ".join([Change._meta.database.param] * len(COLUMNS))})')
    Change._meta.database.cursor().executemany(
        sql, [[fields[c].db_value(row[c]) for c in COLUMNS] for row in rows])


def changes_for(table: str, record_id: int) -> list[ChangeEntry]:
    """A record's history, newest first, back to its creation.

    SQLite gives a new record the id of a deleted last row, so older rows with that id are another record's.
    """
    query = (Change.select().where((Change.table == table) & (Change.record_id == record_id))
             .order_by(Change.at.desc(), Change.id.desc()))
    entries = []
    for row in query:
        entries.append(_entry(table, row))
        if row.action == "create":
            break
    return entries


def deleted_name(table: str, record_id: int) -> str | None:
    """What a deleted record was called, from its last 删除 in the history."""
    row = (Change.select(Change.label).where((Change.table == table) & (Change.record_id == record_id)
                                             & (Change.action == "delete"))
           .order_by(Change.id.desc()).first())
    return None if row is None else row.label


def move(table: str, old_id: int, new_id: int, delete_change_id: int) -> None:
    """A restored record given a new id (its old one taken since): its history, from its creation to the
    delete, moves with it."""
    lineage = (Change.table == table) & (Change.record_id == old_id) & (Change.id <= delete_change_id)
    created = (Change.select(Change.id).where(lineage & (Change.action == "create"))
               .order_by(Change.id.desc()).scalar()) or 0
    Change.update(record_id=new_id).where(lineage & (Change.id >= created)).execute()


def last_author(table: str, record_id: int) -> str:
    """Who saved the record last, as the history has it (empty when it does not say)."""
    return (Change.select(Change.changed_by).where((Change.table == table) & (Change.record_id == record_id))
            .order_by(Change.id.desc()).scalar()) or ""


def entry(row: Change) -> ChangeEntry:
    return _entry(row.table, row)


def _entry(table: str, row: Change) -> ChangeEntry:
    fields = [(field_label(table, k), old, new) for k, (old, new) in json.loads(row.changes).items()]
    return ChangeEntry(row.at, ACTION_LABELS.get(row.action, row.action), row.label, fields, row.changed_by)
