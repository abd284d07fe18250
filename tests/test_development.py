"""The 25 steps: order, rule dates at their edges (leap day, extended probation, age 18), one transaction
with history, and the milestones kept once on the member."""

from __future__ import annotations

import datetime as dt

import pytest

from dangjian_desktop.domain.rules.development import STEPS
from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.services import history
from dangjian_desktop.services.development import (
    path_of,
    paths_in_development,
    record_step,
    set_probation_extension,
    undo_step,
)
from dangjian_desktop.services.member import members
from dangjian_desktop.store.models import DevelopmentStep, Member
from tests.factories import assert_rejected, member_data, probationer_data

D = dt.date
TODAY = D(2026, 11, 24)


def applicant(name: str = "陈晓", applied_on: dt.date | None = None, **kw) -> int:
    return members.create(member_data(name=name, applied_on=applied_on or D(2023, 3, 1), **kw)).record.id


def record(member_id: int, *steps: tuple[int, dt.date]) -> None:
    for number, day in steps:
        record_step(member_id, number, day, today=TODAY)


def test_there_are_five_stages_and_twenty_five_numbered_steps():
    assert [s.number for s in STEPS] == list(range(1, 26))
    assert sorted({s.stage for s in STEPS}) == [1, 2, 3, 4, 5]
    assert [s.number for s in STEPS if s.milestone] == [1, 3, 7, 15]
    assert all(r < s.number for s in STEPS for r in s.requires)


def test_the_whole_path_in_order_writes_the_milestones_on_the_member(database):
    pid = applicant()
    record(pid, (2, D(2023, 3, 20)), (3, D(2023, 5, 1)), (4, D(2023, 5, 8)), (5, D(2023, 5, 8)),
           (6, D(2023, 11, 1)), (6, D(2024, 4, 28)), (7, D(2024, 5, 1)))
    for n in (8, 9, 10, 11):
        record(pid, (n, D(2024, 6, 1)))
    record(pid, (12, D(2024, 8, 1)), (13, D(2024, 8, 10)), (14, D(2024, 8, 20)), (15, D(2024, 9, 1)),
           (16, D(2024, 9, 15)), (17, D(2024, 10, 20)), (18, D(2024, 10, 30)), (19, D(2024, 11, 1)),
           (20, D(2024, 11, 1)), (21, D(2025, 3, 1)), (22, D(2025, 8, 15)), (23, D(2025, 9, 3)),
           (24, D(2025, 10, 10)), (25, D(2025, 10, 20)))
    m = Member.get_by_id(pid)
    assert (m.applied_on, m.activist_on, m.candidate_on, m.probation_on) == (
        D(2023, 3, 1), D(2023, 5, 1), D(2024, 5, 1), D(2024, 9, 1))
    assert m.full_on == D(2025, 9, 1)  # the day probation ends, not the day of the vote (3 Sept)
    path = path_of(pid)
    assert [s.status for s in path.steps] == ["done"] * 25 and path.next_step is None
    assert path.steps[22].done_on == D(2025, 9, 3)
    assert path.steps[5].done_on == D(2024, 4, 28) and path.steps[5].note == "2023-11-01、2024-04-28"
    assert not DevelopmentStep.select().where(DevelopmentStep.step.in_([1, 3, 7, 15])).exists()
    assert pid not in [p.member_id for p in paths_in_development()]


def test_a_step_out_of_order_is_refused_naming_the_step_it_needs(database):
    pid = applicant()
    assert_rejected(lambda: record_step(pid, 3, D(2023, 6, 1), today=TODAY), "step", "第2步“党组织派人谈话”")
    assert Member.get_by_id(pid).activist_on is None
    record(pid, (2, D(2023, 3, 15)))
    assert_rejected(lambda: record_step(pid, 3, D(2023, 3, 14), today=TODAY), "date", "不能早于第2步")


def test_the_talk_window_is_a_month_and_a_late_talk_only_warns(database):
    pid = applicant(applied_on=D(2024, 1, 31))
    talk = path_of(pid).next_step
    assert (talk.step.number, talk.earliest, talk.latest) == (2, D(2024, 1, 31), D(2024, 2, 29))
    result = record_step(pid, 2, D(2024, 3, 1), today=TODAY)
    assert [w.message for w in result.warnings] == [
        "第2步“党组织派人谈话”晚于规定期限：党组织应在收到入党申请书后一个月内派人谈话，最迟应为 2024-02-29。"]
    assert result.path.next_step.step.number == 3


