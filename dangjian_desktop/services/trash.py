"""已删除记录: every deleted record of a kind, newest first, and the restore that brings one back whole
(with its attendance, its steps, the links the delete cleared, and its history), in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dangjian_desktop.domain.kinds import KINDS, field_label
from dangjian_desktop.domain.validation import NotFoundError
from dangjian_desktop.services import history
from dangjian_desktop.services.base import storage_faults
from dangjian_desktop.services.registry import SERVICES
from dangjian_desktop.store import trash
from dangjian_desktop.store.backup import backup_named
from dangjian_desktop.store.connection import database_path, db
from dangjian_desktop.store.models import Change, DeletedRecord


class RestoreError(Exception):
    """A deleted record that cannot come back as it is; the message says why and what to do first."""


@dataclass(frozen=True)
class DeletedEntry(history.ChangeEntry):
    trash_id: int | None = None  # None: deleted before this version kept whole records, history only


@dataclass(frozen=True)
class Restored:
    table: str
    record_id: int
    label: str


def deleted(table: str) -> list[DeletedEntry]:
    """The deleted records of a kind not restored since, newest first, each with its last state."""
    kept = {item.change_id: item for item in  # not the kept rows themselves: only which entry, and if restored
            DeletedRecord.select(DeletedRecord.id, DeletedRecord.change, DeletedRecord.restored_at)
            .where(DeletedRecord.table == table)}
    query = (Change.select().where((Change.table == table) & (Change.action == "delete"))
             .order_by(Change.at.desc(), Change.id.desc()))
    result = []
    for row in query:
        item = kept.get(row.id)
        if item is not None and item.restored_at is not None:
            continue
        e = history.entry(row)
        result.append(DeletedEntry(e.at, e.action, e.label, e.fields, e.by, item.id if item is not None else None))
    return result


def restore(trash_id: int) -> Restored:
    """Bring a deleted record back as it was, or refuse (nothing written) saying which record it needs."""
    with storage_faults(), db.atomic():
        item = DeletedRecord.get_or_none(DeletedRecord.id == trash_id)
        if item is None or item.restored_at is not None:
            raise NotFoundError("这条已删除记录已经恢复过，或已不存在。")
        problems = [_missing_text(item.table, m) for m in trash.missing_references(item)]
        if problems:
            raise RestoreError("不能恢复，因为" + "；".join(dict.fromkeys(problems))
                               + "。请先在“已删除记录”中恢复它们。")
        record_id = trash.put_back(item)
        if record_id != item.record_id:
            history.move(item.table, item.record_id, record_id, item.change_id)
        service = SERVICES[item.table]
        record = service.get(record_id)
        service.restored(record)
        record = service.get(record_id)
        # What was written since may clash with it (a member entered again with the same 身份证号): the
        # rules decide as for a save, and a broken one undoes the whole restore.
        broken = [p for p in service.validate(service.form_values(record), record_id) if p.is_error]
        if broken:
            raise RestoreError("不能恢复：" + "；".join(dict.fromkeys(
                f"{field_label(item.table, p.field)}：{p.detail or p.message}" for p in broken)))
        label = service.label(record)
        history.record_change(item.table, record_id, "revive", label, None, service.snapshot(record))
    return Restored(item.table, record_id, label)


def purge(trash_id: int) -> Path:
    """彻底删除: forget a kept record for good (its full 身份证号 and phone go with it; the history keeps its
    masked last state). The database is backed up first; the path of that backup is returned."""
    with storage_faults():
        item = DeletedRecord.get_or_none(DeletedRecord.id == trash_id)
        if item is None or item.restored_at is not None:
            raise NotFoundError("这条已删除记录已经恢复过，或已不存在。")
        saved = backup_named(database_path(), "before-purge")
        with db.atomic():  # the freed space is zeroed (the connection's secure_delete)
            DeletedRecord.delete().where(DeletedRecord.id == trash_id).execute()
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # and the old pages leave the write-ahead log
    return saved


def _missing_text(table: str, missing: trash.Missing) -> str:
    what = KINDS[missing.references].label if missing.references in KINDS else missing.references
    name = history.deleted_name(missing.references, missing.record_id) or f"编号 {missing.record_id}"
    where = (field_label(table, missing.column) if missing.table == table
             else f"{field_label(table, missing.table)}中的{what}")
    return f"{where}“{name}”已被删除"
