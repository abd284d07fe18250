"""Who is where in the party's books on a day: the development stage, on the rolls (在册党员), still with the
branch, the end of probation, and the age and training time that development steps require.

A member's time with the branch follows from his PartyEvents (转出, 转入, 恢复党籍, 出党, 停止党籍, 死亡): he is
away from a leaving event to the next entering one, and before his first event when that brings him in (a
transfer in). `standing` derives from them what the member row keeps for quick reading: `status`, `left_on`
(the last leaving, while it holds) and `rolls_gaps` (the spans away before it).

Each rule that the lists and figures also ask of the database is written twice, side by side: a predicate
on one member and the query expression that selects the same members (tests/test_rules.py checks that
they agree). Every caller uses these; none writes the dates out again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from peewee import SQL, Expression, fn

from dangjian_desktop.common.dates import add_months, add_years, first_day, last_day
from dangjian_desktop.store.models import ENTERING_EVENTS, LEAVING_EVENTS, Member, PartyEvent

# The five dated milestones on a member, in the order they are reached.
MILESTONES = (
    ("applied_on", "申请入党日期"),
    ("activist_on", "确定积极分子日期"),
    ("candidate_on", "确定发展对象日期"),
    ("probation_on", "接收预备党员日期"),
    ("full_on", "转正日期"),
)
STAGE_OF_MILESTONE = {"applied_on": "入党申请人", "activist_on": "入党积极分子", "candidate_on": "发展对象",
                      "probation_on": "预备党员", "full_on": "正式党员"}
IN_DEVELOPMENT = ("入党积极分子", "发展对象")  # those the branch trains and examines before admission
APPLICATION_AGE = 18  # 申请入党须年满18周岁
ACTIVIST_YEARS = 1  # 须经过一年以上的培养教育和考察才能确定为发展对象
PROBATION_YEARS = 1
EXTENSION_MONTHS = (6, 12)  # 延长预备期: six to twelve months


class Dated(Protocol):
    """Anything with a member's dates: a Member, a list row, a record read with some columns only."""

    applied_on: dt.date | None
    activist_on: dt.date | None
    candidate_on: dt.date | None
    probation_on: dt.date | None
    full_on: dt.date | None
    left_on: dt.date | None
    rolls_gaps: str


def stage_at(person: Any, day: dt.date | None) -> str:
    """The development stage reached by `day` (today's stage when `day` is None); '' before applying."""
    for attr, _label in reversed(MILESTONES):
        date = getattr(person, attr)
        if date is not None and (day is None or date <= day):
            return STAGE_OF_MILESTONE[attr]
    return ""


# -- still with the branch: not away (transferred out, died, left the party) -------------------------

STATUS_AFTER = {"转出": "转出", "出党": "出党", "停止党籍": "停止党籍", "死亡": "去世"}  # event → the member's 党籍状态
EVENT_OF_STATUS = {status: event for event, status in STATUS_AFTER.items()}


@dataclass(frozen=True)
class Standing:
    """What a member's events leave him at: his 党籍状态, the day of the leaving that holds (None while he
    is with the branch) and the spans away before it, as `Member.rolls_gaps` keeps them."""

    status: str
    left_on: dt.date | None
    gaps: str


def standing(events: Iterable[tuple[dt.date, str]]) -> Standing:
    """From (date, kind) events in date order."""
    gaps: list[tuple[dt.date | None, dt.date]] = []
    away_since: dt.date | None = None
    status = "正常"
    for index, (day, kind) in enumerate(events):
        if kind in LEAVING_EVENTS:
            away_since, status = day, STATUS_AFTER[kind]
        elif index == 0:
            gaps.append((None, day))  # came from elsewhere: away before
        elif away_since is not None:
            gaps.append((away_since, day))
            away_since, status = None, "正常"
    text = " ".join(f"{start.isoformat() if start else ''}/{end.isoformat()}" for start, end in gaps)
    return Standing(status, away_since, text)


@lru_cache(maxsize=256)
def _gaps(text: str) -> tuple[tuple[dt.date | None, dt.date], ...]:
    result = []
    for item in text.split():
        start, end = item.split("/")
        result.append((dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end)))
    return tuple(result)


def away_before(person: Dated, day: dt.date) -> bool:
    """Within one of the spans away that came before the last leaving (before a transfer in, between out and
    back)."""
    return any((start is None or start <= day) and day < end for start, end in _gaps(person.rolls_gaps))


def present(person: Dated, day: dt.date) -> bool:
    """On the branch's books (any stage) on `day`: not away then."""
    return (person.left_on is None or person.left_on > day) and not away_before(person, day)


def admitted_elsewhere(person: Dated) -> bool:
    """Joined the party in another organisation: away on his 入党 day (he transferred in as a member later)."""
    return person.probation_on is not None and away_before(person, person.probation_on)


def _events(kinds: tuple[str, ...]):
    event = PartyEvent.alias()
    return event, event.kind.in_(kinds)


def _first_coming_after(bound: dt.date | Any) -> Expression:
    """The member's first event brings him in (no leaving before it) and falls after `bound` (a day, or a column
    such as his 入党 date): he was not with the branch on that day."""
    came, coming = _events(ENTERING_EVENTS)
    earlier, leaving = _events(LEAVING_EVENTS)
    return fn.EXISTS(came.select(SQL("1")).where(
        (came.member == Member.id) & coming & (came.date > bound)
        & ~fn.EXISTS(earlier.select(SQL("1")).where((earlier.member == came.member) & leaving
                                                     & (earlier.date < came.date)))))


