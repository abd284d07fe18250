"""The shared shape of a record service: validate every field from its declaration, then write in one
transaction with its history. Each record kind adds its own cross-field rules and related rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from peewee import Model

from dangjian_desktop.domain.fields import FIELDS_BY_TABLE, Field, display_text
from dangjian_desktop.domain.validation import Checker, NotFoundError, Problem, ReferencedError
from dangjian_desktop.services import history
from dangjian_desktop.store.connection import db
from dangjian_desktop.store.models import ActivityCategory, Meeting, Member, Partner

REFERENCE_MODELS: dict[str, type[Model]] = {
    "member": Member,
    "partner": Partner,
    "category": ActivityCategory,
    "meeting": Meeting,
}


def _stored(record: Model, f: Field) -> Any:
    """A field's stored value: a reference as its id."""
    return getattr(record, f"{f.name}_id" if f.kind in REFERENCE_MODELS else f.name)


@dataclass
class SaveResult:
    record: Any
    warnings: list[Problem] = field(default_factory=list)


class RecordService:
    """Create, update, delete and fetch one kind of record. Subclasses set `model` and `table`."""

    model: ClassVar[type[Model]]
    table: ClassVar[str]

    @property
    def fields(self) -> tuple[Field, ...]:
        return FIELDS_BY_TABLE[self.table]

    # -- hooks for subclasses --------------------------------------------------------------------

    def label(self, record: Any) -> str:
        """How the record is called in messages and history."""
        return str(record.id)

    def check(self, c: Checker, values: dict[str, Any], data: dict[str, Any], record: Any | None) -> dict:
        """Cross-field rules; may clean and return related data for `save_related` (nothing by default)."""
        return {}

    def derived(self, values: dict[str, Any]) -> dict[str, Any]:
        """Stored values computed from the others (search keys)."""
        return {}

    def refresh_derived(self) -> None:
        """Compute every record's derived values again, after the way they are computed changed (a schema
        step calls this). No history: nothing the user entered changed."""
        for record in self.model.select():
            new = self.derived(self.form_values(record))
            if any(getattr(record, name) != value for name, value in new.items()):
                self.model.update(new).where(self.model.id == record.id).execute()

    def save_related(self, record: Any, related: dict) -> None:
        """Write rows that belong to the record (attendance), inside the same transaction."""

    def references(self, record: Any) -> list[str]:
        """Why the record cannot be deleted: one Chinese phrase per kind of reference."""
        return []

    def snapshot(self, record: Any) -> dict[str, str]:
        """The record's fields as display text, for the history."""
        result = {}
        for f in self.fields:
            if f.kind in REFERENCE_MODELS:
                related_id = getattr(record, f"{f.name}_id")
                result[f.name] = self._reference_label(f.kind, related_id) if related_id else ""
            else:
                result[f.name] = display_text(getattr(record, f.name))
        return result

    # -- reading ---------------------------------------------------------------------------------

    def get(self, record_id: int) -> Any:
        record = self.model.get_or_none(self.model.id == record_id)
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
        c, _values, _related = self._clean(data, record)
        return c.problems

    def create(self, data: dict[str, Any]) -> SaveResult:
        with db.atomic():
            c, values, related = self._clean(data, None)
            c.raise_if_errors()
            record = self.model.create(**values)
            self.save_related(record, related)
            history.record_change(self.table, record.id, "create", self.label(record), None, self.snapshot(record))
        return SaveResult(record, c.warnings)

    def update(self, record_id: int, data: dict[str, Any]) -> SaveResult:
        with db.atomic():
            record = self.get(record_id)
            before = self.snapshot(record)
            c, values, related = self._clean(data, record)
            c.raise_if_errors()
            for name, value in values.items():
                setattr(record, name, value)
            record.save()
            self.save_related(record, related)
            record = self.get(record_id)
            history.record_change(self.table, record.id, "update", self.label(record), before, self.snapshot(record))
        return SaveResult(record, c.warnings)

    def delete(self, record_id: int) -> None:
        with db.atomic():
            record = self.get(record_id)
            reasons = self.references(record)
            if reasons:
                raise ReferencedError(f"“{self.label(record)}”仍被{'、'.join(reasons)}引用，不能删除。")
            before = self.snapshot(record)
            label = self.label(record)
            record.delete_instance()
            history.record_change(self.table, record_id, "delete", label, before, None)

    # -- internals -------------------------------------------------------------------------------

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
        if f.kind in ("text", "suggest"):
            return c.text(f.name, f.label, raw, required=f.required, max_length=f.max_length)
        if f.kind == "multiline":
            return c.text(f.name, f.label, raw, required=f.required, max_length=f.max_length, multiline=True)
        if f.kind == "choice":
            return c.choice(f.name, f.label, raw, f.choices, required=f.required)
        if f.kind == "phone":
            return c.phone(f.name, f.label, raw)
        if f.kind == "date":
            return c.date(f.name, f.label, raw, required=f.required, not_future=f.not_future)
        if f.kind == "time":
            return c.time(f.name, f.label, raw)
        if f.kind == "int":
            return c.integer(f.name, f.label, raw, required=f.required, minimum=f.minimum, maximum=f.maximum)
        if f.kind in REFERENCE_MODELS:
            return self._clean_reference(c, f, raw)
        raise ValueError(f"unknown field kind {f.kind!r}")

    def _clean_reference(self, c: Checker, f: Field, raw: Any) -> int | None:
        if raw in (None, "", 0):
            if f.required:
                c.add(f.name, f"请选择{f.label}。")
            return None
        if isinstance(raw, Model):
            raw = raw.id
        model = REFERENCE_MODELS[f.kind]
        if isinstance(raw, bool) or not isinstance(raw, int) or not model.select().where(model.id == raw).exists():
            c.add(f.name, f"所选{f.label}不存在，可能已被删除，请重新选择。")
            return None
        return raw

    @staticmethod
    def _reference_label(kind: str, related_id: int) -> str:
        model = REFERENCE_MODELS[kind]
        related = model.get_or_none(model.id == related_id)
        if related is None:
            return str(related_id)
        for attr in ("name", "topic"):
            if hasattr(related, attr):
                return getattr(related, attr)
        return str(related_id)
