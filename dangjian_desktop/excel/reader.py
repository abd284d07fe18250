"""Reading a workbook: find each sheet's kind and header row, and its rows as column name → cell value."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from dangjian_desktop.excel import ExcelFileError, sheet_values
from dangjian_desktop.excel.columns import (
    ALL_SHEETS,
    INSTRUCTIONS_TITLE,
    SheetSpec,
    match_headers,
    normalise_header,
    sheet_for_name,
)

HEADER_SEARCH_ROWS = 10  # a title line or two above the headers is common
# A line under the table: a total, a note, who made the table (合计：25人, 共 25 人, 备注：…, 制表人：…)
FOOTER_RE = re.compile(r"^(合\s*计|总\s*计|小\s*计|共\s*计|共\s*\d+\s*[人名条项]|制表|填表|审核|负责人|单位负责人|"
                       r"备\s*注|注\s*[:：]|说明|以上|截至)")


@dataclass(frozen=True)
class Row:
    number: int  # the row number Excel shows
    values: dict[str, object]


@dataclass
class SheetData:
    spec: SheetSpec
    title: str  # the sheet's name in the workbook
    columns: dict[str, tuple[int, str]]  # column name → (index, header as written)
    rows: list[Row] = field(default_factory=list)

    def where(self, name: str) -> str:
        """“C列（出生年月）” for a column of this sheet, or the field's label when the sheet lacks it."""
        if name in self.columns:
            index, header = self.columns[name]
            return f"{get_column_letter(index + 1)}列（{header}）"
        labels = [c.label for c in self.spec.columns if c.name == name]
        return f"“{labels[0]}”" if labels else ""


@dataclass
class WorkbookData:
    sheets: list[SheetData] = field(default_factory=list)
    notices: list[tuple[str, str]] = field(default_factory=list)  # (sheet, message)

    def sheet(self, kind: str) -> SheetData | None:
        return next((s for s in self.sheets if s.spec.kind == kind), None)


def read_workbook(path: str | Path) -> WorkbookData:
    """Every recognised sheet of the workbook; unknown sheets and columns become notices."""
    data = WorkbookData()
    for title, rows in read_sheets(path):
        _read_sheet(data, title, rows)
    return data


def read_sheets(path: str | Path) -> list[tuple[str, list[list[object]]]]:
    """(title, rows) of every worksheet; a file that is not a readable .xlsx is one sentence (ExcelFileError)."""
    path = Path(path)
    if path.suffix.lower() in (".xls", ".et", ".csv"):
        raise ExcelFileError(f"{path.name} 不是 .xlsx 格式：请在 Excel 或 WPS 中“另存为”Excel 工作簿（*.xlsx）后再导入。")
    if not path.is_file():
        raise ExcelFileError(f"找不到文件 {path}。")
    try:
        return list(sheet_values.sheets(path))
    except PermissionError:
        raise
    except Exception as exc:  # a broken or foreign file raises many kinds (zip, XML, missing parts); none may escape
        raise ExcelFileError(f"无法读取 {path.name}：它不是有效的 .xlsx 工作簿，或文件已损坏。"
                             "请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。") from exc


def _read_sheet(data: WorkbookData, title: str, rows: list[list[object]]) -> None:
    if normalise_header(title) == INSTRUCTIONS_TITLE or not any(any(v not in (None, "") for v in r) for r in rows):
        return
    spec, header_index, columns = _identify(title, rows)
    if spec is None:
        data.notices.append((title, "未能识别这张工作表（表名和列名都对不上），已跳过。"))
        return
    if any(s.spec.kind == spec.kind for s in data.sheets):
        data.notices.append((title, f"工作簿中已有一张“{spec.title}”表，这张已跳过。"))
        return
    headers = rows[header_index]
    sheet = SheetData(spec, title, {name: (i, str(headers[i]).strip()) for name, i in columns.items()})
    used = set(columns.values())
    for i, header in enumerate(headers):
        if header not in (None, "") and i not in used and normalise_header(header) not in ("序号", "编号"):
            data.notices.append((title, f"{get_column_letter(i + 1)}列“{str(header).strip()[:20]}”未识别，已忽略。"))
    for offset, raw in enumerate(rows[header_index + 1:], start=header_index + 2):
        values = {name: raw[i] if i < len(raw) else None for name, i in columns.items()}
        if not any(v is not None and str(v).strip() != "" for v in values.values()):
            continue
        first = next((str(v).strip() for v in raw if v is not None and str(v).strip() != ""), "")
        if FOOTER_RE.match(unicodedata.normalize("NFKC", first)):
            data.notices.append((title, f"第{offset}行“{first[:20]}”是合计或说明，不是记录，已跳过。"))
            continue
        sheet.rows.append(Row(offset, values))
    data.sheets.append(sheet)


def _identify(title: str, rows: list[list[object]]) -> tuple[SheetSpec | None, int, dict[str, int]]:
    """The sheet's kind (by its name, else by its headers), its header row and matched columns."""
    named = sheet_for_name(title)
    candidates = [named] if named else list(ALL_SHEETS)
    best: tuple[int, SheetSpec | None, int, dict[str, int]] = (1, None, 0, {})
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        for spec in candidates:
            columns = match_headers(spec, row)
            if len(columns) > best[0]:
                best = (len(columns), spec, index, columns)
    if best[1] is None and named is not None:
        return named, 0, match_headers(named, rows[0] if rows else [])
    return best[1], best[2], best[3]
