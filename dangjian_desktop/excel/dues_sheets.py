"""党费 in Excel as branches keep it: the year's grid written as the screen shows it (and read back: the amounts
typed into its month columns become payments), and the payroll's sheet (姓名 or 身份证号 and the pay) read as
the year's bases. Both check everything first; a dry run writes nothing, and a write is all or nothing."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from dangjian_desktop.common.money import yuan, yuan_decimal
from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.rules.membership import on_rolls_during_expr
from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.excel import cells
from dangjian_desktop.excel.columns import normalise_header
from dangjian_desktop.excel.export import save_workbook
from dangjian_desktop.excel.import_report import ImportProblem, ImportReport
from dangjian_desktop.excel.reader import read_sheets
from dangjian_desktop.queries.dues import cell_text, dues_year
from dangjian_desktop.services.dues import BaseLine, dues_payments, set_bases
from dangjian_desktop.store.connection import db
from dangjian_desktop.store.models import DUES_CATEGORIES, DuesBase, DuesPayment, Member

GRID_HEAD = ("姓名", "类别", "比例", "月应交")
MONTHS = tuple(f"{m}月" for m in range(1, 13))
GRID_TAIL = ("实交", "欠交")
NAME_HEADERS = ("姓名", "党员姓名")
ID_HEADERS = ("身份证号", "身份证号码", "公民身份号码")
CATEGORY_HEADERS = ("类别", "人员类别", "人员类型")
PAY_HEADERS = (*kinds.DUES_BASE.sheet.headers["base"], "月工资收入", "实发工资", "实发合计", "税后工资", "税后收入")
HEADER_ROWS = 10  # how far down a title block may push the header
OWED_FILL = PatternFill("solid", fgColor="FDE8E8")
NONE_FILL = PatternFill("solid", fgColor="F1F1F1")
THIN = Side(style="thin", color="808080")
IMPORT_NOTE = "由Excel导入（交纳日期记为当月末）"


class _DryRun(Exception):
    """Leaves the transaction of a dry run (or of a refused import): nothing it wrote stays."""


# -- the grid, written --------------------------------------------------------------------------------

def export_dues_grid(year: int, out: str | Path, today: dt.date | None = None) -> Path:
    """The year's grid as on screen: a title, the members by name with each month, the sums, the legend."""
    grid = dues_year(year, today)
    out = Path(out)
    book = Workbook()
    sheet = book.active
    sheet.title = f"{year}年党费"
    headers = (*GRID_HEAD, *MONTHS, *GRID_TAIL)
    sheet.append([f"{year}年党费收缴情况"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(list(headers))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for row in grid.by_name():
        values: list[object] = [row.name, row.category or "未核定", row.rate, _amount(row.monthly)]
        values += [_amount(c.paid) if c.paid is not None else cell_text(c) for c in row.cells]
        arrears = row.arrears(grid.cutoff)
        values += [_amount(row.paid), _amount(arrears) if arrears else None]
        sheet.append(values)
        for c in row.cells:
            target = sheet.cell(sheet.max_row, len(GRID_HEAD) + c.month)
            target.fill = OWED_FILL if c.state == "owed" else NONE_FILL if c.state == "none" else PatternFill()
            target.alignment = Alignment(horizontal="center")
    month_sums = [_amount(sum(r.cells[m].paid or 0 for r in grid.rows)) for m in range(12)]
    sheet.append(["合计", "", "", "", *month_sums, _amount(grid.paid), _amount(grid.arrears)])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for line in sheet.iter_rows(min_row=2, max_row=sheet.max_row):
        for cell in line:
            cell.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
            if isinstance(cell.value, Decimal):
                cell.number_format = "0.00"
    sheet.append([])
    sheet.append(["金额单位：元。月份栏为当月实交金额；“欠”为到期未交，“—”为当月不在党员名册上，“免”为经批准免交，空白为尚未"
                  "到期。在空白或“欠”的格中填入金额后可导入为交纳记录（交纳日期记为当月末）。"])
    for column, width in enumerate((10, 8, 7, 9, *([9] * 12), 10, 9), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "B3"
    save_workbook(book, out)
    return out


def _amount(fen: int | None) -> Decimal | None:
    return None if fen is None else yuan_decimal(fen)


# -- reading a sheet with a header somewhere near the top ----------------------------------------------

@dataclass(frozen=True)
class _Header:
    title: str  # the sheet's
    index: int  # the header's row, from 0
    columns: dict[str, int]  # normalised header → column
    rows: list[list[object]]


def _find_header(path: str | Path, wanted: Callable[[dict[str, int]], bool]) -> tuple[str, _Header | None]:
    """The first sheet's title, and the first sheet and row (within the first rows: a title block may stand
    above) whose headers satisfy `wanted`, when there is one."""
    sheets = read_sheets(path)
    for title, rows in sheets:
        for index, row in enumerate(rows[:HEADER_ROWS]):
            columns: dict[str, int] = {}
            for column, value in enumerate(row):
                header = normalise_header(value).replace("(元)", "")
                if header and header not in columns:
                    columns[header] = column
            if wanted(columns):
                return title, _Header(title, index, columns, rows)
    return (sheets[0][0] if sheets else Path(path).name), None


def _column(columns: dict[str, int], names: tuple[str, ...]) -> int | None:
    return next((columns[normalise_header(n)] for n in names if normalise_header(n) in columns), None)


class _Members:
    """Members on the rolls in the year, by 身份证号 and by name (a name two members share is refused)."""

    def __init__(self, year: int):
        people = list(Member.select(Member.id, Member.name, Member.id_number)
                      .where(on_rolls_during_expr(dt.date(year, 1, 1), dt.date(year, 12, 31))))
        self.by_number = {p.id_number: p.id for p in people if p.id_number}
        self.by_name: dict[str, list[int]] = {}
        for p in people:
            self.by_name.setdefault(p.name, []).append(p.id)
        self.year = year

    def find(self, name: str, number: str) -> int:
        if number:
            if number in self.by_number:
                return self.by_number[number]
            raise cells.CellError(f"身份证号 {number} 不是{self.year}年在册党员的。")
        found = self.by_name.get(name, [])
        if not found:
            raise cells.CellError(f"“{name}”不是{self.year}年在册党员（请核对姓名，或写身份证号）。")
        if len(found) > 1:
            raise cells.CellError(f"有{len(found)}位党员名叫“{name}”，请在这一行写上身份证号。")
        return found[0]


def _value(row: list[object], column: int | None) -> object:
    return row[column] if column is not None and column < len(row) else None


def _run(report: ImportReport, dry_run: bool, write: Callable[[], None]) -> ImportReport:
    """Write in one transaction, kept only when it is not a dry run and nothing was refused."""
    try:
        with db.atomic():
            write()
            if dry_run or report.problems:
                raise _DryRun
    except _DryRun:
        pass
    report.written = not dry_run and not report.problems
    return report


# -- the payroll's sheet: the year's bases --------------------------------------------------------------

def import_payroll(path: str | Path, year: int, from_month: int = 1, *, dry_run: bool = False) -> ImportReport:
    """Each row's pay as the member's base of `year` from `from_month`; the category from a 类别 column, else
    the member's present one (在职 when none). Rows without a pay (a 合计 line, a blank) are passed over."""
    report = ImportReport()
    found = _find_header(path, lambda c: _column(c, PAY_HEADERS) is not None
                         and (_column(c, NAME_HEADERS) is not None or _column(c, ID_HEADERS) is not None))
    first, found = found
    if found is None:
        report.problems.append(ImportProblem(first, None, "", "找不到表头：需要“姓名”或“身份证号”一列，以及"
                                             "“月工资收入”（或“实发工资”“税后工资”“基数”）一列。"))
        return report
    title, header, columns, rows = found.title, found.index, found.columns, found.rows
    name_at, number_at = _column(columns, NAME_HEADERS), _column(columns, ID_HEADERS)
    pay_at, category_at = _column(columns, PAY_HEADERS), _column(columns, CATEGORY_HEADERS)
    members = _Members(year)
    latest = {b.member_id: b.category for b in DuesBase.select().where(DuesBase.year <= year)
              .order_by(DuesBase.year, DuesBase.from_month)}
    lines: list[BaseLine] = []
    seen: dict[int, int] = {}
    for index, row in enumerate(rows[header + 1:], start=header + 2):
        name, pay = cells.text(_value(row, name_at)).strip(), cells.money(_value(row, pay_at))
        if not name and not cells.text(_value(row, number_at)).strip():
            continue
        if pay in (None, "") or name.replace(" ", "") in ("合计", "总计", "小计"):
            continue
        try:
            member_id = members.find(name, cells.id_number(_value(row, number_at)))
        except cells.CellError as exc:
            report.problems.append(ImportProblem(title, index, "姓名", str(exc)))
            continue
        if member_id in seen:
            report.problems.append(ImportProblem(title, index, "姓名", f"{name}已在第{seen[member_id]}行，同一人只能有一行。"))
            continue
        seen[member_id] = index
        category = cells.text(_value(row, category_at)).strip() or latest.get(member_id, "在职")
        if category not in DUES_CATEGORIES:
            report.problems.append(ImportProblem(title, index, "类别", f"人员类别“{category}”不对，应为"
                                                 f"{'、'.join(DUES_CATEGORIES)}之一。"))
            continue
        lines.append(BaseLine(member_id, from_month, category, pay, index))

    def write() -> None:
        try:
            written = set_bases(year, lines)
        except ValidationError as exc:
            pay_header = cells.text(rows[header][pay_at]).strip()
            report.problems += [ImportProblem(title, p.row, pay_header if p.field == "base" else "", p.detail or p.message)
                                for p in exc.problems]
            return
        report.counts["党费基数"] = written
        if len(lines) > written:
            report.unchanged["党费基数"] = len(lines) - written

    return _run(report, dry_run, write) if not report.problems else report


# -- the grid, read back: payments --------------------------------------------------------------------

def import_dues_grid(path: str | Path, year: int, *, dry_run: bool = False,
                     today: dt.date | None = None) -> ImportReport:
    """The amounts in the month columns of a grid (ours, or a branch's own sheet laid out alike) as payments of
    `year`: a month already paid at that amount is unchanged, at another is refused (change it on screen);
    "欠", "—", "免" and blanks are not payments. The day paid is not in such a sheet: the month's last day."""
    today = today or dt.date.today()
    report = ImportReport()
    found = _find_header(path, lambda c: _column(c, NAME_HEADERS) is not None and all(m in c for m in MONTHS))
    first, found = found
    if found is None:
        report.problems.append(ImportProblem(first, None, "", "找不到表头：需要“姓名”一列和“1月”至“12月”各列。"))
        return report
    title, header, columns, rows = found.title, found.index, found.columns, found.rows
    name_at, number_at = _column(columns, NAME_HEADERS), _column(columns, ID_HEADERS)
    members = _Members(year)
    paid = {(p.member_id, p.month): p.amount for p in DuesPayment.select().where(DuesPayment.year == year)}
    entries: list[tuple[int, str, int, str, object]] = []  # excel row, month header, member, name, amount
    for index, row in enumerate(rows[header + 1:], start=header + 2):
        name = cells.text(_value(row, name_at)).strip()
        if not name or name.replace(" ", "") in ("合计", "总计", "小计") or name.startswith("金额单位"):
            continue
        try:
            member_id = members.find(name, cells.id_number(_value(row, number_at)))
        except cells.CellError as exc:
            report.problems.append(ImportProblem(title, index, "姓名", str(exc)))
            continue
        for month, header_text in enumerate(MONTHS, start=1):
            amount = _paid_amount(_value(row, columns[header_text]))
            if amount is None:
                continue
            if (member_id, month) in paid:
                if _same(paid[member_id, month], amount):
                    report.unchanged["党费交纳"] = report.unchanged.get("党费交纳", 0) + 1
                else:
                    report.problems.append(ImportProblem(
                        title, index, header_text, f"{name}{year}年{month}月已登记交纳 {yuan(paid[member_id, month])} 元，"
                                                   f"表中为 {amount} 元：请在“交纳记录”中修改那一笔。"))
                continue
            entries.append((index, header_text, member_id, name, amount))

    def write() -> None:
        for index, header_text, member_id, _name, amount in entries:
            month = MONTHS.index(header_text) + 1
            last = dt.date(year, month, calendar.monthrange(year, month)[1])
            try:
                result = dues_payments.create({"member": member_id, "year": year, "month": month, "amount": amount,
                                               "paid_on": min(last, today), "note": IMPORT_NOTE})
            except ValidationError as exc:
                report.problems += [ImportProblem(title, index, header_text, p.message)
                                    for p in exc.problems if p.is_error]
                continue
            report.counts["党费交纳"] = report.counts.get("党费交纳", 0) + 1
            report.notices += [ImportProblem(title, index, header_text, w.message) for w in result.warnings]

    return _run(report, dry_run, write) if not report.problems else report


def _paid_amount(value: object) -> str | None:
    """A month cell's amount as text ("79.63", "79.63 补"), or None for 欠, —, 免 and blanks."""
    text = cells.money(value)
    text = str(text).replace("补", "").strip() if text is not None else ""
    if not text or text in ("欠", "—", "-", "免", "未核定"):
        return None
    return text


def _same(fen: int, amount: str) -> bool:
    try:
        return Decimal(amount) == yuan_decimal(fen)
    except InvalidOperation:
        return False
