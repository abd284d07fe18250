"""Activity categories, editable by the branch (示范课 counted in 节, 专题讲座 in 次, …), in the user's order."""

from __future__ import annotations

from typing import Any

from peewee import fn

from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.validation import Checker, NotFoundError, ReferencedError
from dangjian_desktop.services.base import RecordService
from dangjian_desktop.store.connection import db
from dangjian_desktop.store.models import Activity, ActivityCategory


class CategoryService(RecordService):
    kind = kinds.CATEGORY

    def check(self, c: Checker, values: dict[str, Any], data: dict[str, Any],
              record: ActivityCategory | None) -> dict:
        name = values["name"]
        others = ActivityCategory.select().where(ActivityCategory.name == name)
        if record is not None:
            others = others.where(ActivityCategory.id != record.id)
        if name and not c.has_error("name") and others.exists():
            c.add("name", f"已有活动类别“{name}”。")
        if record is None:  # a new category goes last
            values["sort_order"] = (ActivityCategory.select(fn.MAX(ActivityCategory.sort_order)).scalar() or 0) + 1
        return {}

    def references(self, record: ActivityCategory) -> list[str]:
        used = Activity.select().where(Activity.category == record).count()
        return [f"{used} 项活动"] if used else []


categories = CategoryService()


def all_categories() -> list[ActivityCategory]:
    return list(ActivityCategory.select().order_by(ActivityCategory.sort_order, ActivityCategory.id))


def add_category(name: str, unit: str) -> ActivityCategory:
    return categories.create({"name": name, "unit": unit}).record


def rename_category(category_id: int, name: str, unit: str) -> ActivityCategory:
    if ActivityCategory.get_or_none(ActivityCategory.id == category_id) is None:
        raise NotFoundError("该活动类别已不存在。")
    return categories.update(category_id, {"name": name, "unit": unit}).record


def delete_category(category_id: int) -> None:
    """Delete an unused category; one with activities is refused, saying how many."""
    with db.atomic():
        category = ActivityCategory.get_or_none(ActivityCategory.id == category_id)
        if category is None:
            raise NotFoundError("该活动类别已不存在。")
        used = Activity.select().where(Activity.category == category).count()
        if used:
            raise ReferencedError(f"活动类别“{category.name}”下还有 {used} 项活动，不能删除。")
        categories.delete(category_id)
