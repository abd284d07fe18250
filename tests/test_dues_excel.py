"""党费 in Excel: the grid exported as on screen and read back as payments, and the payroll's sheet (a title
above the header, 实发工资, namesakes told apart by 身份证号) read as the year's bases; every bad row named, a dry
run writing nothing, a refused import writing nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import id_number, make_member
from openpyxl import Workbook, load_workbook

from dangjian_desktop.common.money import yuan
from dangjian_desktop.excel import ExcelFileError
from dangjian_desktop.excel.dues_sheets import IMPORT_NOTE, export_dues_grid, import_dues_grid, import_payroll
from dangjian_desktop.queries.dues import dues_year
from dangjian_desktop.services.dues import dues_bases, pay_months
from dangjian_desktop.store.models import DuesBase, DuesPayment

D = dt.date
TODAY = D(2025, 12, 10)


def write_sheet(path, rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_the_grid_exported_from_the_demo_is_the_screens(demo_db, tmp_path):
    path = export_dues_grid(2025, tmp_path / "党费.xlsx")
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "2025年党费收缴情况"
    headers = [c.value for c in sheet[2]]
    assert headers[:5] == ["姓名", "类别", "比例", "月应交", "1月"] and headers[-2:] == ["实交", "欠交"]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=3) if r[0].value}
    gao = rows["高雅琴"]
    assert [c.value for c in gao[13:16]] == ["欠", "欠", "欠"]
    assert gao[13].fill.fgColor.rgb.endswith("FDE8E8")
    assert [c.value for c in rows["黄佳"][12:16]] == ["—"] * 4  # left in August
    grid = dues_year(2025)
    total = rows["合计"]
    assert yuan(round(total[16].value * 100)) == yuan(grid.paid) and yuan(round(total[17].value * 100)) == yuan(grid.arrears)


def test_amounts_typed_into_the_grid_become_payments_after_a_dry_run(database, tmp_path):
    person, other = make_member("赵堃"), make_member("王𠮷")
    for member in (person, other):
        dues_bases.create({"member": member.id, "year": 2025, "from_month": 1, "category": "在职", "base": "4000"})
    path = export_dues_grid(2025, tmp_path / "党费.xlsx", TODAY)
    book = load_workbook(path)
    sheet = book.active
    rows = {r[0].value: r[0].row for r in sheet.iter_rows(min_row=3) if r[0].value}
    for month in (1, 2, 3):
        sheet.cell(rows["赵堃"], 4 + month).value = 40
    sheet.cell(rows["王𠮷"], 5).value = "40.00 补"
    book.save(path)

    report = import_dues_grid(path, 2025, dry_run=True, today=TODAY)
    assert report.ok and report.counts == {"党费交纳": 4} and not report.written
    assert DuesPayment.select().count() == 0
    report = import_dues_grid(path, 2025, today=TODAY)
    assert report.written
    paid = {(p.member.name, p.month): (p.amount, p.paid_on, p.note) for p in DuesPayment.select()}
    assert paid[("赵堃", 2)] == (4000, D(2025, 2, 28), IMPORT_NOTE)
    assert len(paid) == 4
    again = import_dues_grid(path, 2025, today=TODAY)
    assert again.ok and again.counts == {} and again.unchanged == {"党费交纳": 4}


def test_a_grid_that_differs_from_a_payment_or_names_a_stranger_is_refused_by_row_and_month(database, tmp_path):
    person = make_member("赵堃")
    dues_bases.create({"member": person.id, "year": 2025, "from_month": 1, "category": "在职", "base": "4000"})
    pay_months(person.id, 2025, [1], D(2025, 1, 10))
    months = [f"{m}月" for m in range(1, 13)]
    path = write_sheet(tmp_path / "自制.xlsx", [
        ["2025年党费交纳登记"],
        ["序号", "姓名", *months],
        [1, "赵堃", 45, 40],
        [2, "钱多多", 40],
    ])
    report = import_dues_grid(path, 2025, today=TODAY)
    problems = {(p.row, p.column): p.reason for p in report.problems}
    assert "已登记交纳 40.00 元，表中为 45 元" in problems[(3, "1月")]
    assert "“钱多多”不是2025年在册党员" in problems[(4, "姓名")]
    assert not report.written and DuesPayment.select().count() == 1  # 2月 of 赵堃 was not written either


def test_the_payroll_sets_the_bases_namesakes_by_their_numbers_and_bad_rows_named(database, tmp_path):
    born = D(1985, 4, 2)
    first = make_member("张伟")
    second = make_member("张伟", born=born, id_number=id_number(born))
    make_member("王𠮷")
    path = write_sheet(tmp_path / "工资表.xlsx", [
        ["某某小学2025年1月工资发放表"],
        [],
        ["序号", "姓名", "身份证号", "部门", "实发工资（元）"],
        [1, "张伟", id_number(born), "语文组", 5000],
        [2, "王𠮷", None, "数学组", "五千"],
        [3, "李四", None, "后勤", 3000],
        [4, "张伟", None, "英语组", 4000],
        [None, "合计", None, None, 17000],
    ])
    report = import_payroll(path, 2025, dry_run=True)
    problems = {p.row: p.reason for p in report.problems}
    assert "“李四”不是2025年在册党员" in problems[6]
    assert "有2位党员名叫“张伟”，请在这一行写上身份证号" in problems[7]
    assert not report.written and DuesBase.select().count() == 0

    path = write_sheet(tmp_path / "工资表.xlsx", [
        ["序号", "姓名", "身份证号", "实发工资"],
        [1, "张伟", id_number(born), 5000],
        [2, "王𠮷", None, "五千"],
    ])
    report = import_payroll(path, 2025)
    assert [(p.row, p.column) for p in report.problems] == [(3, "实发工资")]
    assert "“五千”不是金额" in report.problems[0].reason
    assert DuesBase.select().count() == 0  # all or nothing

    path = write_sheet(tmp_path / "工资表.xlsx", [
        ["姓名", "身份证号", "人员类别", "税后工资"],
        ["张伟", id_number(born), "在职", 5000],
        ["王𠮷", None, "离退休", "6000.5"],
    ])
    report = import_payroll(path, 2025, 3)
    assert report.written and report.counts == {"党费基数": 2}
    stored = {(b.member_id, b.category, b.base, b.from_month) for b in DuesBase.select()}
    assert (second.id, "在职", 500000, 3) in stored and first.id not in {s[0] for s in stored}
    assert any(b.category == "离退休" and b.base == 600050 for b in DuesBase.select())


def test_a_sheet_without_the_columns_and_a_file_that_is_not_xlsx_are_explained(database, tmp_path):
    path = write_sheet(tmp_path / "无关.xlsx", [["日期", "事项"], ["2025-01-01", "元旦"]])
    assert "找不到表头" in import_payroll(path, 2025).problems[0].reason
    assert "找不到表头" in import_dues_grid(path, 2025).problems[0].reason
    old = tmp_path / "工资.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ExcelFileError, match="不是 .xlsx 格式"):
        import_payroll(old, 2025)
