"""Meetings: field rules, attendance rows, votes, quorum warnings that never block, numbering, cascade."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import (
    assert_rejected,
    make_member,
    meeting_data,
    members,
    present,
    probationer_data,
)

from dangjian_desktop.services import trash
from dangjian_desktop.services.meeting import AttendanceRow, expected_members, headcount, meetings
from dangjian_desktop.store.models import Attendance, Change, Meeting

DAY = dt.date(2025, 3, 5)


@pytest.fixture
def committee(database):
    """Five committee members (full members) and two ordinary full members."""
    posts = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员")
    people = [make_member(name, party_post=post) for name, post in zip(("甲一", "乙二", "丙三", "丁四", "戊五"), posts, strict=True)]
    return people + [make_member("己六"), make_member("庚七")]


def test_create_meeting_with_attendance(committee):
    rows = present(*committee[:4]) + [AttendanceRow(committee[4].id, "请假", "外出培训")]
    result = meetings.create(meeting_data(host=committee[0].id, recorder=committee[2].id, attendance=rows))
    meeting = result.record
    assert result.warnings == []
    assert meeting.seq == 1 and meeting.host.name == "甲一"
    assert sorted(meetings.form_values(meeting)["attendance"], key=lambda r: r.member_id) == rows
    count = headcount(meeting.kind, meeting.date, rows, {m.id: m for m in committee})
    assert (count.expected, count.present, count.on_leave, count.absent, count.quorum_ok) == (5, 4, 1, 0, True)


def test_sequence_numbers_count_per_kind_and_year(database):
    first = meetings.create(meeting_data()).record
    second = meetings.create(meeting_data(date=dt.date(2025, 4, 2))).record
    lecture = meetings.create(meeting_data(kind="主题党日")).record
    next_year = meetings.create(meeting_data(date=dt.date(2026, 1, 7))).record
    given = meetings.create(meeting_data(seq=9)).record
    assert [first.seq, second.seq, lecture.seq, next_year.seq, given.seq] == [1, 2, 1, 1, 9]
    assert meetings.update(second.id, {"topic": "改"}).record.seq == 2


BAD_MEETING_VALUES = [
    ({"kind": None}, "kind", "请选择会议类型"),
    ({"kind": "座谈会"}, "kind", "会议类型“座谈会”不在可选范围内"),
    ({"date": None}, "date", "请填写日期"),
    ({"date": "2025-02-30"}, "date", "日期：“2025-02-30”不是有效日期"),
    ({"topic": ""}, "topic", "请填写主题"),
    ({"topic": "题" * 201}, "topic", "主题过长：最多 200 个字"),
    ({"place": "地" * 101}, "place", "地点过长"),
    ({"minutes": "记" * 50_001}, "minutes", "会议记录过长"),
    ({"seq": 0}, "seq", "第几次应在 1 到 999 之间"),
    ({"start_time": "25:00"}, "start_time", "开始时间应为“时:分”格式"),
    ({"end_time": "4点"}, "end_time", "结束时间应为“时:分”格式"),
    ({"start_time": "16:30", "end_time": "15:30"}, "end_time", "结束时间"),
    ({"kind": "党课"}, "lecturer", "党课请填写授课人"),
    ({"kind": "党小组会"}, "party_group", "党小组会请填写党小组"),
    ({"host": 999}, "host", "所选主持人不存在，可能已被删除"),
    ({"recorder": "1"}, "recorder", "所选记录人不存在"),
    ({"votes_for": -1}, "votes_for", "赞成票应在 0 到 10000 之间"),
]


@pytest.mark.parametrize("overrides, field, fragment", BAD_MEETING_VALUES)
def test_bad_meeting_value_is_refused(database, overrides, field, fragment):
    assert_rejected(lambda: meetings.create(meeting_data(**overrides)), field, fragment)


def test_start_after_end_names_both_times(database):
    error = assert_rejected(lambda: meetings.create(meeting_data(start_time="16:30", end_time="15:30")),
                            "end_time", "不能早于开始时间")
    assert "16:30" in error.problems[0].message and "15:30" in error.problems[0].message


def test_lecture_and_group_meeting_with_their_extra_fields_are_accepted(database):
    lecturer = make_member("李四")
    assert meetings.create(meeting_data(kind="党课", lecturer=lecturer.id)).record.lecturer_id == lecturer.id
    assert meetings.create(meeting_data(kind="党小组会", party_group="第一党小组")).record.party_group == "第一党小组"


def test_a_host_deleted_meanwhile_is_refused(database):
    host = make_member("李四")
    members.delete(host.id)
    assert_rejected(lambda: meetings.create(meeting_data(host=host.id)), "host", "所选主持人不存在")


BAD_ATTENDANCE = [  # rows, the message's words, the row and part the problem names
    (lambda p: [AttendanceRow(999, "出席")], "出席情况第1行：所选党员不存在", 1, "member"),
    (lambda p: [AttendanceRow(p[0].id), AttendanceRow(p[1].id), AttendanceRow(p[0].id, "缺席", "病假")],
     "出席情况第3行：甲一已在第1行登记，同一会议不能重复登记", 3, "member"),
    (lambda p: [AttendanceRow(p[0].id), AttendanceRow(p[1].id, "请假")], "出席情况第2行：请填写乙二请假的原因", 2,
     "reason"),
    (lambda p: [AttendanceRow(p[0].id, "缺席", "  ")], "出席情况第1行：请填写甲一缺席的原因", 1, "reason"),
    (lambda p: [AttendanceRow(p[0].id, "迟到")], "出席情况第1行：甲一的出席情况“迟到”不在可选范围内", 1, "status"),
    (lambda p: [AttendanceRow(p[0].id, "请假", "原" * 201)], "出席情况第1行：甲一的原因过长", 1, "reason"),
]


@pytest.mark.parametrize("rows, fragment, row, part", BAD_ATTENDANCE)
def test_bad_attendance_row_is_refused(committee, rows, fragment, row, part):
    error = assert_rejected(lambda: meetings.create(meeting_data(attendance=rows(committee))), "attendance",
                            fragment)
    problem = next(p for p in error.problems if fragment in p.message)
    assert (problem.row, problem.part) == (row, part) and fragment.split("：")[1] in problem.detail
    assert not problem.detail.startswith("出席情况")


@pytest.mark.parametrize("rows, fragment, row, part", BAD_ATTENDANCE)
def test_bad_attendance_row_is_refused_on_update(committee, rows, fragment, row, part):
    meeting = meetings.create(meeting_data(attendance=present(*committee[:5]))).record
    assert_rejected(lambda: meetings.update(meeting.id, {"attendance": rows(committee)}), "attendance", fragment)
    assert len(meetings.form_values(Meeting.get_by_id(meeting.id))["attendance"]) == 5


def test_reason_of_someone_present_is_dropped(committee):
    meeting = meetings.create(meeting_data(attendance=[AttendanceRow(committee[0].id, "出席", "无")])).record
    assert meetings.form_values(meeting)["attendance"] == [AttendanceRow(committee[0].id, "出席", "")]


def test_vote_total_above_those_present_is_refused(committee):
    rows = present(*committee[:4]) + [AttendanceRow(committee[4].id, "缺席", "未请假")]
    data = meeting_data(kind="支部党员大会", attendance=rows, votes_for=3, votes_against=1, votes_abstain=1)
    assert_rejected(lambda: meetings.create(data), "votes_for", "表决票数合计 5 超过实到人数 4")
    data.update(votes_abstain=0)
    assert meetings.create(data).record.votes_for == 3


def test_branch_meeting_without_quorum_is_saved_with_a_warning(committee):
    rows = present(*committee[:3]) + [AttendanceRow(p.id, "请假", "教研活动") for p in committee[3:]]
    result = meetings.create(meeting_data(kind="支部党员大会", attendance=rows))
    assert Meeting.select().count() == 1 and Attendance.select().count() == 7
    assert [(w.field, w.severity) for w in result.warnings] == [("attendance", "warning")]
    assert result.warnings[0].message == "到会人数不足：有表决权的正式党员 7 人，到会 3 人，未超过半数，不能进行表决。"


def test_branch_meeting_with_more_than_half_present_has_no_warning(committee):
    rows = present(*committee[:4]) + [AttendanceRow(p.id, "请假", "教研活动") for p in committee[4:]]
    assert meetings.create(meeting_data(kind="支部党员大会", attendance=rows)).warnings == []


def test_probationers_have_no_vote_in_the_quorum(committee):
    probationers = [members.create(probationer_data(name, dt.date(1996, 1, i + 1))).record
                    for i, name in enumerate(("预一", "预二", "预三"))]
    rows = present(*committee[:3], *probationers) + [AttendanceRow(p.id, "缺席", "出差") for p in committee[3:]]
    result = meetings.create(meeting_data(kind="支部党员大会", date=dt.date(2025, 9, 1), attendance=rows))
    assert "有表决权的正式党员 7 人，到会 3 人" in result.warnings[0].message


def test_committee_meeting_quorum_counts_the_committee(committee):
    rows = present(*committee[:2]) + [AttendanceRow(p.id, "请假", "出差") for p in committee[2:5]]
    result = meetings.create(meeting_data(attendance=rows))
    assert result.record.id is not None
    assert [w.message for w in result.warnings] == ["到会人数不足：支委 5 人，到会 2 人，未超过半数。"]


def test_committee_quorum_ignores_non_committee_members_present(committee):
    rows = present(*committee[:2], *committee[5:]) + [AttendanceRow(p.id, "请假", "出差") for p in committee[2:5]]
    result = meetings.create(meeting_data(attendance=rows))
    assert [w.message for w in result.warnings] == ["到会人数不足：支委 5 人，到会 2 人，未超过半数。"]


def test_quorum_counts_members_left_off_the_list_as_absent(committee):
    result = meetings.create(meeting_data(kind="支部党员大会", attendance=present(*committee[:3])))
    assert [w.message for w in result.warnings] == [
        "到会人数不足：有表决权的正式党员 7 人，到会 3 人，未超过半数，不能进行表决。"]


def test_other_kinds_have_no_quorum_warning(committee):
    assert meetings.create(meeting_data(kind="主题党日", attendance=present(committee[0]))).warnings == []


def test_expected_members(committee):
    members.update(committee[6].id, {"party_group": "第二党小组"})
    assert len(expected_members("支部党员大会", DAY)) == 7
    assert {m.name for m in expected_members("支委会", DAY)} == {"甲一", "乙二", "丙三", "丁四", "戊五"}
    assert [m.name for m in expected_members("党小组会", DAY, "第二党小组")] == ["庚七"]
    assert expected_members("支部党员大会", dt.date(2015, 6, 30)) == []


def test_update_without_attendance_keeps_it_and_with_attendance_replaces_it(committee):
    meeting = meetings.create(meeting_data(attendance=present(*committee[:5]))).record
    meetings.update(meeting.id, {"topic": "新主题"})
    assert Attendance.select().where(Attendance.meeting == meeting.id).count() == 5
    meetings.update(meeting.id, {"attendance": present(committee[0])})
    assert [a.member_id for a in Attendance.select().where(Attendance.meeting == meeting.id)] == [committee[0].id]


def test_deleting_a_meeting_deletes_its_attendance_and_keeps_its_last_state(committee):
    meeting = meetings.create(meeting_data(attendance=present(*committee[:5]))).record
    other = meetings.create(meeting_data(date=dt.date(2025, 4, 2), attendance=present(committee[0]))).record
    meetings.delete(meeting.id)
    assert Meeting.get_or_none(Meeting.id == meeting.id) is None
    assert [a.meeting_id for a in Attendance.select()] == [other.id]
    assert Change.select().where(Change.table == "meeting", Change.action == "delete").count() == 1
    last = dict((label, old) for label, old, _new in trash.deleted("meeting")[0].fields)
    assert last["主题"] == "研究三月份主题党日安排"
    assert "甲一出席" in last["出席情况"]
    members.delete(committee[4].id)  # no longer referenced once the meeting is gone


def test_party_group_meetings_are_numbered_per_group_and_groups_sorted_by_their_numeral(database):
    from dangjian_desktop.services.member import party_groups

    for group in ("第一党小组", "第三党小组", "第二党小组", "第十党小组"):
        make_member(f"{group[1]}组长", party_group=group)
    numbers = {}
    for month in (3, 4, 5):
        for group in ("第一党小组", "第二党小组"):
            saved = meetings.create(meeting_data(kind="党小组会", date=dt.date(2025, month, 10), party_group=group,
                                                 topic=f"{group}{month}月学习")).record
            numbers[(group, month)] = saved.seq
    assert [numbers[("第一党小组", m)] for m in (3, 4, 5)] == [1, 2, 3]
    assert [numbers[("第二党小组", m)] for m in (3, 4, 5)] == [1, 2, 3]  # not 4, 5, 6: each group its own count
    assert party_groups() == ["第一党小组", "第二党小组", "第三党小组", "第十党小组"]
