"""The organisation tree on a server: what may stand under what, names unique among siblings, a 党支部's schema
made with it and dropped with it, removal refused while anything hangs on it; users with argon2 hashes, signing
in, and what each role may open and change (a reader's writes refused by the server itself)."""

from __future__ import annotations

import pytest
from conftest import SERVER, on_server

from dangjian_desktop.domain.validation import ReferencedError, ValidationError
from dangjian_desktop.services import organisation, users
from dangjian_desktop.services.member import members
from dangjian_desktop.store import tree
from dangjian_desktop.store.connection import close_database, db
from dangjian_desktop.store.faults import ReadOnlyError
from dangjian_desktop.store.session import open_server
from dangjian_desktop.store.tree import AppUser

pytestmark = pytest.mark.skipif(not on_server(), reason="the organisation tree lives on a server")


@pytest.fixture
def school(database):
    """党委 → 党总支 → two 党支部, and a 党支部 of its own under the 党委."""
    close_database()
    open_server(SERVER)
    committee = organisation.add({"name": "区教育工委", "level": "党委", "term_start": "2022-06-01"})
    general = organisation.add({"name": "实验中学党总支", "level": "党总支", "parent_id": committee.id})
    teachers = organisation.add({"name": "教师党支部", "level": "党支部", "parent_id": general.id})
    retired = organisation.add({"name": "退休党支部", "level": "党支部", "parent_id": general.id})
    primary = organisation.add({"name": "实验小学党支部", "level": "党支部", "parent_id": committee.id})
    return {"committee": committee.id, "general": general.id, "teachers": teachers.id, "retired": retired.id,
            "primary": primary.id}