def _away_expr(day: dt.date) -> Expression:
    """The member is away on `day`: a leaving on or before it with no coming back by then, or a first coming
    still to come."""
    left, leaving = _events(LEAVING_EVENTS)
    back, entering = _events(ENTERING_EVENTS)
    still_left = left.select(SQL("1")).where(
        (left.member == Member.id) & leaving & (left.date <= day)
        & ~fn.EXISTS(back.select(SQL("1")).where((back.member == left.member) & entering
                                                  & (back.date > left.date) & (back.date <= day))))
    return fn.EXISTS(still_left) | _first_coming_after(day)


def present_expr(day: dt.date) -> Expression:
    """The query form of `present`: the last leaving from the member row, the spans before it (rare) from the
    events."""
    return ((Member.left_on.is_null() | (Member.left_on > day))
            & ((Member.rolls_gaps == "") | ~_away_expr(day)))


def _came_in_expr(first: dt.date, last: dt.date) -> Expression:
    """Came onto the branch's books (a transfer in, a restoration) within `first`..`last`."""
    event, entering = _events(ENTERING_EVENTS)
    return fn.EXISTS(event.select(SQL("1")).where((event.member == Member.id) & entering
                                                   & (event.date > first) & (event.date <= last)))


# -- on the rolls (在册党员): a party member, probationary or full, present on the day ----------------

def on_rolls(person: Dated, day: dt.date) -> bool:
    return person.probation_on is not None and person.probation_on <= day and present(person, day)


def on_rolls_expr(day: dt.date) -> Expression:
    return Member.probation_on.is_null(False) & (Member.probation_on <= day) & present_expr(day)


def on_rolls_during(person: Dated, first: dt.date, last: dt.date) -> bool:
    """On the rolls on at least one day of `first`..`last`: one of his spans on the rolls reaches into it."""
    return any(start <= last and (end is None or end > first) for start, end in rolls_periods(person))


def on_rolls_during_expr(first: dt.date, last: dt.date) -> Expression:
    joined = Member.probation_on.is_null(False) & (Member.probation_on <= last)
    here_at_start = (Member.probation_on <= first) & present_expr(first)
    # admitted within the span, and here that day (not one who joined elsewhere and came later)
    developed_within = (Member.probation_on > first) & ((Member.rolls_gaps == "") | ~_first_coming_after(
        Member.probation_on))
    return joined & (here_at_start | developed_within | _came_in_expr(first, last))


def rolls_periods(person: Dated) -> list[tuple[dt.date, dt.date | None]]:
    """The spans on the rolls, [start, end) with None for one that lasts: from 入党 (or coming back) to a
    leaving. `on_rolls` on a day is true exactly within one of them."""
    if person.probation_on is None:
        return []
    cuts = [*_gaps(person.rolls_gaps), *([(person.left_on, None)] if person.left_on else [])]
    periods: list[tuple[dt.date, dt.date | None]] = []
    start: dt.date = person.probation_on
    for away_from, back_on in cuts:  # in date order; a span away may have no start (before a transfer in)
        if away_from is not None and start is not None and away_from > start:
            periods.append((start, away_from))
        if back_on is None:  # the last leaving
            return periods
        start = max(back_on, start)
    periods.append((start, None))
    return periods


def has_vote(person: Dated | None, day: dt.date) -> bool:
    """A full member on `day`: only 正式党员 vote (预备党员 have no 表决权)."""
    return person is not None and person.full_on is not None and person.full_on <= day


# -- dates the rules derive ------------------------------------------------------------------------

def probation_end_after(voted_on: dt.date, extension_months: int | None) -> dt.date:
    """One year from the 支部大会 vote, plus an extension of 6 to 12 months if one was decided."""
    return add_months(add_years(voted_on, PROBATION_YEARS), extension_months or 0)


def probation_end(member: Member) -> dt.date | None:
    """The day probation ends (the earliest full-member date)."""
    if member.probation_on is None:
        return None
    return probation_end_after(member.probation_on, member.probation_extension_months)


def earliest_application(birth_date: dt.date) -> dt.date:
    """The first day one may apply: the 18th birthday."""
    return add_years(birth_date, APPLICATION_AGE)


def earliest_candidacy(activist_on: dt.date) -> dt.date:
    """The first day an 积极分子 may become a 发展对象: after a year of training."""
    return add_years(activist_on, ACTIVIST_YEARS)


def surely_before(day: dt.date, bound: dt.date) -> bool:
    """`day` lies before `bound` whatever days month-only (or year-only) dates stand for."""
    return last_day(day) < first_day(bound)


def unsure_before(day: dt.date, bound: dt.date) -> bool:
    """Month-only dates leave open whether `day` lies before `bound` (they share a month): the rule can
    neither be kept nor refused without the day; the user is told, nothing is guessed."""
    return not surely_before(day, bound) and first_day(day) < last_day(bound)


APPLICATION_AGE_RULE = f"申请入党须年满{APPLICATION_AGE}周岁"
CANDIDACY_RULE = "入党积极分子须经过一年以上的培养教育和考察才能确定为发展对象"