def test_a_leap_day_application_and_activist_date(database):
    pid = applicant(applied_on=D(2024, 2, 29))
    assert path_of(pid).next_step.latest == D(2024, 3, 29)
    record(pid, (2, D(2024, 2, 29)), (3, D(2024, 2, 29)), (4, D(2024, 3, 1)), (5, D(2024, 3, 1)),
           (6, D(2024, 8, 29)))
    candidate = path_of(pid).next_step
    assert (candidate.step.number, candidate.earliest) == (7, D(2025, 2, 28))
    assert_rejected(lambda: record_step(pid, 7, D(2025, 2, 27), today=TODAY), "date", "一年以上")
    record(pid, (7, D(2025, 2, 28)))
    assert Member.get_by_id(pid).candidate_on == D(2025, 2, 28)


def test_a_leap_day_vote_ends_probation_on_28_february(database):
    # (tests.factories.full_member_data cannot make a leap-day vote: it adds a year with date.replace)
    pid = members.create(member_data(applied_on=D(2021, 9, 1), activist_on=D(2021, 11, 1),
                                     candidate_on=D(2023, 3, 1), probation_on=D(2024, 2, 29))).record.id
    record(pid, (16, D(2024, 3, 10)), (17, D(2024, 4, 1)), (18, D(2024, 4, 2)), (19, D(2024, 4, 2)),
           (20, D(2024, 4, 2)), (21, D(2024, 9, 1)), (22, D(2025, 2, 1)))
    assert path_of(pid).next_step.earliest == D(2025, 2, 28)
    assert_rejected(lambda: record_step(pid, 23, D(2025, 2, 27), today=TODAY), "date", "最早 2025-02-28")
    record(pid, (23, D(2025, 2, 28)))
    assert Member.get_by_id(pid).full_on == D(2025, 2, 28)


def test_an_extended_probation_moves_the_earliest_full_membership_vote(database):
    pid = members.create(probationer_data(probation_on=D(2024, 6, 20), probation_extension_months=6)).record.id
    record(pid, (16, D(2024, 7, 1)), (17, D(2024, 8, 1)), (19, D(2024, 8, 5)), (20, D(2024, 8, 5)),
           (21, D(2025, 1, 10)), (22, D(2025, 6, 1)))
    step = path_of(pid).steps[22]
    assert (step.step.number, step.status, step.earliest) == (23, "pending", D(2025, 12, 20))
    assert path_of(pid).next_step.step.number == 18
    assert_rejected(lambda: record_step(pid, 23, D(2025, 7, 1), today=TODAY), "date", "延长6个月")
    record(pid, (23, D(2025, 12, 22)))
    assert Member.get_by_id(pid).full_on == D(2025, 12, 20)


def test_extending_a_probation_moves_its_end_and_the_vote_and_is_recorded_in_history(database):
    pid = members.create(probationer_data(probation_on=D(2025, 6, 20))).record.id
    assert path_of(pid).probation_end == D(2026, 6, 20)
    path = set_probation_extension(pid, 12)
    assert path.probation_end == D(2027, 6, 20) and path.steps[22].earliest == D(2027, 6, 20)
    assert Member.get_by_id(pid).probation_extension_months == 12
    assert ("延长预备期（月）", "0", "12") in history.changes_for("member", pid)[0].fields
    assert set_probation_extension(pid, 0).probation_end == D(2026, 6, 20)  # a mistake taken back


@pytest.mark.parametrize("months", [1, 5, 13, -6])
def test_an_extension_is_six_to_twelve_months(database, months):
    pid = members.create(probationer_data(probation_on=D(2025, 6, 20))).record.id
    assert_rejected(lambda: set_probation_extension(pid, months), "probation_extension_months", "6至12个月")
    assert Member.get_by_id(pid).probation_extension_months == 0


def test_only_a_probationary_member_on_the_books_can_have_the_probation_extended(database):
    applicant_id = applicant()
    assert_rejected(lambda: set_probation_extension(applicant_id, 6), "probation_extension_months",
                    "陈晓是入党申请人，只有预备党员才能延长预备期")
    full = members.create(probationer_data("赵六", probation_on=D(2024, 6, 20), full_on=D(2025, 6, 20))).record.id
    assert_rejected(lambda: set_probation_extension(full, 6), "probation_extension_months", "正式党员")
    gone = members.create(probationer_data("钱七", born=D(1996, 2, 2), status="转出",
                                           left_on=D(2025, 9, 1))).record.id
    assert_rejected(lambda: set_probation_extension(gone, 6), "probation_extension_months", "已转出")


def test_an_applicant_must_be_eighteen(database):
    pid = members.create(member_data(name="小林", birth_date=D(2007, 6, 1))).record.id
    assert_rejected(lambda: record_step(pid, 1, D(2025, 5, 31), today=TODAY), "date", "年满18周岁")
    record(pid, (1, D(2025, 6, 1)))
    assert Member.get_by_id(pid).applied_on == D(2025, 6, 1)


