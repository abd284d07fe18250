"""History: each create, update and delete writes one Change row with old → new; the last state survives."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import on_server
from factories import (
    activity_data,
    make_member,
    meeting_data,
    member_data,
    partner_data,
    present,
    rectification_data,
)

from dangjian_desktop.domain.fields import display_text
from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.services import history, trash
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.meeting import AttendanceRow, meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.partner import partners
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.store.models import Change


def _changes(table: str) -> list[tuple[str, int, dict]]:
    return [(c.action, c.record_id, json.loads(c.changes))
            for c in Change.select().where(Change.table == table).order_by(Change.id)]


def test_create_update_delete_write_one_row_each(database):
    member = members.create(member_data()).record
    members.update(member.id, {"phone": "13900000000", "job_title": "数学教师"})
    members.delete(member.id)
    rows = _changes("member")
    assert [(action, record_id) for action, record_id, _ in rows] == [
        ("create", member.id), ("update", member.id), ("delete", member.id)]
    created, updated, deleted = (changes for _, _, changes in rows)
    assert created["name"] == ["", "张三"] and created["birth_date"] == ["", "1985-03-12"]
    assert "id_number" not in created  # empty fields are not listed
    assert updated == {"job_title": ["语文教师", "数学教师"], "phone": ["138****5678", "139****0000"]}  # masked
    assert deleted["name"] == ["张三", ""] and deleted["phone"] == ["139****0000", ""]


def test_an_update_that_changes_nothing_writes_no_row(database):
    member = members.create(member_data()).record
    members.update(member.id, {"name": " 张三 ", "phone": "138 1234 5678"})
    members.update(member.id, members.form_values(member))
    assert Change.select().where(Change.action == "update").count() == 0


def test_a_refused_write_leaves_no_history(database):
    member = members.create(member_data()).record
    for write in (lambda: members.create(member_data(name="")), lambda: members.update(member.id, {"gender": "?"})):
        with pytest.raises(ValidationError):
            write()
    assert Change.select().count() == 1


def test_changes_for_reads_newest_first_with_labels(database):
    member = members.create(member_data()).record
    members.update(member.id, {"name": "张叁"})
    entries = history.changes_for("member", member.id)
    assert [(e.action, e.label) for e in entries] == [("修改", "张叁"), ("新增", "张三")]
    assert entries[0].fields == [("姓名", "张三", "张叁")]
    assert ("性别", "", "男") in entries[1].fields
    assert history.changes_for("member", member.id + 1) == []


def test_deleted_records_keep_their_last_state(database):
    first = members.create(member_data()).record
    second = members.create(member_data(name="李四", birth_date=dt.date(1979, 1, 1))).record
    members.update(second.id, {"phone": "13700000000"})
    members.delete(first.id)
    members.delete(second.id)
    deleted = trash.deleted("member")
    assert [e.label for e in deleted] == ["李四", "张三"]
    assert all(e.action == "删除" for e in deleted)
    assert ("联系电话", "137****0000", "") in deleted[0].fields
    assert trash.deleted("partner") == []


def test_references_are_recorded_by_name(database):
    host, other = make_member("李四"), make_member("刘一")
    meeting = meetings.create(meeting_data(host=host.id, attendance=present(host))).record
    meetings.update(meeting.id, {"host": other.id, "attendance": [AttendanceRow(host.id, "请假", "病假"),
                                                                   AttendanceRow(other.id, "出席")]})
    update = history.changes_for("meeting", meeting.id)[0]
    assert ("主持人", "李四", "刘一") in update.fields
    assert ("出席情况", "李四出席", "刘一出席；李四请假（病假）") in update.fields


def test_every_record_kind_has_a_history(database):
    partner = partners.create(partner_data()).record
    activity = activities.create(activity_data(partner=partner.id)).record
    item = rectifications.create(rectification_data()).record
    activities.update(activity.id, {"quantity": 2})
    rectifications.update(item.id, {"status": "已完成", "completed_on": dt.date(2025, 3, 1)})
    assert history.changes_for("activity", activity.id)[0].fields == [("数量", "1", "2")]
    assert ("共建单位/基地", "", "常州大学马克思主义学院") in history.changes_for("activity", activity.id)[1].fields
    assert history.changes_for("rectification", item.id)[0].fields == [
        ("整改状态", "整改中", "已完成"), ("完成日期", "", "2025-03-01")]
    assert [e.label for e in history.changes_for("partner", partner.id)] == ["常州大学马克思主义学院"]


def test_diff_lists_only_what_changed():
    assert history.diff({"a": "1", "b": "2"}, {"a": "1", "b": "3", "c": ""}) == {"b": ["2", "3"]}
    assert history.diff(None, {"a": "x", "b": ""}) == {"a": ["", "x"]}
    assert display_text(dt.date(2025, 7, 1)) == "2025-07-01" and display_text(None) == ""


@pytest.mark.skipif(on_server(), reason="SQLite gives a deleted last row's id to the next record; a PostgreSQL sequence never does")
def test_a_new_record_on_a_reused_id_does_not_inherit_the_old_history(database):
    kept = members.create(member_data(name="甲", birth_date=None)).record
    gone = members.create(member_data(name="乙", birth_date=None)).record
    members.delete(gone.id)
    new = members.create(member_data(name="丙", birth_date=None)).record
    assert new.id == gone.id  # SQLite hands out the deleted row's id again
    assert [(e.action, e.label) for e in history.changes_for("member", new.id)] == [("新增", "丙")]
    assert [(e.action, e.label) for e in trash.deleted("member")] == [("删除", "乙")]
    assert len(history.changes_for("member", kept.id)) == 1


def test_saving_a_meeting_unchanged_writes_no_row(database):
    host = make_member("李四")
    meeting = meetings.create(meeting_data(host=host.id, attendance=[AttendanceRow(host.id, "出席")])).record
    meetings.update(meeting.id, meetings.form_values(meeting))
    assert Change.select().where(Change.table == "meeting").count() == 1


def test_clearing_an_id_number_leaves_no_number_in_the_history(database):
    from factories import full_member_data, id_number

    number = id_number(dt.date(1980, 5, 4))
    member = members.create(full_member_data("王五", dt.date(1980, 5, 4), id_number=number)).record
    members.update(member.id, {"id_number": ""})
    kept = " ".join(row.changes for row in Change.select())
    assert number not in kept and number[6:14] not in kept
    entry = history.changes_for("member", member.id)[0]
    assert ("身份证号", number[:4] + "**********" + number[-4:], "") in entry.fields
