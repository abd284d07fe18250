"""The meeting-cycle grid at its edges: period boundaries, the last day of a period, vacation months,
semesters, groups, the 书记's 党课, and the demo year with one month's 支委会 removed."""

from __future__ import annotations

import datetime as dt
from itertools import count

from dangjian_desktop.queries.compliance import MeetingFact, build_grid, load_grid
from dangjian_desktop.services.meeting import meetings
from dangjian_desktop.services.settings import BranchSettings, save_settings
from dangjian_desktop.store.models import Meeting

D = dt.date
ids = count(1)


def meeting(kind: str, day: dt.date, group: str = "", by_secretary: bool = False) -> MeetingFact:
    return MeetingFact(next(ids), kind, day, group, by_secretary)


def states(grid, key: str) -> list[str]:
    return [grid.row(key).cell(month).state for month in range(1, 13)]


def test_a_quarter_is_met_by_a_meeting_on_its_last_day_and_not_by_one_the_day_after():
    settings = BranchSettings()
    on_last_day = build_grid(2025, D(2025, 4, 1), settings, [meeting("支部党员大会", D(2025, 3, 31))])
    day_after = build_grid(2025, D(2025, 4, 1), settings, [meeting("支部党员大会", D(2025, 4, 1))])
    assert states(on_last_day, "支部党员大会")[:6] == ["held"] * 3 + ["not_due"] * 3
    assert states(day_after, "支部党员大会")[:6] == ["missing"] * 3 + ["held"] * 3
    q1 = on_last_day.row("支部党员大会").cell(2)
    assert (q1.first_month, q1.last_month, q1.label, q1.dates) == (1, 3, "2025年第一季度", (D(2025, 3, 31),))


def test_a_period_is_missing_only_once_it_has_ended():
    settings = BranchSettings()
    on_last_day = build_grid(2025, D(2025, 6, 30), settings, [])
    next_day = build_grid(2025, D(2025, 7, 1), settings, [])
    june = on_last_day.row("支委会").cell(6)
    assert (june.state, june.current) == ("not_due", True)
    assert states(on_last_day, "支委会") == ["missing"] * 5 + ["not_due"] * 7
    assert states(on_last_day, "支部党员大会")[3:6] == ["not_due"] * 3
    assert states(next_day, "支委会") == ["missing"] * 6 + ["not_due"] * 6
    assert states(next_day, "支部党员大会")[3:6] == ["missing"] * 3
    assert next_day.row("支委会").cell(7).current and not next_day.row("支委会").cell(6).current


def test_year_boundary_a_december_meeting_counts_for_its_own_year_only():
    settings = BranchSettings()
    facts = [meeting("组织生活会", D(2024, 12, 31)), meeting("支委会", D(2024, 12, 31))]
    last_day = build_grid(2025, D(2025, 12, 31), settings, facts)
    new_year = build_grid(2025, D(2026, 1, 1), settings, facts)
    assert last_day.row("组织生活会").cell(12).state == "not_due"
    assert last_day.row("支委会").cell(12).state == "not_due" and last_day.row("支委会").cell(12).current
    assert new_year.row("组织生活会").periods[0].state == "missing"
    assert states(new_year, "支委会") == ["missing"] * 12
    assert not any(p.current for row in new_year.rows for p in row.periods)
    previous = build_grid(2024, D(2026, 1, 1), settings, facts)
    assert previous.row("组织生活会").periods[0].state == "held"
    assert states(previous, "支委会") == ["missing"] * 11 + ["held"]


def test_vacation_months_exempt_the_theme_day_but_a_theme_day_held_in_one_still_counts():
    settings = BranchSettings(vacation_months=(2, 7, 8))
    grid = build_grid(2025, D(2025, 12, 31), settings, [meeting("主题党日", D(2025, 8, 20))])
    row = states(grid, "主题党日")
    assert row[1] == "exempt" and row[6] == "exempt" and row[7] == "held"
    assert row[0] == "missing" and row[2] == "missing"
    assert states(grid, "支委会")[6] == "missing"  # vacations exempt only the 主题党日
    assert ("主题党日", "2025年7月") not in [(r.key, c.label) for r, c in grid.missing()]


