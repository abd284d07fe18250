"""谈心谈话: the pairs the yearly rule asks for and the coverage grid with a missing pair, the reminders rising
from October, a talk with an applicant ticking development step 2, the 政治生日; and 党章第九条's six months
without organisational life, from the attendance records, with its exceptions."""

from __future__ import annotations

import datetime as dt

import pytest

from dangjian_desktop.common.dates import MONTH, PartialDate
from dangjian_desktop.domain.rules import organisational_life as life
from dangjian_desktop.domain.rules import talks as rule
from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.queries.member_alerts import member_alerts
from dangjian_desktop.queries.reminders import birthday_reminders, talk_reminders
from dangjian_desktop.queries.talks import talk_coverage
from dangjian_desktop.services.meeting import AttendanceRow, meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.settings import load_settings, save_settings
from dangjian_desktop.services.talk import assignments, set_assignments, talks
from dangjian_desktop.store.models import DevelopmentStep
from tests.factories import make_member, meeting_data, member_data


@pytest.fixture
def branch(database):
    """A committee of three (书记, 组织委员, 宣传委员) and three ordinary members."""
    people = {name: make_member(name, party_post=post) for name, post in
              (("周振华", "书记"), ("单志强", "组织委员"), ("陈珺", "宣传委员"),
               ("王堃", ""), ("张喆", ""), ("吉𠮷", ""))}
    return {name: p.id for name, p in people.items()}


def talk(a: int, b: int, day: dt.date = dt.date(2025, 6, 1), kind: str = "支委与党员"):
    return talks.create({"date": day, "kind": kind, "talker": a, "partner": b, "topic": "思想工作交流"})


def test_committee_pairs_and_each_member_with_his_assigned_committee_member_are_required():
    pairs = rule.required_pairs([1, 2, 3], [4, 5], {5: 2}, secretary=1)
    assert pairs == {rule.pair(1, 2), rule.pair(1, 3), rule.pair(2, 3), rule.pair(4, 1), rule.pair(5, 2)}
    assert rule.pair(2, 1) == rule.pair(1, 2)


def test_the_coverage_grid_shows_the_talks_and_names_the_missing_pair(branch):
    b = branch
    set_assignments({b["张喆"]: b["单志强"], b["吉𠮷"]: b["陈珺"]})
    for a, c in (("周振华", "单志强"), ("陈珺", "周振华"), ("单志强", "陈珺"), ("周振华", "王堃"),
                 ("单志强", "张喆")):
        talk(b[a], b[c])
    talk(b["王堃"], b["周振华"], dt.date(2024, 12, 30))  # the year before does not count
    coverage = talk_coverage(2025, dt.date(2025, 12, 1))
    assert [p.name for p in coverage.committee] == ["周振华", "单志强", "陈珺"]
    assert coverage.count(b["周振华"], b["王堃"]) == 1 and coverage.is_required(b["吉𠮷"], b["陈珺"])
    assert not coverage.is_required(b["吉𠮷"], b["周振华"])
    assert [(m.name, c.name) for m, c in coverage.missing] == [("吉𠮷", "陈珺")]
    assert coverage.done == len(coverage.required) - 1
    assert assignments() == {b["张喆"]: b["单志强"], b["吉𠮷"]: b["陈珺"]}


def test_an_ordinary_member_cannot_be_assigned_as_the_committee_member(branch):
    with pytest.raises(ValidationError) as refused:
        set_assignments({branch["张喆"]: branch["王堃"]})
    assert "王堃不是支委会委员" in refused.value.problems[0].message


def test_member_talks_between_members_are_a_setting_off_by_default(branch):
    assert load_settings().talks_between_members is False
    assert talk_coverage(2025).without_member_talk == []
    save_settings(talks_between_members=True)
    talk(branch["王堃"], branch["张喆"], kind="党员之间")
    assert talk_coverage(2025).names(talk_coverage(2025).without_member_talk) == ["吉𠮷"]


def test_missing_talks_are_listed_from_october_with_rising_urgency(branch):
    assert talk_reminders(dt.date(2025, 9, 30)) == []
    assert {r.severity for r in talk_reminders(dt.date(2025, 10, 8))} == {"notice"}
    assert {r.severity for r in talk_reminders(dt.date(2025, 11, 8))} == {"warning"}
    december = talk_reminders(dt.date(2025, 12, 8))
    assert {r.severity for r in december} == {"urgent"}
    assert [r.text for r in december] == ["2025年度周振华尚未与单志强、陈珺、王堃、张喆、吉𠮷谈心谈话（每年不少于1次）",
                                          "2025年度单志强尚未与陈珺谈心谈话（每年不少于1次）"]
    assert all(r.severity == "urgent" for r in talk_reminders(dt.date(2026, 1, 5)))  # the year just ended
    assert talk_reminders(dt.date(2026, 2, 5)) == []


