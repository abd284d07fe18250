"""Activities and their editable categories (示范课 counted in 节, 专题讲座 in 次, …)."""

from __future__ import annotations

from typing import Any

from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.validation import Checker
from dangjian_desktop.services.base import RecordService
from dangjian_desktop.store.models import Activity, ActivityCategory


class ActivityService(RecordService):
    kind = kinds.ACTIVITY

    def check(self, c: Checker, values: dict[str, Any], data: dict[str, Any], record: Activity | None) -> dict:
        # A new record without a unit gets its category's, not the column default.
        unit_given = values["unit"] and ("unit" in data or record is not None)
        if values["category"] and not unit_given:
            values["unit"] = ActivityCategory.get_by_id(values["category"]).unit
        return {}


activities = ActivityService()
