"""民主评议党员: the 优秀 share at its bound, the ballot's grade, excused and probationary members, the follow-up
as a rectification item, and 不合格 two years running."""

from __future__ import annotations

import datetime as dt

import pytest

from dangjian_desktop.domain.rules import appraisal as rule
from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.queries.appraisal import appraisal_year
from dangjian_desktop.queries.reminders import appraisal_reminders
from dangjian_desktop.services.appraisal import appraisal_entries, appraisals, enrol
from dangjian_desktop.services.member import members
from dangjian_desktop.services.settings import save_settings
from dangjian_desktop.store.models import AppraisalEntry, Rectification
from tests.factories import make_member, probationer_data


@pytest.mark.parametrize("participants, allowed", [(30, 10), (31, 10), (32, 10), (33, 11), (2, 0), (3, 1)])
def test_at_most_a_third_may_be_excellent_rounded_down(participants, allowed):
    assert rule.excellent_allowed(participants) == allowed
    assert rule.excellent_allowed(20, "1/4") == 5


@pytest.mark.parametrize("votes, grade", [
    ((12, 15, 2, 1), "合格"), ((16, 14, 0, 0), "优秀"), ((15, 15, 0, 0), "合格"), ((0, 3, 10, 17), "不合格"),
    ((0, 0, 0, 0), None), ((1, 0, 0, 1), "不合格")])
def test_the_ballot_gives_the_median_grade(votes, grade):
    assert rule.ballot_grade(votes) == grade


def _entry(person, grade="", **more):
    """Grade a member on the 2025 list (the list made first, as the tab's 生成评议名单 does)."""
    enrol(2025)
    entry = AppraisalEntry.get((AppraisalEntry.year == 2025) & (AppraisalEntry.member == person.id))
    return appraisal_entries.update(entry.id, {"grade": grade, **more})


def test_thirty_participants_allow_ten_excellent_and_the_eleventh_is_refused_saying_how_many(database):
    people = [make_member(f"党员{chr(0x4e00 + i)}") for i in range(30)]
    for person in people[:10]:
        _entry(person, "优秀")
    for person in people[10:29]:
        _entry(person, "合格")
    with pytest.raises(ValidationError) as refused:
        _entry(people[29], "优秀")
    message = refused.value.problems[0].message
    assert refused.value.problems[0].field == "grade"
    assert "参评 30 人" in message and "最多 10 人" in message and "已有 10 人" in message
    last = AppraisalEntry.get(AppraisalEntry.member == people[29].id)
    assert last.grade == "" and AppraisalEntry.select().where(AppraisalEntry.grade == "优秀").count() == 10
    _entry(people[29], "合格")


def test_an_excused_member_is_not_counted_and_cannot_be_graded(database):
    people = [make_member(n) for n in ("甲一", "乙二", "丙三", "丁四")]
    _entry(people[0], "优秀")
    with pytest.raises(ValidationError) as refused:
        _entry(people[1], "合格", excused="长期病假")
    assert refused.value.problems[0].field == "excused"
    _entry(people[1], excused="长期病假")
    _entry(people[2], "合格")
    _entry(people[3], "合格")
    year = appraisal_year(2025)
    assert len(year.participants) == 3 and [r.name for r in year.excused] == ["乙二"]
    assert year.counts == {"优秀": 1, "合格": 2, "基本合格": 0, "不合格": 0}
    assert "参评党员 3 人（另有 1 人因故不参加评议）" in year.figures_text()


def test_excusing_a_member_that_would_leave_too_many_excellent_is_refused(database):
    people = [make_member(n) for n in ("甲一", "乙二", "丙三")]
    _entry(people[0], "优秀")
    _entry(people[1], "合格")
    _entry(people[2], "合格")
    with pytest.raises(ValidationError) as refused:  # two participants allow none
        _entry(people[1], "", excused="出国（境）")
    assert "请先调整评定等次" in refused.value.problems[0].message


def test_a_probationer_is_enrolled_and_appraised_and_one_who_left_before_the_year_is_not(database):
    full = make_member("周振华")
    probationer = members.create(probationer_data("林昇", probation_on=dt.date(2025, 6, 20))).record
    gone = make_member("黄佳", left_on=dt.date(2024, 8, 31), status="转出")
    assert enrol(2025) == 2 and enrol(2025) == 0
    rows = {r.name: r for r in appraisal_year(2025).rows}
    assert set(rows) == {"周振华", "林昇"} and rows["林昇"].stage == "预备党员"
    appraisal_entries.update(rows["林昇"].entry_id, {"grade": "合格", "votes_qualified": 2})
    with pytest.raises(ValidationError) as refused:
        appraisal_entries.create({"year": 2025, "member": gone.id})
    assert "不在党员名册上" in refused.value.problems[0].message
    assert full.id and probationer.id


def test_a_grade_against_the_ballot_needs_a_reason(database):
    person = make_member("王堃")
    votes = {"votes_excellent": 3, "votes_qualified": 20, "votes_basic": 0, "votes_unqualified": 0}
    with pytest.raises(ValidationError) as refused:
        _entry(person, "基本合格", follow_up="限期改正", follow_up_deadline=dt.date(2026, 3, 31), **votes)
    assert [p.field for p in refused.value.problems if p.is_error] == ["grade_reason"]
    assert "测评结果为“合格”" in refused.value.problems[0].message


