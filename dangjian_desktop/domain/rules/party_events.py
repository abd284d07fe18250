"""党籍变动 in order: a member leaves only while with the branch and comes back only while away, by the way that
fits how he left (转入 after 转出, 恢复党籍 after 出党 or 停止党籍), and nothing follows 死亡. An introduction
letter (组织关系介绍信) is valid for a set number of months; its 回执 is expected back within them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dangjian_desktop.common.dates import add_months, date_label
from dangjian_desktop.store.models import ENTERING_EVENTS, LEAVING_EVENTS

LETTER_MONTHS = (1, 2, 3, 6)  # the validity of an introduction letter the branch may set
DEFAULT_LETTER_MONTHS = 3
COMES_BACK_BY = {"转出": "转入", "出党": "恢复党籍", "停止党籍": "恢复党籍"}  # how one returns after each leaving

# The fields that belong to each kind of event (others stay empty).
TRANSFER_FIELDS = ("organisation", "scope", "letter_no")
FIELDS_OF_KIND = {
    "转出": (*TRANSFER_FIELDS, "valid_until", "receipt_on"),
    "转入": (*TRANSFER_FIELDS, "file_arrived_on"),
    "恢复党籍": ("decision", "decided_by"),
    "出党": ("manner", "decision", "decided_by"),
    "停止党籍": ("decision", "decided_by"),
    "死亡": (),
}
REQUIRED_OF_KIND = {"转出": ("organisation",), "转入": ("organisation",), "出党": ("manner",)}


def letter_valid_until(issued_on: dt.date, months: int) -> dt.date:
    """The last day a letter issued on `issued_on` is valid."""
    return add_months(issued_on, months) - dt.timedelta(days=1)


def receipt_overdue(kind: str, valid_until: dt.date | None, receipt_on: dt.date | None, today: dt.date) -> bool:
    """A transfer out whose letter ran out without its 回执 coming back."""
    return kind == "转出" and receipt_on is None and valid_until is not None and valid_until < today


def sequence_problem(events: Sequence[tuple[dt.date, str]]) -> str | None:
    """What is wrong with a member's events in date order (None when they follow each other as they can)."""
    away_by: str | None = None  # the leaving that holds
    for index, (day, kind) in enumerate(events):
        if index and events[index - 1][0] == day:
            return f"{date_label(day)}已有一条党籍变动（{events[index - 1][1]}），同一天不能再登记{kind}。"
        if away_by == "死亡":
            return f"已登记去世，其后不能再登记{kind}。"
        if kind in LEAVING_EVENTS:
            if away_by is not None:
                return f"{date_label(day)}时该党员已{away_by}、不在本支部，不能登记{kind}；请先登记回到本支部。"
            away_by = kind
        elif kind in ENTERING_EVENTS:
            if away_by is None and index:
                return f"{date_label(day)}时该党员仍在本支部，不能登记{kind}。"
            if away_by is not None and COMES_BACK_BY[away_by] != kind:
                return f"{away_by}后回到本支部应登记“{COMES_BACK_BY[away_by]}”，不能登记{kind}。"
            away_by = None
    return None
