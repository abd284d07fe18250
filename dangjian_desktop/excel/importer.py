"""Importing a workbook: every row checked by the services, every problem listed, all rows written or none.

The whole import runs in one transaction through the record services (so it is validated exactly like
the dialogs and writes history). A dry run, or any problem, rolls it back: nothing is written. Rows that
duplicate a record already in the database are reported and skipped; duplicates inside the file are
problems to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peewee import fn

from dangjian_desktop.common.dates import PartialDate
from dangjian_desktop.common.names import normalise_name
from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.fields import FieldKind, display_text
from dangjian_desktop.domain.kinds import RecordKind
from dangjian_desktop.domain.validation import Problem, ValidationError, birth_date_from_id
from dangjian_desktop.excel import cells
from dangjian_desktop.excel.columns import Column
from dangjian_desktop.excel.reader import Row, SheetData, WorkbookData, read_workbook
from dangjian_desktop.services.base import RecordService, batch
from dangjian_desktop.services.meeting import AttendanceRow
from dangjian_desktop.services.registry import SERVICES, dependency_order
from dangjian_desktop.store.connection import database_path, db
from dangjian_desktop.store.faults import disk_fault
from dangjian_desktop.store.models import Meeting, Member

Progress = Callable[[int, int], None]
_MEETING_LABEL_RE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})\s+(\S+?)[：:](.+)$")
IMPORT_ORDER = dependency_order(tuple(SERVICES))  # a record's references are written before it


@dataclass(frozen=True)
class ImportProblem:
    sheet: str
    row: int | None
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"“{self.sheet}”表" + (f"第{self.row}行" if self.row else "")
        return f"{where}{' ' + self.column if self.column else ''}：{self.reason}"


@dataclass(frozen=True)
class Update:
    """A row of a record already there whose cells differ from it: what would change (label, old, new)."""

    sheet: str
    row: int
    record: str  # how the record is called
    changes: tuple[tuple[str, str, str], ...]

    def __str__(self) -> str:
        what = "；".join(f"{label}：{old or '（空）'} → {new}" for label, old, new in self.changes)
        return f"“{self.sheet}”表第{self.row}行（{self.record}）：{what}"


@dataclass
class ImportReport:
    problems: list[ImportProblem] = field(default_factory=list)
    notices: list[ImportProblem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # sheet title → new rows imported (or importable)
    unchanged: dict[str, int] = field(default_factory=dict)  # sheet title → rows the same as a record there
    updates: list[Update] = field(default_factory=list)  # rows of records there that differ from them
    updated: bool = False  # the updates were written too
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """新增、未变、更新 in one line, by sheet."""
        parts = [f"{sheet}新增 {n} 条" for sheet, n in self.counts.items()]
        parts += [f"{sheet} {n} 条与已有记录相同" for sheet, n in self.unchanged.items()]
        if self.updates:
            parts.append(f"已更新已有记录 {len(self.updates)} 条" if self.updated
                         else f"{len(self.updates)} 条已有记录与表中不同（{'未更新' if self.written else '可更新'}）")
        return "，".join(parts) or "没有需要导入的行"


class _Rollback(Exception):
    """Leaves the import's transaction without writing anything."""


def import_workbook(path: str | Path, *, dry_run: bool = False, update: bool = False,
                    progress: Progress | None = None) -> ImportReport:
    """Read and import a workbook; see `import_data`."""
    return import_data(read_workbook(path), dry_run=dry_run, update=update, progress=progress)


def import_data(data: WorkbookData, *, dry_run: bool = False, update: bool = False,
                progress: Progress | None = None) -> ImportReport:
    """Import every recognised sheet in one transaction; commit only when not a dry run and no problems.

    A row of a record already there (by the kind's duplicate keys) is compared with it: the same, it is
    counted as unchanged; different, the changes are listed in `updates` and written only with `update`.
    """
    importer = _Importer(data, progress, update)
    order = {sheet.title: index for index, sheet in enumerate(data.sheets)}
    try:
        with db.atomic(), batch():
            importer.run()
            importer.report.problems.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0))
            if dry_run or importer.report.problems:
                raise _Rollback
    except _Rollback:
        return importer.report
    except Exception as exc:  # at the transaction's edge: a full disk rolled everything back; say so
        fault = disk_fault(exc, database_path())
        if fault is not None:
            raise fault from exc
        raise
    importer.report.written = True
    return importer.report


