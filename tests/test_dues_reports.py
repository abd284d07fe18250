"""党费 printouts read back from the PDF: the 收缴登记表 of the demo year (who owes which month, the sums, the
proxies, paged with its header repeated), the 上缴凭证 list and its total, and one member's 交纳证明."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from factories import id_number, make_member
from pdf_reading import assert_fonts_embedded, page_size_mm, page_texts, text_of

from dangjian_desktop import cli
from dangjian_desktop.common.money import yuan
from dangjian_desktop.domain.rules import dues as rule
from dangjian_desktop.queries.dues import cell_text, dues_year, member_dues
from dangjian_desktop.queries.member_lookup import MemberLookupError, find_member
from dangjian_desktop.reports import ReportError, build_report
from dangjian_desktop.services.dues import dues_bases, pay_months
from dangjian_desktop.store.models import DuesRemittance, Member

D = dt.date


def test_the_ledger_of_the_demo_year_names_who_owes_which_months_and_sums_the_year(demo_db, tmp_path):
    path = build_report("dues", tmp_path / "党费.pdf", year=2025)
    grid = dues_year(2025)
    text = text_of(path)
    for phrase in ("党费收缴登记表", "（2025年度）", "合计", f"应交{yuan(grid.expected)}元", f"实交{yuan(grid.paid)}元",
                   f"欠交{yuan(grid.arrears)}元", "按时交纳率", "欠交（灰底）：高雅琴（10月、11月、12月）",
                   "代交：蒋欣2月由孙丽萍代交", f"本年度上缴上级党组织{yuan(grid.remitted)}元"):
        assert phrase in text, phrase
    pages = page_texts(path)
    assert len(pages) == 2 and set(page_size_mm(path)) == {(297, 210)}
    for number, page in enumerate(pages, 1):
        flat = re.sub(r"\s", "", page)
        assert f"第{number}页共2页" in flat
        assert "姓名类别月基数比例月应交" in flat  # the header on every page
    assert_fonts_embedded(path)


def test_every_member_row_adds_up_and_the_owed_months_print_as_owed(demo_db):
    grid = dues_year(2025)
    row = next(r for r in grid.rows if r.name == "高雅琴")
    assert [cell_text(c) for c in row.cells[9:]] == ["欠", "欠", "欠"]
    assert cell_text(row.cells[0]) == yuan(row.monthly)
    leaver = next(r for r in grid.rows if r.name == "黄佳")  # transferred out in August
    assert [cell_text(c) for c in leaver.cells[8:]] == ["—"] * 4
    for r in grid.rows:
        assert r.expected(12) == r.paid + r.arrears(12), r.name


def test_a_month_paid_late_is_marked_made_up_and_an_exempt_one_as_exempt(database):
    late, exempt = make_member("赵堃"), make_member("李喆")
    dues_bases.create({"member": late.id, "year": 2025, "from_month": 1, "category": "在职", "base": "4000"})
    dues_bases.create({"member": exempt.id, "year": 2025, "from_month": 1, "category": "在职", "base": "4000",
                       "amount": "0", "reason": "重病住院", "decided_on": D(2025, 1, 6), "approved_by": "学校党委"})
    pay_months(late.id, 2025, [1], D(2025, 3, 2))
    grid = dues_year(2025, D(2025, 3, 10))
    cells = {r.name: r.cells for r in grid.rows}
    assert cell_text(cells["赵堃"][0]) == "40.00\n补"
    assert cell_text(cells["赵堃"][1]) == "欠"
    assert cell_text(cells["赵堃"][4]) == ""  # not yet due
    assert cell_text(cells["李喆"][0]) == "免"


def test_the_ledger_lists_the_decisions_to_pay_less(database, tmp_path):
    person = make_member("王𠮷")
    dues_bases.create({"member": person.id, "year": 2025, "from_month": 3, "category": "在职", "base": "4000",
                       "amount": "0", "reason": "重病住院", "decided_on": D(2025, 2, 26), "approved_by": "学校党委"})
    text = text_of(build_report("dues", tmp_path / "党费.pdf", year=2025, today=D(2025, 6, 1)))
    assert "王𠮷自3月起免交（重病住院），2025.02.26支部决定，学校党委批准" in text
    assert "截至2025年5月" in text  # owed so far, not for the months to come


def test_the_remittance_list_sums_every_handing_up_with_its_receipt(demo_db, tmp_path):
    path = build_report("remittances", tmp_path / "上缴.pdf", year=2025)
    items = list(DuesRemittance.select().where(DuesRemittance.year == 2025))
    total = sum(r.amount for r in items)
    text = text_of(path)
    assert "党费上缴凭证登记表" in text and f"合计{yuan(total)}元" in text
    for item in items:
        assert item.receipt in text
    assert "2025年10—12月" in text
    assert_fonts_embedded(path)


def test_a_year_without_remittances_says_so(database, tmp_path):
    with pytest.raises(ReportError, match="2025年还没有党费上缴记录"):
        build_report("remittances", tmp_path / "上缴.pdf", year=2025)
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*.part"))


def test_the_proof_states_the_month_paid_up_to_and_what_is_still_owed(demo_db, tmp_path):
    member_id = find_member("高雅琴")
    dues = member_dues(member_id)
    path = build_report("dues-proof", tmp_path / "证明.pdf", member_id=member_id)
    text = text_of(path)
    assert "党费交纳证明" in text and "兹证明高雅琴同志" in text
    assert "已按规定交纳党费至2025年9月" in text and "尚欠交2025年10—12月的党费" in text
    if dues.paid_after:  # the demo pays on after the gap, up to last month
        assert f"；{rule.span_label(*dues.paid_after[0])}已交纳" in text
    assert f"{yuan(dues.total)}元" in text and "特此证明" in text and "（盖章）" in text
    person = Member.get_by_id(member_id)
    assert person.id_number not in text  # masked unless asked for
    assert set(page_size_mm(path)) == {(210, 297)}
    assert_fonts_embedded(path)


def test_the_proof_needs_a_member(demo_db, tmp_path):
    with pytest.raises(ReportError, match="需要指定党员"):
        build_report("dues-proof", tmp_path / "证明.pdf")


def test_a_member_is_found_by_name_number_or_id_and_namesakes_are_named(database):
    one, two = make_member("张伟"), make_member("张伟", born=D(1988, 3, 9))
    single = make_member("刘䶮", born=D(1990, 5, 1), id_number=id_number(D(1990, 5, 1)))
    assert find_member("刘䶮") == single.id
    assert find_member(str(one.id)) == one.id
    assert find_member(single.id_number.lower()) == single.id
    with pytest.raises(MemberLookupError, match="姓名为“张伟”的党员有2位") as caught:
        find_member("张伟")
    assert f"编号 {one.id}" in str(caught.value) and f"编号 {two.id}" in str(caught.value)
    with pytest.raises(MemberLookupError, match="找不到"):
        find_member("不存在")
    with pytest.raises(MemberLookupError, match="没有写党员"):
        find_member("  ")  # members without a 身份证号 are not all matched by nothing


def test_the_command_line_prints_the_ledger_and_the_proof(demo_db, tmp_path, capsys):
    assert cli.run(cli.parse_args(["--db", str(demo_db), "report", "dues", "--year", "2025", "--out",
                     str(tmp_path / "党费.pdf")])) == cli.EXIT_OK
    assert "党费收缴登记表" in text_of(tmp_path / "党费.pdf")
    assert cli.run(cli.parse_args(["--db", str(demo_db), "report", "dues-proof", "--member", "高雅琴", "--out",
                     str(tmp_path / "证明.pdf")])) == cli.EXIT_OK
    assert cli.run(cli.parse_args(["--db", str(demo_db), "report", "dues-proof", "--member", "无此人", "--out",
                     str(tmp_path / "x.pdf")])) == cli.EXIT_ERROR
    assert "找不到姓名或身份证号为“无此人”的党员" in capsys.readouterr().err
