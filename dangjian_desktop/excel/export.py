"""Exporting every record kind to one workbook: a sheet per kind, Chinese headers, dates as dates,
身份证号 and phone numbers as text, attendance as its own sheet by meeting and member name."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..models import Activity, ActivityCategory, Attendance, Meeting, Member, Partner, Rectification
from ..services.meetings import meetings
from .columns import ALL_SHEETS, SheetSpec

EXCEL_CELL_LIMIT = 32_767
TEXT_COLUMNS = ("id_number", "phone")  # long digit strings Excel would turn into numbers
DATE_FORMAT = "yyyy-mm-dd"


@dataclass
class ExportResult:
    path: Path
    counts: dict[str, int] = field(default_factory=dict)  # sheet title → rows
    warnings: list[str] = field(default_factory=list)


def export_workbook(out: str | Path, progress: Callable[[int, int], None] | None = None) -> ExportResult:
    """Write every record to `out` (replaced only once the new workbook is complete)."""
    out = Path(out)
    result = ExportResult(out)
    book = Workbook()
    book.remove(book.active)
    names = _Names()
    for done, spec in enumerate(ALL_SHEETS):
        sheet = book.create_sheet(spec.title)
        write_header(sheet, spec)
        count = 0
        for count, values in enumerate(_rows(spec, names), start=1):
            _write_row(sheet, spec, count + 1, values, result.warnings)
        result.counts[spec.title] = count
        if progress is not None:
            progress(done + 1, len(ALL_SHEETS))
    save_workbook(book, out)
    return result


def save_workbook(book: Workbook, out: Path) -> None:
    """Save beside the target, then replace it, so a failed save never leaves half a file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(f".{out.stem}.part.xlsx")
    try:
        book.save(part)
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)


def write_header(sheet: Worksheet, spec: SheetSpec, *, mark_required: bool = False) -> None:
    bold, red = Font(bold=True), Font(bold=True, color="C00000")
    for index, column in enumerate(spec.columns, start=1):
        required = mark_required and spec.must_fill(column)
        cell = sheet.cell(row=1, column=index, value=column.label + ("*" if required else ""))
        cell.font = red if required else bold
        width = 12 if column.kind in ("date", "int", "time", "choice") else 16
        if column.kind == "multiline":
            width = 40
        if column.name in TEXT_COLUMNS:
            width = 22
        sheet.column_dimensions[get_column_letter(index)].width = max(width, 2 * len(column.label) + 4)
    sheet.freeze_panes = "A2"


def _write_row(sheet: Worksheet, spec: SheetSpec, row: int, values: dict[str, Any], warnings: list[str]) -> None:
    for index, column in enumerate(spec.columns, start=1):
        value = values.get(column.name)
        if value in (None, ""):
            continue
        if isinstance(value, str):
            value = _safe_text(value, f"“{spec.title}”表第{row}行{column.label}", warnings)
        cell = sheet.cell(row=row, column=index, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # text starting with “=” stays text, never a formula
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
        elif column.name in TEXT_COLUMNS:
            cell.number_format = "@"


def _safe_text(value: str, where: str, warnings: list[str]) -> str:
    cleaned = ILLEGAL_CHARACTERS_RE.sub("", value)
    if cleaned != value:
        warnings.append(f"{where}含有 Excel 不能保存的控制字符，已在导出文件中去掉。")
    if len(cleaned) > EXCEL_CELL_LIMIT:
        warnings.append(f"{where}有 {len(cleaned)} 个字，超过 Excel 单元格上限 {EXCEL_CELL_LIMIT}，"
                        "在 Excel 中打开时可能被截断（本程序导入时不会）。")
    return cleaned


class _Names:
    """Names of the records others refer to, read once."""

    def __init__(self) -> None:
        self.member = dict(Member.select(Member.id, Member.name).tuples())
        self.partner = dict(Partner.select(Partner.id, Partner.name).tuples())
        self.category = dict(ActivityCategory.select(ActivityCategory.id, ActivityCategory.name).tuples())
        self.meeting = {m.id: meetings.label(m) for m in Meeting.select()}


RECORD_QUERIES = {
    "member": lambda: Member.select().order_by(Member.id),
    "meeting": lambda: Meeting.select().order_by(Meeting.date, Meeting.start_time, Meeting.id),
    "activity": lambda: Activity.select().order_by(Activity.date, Activity.id),
    "partner": lambda: Partner.select().order_by(Partner.id),
    "rectification": lambda: Rectification.select().order_by(Rectification.found_on, Rectification.id),
}


def _rows(spec: SheetSpec, names: _Names) -> Iterator[dict[str, Any]]:
    if spec.kind == "attendance":
        query = (Attendance.select(Attendance, Meeting, Member).join(Meeting).switch(Attendance).join(Member)
                 .order_by(Meeting.date, Meeting.start_time, Meeting.id, Member.name))
        for a in query:
            yield {"meeting_date": a.meeting.date, "meeting_kind": a.meeting.kind, "meeting_topic": a.meeting.topic,
                   "meeting_group": a.meeting.party_group, "name": a.member.name, "status": a.status,
                   "reason": a.reason}
        return
    if spec.kind == "category":
        for c in ActivityCategory.select().order_by(ActivityCategory.sort_order, ActivityCategory.id):
            yield {"name": c.name, "unit": c.unit}
        return
    for record in RECORD_QUERIES[spec.kind]():
        values = {}
        for column in spec.columns:
            if column.kind in ("member", "partner", "category", "meeting"):
                related = getattr(record, f"{column.name}_id")
                values[column.name] = getattr(names, column.kind).get(related, "") if related else None
            else:
                values[column.name] = getattr(record, column.name)
        yield values
