"""The meeting-cycle grid: each requirement of the rules by month, held / missing / not yet due / exempt.

A requirement is met by a meeting anywhere in its period (month, quarter, half-year, year); a period is
missing only once it has ended without one, and not yet due while it is current or still to come. The
per-semester 党课 rule counts the two halves of the calendar year (the spring term falls in the first, the
autumn term in the second). `build_grid` is a pure function of its arguments; `load_grid` reads the year's
meetings in one query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from peewee import JOIN, fn

from dangjian_desktop.common.names import numbered_order
from dangjian_desktop.domain.rules.membership import on_rolls_during_expr
from dangjian_desktop.services.settings import BranchSettings, load_settings
from dangjian_desktop.store.models import Meeting, Member

PERIOD_MONTHS = {"month": 1, "quarter": 3, "semester": 6, "year": 12}
PERIOD_RULES = {"month": "每月一次", "quarter": "每季度一次", "semester": "每学期（半年）一次", "year": "每年一次"}
STATE_LABELS = {"held": "已开展", "missing": "缺", "not_due": "未到期", "exempt": "免", "before": "未记录"}
QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")


@dataclass(frozen=True)
class Requirement:
    key: str  # unique within a grid
    label: str
    kind: str  # the meeting kind that meets it
    period: str  # month, quarter, semester or year
    group: str = ""  # a 党小组会 of this group only
    by_secretary: bool = False  # a 党课 given by the 书记

    @property
    def rule(self) -> str:
        return PERIOD_RULES[self.period]


@dataclass(frozen=True)
class MeetingFact:
    """What the grid needs to know of a meeting."""

    id: int
    kind: str
    date: dt.date
    party_group: str = ""
    by_secretary: bool = False


@dataclass(frozen=True)
class PeriodCell:
    first_month: int
    last_month: int
    start: dt.date
    end: dt.date
    state: str  # held, missing, not_due, exempt
    current: bool  # today falls in this period
    meeting_ids: tuple[int, ...]
    label: str
    dates: tuple[dt.date, ...] = ()  # of the meetings that met it

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class GridRow:
    requirement: Requirement
    periods: tuple[PeriodCell, ...]

    def cell(self, month: int) -> PeriodCell:
        return next(p for p in self.periods if p.first_month <= month <= p.last_month)


@dataclass(frozen=True)
class ComplianceGrid:
    year: int
    today: dt.date
    rows: tuple[GridRow, ...]
    since: dt.date | None = None  # periods that ended before it are "before" (未记录), not missing

    @property
    def has_unrecorded(self) -> bool:
        return any(p.state == "before" for row in self.rows for p in row.periods)

    def missing(self) -> list[tuple[Requirement, PeriodCell]]:
        return [(row.requirement, p) for row in self.rows for p in row.periods if p.state == "missing"]

    def row(self, key: str) -> GridRow:
        return next(r for r in self.rows if r.requirement.key == key)


def requirements(settings: BranchSettings, groups: Sequence[str] = ()) -> list[Requirement]:
    """What the rules ask for, in the order the grid shows them; 党小组会 per group when there are groups."""
    rows = [Requirement("支委会", "支委会", "支委会", "month")]
    if groups:
        rows += [Requirement(f"党小组会:{g}", f"党小组会（{g}）", "党小组会", "month", group=g) for g in groups]
    else:
        rows.append(Requirement("党小组会", "党小组会", "党小组会", "month"))
    lecture = settings.lecture_period if settings.lecture_period in PERIOD_MONTHS else "quarter"
    rows += [
        Requirement("支部党员大会", "支部党员大会", "支部党员大会", "quarter"),
        Requirement("党课", "党课", "党课", lecture),
        Requirement("主题党日", "主题党日", "主题党日", "month"),
        Requirement("组织生活会", "组织生活会", "组织生活会", "year"),
        Requirement("民主评议党员", "民主评议党员", "民主评议党员", "year"),
        Requirement("书记党课", "书记讲党课", "党课", "year", by_secretary=True),
    ]
    return rows


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _period_label(year: int, period: str, first: int) -> str:
    if period == "month":
        return f"{year}年{first}月"
    if period == "quarter":
        return f"{year}年{QUARTERS[(first - 1) // 3]}"
    if period == "semester":
        return f"{year}年{'上' if first == 1 else '下'}半年"
    return f"{year}年度"


def _meets(requirement: Requirement, meeting: MeetingFact) -> bool:
    if meeting.kind != requirement.kind:
        return False
    if requirement.group and meeting.party_group != requirement.group:
        return False
    return meeting.by_secretary or not requirement.by_secretary


def build_grid(year: int, today: dt.date, settings: BranchSettings, meetings: Sequence[MeetingFact],
               groups: Sequence[str] = (), since: dt.date | None = None) -> ComplianceGrid:
    """The grid of `year` as seen on `today`. Meetings dated after today are not counted as held; a period
    that ended before `since` (records kept here from then) is "before", not missing."""
    held = sorted((m for m in meetings if m.date.year == year and m.date <= today), key=lambda m: m.date)
    vacation = set(settings.vacation_months)
    rows = []
    for req in requirements(settings, groups):
        span = PERIOD_MONTHS[req.period]
        by_month: dict[int, list[MeetingFact]] = {}
        for m in held:
            if _meets(req, m):
                by_month.setdefault(m.date.month, []).append(m)
        periods = []
        for first in range(1, 13, span):
            last = first + span - 1
            start, end = dt.date(year, first, 1), _last_day(year, last)
            met = [m for month in range(first, last + 1) for m in by_month.get(month, ())]
            ids = tuple(m.id for m in met)
            if ids:
                state = "held"
            elif req.kind == "主题党日" and span == 1 and first in vacation:
                state = "exempt"
            elif since is not None and end < since:
                state = "before"
            elif end < today:
                state = "missing"
            else:
                state = "not_due"
            periods.append(PeriodCell(first, last, start, end, state, start <= today <= end, ids,
                                      _period_label(year, req.period, first), tuple(m.date for m in met)))
        rows.append(GridRow(req, tuple(periods)))
    return ComplianceGrid(year, today, tuple(rows), since)


# -- loading --------------------------------------------------------------------------------------------

def year_meetings(year: int) -> list[MeetingFact]:
    """The year's meetings of the kinds the rules count, with whether the lecturer is the 书记; one query."""
    kinds = {"支委会", "党小组会", "支部党员大会", "党课", "主题党日", "组织生活会", "民主评议党员"}
    lecturer = Member.alias()
    query = (Meeting.select(Meeting.id, Meeting.kind, Meeting.date, Meeting.party_group, lecturer.party_post)
             .join(lecturer, JOIN.LEFT_OUTER, on=(Meeting.lecturer == lecturer.id))
             .where(Meeting.date.between(dt.date(year, 1, 1), dt.date(year, 12, 31)) & Meeting.kind.in_(kinds))
             .order_by(Meeting.date).tuples())
    return [MeetingFact(i, kind, day, group or "", post == "书记") for i, kind, day, group, post in query]


def year_groups(year: int) -> list[str]:
    """The 党小组 of members on the rolls at some time in the year."""
    query = (Member.select(Member.party_group).distinct()
             .where((Member.party_group != "") & on_rolls_during_expr(dt.date(year, 1, 1), dt.date(year, 12, 31)))
             .tuples())
    return sorted((group for (group,) in query), key=numbered_order)


def records_since(settings: BranchSettings, today: dt.date) -> dt.date:
    """From when periods count: the date set in the settings, else the month of the first meeting recorded,
    else (nothing recorded yet) this month."""
    if settings.records_since is not None:
        return settings.records_since
    first = Meeting.select(fn.MIN(Meeting.date)).scalar()
    return (first or today).replace(day=1)


def load_grid(year: int, today: dt.date | None = None, settings: BranchSettings | None = None) -> ComplianceGrid:
    today = today or dt.date.today()
    settings = settings or load_settings()
    return build_grid(year, today, settings, year_meetings(year), year_groups(year), records_since(settings, today))
