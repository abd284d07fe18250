"""Partner units and bases: 结对共建单位, 思政联盟, education bases and the school's own 阵地."""

from __future__ import annotations

from dangjian_desktop.domain import kinds
from dangjian_desktop.services.base import RecordService
from dangjian_desktop.store.models import Activity, Partner


class PartnerService(RecordService):
    kind = kinds.PARTNER

    def references(self, record: Partner) -> list[str]:
        used = Activity.select().where(Activity.partner == record).count()
        return [f"{used} 项活动"] if used else []


partners = PartnerService()