def test_a_basic_grade_needs_its_follow_up_and_becomes_a_rectification_item(database):
    person = make_member("张喆")
    with pytest.raises(ValidationError) as refused:
        _entry(person, "基本合格", votes_basic=12, votes_qualified=5)
    assert {p.field for p in refused.value.problems} == {"follow_up", "follow_up_deadline"}
    entry = _entry(person, "基本合格", votes_basic=12, votes_qualified=5, follow_up="限期改正",
                   follow_up_deadline=dt.date(2026, 3, 31)).record
    item = Rectification.get_by_id(AppraisalEntry.get_by_id(entry.id).rectification_id)
    assert (item.source, item.owner, item.deadline, item.measure) == ("民主评议", "张喆", dt.date(2026, 3, 31), "限期改正")
    assert "张喆在2025年度民主评议党员中被评定为“基本合格”" in item.problem
    appraisal_entries.update(entry.id, {"follow_up": "诫勉谈话"})
    assert Rectification.select().count() == 1 and Rectification.get_by_id(item.id).measure == "诫勉谈话"
    with pytest.raises(ValidationError):
        appraisal_entries.update(entry.id, {"grade": "合格", "votes_qualified": 20})  # follow-up still set


def test_unqualified_two_years_running_is_flagged_for_organisational_measures(database):
    person = make_member("单志强")
    bad = {"grade": "不合格", "votes_unqualified": 9, "follow_up": "限期改正", "follow_up_deadline": dt.date(2025, 3, 1)}
    appraisal_entries.create({"year": 2024, "member": person.id, **bad})
    result = _entry(person, **{**bad, "follow_up": "组织处置", "follow_up_deadline": dt.date(2026, 3, 1)})
    assert any("连续两年评为不合格" in w.message for w in result.warnings)
    assert appraisal_year(2025).unqualified_twice == ["单志强"]
    assert any("连续两年被评定为不合格" in r.text for r in appraisal_reminders(dt.date(2026, 1, 10)))


def test_the_round_is_one_a_year_with_its_steps_in_order(database):
    appraisals.create({"year": 2025, "study_on": dt.date(2025, 11, 20), "ballot_on": dt.date(2025, 12, 5)})
    with pytest.raises(ValidationError):
        appraisals.create({"year": 2025})
    with pytest.raises(ValidationError) as refused:
        appraisals.create({"year": 2024, "self_on": dt.date(2024, 12, 10), "mutual_on": dt.date(2024, 12, 1)})
    assert refused.value.problems[0].field == "mutual_on"


def test_the_share_is_a_setting(database):
    save_settings(excellent_share="1/5")
    people = [make_member(n) for n in ("甲一", "乙二", "丙三", "丁四", "戊五")]
    _entry(people[0], "优秀")
    with pytest.raises(ValidationError) as refused:
        _entry(people[1], "优秀")
    assert "参评人数的20%" in refused.value.problems[0].message
    with pytest.raises(ValidationError):
        save_settings(excellent_share="1/2")


def test_grading_before_the_list_is_made_counts_the_members_on_the_rolls(database):
    people = [make_member(n) for n in ("甲一", "乙二", "丙三")]
    appraisal_entries.create({"year": 2025, "member": people[0].id, "grade": "优秀"})  # 3 on the rolls: 1 allowed
    with pytest.raises(ValidationError) as refused:
        appraisal_entries.create({"year": 2025, "member": people[1].id, "grade": "优秀"})
    assert "参评 3 人，最多 1 人" in refused.value.problems[0].message


def test_the_year_summary_has_the_appraisal_and_talk_figures(demo_db):
    from dangjian_desktop.queries.figures import PLACEHOLDERS, placeholder_values, year_figures

    values = placeholder_values(year_figures(2025))
    assert values["民主评议参评人数"] == "20" and values["评为优秀人数"] == "6" and values["评为不合格人数"] == "0"
    assert values["谈心谈话次数"] == "25"
    assert {"民主评议参评人数", "评为合格人数", "谈心谈话次数"} <= set(PLACEHOLDERS)


def test_an_exported_follow_up_is_imported_as_one_rectification_item_linked_again(database, tmp_path):
    from dangjian_desktop.excel.export import export_workbook
    from dangjian_desktop.excel.importer import import_workbook
    from dangjian_desktop.store.connection import close_database
    from dangjian_desktop.store.session import open_database

    person = make_member("张喆")
    _entry(person, "基本合格", votes_basic=12, votes_qualified=5, follow_up="限期改正",
           follow_up_deadline=dt.date(2026, 3, 31))
    export_workbook(tmp_path / "all.xlsx")
    close_database()
    open_database(tmp_path / "again.db")
    report = import_workbook(tmp_path / "all.xlsx")
    assert report.problems == [] and report.written
    assert Rectification.select().count() == 1
    assert AppraisalEntry.get().rectification_id == Rectification.get().id


def test_a_round_held_early_next_year_lists_only_those_on_the_rolls_in_the_year(database):
    make_member("周振华")
    members.create(probationer_data("谢梓萱", probation_on=dt.date(2026, 1, 5)))
    appraisals.create({"year": 2025, "ballot_on": dt.date(2026, 1, 10)})
    assert enrol(2025, today=dt.date(2026, 1, 20)) == 1
    assert [r.name for r in appraisal_year(2025).rows] == ["周振华"]


def test_the_overview_tiles_show_the_appraisal_and_the_talks_of_the_year(demo_db):
    from dangjian_desktop.queries.overview import build_overview, headline_figures

    tiles = {caption: value for value, caption in headline_figures(build_overview(2025).figures)}
    assert tiles["民主评议优秀/参评（人）"] == "6/20" and tiles["谈心谈话（次）"] == "25"
