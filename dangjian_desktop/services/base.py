"""The shared shape of a record service: validate every field from its declaration, then write in one
transaction with its history. Each record kind adds its own cross-field rules and related rows."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

from peewee import Model

from dangjian_desktop.common.names import build_search_key
from dangjian_desktop.domain.fields import Field, FieldKind, masked
from dangjian_desktop.domain.kinds import KINDS, RecordKind, field_label
from dangjian_desktop.domain.validation import Checker, ConflictError, NotFoundError, Problem, ReferencedError
from dangjian_desktop.services import history
from dangjian_desktop.store import trash
from dangjian_desktop.store.connection import database_path, db, on_server
from dangjian_desktop.store.faults import disk_fault


@dataclass
class _Batch:
    """What many writes in one transaction share: the names of the records referred to (read once), and the
    history rows, written together at the end."""

    names: dict[tuple[str, int], str] = field(default_factory=dict)
    changes: list[dict] = field(default_factory=list)


_batch: ContextVar[_Batch | None] = ContextVar("batch", default=None)


@contextmanager
def batch() -> Iterator[None]:
    """Many writes as one (an import of thousands of rows): call inside the transaction. Each record is still
    validated and saved by its service as alone; references are looked up once and the history is written
    in bulk when the batch ends. Nothing in a batch deletes records."""
    current = _Batch()
    token = _batch.set(current)
    try:
        yield
        history.record_changes(current.changes)
    finally:
        _batch.reset(token)


@contextmanager
def storage_faults() -> Iterator[None]:
    """The edge of a write (outside its transaction, which has rolled back by then): a full disk or a read-only
    file is said as such, in Chinese, instead of SQLite's words."""
    try:
        yield
    except Exception as exc:
        fault = disk_fault(exc, database_path())
        if fault is not None:
            raise fault from exc
        raise


def _stored(record: Model, f: Field) -> Any:
    """A field's stored value: a reference as its id."""
    return getattr(record, f"{f.name}_id" if f.is_reference else f.name)


@dataclass
class SaveResult:
    record: Any
    warnings: list[Problem] = field(default_factory=list)


