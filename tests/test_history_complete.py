"""Every create, update and delete through every service (and the import) leaves a history row; a deleted
record's last state can be read back in full."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import (
    activity_data,
    make_member,
    meeting_data,
    member_data,
    partner_data,
    present,
    rectification_data,
)
from test_excel import write_book

from dangjian_desktop.excel.importer import import_workbook
from dangjian_desktop.services import history, trash
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.meeting import meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.partner import partners
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.store.models import Change, Member

KINDS = {
    "member": (members, member_data, {"job_title": "数学教师"}),
    "meeting": (meetings, meeting_data, {"place": "会议室"}),
    "activity": (activities, activity_data, {"quantity": 3}),
    "partner": (partners, partner_data, {"contact": "王老师"}),
    "rectification": (rectifications, rectification_data, {"status": "已完成",
                                                           "completed_on": dt.date(2025, 3, 1)}),
}


@pytest.mark.parametrize("kind", KINDS)
def test_create_update_delete_are_each_recorded_and_the_last_state_kept(database, kind):
    service, valid, change = KINDS[kind]
    record = service.create(valid()).record
    created = service.snapshot(record)
    service.update(record.id, change)
    last_state = service.snapshot(service.get(record.id))
    label = service.label(service.get(record.id))
    service.delete(record.id)
    entries = history.changes_for(service.table, record.id)
    assert [e.action for e in entries] == ["删除", "修改", "新增"]
    assert {(old, new) for _label, old, new in entries[2].fields} == {("", v) for v in created.values() if v}
    assert len(entries[1].fields) == len(change)
    deleted = trash.deleted(service.table)
    assert [e.label for e in deleted] == [label]
    assert {(old, new) for _label, old, new in deleted[0].fields} == {(v, "") for v in last_state.values() if v}


def test_leaving_and_attendance_changes_are_recorded(database):
    secretary, member = make_member("李四"), make_member("刘一")
    members.mark_left(member.id, "转出", dt.date(2025, 6, 1))
    assert ("党籍状态", "正常", "转出") in history.changes_for("member", member.id)[0].fields
    meeting = meetings.create(meeting_data(attendance=present(secretary))).record
    meetings.update(meeting.id, {"attendance": present(secretary, member)})
    assert history.changes_for("meeting", meeting.id)[0].fields == [("出席情况", "李四出席", "刘一出席；李四出席")]


def test_imported_records_are_recorded_and_a_refused_import_records_nothing(database, tmp_path):
    good = write_book(tmp_path / "good.xlsx", {"党员": [["姓名", "性别"], ["李四", "男"], ["刘一", "女"]]})
    assert import_workbook(good).written
    assert sorted(c.label for c in Change.select().where(Change.action == "create")) == ["刘一", "李四"]
    bad = write_book(tmp_path / "bad.xlsx", {"党员": [["姓名", "性别"], ["王五", "男"], ["赵六", "?"]]})
    assert not import_workbook(bad).written
    assert Change.select().count() == 2 and Member.select().count() == 2
