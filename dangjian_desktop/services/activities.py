"""Activities and their editable categories (示范课 counted in 节, 专题讲座 in 次, …)."""

from __future__ import annotations

from typing import Any

from peewee import fn

from dangjian_desktop.common.names import build_search_key
from dangjian_desktop.domain.validation import Checker, NotFoundError, ReferencedError
from dangjian_desktop.services.base import RecordService
from dangjian_desktop.store.connection import db
from dangjian_desktop.store.models import ACTIVITY_UNITS, Activity, ActivityCategory


class ActivityService(RecordService):
    model = Activity
    table = "activity"

    def label(self, record: Activity) -> str:
        return f"{record.date.isoformat()} {record.title}"

    def check(self, c: Checker, values: dict[str, Any], data: dict[str, Any], record: Activity | None) -> dict:
        # A new record without a unit gets its category's, not the column default.
        unit_given = values["unit"] and ("unit" in data or record is not None)
        if values["category"] and not unit_given:
            values["unit"] = ActivityCategory.get_by_id(values["category"]).unit
        return {}

    def derived(self, values: dict[str, Any]) -> dict[str, Any]:
        return {"search_key": build_search_key(
            [values["organiser"]], [values["title"], values["place"], values["participants"]])}


activities = ActivityService()


def categories() -> list[ActivityCategory]:
    return list(ActivityCategory.select().order_by(ActivityCategory.sort_order, ActivityCategory.id))


def add_category(name: str, unit: str) -> ActivityCategory:
    c = Checker()
    name = c.text("name", "类别名称", name, required=True, max_length=20)
    unit = c.choice("unit", "计量单位", unit, ACTIVITY_UNITS)
    if name and ActivityCategory.select().where(ActivityCategory.name == name).exists():
        c.add("name", f"已有活动类别“{name}”。")
    c.raise_if_errors()
    with db.atomic():
        order = (ActivityCategory.select(fn.MAX(ActivityCategory.sort_order)).scalar() or 0) + 1
        return ActivityCategory.create(name=name, unit=unit, sort_order=order)


def rename_category(category_id: int, name: str, unit: str) -> ActivityCategory:
    c = Checker()
    name = c.text("name", "类别名称", name, required=True, max_length=20)
    unit = c.choice("unit", "计量单位", unit, ACTIVITY_UNITS)
    if name and ActivityCategory.select().where(
            (ActivityCategory.name == name) & (ActivityCategory.id != category_id)).exists():
        c.add("name", f"已有活动类别“{name}”。")
    c.raise_if_errors()
    with db.atomic():
        category = ActivityCategory.get_or_none(ActivityCategory.id == category_id)
        if category is None:
            raise NotFoundError("该活动类别已不存在。")
        category.name, category.unit = name, unit
        category.save()
        return category


def delete_category(category_id: int) -> None:
    with db.atomic():
        category = ActivityCategory.get_or_none(ActivityCategory.id == category_id)
        if category is None:
            raise NotFoundError("该活动类别已不存在。")
        used = Activity.select().where(Activity.category == category).count()
        if used:
            raise ReferencedError(f"活动类别“{category.name}”下还有 {used} 项活动，不能删除。")
        category.delete_instance()


