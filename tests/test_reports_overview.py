"""The compliance grid and the development record as printed, read back from the PDF, and from the command line."""

from __future__ import annotations

import datetime as dt

from factories import member_data
from pdf_reading import assert_fonts_embedded, page_size_mm, page_texts, text_of

from dangjian_desktop.cli import parse_args, run
from dangjian_desktop.reports import build_report
from dangjian_desktop.services.development import paths_in_development, record_step
from dangjian_desktop.services.meeting import meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.store.models import Meeting

D = dt.date


def test_compliance_pdf_prints_the_grid_with_dates_and_the_missing_periods(demo_db, tmp_path):
    for m in Meeting.select().where((Meeting.kind == "支委会") & Meeting.date.between(D(2025, 6, 1), D(2025, 6, 30))):
        meetings.delete(m.id)
    path = build_report("compliance", tmp_path / "落实表.pdf", year=2025, today=D(2026, 1, 15))
    text = text_of(path)
    for phrase in ("2025年三会一课等制度落实情况表", "（截至2025年12月31日）", "单位：常州市武进区政平小学党支部",
                   "打印日期：2026年1月15日", "支委会（每月一次）", "支部党员大会（每季度一次）", "书记讲党课（每年一次）",
                   "缺项：", "支委会：2025年6月未召开（或未录入），要求每月一次"):
        assert phrase in text, phrase
    assert "（本期）" not in text  # the year is over: no current period
    held = Meeting.select().where((Meeting.kind == "组织生活会") & (Meeting.date.year == 2025)).get().date
    assert f"已开展{held.month}月{held.day}日" in text
    assert set(page_size_mm(path)) == {(297, 210)}
    assert_fonts_embedded(path)


def test_compliance_pdf_marks_the_current_period_while_the_year_runs(demo_db, tmp_path):
    path = build_report("compliance", tmp_path / "落实表.pdf", year=2025, today=D(2025, 11, 24))
    text = text_of(path)
    assert "（截至2025年11月24日）" in text and "未到期" in text and "（本期）" in text


def test_development_pdf_lists_everyone_then_each_persons_steps(database, tmp_path):
    applicant = members.create(member_data(name="谢梓萱", birth_date=D(2000, 1, 15), applied_on=D(2025, 5, 6)))
    activist = members.create(member_data(name="范可欣", birth_date=D(1999, 8, 9), applied_on=D(2024, 9, 20)))
    record_step(activist.record.id, 2, D(2024, 10, 8), "钱玥")
    record_step(activist.record.id, 3, D(2025, 3, 7))
    path = build_report("development", tmp_path / "纪实.pdf", today=D(2026, 1, 15))
    pages = page_texts(path)
    assert len(pages) == 3  # the list, then one page per person
    first = pages[0].replace(" ", "")
    assert "发展党员工作纪实表" in first and "谢梓萱" in first and "第2步党组织派人谈话" in first
    assert "2025.06.06" in first and "2025.09.07（第6步）" in first.replace("\n", "")  # first deadlines
    people = {p.name: p for p in paths_in_development()}
    assert set(people) == {"谢梓萱", "范可欣"}
    activist_page = next(p for p in pages[1:] if "范可欣" in p).replace(" ", "").replace("\n", "")
    for phrase in ("范可欣（入党积极分子）", "一、入党申请", "五、预备党员的教育考察和转正", "党组织派人谈话已完成2024.10.08钱玥",
                   "推荐和确定入党积极分子已完成2025.03.07", "确定发展对象待办最早2026.03.07", "材料归档"):
        assert phrase in activist_page, phrase
    assert applicant.record.id in {p.member_id for p in people.values()}
    assert_fonts_embedded(path)


def test_report_commands_for_compliance_and_development(demo_db, tmp_path, capsys):
    out = tmp_path / "c.pdf"
    assert run(parse_args(["report", "compliance", "--year", "2025", "--db", str(demo_db), "--out", str(out)])) == 0
    assert "已生成" in capsys.readouterr().out and "2025年三会一课等制度落实情况表" in text_of(out)
    code = run(parse_args(["report", "compliance", "--db", str(demo_db), "--out", str(out)]))
    assert code == 1 and "需要指定年度" in capsys.readouterr().err
    out = tmp_path / "d.pdf"
    assert run(parse_args(["report", "development", "--db", str(demo_db), "--out", str(out)])) == 0
    assert all(p.name in text_of(out) for p in paths_in_development())


def test_development_report_with_nobody_in_development_is_explained(database, tmp_path, capsys):
    code = run(parse_args(["report", "development", "--db", str(database), "--out", str(tmp_path / "d.pdf")]))
    assert code == 1 and "目前没有正在发展的" in capsys.readouterr().err
    assert not (tmp_path / "d.pdf").exists()


def test_development_pdf_names_the_people_and_publicity_and_flags_late_steps(database, tmp_path):
    late = members.create(member_data(name="范可欣", birth_date=D(1999, 8, 9), applied_on=D(2024, 9, 20),
                                      contacts="王伟、李娜", introducers="赵书记、钱组织",
                                      admission_publicity_on=D(2025, 1, 6)))
    record_step(late.record.id, 2, D(2024, 12, 2), "钱玥")  # more than a month after the application
    waiting = members.create(member_data(name="谢梓萱", birth_date=D(2000, 1, 15), applied_on=D(2025, 5, 6)))
    path = build_report("development", tmp_path / "纪实.pdf", today=D(2026, 1, 15))
    pages = [p.replace(" ", "").replace("\n", "") for p in page_texts(path)]
    late_page = next(p for p in pages[1:] if "范可欣（" in p)
    assert "培养联系人王伟、李娜" in late_page and "入党介绍人赵书记、钱组织" in late_page
    assert "接收前公示2025.01.06" in late_page and "转正前公示未记录" in late_page and "政治审查未记录" in late_page
    assert "【逾期】晚于规定期限（最迟应为2024.10.20）；钱玥" in late_page  # done, but later than the rule allows
    waiting_page = next(p for p in pages[1:] if "谢梓萱（" in p)
    assert "【逾期】已超过最迟期限" in waiting_page  # the talk due by 2025.06.06 is still not recorded
    assert waiting.record.id
