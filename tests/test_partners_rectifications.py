"""Partner units and rectification items: field rules, date order, status and completion, references."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import (
    activity_data,
    assert_rejected,
    meeting_data,
    partner_data,
    rectification_data,
)

from dangjian_desktop.domain.rules.rectification import overdue, overdue_expr
from dangjian_desktop.domain.validation import ReferencedError
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.meeting import meetings
from dangjian_desktop.services.partner import partners
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.store.models import Partner, Rectification

TOMORROW = dt.date.today() + dt.timedelta(days=1)

# -- partners ---------------------------------------------------------------------------------------


def test_create_partner(database):
    partner = partners.create(partner_data()).record
    assert Partner.get_by_id(partner.id).kind == "结对共建单位"
    assert "czdx" in partner.search_key


@pytest.mark.parametrize("overrides, field, fragment", [
    ({"name": ""}, "name", "请填写名称"),
    ({"name": "名" * 101}, "name", "名称过长：最多 100 个字"),
    ({"kind": ""}, "kind", "请选择类别"),
    ({"kind": "兄弟学校"}, "kind", "类别“兄弟学校”不在可选范围内"),
    ({"since": TOMORROW}, "since", "共建/启用日期"),
    ({"phone": "0519-8633"}, "phone", "联系电话“0519-8633”格式不对"),
    ({"contact": "联" * 31}, "contact", "联系人过长"),
    ({"address": "址" * 201}, "address", "地址过长"),
])
def test_bad_partner_value_is_refused(database, overrides, field, fragment):
    assert_rejected(lambda: partners.create(partner_data(**overrides)), field, fragment)


def test_a_partner_used_by_an_activity_cannot_be_deleted(database):
    partner = partners.create(partner_data()).record
    activities.create(activity_data(partner=partner.id))
    error = assert_rejected(lambda: partners.delete(partner.id), "", "常州大学马克思主义学院", ReferencedError)
    assert str(error) == "“常州大学马克思主义学院”仍被1 项活动引用，不能删除。"


def test_an_unused_partner_is_deleted(database):
    partner = partners.create(partner_data()).record
    partners.delete(partner.id)
    assert Partner.select().count() == 0


# -- rectifications ---------------------------------------------------------------------------------


def test_create_and_complete_a_rectification(database):
    item = rectifications.create(rectification_data()).record
    done = rectifications.update(item.id, {"status": "已完成", "completed_on": dt.date(2025, 5, 30),
                                           "evidence": "学习记录本"}).record
    assert (done.status, done.completed_on) == ("已完成", dt.date(2025, 5, 30))


BAD_RECTIFICATION_VALUES = [
    ({"source": None}, "source", "请选择问题来源"),
    ({"source": "群众举报"}, "source", "问题来源“群众举报”不在可选范围内"),
    ({"found_on": None}, "found_on", "请填写发现日期"),
    ({"found_on": TOMORROW, "deadline": None}, "found_on", "发现日期"),
    ({"problem": ""}, "problem", "请填写问题"),
    ({"problem": "问" * 2001}, "problem", "问题过长"),
    ({"status": "已解决"}, "status", "整改状态“已解决”不在可选范围内"),
    ({"deadline": dt.date(2025, 1, 19)}, "deadline", "整改时限（2025-01-19）不能早于发现日期（2025-01-20）"),
    ({"status": "已完成", "completed_on": dt.date(2025, 1, 1)}, "completed_on",
     "完成日期（2025-01-01）不能早于发现日期（2025-01-20）"),
    ({"status": "已完成"}, "completed_on", "整改状态为“已完成”时，请填写完成日期"),
    ({"completed_on": dt.date(2025, 3, 1)}, "status", "已填写完成日期，整改状态应为“已完成”"),
    ({"status": "未开始", "completed_on": dt.date(2025, 3, 1)}, "status", "整改状态应为“已完成”"),
    ({"status": "已完成", "completed_on": TOMORROW}, "completed_on", "晚于今天"),
    ({"meeting": 999}, "meeting", "所选来源会议不存在"),
]


@pytest.mark.parametrize("overrides, field, fragment", BAD_RECTIFICATION_VALUES)
def test_bad_rectification_value_is_refused(database, overrides, field, fragment):
    assert_rejected(lambda: rectifications.create(rectification_data(**overrides)), field, fragment)


@pytest.mark.parametrize("overrides, field, fragment", BAD_RECTIFICATION_VALUES)
def test_bad_rectification_value_is_refused_on_update(database, overrides, field, fragment):
    item = rectifications.create(rectification_data()).record
    assert_rejected(lambda: rectifications.update(item.id, overrides), field, fragment)


def test_deleting_the_source_meeting_keeps_the_rectification(database):
    meeting = meetings.create(meeting_data(kind="组织生活会", date=dt.date(2025, 1, 20))).record
    item = rectifications.create(rectification_data(meeting=meeting.id)).record
    meetings.delete(meeting.id)
    assert Rectification.get_by_id(item.id).meeting_id is None
    assert_rejected(lambda: rectifications.create(rectification_data(meeting=meeting.id)), "meeting", "可能已被删除")


def test_overdue_items(database):
    late = rectifications.create(rectification_data(problem="迟", deadline=dt.date(2025, 3, 1))).record
    rectifications.create(rectification_data(problem="完", deadline=dt.date(2025, 3, 1), status="已完成",
                                             completed_on=dt.date(2025, 2, 1)))
    Rectification.create(**rectification_data(problem="无时限", deadline=None))  # kept from before the rule
    rectifications.create(rectification_data(problem="未到", deadline=dt.date(2025, 6, 1)))
    assert [r.id for r in Rectification.select().where(overdue_expr(dt.date(2025, 4, 1)))] == [late.id]
    assert overdue(late, dt.date(2025, 4, 1)) and not overdue(late, dt.date(2025, 3, 1))
