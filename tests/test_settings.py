"""Branch settings: defaults, stored values read back, and every bad value refused with nothing stored."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import assert_rejected

from dangjian_desktop.services.settings import BranchSettings, load_settings, save_settings


def test_defaults_on_an_empty_database(database):
    assert load_settings() == BranchSettings()


def test_saved_settings_are_read_back(database):
    saved = save_settings(branch_name=" 政平小学党支部 ", parent_committee="武进区教育局党委",
                          committee_term_start=dt.date(2024, 6, 1), committee_term_years=5,
                          vacation_months=[8, 2, 7, 8], lecture_period="semester")
    assert saved.branch_name == "政平小学党支部"
    assert saved.vacation_months == (2, 7, 8)
    assert load_settings() == saved


def test_saving_some_settings_keeps_the_others(database):
    save_settings(branch_name="政平小学党支部", vacation_months=[7, 8])
    save_settings(lecture_period="semester")
    settings = load_settings()
    assert (settings.branch_name, settings.vacation_months, settings.lecture_period) == (
        "政平小学党支部", (7, 8), "semester")


def test_clearing_the_term_start(database):
    save_settings(committee_term_start=dt.date(2024, 6, 1))
    save_settings(committee_term_start=None)
    assert load_settings().committee_term_start is None


@pytest.mark.parametrize("changes, field, fragment", [
    ({"branch_name": " "}, "branch_name", "请填写支部名称"),
    ({"branch_name": "支" * 61}, "branch_name", "支部名称过长"),
    ({"parent_committee": "委" * 61}, "parent_committee", "上级党委过长"),
    ({"committee_term_start": dt.date.today() + dt.timedelta(days=1)}, "committee_term_start", "晚于今天"),
    ({"committee_term_start": "2024-13-01"}, "committee_term_start", "不是有效日期"),
    ({"committee_term_years": 4}, "committee_term_years", "支委会任期应为3年或5年"),
    ({"committee_term_years": "3"}, "committee_term_years", "支委会任期应为3年或5年"),
    ({"vacation_months": [7, 13]}, "vacation_months", "假期月份应为1至12月"),
    ({"vacation_months": [0]}, "vacation_months", "假期月份应为1至12月"),
    ({"vacation_months": [7, "八月"]}, "vacation_months", "假期月份应为1至12月"),
    ({"vacation_months": 7}, "vacation_months", "假期月份应为1至12月"),
    ({"lecture_period": "month"}, "lecture_period", "党课频次应为每季度或每学期"),
    ({"lecture_period": ["quarter"]}, "lecture_period", "党课频次应为每季度或每学期"),
])
def test_bad_setting_is_refused_and_nothing_is_stored(database, changes, field, fragment):
    save_settings(branch_name="政平小学党支部")
    assert_rejected(lambda: save_settings(**{"parent_committee": "武进区教育局党委", **changes}), field, fragment)
    assert load_settings() == BranchSettings(branch_name="政平小学党支部")


def test_every_bad_setting_is_reported_at_once(database):
    error = assert_rejected(lambda: save_settings(branch_name="", committee_term_years=2, lecture_period="x"),
                            "branch_name", "请填写支部名称")
    assert [p.field for p in error.problems] == ["branch_name", "committee_term_years", "lecture_period"]


def test_unknown_setting_is_a_programming_error(database):
    with pytest.raises(ValueError, match="unknown settings"):
        save_settings(colour="red")
