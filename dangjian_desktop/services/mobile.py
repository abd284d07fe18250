"""流动党员: a member's spells away. He stays on the rolls; the spells must not overlap and fall while he is
with the branch."""

from __future__ import annotations

from typing import Any

from dangjian_desktop.common.dates import date_label
from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.rules.membership import present
from dangjian_desktop.domain.validation import Checker
from dangjian_desktop.services.base import RecordService
from dangjian_desktop.store.models import Member, MobileSpell


class MobileSpellService(RecordService):
    kind = kinds.MOBILE

    def check(self, c: Checker, values: dict[str, Any], data: dict[str, Any], record: MobileSpell | None) -> dict:
        if c.errors:
            return {}
        start, end = values["started_on"], values["ended_on"]
        if end is not None and end < start:
            c.add("ended_on", f"返回日期不能早于外出日期 {date_label(start)}。")
            return {}
        if values["last_report_on"] is not None and values["last_report_on"] < start:
            c.add("last_report_on", "最近一次思想汇报应在外出之后；外出前的汇报请记入备注。")
        person = Member.get_by_id(values["member"])
        if person.probation_on is None or person.probation_on > start:
            c.add("member", f"{date_label(start)}时{person.name}还不是党员，不能登记为流动党员。")
        elif not present(person, start):
            c.add("started_on", f"{date_label(start)}时{person.name}不在本支部（{person.status}）。")
        others = MobileSpell.select().where(MobileSpell.member == person.id)
        if record is not None:
            others = others.where(MobileSpell.id != record.id)
        for other in others:
            if (other.ended_on is None or other.ended_on >= start) and (end is None or end >= other.started_on):
                c.add("started_on", f"与{person.name}{date_label(other.started_on)}起的外出登记时间重叠。")
                break
        return {}


mobile_spells = MobileSpellService()
