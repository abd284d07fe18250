"""The attention list at its edges: 14 days for 整改, 60 days for probation (extended counted), half-year
reviews and one year for 积极分子, the committee's term, and missing meeting periods."""

from __future__ import annotations

import datetime as dt

from dangjian_desktop.queries.compliance import build_grid
from dangjian_desktop.queries.reminders import (
    all_reminders,
    development_reminders,
    meeting_reminders,
    rectification_reminders,
    step_deadline_reminders,
    term_reminders,
)
from dangjian_desktop.services.development import record_step
from dangjian_desktop.services.member import members
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.services.settings import BranchSettings
from dangjian_desktop.store.models import Rectification
from tests.factories import member_data, probationer_data, rectification_data

D = dt.date
TODAY = D(2026, 3, 10)


def summary(items) -> list[tuple[str, str, dt.date | None]]:
    return [(r.severity, r.table, r.due) for r in items]


def test_rectifications_overdue_or_due_within_fourteen_days(database):
    late = rectifications.create(rectification_data(deadline=D(2026, 3, 9))).record.id
    edge = rectifications.create(rectification_data(deadline=D(2026, 3, 24))).record.id
    rectifications.create(rectification_data(deadline=D(2026, 3, 25)))
    rectifications.create(rectification_data(deadline=D(2026, 3, 1), status="已完成", completed_on=D(2026, 3, 1)))
    Rectification.create(**rectification_data(deadline=None))  # kept from before the rule
    items = rectification_reminders(TODAY)
    assert sorted((r.record_id, r.severity, r.due) for r in items) == [
        (late, "urgent", D(2026, 3, 9)), (edge, "warning", D(2026, 3, 24))]
    assert "已逾期 1 天" in next(r.text for r in items if r.record_id == late)
    assert "14 天后到期" in next(r.text for r in items if r.record_id == edge)


def test_probation_ending_within_sixty_days_or_past_without_full_membership(database):
    edge = members.create(probationer_data("甲", probation_on=D(2025, 5, 9))).record.id  # ends 2026-05-09
    members.create(probationer_data("乙", born=D(1996, 1, 1), probation_on=D(2025, 5, 10)))  # 61 days
    past = members.create(probationer_data("丙", born=D(1997, 1, 1), probation_on=D(2025, 3, 9))).record.id
    items = development_reminders(TODAY)
    assert sorted((r.record_id, r.severity, r.due) for r in items) == [
        (edge, "warning", D(2026, 5, 9)), (past, "urgent", D(2026, 3, 9))]
    assert all(r.table == "development" for r in items)


def test_an_extended_probation_is_counted(database):
    # Voted in 2025-01-20: one year ends 2026-01-20, six months' extension moves it to 2026-07-20.
    pid = members.create(probationer_data(probation_on=D(2025, 1, 20), probation_extension_months=6)).record.id
    assert development_reminders(TODAY) == []
    assert summary(development_reminders(D(2026, 5, 21))) == [("warning", "development", D(2026, 7, 20))]
    [item] = development_reminders(D(2026, 7, 21))
    assert (item.severity, item.record_id) == ("urgent", pid)
    assert "已延长6个月" in item.text and "2026-07-20" in item.text


def test_activists_half_year_review_and_one_year(database):
    pid = members.create(member_data(applied_on=D(2025, 1, 2), activist_on=D(2025, 3, 10))).record.id
    assert summary(development_reminders(D(2025, 8, 10))) == []  # due 2025-09-10, 31 days away
    assert summary(development_reminders(D(2025, 8, 11))) == [("warning", "development", D(2025, 9, 10))]
    assert summary(development_reminders(D(2025, 9, 11))) == [("urgent", "development", D(2025, 9, 10))]
    record_step(pid, 2, D(2025, 1, 10), today=TODAY)
    record_step(pid, 6, D(2025, 9, 1), today=TODAY)
    assert summary(development_reminders(D(2025, 9, 11))) == []  # next review due 2026-03-01
    items = development_reminders(TODAY)
    assert summary(items) == [("urgent", "development", D(2026, 3, 1)), ("notice", "development", D(2026, 3, 10))]
    assert "培养满一年" in items[1].text