def problems(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        call()
    return {p.field: p.message for p in refused.value.problems}


def test_the_tree_keeps_its_levels_and_names(school):
    assert problems(lambda: organisation.add({"name": "一组", "level": "党总支", "parent_id": school["teachers"]})) == {
        "parent_id": "党支部“教师党支部”之下不能设党总支（可设：党小组）。"}
    assert "已有名为“教师党支部”" in problems(
        lambda: organisation.add({"name": "教师党支部", "level": "党支部", "parent_id": school["general"]}))["name"]
    organisation.add({"name": "教师党支部", "level": "党支部", "parent_id": school["committee"]})  # elsewhere: fine
    assert problems(lambda: organisation.update(school["general"], {"parent_id": school["teachers"]}))["parent_id"]
    assert "每届任期应为 3 或 5 年" in problems(
        lambda: organisation.add({"name": "x", "level": "党支部", "term_years": 4}))["term_years"]
    node = organisation.subtree(school["committee"])
    assert [n.organisation.name for n in node.walk()] == ["区教育工委", "实验中学党总支", "教师党支部", "退休党支部",
                                                           "实验小学党支部", "教师党支部"]
    assert organisation.path_of(school["retired"]) == "区教育工委 / 实验中学党总支 / 退休党支部"


def test_each_branch_keeps_its_own_records(school):
    from dangjian_desktop.services.settings import load_settings
    from dangjian_desktop.store.models import ActivityCategory

    tree.enter_branch(school["teachers"])
    assert load_settings().branch_name == "教师党支部" and ActivityCategory.select().count() == 8
    members.create({"name": "王喆", "gender": "男", "applied_on": "2024-03-01"})
    tree.enter_branch(school["retired"])
    assert members.model.select().count() == 0
    tree.enter_branch(school["teachers"])
    assert [m.name for m in members.model.select()] == ["王喆"]
    tree.leave_branch()


def test_an_organisation_is_removed_only_when_nothing_hangs_on_it(school):
    with pytest.raises(ReferencedError, match="下属组织 2 个"):
        organisation.delete(school["general"])
    tree.enter_branch(school["retired"])
    members.create({"name": "李老", "gender": "男", "applied_on": "1980-03-01"})
    tree.leave_branch()
    with pytest.raises(ReferencedError, match="党员、会议等记录"):
        organisation.delete(school["retired"])
    organisation.delete(school["primary"])
    assert not db.execute_sql("SELECT 1 FROM pg_namespace WHERE nspname = %s",
                              (tree.branch_schema(school["primary"]),)).fetchone()


def test_users_sign_in_with_a_hashed_password_and_get_their_roles_access(school):
    secretary = users.add({"login": "wang", "full_name": "王书记", "role": "支部书记",
                           "organisation_id": school["teachers"], "password": "党建2025abc"})
    assert secretary.password_hash.startswith("$argon2id$") and "党建2025abc" not in secretary.password_hash
    users.add({"login": "gw", "full_name": "工委组织员", "role": "党委", "organisation_id": school["committee"],
               "password": "gongwei-2025"})
    users.add({"login": "audit", "full_name": "审计员", "role": "审计", "organisation_id": school["general"],
               "password": "audit-2025"})
    assert problems(lambda: users.add({"login": "wang", "full_name": "x", "role": "组织委员",
                                       "organisation_id": school["general"], "password": "short"})) == {
        "login": "用户名“wang”已被使用。", "organisation_id": "组织委员应属于一个党支部（所选“实验中学党总支”是党总支）。",
        "password": "密码至少要 8 位。"}

    for login, password in (("wang", "wrong-password"), ("nobody", "党建2025abc")):
        with pytest.raises(users.SignInError, match="用户名或密码不正确"):
            users.sign_in(login, password)
    access = users.sign_in("wang", "党建2025abc")
    assert (access.readable, access.writable, access.keeps_tree) == ((school["teachers"],), school["teachers"], False)
    admin = users.sign_in("gw", "gongwei-2025")
    assert admin.keeps_tree and admin.writable is None
    assert set(admin.readable) == {school["teachers"], school["retired"], school["primary"]}
    assert set(users.sign_in("audit", "audit-2025").readable) == {school["teachers"], school["retired"]}

    assert users.toggle_active(secretary.id) is False  # 停用
    with pytest.raises(users.SignInError, match="已停用"):
        users.sign_in("wang", "党建2025abc")
    users.set_password(secretary.id, "新密码-12345")
    assert users.toggle_active(secretary.id) is True  # 启用
    assert users.sign_in("wang", "新密码-12345").login == "wang"
    assert AppUser.select().count() == 3


def test_a_reader_cannot_write_even_past_the_window(school):
    tree.enter_branch(school["teachers"])
    db.obj.read_only = True
    db.obj.use_schema(db.obj.schema)
    try:
        with pytest.raises(ReadOnlyError, match="只能查看"):
            members.create({"name": "王喆", "gender": "男", "applied_on": "2024-03-01"})
    finally:
        db.obj.read_only = False
        db.obj.use_schema(db.obj.schema)
    assert members.model.select().count() == 0


def test_a_committee_above_the_branches_keeps_its_elections_and_the_approved_one_starts_its_term(school):
    from dangjian_desktop.domain.validation import NotFoundError
    from dangjian_desktop.services import organisation_election as org_elections

    ballot = {"date": "2024-06-20", "kind": "换届选举", "term_years": 5, "expected": 120, "present": 90,
              "candidates": "张书记 80\n李副书记 75\n王委员 70", "elected": "张书记 书记\n李副书记 副书记\n王委员 委员"}
    assert "未超过应到 120 人的五分之四" in problems(lambda: org_elections.add(school["committee"], ballot))["present"]
    record, warnings = org_elections.add(school["committee"], {**ballot, "present": 110})
    assert [w.field for w in warnings] == ["candidates"]  # 3 candidates for 3 seats: no more than the seats
    assert organisation.get(school["committee"]).term_start.isoformat() == "2022-06-01"  # not approved yet
    assert "赵委员得 40 票" in problems(lambda: org_elections.add(
        school["committee"], {**ballot, "present": 110, "candidates": "赵委员 40", "elected": "赵委员 委员"}))["elected"]

    org_elections.delete(record.id)
    approved, _ = org_elections.add(school["committee"], {**ballot, "present": 110, "approved_on": "2024-07-01",
                                                          "approved_by": "中共某某区委组织部", "approval_no": "区组〔2024〕8号"})
    committee = organisation.get(school["committee"])
    assert (committee.term_start.isoformat(), committee.term_years) == ("2024-06-20", 5)
    assert committee.committee.splitlines()[0] == "张书记 书记"
    assert [e.id for e in org_elections.elections_of(school["committee"])] == [approved.id]
    with pytest.raises(NotFoundError, match="请在这个党支部的“换届选举”页登记"):
        org_elections.add(school["teachers"], ballot)
