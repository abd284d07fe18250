"""Year figures: the seed summary's numbers from the demo, year boundaries, leavers, units, placeholders."""

from __future__ import annotations

import datetime as dt

from factories import activity_data, category_id, make_member, meeting_data, partner_data, rectification_data

from dangjian_desktop.queries.figures import (
    PLACEHOLDERS,
    fill_placeholders,
    placeholder_descriptions,
    placeholder_values,
    year_figures,
)
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.category import add_category, rename_category
from dangjian_desktop.services.meeting import meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.partner import partners
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.store.models import MEETING_KINDS


def test_demo_2025_gives_the_numbers_of_the_seed_summary(demo_db):
    f = year_figures(2025)
    assert f.meetings_by_kind["主题党日"] == 12
    assert f.secretary_lectures == 5
    assert f.meetings_by_kind["支委会"] == 12
    assert f.meetings_by_kind["支部党员大会"] == 6
    assert f.activities_by_category["示范课"] == (41, "节")
    assert f.activities_by_category["专题讲座"] == (20, "次")
    assert f.new_full_members == ["林昇"]
    assert len(f.in_development) == 3
    assert set(MEETING_KINDS) == set(f.meetings_by_kind)
    assert f.meetings_by_kind["组织生活会"] == 1 and f.meetings_by_kind["民主评议党员"] == 1


def test_demo_new_partners_are_only_those_of_2025(demo_db):
    f = year_figures(2025)
    new = dict(f.new_partners)
    assert new["常州大学安全科学与工程学院"] == "结对共建单位"
    assert new["常州大学史良法学院"] == "结对共建单位"
    assert new["武进区“五金”思政联盟"] == "思政联盟"
    assert "党员活动室" not in new and "江南抗日义勇军指挥部旧址" not in new
    # older partners are still known at the year's end, under their kind
    assert "党员活动室" in f.partners_by_kind["校内阵地"]
    assert "江南抗日义勇军指挥部旧址" in f.partners_by_kind["红色教育基地"]
    assert "党员活动室" not in dict(year_figures(2017).new_partners)


def test_demo_rectifications_of_2025(demo_db):
    lines = year_figures(2025).rectifications
    assert len(lines) == 3
    assert [line.status for line in lines].count("已完成") == 1
    assert all(line.cause and line.measure for line in lines)
    assert not any(line.overdue for line in lines)  # deadlines are in 2026
    values = placeholder_values(year_figures(2025))
    assert values["整改事项数"] == "3" and values["整改完成数"] == "1"


def test_demo_placeholders_fill_the_summary_sentence(demo_db):
    values = placeholder_values(year_figures(2025))
    text = ("本年度，共开展主题党日{主题党日次数}次，书记党课{书记党课次数}次，召开支部会议{支部会议次数}次，"
            "党员大会{党员大会次数}次。共开设党员示范课{示范课节数}节，专题讲座{专题讲座次数}次，"
            "转正预备党员{转正人数}人，培养{培养对象人数}人。")
    assert fill_placeholders(text, values) == (
        "本年度，共开展主题党日12次，书记党课5次，召开支部会议12次，党员大会6次。"
        "共开设党员示范课41节，专题讲座20次，转正预备党员1人，培养3人。")
    assert values["年度"] == "2025"
    assert values["支部名称"] == "常州市武进区政平小学党支部"
    assert values["转正名单"] == "林昇"
    assert "常州大学史良法学院" in values["新增共建单位"].split("、")


def test_every_documented_placeholder_has_a_value(demo_db):
    f = year_figures(2025)
    values = placeholder_values(f)
    assert set(PLACEHOLDERS) <= set(values)
    assert set(placeholder_descriptions(f)) == set(values)
    # the demo adds a category 法治教育: it gets a placeholder of its own
    assert values["法治教育次数"] == "2"
    assert "法治教育次数" in placeholder_descriptions(f)


def test_unknown_placeholder_stays_visible():
    values = {"主题党日次数": "12"}
    assert fill_placeholders("主题党日{主题党日次数}次，{没有这个}项", values) == "主题党日12次，{没有这个}项"
    assert fill_placeholders("｛主题党日次数｝次", values) == "12次"  # full-width braces, as an IME types them
    assert fill_placeholders("{ 主题党日次数 }、{}、{{", values) == "{ 主题党日次数 }、{}、{{"


def test_meetings_on_the_last_and_first_day_count_in_their_own_year(database):
    secretary = make_member("周书记", party_post="书记")
    other = make_member("李老师")
    for day in (dt.date(2024, 12, 31), dt.date(2025, 1, 1)):
        meetings.create(meeting_data(kind="主题党日", date=day, attendance=[]))
        meetings.create(meeting_data(kind="党课", date=day, lecturer=secretary.id, attendance=[]))
    meetings.create(meeting_data(kind="党课", date=dt.date(2025, 6, 1), lecturer=other.id, attendance=[]))
    before, after = year_figures(2024), year_figures(2025)
    assert before.meetings_by_kind["主题党日"] == 1 and after.meetings_by_kind["主题党日"] == 1
    assert before.secretary_lectures == 1
    assert after.meetings_by_kind["党课"] == 2 and after.secretary_lectures == 1
    assert year_figures(2026).meetings_by_kind["主题党日"] == 0


def test_a_member_who_left_counts_until_the_day_before_leaving(database):
    make_member("甲", probation_on=dt.date(2010, 7, 1))
    leaver = make_member("乙", probation_on=dt.date(2012, 7, 1))
    members.mark_left(leaver.id, "转出", dt.date(2025, 3, 1))
    assert year_figures(2024).members_at_year_end == 2
    f = year_figures(2025)
    assert (f.members_at_year_end, f.full_members_at_year_end, f.probationary_at_year_end) == (1, 1, 0)


