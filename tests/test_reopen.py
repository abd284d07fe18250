"""Write records of every kind, close the file, open it again and read back the same values."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import on_server
from factories import (
    activity_data,
    full_member_data,
    id_number,
    meeting_data,
    partner_data,
    probationer_data,
    rectification_data,
)

from dangjian_desktop.services import history
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.category import add_category
from dangjian_desktop.services.meeting import AttendanceRow, meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.partner import partners
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.services.settings import load_settings, save_settings
from dangjian_desktop.store.connection import close_database
from dangjian_desktop.store.models import Meeting, Member
from dangjian_desktop.store.session import open_database

pytestmark = pytest.mark.skipif(on_server(), reason="files of the database: its backups, copies, locks and the folder beside it (a server keeps its own)")

RARE_NAME = "𠀀堃喆"  # CJK Extension B, then characters outside GB2312
NOTES = "第一行🎉\n第二行：“引号”、——破折号…\t制表"


def _write_everything() -> dict[str, tuple]:
    secretary = members.create(full_member_data(RARE_NAME, id_number=id_number(dt.date(1980, 5, 4)),
                                                party_post="书记", notes=NOTES)).record
    probationer = members.create(probationer_data(probation_extension_months=6)).record
    category = add_category("行走的思政课🚶", "次")
    partner = partners.create(partner_data(name="红色教育基地𠀀", kind="红色教育基地", description=NOTES)).record
    meeting = meetings.create(meeting_data(
        kind="支部党员大会", host=secretary.id, recorder=probationer.id, minutes=NOTES,
        attendance=[AttendanceRow(secretary.id, "出席"), AttendanceRow(probationer.id, "请假", "外出学习🚄")],
        votes_for=1, votes_against=0, votes_abstain=0)).record
    activity = activities.create(activity_data(category=category.id, partner=partner.id, quantity=3,
                                               participants=f"{RARE_NAME}、王五")).record
    item = rectifications.create(rectification_data(meeting=meeting.id, status="已完成",
                                                    completed_on=dt.date(2025, 5, 1), review=NOTES)).record
    save_settings(branch_name="政平小学党支部𠀀", vacation_months=[2, 7, 8], committee_term_start=dt.date(2024, 6, 1))
    return {
        "member": (members, secretary.id), "probationer": (members, probationer.id), "meeting": (meetings, meeting.id),
        "activity": (activities, activity.id), "partner": (partners, partner.id),
        "rectification": (rectifications, item.id),
    }


def test_every_kind_of_record_reads_back_equal_after_reopening(database):
    written = _write_everything()
    before = {key: service.form_values(service.get(record_id)) for key, (service, record_id) in written.items()}
    settings = load_settings()
    search_key = Member.get(Member.name == RARE_NAME).search_key
    changes = history.changes_for("meeting", written["meeting"][1])

    close_database()
    open_database(database)

    after = {key: service.form_values(service.get(record_id)) for key, (service, record_id) in written.items()}
    assert after == before
    assert after["member"]["name"] == RARE_NAME and after["member"]["notes"] == NOTES
    assert after["member"]["birth_date"] == dt.date(1980, 5, 4)
    assert after["probationer"]["probation_extension_months"] == 6
    assert AttendanceRow(written["probationer"][1], "请假", "外出学习🚄") in after["meeting"]["attendance"]
    assert load_settings() == settings and settings.branch_name == "政平小学党支部𠀀"
    assert Member.get(Member.name == RARE_NAME).search_key == search_key
    assert history.changes_for("meeting", written["meeting"][1]) == changes
    assert Meeting.get_by_id(written["meeting"][1]).host.name == RARE_NAME


def test_an_update_survives_reopening(database):
    written = _write_everything()
    service, member_id = written["member"]
    service.update(member_id, {"job_title": "校长😀"})
    close_database()
    open_database(database)
    assert Member.get_by_id(member_id).job_title == "校长😀"
    assert history.changes_for("member", member_id)[0].fields == [("工作岗位/职务", "语文教师", "校长😀")]
