"""Rectification items (整改事项): from a 组织生活会, an inspection or self-review, to completion."""

from __future__ import annotations

from typing import Any

from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.validation import Checker
from dangjian_desktop.services.base import RecordService
from dangjian_desktop.store.models import Rectification


class RectificationService(RecordService):
    kind = kinds.RECTIFICATION

    def check(self, c: Checker, values: dict[str, Any], data: dict[str, Any],
              record: Rectification | None) -> dict:
        c.order("found_on", "发现日期", values["found_on"], "deadline", "整改时限", values["deadline"])
        c.order("found_on", "发现日期", values["found_on"], "completed_on", "完成日期", values["completed_on"])
        if values["status"] == "已完成" and not values["completed_on"] and not c.has_error("completed_on"):
            c.add("completed_on", "整改状态为“已完成”时，请填写完成日期。")
        if values["completed_on"] and values["status"] and values["status"] != "已完成":
            c.add("status", "已填写完成日期，整改状态应为“已完成”。")
        return {}


rectifications = RectificationService()