def test_the_talk_a_month_after_an_application_is_mentioned_two_weeks_ahead_and_when_late(database):
    pid = members.create(member_data(applied_on=D(2026, 2, 28))).record.id  # talk by 2026-03-28
    assert step_deadline_reminders(D(2026, 3, 13)) == []
    [soon] = step_deadline_reminders(D(2026, 3, 14))
    assert (soon.severity, soon.due, soon.table, soon.record_id) == ("warning", D(2026, 3, 28), "development", pid)
    assert soon.text == "张三的第2步“党组织派人谈话”应于 2026-03-28 前完成（收到入党申请书后一个月内派人谈话）"
    assert summary(step_deadline_reminders(D(2026, 3, 28))) == [("warning", "development", D(2026, 3, 28))]
    [late] = step_deadline_reminders(D(2026, 3, 29))
    assert late.severity == "urgent" and "已超过规定期限（最迟 2026-03-28" in late.text
    record_step(pid, 2, D(2026, 3, 29), today=D(2026, 3, 29))
    assert step_deadline_reminders(D(2026, 3, 29)) == []


def test_approvals_three_months_after_a_vote_and_the_review_left_to_its_own_reminder(database):
    pid = members.create(probationer_data(probation_on=D(2025, 11, 30))).record.id  # approve by 2026-02-28
    [item] = step_deadline_reminders(TODAY)
    assert (item.severity, item.due) == ("urgent", D(2026, 2, 28)) and "第17步“上级党委审批”" in item.text
    record_step(pid, 16, D(2025, 12, 5), today=TODAY)
    record_step(pid, 17, D(2026, 2, 20), today=TODAY)
    assert step_deadline_reminders(TODAY) == []
    members.create(member_data(name="李四", birth_date=D(1990, 1, 1), applied_on=D(2024, 1, 2),
                               activist_on=D(2024, 3, 1)))  # review overdue, talk unrecorded before step 3
    assert step_deadline_reminders(TODAY) == []
    assert [r.severity for r in development_reminders(TODAY)] == ["urgent", "notice"]


def test_committee_term_within_six_months_and_within_three_months():
    def at(today: dt.date, years: int = 3):
        return summary(term_reminders(BranchSettings(committee_term_start=D(2023, 9, 1),
                                                     committee_term_years=years), today))
    assert at(D(2026, 2, 28)) == []
    assert at(D(2026, 3, 1)) == [("warning", "election", D(2026, 9, 1))]
    assert at(D(2026, 5, 31)) == [("warning", "election", D(2026, 9, 1))]
    assert at(D(2026, 6, 1)) == [("urgent", "election", D(2026, 9, 1))]
    assert at(D(2026, 9, 2)) == [("urgent", "election", D(2026, 9, 1))]
    assert at(D(2026, 8, 1), years=5) == []
    assert summary(term_reminders(BranchSettings(), TODAY)) == [("notice", "settings", None)]


def test_missing_periods_and_a_current_period_nearly_over():
    grid = build_grid(2026, D(2026, 3, 25), BranchSettings(vacation_months=(2,)), [])
    items = meeting_reminders(grid)
    missing = [r.text for r in items if r.severity == "urgent"]
    assert "支委会：2026年1月、2月未召开（或未录入），要求每月一次" in missing
    assert "主题党日：2026年1月未召开（或未录入），要求每月一次" in missing  # February is a vacation month
    assert not any("3月" in t or "季度" in t or "年度" in t for t in missing)
    notices = [r.text for r in items if r.severity == "notice"]
    assert any(t.startswith("2026年3月尚未召开支委会") for t in notices)
    assert any(t.startswith("2026年第一季度尚未召开支部党员大会") for t in notices)  # ends in 6 days


def test_a_year_requirement_is_one_line():
    items = meeting_reminders(build_grid(2025, D(2026, 1, 2), BranchSettings(lecture_period="semester"), []))
    texts = [r.text for r in items]
    assert "2025年度未召开组织生活会（或未录入），要求每年一次" in texts
    assert "党课：2025年上半年、下半年未召开（或未录入），要求每学期（半年）一次" in texts
    assert len(texts) == len(set(texts)) == 8  # one per requirement, nothing current


def test_everything_sorted_most_pressing_first(database):
    rectifications.create(rectification_data(deadline=D(2026, 3, 20)))
    grid = build_grid(2026, TODAY, BranchSettings(), [])
    items = all_reminders(grid, BranchSettings(), TODAY)
    order = [r.severity for r in items]
    assert order == sorted(order, key=["urgent", "warning", "notice"].index)
    assert {r.category for r in items} >= {"整改", "会议", "支委任期"}
    members.create(member_data(applied_on=D(2026, 1, 5)))
    late_talk = all_reminders(grid, BranchSettings(), TODAY)
    assert [r.category for r in late_talk if r not in items] == ["发展党员"]
