"""Exporting every record kind to one workbook: a sheet per kind, Chinese headers, dates as dates,
身份证号 and phone numbers as text, attendance as its own sheet by meeting and member name."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from dangjian_desktop.common.dates import PartialDate, date_label
from dangjian_desktop.common.money import yuan_decimal
from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.fields import FieldKind
from dangjian_desktop.excel import ExcelFileError
from dangjian_desktop.excel.columns import ALL_SHEETS, SheetSpec
from dangjian_desktop.store.connection import database_path
from dangjian_desktop.store.faults import disk_fault
from dangjian_desktop.store.models import Attendance, Meeting, Member
from dangjian_desktop.store.permissions import create_like

EXCEL_CELL_LIMIT = 32_767
TEXT_COLUMNS = ("id_number", "phone")  # long digit strings Excel would turn into numbers
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "0.00"
COLUMN_WIDTHS = {FieldKind.DATE: 12, FieldKind.INT: 12, FieldKind.MONEY: 12, FieldKind.TIME: 12, FieldKind.CHOICE: 12,
                 FieldKind.MULTILINE: 40}  # in characters; others 16


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
    """Save beside the target, then replace it, so a failed save never leaves half a file. A full disk or a
    folder that cannot be written is one sentence (ExcelFileError), not a traceback."""
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(f".{out.stem}.part.xlsx")
    failure: str | None = None
    _quiet_leftovers_of_failed_saves()
    try:
        create_like(part, database_path())  # personal data: as private as the database
        book.save(part)
        os.replace(part, out)
    except OSError as exc:
        fault = disk_fault(exc, out)
        failure = str(fault) if fault else f"无法写入 {out}：{exc.strerror or exc}。"
    finally:
        part.unlink(missing_ok=True)
    if failure is not None:
        raise ExcelFileError(failure)


def _quiet_leftovers_of_failed_saves() -> None:
    """When a save fails (a full disk), openpyxl's half-written zip file and its sheets' XML writers are
    finalised later, each printing "Exception ignored …" with a traceback (a dozen on stderr). The one
    sentence of ExcelFileError says it all: those, and only those, are dropped; any other goes on as before."""
    previous = sys.unraisablehook
    if getattr(previous, "drops_failed_saves", False):
        return

    def hook(unraisable) -> None:
        where = repr(unraisable.object)
        if isinstance(unraisable.exc_value, (OSError, etree.LxmlError)) and (
                "ZipFile" in where or "WorksheetWriter" in where or "WriteOnlyWorksheet" in where):
            return
        previous(unraisable)

    hook.drops_failed_saves = True
    sys.unraisablehook = hook


def write_header(sheet: Worksheet | WriteOnlyWorksheet, spec: SheetSpec, *, mark_required: bool = False) -> None:
    """Column widths, the frozen header row and the headers as the sheet's first row (also in write-only mode)."""
    bold, red = Font(bold=True), Font(bold=True, color="C00000")
    cells = []
    for index, column in enumerate(spec.columns, start=1):
        required = mark_required and spec.must_fill(column)
        cell = WriteOnlyCell(sheet, value=column.label + ("*" if required else ""))
        cell.font = red if required else bold
        cells.append(cell)
        width = COLUMN_WIDTHS.get(column.kind, 16)
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
        if column.kind is FieldKind.MONEY:  # 分 written as 元, a number to the cent
            cell = WriteOnlyCell(sheet, value=yuan_decimal(value))
            cell.number_format = MONEY_FORMAT
            cells.append(cell)
            continue
        if isinstance(value, PartialDate):  # a month-only date stays as written, and reads back the same
            value = date_label(value, ".")
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
    """How the records others refer to are written, read once per referred kind."""

    def __init__(self) -> None:
        self._by_table: dict[str, dict[int, str]] = {}

    def of(self, table: str, record_id: int) -> str:
        if table not in self._by_table:
            kind = kinds.kind(table)
            self._by_table[table] = {r.id: kind.name_of(r) for r in kind.model.select().iterator()}
        return self._by_table[table].get(record_id, "")


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
    model = spec.record.model
    query = model.select().order_by(*(model._meta.fields[name] for name in spec.record.order))
    for record in query.iterator():  # streamed: each record is written and let go
        values = {}
        for column in spec.columns:
            if column.references:
                related = getattr(record, f"{column.name}_id")
                values[column.name] = names.of(column.references, related) if related else None
            else:
                values[column.name] = getattr(record, column.name)
        yield values