class _Importer:
    def __init__(self, data: WorkbookData, progress: Progress | None, update: bool):
        self.data = data
        self.progress = progress
        self.update = update
        self.report = ImportReport(notices=[ImportProblem(s, None, "", m) for s, m in data.notices])
        self.total = sum(len(s.rows) for s in data.sheets)
        self.done = 0
        self.existing: dict[type, int] = {}  # model → highest id before the import
        self.refused_members: set[str] = set()  # names on member rows with problems
        self._ids_by_name: dict[str, dict[str, list[int]]] = {}  # table → title → ids, read once per kind
        self._known: dict[str, list[dict[tuple, int]]] = {}  # table → per duplicate key: values → id (before)

    def run(self) -> None:
        for kind in IMPORT_ORDER:
            self.existing[kind.model] = kind.model.select(fn.MAX(kind.model.id)).scalar() or 0
        for sheet in self.data.sheets:
            missing = [c.label for c in sheet.spec.columns if sheet.spec.must_fill(c) and c.name not in sheet.columns]
            if missing:
                self.problem(sheet, None, "", f"缺少必填的列：{'、'.join(missing)}。请在表头加上这些列。")
        if self.report.problems:
            return
        for kind in IMPORT_ORDER:
            sheet = self.data.sheet(kind.table)
            if sheet is not None:
                self._records(sheet, kind)
        attendance = self.data.sheet("attendance")
        if attendance is not None and self.data.sheet(kinds.MEETING.table) is None:
            self.problem(attendance, None, "", "“出席情况”只能和它所属的会议一起导入：请在同一工作簿中附上“会议”表。")

    # -- reporting -------------------------------------------------------------------------------

    def problem(self, sheet: SheetData, row: int | None, column: str, reason: str) -> None:
        self.report.problems.append(ImportProblem(sheet.title, row, column, reason))

    def notice(self, sheet: SheetData, row: int | None, reason: str) -> None:
        self.report.notices.append(ImportProblem(sheet.title, row, "", reason))

    def _step(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)

    def _count(self, sheet: SheetData) -> None:
        self.report.counts[sheet.spec.title] = self.report.counts.get(sheet.spec.title, 0) + 1

    # -- converting cells ------------------------------------------------------------------------

    def _convert(self, sheet: SheetData, row: Row) -> dict[str, Any] | None:
        """The row as service data; None (with problems reported) when a cell cannot be used."""
        data: dict[str, Any] = {}
        ok = True
        for name in sheet.columns:
            column = sheet.spec.column(name)
            try:
                value = self._cell(column, row.values[name])
            except cells.CellError as exc:
                self.problem(sheet, row.number, sheet.where(name), str(exc))
                ok = False
                continue
            if value in (None, "") and sheet.spec.has_default(column):
                continue  # an empty cell takes the field's default (党籍状态 正常, 数量 1)
            data[name] = value
        return data if ok else None

    def _cell(self, column: Column, value: object) -> Any:
        if column.name == "id_number":
            return cells.id_number(value)
        return READERS[column.kind](self, column, value)

    def _reference(self, column: Column, value: object) -> int | None:
        """A record named in a cell: a meeting by its label, others by the title (a member by name)."""
        if column.references == kinds.MEETING.table:
            return self._meeting_by_label(value, column.label)
        if column.references == kinds.MEMBER.table:
            return self._member(value, column.label)
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

    def _member(self, value: object, label: str) -> int | None:
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

    # -- writing through the services -----------------------------------------------------------

    def _create(self, service: RecordService, sheet: SheetData, row: Row, data: dict[str, Any],
                attendance_rows: list[Row]) -> Any:
        self._ids_by_name.pop(service.table, None)  # a new record of the kind: its names are read again
        try:
            result = service.create(data)
        except ValidationError as exc:
            for p in exc.problems:
                if p.is_error:
                    self._validation_problem(sheet, row, p, attendance_rows)
            return None
        for warning in result.warnings:
            self.notice(sheet, row.number, warning.message)
        self._count(sheet)
        return result.record

    def _validation_problem(self, sheet: SheetData, row: Row, p: Problem, attendance_rows: list[Row]) -> None:
        """A service's problem at its place in the workbook: a problem of a meeting's attendance row goes
        to that row of the attendance sheet, in the column of the part that is wrong."""
        attendance = self.data.sheet("attendance")
        if p.field == "attendance" and p.row and p.row <= len(attendance_rows) and attendance is not None:
            column = {"member": "name", "status": "status", "reason": "reason"}.get(p.part, "")
            self.problem(attendance, attendance_rows[p.row - 1].number, attendance.where(column), p.detail)
        else:
            self.problem(sheet, row.number, sheet.where(p.field), p.message)

    def _duplicate(self, sheet: SheetData, row: Row, kind: RecordKind, data: dict[str, Any], seen: dict) -> bool:
        """Report a row that repeats an earlier row (a problem) or a record already there (skipped), by the
        kind's duplicate keys; the database's records are those from before the import."""
        values = _key_data(kind, data)
        keys = []
        for index, key in enumerate(kind.sheet.duplicate_keys):
            if any(values.get(name) in (None, "") for name in key.fields if name not in key.optional):
                continue
            same = tuple(values.get(name) if values.get(name) is not None else "" for name in key.fields)
            keys.append((_same_what(kind, key.fields), index, same))
        for what, index, same in keys:
            if (index, same) in seen:
                self.problem(sheet, row.number, "", f"与第{seen[index, same]}行重复（{what}），请删去其中一行。")
                return True
        for _what, index, same in keys:
            seen[index, same] = row.number
        known = self._known_records(kind)
        twin_id = next((known[index][same] for _what, index, same in keys if same in known[index]), None)
        if twin_id is not None:
            self._compare(sheet, row, kind, data, kind.model.get_by_id(twin_id))
            return True
        return False

    def _known_records(self, kind: RecordKind) -> list[dict[tuple, int]]:
        """For each duplicate key of the kind: the key's values of every record there before the import."""
        if kind.table not in self._known:
            model = kind.model
            names = sorted({name for key in kind.sheet.duplicate_keys for name in key.fields})
            columns = [model._meta.fields[name] for name in names]
            indexes: list[dict[tuple, int]] = [{} for _key in kind.sheet.duplicate_keys]
            query = model.select(model.id, *columns).where(model.id <= self.existing[model]).tuples()
            for record_id, *row in query:
                values = _key_data(kind, dict(zip(names, row, strict=True)))
                for index, key in enumerate(kind.sheet.duplicate_keys):
                    if all(values.get(n) not in (None, "") for n in key.fields if n not in key.optional):
                        same = tuple(values.get(n) if values.get(n) is not None else "" for n in key.fields)
                        indexes[index].setdefault(same, record_id)
            self._known[kind.table] = indexes
        return self._known[kind.table]

    def _compare(self, sheet: SheetData, row: Row, kind: RecordKind, data: dict[str, Any], twin: Any) -> None:
        """A row of a record already there: unchanged, or its changes listed (and written with `update`).
        Both sides are compared as the service stores them (names, 身份证号, dates tidied); an empty cell
        changes nothing."""
        service = SERVICES[kind.table]
        given = {name: value for name, value in data.items() if value not in (None, "") and name != "attendance"}
        _problems, values = service.cleaned(given, twin)
        stored = service.form_values(twin)
        changed = [name for name in given if name in stored and display_text(values[name]) != display_text(stored[name])]
        if not changed:
            self.report.unchanged[sheet.spec.title] = self.report.unchanged.get(sheet.spec.title, 0) + 1
            return
        names = service.snapshot(twin)  # references by name
        shown = [(kind.field_label(name),
                  names[name] if kind.field(name).is_reference else display_text(stored[name]),
                  str(given[name]) if kind.field(name).is_reference else display_text(values[name]))
                 for name in changed]
        self.report.updates.append(Update(sheet.spec.title, row.number, service.label(twin), tuple(shown)))
        if self.update:
            try:
                service.update(twin.id, {name: given[name] for name in changed})
            except ValidationError as exc:
                for p in exc.problems:
                    if p.is_error:
                        self._validation_problem(sheet, row, p, [])
            self.report.updated = True

    def _rows(self, sheet: SheetData, refused: set[str] | None = None):
        """Each row that converts, with its data; the names of rows that do not go to `refused`."""
        for row in sheet.rows:
            self._step()
            data = self._convert(sheet, row)
            if data is not None:
                yield row, data
            elif refused is not None:
                refused.add(cells.text(row.values.get("name")).strip())

    def _records(self, sheet: SheetData, kind: RecordKind) -> None:
        """Every row of a record kind's sheet written through its service, duplicates reported and skipped."""
        service = SERVICES[kind.table]
        by_meeting = self._attendance_by_meeting() if kind is kinds.MEETING else {}
        seen: dict = {}
        for row, data in self._rows(sheet, self.refused_members if kind is kinds.MEMBER else None):
            if self._duplicate(sheet, row, kind, data, seen):
                if kind is kinds.MEETING:
                    by_meeting.pop(_meeting_key(data), None)
                continue
            rows = by_meeting.pop(_meeting_key(data), []) if kind is kinds.MEETING else []
            if rows:
                data["attendance"] = [attendance for _source, attendance in rows]
            created = self._create(service, sheet, row, data, [source for source, _attendance in rows])
            if created is None and kind is kinds.MEMBER:
                self.refused_members.add(_stripped(data, "name"))
            if created is not None and rows:
                attendance = self.data.sheet("attendance").spec.title
                self.report.counts[attendance] = self.report.counts.get(attendance, 0) + len(rows)
        attendance = self.data.sheet("attendance")
        for rows in by_meeting.values():
            for source, _attendance in rows:
                self.problem(attendance, source.number, "", "在“会议”表中找不到这场会议（会议日期、类型、主题和党小组须与“会议”表一致）。")

    def _attendance_by_meeting(self) -> dict[tuple, list[tuple[Row, AttendanceRow]]]:
        sheet = self.data.sheet("attendance")
        grouped: dict[tuple, list[tuple[Row, AttendanceRow]]] = {}
        if sheet is None:
            return grouped
        seen: dict[tuple, int] = {}
        for row, data in self._rows(sheet):
            key = (data["meeting_date"], _stripped(data, "meeting_kind"), _stripped(data, "meeting_topic"),
                   _stripped(data, "meeting_group"))
            name = _stripped(data, "name")
            try:
                member_id = self._member(name, "姓名")
            except cells.CellError as exc:
                self.problem(sheet, row.number, sheet.where("name"), str(exc))
                continue
            if member_id is None:
                self.problem(sheet, row.number, sheet.where("name"), "请填写姓名。")
                continue
            if (key, member_id) in seen:
                self.problem(sheet, row.number, sheet.where("name"),
                             f"{name}在这场会议中已在第{seen[key, member_id]}行登记，同一会议不能重复登记。")
                continue
            seen[key, member_id] = row.number
            entry = AttendanceRow(member_id, data.get("status", ""), data.get("reason", ""))
            grouped.setdefault(key, []).append((row, entry))
        return grouped


