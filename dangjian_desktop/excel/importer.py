"""Importing a workbook: every row checked by the services, every problem listed, all rows written or none.

The whole import runs in one transaction through the record services (so it is validated exactly like
the dialogs and writes history). A dry run, or any problem, rolls it back: nothing is written. Rows that
duplicate a record already in the database are reported and skipped; duplicates inside the file are
problems to fix.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from pathlib import Path
from typing import Any

from peewee import fn

from dangjian_desktop.domain.validation import ValidationError, birth_date_from_id
from dangjian_desktop.excel import cells
from dangjian_desktop.excel.columns import RECORD_MODELS
from dangjian_desktop.excel.reader import Row, SheetData, WorkbookData, read_workbook
from dangjian_desktop.services.activities import activities, add_category
from dangjian_desktop.services.base import RecordService
from dangjian_desktop.services.meetings import AttendanceRow, meetings
from dangjian_desktop.services.members import members
from dangjian_desktop.services.partners import partners
from dangjian_desktop.services.rectifications import rectifications
from dangjian_desktop.store.connection import db
from dangjian_desktop.store.models import Activity, ActivityCategory, Meeting, Member, Partner, Rectification

Progress = Callable[[int, int], None]
_ATTENDANCE_ROW_RE = re.compile(r"^出席情况第(\d+)行[：:]?")
_MEETING_LABEL_RE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})\s+(\S+?)[：:](.+)$")


@dataclass(frozen=True)
class ImportProblem:
    sheet: str
    row: int | None
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"“{self.sheet}”表" + (f"第{self.row}行" if self.row else "")
        return f"{where}{' ' + self.column if self.column else ''}：{self.reason}"


@dataclass
class ImportReport:
    problems: list[ImportProblem] = field(default_factory=list)
    notices: list[ImportProblem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # sheet title → rows imported (or importable)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


class _Rollback(Exception):
    """Leaves the import's transaction without writing anything."""


def import_workbook(path: str | Path, *, dry_run: bool = False, progress: Progress | None = None) -> ImportReport:
    """Read and import a workbook; see `import_data`."""
    return import_data(read_workbook(path), dry_run=dry_run, progress=progress)


def import_data(data: WorkbookData, *, dry_run: bool = False, progress: Progress | None = None) -> ImportReport:
    """Import every recognised sheet in one transaction; commit only when not a dry run and no problems."""
    importer = _Importer(data, progress)
    order = {sheet.title: index for index, sheet in enumerate(data.sheets)}
    try:
        with db.atomic():
            importer.run()
            importer.report.problems.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0))
            if dry_run or importer.report.problems:
                raise _Rollback
    except _Rollback:
        return importer.report
    importer.report.written = True
    return importer.report


