"""Saving the branch settings with the committee's posts: one transaction, one holder per committee post."""

from __future__ import annotations

import datetime as dt

from dangjian_desktop.services import history
from dangjian_desktop.services.committee import post_holders, save_branch
from dangjian_desktop.services.settings import load_settings
from dangjian_desktop.store.models import Member
from tests.factories import assert_rejected, make_member


def test_settings_and_posts_are_saved_together(database):
    a, b = make_member("甲"), make_member("乙")
    saved = save_branch({"branch_name": "政平小学党支部", "committee_term_start": dt.date(2024, 6, 1),
                         "committee_term_years": 5}, {a.id: "书记", b.id: "组织委员"})
    assert saved == load_settings() and saved.committee_term_years == 5
    assert [(h.name, h.party_post) for h in post_holders()] == [("甲", "书记"), ("乙", "组织委员")]
    assert history.changes_for("member", a.id)[0].fields == [("党内职务", "", "书记")]


def test_a_second_secretary_is_refused_and_nothing_is_written(database):
    a, b = make_member("甲", party_post="书记"), make_member("乙")
    assert_rejected(lambda: save_branch({"branch_name": "新名字"}, {b.id: "书记"}), "posts", "“书记”只能由一人担任")
    save_branch({}, {a.id: "", b.id: "书记"})  # handing the post over in one save is fine
    assert Member.get_by_id(b.id).party_post == "书记" and Member.get_by_id(a.id).party_post == ""


def test_bad_settings_write_no_posts(database):
    a = make_member("甲")
    assert_rejected(lambda: save_branch({"committee_term_years": 4}, {a.id: "书记"}), "committee_term_years", "3年或5年")


def test_bad_settings_and_bad_posts_are_reported_together(database):
    a, b = make_member("甲", party_post="书记"), make_member("乙")
    error = assert_rejected(lambda: save_branch({"branch_name": ""}, {b.id: "书记"}), "posts", "只能由一人担任")
    assert [p.field for p in error.problems] == ["branch_name", "posts"]
    assert Member.get_by_id(a.id).party_post == "书记"
