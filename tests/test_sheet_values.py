"""The streaming reader gives every cell as openpyxl does: shared and inline strings, rich text, numbers,
booleans, dates and times, gaps, several sheets; and it is what the import reads."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from dangjian_desktop.excel.sheet_values import sheets


def _trimmed(rows):
    out = [list(r) for r in rows]
    for r in out:
        while r and r[-1] is None:
            r.pop()
    while out and not out[-1]:
        out.pop()
    return out


def test_the_same_values_as_openpyxl(tmp_path):
    book = Workbook()
    first = book.active
    first.title = "花名册"
    first.append(["姓名", "出生年月", "入党时间", "人数", "比例", "在册", "备注"])
    first.append(["王堃", "1966.02", dt.date(1990, 7, 1), 12, 0.5, True, None])
    first.append(["𠮷䶮", 1966.02, dt.datetime(2025, 3, 5, 14, 30), -3, 1e20, False, "=1+1"])
    first["A5"] = CellRichText("张", TextBlock(InlineFont(b=True), "喆"))
    first["G5"] = dt.time(9, 30)
    first["D5"] = 320402196602040013
    first["B5"].number_format = "yyyy-mm-dd"
    first["B5"] = 24000
    second = book.create_sheet("Sheet2")
    second["C3"] = "隔行隔列"
    path = tmp_path / "values.xlsx"
    book.save(path)
    expected = [(s.title, _trimmed(s.iter_rows(values_only=True)))
                for s in load_workbook(path, read_only=True, data_only=True).worksheets]
    got = [(title, _trimmed(rows)) for title, rows in sheets(path)]
    assert got == expected
    assert got[0][1][4][0] == "张喆" and got[0][1][4][1] == dt.datetime(1965, 9, 15)
