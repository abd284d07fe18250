"""党籍变动 read: the year's events and what an introduction letter needs (for the printouts), and a member's
timeline (for his card)."""

from __future__ import annotations

import datetime as dt

from dangjian_desktop.domain.rules.membership import MILESTONES, admitted_elsewhere
from dangjian_desktop.queries.dues import member_dues
from dangjian_desktop.store.models import Member, MobileSpell, PartyEvent


def year_events(year: int) -> list[PartyEvent]:
    """The year's events in date order, each with its member read (one query)."""
    return list(PartyEvent.select(PartyEvent, Member).join(Member)
                .where((PartyEvent.date >= dt.date(year, 1, 1)) & (PartyEvent.date <= dt.date(year, 12, 31)))
                .order_by(PartyEvent.date, PartyEvent.id))


def letter_of(member_id: int | None, today: dt.date) -> tuple[PartyEvent, Member, tuple[int, int] | None] | None:
    """The member's latest transfer out, the member, and the month his dues are paid up to; None without one."""
    event = (PartyEvent.select().where((PartyEvent.member == member_id) & (PartyEvent.kind == "转出"))
             .order_by(PartyEvent.date.desc(), PartyEvent.id.desc()).first())
    if event is None:
        return None
    dues = member_dues(event.member_id, today)
    return event, event.member, dues.paid_up_to if dues else None


def member_timeline(member_id: int) -> list[tuple[dt.date, str]]:
    """The member's 党籍 in date order: his development milestones, every 党籍变动 with its particulars, and his
    spells away as a 流动党员 (three queries)."""
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        return []
    came = member.probation_on is not None and admitted_elsewhere(member)
    lines = [(day, label.removesuffix("日期") + ("（在原党组织）" if came and day <= member.probation_on else ""))
             for name, label in MILESTONES if (day := getattr(member, name)) is not None]
    for e in PartyEvent.select().where(PartyEvent.member == member_id):
        where = {"转出": f"转往{e.organisation}", "转入": f"由{e.organisation}转入"}.get(e.kind, "")
        parts = [where if e.organisation else "", e.manner, f"介绍信{e.letter_no}" if e.letter_no else "",
                 f"回执{e.receipt_on.isoformat()}退回" if e.receipt_on else "",
                 f"{e.decided_by}{e.decision}" if e.decided_by or e.decision else ""]
        detail = "，".join(p for p in parts if p)
        lines.append((e.date, e.kind + (f"（{detail}）" if detail else "")))
    for s in MobileSpell.select().where(MobileSpell.member == member_id):
        lines.append((s.started_on, f"外出{s.kind}：{s.place}（流动党员）"))
        if s.ended_on is not None:
            lines.append((s.ended_on, f"{s.kind}返回"))
    return sorted(lines, key=lambda line: line[0])