def _key_data(kind: RecordKind, data: dict[str, Any]) -> dict[str, Any]:
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


def _same_what(kind: RecordKind, names: tuple[str, ...]) -> str:
    """What is the same, as a user reads it: 姓名和出生日期相同."""
    labels = [kind.field_label(n) for n in names]
    return ("、".join(labels[:-1]) + "和" + labels[-1] if len(labels) > 1 else labels[0]) + "相同"


def _meeting_key(data: dict[str, Any]) -> tuple:
    """What ties attendance rows to their meeting row: date, kind, topic and 党小组."""
    return (data.get("date"), _stripped(data, "kind"), _stripped(data, "topic"), _stripped(data, "party_group"))


def _stripped(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    return "" if value is None else str(value).strip()


# How a cell becomes a value of each kind of field: one entry per FieldKind (tests/test_field_kinds.py).
READERS: dict[FieldKind, Callable[[_Importer, Column, object], Any]] = {
    FieldKind.TEXT: lambda _i, _column, value: cells.text(value),
    FieldKind.MULTILINE: lambda _i, _column, value: cells.text(value),
    FieldKind.CHOICE: lambda _i, _column, value: cells.text(value),
    FieldKind.SUGGEST: lambda _i, _column, value: cells.text(value),
    FieldKind.PHONE: lambda _i, _column, value: cells.text(value),
    FieldKind.DATE: lambda _i, column, value: cells.date(value, column.label, partial=column.partial),
    FieldKind.TIME: lambda _i, _column, value: cells.time(value),
    FieldKind.INT: lambda _i, _column, value: cells.integer(value),
    FieldKind.REFERENCE: lambda importer, column, value: importer._reference(column, value),
}
