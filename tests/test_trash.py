"""已删除记录 → 恢复: a deleted record comes back whole (attendance, steps, cleared links, history) in one
transaction, or is refused, nothing written, naming the record it needs first."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import on_server
from factories import (
    database_contents,
    id_number,
    make_member,
    meeting_data,
    member_data,
    present,
    probationer_data,
    rectification_data,
)

from dangjian_desktop.domain.validation import NotFoundError
from dangjian_desktop.services import history, trash
from dangjian_desktop.services.meeting import AttendanceRow, attendance_of, meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.store.models import (
    Attendance,
    DeletedRecord,
    DevelopmentStep,
    Meeting,
    Member,
    Rectification,
)


def _meeting_with_link():
    host, absent = make_member("李四"), make_member("王𠮷")
    meeting = meetings.create(meeting_data(host=host.id, attendance=[
        AttendanceRow(host.id, "出席"), AttendanceRow(absent.id, "请假", "赴外地参加区教育局组织的骨干教师培训")])).record
    item = rectifications.create(rectification_data(meeting=meeting.id)).record
    return host, absent, meeting, item


def test_a_deleted_meeting_comes_back_with_its_attendance_its_link_and_its_history(database):
    host, absent, meeting, item = _meeting_with_link()
    meetings.update(meeting.id, {"place": "三楼会议室"})
    before = database_contents()
    trash_id = meetings.delete(meeting.id)
    assert Attendance.select().count() == 0 and Rectification.get_by_id(item.id).meeting_id is None
    assert [e.label for e in trash.deleted("meeting")] == [meetings.label(meeting)]

    restored = trash.restore(trash_id)

    assert (restored.table, restored.record_id) == ("meeting", meeting.id)
    back = Meeting.get_by_id(meeting.id)
    assert back.place == "三楼会议室" and back.host_id == host.id
    assert attendance_of(back) == [AttendanceRow(host.id, "出席"),
                                   AttendanceRow(absent.id, "请假", "赴外地参加区教育局组织的骨干教师培训")]
    assert Rectification.get_by_id(item.id).meeting_id == meeting.id
    after = database_contents()
    for table in ("meeting", "attendance", "rectification", "member"):
        assert after[table] == before[table], table
    assert [e.action for e in history.changes_for("meeting", meeting.id)] == ["恢复", "删除", "修改", "新增"]
    assert trash.deleted("meeting") == []  # restored: no longer listed
    with pytest.raises(NotFoundError, match="已经恢复过"):
        trash.restore(trash_id)


def test_a_restored_member_brings_back_his_development_steps(database):
    member = members.create(probationer_data("张喆")).record
    DevelopmentStep.create(member=member, step=3, done_on=dt.date(2023, 4, 1), note="谈话")
    trash_id = members.delete(member.id)
    assert DevelopmentStep.select().count() == 0
    trash.restore(trash_id)
    assert [(s.step, s.note) for s in DevelopmentStep.select()] == [(3, "谈话")]
    assert Member.get_by_id(member.id).name == "张喆"


@pytest.mark.skipif(on_server(), reason="SQLite gives a deleted last row's id to the next record; a PostgreSQL "
                                         "sequence never hands an id out twice, so the id is never taken")
def test_a_taken_id_gives_a_new_one_and_the_history_follows(database):
    gone = members.create(member_data(name="乙", birth_date=None)).record
    trash_id = members.delete(gone.id)
    newcomer = members.create(member_data(name="丙", birth_date=None, id_number="")).record
    assert newcomer.id == gone.id  # SQLite gave the id to the next member
    restored = trash.restore(trash_id)
    assert restored.record_id != gone.id and Member.get_by_id(restored.record_id).name == "乙"
    assert [e.action for e in history.changes_for("member", restored.record_id)] == ["恢复", "删除", "新增"]
    assert [(e.action, e.label) for e in history.changes_for("member", newcomer.id)] == [("新增", "丙")]


def test_a_meeting_whose_member_was_deleted_since_is_refused_naming_him(database):
    host, absent, meeting, _item = _meeting_with_link()
    trash_id = meetings.delete(meeting.id)
    members.delete(absent.id)  # no meeting refers to him any more
    before = database_contents()
    with pytest.raises(trash.RestoreError) as error:
        trash.restore(trash_id)
    assert "出席情况中的党员“王𠮷”已被删除" in str(error.value) and "请先在“已删除记录”中恢复" in str(error.value)
    assert database_contents() == before
    trash.restore(trash.deleted("member")[0].trash_id)  # him first, then the meeting
    assert len(attendance_of(Meeting.get_by_id(trash.restore(trash_id).record_id))) == 2


def test_a_restored_meeting_whose_number_was_taken_gets_the_next(database):
    host = make_member("李四")
    first = meetings.create(meeting_data(host=host.id, attendance=present(host))).record
    trash_id = meetings.delete(first.id)
    second = meetings.create(meeting_data(host=host.id, attendance=present(host), date=dt.date(2025, 4, 2))).record
    assert second.seq == first.seq == 1
    restored = Meeting.get_by_id(trash.restore(trash_id).record_id)
    assert restored.seq == 2 and Meeting.get_by_id(second.id).seq == 1


def test_a_member_entered_again_since_is_not_restored_beside_himself(database):
    gone = members.create(probationer_data("张喆")).record
    trash_id = members.delete(gone.id)
    again = members.create(probationer_data("张喆")).record  # the clerk typed him in anew
    before = database_contents()
    with pytest.raises(trash.RestoreError, match="不能恢复：.*张喆"):
        trash.restore(trash_id)
    assert database_contents() == before and Member.select().count() == 1 and Member.get().id == again.id


@pytest.mark.skipif(on_server(), reason="files of the database: a purge is checked in a backup file")
def test_a_purged_record_is_gone_for_good_after_a_backup(database):
    from dangjian_desktop.store.connection import database_path

    number = id_number(dt.date(1995, 9, 9), serial="017")
    member = members.create(probationer_data("张喆", id_number=number)).record
    assert member.id_number == number
    trash_id = members.delete(member.id)
    saved = trash.purge(trash_id)
    assert saved.is_file() and saved.parent == database_path().parent / "backups"
    assert DeletedRecord.select().count() == 0 and [e.trash_id for e in trash.deleted("member")] == [None]
    files = [database_path(), database_path().with_name(database_path().name + "-wal")]
    assert not [f for f in files if f.exists() and number.encode() in f.read_bytes()]  # nowhere in the file
    assert number.encode() in saved.read_bytes()  # but in the backup made first
    with pytest.raises(NotFoundError):
        trash.purge(trash_id)
