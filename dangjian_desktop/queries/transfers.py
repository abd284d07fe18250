"""党籍变动 for the printouts: the year's events, and what an introduction letter needs."""

from __future__ import annotations

import datetime as dt

from dangjian_desktop.queries.dues import member_dues
from dangjian_desktop.store.models import Member, PartyEvent


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
