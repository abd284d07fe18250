"""党内统计表 as a workbook laid out like the printout (queries.statistics.sections): a title, then each table
with its heading, headers and rows, the characteristic's cells merged down; counts as numbers."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from dangjian_desktop.queries.statistics import YearStatistics, sections

THIN = Side(style="thin", color="808080")
HEAD_FILL = PatternFill("solid", fgColor="E6E6E6")
WIDTH = 4  # columns: 项目, 分类, 人数, 占比


def write_statistics(out: Path, stats: YearStatistics, branch: str) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = f"{stats.year}年党内统计"
    sheet.append([f"{branch}党内统计表（{stats.year}年度）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=WIDTH)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    for section in sections(stats):
        sheet.append([])
        sheet.append([section.heading])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        sheet.append(list(section.headers))
        first = sheet.max_row
        for row in section.rows:
            sheet.append([_number(cell) if index >= 2 else cell for index, cell in enumerate(row)])
        _rule(sheet, first, sheet.max_row, len(section.headers))
        _merge_down(sheet, first + 1, sheet.max_row)
    sheet.append([])
    sheet.append(["年初党员数为上年12月31日在册党员数；年初数＋增加数－减少数＝年末数。"])
    for column, width in enumerate((16, 24, 10, 12), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    book.save(out)  # build_report writes into a temporary file and moves it into place


def _number(text: str) -> object:
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return text


def _rule(sheet, first: int, last: int, columns: int) -> None:
    for row in sheet.iter_rows(min_row=first, max_row=last, max_col=columns):
        for cell in row:
            cell.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
            cell.alignment = Alignment(horizontal="left" if cell.column == 1 else "center", vertical="center")
    for cell in sheet[first][:columns]:
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(horizontal="center")


def _merge_down(sheet, first: int, last: int) -> None:
    """The first column's cell over the rows below it that leave it blank, as the printout joins them."""
    start = None
    for row in range(first, last + 2):
        named = row <= last and sheet.cell(row, 1).value not in (None, "")
        if (named or row == last + 1) and start is not None and row - 1 > start:
            sheet.merge_cells(start_row=start, start_column=1, end_row=row - 1, end_column=1)
        if named or row == last + 1:
            start = row if named else None