class RecordService:
    """Create, update, delete and fetch one kind of record. Subclasses set `kind` and add its rules."""

    kind: ClassVar[RecordKind]

    @property
    def model(self) -> type[Model]:
        return self.kind.model

    @property
    def table(self) -> str:
        return self.kind.table

    @property
    def fields(self) -> tuple[Field, ...]:
        return self.kind.fields

    # -- hooks for subclasses --------------------------------------------------------------------

    def label(self, record: Any) -> str:
        """How the record is called in messages and history."""
        return self.kind.name_of(record)

    def check(self, c: Checker, values: dict[str, Any], data: dict[str, Any], record: Any | None) -> dict:
        """Cross-field rules; may clean and return related data for `save_related` (nothing by default)."""
        return {}

    def derived(self, values: dict[str, Any]) -> dict[str, Any]:
        """Stored values computed from the others: the search key, from the kind's search text. (A change
        to what goes into it needs a schema step computing the keys again: `migrations.search_key_step`.)"""
        if not (self.kind.search_names or self.kind.search_texts):
            return {}
        return {"search_key": build_search_key([values[n] for n in self.kind.search_names],
                                               [values[n] for n in self.kind.search_texts])}

    def save_related(self, record: Any, related: dict) -> None:
        """Write rows that belong to the record (attendance), inside the same transaction."""

    fills_in_from: tuple[str, ...] = ()  # fields from which `filled_in` can tell others (a member's 身份证号)

    def filled_in(self, changed: str, values: dict[str, Any]) -> dict[str, Any]:
        """Values a form may fill into empty fields once `changed` (one of `fills_in_from`) holds its value:
        the birth date and 性别 from a 身份证号."""
        return {}

    def restored(self, record: Any) -> None:
        """Set right what a restored record shares with records written since it was deleted (nothing by
        default); called in the restore's transaction."""

    def references(self, record: Any) -> list[str]:
        """Why the record cannot be deleted: one Chinese phrase per kind of reference."""
        return []

    def snapshot(self, record: Any) -> dict[str, str]:
        """The record's fields as display text, for the history: a personal number (身份证号, phone) masked,
        so that the history says it changed but does not keep it once the record no longer does."""
        result = {}
        for f in self.fields:
            if f.is_reference:
                related_id = getattr(record, f"{f.name}_id")
                result[f.name] = self._reference_label(f.references, related_id) if related_id else ""
            else:
                text = f.text_of(getattr(record, f.name))
                result[f.name] = masked(text) if f.personal and text else text
        return result

    # -- reading ---------------------------------------------------------------------------------

    def get(self, record_id: int, *, for_update: bool = False) -> Any:
        """The record; `for_update` on a server holds its row until the transaction ends, so that two clerks
        saving it at once are taken one after the other (a SQLite file has one writer anyway)."""
        query = self.model.select().where(self.model.id == record_id)
        record = (query.for_update() if for_update and on_server() else query).first()
        if record is None:
            raise NotFoundError(f"找不到编号为 {record_id} 的记录，可能已被删除。")
        return record

    def form_values(self, record: Any) -> dict[str, Any]:
        """The record as the dict a dialog edits and `update` takes back (references as ids)."""
        return {f.name: _stored(record, f) for f in self.fields}

    # -- writing ---------------------------------------------------------------------------------

    def validate(self, data: dict[str, Any], record_id: int | None = None) -> list[Problem]:
        """Every problem the data would have, without writing anything."""
        record = self.get(record_id) if record_id is not None else None
        return self.cleaned(data, record)[0]

    def cleaned(self, data: dict[str, Any], record: Any | None = None) -> tuple[list[Problem], dict[str, Any]]:
        """Every problem, and the values `data` would be stored as (over `record`), without writing."""
        c, values, _related = self._clean(data, record)
        return c.problems, values

    def create(self, data: dict[str, Any]) -> SaveResult:
        in_batch = _batch.get() is not None  # inside the batch's transaction: nothing is written before the
        with storage_faults(), nullcontext() if in_batch else db.atomic():  # checks pass: no savepoint needed
            _one_writer_at_a_time(self.table)
            c, values, related = self._clean(data, None)
            c.raise_if_errors()
            record = _insert(self.model, values) if in_batch else self.model.create(**values)
            self.save_related(record, related)
            self._remember(record.id, "create", self.label(record), None, self.snapshot(record))
        return SaveResult(record, c.warnings)

    def version_of(self, record: Any) -> int | None:
        """How many times the record was saved (None for a kind that keeps no count): a form notes it when it
        opens and hands it back to `update`."""
        return getattr(record, "row_version", None)

    def update(self, record_id: int, data: dict[str, Any], seen_version: int | None = None) -> SaveResult:
        """Save the record's new values. With `seen_version` (the count its form was opened at), a save by
        someone else since is refused with ConflictError, naming what each side holds."""
        with storage_faults(), db.atomic():
            _one_writer_at_a_time(self.table)
            record = self.get(record_id, for_update=True)
            before = self.snapshot(record)
            c, values, related = self._clean(data, record)
            c.raise_if_errors()
            current = self.version_of(record)
            if seen_version is not None and current is not None and current != seen_version:
                raise self._conflict(record, values, current)
            for name, value in values.items():
                setattr(record, name, value)
            if current is not None:
                record.row_version = current + 1
            record.save()
            self.save_related(record, related)
            record = self.get(record_id)
            self._remember(record.id, "update", self.label(record), before, self.snapshot(record))
        return SaveResult(record, c.warnings)

    def delete(self, record_id: int) -> int | None:
        """Delete the record and what belongs to it; it is kept whole for 已删除记录 (the id of that entry is
        returned, for an undo), or None for a kind without history."""
        with storage_faults(), db.atomic():
            record = self.get(record_id)
            reasons = self.references(record)
            if reasons:
                raise ReferencedError(f"“{self.label(record)}”仍被{'、'.join(reasons)}引用，不能删除。")
            before = self.snapshot(record)
            label = self.label(record)
            captured = trash.capture(self.model, record_id) if self.kind.history else None
            record.delete_instance()
            change_id = self._remember(record_id, "delete", label, before, None)
            return None if change_id is None or captured is None else trash.keep(change_id, captured).id

    # -- internals -------------------------------------------------------------------------------

    def _conflict(self, record: Any, values: dict[str, Any], version: int) -> ConflictError:
        theirs = self.snapshot(record)
        mine_record = self.model(**record.__data__)
        for name, value in values.items():
            setattr(mine_record, name, value)
        mine = self.snapshot(mine_record)
        differences = [(field_label(self.table, name), mine.get(name, ""), text)
                       for name, text in theirs.items() if mine.get(name, "") != text]
        return ConflictError(self.label(record), differences, version, history.last_author(self.table, record.id))

    def _remember(self, record_id: int, action: str, label: str, before: dict | None,
                  after: dict | None) -> int | None:
        """Write the change to the history (in a batch: at its end); the id of the row when written now."""
        if not self.kind.history:
            return None
        current = _batch.get()
        if current is None:
            return history.record_change(self.table, record_id, action, label, before, after)
        if (row := history.change_row(self.table, record_id, action, label, before, after)) is not None:
            current.changes.append(row)
        return None

    def _clean(self, data: dict[str, Any], record: Any | None) -> tuple[Checker, dict[str, Any], dict]:
        c = Checker()
        values: dict[str, Any] = {}
        for f in self.fields:
            if f.name in data:
                raw = data[f.name]
            elif record is not None:
                raw = _stored(record, f)
            else:
                raw = self._default(f.name)
            values[f.name] = self._clean_field(c, f, raw)
        related = self.check(c, values, data, record)
        if not c.errors:
            values.update(self.derived(values))
        return c, values, related

    def _default(self, name: str) -> Any:
        default = self.model._meta.fields[name].default
        return default() if callable(default) else default

    def _clean_field(self, c: Checker, f: Field, raw: Any) -> Any:
        return CLEANERS[f.kind](self, c, f, raw)

    def _clean_reference(self, c: Checker, f: Field, raw: Any) -> int | None:
        if raw in (None, "", 0):
            if f.required:
                c.add(f.name, f"请选择{f.label}。")
            return None
        if isinstance(raw, Model):
            raw = raw.id
        if isinstance(raw, bool) or not isinstance(raw, int) or _referred_name(f.references, raw) is None:
            c.add(f.name, f"所选{f.label}不存在，可能已被删除，请重新选择。")
            return None
        return raw

    @staticmethod
    def _reference_label(table: str, related_id: int) -> str:
        name = _referred_name(table, related_id)
        return str(related_id) if name is None else name


