"""A roster laid out the way offices keep it imports on the first try: title rows above the headers, header
synonyms, dates written to the month (1966.02) in every spelling, old 15-digit 身份证号, extra columns, a total
row, the roster on the second sheet; and what the 花名册 then prints."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import id_number
from openpyxl import Workbook
from pdf_reading import text_of

from dangjian_desktop.common.dates import MONTH, YEAR, PartialDate
from dangjian_desktop.domain.fields import display_text
from dangjian_desktop.excel.importer import import_workbook
from dangjian_desktop.reports import build_report
from dangjian_desktop.services.member import members
from dangjian_desktop.store.models import Member

HEADERS = ["序号", "姓名", "性别", "民族", "出生年月", "公民身份号码", "学历", "工作单位及职务", "加入党组织日期",
           "转为正式党员日期", "联系方式", "籍贯", "照片", "备注"]
ID_1966 = id_number(dt.date(1966, 2, 4), serial="013")
OLD_ID = "320402660204013"  # the same person's 15-digit number of the 1980s: 66 for 1966, no check digit


def roster(path: Path, rows: list[list[object]], *, second_sheet: bool = True, title: bool = True) -> Path:
    book = Workbook()
    if second_sheet:
        book.active.title = "说明"
        book.active.append(["本表由党支部于2025年12月整理"])
        sheet = book.create_sheet("Sheet2")
    else:
        sheet = book.active
    if title:
        sheet.append(["政平小学党支部党员花名册"])
        sheet.merge_cells("A1:M1")
        sheet.append(["填报单位：政平小学党支部", None, None, None, None, None, None, None, None, "2025年12月4日"])
    sheet.append(HEADERS)
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    sheet.append(["合计", f"共{len(rows)}人"])
    sheet.append(["制表人：单志强"])
    book.save(path)
    return path


def person(name: str, born: object, number: str = "", joined: object = "1990.07", full: object = "1991.07",
           phone: object = "13812345678") -> list[object]:
    return [name, "男", "汉族", born, number, "大学本科", "语文教师", joined, full, phone, "江苏常州", "", ""]


SPELLINGS = [  # 出生年月, 入党时间, 转正时间 in the same spelling
    ("1966.02", "1990.07", "1991.08"), ("1966.2", "1990.7", "1991.8"), ("1966年2月", "1990年7月", "1991年8月"),
    ("1966-02", "1990-07", "1991-08"), ("1966/2", "1990/7", "1991/8"), ("196602", "199007", "199108"),
    (1966.02, 1990.07, 1991.08), ("１９６６．０２", "１９９０．０７", "１９９１．０８")]


@pytest.mark.parametrize("born, joined, full", SPELLINGS)
def test_every_month_spelling_in_every_date_column(database, tmp_path, born, joined, full):
    report = import_workbook(roster(tmp_path / "r.xlsx", [person("王伟", born, joined=joined, full=full)]))
    assert report.problems == [] and report.counts == {"党员": 1}
    m = Member.get(Member.name == "王伟")
    assert (m.birth_date, m.birth_date.precision) == (dt.date(1966, 2, 1), MONTH)
    assert (m.probation_on, m.probation_on.precision) == (dt.date(1990, 7, 1), MONTH)
    assert (m.full_on, m.full_on.precision) == (dt.date(1991, 8, 1), MONTH)


def test_a_month_only_birth_agrees_with_the_id_number_and_takes_its_day(database, tmp_path):
    report = import_workbook(roster(tmp_path / "r.xlsx", [person("王  伟", "1966.02", ID_1966)]))
    assert report.problems == [] and report.counts == {"党员": 1}
    m = Member.get(Member.name == "王伟")  # the padding spaces of the roster are gone
    assert m.birth_date == dt.date(1966, 2, 4) and not isinstance(m.birth_date, PartialDate)
    assert any("已按身份证号取为 1966-02-04" in n.reason and n.row == 4 for n in report.notices)


def test_a_birth_month_against_another_month_of_the_id_is_refused(database, tmp_path):
    report = import_workbook(roster(tmp_path / "r.xlsx", [person("王伟", "1966.03", ID_1966)]))
    assert [(p.row, p.column) for p in report.problems] == [(4, "F列（公民身份号码）")]
    assert "1966-02-04" in report.problems[0].reason and "1966-03" in report.problems[0].reason
    assert Member.select().count() == 0


def test_old_15_digit_numbers_and_a_lower_case_x(database, tmp_path):
    with_x = next(n for s in range(100, 200) if (n := id_number(dt.date(1975, 1, 1), serial=str(s))).endswith("X"))
    report = import_workbook(roster(tmp_path / "r.xlsx", [
        person("王伟", "1966.02", OLD_ID),
        person("李娜", "1975.01", with_x.lower(), phone="0519-86543210")]))
    assert report.problems == [] and report.counts == {"党员": 2}
    old = Member.get(Member.name == "王伟")
    assert old.id_number == OLD_ID and old.birth_date == dt.date(1966, 2, 4)
    assert any("15位的旧身份证号" in n.reason and ID_1966 in n.reason for n in report.notices)
    assert Member.get(Member.name == "李娜").id_number == with_x


def test_an_id_number_stored_as_a_number_names_its_cell(database, tmp_path):
    report = import_workbook(roster(tmp_path / "r.xlsx", [person("王伟", "1966.02", float(ID_1966[:17] + "1"))]))
    assert [(p.row, p.column) for p in report.problems] == [(4, "F列（公民身份号码）")]
    assert "存成了数字" in report.problems[0].reason and "文本" in report.problems[0].reason
    assert Member.select().count() == 0


def test_title_rows_totals_extra_columns_and_the_second_sheet(database, tmp_path):
    report = import_workbook(roster(tmp_path / "r.xlsx", [person("王伟", "1966.02"), person("𠮷䶮", "1970")]))
    assert report.problems == [] and report.counts == {"党员": 2}
    said = " ".join(n.reason for n in report.notices)
    assert "照片" in said and "未识别，已忽略" in said  # an extra column is a notice, not an error
    assert "籍贯" not in said and Member.get(Member.name == "王伟").native_place == "江苏常州"
    assert "第6行“合计”是合计或说明，不是记录，已跳过" in said
    rare = Member.get(Member.name == "𠮷䶮")
    assert rare.birth_date.precision == YEAR and rare.birth_date.year == 1970


def test_a_month_in_a_column_of_full_dates_is_refused_not_invented(database, tmp_path):
    report = import_workbook(roster(tmp_path / "r.xlsx", [person("王伟", "1966.02", joined="1990.07")]))
    assert report.problems == []  # member dates may be months
    from dangjian_desktop.excel.importer import import_data
    from dangjian_desktop.excel.reader import read_workbook

    book = Workbook()
    book.active.append(["会议类型", "日期", "主题"])
    book.active.append(["支委会", "2025.03", "研究三月工作"])
    book.active.title = "会议"
    book.save(tmp_path / "m.xlsx")
    report = import_data(read_workbook(tmp_path / "m.xlsx"))
    assert [(p.row, p.column) for p in report.problems] == [(2, "B列（日期）")]
    assert "只写到了月" in report.problems[0].reason


def test_re_importing_changes_nothing_and_a_new_phone_is_offered(database, tmp_path):
    path = roster(tmp_path / "r.xlsx", [person("王伟", "1966.02", ID_1966), person("李娜", "1970.05")])
    assert import_workbook(path).counts == {"党员": 2}
    again = import_workbook(path, dry_run=True)
    assert again.problems == [] and again.counts == {} and again.unchanged == {"党员": 2} and not again.updates
    changed = roster(tmp_path / "r2.xlsx", [person("王伟", "1966.02", ID_1966, phone="13900000000"),
                                              person("李娜", "1970.05")])
    check = import_workbook(changed, dry_run=True)
    assert [str(u) for u in check.updates] == ["“党员”表第4行（王伟）：联系电话：13812345678 → 13900000000"]
    import_workbook(changed)  # without update: nothing changes
    assert Member.get(Member.name == "王伟").phone == "13812345678"
    done = import_workbook(changed, update=True)
    assert done.updated and Member.get(Member.name == "王伟").phone == "13900000000"
    assert Member.select().count() == 2


def test_the_roster_printout_shows_the_months_as_written(database, tmp_path):
    import_workbook(roster(tmp_path / "r.xlsx", [person("王伟", "1966.02", joined="1990.07", full="1991.07"),
                                                 person("喆堃", "1970.11", joined="2001.12", full="2002.12")]))
    text = text_of(build_report("roster", tmp_path / "花名册.pdf"))
    assert "1966.02" in text and "1990.07" in text and "1991.07" in text and "2002.12" in text
    assert "1966.02.01" not in text and "1990.07.01" not in text


def test_the_dialogs_take_the_same_spellings(database):
    saved = members.create({"name": "张三", "gender": "男", "status": "正常", "birth_date": "1966年2月",
                            "probation_on": "1990.7", "full_on": "199107"}).record
    m = Member.get_by_id(saved.id)
    assert [d.precision for d in (m.birth_date, m.probation_on, m.full_on)] == [MONTH, MONTH, MONTH]
    form = members.form_values(m)
    assert form["birth_date"] == PartialDate(1966, 2) and form["birth_date"].precision == MONTH


def test_deadlines_from_month_only_dates_say_about(database):
    from dangjian_desktop.services.development import path_of

    saved = members.create({"name": "张三", "gender": "男", "status": "正常", "birth_date": "1990.03",
                            "applied_on": "2024.09", "activist_on": "2025.03", "candidate_on": "",
                            "probation_on": ""}).record
    path = path_of(saved.id)
    review = path.steps[5]  # step 6: the half-year review of an 积极分子
    assert review.latest is not None and display_text(review.latest) == "约2025-09"
    early = members.validate({"name": "李四", "gender": "男", "status": "正常", "activist_on": "2024.03",
                              "candidate_on": "2025.03"})
    assert [(p.field, p.severity) for p in early] == [("candidate_on", "warning")]
    assert "无法确定是否符合规定" in early[0].message and "约2025-03" in early[0].message


def test_old_15_digit_numbers_are_upgraded_when_asked(database, tmp_path):
    path = roster(tmp_path / "r.xlsx", [person("王伟", "1966.02", OLD_ID)])
    assert any("15位的旧身份证号" in n.reason for n in import_workbook(path, dry_run=True).notices)
    report = import_workbook(path, upgrade_ids=True)
    assert report.problems == [] and Member.get(Member.name == "王伟").id_number == ID_1966
    assert any(f"已升级为18位：{ID_1966}" in n.reason for n in report.notices)


def test_the_import_check_offers_the_upgrade(qtbot, database, tmp_path):
    from ui.import_report_dialog import ImportReportDialog

    report = import_workbook(roster(tmp_path / "r.xlsx", [person("王伟", "1966.02", OLD_ID)]), dry_run=True)
    dialog = ImportReportDialog(report, "r.xlsx", True)
    qtbot.addWidget(dialog)
    assert not dialog.upgrade_ids.isHidden() and not dialog.upgrade_ids.isChecked()
    plain = ImportReportDialog(import_workbook(roster(tmp_path / "s.xlsx", [person("李娜", "1970.05")]),
                                               dry_run=True), "s.xlsx", True)
    qtbot.addWidget(plain)
    assert plain.upgrade_ids.isHidden()


def test_months_survive_an_export_and_an_import(database, tmp_path):
    from dangjian_desktop.excel.export import export_workbook
    from dangjian_desktop.store.connection import close_database
    from dangjian_desktop.store.session import open_database

    import_workbook(roster(tmp_path / "r.xlsx", [person("王伟", "1966.02", joined="1990.07", full="1991.07"),
                                                 person("李娜", "1970")]))
    export_workbook(tmp_path / "all.xlsx")
    close_database()
    open_database(tmp_path / "again.db")
    assert import_workbook(tmp_path / "all.xlsx").problems == []
    wang, li = Member.get(Member.name == "王伟"), Member.get(Member.name == "李娜")
    assert [(d, d.precision) for d in (wang.birth_date, wang.probation_on, wang.full_on)] == [
        (dt.date(1966, 2, 1), MONTH), (dt.date(1990, 7, 1), MONTH), (dt.date(1991, 7, 1), MONTH)]
    assert (li.birth_date.year, li.birth_date.precision) == (1970, YEAR)


def test_the_roster_masks_id_numbers_and_phones_unless_asked_and_prints_the_columns_kept(database, tmp_path):
    import_workbook(roster(tmp_path / "r.xlsx", [person("王伟", "1966.02", ID_1966)]))
    masked_text = text_of(build_report("roster", tmp_path / "花名册.pdf"))
    assert ID_1966 not in masked_text and "13812345678" not in masked_text
    assert f"{ID_1966[:4]}**********{ID_1966[-4:]}" in masked_text and "138****5678" in masked_text
    assert "籍贯" in masked_text and "江苏常州" in masked_text  # recorded here, so printed
    assert "职称" not in masked_text and "学位" not in masked_text  # recorded for no one: no empty column
    full_text = text_of(build_report("roster", tmp_path / "完整.pdf", full_numbers=True))
    assert ID_1966 in full_text and "13812345678" in full_text
