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
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from dangjian_desktop.excel.columns import ALL_SHEETS, SheetSpec
from dangjian_desktop.services.meetings import meetings
from dangjian_desktop.store.models import (
    Activity,
    ActivityCategory,
    Attendance,
    Meeting,
    Member,
    Partner,
    Rectification,
)

EXCEL_CELL_LIMIT = 32_767
TEXT_COLUMNS = ("id_number", "phone")  # long digit strings Excel would turn into numbers
DATE_FORMAT = "yyyy-mm-dd"


@dataclass
class ExportResult:
    path: Path
    counts: dict[str, int] = field(default_factory=dict)  # sheet title → rows
    warnings: list[str] = field(default_factory=list)


def export_workbook(out: str | Path, progress: Callable[[int, int], None] | None = None) -> ExportResult:
    """Write every record to `out` (replaced only once the new workbook is complete).

    The workbook is write-only: rows go to disk as they are made, so ten years of records stay small in memory.
    """
    out = Path(out)
    result = ExportResult(out)
    book = Workbook(write_only=True)
    names = _Names()
    for done, spec in enumerate(ALL_SHEETS):
        sheet = book.create_sheet(spec.title)
        write_header(sheet, spec)
        count = 0
        for count, values in enumerate(_rows(spec, names), start=1):
            sheet.append(_row(sheet, spec, count + 1, values, result.warnings))
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


def write_header(sheet: Worksheet | WriteOnlyWorksheet, spec: SheetSpec, *, mark_required: bool = False) -> None:
    """Column widths, the frozen header row and the headers as the sheet's first row (also in write-only mode)."""
    bold, red = Font(bold=True), Font(bold=True, color="C00000")
    cells = []
    for index, column in enumerate(spec.columns, start=1):
        required = mark_required and spec.must_fill(column)
        cell = WriteOnlyCell(sheet, value=column.label + ("*" if required else ""))
        cell.font = red if required else bold
        cells.append(cell)
        width = 12 if column.kind in ("date", "int", "time", "choice") else 16
        if column.kind == "multiline":
            width = 40
        if column.name in TEXT_COLUMNS:
            width = 22
        sheet.column_dimensions[get_column_letter(index)].width = max(width, 2 * len(column.label) + 4)
    sheet.freeze_panes = "A2"
    sheet.append(cells)


def _row(sheet: WriteOnlyWorksheet, spec: SheetSpec, row: int, values: dict[str, Any],
         warnings: list[str]) -> list[object]:
    """One row for `append`: plain values, and a cell with its format where the format matters."""
    cells: list[object] = []
    for column in spec.columns:
        value = values.get(column.name)
        if value in (None, ""):
            cells.append(None)
            continue
        if isinstance(value, str):
            value = _safe_text(value, f"“{spec.title}”表第{row}行{column.label}", warnings)
        if isinstance(value, dt.date) or column.name in TEXT_COLUMNS or (isinstance(value, str)
                                                                       and value.startswith("=")):
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text starting with “=” stays text, never a formula
            cell.number_format = DATE_FORMAT if isinstance(value, dt.date) else "@"
            value = cell
        cells.append(value)
    return cells


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
        self.meeting = {m.id: meetings.label(m) for m in Meeting.select().iterator()}


RECORD_QUERIES = {
    "member": lambda: Member.select().order_by(Member.id),
    "meeting": lambda: Meeting.select().order_by(Meeting.date, Meeting.start_time, Meeting.id),
    "activity": lambda: Activity.select().order_by(Activity.date, Activity.id),
    "partner": lambda: Partner.select().order_by(Partner.id),
    "rectification": lambda: Rectification.select().order_by(Rectification.found_on, Rectification.id),
}


def _rows(spec: SheetSpec, names: _Names) -> Iterator[dict[str, Any]]:
    if spec.kind == "attendance":
        query = (Attendance.select(Meeting.date, Meeting.kind, Meeting.topic, Meeting.party_group, Member.name,
                                   Attendance.status, Attendance.reason)
                 .join(Meeting).switch(Attendance).join(Member)
                 .order_by(Meeting.date, Meeting.start_time, Meeting.id, Member.name).tuples())
        keys = ("meeting_date", "meeting_kind", "meeting_topic", "meeting_group", "name", "status", "reason")
        for row in query.iterator():  # plain tuples, streamed: tens of thousands of rows, none kept
            yield dict(zip(keys, row, strict=True))
        return
    if spec.kind == "category":
        for c in ActivityCategory.select().order_by(ActivityCategory.sort_order, ActivityCategory.id):
            yield {"name": c.name, "unit": c.unit}
        return
    for record in RECORD_QUERIES[spec.kind]().iterator():  # streamed: each record is written and let go
        values = {}
        for column in spec.columns:
            if column.kind in ("member", "partner", "category", "meeting"):
                related = getattr(record, f"{column.name}_id")
                values[column.name] = getattr(names, column.kind).get(related, "") if related else None
            else:
                values[column.name] = getattr(record, column.name)
        yield values
