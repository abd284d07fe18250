"""党费 (中组发〔2008〕3号): the rate on a month's base by category, the dues of a month, who owes which months,
and how far behind a member is. Money is integer 分 throughout.

Who owes a month is `membership.on_rolls_during` over that month (the rule and its query form live there):
a probationary member pays from the month the 支部大会 accepted him, one who left pays up to the month he left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from dangjian_desktop.common.dates import add_months
from dangjian_desktop.common.money import yuan
from dangjian_desktop.domain.rules.membership import Dated, on_rolls_during, rolls_periods

# (highest base of the bracket in 分, inclusive — None for no bound; rate in ‰). One rate on the whole base.
WORKING_BRACKETS = ((300_000, 5), (500_000, 10), (1_000_000, 15), (None, 20))
RETIRED_BRACKETS = ((500_000, 5), (None, 10))
BRACKETS = {"在职": WORKING_BRACKETS, "离退休": RETIRED_BRACKETS}
FLAT_FEN = {"学生": 20, "下岗": 20}  # 0.2元 a month
FARMER_RANGE = (20, 100)  # 农民: 0.2 to 1元 a month, as the branch sets it; 0.2元 unless set
TO_CENTRE_FEN = 100_000  # a single voluntary payment of 1000元 or more goes to the centre
MAKE_UP_MONTHS = 6  # 补交 normally not more than six months back
WARN_MONTHS, ALERT_MONTHS = 3, 6  # behind: warn, and six months in a row (党章第九条)


@dataclass(frozen=True)
class Due:
    """A month's dues: the amount (None when it cannot be told: no base yet, 其他 without an amount) and how
    it was reached (1.5%, 0.2元/月, 支部决定)."""

    amount: int | None
    rate: str
    by_rule: bool = True


def _percent(permille: int) -> str:
    return f"{permille / 10:g}%"


def rule_due(category: str, base: int | None) -> Due:
    """The dues the rule sets for a month's base (分) in a category."""
    if category in BRACKETS:
        if base is None:
            return Due(None, "")
        permille = next(rate for bound, rate in BRACKETS[category] if bound is None or base <= bound)
        return Due((base * permille + 500) // 1000, _percent(permille))  # to the 分, half up
    if category in FLAT_FEN:
        return Due(FLAT_FEN[category], f"{yuan(FLAT_FEN[category])}元/月")
    if category == "农民":
        return Due(FARMER_RANGE[0], f"{yuan(FARMER_RANGE[0])}—{yuan(FARMER_RANGE[1])}元/月")
    return Due(None, "")


def within_rule(category: str, base: int | None, amount: int) -> bool:
    """A set amount the rule allows without a decision: the rule's own, or a farmer's within 0.2–1元."""
    if category == "农民":
        return FARMER_RANGE[0] <= amount <= FARMER_RANGE[1]
    return amount == rule_due(category, base).amount


def base_due(base: Any) -> Due:
    """The monthly dues a base row sets: its own amount when given (a decision, or a farmer's rate), else
    the rule's."""
    if base.amount is None:
        return rule_due(base.category, base.base)
    if within_rule(base.category, base.base, base.amount):
        return Due(base.amount, rule_due(base.category, base.base).rate)
    return Due(base.amount, "免交" if base.amount == 0 else "支部决定", by_rule=False)


def in_effect(bases: Sequence[Any], year: int, month: int) -> Any | None:
    """The base row of `year` that applies to `month`: the latest starting in or before it."""
    found = None
    for base in bases:
        if base.year == year and base.from_month <= month and (found is None or base.from_month > found.from_month):
            found = base
    return found


# -- months -----------------------------------------------------------------------------------------

def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def month_of(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    return first, add_months(first, 1) - dt.timedelta(days=1)


def owes(person: Dated, year: int, month: int) -> bool:
    """Dues are owed for the month: he was on the rolls on some day of it."""
    return on_rolls_during(person, *month_bounds(year, month))


def owed_months(person: Dated, start: int, last: int) -> list[int]:
    """The months (indexes) from `start` to `last` that `owes` is true for, from the member's spans on the rolls
    read once (a ten-year overview asks this of every member: 25,000 months)."""
    owed: list[int] = []
    for first_day_on, ended in rolls_periods(person):
        begin = max(start, month_index(first_day_on.year, first_day_on.month))
        end = last if ended is None else min(last, month_index(ended.year, ended.month) - (ended.day == 1))
        owed.extend(range(begin, end + 1))
    return sorted(set(owed))


def last_due_month(today: dt.date) -> int:
    """The last month whose dues are late if unpaid: the one before today's (this month's may still be paid)."""
    return month_index(today.year, today.month) - 1


def on_time(paid_on: dt.date, year: int, month: int) -> bool:
    """Paid by the end of the month it is for (in advance counts)."""
    return paid_on <= month_bounds(year, month)[1]


def made_up_late(paid_on: dt.date, year: int, month: int) -> bool:
    """A 补交 more than six months after the month it is for."""
    return month_index(paid_on.year, paid_on.month) - month_index(year, month) > MAKE_UP_MONTHS


def unpaid_runs(owed: Iterable[int], paid: set[int]) -> list[tuple[int, int]]:
    """The spans (first, last month index) of owed months in a row with nothing paid."""
    return runs_of(index for index in owed if index not in paid)


def runs_of(indexes: Iterable[int]) -> list[tuple[int, int]]:
    """Month indexes as spans of months in a row (first, last)."""
    runs: list[tuple[int, int]] = []
    for index in sorted(indexes):
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def behind_level(run_length: int) -> str | None:
    """How pressing a run of unpaid months is: "alert" from six in a row, "warn" from three."""
    if run_length >= ALERT_MONTHS:
        return "alert"
    if run_length >= WARN_MONTHS:
        return "warn"
    return None


def span_label(first: int, last: int) -> str:
    """2025年10—12月, 2025年12月—2026年2月, 2025年3月."""
    (y1, m1), (y2, m2) = month_of(first), month_of(last)
    if first == last:
        return f"{y1}年{m1}月"
    return f"{y1}年{m1}—{m2}月" if y1 == y2 else f"{y1}年{m1}月—{y2}年{m2}月"
