"""Excel exchange: export → import gives the same records; header and date variants; bad rows listed and
nothing written; fixed rows all imported; duplicates skipped, not doubled; the template; broken files."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from factories import id_number, row_counts
from openpyxl import Workbook, load_workbook

from dangjian_desktop.excel import ExcelFileError
from dangjian_desktop.excel.export import export_workbook
from dangjian_desktop.excel.importer import import_workbook
from dangjian_desktop.excel.template import write_template
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.meeting import meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.partner import partners
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.store.connection import close_database
from dangjian_desktop.store.models import ActivityCategory, Attendance, Meeting, Member
from dangjian_desktop.store.session import open_database

ROOT = Path(__file__).resolve().parent.parent
SERVICES = (members, meetings, activities, partners, rectifications)
ID_1980 = id_number(dt.date(1980, 5, 4))


def snapshots() -> dict[str, list]:
    """Every record of every kind as its history snapshot (references and attendance by name), sorted."""
    return {s.table: sorted((sorted(s.snapshot(r).items()) for r in s.model.select()), key=str) for s in SERVICES}


def write_book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_export_then_import_into_an_empty_database_gives_the_same_records(demo_db, tmp_path):
    before = snapshots()
    categories = list(ActivityCategory.select(ActivityCategory.name, ActivityCategory.unit).tuples())
    result = export_workbook(tmp_path / "all.xlsx")
    assert result.counts["党员"] == Member.select().count() and result.counts["出席情况"] == Attendance.select().count()
    close_database()
    open_database(tmp_path / "empty.db")
    report = import_workbook(tmp_path / "all.xlsx")
    assert report.problems == [] and report.written
    assert snapshots() == before
    assert sorted(ActivityCategory.select(ActivityCategory.name, ActivityCategory.unit).tuples()) == sorted(categories)


def test_the_export_keeps_id_numbers_and_phones_as_text_and_dates_as_dates(database, tmp_path):
    members.create({"name": "李四", "gender": "男", "id_number": ID_1980, "phone": "13812345678",
                    "probation_on": dt.date(2015, 7, 1), "status": "正常", "notes": "=SUM(A1:A9)"})
    export_workbook(tmp_path / "out.xlsx")
    sheet = load_workbook(tmp_path / "out.xlsx")["党员"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["姓名", "性别", "民族", "籍贯", "出生日期"]
    cells = dict(zip(header, sheet[2], strict=True))
    assert cells["身份证号"].value == ID_1980 and cells["身份证号"].data_type == "s"
    assert cells["联系电话"].value == "13812345678" and cells["联系电话"].number_format == "@"
    assert cells["接收预备党员日期"].value == dt.datetime(2015, 7, 1) and cells["接收预备党员日期"].is_date
    assert cells["出生日期"].value == dt.datetime(1980, 5, 4)  # taken from the 身份证号
    assert cells["备注"].value == "=SUM(A1:A9)" and cells["备注"].data_type == "s"  # text, not a formula


def test_headers_and_dates_in_the_usual_spellings(database, tmp_path):
    book = write_book(tmp_path / "花名册.xlsx", {"Sheet1": [
        ["政平小学党支部党员花名册"],
        ["序号", "姓名", "性别", "民族", "出生年月", "公民身份号码", "入党时间", "转正时间", "手机号码", "学历",
         "职务", "党小组"],
        [1, "李四", "男", "汉族", "1980年5月4日", ID_1980, "2015/7/1", dt.datetime(2016, 7, 1), 13812345678,
         "大学本科", "语文教师", "第一党小组"],
        [2, "王𠮷", "女", "回族", "1990.03", None, "20200701", 44378, "0519-86543210", "研究生", "数学教师",
         "第二党小组"],
        [3, "赵六", "男", "汉族", 32874, "", "2021-7-1", "", "", "", "", ""],
    ]})
    report = import_workbook(book)
    assert report.problems == [] and report.counts == {"党员": 3}
    li, wang, zhao = (Member.get(Member.name == n) for n in ("李四", "王𠮷", "赵六"))
    assert (li.birth_date, li.id_number, li.probation_on, li.full_on, li.phone, li.job_title) == (
        dt.date(1980, 5, 4), ID_1980, dt.date(2015, 7, 1), dt.date(2016, 7, 1), "13812345678", "语文教师")
    assert (wang.birth_date, wang.probation_on, wang.full_on, wang.phone, wang.ethnicity) == (
        dt.date(1990, 3, 1), dt.date(2020, 7, 1), dt.date(2021, 7, 1), "0519-86543210", "回族")
    assert zhao.birth_date == dt.date(1990, 1, 1) and zhao.probation_on == dt.date(2021, 7, 1)


def members_rows(*rows: list[object]) -> list[list[object]]:
    return [["姓名", "性别", "出生日期", "身份证号", "入党时间", "联系电话"], *rows]


def bad_workbook(path: Path, fixed: bool) -> Path:
    """Two good members and a meeting, with five bad member rows and two bad attendance rows (or fixed)."""
    def pick(bad: object, good: object) -> object:
        return good if fixed else bad

    return write_book(path, {
        "党员": members_rows(
            ["李四", "男", "1980-05-04", ID_1980, "2015-07-01", "13812345678"],
            ["刘一", "女", pick("2021年2月30日", "1981-02-28"), "", "2015-07-01", ""],
            ["陈二", pick("未知", "男"), "1982-01-01", "", "2015-07-01", ""],
            ["张三", "男", "1983-01-01", pick(ID_1980[:-1] + "0", ""), "2015-07-01", ""],
            ["钱五", "女", pick("1800-01-01", "1984-01-01"), "", "2015-07-01", pick("123", "13900000000")],
            [pick("", "孙七"), "男", "1985-01-01", "", "2015-07-01", ""],
            ["周八", "男", "1986-01-01", pick(320402198001010000, ""), "2015-07-01", ""],
        ),
        "会议": [["会议类型", "日期", "主题", "主持人"], ["支委会", "2025-03-05", "研究三月工作", "李四"]],
        "出席情况": [
            ["会议日期", "会议类型", "会议主题", "姓名", "出席情况", "原因"],
            ["2025-03-05", "支委会", "研究三月工作", "李四", "请假", pick("", "外出培训")],
            ["2025-03-05", "支委会", "研究三月工作", pick("李四", "刘一"), "出席", ""],
            ["2025-03-05", "支委会", "研究三月工作", pick("无此人", "陈二"), "出席", ""],
            ["2025-03-05", "支委会", "研究三月工作", "张三", "出席", ""],
        ],
    })


def test_a_workbook_with_bad_rows_writes_nothing_and_lists_every_bad_row(database, tmp_path):
    counts = row_counts()
    report = import_workbook(bad_workbook(tmp_path / "bad.xlsx", fixed=False))
    assert not report.written and row_counts() == counts
    found = {(p.sheet, p.row, p.column[:1]) for p in report.problems}
    assert found == {
        ("党员", 3, "C"),  # 2月30日
        ("党员", 4, "B"),  # gender
        ("党员", 5, "D"),  # check digit
        ("党员", 6, "C"), ("党员", 6, "F"),  # year 1800, phone
        ("党员", 7, "A"),  # no name
        ("党员", 8, "D"),  # 身份证号 stored as a number
        ("出席情况", 2, "F"),  # 请假 without a reason
        ("出席情况", 3, "D"),  # the same member twice
        ("出席情况", 4, "D"),  # nobody of that name
        ("出席情况", 5, "D"),  # 张三, whose own row is bad, cannot be found either
    }, [str(p) for p in report.problems]
    messages = {(p.sheet, p.row, p.column[:1]): p.reason for p in report.problems}
    assert "2021年2月30日" in messages["党员", 3, "C"] and "没有2月30日" in messages["党员", 3, "C"]
    assert "校验位" in messages["党员", 5, "D"] and "文本" in messages["党员", 8, "D"]
    assert "重复登记" in messages["出席情况", 3, "D"] and "无此人" in messages["出席情况", 4, "D"]
    assert "“张三”在“党员”表中的那一行有问题" in messages["出席情况", 5, "D"]
    assert all(p.column.endswith("）") for p in report.problems)  # “C列（出生日期）”

    fixed = import_workbook(bad_workbook(tmp_path / "fixed.xlsx", fixed=True), dry_run=True)
    assert fixed.problems == [] and not fixed.written and row_counts() == counts
    fixed = import_workbook(bad_workbook(tmp_path / "fixed.xlsx", fixed=True))
    assert fixed.problems == [] and fixed.written
    assert fixed.counts == {"党员": 7, "会议": 1, "出席情况": 4}
    meeting = Meeting.get()
    assert meetings.snapshot(meeting)["attendance"] == "刘一出席；张三出席；李四请假（外出培训）；陈二出席"
    assert meeting.host.name == "李四"


def test_a_missing_attendance_reason_is_reported_on_the_attendance_row(database, tmp_path):
    path = write_book(tmp_path / "reason.xlsx", {
        "党员": members_rows(["李四", "男", "1980-05-04", ID_1980, "2015-07-01", ""]),
        "会议": [["会议类型", "日期", "主题"], ["支委会", "2025-03-05", "研究三月工作"]],
        "出席情况": [["会议日期", "会议类型", "会议主题", "姓名", "出席情况", "原因"],
                 ["2025-03-05", "支委会", "研究三月工作", "李四", "请假", ""]]})
    report = import_workbook(path)
    assert [str(p) for p in report.problems] == ["“出席情况”表第2行 F列（原因）：请填写李四请假的原因。"]
    assert Member.select().count() == 0


def test_duplicates_are_reported_not_doubled(database, tmp_path):
    first = write_book(tmp_path / "a.xlsx", {"党员": members_rows(
        ["李四", "男", "1980-05-04", ID_1980, "2015-07-01", ""],
        ["刘一", "女", "1981-02-28", "", "2015-07-01", ""])})
    assert import_workbook(first).counts == {"党员": 2}
    again = write_book(tmp_path / "b.xlsx", {"党员": members_rows(
        ["李四（重名写法）", "男", "", ID_1980, "2015-07-01", ""],  # same 身份证号
        ["刘一", "女", "1981年2月28日", "", "", ""],  # same name and birth date
        ["王五", "男", "1990-01-01", "", "2016-07-01", ""])})
    report = import_workbook(again)
    assert report.problems == [] and report.counts == {"党员": 1} and report.unchanged == {"党员": 1}
    assert [str(u) for u in report.updates] == ["“党员”表第2行（李四）：姓名：李四 → 李四（重名写法）"]
    assert Member.select().count() == 3 and Member.get_by_id(1).name == "李四"  # listed, not changed
    twice = write_book(tmp_path / "c.xlsx", {"党员": members_rows(
        ["赵六", "男", "1970-01-01", "", "", ""], ["赵六", "男", "1970-01-01", "", "", "13800000000"])})
    report = import_workbook(twice)
    assert [(p.row, p.reason) for p in report.problems] == [(3, "与第2行重复（姓名和出生日期相同），请删去其中一行。")]
    assert Member.select().count() == 3


def test_the_template_filled_in_imports(database, tmp_path):
    path = write_template(tmp_path / "模板.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["填写说明", "党员", "会议", "出席情况", "活动"]
    assert [c.value for c in book["党员"][1]][:3] == ["姓名*", "性别*", "民族"]
    assert book["党员"]["F2"].number_format == "@"  # 身份证号 prepared as text
    assert import_workbook(path).problems == []  # an empty template is fine
    rows = {"党员": ["李四", "男", "汉族", None, None, ID_1980],
            "会议": ["党课", None, "2025-06-28", "15:00", "16:00", "报告厅", "七一专题党课", None, "李四", None, "李四"],
            "出席情况": ["2025-06-28", "党课", "七一专题党课", None, "李四", "出席"],
            "活动": ["示范课", "党员示范课：古诗两首", "2025-04-10", None, None, None, None, None, 2]}
    for title, values in rows.items():  # typed into row 2, below the headers
        for column, value in enumerate(values, start=1):
            book[title].cell(row=2, column=column, value=value)
    book.save(path)
    report = import_workbook(path)
    assert report.problems == [], [str(p) for p in report.problems]
    assert report.counts == {"党员": 1, "会议": 1, "出席情况": 1, "活动": 1}
    assert Meeting.get().lecturer.name == "李四" and Meeting.get().start_time == "15:00"


@pytest.mark.parametrize("name, content, fragment", [
    ("old.xls", b"\xd0\xcf\x11\xe0", "另存为"),
    ("text.xlsx", "姓名,性别\n".encode(), "不是有效的 .xlsx 工作簿"),
    ("missing.xlsx", None, "找不到文件"),
])
def test_a_file_that_is_not_a_workbook_is_refused_in_chinese(database, tmp_path, name, content, fragment):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ExcelFileError, match=fragment):
        import_workbook(path)


def test_the_import_command_lists_problems_and_writes_nothing(tmp_path):
    book = bad_workbook(tmp_path / "bad.xlsx", fixed=False)
    target = tmp_path / "branch.db"
    done = subprocess.run([sys.executable, "main.py", "import", str(book), "--db", str(target)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "发现 11 个问题，未写入任何内容" in done.stderr and "“党员”表第3行 C列（出生日期）" in done.stderr
    fixed = bad_workbook(tmp_path / "fixed.xlsx", fixed=True)
    done = subprocess.run([sys.executable, "main.py", "import", str(fixed), "--db", str(target), "--dry-run"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "试运行" in done.stdout
    open_database(target)
    try:
        assert Member.select().count() == 0
    finally:
        close_database()


def test_the_templates_examples_are_shown_under_the_headers_and_import_as_they_are(database, tmp_path):
    path = write_template(tmp_path / "模板.xlsx")
    book = load_workbook(path)
    notes = [[c.value for c in row] for row in book["填写说明"].iter_rows()]
    assert import_workbook(path).problems == []  # the examples are on 填写说明 only: nothing to import
    for title in ("党员", "会议", "出席情况", "活动"):
        at = notes.index([f"“{title}”表："] + [None] * (len(notes[0]) - 1))
        headers, example = notes[at + 1], notes[at + 2]
        assert [h for h in headers if h] == [c.value.rstrip("*") for c in book[title][1]]
        for column, value in enumerate(example, start=1):  # typed into the sheet as the example shows
            if value:
                book[title].cell(row=2, column=column, value=value)
    book.save(path)
    report = import_workbook(path)
    assert report.problems == [], [str(p) for p in report.problems]
    assert report.counts == {"党员": 1, "会议": 1, "出席情况": 1, "活动": 1}
