"""The demo database: written through the services, valid by every rule, deterministic; the demo command."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from factories import database_contents, full_member_data

from dangjian_desktop import cli
from dangjian_desktop.demo import builder
from dangjian_desktop.domain.rules.membership import stage_at
from dangjian_desktop.domain.validation import id_number_problem
from dangjian_desktop.queries.figures import year_figures
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.development import path_of, paths_in_development
from dangjian_desktop.services.meeting import attendance_of, expected_members, headcount, meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.settings import load_settings
from dangjian_desktop.store.connection import close_database
from dangjian_desktop.store.models import (
    ALL_MODELS,
    COMMITTEE_POSTS,
    Activity,
    Change,
    Meeting,
    Member,
    Partner,
    Rectification,
)
from dangjian_desktop.store.session import open_database

SERVICE_TABLES = (Member, Meeting, Activity, Partner, Rectification)


def test_every_record_went_through_its_service(demo_db):
    for model in SERVICE_TABLES:
        table = model._meta.table_name
        created = Change.select().where((Change.table == table) & (Change.action == "create")).count()
        assert created == model.select().count() > 0, table
    settings = load_settings()
    assert settings.branch_name == "常州市武进区政平小学党支部"
    assert settings.parent_committee and settings.committee_term_start


def test_members_have_valid_id_numbers_and_realistic_names(demo_db):
    people = list(Member.select())
    assert 20 <= len(people) <= 26
    for person in people:
        assert id_number_problem(person.id_number, person.birth_date) is None, person.name
    assert len({p.id_number for p in people}) == len(people)

    def outside_gb2312(name: str) -> bool:
        try:
            name.encode("gb2312")
        except UnicodeEncodeError:
            return True
        return False

    assert sum(outside_gb2312(p.name) for p in people) >= 3
    assert any(p.name[0] in "单曾" for p in people)
    posts = {p.party_post for p in people}
    assert {"书记", "组织委员", "宣传委员", "纪检委员"} <= posts
    assert len({p.party_group for p in people if p.party_group}) >= 2


def test_leaver_and_development_dates(demo_db):
    leaver = Member.get(Member.status == "转出")
    assert leaver.left_on.year == 2025 and leaver.probation_on is not None
    voted = Member.get(Member.full_on.year == 2025)
    assert voted.probation_on.year == 2024 and voted.full_on == voted.probation_on.replace(year=2025)
    in_development = [p for p in Member.select() if stage_at(p, None) in ("入党积极分子", "发展对象")]
    assert len(in_development) == 3
    for person in in_development:
        assert person.applied_on >= person.birth_date.replace(year=person.birth_date.year + 18)
        if person.candidate_on:
            assert person.candidate_on >= person.activist_on.replace(year=person.activist_on.year + 1)


def test_development_steps_follow_the_rules(demo_db):
    voted = path_of(Member.get(Member.name == "林昇").id)
    assert all(step.status == "done" for step in voted.steps) and voted.next_step is None
    for name in ("顾雨桐", "陆子涵"):
        path = path_of(Member.get(Member.name == name).id)
        assert path.next_step.step.number == 12  # 支部委员会审查: training done, two 介绍人 named
        assert not [s for s in path.steps if s.status == "unrecorded"]
    due = {p.name: p.next_step.step.number for p in paths_in_development()}
    assert due == {"谢梓萱": 2, "范可欣": 4, "陆子涵": 12, "顾雨桐": 12, "韩雪": 19}  # 韩雪 admitted at her university


def test_meetings_have_full_attendance_reasons_and_quorum(demo_db):
    people = {m.id: m for m in Member.select()}
    for meeting in Meeting.select():
        rows = attendance_of(meeting)
        expected = {m.id for m in expected_members(meeting.kind, meeting.date, meeting.party_group)}
        assert {r.member_id for r in rows} == expected, (meeting.date, meeting.kind)
        assert all(r.reason for r in rows if r.status != "出席")
        assert headcount(meeting.kind, meeting.date, rows, people).quorum_ok, (meeting.date, meeting.kind)
        assert meeting.host_id and meeting.recorder_id and meeting.place and meeting.start_time
        assert meeting.minutes.count("\n") >= 2
        if meeting.kind == "党课":
            assert people[meeting.lecturer_id].party_post == "书记"
        if meeting.kind == "支委会":
            assert all(people[r.member_id].party_post in COMMITTEE_POSTS for r in rows)
    reasons = [r.reason for m in Meeting.select() for r in attendance_of(m) if r.status != "出席"]
    assert len(reasons) >= 5 and len(set(reasons)) >= 3


def test_the_vote_on_full_membership(demo_db):
    meeting = Meeting.get(Meeting.votes_for.is_null(False))
    assert meeting.kind == "支部党员大会" and "转正" in meeting.topic
    present = sum(1 for r in attendance_of(meeting) if r.status == "出席")
    assert 0 < meeting.votes_for <= present and meeting.votes_against == 0
    assert meeting.date == Member.get(Member.full_on.year == 2025).full_on


def test_no_date_is_later_than_today(demo_db):
    today = dt.date.today()
    for model in ALL_MODELS:
        for field in model._meta.sorted_fields:
            if field.field_type == "DATE":
                latest = model.select(field).where(field.is_null(False)).order_by(field.desc()).scalar()
                assert latest is None or latest <= today, (model.__name__, field.name, latest)


def test_records_of_2026_do_not_change_2025(demo_db):
    before = year_figures(2025)
    later = year_figures(2026)
    assert later.meetings_by_kind["主题党日"] >= 6 and later.meetings_by_kind["支委会"] >= 6
    assert sum(later.activity_records_by_category.values()) >= 2
    for meeting in Meeting.select().where(Meeting.date >= dt.date(2026, 1, 1)):
        meetings.delete(meeting.id)
    for activity in Activity.select().where(Activity.date >= dt.date(2026, 1, 1)):
        activities.delete(activity.id)
    assert year_figures(2025) == before


def _contents() -> dict[str, list[tuple]]:
    """Every table but the history's timestamps."""
    contents = database_contents()
    contents["change"] = [row[2:] for row in contents["change"]]
    return contents