def test_lectures_per_semester_or_per_quarter():
    facts = [meeting("党课", D(2025, 6, 30)), meeting("党课", D(2025, 7, 1))]
    per_semester = build_grid(2025, D(2025, 12, 31), BranchSettings(lecture_period="semester"), facts)
    per_quarter = build_grid(2025, D(2025, 12, 31), BranchSettings(lecture_period="quarter"), facts)
    assert [p.label for p in per_semester.row("党课").periods] == ["2025年上半年", "2025年下半年"]
    assert states(per_semester, "党课") == ["held"] * 12
    assert states(per_quarter, "党课") == ["missing"] * 3 + ["held"] * 6 + ["not_due"] * 3  # Q4 is current


def test_secretary_lecture_counts_only_a_lecture_by_the_secretary():
    settings = BranchSettings()
    by_member = build_grid(2025, D(2026, 1, 1), settings, [meeting("党课", D(2025, 5, 8))])
    by_secretary = build_grid(2025, D(2026, 1, 1), settings, [meeting("党课", D(2025, 5, 8), by_secretary=True)])
    assert by_member.row("书记党课").periods[0].state == "missing"
    assert by_member.row("党课").cell(5).state == "held"
    assert by_secretary.row("书记党课").periods[0].state == "held"


def test_group_meetings_per_group_when_there_are_groups():
    facts = [meeting("党小组会", D(2025, 3, 10), "第一党小组")]
    grid = build_grid(2025, D(2025, 4, 1), BranchSettings(), facts, groups=["第一党小组", "第二党小组"])
    assert states(grid, "党小组会:第一党小组")[:3] == ["missing", "missing", "held"]
    assert states(grid, "党小组会:第二党小组")[:3] == ["missing"] * 3
    overall = build_grid(2025, D(2025, 4, 1), BranchSettings(), facts)
    assert [r.requirement.key for r in overall.rows].count("党小组会") == 1
    assert states(overall, "党小组会")[:3] == ["missing", "missing", "held"]


def test_a_meeting_dated_after_today_is_not_yet_held():
    grid = build_grid(2025, D(2025, 3, 10), BranchSettings(), [meeting("支委会", D(2025, 3, 20))])
    assert grid.row("支委会").cell(3).state == "not_due"


def test_the_loader_reads_the_year_and_the_settings(database):
    from tests.factories import make_member, meeting_data, present

    secretary = make_member("赵书记", party_post="书记", party_group="第一党小组")
    save_settings(vacation_months=[7, 8], lecture_period="semester")
    meetings.create(meeting_data(kind="党课", date=D(2025, 3, 5), lecturer=secretary.id,
                                 attendance=present(secretary)))
    meetings.create(meeting_data(kind="党小组会", date=D(2025, 3, 6), party_group="第一党小组"))
    grid = load_grid(2025, D(2025, 9, 1))
    assert grid.row("书记党课").periods[0].state == "held"
    assert [p.state for p in grid.row("党课").periods] == ["held", "not_due"]
    assert states(grid, "党小组会:第一党小组")[2] == "held"
    assert states(grid, "主题党日")[6:8] == ["exempt", "exempt"]


def test_demo_year_without_one_months_committee_meeting_shows_exactly_that_month_missing(demo_db):
    today = D(2026, 1, 15)
    before = load_grid(2025, today)
    june = list(Meeting.select().where((Meeting.kind == "支委会")
                                       & Meeting.date.between(D(2025, 6, 1), D(2025, 6, 30))))
    assert june, "the demo year has a 支委会 in June"
    assert before.row("支委会").cell(6).state == "held"
    for m in june:
        meetings.delete(m.id)
    after = load_grid(2025, today)
    changed = [(ra.requirement.key, a.label, a.state, b.state)
               for ra, rb in zip(after.rows, before.rows, strict=True)
               for a, b in zip(ra.periods, rb.periods, strict=True) if a.state != b.state]
    assert changed == [("支委会", "2025年6月", "missing", "held")]
    assert set(after.missing()) - set(before.missing()) == {(after.row("支委会").requirement,
                                                            after.row("支委会").cell(6))}


def test_the_printed_table_says_from_when_records_are_kept_here(database, tmp_path):
    import datetime as dt

    from pdf_reading import text_of

    from dangjian_desktop.reports import build_report
    from dangjian_desktop.services.meeting import meetings

    meetings.create({"kind": "支委会", "date": dt.date(2025, 5, 6), "topic": "研究工作", "attendance": []})
    path = build_report("compliance", tmp_path / "c.pdf", year=2025, today=dt.date(2025, 12, 4))
    text = "".join(text_of(path).split())
    assert "未记录" in text and "2025年5月1日以前的记录不在本程序中" in text
    assert "支委会：2025年6月" in text  # June on is missing, January to April is not