def test_the_approval_window_is_three_months_from_the_vote(database):
    pid = members.create(probationer_data(probation_on=D(2025, 6, 20))).record.id
    record(pid, (16, D(2025, 7, 1)))
    step = path_of(pid).next_step
    assert (step.step.number, step.earliest, step.latest) == (17, D(2025, 7, 1), D(2025, 9, 20))
    late = record_step(pid, 17, D(2025, 10, 1), today=TODAY)
    assert "三个月内审批" in late.warnings[0].message


def test_the_first_deadline_may_belong_to_a_step_after_the_next(database):
    pid = members.create(probationer_data(probation_on=D(2025, 6, 20))).record.id
    path = path_of(pid)
    assert path.next_step.step.number == 16 and path.next_step.latest is None
    assert (path.due_step.step.number, path.due_step.latest) == (17, D(2025, 9, 20))
    assert path.due_suffix() == "（第17步）"
    record(pid, (16, D(2025, 7, 1)))
    path = path_of(pid)
    assert path.due_step is path.next_step and path.due_suffix() == ""
    record(pid, (17, D(2025, 8, 1)))
    assert path_of(pid).due_step is None  # step 18 on has no deadline until the probation ends


def test_future_dates_later_than_a_following_step_and_leavers_are_refused(database):
    pid = applicant()
    record(pid, (2, D(2023, 3, 20)), (3, D(2023, 5, 1)))
    assert_rejected(lambda: record_step(pid, 4, D(2026, 12, 1), today=TODAY), "date", "晚于今天")
    assert_rejected(lambda: record_step(pid, 2, D(2023, 5, 2), today=TODAY), "date", "不能晚于已记录的第3步")
    members.mark_left(pid, "转出", D(2024, 1, 1))
    assert_rejected(lambda: record_step(pid, 4, D(2023, 6, 1), today=TODAY), "step", "已转出")


def test_recording_a_step_writes_history_and_undo_takes_it_back(database):
    pid = applicant()
    record(pid, (2, D(2023, 3, 20)))
    entry = history.changes_for("member", pid)[0]
    assert entry.fields == [("第2步 党组织派人谈话", "", "2023-03-20")]
    record(pid, (3, D(2023, 5, 1)))
    with pytest.raises(ValidationError, match="不能撤销第2步"):
        undo_step(pid, 2)
    path = undo_step(pid, 3)
    assert Member.get_by_id(pid).activist_on is None and path.next_step.step.number == 3
    path = undo_step(pid, 2)
    assert path.steps[1].status == "next"
    assert history.changes_for("member", pid)[0].fields == [("第2步 党组织派人谈话", "2023-03-20", "")]


def test_undoing_a_review_keeps_the_earlier_ones(database):
    pid = applicant()
    record(pid, (2, D(2023, 3, 20)), (3, D(2023, 5, 1)), (6, D(2023, 11, 1)), (6, D(2024, 5, 1)))
    assert_rejected(lambda: record_step(pid, 6, D(2024, 5, 1), today=TODAY), "date", "应在其后")
    path = undo_step(pid, 6)
    assert path.steps[5].done_on == D(2023, 11, 1)


def test_a_member_recorded_before_the_steps_starts_from_the_furthest_milestone(database):
    pid = members.create(probationer_data(probation_on=D(2025, 6, 20))).record.id
    path = path_of(pid)
    statuses = {s.step.number: s.status for s in path.steps}
    assert [statuses[n] for n in (1, 2, 3, 14, 15, 16, 17)] == [
        "done", "unrecorded", "done", "unrecorded", "done", "next", "pending"]
    assert path.steps[22].earliest == D(2026, 6, 20)
    imported = members.create(member_data(name="赵六", birth_date=D(1990, 1, 1), activist_on=D(2025, 1, 1)))
    assert [p.name for p in paths_in_development()] == ["赵六", "王五"]  # by stage: 积极分子 before 预备党员
    assert path_of(imported.record.id).next_step.step.number == 4


def test_a_steps_window_and_where_a_typed_date_lies_in_it():
    import datetime as dt

    from dangjian_desktop.domain.rules.development import STEP, StepState

    state = StepState(STEP[2], None, "next", earliest=dt.date(2025, 5, 6), latest=dt.date(2025, 6, 6))
    assert state.window() == "最早 2025-05-06，最迟 2025-06-06"
    assert state.window(lambda d: f"{d.month}月{d.day}日", "；") == "最早 5月6日；最迟 6月6日"
    assert state.placement(dt.date(2025, 6, 6)) == ("in", "在规定的时间内。")
    assert state.placement(dt.date(2025, 6, 7))[0] == "late" and state.placement(dt.date(2025, 5, 5))[0] == "early"
    assert state.placement(None) == ("", "") and StepState(STEP[1], None, "next").placement(dt.date(2025, 1, 1)) == (
        "", "")
