"""民主评议党员: how many may be graded 优秀, which grade the ballot gives, and when a grade needs a follow-up.

The 民主测评 ballot gives each participant's votes per grade. Its grade is the median ballot's: the best grade
that, with the grades above it, more than half the ballots gave (12 优秀 + 15 合格 + 3 others of 30 → 合格).
A branch grade other than the ballot's stands only with a recorded reason.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction

from dangjian_desktop.store.models import APPRAISAL_GRADES

VOTE_FIELDS = ("votes_excellent", "votes_qualified", "votes_basic", "votes_unqualified")  # as APPRAISAL_GRADES
NEEDS_FOLLOW_UP = ("基本合格", "不合格")
EXCELLENT_SHARES = {"1/3": "三分之一", "3/10": "30%", "1/4": "25%", "1/5": "20%"}  # the setting's choices
DEFAULT_EXCELLENT_SHARE = "1/3"


def excellent_allowed(participants: int, share: str = DEFAULT_EXCELLENT_SHARE) -> int:
    """How many of `participants` may be graded 优秀: the share, rounded down (30 at one third: 10)."""
    return math.floor(participants * Fraction(share))


def votes_of(entry: object) -> tuple[int, ...]:
    """The votes per grade of an entry (a record, a row or a form's values), best first; a blank count is 0."""
    get = entry.get if isinstance(entry, Mapping) else lambda name: getattr(entry, name)
    return tuple(get(name) or 0 for name in VOTE_FIELDS)


def ballot_grade(votes: Sequence[int]) -> str | None:
    """The grade the ballot gives (see the module's note), or None when no vote was entered."""
    total = sum(votes)
    if total == 0:
        return None
    running = 0
    for grade, count in zip(APPRAISAL_GRADES, votes, strict=True):
        running += count
        if running * 2 > total:
            return grade
    return APPRAISAL_GRADES[-1]  # unreachable: the last running sum is the total


def contradicts_ballot(grade: str, votes: Sequence[int]) -> bool:
    """The branch's grade differs from the ballot's (a reason must be recorded)."""
    given = ballot_grade(votes)
    return bool(grade) and given is not None and grade != given


def unqualified_twice(grade: str, grade_the_year_before: str) -> bool:
    """不合格 this year and the year before: proposed for 组织处置."""
    return grade == grade_the_year_before == "不合格"