def test_demo_command_writes_the_same_database_and_refuses_to_overwrite(demo_template, tmp_path, capsys):
    target = tmp_path / "演示.db"
    assert cli.run(cli.parse_args(["demo", "--db", str(target)])) == 0
    out = capsys.readouterr().out
    assert "已写入演示数据库" in out and "党员" in out and "会议" in out
    assert not list(tmp_path.glob(".*demo-part*"))  # written beside, then moved in
    open_database(target)
    written = _contents()
    close_database()
    open_database(demo_template)
    assert _contents() == written  # deterministic
    close_database()

    stamp = target.stat().st_mtime_ns
    assert cli.run(cli.parse_args(["demo", "--db", str(target)])) == 1
    err = capsys.readouterr().err
    assert "文件已存在" in err and "--force" in err
    assert target.stat().st_mtime_ns == stamp


def test_demo_force_replaces_any_file_and_its_side_files(tmp_path: Path, capsys):
    target = tmp_path / "demo.db"
    target.write_bytes(b"not a database at all")
    Path(f"{target}-wal").write_bytes(b"stale")
    try:
        assert cli.run(cli.parse_args(["demo", "--force", "--db", str(target)])) == 0
        assert "原样改名保留为" in capsys.readouterr().out
        open_database(target)
        assert Member.select().count() == 26
        aside = [p for p in tmp_path.iterdir() if ".unusable-" in p.name]
        assert sorted(p.read_bytes() for p in aside) == [b"not a database at all", b"stale"]  # kept untouched
    finally:
        close_database()


def test_demo_force_over_a_real_database_backs_it_up_first(database, tmp_path, capsys):
    members.create(full_member_data("王五", dt.date(1990, 1, 1)))
    close_database()
    assert cli.run(cli.parse_args(["demo", "--force", "--db", str(database)])) == 0
    out = capsys.readouterr().out
    saved = list((database.parent / "backups").glob("test-before-demo-*.db"))
    assert len(saved) == 1 and str(saved[0]) in out
    with sqlite3.connect(saved[0]) as conn:
        assert conn.execute("SELECT name FROM member").fetchall() == [("王五",)]
    open_database(database)
    assert Member.select().count() == 26


def test_a_demo_that_fails_half_way_leaves_the_file_as_it_was(database, tmp_path, monkeypatch):
    members.create(full_member_data("王五", dt.date(1990, 1, 1)))
    close_database()
    before = _dump(database)

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(builder, "_write_activities", full_disk)
    with pytest.raises(OSError):
        builder.replace_with_demo(database)
    assert _dump(database) == before
    assert not [p for p in tmp_path.iterdir() if "demo-part" in p.name]


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())