def test_a_talk_needs_two_people_present_on_its_day(branch):
    with pytest.raises(ValidationError) as refused:
        talk(branch["王堃"], branch["王堃"])
    assert refused.value.problems[0].field == "partner"
    members.update(branch["张喆"], {"status": "转出", "left_on": dt.date(2025, 3, 1)})
    with pytest.raises(ValidationError) as refused:
        talk(branch["周振华"], branch["张喆"])
    assert "已于 2025-03-01 离开本支部" in refused.value.problems[0].message


def test_a_talk_with_an_applicant_records_development_step_two(branch):
    applicant = members.create(member_data(name="谢梓萱", applied_on=dt.date(2025, 9, 1))).record
    talk(branch["单志强"], applicant.id, dt.date(2025, 9, 20), kind="入党申请人谈话")
    step = DevelopmentStep.get((DevelopmentStep.member == applicant.id) & (DevelopmentStep.step == 2))
    assert step.done_on == dt.date(2025, 9, 20) and "谈心谈话" in step.note
    with pytest.raises(ValidationError) as refused:  # no application: not an applicant's talk
        talk(branch["单志强"], branch["王堃"], kind="入党申请人谈话")
    assert "不是入党申请人" in refused.value.problems[0].message


def test_a_late_talk_with_an_applicant_records_the_step_and_says_it_is_late(branch):
    applicant = members.create(member_data(name="谢梓萱", applied_on=dt.date(2025, 9, 1))).record
    result = talk(branch["单志强"], applicant.id, dt.date(2025, 11, 20), kind="入党申请人谈话")
    assert any("同时记为谢梓萱的发展党员第2步“党组织派人谈话”" in w.message for w in result.warnings)
    assert DevelopmentStep.get((DevelopmentStep.member == applicant.id) & (DevelopmentStep.step == 2)).done_on \
        == dt.date(2025, 11, 20)


def test_political_birthdays_are_a_setting_and_a_talk_that_week_answers_them(branch):
    today = dt.date(2025, 6, 28)  # make_member: accepted on 2015-07-01
    assert birthday_reminders(load_settings(), today) == []
    settings = save_settings(political_birthdays=True)
    found = birthday_reminders(settings, today)
    assert len(found) == 6
    assert any(r.text == "2025-07-01 是周振华的10周年入党纪念日（政治生日），可安排谈心谈话" for r in found)
    talk(branch["王堃"], branch["周振华"], dt.date(2025, 6, 27))
    assert not any("周振华" in r.text or "王堃" in r.text for r in birthday_reminders(settings, today))
    make_member("钱玥", probation_on=PartialDate(2015, 7, 1, precision=MONTH))  # 入党 2015.07: no day to remember
    assert not any("钱玥" in r.text for r in birthday_reminders(settings, today))


# -- 党章第九条: organisational life ------------------------------------------------------------------

def _sittings(*statuses, start=dt.date(2025, 1, 10)):
    return [life.Sitting(dt.date(start.year, start.month + i, start.day), "支部党员大会", s)
            for i, s in enumerate(statuses)]


def test_the_run_of_missed_meetings_starts_after_the_last_attended_or_excused():
    assert life.missed_run(_sittings("出席", "缺席", "缺席")) == _sittings("出席", "缺席", "缺席")[1:]
    assert life.missed_run(_sittings("缺席", "请假", "缺席")) == _sittings("缺席", "请假", "缺席")[2:]
    assert life.missed_run(_sittings("缺席", "缺席", "出席")) == []
    run = life.missed_run(_sittings("缺席", "缺席"))
    assert life.level(run, dt.date(2025, 4, 9)) is None
    assert life.level(run, dt.date(2025, 4, 10)) == "warn"
    assert life.level(run, dt.date(2025, 7, 10)) == "alert"


def test_six_months_absent_is_the_alert_and_leave_is_no_absence(branch):
    b = branch
    for month in range(1, 8):
        rows = [AttendanceRow(member_id, "出席") for name, member_id in b.items() if name not in ("王堃", "张喆")]
        rows += [AttendanceRow(b["王堃"], "缺席", "未说明原因"), AttendanceRow(b["张喆"], "请假", "外出培训")]
        meetings.create(meeting_data(kind="支部党员大会", date=dt.date(2025, month, 10), topic=f"{month}月支部党员大会",
                                     attendance=rows))
    alerts = {(a.name, a.what): a for a in member_alerts(dt.date(2025, 7, 20))}
    assert set(alerts) == {("王堃", "组织生活")}
    alert = alerts[("王堃", "组织生活")]
    assert alert.level == "alert" and "2025-01-10" in alert.text and "支部党员大会等7次" in alert.text
    assert {a.name for a in member_alerts(dt.date(2025, 3, 20))} == set()


def test_the_demo_year_has_its_talks_complete_but_for_one_pair(demo_db):
    coverage = talk_coverage(2025, dt.date(2025, 12, 31))
    assert [(m.name, c.name) for m, c in coverage.missing] == [("郭玉兰", "单志强")]
    assert coverage.done == len(coverage.required) - 1
