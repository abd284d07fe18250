"""The demo's 党籍变动, 流动党员 and 换届选举, written through the services: a teacher transferred out with her
letter's receipt back, a probationary member transferred in from her university (her 转正 falls due here), a
member away teaching in Xinjiang, excused from the meetings of his time away, and the 2023 election that began
the committee's term."""

from __future__ import annotations

import datetime as dt

from dangjian_desktop.services.election import elections
from dangjian_desktop.services.mobile import mobile_spells
from dangjian_desktop.services.party_event import party_events

_DATES = ("date", "receipt_on", "file_arrived_on", "started_on", "ended_on", "last_report_on", "approved_on")


def _record(entry: dict, member_ids: dict[str, int], skip: tuple[str, ...] = ()) -> dict:
    values = {k: dt.date.fromisoformat(v) if k in _DATES else v for k, v in entry.items()
              if k not in ("name", *skip)}
    return {"member": member_ids[entry["name"]], **values}


def write_transfers(data: dict, member_ids: dict[str, int]) -> None:
    for event in data["party_events"]:
        party_events.create(_record(event, member_ids))
    for spell in data["mobile"]:
        mobile_spells.create(_record(spell, member_ids, ("leave_reason",)))
    for election in data["elections"]:
        elections.create({k: dt.date.fromisoformat(v) if k in _DATES else v for k, v in election.items()})


def away_at(data: dict, member_ids: dict[str, int], day: dt.date) -> dict[int, str]:
    """The 流动党员 away on `day`, with the reason their absence is excused."""
    return {member_ids[s["name"]]: s["leave_reason"] for s in data["mobile"]
            if dt.date.fromisoformat(s["started_on"]) <= day
            and (not s["ended_on"] or day <= dt.date.fromisoformat(s["ended_on"]))}
