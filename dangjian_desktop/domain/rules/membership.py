"""Who is where in the party's books on a day: the development stage, on the rolls (在册党员), still with the
branch, the end of probation, and the age and training time that development steps require.

Each rule that the lists and figures also ask of the database is written twice, side by side: a predicate
on one member and the query expression that selects the same members (tests/test_rules.py checks that
they agree). Every caller uses these; none writes the dates out again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from peewee import Expression

from dangjian_desktop.common.dates import add_months, add_years, first_day, last_day
from dangjian_desktop.store.models import Member

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


def stage_at(person: Any, day: dt.date | None) -> str:
    """The development stage reached by `day` (today's stage when `day` is None); '' before applying."""
    for attr, _label in reversed(MILESTONES):
        date = getattr(person, attr)
        if date is not None and (day is None or date <= day):
            return STAGE_OF_MILESTONE[attr]
    return ""


# -- still with the branch: not yet transferred out, died, left the party ---------------------------

def present(person: Dated, day: dt.date) -> bool:
    """On the branch's books (any stage) on `day`: not left by then."""
    return person.left_on is None or person.left_on > day


def present_expr(day: dt.date) -> Expression:
    return Member.left_on.is_null() | (Member.left_on > day)


# -- on the rolls (在册党员): a party member, probationary or full, present on the day ----------------

def on_rolls(person: Dated, day: dt.date) -> bool:
    return person.probation_on is not None and person.probation_on <= day and present(person, day)


def on_rolls_expr(day: dt.date) -> Expression:
    return Member.probation_on.is_null(False) & (Member.probation_on <= day) & present_expr(day)


def on_rolls_during(person: Dated, first: dt.date, last: dt.date) -> bool:
    """On the rolls on at least one day of `first`..`last`."""
    return (person.probation_on is not None and person.probation_on <= last
            and (person.left_on is None or person.left_on > first))


def on_rolls_during_expr(first: dt.date, last: dt.date) -> Expression:
    return (Member.probation_on.is_null(False) & (Member.probation_on <= last)
            & (Member.left_on.is_null() | (Member.left_on > first)))


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
