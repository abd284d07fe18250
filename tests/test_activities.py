"""Activities and their categories: quantity limits, the unit from the category, category edits."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import activity_data, assert_rejected, category_id, partner_data

from dangjian_desktop.domain.validation import NotFoundError, ReferencedError
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.category import (
    add_category,
    all_categories,
    delete_category,
    rename_category,
)
from dangjian_desktop.services.partner import partners
from dangjian_desktop.store.models import DEFAULT_ACTIVITY_CATEGORIES, Activity, ActivityCategory


def test_create_activity_takes_the_unit_from_its_category(database):
    lesson = activities.create(activity_data(category=category_id("示范课"), quantity=4)).record
    lecture = activities.create(activity_data()).record
    assert (lesson.quantity, lesson.unit) == (4, "节")
    assert (lecture.quantity, lecture.unit) == (1, "次")


def test_a_unit_given_is_kept(database):
    assert activities.create(activity_data(unit="场")).record.unit == "场"


def test_quantity_defaults_to_one(database):
    data = activity_data()
    del data["quantity"]
    assert activities.create(data).record.quantity == 1


def test_activity_with_partner(database):
    partner = partners.create(partner_data()).record
    activity = activities.create(activity_data(partner=partner.id)).record
    assert activities.snapshot(activity)["partner"] == "常州大学马克思主义学院"


BAD_ACTIVITY_VALUES = [
    ({"category": None}, "category", "请选择活动类别"),
    ({"category": 999}, "category", "所选活动类别不存在"),
    ({"title": " "}, "title", "请填写活动名称"),
    ({"title": "题" * 201}, "title", "活动名称过长"),
    ({"date": None}, "date", "请填写日期"),
    ({"date": dt.date(2101, 1, 1)}, "date", "超出合理范围"),
    ({"quantity": 0}, "quantity", "数量应在 1 到 10000 之间，现为 0"),
    ({"quantity": 10_001}, "quantity", "数量应在 1 到 10000 之间"),
    ({"quantity": None}, "quantity", "请填写数量"),
    ({"quantity": "两节"}, "quantity", "数量应为整数：两节"),
    ({"quantity": 1.5}, "quantity", "数量应为整数：1.5"),
    ({"participant_count": -3}, "participant_count", "参加人数应在 0 到 100000 之间"),
    ({"unit": "个"}, "unit", "单位“个”不在可选范围内"),
    ({"partner": 999}, "partner", "所选共建单位/基地不存在"),
    ({"place": "地\x07点"}, "place", "控制字符"),
    ({"description": "述" * 5001}, "description", "内容简述过长"),
]


@pytest.mark.parametrize("overrides, field, fragment", BAD_ACTIVITY_VALUES)
def test_bad_activity_value_is_refused(database, overrides, field, fragment):
    assert_rejected(lambda: activities.create(activity_data(**overrides)), field, fragment)


@pytest.mark.parametrize("overrides, field, fragment", BAD_ACTIVITY_VALUES)
def test_bad_activity_value_is_refused_on_update(database, overrides, field, fragment):
    activity = activities.create(activity_data()).record
    assert_rejected(lambda: activities.update(activity.id, overrides), field, fragment)


def test_a_partner_deleted_meanwhile_is_refused(database):
    partner = partners.create(partner_data()).record
    partners.delete(partner.id)
    assert_rejected(lambda: activities.create(activity_data(partner=partner.id)), "partner", "可能已被删除")


def test_default_categories_in_order(database):
    assert [(c.name, c.unit, c.role) for c in all_categories()] == list(DEFAULT_ACTIVITY_CATEGORIES)


def test_add_rename_and_delete_a_category(database):
    added = add_category(" 行走的思政课 ", "次")
    assert added.name == "行走的思政课" and all_categories()[-1].id == added.id
    renamed = rename_category(added.id, "行走的思政课堂", "场")
    assert (renamed.name, renamed.unit) == ("行走的思政课堂", "场")
    assert activities.create(activity_data(category=added.id)).record.unit == "场"
    unused = add_category("读书会", "次")
    delete_category(unused.id)
    assert ActivityCategory.get_or_none(ActivityCategory.id == unused.id) is None


@pytest.mark.parametrize("name, unit, field, fragment", [
    ("", "次", "name", "请填写类别名称"),
    ("类" * 21, "次", "name", "类别名称过长"),
    ("示范课", "节", "name", "已有活动类别“示范课”"),
    ("读书会", "", "unit", "请选择计量单位"),
    ("读书会", "本", "unit", "计量单位“本”不在可选范围内"),
])
def test_bad_category_is_refused(database, name, unit, field, fragment):
    assert_rejected(lambda: add_category(name, unit), field, fragment)
    other = category_id("其他")
    assert_rejected(lambda: rename_category(other, name, unit), field, fragment)


def test_renaming_a_category_to_its_own_name_is_allowed(database):
    assert rename_category(category_id("示范课"), "示范课", "次").unit == "次"


def test_a_category_in_use_cannot_be_deleted(database):
    activities.create(activity_data(category=category_id("护学岗")))
    activities.create(activity_data(category=category_id("护学岗"), date=dt.date(2025, 11, 13)))
    error = assert_rejected(lambda: delete_category(category_id("护学岗")), "", "“护学岗”", ReferencedError)
    assert str(error) == "活动类别“护学岗”下还有 2 项活动，不能删除。"


def test_missing_category(database):
    assert_rejected(lambda: rename_category(999, "读书会", "次"), "", "已不存在", NotFoundError)
    assert_rejected(lambda: delete_category(999), "", "已不存在", NotFoundError)


def test_deleting_an_activity(database):
    activity = activities.create(activity_data()).record
    activities.delete(activity.id)
    assert Activity.select().count() == 0