def test_development_milestones_and_stage_at_year_end(database):
    members.create({"name": "范老师", "gender": "女", "birth_date": dt.date(1999, 8, 9), "status": "正常",
                    "applied_on": dt.date(2024, 9, 20), "activist_on": dt.date(2025, 3, 7)})
    members.create({"name": "钱老师", "gender": "男", "birth_date": dt.date(1996, 1, 1), "status": "正常",
                    "applied_on": dt.date(2023, 1, 5)})
    gone = members.create({"name": "孙老师", "gender": "男", "birth_date": dt.date(1997, 1, 1), "status": "正常",
                           "applied_on": dt.date(2023, 1, 5), "activist_on": dt.date(2024, 1, 5)}).record
    members.update(gone.id, {"status": "转出", "left_on": dt.date(2025, 2, 1)})
    f2024, f2025 = year_figures(2024), year_figures(2025)
    assert f2024.new_applicants == ["范老师"] and f2024.new_activists == ["孙老师"]
    assert f2024.in_development == ["孙老师"]
    assert f2025.new_activists == ["范老师"]
    assert f2025.in_development == ["范老师"]  # an applicant is not yet in development; a leaver no longer


def test_quantities_are_summed_per_unit_and_records_counted(database):
    lesson = category_id("示范课")
    activities.create(activity_data(category=lesson, quantity=3, date=dt.date(2025, 12, 31)))
    activities.create(activity_data(category=lesson, quantity=2, date=dt.date(2026, 1, 1)))
    activities.create(activity_data(category=lesson, quantity=40, unit="人次", date=dt.date(2025, 5, 1)))
    f = year_figures(2025)
    assert f.activities_by_category["示范课"] == (3, "节")  # 40 人次 is not 40 节
    assert f.activity_records_by_category["示范课"] == 2
    assert f.activities_by_category["专题讲座"] == (0, "次")
    added = add_category("读书会", "场")
    activities.create(activity_data(category=added.id, quantity=4, date=dt.date(2025, 4, 23)))
    f = year_figures(2025)
    assert f.activities_by_category["读书会"] == (4, "场")
    assert placeholder_values(f)["读书会场数"] == "4"
    assert fill_placeholders("读书会{读书会场数}场", placeholder_values(f)) == "读书会4场"


def test_placeholders_follow_a_category_renamed_or_recounted(database):
    rename_category(category_id("示范课"), "党员示范课", "次")
    f = year_figures(2025)
    described, values = placeholder_descriptions(f), placeholder_values(f)
    assert set(described) == set(values)
    assert "党员示范课次数" in described and "示范课节数" not in described
    assert fill_placeholders("{示范课节数}", values) == "{示范课节数}"


def test_partners_by_the_year_they_joined(database):
    partners.create(partner_data(name="老基地", kind="红色教育基地", since=dt.date(2020, 5, 1)))
    partners.create(partner_data(name="新学院", kind="结对共建单位", since=dt.date(2025, 1, 1)))
    partners.create(partner_data(name="明年的", kind="思政联盟", since=dt.date(2026, 1, 1)))
    partners.create(partner_data(name="不知何时", kind="校内阵地", since=None))
    f = year_figures(2025)
    assert f.new_partners == [("新学院", "结对共建单位")]
    assert f.partners_by_kind["红色教育基地"] == ["老基地"]
    assert f.partners_by_kind["思政联盟"] == []
    assert f.partners_by_kind["校内阵地"] == ["不知何时"]
    assert placeholder_values(f)["新增共建单位"] == "新学院"


def test_rectifications_overdue_at_the_year_end(database):
    rectifications.create(rectification_data(found_on=dt.date(2024, 3, 1), deadline=dt.date(2024, 12, 30),
                                             status="已完成", completed_on=dt.date(2025, 1, 10)))
    rectifications.create(rectification_data(found_on=dt.date(2024, 3, 2), deadline=dt.date(2024, 12, 31),
                                             status="整改中"))
    rectifications.create(rectification_data(found_on=dt.date(2024, 3, 3), deadline=dt.date(2025, 1, 31),
                                             status="未开始"))
    lines = year_figures(2024).rectifications
    # done only in January: overdue at the end of 2024; the deadline of 31 Dec has passed by then too
    assert [line.overdue for line in lines] == [True, True, False]
    assert placeholder_values(year_figures(2024))["整改完成数"] == "0"
    assert year_figures(2025).rectifications == []


def test_a_renamed_category_keeps_its_role_in_the_overview_and_the_summary(database):
    from dangjian_desktop.queries.overview import headline_figures
    from dangjian_desktop.reports.year_summary import default_draft

    rename_category(category_id("示范课"), "公开课", "节")
    rename_category(category_id("其他"), "杂项", "次")
    activities.create(activity_data(category=category_id("公开课"), quantity=3, date=dt.date(2025, 3, 3)))
    activities.create(activity_data(category=category_id("杂项"), quantity=1, date=dt.date(2025, 3, 4)))
    f = year_figures(2025)
    assert f.category_roles == {"公开课": "lesson", "专题讲座": "lecture", "杂项": "other"}
    captions = [caption for _value, caption in headline_figures(f)]
    assert "公开课（节）" in captions and "专题讲座（次）" in captions  # shown although 专题讲座 is 0
    work = default_draft(2025, f)["work"]
    assert "开设党员公开课{公开课节数}节" in work and "开展杂项" not in work
