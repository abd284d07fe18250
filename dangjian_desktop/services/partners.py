"""Partner units and bases: 结对共建单位, 思政联盟, education bases and the school's own 阵地."""

from __future__ import annotations

from typing import Any

from dangjian_desktop.common.names import build_search_key
from dangjian_desktop.services.base import RecordService
from dangjian_desktop.store.models import Activity, Partner


class PartnerService(RecordService):
    model = Partner
    table = "partner"

    def label(self, record: Partner) -> str:
        return record.name

    def derived(self, values: dict[str, Any]) -> dict[str, Any]:
        return {"search_key": build_search_key([values["name"], values["contact"]], [values["address"]])}

    def references(self, record: Partner) -> list[str]:
        used = Activity.select().where(Activity.partner == record).count()
        return [f"{used} 项活动"] if used else []


partners = PartnerService()