def _one_writer_at_a_time(table: str) -> None:
    """On a server, the writes of one kind of record in one branch are taken one after the other (a lock held to the
    end of the transaction): what a save checks or numbers from the other records (a duplicate 身份证号, the meeting's
    第×次) cannot change under it. A SQLite file has one writer anyway."""
    if on_server():
        db.execute_sql("SELECT pg_advisory_xact_lock(%s, %s)",
                       (zlib.crc32(db.obj.schema.encode()) & 0x7FFFFFFF, zlib.crc32(table.encode()) & 0x7FFFFFFF))


def _insert(model: type[Model], values: dict[str, Any]) -> Model:
    """A new row by one prepared INSERT (peewee writes the same SQL anew for each row, which costs more
    than SQLite's work on ten thousand rows); the record as `create` gives it, with its id."""
    record = model(**values)
    names = tuple(name for name in record.__data__ if name != "id")
    sql = _insert_sql(model, names, db.param, bool(db.returning_clause))
    fields = model._meta.fields
    cursor = db.execute_sql(sql, [fields[name].db_value(record.__data__[name]) for name in names])
    record.id = cursor.fetchone()[0] if db.returning_clause else cursor.lastrowid
    record._dirty.clear()
    return record


@lru_cache(maxsize=64)
def _insert_sql(model: type[Model], names: tuple[str, ...], param: str, returning: bool) -> str:
    columns = ", ".join(f'"{model._meta.fields[name].column_name}"' for name in names)
    tail = ' RETURNING "id"' if returning else ""  # PostgreSQL gives the new id back so, SQLite as lastrowid
    return f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({", ".join([param] * len(names))}){tail}'


def _referred_name(table: str, record_id: int) -> str | None:
    """What names a record another one refers to (its title), or None when there is no such record; within
    a batch each is read once."""
    current = _batch.get()
    if current is not None and (table, record_id) in current.names:
        return current.names[table, record_id]
    kind = KINDS[table]
    title = kind.model._meta.fields[kind.title_field]
    row = kind.model.select(title).where(kind.model.id == record_id).tuples().first()
    if row is None:
        return None
    if current is not None:
        current.names[table, record_id] = row[0]
    return row[0]


# How each kind of field is cleaned: one entry per FieldKind (tests/test_field_kinds.py checks the set).
CLEANERS: dict[FieldKind, Callable[[RecordService, Checker, Field, Any], Any]] = {
    FieldKind.TEXT: lambda s, c, f, raw: c.text(f.name, f.label, raw, required=f.required, max_length=f.max_length),
    FieldKind.SUGGEST: lambda s, c, f, raw: c.text(f.name, f.label, raw, required=f.required,
                                                   max_length=f.max_length),
    FieldKind.MULTILINE: lambda s, c, f, raw: c.text(f.name, f.label, raw, required=f.required,
                                                     max_length=f.max_length, multiline=True),
    FieldKind.CHOICE: lambda s, c, f, raw: c.choice(f.name, f.label, raw, f.choices, required=f.required),
    FieldKind.PHONE: lambda s, c, f, raw: c.phone(f.name, f.label, raw),
    FieldKind.DATE: lambda s, c, f, raw: c.date(f.name, f.label, raw, required=f.required,
                                                not_future=f.not_future, partial=f.partial),
    FieldKind.TIME: lambda s, c, f, raw: c.time(f.name, f.label, raw),
    FieldKind.INT: lambda s, c, f, raw: c.integer(f.name, f.label, raw, required=f.required, minimum=f.minimum,
                                                  maximum=f.maximum),
    FieldKind.MONEY: lambda s, c, f, raw: c.money(f.name, f.label, raw, required=f.required, maximum_yuan=f.maximum),
    FieldKind.REFERENCE: lambda s, c, f, raw: s._clean_reference(c, f, raw),
}
