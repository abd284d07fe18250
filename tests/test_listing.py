"""The rows behind the window's lists: one or two queries per kind, names joined, counts and flags computed."""

from __future__ import annotations

import datetime as dt

from factories import (
    activity_data,
    category_id,
    make_member,
    meeting_data,
    partner_data,
    present,
    rectification_data,
)

from dangjian_desktop.queries import listing
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.meeting import AttendanceRow, meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.partner import partners
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.store.models import Activity, Meeting, Member, Partner, Rectification


def test_member_rows_carry_stage_status_and_pinyin(database):
    make_member("张三", party_post="书记")
    applicant = members.create({"name": "李四", "gender": "女", "status": "正常",
                                "applied_on": dt.date(2025, 3, 1), "birth_date": dt.date(2000, 1, 1)}).record
    members.mark_left(applicant.id, "转出", dt.date(2025, 9, 1))
    rows = {r.name: r for r in listing.member_rows()}
    assert rows["张三"].stage == "正式党员" and rows["张三"].party_post == "书记"
    assert "zs" in rows["张三"].search_key
    assert rows["李四"].stage == "入党申请人"
    assert (rows["李四"].status, rows["李四"].left_on) == ("转出", dt.date(2025, 9, 1))


def test_meeting_rows_count_attendance_and_check_quorum(database):
    posts = ("书记", "副书记", "组织委员")
    people = [make_member(name, party_post=post) for name, post in zip(("甲一", "乙二", "丙三"), posts, strict=True)]
    short = meetings.create(meeting_data(host=people[0].id, attendance=present(people[0]) + [
        AttendanceRow(people[1].id, "请假", "外出培训"), AttendanceRow(people[2].id, "缺席", "病假")])).record
    full = meetings.create(meeting_data(date=dt.date(2025, 4, 2), attendance=present(*people))).record
    day = meetings.create(meeting_data(kind="主题党日", topic="重温入党誓词", attendance=present(*people))).record
    rows = {r.id: r for r in listing.meeting_rows()}
    assert (rows[short.id].expected, rows[short.id].present, rows[short.id].on_leave, rows[short.id].absent) \
        == (3, 1, 1, 1)
    assert rows[short.id].quorum_ok is False and rows[short.id].host == "甲一"
    assert rows[full.id].quorum_ok is True and rows[full.id].host == ""
    assert rows[day.id].quorum_ok is None  # no quorum rule for a 主题党日
    assert "jy" in rows[short.id].search_key  # the host's pinyin initials
    assert [r.id for r in listing.meeting_rows()][0] == full.id  # newest first


def test_activity_and_partner_rows_join_names_and_count(database):
    base = partners.create(partner_data(name="常大红馆", kind="红色教育基地")).record
    partners.create(partner_data(name="史良法学院"))
    activities.create(activity_data(category=category_id("红色教育"), title="行走的思政课", partner=base.id))
    activities.create(activity_data(category=category_id("示范课"), title="党员示范课：语文", quantity=3,
                                    unit=""))
    rows = {r.title: r for r in listing.activity_rows()}
    assert rows["行走的思政课"].partner == "常大红馆" and rows["行走的思政课"].category == "红色教育"
    assert "cdhg" in rows["行走的思政课"].search_key
    assert (rows["党员示范课：语文"].quantity, rows["党员示范课：语文"].unit, rows["党员示范课：语文"].partner) \
        == (3, "节", "")
    counts = {r.name: r.activity_count for r in listing.partner_rows()}
    assert counts == {"常大红馆": 1, "史良法学院": 0}


def test_rectification_rows_flag_overdue_items(database):
    late = rectifications.create(rectification_data(deadline=dt.date(2025, 6, 30), status="整改中")).record
    done = rectifications.create(rectification_data(deadline=dt.date(2025, 6, 30), status="已完成",
                                                    completed_on=dt.date(2025, 6, 1))).record
    open_item = Rectification.create(**rectification_data(deadline=None, status="未开始"))  # kept from before the rule
    rows = {r.id: r for r in listing.rectification_rows(today=dt.date(2025, 7, 1))}
    assert rows[late.id].overdue and not rows[done.id].overdue and not rows[open_item.id].overdue
    on_the_day = {r.id: r for r in listing.rectification_rows(today=dt.date(2025, 6, 30))}
    assert not on_the_day[late.id].overdue  # the deadline day itself is not overdue


def test_choices_for_pickers(database):
    a = make_member("张三")
    b = make_member("李四")
    members.mark_left(b.id, "转出", dt.date(2025, 1, 1))
    assert listing.member_choices() == [(a.id, "张三", True), (b.id, "李四", False)]
    assert [name for _id, name, _unit in listing.category_choices()][:2] == ["示范课", "专题讲座"]
    meeting = meetings.create(meeting_data()).record
    assert listing.meeting_choices() == [(meeting.id, "2025-03-05 支委会：研究三月份主题党日安排")]
    assert listing.members_by_id([a.id])[a.id].name == "张三" and listing.members_by_id([]) == {}


def test_demo_lists_hold_every_record(demo_db):
    assert len(listing.member_rows()) == Member.select().count()
    assert len(listing.meeting_rows()) == Meeting.select().count()
    assert len(listing.activity_rows()) == Activity.select().count()
    assert len(listing.partner_rows()) == Partner.select().count()
    assert len(listing.rectification_rows()) == Rectification.select().count()
