"""When a 整改事项 is done and when it is overdue, judged during a given day; the predicate on one item and
the query expression beside it (tests/test_rules.py checks that they agree)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from peewee import Expression

from dangjian_desktop.store.models import Rectification


def done_by(item: Any, day: dt.date) -> bool:
    """Completed on or before `day` (a done item always has its 完成日期; the service sees to it)."""
    return item.completed_on is not None and item.completed_on <= day


def done_by_expr(day: dt.date) -> Expression:
    return Rectification.completed_on.is_null(False) & (Rectification.completed_on <= day)


def overdue(item: Any, day: dt.date) -> bool:
    """Its 整改时限 passed before `day` and it was not done by `day` (an item due today is not late yet)."""
    return item.deadline is not None and item.deadline < day and not done_by(item, day)


def overdue_expr(day: dt.date) -> Expression:
    return Rectification.deadline.is_null(False) & (Rectification.deadline < day) & ~done_by_expr(day)
