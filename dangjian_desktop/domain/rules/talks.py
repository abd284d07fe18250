"""谈心谈话 (支部工作条例: 党支部委员之间、党支部委员和党员之间、党员和党员之间，每年谈心谈话一般不少于1次): which
pairs must have talked in a year, which talks cover them, and how pressing the missing ones are by the month.

Pairs are unordered: a talk of A with B covers B with A. Every two committee members form a pair; every other
member on the rolls forms one with the committee member the branch assigned him (the 书记 where none is set).
With the setting on, each member must also have talked with at least one other ordinary member.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from itertools import combinations

Pair = frozenset[int]

URGENCY_BY_MONTH = {10: "notice", 11: "warning", 12: "urgent"}  # missing talks are listed from October on
ANNIVERSARY_DAYS = 7  # 政治生日: a talk in the week of the 入党纪念日


def pair(a: int, b: int) -> Pair:
    return frozenset((a, b))


def required_pairs(committee: Iterable[int], others: Iterable[int], assigned: Mapping[int, int],
                   secretary: int | None) -> set[Pair]:
    """Committee members with each other, and each other member with his assigned committee member."""
    committee = sorted(set(committee))
    pairs = {pair(a, b) for a, b in combinations(committee, 2)}
    for member in others:
        partner = assigned.get(member, secretary)
        if partner is not None and partner != member and partner in committee:
            pairs.add(pair(member, partner))
    return pairs


def missing_member_talks(others: Iterable[int], talks: Iterable[tuple[int, int]]) -> list[int]:
    """Ordinary members who had no talk with another ordinary member (when the setting asks for it)."""
    others = set(others)
    talked = {x for a, b in talks if a in others and b in others and a != b for x in (a, b)}
    return sorted(others - talked)


def urgency(today: dt.date, year: int) -> str | None:
    """How pressing a missing talk of `year` is on `today`: nothing before October, then rising; urgent once
    the year is over."""
    if today.year > year:
        return "urgent"
    return URGENCY_BY_MONTH.get(today.month) if today.year == year else None


def anniversary_in(joined: dt.date, first: dt.date, last: dt.date) -> dt.date | None:
    """The 入党纪念日 (the day the 支部大会 accepted him) falling within `first`..`last`, if any."""
    for year in range(first.year, last.year + 1):
        try:
            day = joined.replace(year=year)
        except ValueError:  # 29 February in a common year
            day = dt.date(year, 2, 28)
        if first <= day <= last and year > joined.year:
            return day
    return None
