"""Importing a workbook: every row checked by the services, every problem listed, all rows written or none.

The whole import runs in one transaction through the record services (so it is validated exactly like
the dialogs and writes history). A dry run, or any problem, rolls it back: nothing is written. Rows that
duplicate a record already in the database are reported and skipped; duplicates inside the file are
problems to fix.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from peewee import fn

from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.fields import display_text
from dangjian_desktop.domain.kinds import RecordKind
from dangjian_desktop.domain.validation import Problem, ValidationError, upgrade_id_number
from dangjian_desktop.excel import cells
from dangjian_desktop.excel.cell_reader import CellReader
from dangjian_desktop.excel.duplicates import Duplicates
from dangjian_desktop.excel.import_report import ImportProblem, ImportReport, Update
from dangjian_desktop.excel.reader import Row, SheetData, WorkbookData, read_workbook
from dangjian_desktop.services.base import RecordService, batch
from dangjian_desktop.services.meeting import AttendanceRow
from dangjian_desktop.services.registry import SERVICES, dependency_order
from dangjian_desktop.store.connection import database_path, db
from dangjian_desktop.store.faults import disk_fault

Progress = Callable[[int, int], None]
IMPORT_ORDER = dependency_order(tuple(SERVICES))  # a record's references are written before it


class _Rollback(Exception):
    """Leaves the import's transaction without writing anything."""


def import_workbook(path: str | Path, *, dry_run: bool = False, update: bool = False, upgrade_ids: bool = False,
                    progress: Progress | None = None) -> ImportReport:
    """Read and import a workbook; see `import_data`."""
    return import_data(read_workbook(path), dry_run=dry_run, update=update, upgrade_ids=upgrade_ids,
                       progress=progress)


def import_data(data: WorkbookData, *, dry_run: bool = False, update: bool = False, upgrade_ids: bool = False,
                progress: Progress | None = None) -> ImportReport:
    """Import every recognised sheet in one transaction; commit only when not a dry run and no problems.

    A row of a record already there (by the kind's duplicate keys) is compared with it: the same, it is
    counted as unchanged; different, the changes are listed in `updates` and written only with `update`.
    With `upgrade_ids` an old 15-digit 身份证号 is stored in its 18-digit form (said for each row).
    """
    importer = _Importer(data, progress, update, upgrade_ids)
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
    def __init__(self, data: WorkbookData, progress: Progress | None, update: bool, upgrade_ids: bool):
        self.data = data
        self.progress = progress
        self.update = update
        self.upgrade_ids = upgrade_ids
        self.report = ImportReport(notices=[ImportProblem(s, None, "", m) for s, m in data.notices])
        self.total = sum(len(s.rows) for s in data.sheets)
        self.done = 0
        self.existing: dict[type, int] = {}  # model → highest id before the import
        self.refused_members: set[str] = set()  # names on member rows with problems
        self.cells = CellReader(self.refused_members)
        self.duplicates = Duplicates(self.existing)

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
                value = self.cells.read(column, row.values[name])
            except cells.CellError as exc:
                self.problem(sheet, row.number, sheet.where(name), str(exc))
                ok = False
                continue
            if value in (None, "") and sheet.spec.has_default(column):
                continue  # an empty cell takes the field's default (党籍状态 正常, 数量 1)
            data[name] = value
        return data if ok else None

    # -- writing through the services -----------------------------------------------------------

    def _create(self, service: RecordService, sheet: SheetData, row: Row, data: dict[str, Any],
                attendance_rows: list[Row]) -> Any:
        self.cells.forget(service.table)  # a new record of the kind: its names are read again
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
        """Report a row that repeats an earlier row (a problem) or a record already there (compared: the
        same, or its changes listed); True when the row is not a new record."""
        earlier, twin_id = self.duplicates.find(kind, data, row.number, seen)
        if earlier is not None:
            self.problem(sheet, row.number, "", earlier)
            return True
        if twin_id is not None:
            self._compare(sheet, row, kind, data, kind.model.get_by_id(twin_id))
            return True
        return False

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
                  names[name] if kind.field(name).is_reference else kind.field(name).text_of(stored[name]),
                  str(given[name]) if kind.field(name).is_reference else kind.field(name).text_of(values[name]))
                 for name in changed]
        self.report.updates.append(Update(sheet.spec.title, row.number, service.label(twin), tuple(shown)))
        if self.update:
            try:
                service.update(twin.id, {name: given[name] for name in changed})
            except ValidationError as exc:
                for p in exc.problems:
                    if p.is_error:
                        self._validation_problem(sheet, row, p, [])
                return
            self.report.updated = True

    def _rows(self, sheet: SheetData, refused: set[str] | None = None):
        """Each row that converts, with its data; the names of rows that do not go to `refused`."""
        for row in sheet.rows:
            self._step()
            data = self._convert(sheet, row)
            if data is not None:
                old = str(data.get("id_number") or "").strip()
                if len(old) == 15 and old.isdigit() and self.upgrade_ids:
                    data["id_number"] = upgrade_id_number(old)
                    self.notice(sheet, row.number, f"15位身份证号 {old} 已升级为18位：{data['id_number']}。")
                elif len(old) == 15 and old.isdigit():
                    self.report.old_id_numbers += 1
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
                member_id = self.cells.member(name, "姓名")
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


def _meeting_key(data: dict[str, Any]) -> tuple:
    """What ties attendance rows to their meeting row: date, kind, topic and 党小组."""
    return (data.get("date"), _stripped(data, "kind"), _stripped(data, "topic"), _stripped(data, "party_group"))


def _stripped(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    return "" if value is None else str(value).strip()
