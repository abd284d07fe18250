"""Members: every field rule and development rule refuses the bad value and writes nothing; leaving."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import (
    assert_rejected,
    full_member_data,
    id_number,
    make_member,
    meeting_data,
    member_data,
    present,
    probationer_data,
    row_counts,
)

from dangjian_desktop.domain.rules.membership import probation_end, stage_at
from dangjian_desktop.domain.validation import NotFoundError, ReferencedError, ValidationError
from dangjian_desktop.services import history, trash
from dangjian_desktop.services.meeting import AttendanceRow, meetings
from dangjian_desktop.services.member import members, on_rolls_at
from dangjian_desktop.store.models import Change, Member

TOMORROW = dt.date.today() + dt.timedelta(days=1)


def test_create_full_member_stores_every_field(database):
    data = full_member_data(id_number=id_number(dt.date(1980, 5, 4)), party_post="组织委员", phone="138 1234 5678")
    result = members.create(data)
    member = Member.get_by_id(result.record.id)
    assert result.warnings == []
    assert member.name == "李四" and stage_at(member, None) == "正式党员"
    assert member.phone == "13812345678"
    assert members.form_values(member)["full_on"] == dt.date(2016, 7, 1)
    assert Change.select().where(Change.table == "member", Change.action == "create").count() == 1


def test_birth_date_comes_from_the_id_number_and_x_is_upper_case(database):
    number = id_number(dt.date(1990, 10, 1), serial="006")
    assert number.endswith("X")
    member = members.create(member_data(birth_date=None, id_number=number.lower())).record
    assert member.id_number == number
    assert member.birth_date == dt.date(1990, 10, 1)


def test_probation_end_with_and_without_extension(database):
    member = members.create(probationer_data()).record
    assert probation_end(member) == dt.date(2026, 6, 20)
    member = members.update(member.id, {"probation_extension_months": 6}).record
    assert probation_end(member) == dt.date(2026, 12, 20)


BAD_MEMBER_VALUES = [
    ({"name": "  "}, "name", "请填写姓名"),
    ({"name": "张" * 31}, "name", "姓名过长：最多 30 个字"),
    ({"name": "张\n三"}, "name", "控制字符或换行"),
    ({"gender": None}, "gender", "请选择性别"),
    ({"gender": "男性"}, "gender", "性别“男性”不在可选范围内"),
    ({"status": ""}, "status", "请选择党籍状态"),
    ({"party_post": "校长"}, "party_post", "党内职务“校长”不在可选范围内"),
    ({"birth_date": TOMORROW}, "birth_date", "晚于今天"),
    ({"birth_date": "1985-02-30"}, "birth_date", "出生日期：“1985-02-30”不是有效日期"),
    ({"birth_date": dt.date(1850, 1, 1)}, "birth_date", "超出合理范围"),
    ({"id_number": "32040219850312001"}, "id_number", "身份证号应为18位（或15位的旧号码），现为17位"),
    ({"id_number": "3204021985031200123"}, "id_number", "身份证号过长"),
    ({"id_number": id_number(dt.date(1985, 3, 12))[:17] + "0"}, "id_number", "校验位不对"),
    ({"id_number": id_number(dt.date(1985, 3, 13))}, "id_number", "与所填出生日期（1985-03-12）不一致"),
    ({"phone": "1381234567"}, "phone", "联系电话“1381234567”格式不对"),
    ({"phone": "1" * 21}, "phone", "联系电话过长"),
    ({"job_title": "岗" * 61}, "job_title", "工作岗位/职务过长"),
    ({"notes": "备" * 2001}, "notes", "备注过长"),
    ({"probation_extension_months": 13}, "probation_extension_months", "应在 0 到 12 之间"),
    ({"applied_on": TOMORROW}, "applied_on", "晚于今天"),
    ({"status": "转出"}, "left_on", "党籍状态为“转出”时，请填写离开日期"),
    ({"status": "去世"}, "left_on", "请填写离开日期"),
    ({"left_on": dt.date(2024, 1, 1)}, "left_on", "党籍状态为“正常”时不应填写离开日期"),
]


@pytest.mark.parametrize("overrides, field, fragment", BAD_MEMBER_VALUES)
def test_bad_member_value_is_refused_on_create(database, overrides, field, fragment):
    assert_rejected(lambda: members.create(member_data(**overrides)), field, fragment)


@pytest.mark.parametrize("overrides, field, fragment", BAD_MEMBER_VALUES)
def test_bad_member_value_is_refused_on_update(database, overrides, field, fragment):
    member = members.create(member_data()).record
    assert_rejected(lambda: members.update(member.id, overrides), field, fragment)


BAD_DEVELOPMENT = [
    ({"activist_on": dt.date(2012, 12, 31)}, "activist_on", "确定积极分子日期（2012-12-31）不能早于申请入党日期（2013-01-01）"),
    ({"candidate_on": dt.date(2013, 12, 31)}, "candidate_on", "须经过一年以上的培养教育和考察才能确定为发展对象：最早为2014-01-01"),
    ({"probation_on": dt.date(2013, 12, 31)}, "probation_on", "不能早于确定发展对象日期"),
    ({"full_on": dt.date(2015, 6, 30)}, "full_on", "转正日期不能早于预备期满之日 2015-07-01"),
    ({"probation_extension_months": 3}, "probation_extension_months", "延长预备期只能为6至12个月"),
    ({"probation_extension_months": 6}, "full_on", "预备期为一年（延长6个月），转正日期不能早于预备期满之日 2016-01-01"),
    ({"probation_on": None}, "probation_on", "填写了转正日期，请同时填写接收预备党员日期"),
    ({"applied_on": dt.date(2002, 5, 3)}, "applied_on", "须年满18周岁：按出生日期，申请日期不能早于2002-05-04"),
    ({"birth_date": dt.date(1995, 1, 2)}, "applied_on", "须年满18周岁"),
    ({"status": "转出", "left_on": dt.date(2012, 1, 1)}, "left_on", "离开日期不能早于入党申请等发展日期"),
]


def _developed(**overrides):
    """Milestones with round dates: applied 2013-01-01, activist 2013-01-01, candidate 2014-01-01,
    probation 2014-07-01, full 2015-07-01; born 1984-05-04."""
    data = full_member_data(born=dt.date(1984, 5, 4), applied_on=dt.date(2013, 1, 1),
                            activist_on=dt.date(2013, 1, 1), candidate_on=dt.date(2014, 1, 1),
                            probation_on=dt.date(2014, 7, 1), full_on=dt.date(2015, 7, 1))
    data.update(overrides)
    return data


def test_development_on_the_boundaries_is_accepted(database):
    member = members.create(_developed()).record
    assert stage_at(member, None) == "正式党员"
    extended = members.create(_developed(name="赵六", probation_extension_months=12, full_on=dt.date(2016, 7, 1)))
    assert extended.record.full_on == dt.date(2016, 7, 1)
    eighteen = members.create(member_data(name="钱七", birth_date=dt.date(2000, 2, 29),
                                          applied_on=dt.date(2018, 2, 28))).record
    assert stage_at(eighteen, None) == "入党申请人"


@pytest.mark.parametrize("overrides, field, fragment", BAD_DEVELOPMENT)
def test_development_rule_is_enforced(database, overrides, field, fragment):
    assert_rejected(lambda: members.create(_developed(**overrides)), field, fragment)


def test_age_is_checked_against_the_birth_date_in_the_id_number(database):
    data = member_data(birth_date=None, id_number=id_number(dt.date(2000, 6, 1)), applied_on=dt.date(2018, 5, 31))
    assert_rejected(lambda: members.create(data), "applied_on", "不能早于2018-06-01")


def test_a_development_date_before_birth_is_refused(database):
    data = member_data(birth_date=dt.date(1985, 3, 12), applied_on=None, activist_on=dt.date(1985, 3, 12))
    assert_rejected(lambda: members.create(data), "activist_on", "发展日期不能早于出生日期")


def test_all_problems_come_at_once(database):
    data = member_data(name="", gender="", phone="12", birth_date=TOMORROW)
    error = assert_rejected(lambda: members.create(data), "name", "请填写姓名")
    assert {p.field for p in error.problems} == {"name", "gender", "phone", "birth_date"}


def test_duplicate_id_number_is_refused(database):
    number = id_number(dt.date(1985, 3, 12))
    members.create(member_data(id_number=number))
    assert_rejected(lambda: members.create(member_data(name="张叁", id_number=number)),
                    "id_number", "身份证号与已有党员“张三”相同")


def test_duplicate_name_and_birth_date_is_refused(database):
    members.create(member_data())
    assert_rejected(lambda: members.create(member_data(phone="")), "name", "已有同名且出生日期相同的党员“张三”")


def test_same_name_with_another_birth_date_is_accepted(database):
    members.create(member_data())
    members.create(member_data(birth_date=dt.date(1990, 1, 1)))
    assert Member.select().where(Member.name == "张三").count() == 2


def test_saving_a_member_again_is_not_a_duplicate_of_itself(database):
    member = members.create(member_data(id_number=id_number(dt.date(1985, 3, 12)))).record
    assert members.update(member.id, {"phone": "13900000000"}).record.phone == "13900000000"


def test_validate_reports_without_writing(database):
    before = row_counts()
    problems = members.validate(member_data(gender="其他"))
    assert [(p.field, p.severity) for p in problems] == [("gender", "error")]
    assert members.validate(member_data()) == []
    assert row_counts() == before


def test_missing_member_raises_not_found(database):
    with pytest.raises(NotFoundError, match="找不到编号为 99 的记录"):
        members.get(99)
    assert_rejected(lambda: members.update(99, {"name": "无"}), "", "找不到编号为 99", NotFoundError)
    assert_rejected(lambda: members.delete(99), "", "找不到编号为 99", NotFoundError)


def test_deleting_a_member_without_references_keeps_the_history(database):
    member = members.create(member_data()).record
    members.delete(member.id)
    assert Member.get_or_none(Member.id == member.id) is None
    assert [e.label for e in trash.deleted("member")] == ["张三"]


def test_deleting_a_member_named_in_meetings_is_refused(database):
    host, other = make_member("李四"), make_member("刘一")
    meetings.create(meeting_data(host=host.id, attendance=present(host, other)))
    meetings.create(meeting_data(date=dt.date(2025, 4, 2), attendance=present(host)))
    error = assert_rejected(lambda: members.delete(host.id), "", "“李四”仍被", ReferencedError)
    assert str(error) == "“李四”仍被2 场会议的出席记录、1 场会议（主持人、记录人或授课人）引用，不能删除。"
    assert_rejected(lambda: members.delete(other.id), "", "1 场会议的出席记录", ReferencedError)


def test_a_lecturer_or_recorder_cannot_be_deleted_either(database):
    lecturer = make_member("李四")
    meetings.create(meeting_data(kind="党课", lecturer=lecturer.id))
    assert_rejected(lambda: members.delete(lecturer.id), "", "1 场会议（主持人、记录人或授课人）", ReferencedError)


def test_mark_left_instead_of_deleting(database):
    member = make_member("李四")
    meetings.create(meeting_data(attendance=[AttendanceRow(member.id, "出席")]))
    left = members.mark_left(member.id, "转出", dt.date(2025, 9, 1)).record
    assert (left.status, left.left_on) == ("转出", dt.date(2025, 9, 1))
    assert [m.name for m in on_rolls_at(dt.date(2025, 8, 31))] == ["李四"]
    assert on_rolls_at(dt.date(2025, 9, 1)) == []
    assert [e.fields for e in history.changes_for("member", member.id)][0] == [
        ("党籍状态", "正常", "转出"), ("离开日期", "", "2025-09-01")]


def test_mark_left_needs_a_way_of_leaving_and_a_real_date(database):
    member = make_member("李四")
    assert_rejected(lambda: members.mark_left(member.id, "正常", dt.date(2025, 9, 1)), "status", "请选择离开的方式")
    assert_rejected(lambda: members.mark_left(member.id, "开除", dt.date(2025, 9, 1)), "status", "请选择离开的方式")
    assert_rejected(lambda: members.mark_left(member.id, "转出", TOMORROW), "left_on", "晚于今天")


def test_on_rolls_counts_probationers_from_the_vote(database):
    members.create(probationer_data())
    members.create(member_data(name="申请人", applied_on=dt.date(2024, 3, 1)))
    assert on_rolls_at(dt.date(2025, 6, 19)) == []
    assert [m.name for m in on_rolls_at(dt.date(2025, 6, 20))] == ["王五"]


def test_rejected_update_leaves_the_stored_member_as_it_was(database):
    member = members.create(member_data()).record
    with pytest.raises(ValidationError):
        members.update(member.id, {"name": "", "phone": "13900000000"})
    stored = Member.get_by_id(member.id)
    assert (stored.name, stored.phone) == ("张三", "13812345678")


@pytest.mark.parametrize("born", [TOMORROW, dt.date(1880, 1, 1)])
def test_an_impossible_birth_date_in_the_id_number_is_refused(database, born):
    data = member_data(birth_date=None, id_number=id_number(born))
    assert_rejected(lambda: members.create(data), "id_number", f"身份证号中的出生日期（{born.isoformat()}）不合理")


def test_full_width_id_number_is_stored_as_ascii(database):
    number = id_number(dt.date(1990, 10, 1), serial="006")
    typed = number.translate({ord(ch): ord(ch) + 0xFEE0 for ch in "0123456789X"})
    member = members.create(member_data(birth_date=None, id_number=typed)).record
    assert member.id_number == number and member.birth_date == dt.date(1990, 10, 1)
    assert_rejected(lambda: members.create(member_data(name="张叁", birth_date=None, id_number=number)),
                    "id_number", "身份证号与已有党员“张三”相同")