class _Importer:
    def __init__(self, data: WorkbookData, progress: Progress | None):
        self.data = data
        self.progress = progress
        self.report = ImportReport(notices=[ImportProblem(s, None, "", m) for s, m in data.notices])
        self.total = sum(len(s.rows) for s in data.sheets)
        self.done = 0
        self.existing: dict[type, int] = {}  # model → highest id before the import
        self.refused_members: set[str] = set()  # names on member rows with problems

    def run(self) -> None:
        for model in RECORD_MODELS.values():
            self.existing[model] = model.select(fn.MAX(model.id)).scalar() or 0
        for sheet in self.data.sheets:
            missing = [c.label for c in sheet.spec.columns if sheet.spec.must_fill(c) and c.name not in sheet.columns]
            if missing:
                self.problem(sheet, None, "", f"缺少必填的列：{'、'.join(missing)}。请在表头加上这些列。")
        if self.report.problems:
            return
        for kind, run in (("category", self._categories), ("partner", self._partners), ("member", self._members),
                          ("meeting", self._meetings), ("activity", self._activities),
                          ("rectification", self._rectifications)):
            sheet = self.data.sheet(kind)
            if sheet is not None:
                run(sheet)
        attendance = self.data.sheet("attendance")
        if attendance is not None and self.data.sheet("meeting") is None:
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
        model = RECORD_MODELS.get(sheet.spec.kind)
        for name in sheet.columns:
            column = sheet.spec.column(name)
            try:
                value = self._cell(column.kind, column.label, name, row.values[name])
            except cells.CellError as exc:
                self.problem(sheet, row.number, sheet.where(name), str(exc))
                ok = False
                continue
            if value in (None, "") and model is not None and model._meta.fields[name].default not in (None, ""):
                continue  # an empty cell takes the field's default (党籍状态 正常, 数量 1)
            data[name] = value
        return data if ok else None

    def _cell(self, kind: str, label: str, name: str, value: object) -> Any:
        if kind == "date":
            return cells.date(value, label)
        if kind == "time":
            return cells.time(value)
        if kind == "int":
            return cells.integer(value)
        if name == "id_number":
            return cells.id_number(value)
        if kind == "member":
            return self._member(value, label)
        if kind == "partner":
            return self._lookup(Partner, Partner.name, value, label, "共建单位或基地", "须已在系统中，或在本工作簿中")
        if kind == "category":
            return self._lookup(ActivityCategory, ActivityCategory.name, value, label, "活动类别",
                                "可选：" + "、".join(c.name for c in ActivityCategory.select()))
        if kind == "meeting":
            return self._meeting_by_label(value, label)
        return cells.text(value)

    def _member(self, value: object, label: str) -> int | None:
        try:
            return self._lookup(Member, Member.name, value, label, "党员", "须已在系统中，或在本工作簿的“党员”表中")
        except cells.CellError:
            name = cells.text(value).strip()
            if name in self.refused_members:
                raise cells.CellError(f"{label}：“{name[:30]}”在“党员”表中的那一行有问题，改好那一行即可。") from None
            raise

    @staticmethod
    def _lookup(model: type, column: Any, value: object, label: str, what: str, hint: str) -> int | None:
        name = cells.text(value).strip()
        if not name:
            return None
        ids = [r.id for r in model.select(model.id).where(column == name).limit(2)]
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
                attendance_rows: list[Row] | None = None) -> Any:
        try:
            result = service.create(data)
        except ValidationError as exc:
            for p in exc.problems:
                if p.is_error:
                    self._validation_problem(sheet, row, p.field, p.message, attendance_rows)
            return None
        for warning in result.warnings:
            self.notice(sheet, row.number, warning.message)
        self._count(sheet)
        return result.record

    def _validation_problem(self, sheet: SheetData, row: Row, name: str, message: str,
                            attendance_rows: list[Row] | None) -> None:
        match = _ATTENDANCE_ROW_RE.match(message)
        attendance = self.data.sheet("attendance")
        if name == "attendance" and match and attendance_rows and attendance is not None:
            source = attendance_rows[int(match.group(1)) - 1]
            reason = re.sub(r"^（([^）]*)）", r"\1", message[match.end():])
            self.problem(attendance, source.number, attendance.where("reason" if "原因" in reason else "status"), reason)
        else:
            self.problem(sheet, row.number, sheet.where(name), message)

    def _duplicate(self, sheet: SheetData, row: Row, keys: list[tuple[str, tuple]], seen: dict, model: type,
                   conditions: list[Any]) -> bool:
        """Report a row that repeats an earlier row (a problem) or a record already there (skipped).

        `keys` are (what is the same, key) for the rows of the file; `conditions` find the same record
        among those that were in the database before the import.
        """
        for what, key in keys:
            if key in seen:
                self.problem(sheet, row.number, "", f"与第{seen[key]}行重复（{what}），请删去其中一行。")
                return True
        for _what, key in keys:
            seen[key] = row.number
        if not conditions:
            return False
        twin = model.select().where(reduce(operator.or_, conditions) & (model.id <= self.existing[model])).first()
        if twin is not None:
            name = next(str(getattr(twin, a))[:30] for a in ("name", "topic", "title", "problem") if hasattr(twin, a))
            self.notice(sheet, row.number, f"与已有的{sheet.spec.title}“{name}”重复，未再导入。")
            return True
        return False

    def _rows(self, sheet: SheetData, refused: set[str] | None = None):
        """Each row that converts, with its data; the names of rows that do not go to `refused`."""
        for row in sheet.rows:
            self._step()
            data = self._convert(sheet, row)
            if data is not None:
                yield row, data
            elif refused is not None:
                refused.add(cells.text(row.values.get("name")).strip())

    def _categories(self, sheet: SheetData) -> None:
        for row, data in self._rows(sheet):
            name, unit = _stripped(data, "name"), _stripped(data, "unit")
            current = ActivityCategory.get_or_none(ActivityCategory.name == name)
            if current is not None:
                if unit and unit != current.unit:
                    self.notice(sheet, row.number, f"已有活动类别“{name}”（单位“{current.unit}”），保留原单位。")
                continue
            try:
                add_category(name, unit)
            except ValidationError as exc:
                for p in exc.problems:
                    self.problem(sheet, row.number, sheet.where(p.field), p.message)
            else:
                self._count(sheet)

    def _partners(self, sheet: SheetData) -> None:
        seen: dict = {}
        for row, data in self._rows(sheet):
            name = _stripped(data, "name")
            if name and self._duplicate(sheet, row, [("名称相同", (name,))], seen, Partner, [Partner.name == name]):
                continue
            self._create(partners, sheet, row, data)

    def _members(self, sheet: SheetData) -> None:
        seen: dict = {}
        for row, data in self._rows(sheet, self.refused_members):
            number, name = _stripped(data, "id_number").upper(), _stripped(data, "name")
            born = data.get("birth_date") or (birth_date_from_id(number) if len(number) == 18 else None)
            keys, conditions = [], []
            if number:
                keys.append(("身份证号相同", (number,)))
                conditions.append(Member.id_number == number)
            if name and born:
                keys.append(("姓名和出生日期相同", (name, born)))
                conditions.append((Member.name == name) & (Member.birth_date == born))
            if not self._duplicate(sheet, row, keys, seen, Member, conditions):
                if self._create(members, sheet, row, data) is None:
                    self.refused_members.add(name)

    def _meetings(self, sheet: SheetData) -> None:
        by_meeting = self._attendance_by_meeting()
        seen: dict = {}
        for row, data in self._rows(sheet):
            key = (data.get("date"), _stripped(data, "kind"), _stripped(data, "topic"), _stripped(data, "party_group"))
            rows = by_meeting.pop(key, [])
            same = [(Meeting.date == key[0]) & (Meeting.kind == key[1]) & (Meeting.topic == key[2])
                    & (Meeting.party_group == key[3])]
            if all(key[:3]) and self._duplicate(sheet, row, [("日期、类型、主题和党小组相同", key)], seen, Meeting,
                                                same):
                continue
            if rows:
                data["attendance"] = [attendance for _source, attendance in rows]
            if self._create(meetings, sheet, row, data, [source for source, _attendance in rows]) and rows:
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

    def _activities(self, sheet: SheetData) -> None:
        seen: dict = {}
        for row, data in self._rows(sheet):
            data.setdefault("unit", "")
            key = (data.get("category"), data.get("date"), _stripped(data, "title"), _stripped(data, "place"),
                   _stripped(data, "organiser"))
            same = [(Activity.category == key[0]) & (Activity.date == key[1]) & (Activity.title == key[2])
                    & (Activity.place == key[3]) & (Activity.organiser == key[4])]
            if all(key[:3]) and self._duplicate(sheet, row, [("类别、日期、名称、地点和组织者相同", key)], seen,
                                                Activity, same):
                continue
            self._create(activities, sheet, row, data)

    def _rectifications(self, sheet: SheetData) -> None:
        seen: dict = {}
        for row, data in self._rows(sheet):
            key = (data.get("found_on"), _stripped(data, "problem"))
            same = [(Rectification.found_on == key[0]) & (Rectification.problem == key[1])]
            if all(key) and self._duplicate(sheet, row, [("发现日期和问题相同", key)], seen, Rectification, same):
                continue
            self._create(rectifications, sheet, row, data)


def _stripped(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    return "" if value is None else str(value).strip()
