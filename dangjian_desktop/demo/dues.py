"""The demo's 党费, written through the services: a base for every member on the rolls from 2025 (a few pay
rises in July), each month paid (two members a quarter in advance, one month paid by a colleague) except one
member's three months at the end of 2025, and each quarter handed up early in the next. Paid up to the
month before the day the demo is written, so the demo's own year shows no one else behind."""

from __future__ import annotations

import datetime as dt
import random

from dangjian_desktop.common.money import FEN_PER_YUAN
from dangjian_desktop.domain.rules import dues as rule
from dangjian_desktop.services.dues import carry_over, dues_bases, dues_remittances, pay_months
from dangjian_desktop.store.models import DuesPayment, Member

FIRST_YEAR = 2025


def write_dues(data: dict, member_ids: dict[str, int], rng: random.Random, today: dt.date) -> None:
    plan = data["dues"]
    people = {p.id: p for p in Member.select().where(Member.probation_on.is_null(False))}
    low, high = plan["pay_range"]
    raises = plan["raises"]
    for name, member_id in member_ids.items():
        if member_id not in people or not any(rule.owes(people[member_id], FIRST_YEAR, m) for m in range(1, 13)):
            continue
        base = rng.randrange(low * FEN_PER_YUAN, high * FEN_PER_YUAN)
        dues_bases.create({"member": member_id, "year": FIRST_YEAR, "from_month": 1, "category": "在职", "base": base})
        if name in raises["members"]:
            dues_bases.create({"member": member_id, "year": FIRST_YEAR, "from_month": raises["month"],
                               "category": "在职", "base": base + raises["amount"] * FEN_PER_YUAN})
    for year in range(FIRST_YEAR + 1, today.year + 1):
        carry_over(year - 1)
    last = rule.last_due_month(today)
    behind = (member_ids[plan["behind"]["name"]], FIRST_YEAR, tuple(plan["behind"]["months"]))
    quarterly = {member_ids[name] for name in plan["quarterly"]}
    proxy = plan["proxy"]
    for member_id, person in people.items():
        for index in range(rule.month_index(FIRST_YEAR, 1), last + 1):
            year, month = rule.month_of(index)
            if not rule.owes(person, year, month) or (member_id, year) == behind[:2] and month in behind[2]:
                continue
            if member_id in quarterly:
                if month % 3 != 1:
                    continue
                months = [m for m in range(month, month + 3) if rule.owes(person, year, m)]
                paid_on = dt.date(year, month, 3 + rng.randrange(5))
            else:
                months, paid_on = [month], dt.date(year, month, 5 + rng.randrange(15))
            if paid_on >= today:
                continue
            payer = proxy["payer"] if (member_id, month) == (member_ids[proxy["member"]], proxy["month"]) else ""
            pay_months(member_id, year, months, paid_on, payer=payer,
                       receipt=f"DF{year}{month:02d}-{member_id:03d}")
    _remit(plan, today)


def _remit(plan: dict, today: dt.date) -> None:
    """Each quarter's collection handed up on the set day of the month after it, once that day has passed."""
    for year in range(FIRST_YEAR, today.year + 1):
        for quarter in range(4):
            first, last = quarter * 3 + 1, quarter * 3 + 3
            day = dt.date(year + (last == 12), last % 12 + 1, plan["remittance_day"])
            if day >= today:
                return
            amount = sum(p.amount for p in DuesPayment.select(DuesPayment.amount).where(
                (DuesPayment.year == year) & DuesPayment.month.between(first, last)))
            dues_remittances.create({"remitted_on": day, "year": year, "first_month": first, "last_month": last,
                                     "amount": amount, "receipt": f"SJ{year}-{quarter + 1:02d}",
                                     "handled_by": plan["handled_by"]})

