"""The figures of one year (meetings, activities, development, partners, rectification) and summary placeholders."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from peewee import JOIN, Case, fn

from dangjian_desktop.common.dates import year_so_far
from dangjian_desktop.common.money import yuan
from dangjian_desktop.domain.rules.membership import IN_DEVELOPMENT, on_rolls, present, stage_at
from dangjian_desktop.domain.rules.rectification import done_by, overdue
from dangjian_desktop.queries.appraisal import AppraisalYear, appraisal_year
from dangjian_desktop.queries.dues import dues_year
from dangjian_desktop.queries.statistics import YearStatistics, year_statistics
from dangjian_desktop.store.models import (
    APPRAISAL_GRADES,
    DEFAULT_ACTIVITY_CATEGORIES,
    MEETING_KINDS,
    PARTNER_KINDS,
    Activity,
    ActivityCategory,
    Meeting,
    Member,
    Partner,
    Rectification,
    Talk,
)


@dataclass(frozen=True)
class RectificationLine:
    problem: str
    cause: str
    measure: str
    status: str  # as recorded now
    deadline: dt.date | None
    completed_on: dt.date | None
    overdue: bool  # deadline passed and not completed, at the end of the year (or today, for the current year)


@dataclass(frozen=True)
class YearFigures:
    year: int
    meetings_by_kind: dict[str, int]
    secretary_lectures: int
    activities_by_category: dict[str, tuple[int, str]]
    activity_records_by_category: dict[str, int]
    category_roles: dict[str, str]  # category name → its role (models.CATEGORY_ROLES), for those that have one
    new_applicants: list[str]
    new_activists: list[str]
    new_candidates: list[str]
    new_probationary: list[str]
    new_full_members: list[str]
    in_development: list[str]
    members_at_year_end: int
    full_members_at_year_end: int
    probationary_at_year_end: int
    new_partners: list[tuple[str, str]]
    partners_by_kind: dict[str, list[str]]
    rectifications: list[RectificationLine]
    dues: DuesFigures
    appraisal: AppraisalYear  # 民主评议党员 of the year (its rows in the order read)
    talks: int  # 谈心谈话 held in the year
    statistics: YearStatistics  # 党内统计: the numbers' change by reason and the members' make-up (the charts)


@dataclass(frozen=True)
class DuesFigures:
    """The year's 党费, once the branch keeps them here: 应交 and 欠交 up to the last month due, 实交, and the
    share of member-months paid by the end of the month."""

    kept: bool  # bases are recorded for the year
    expected: int = 0  # 分
    paid: int = 0
    arrears: int = 0
    on_time_rate: float | None = None

    @property
    def on_time_text(self) -> str:
        return "" if self.on_time_rate is None else f"{self.on_time_rate * 100:.1f}%"


def year_figures(year: int) -> YearFigures:
    """Every figure of `year`, from a handful of grouped queries whatever the number of records."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return YearFigures(
        year=year,
        meetings_by_kind=_meetings_by_kind(first, last),
        secretary_lectures=_secretary_lectures(first, last),
        **_activity_figures(first, last),
        **_member_figures(first, last),
        **_partner_figures(first, last),
        rectifications=_rectification_lines(first, last),
        dues=_dues_figures(year),
        appraisal=appraisal_year(year, by_name=False),
        talks=Talk.select().where((Talk.date >= first) & (Talk.date <= last)).count(),
        statistics=year_statistics(year),
    )


def _dues_figures(year: int) -> DuesFigures:
    grid = dues_year(year)
    if not any(r.base_id for r in grid.rows):
        return DuesFigures(False)
    return DuesFigures(True, grid.expected, grid.paid, grid.arrears, grid.on_time_rate)


def _meetings_by_kind(first: dt.date, last: dt.date) -> dict[str, int]:
    query = (Meeting.select(Meeting.kind, fn.COUNT(Meeting.id)).where(Meeting.date.between(first, last))
             .group_by(Meeting.kind).tuples())
    counts = dict(query)
    return {kind: counts.get(kind, 0) for kind in MEETING_KINDS}


def _secretary_lectures(first: dt.date, last: dt.date) -> int:
    """党课 whose lecturer is the 书记 (by the lecturer's post as recorded now)."""
    return (Meeting.select().join(Member, on=(Meeting.lecturer == Member.id))
            .where((Meeting.kind == "党课") & Meeting.date.between(first, last) & (Member.party_post == "书记"))
            .count())


def _activity_figures(first: dt.date, last: dt.date) -> dict:
    """Per category (every one, in its order): the quantity in the category's unit, and the number of records.

    A record counted in another unit than its category's (志愿服务 in 人次) counts as a record but does not
    add to the quantity, so 节 and 人次 are never summed together.
    """
    same_unit = Case(None, [(Activity.unit == ActivityCategory.unit, Activity.quantity)], 0)
    query = (ActivityCategory
             .select(ActivityCategory.name, ActivityCategory.unit, ActivityCategory.role, fn.COUNT(Activity.id),
                     fn.SUM(same_unit))
             .join(Activity, JOIN.LEFT_OUTER,
                   on=((Activity.category == ActivityCategory.id) & Activity.date.between(first, last)))
             .group_by(ActivityCategory.id).order_by(ActivityCategory.sort_order, ActivityCategory.id).tuples())
    quantities, records, roles = {}, {}, {}
    for name, unit, role, count, total in query:
        quantities[name] = (total or 0, unit)
        records[name] = count
        if role:
            roles[name] = role
    return {"activities_by_category": quantities, "activity_records_by_category": records, "category_roles": roles}


def _member_figures(first: dt.date, last: dt.date) -> dict:
    people = list(Member.select(Member.id, Member.name, Member.applied_on, Member.activist_on, Member.candidate_on,
                                Member.probation_on, Member.full_on, Member.left_on, Member.rolls_gaps)
                  .order_by(Member.id))

    def reached(attr: str) -> list[str]:
        """Who reached a milestone in the year with the branch, by date (not one who came later: a probationary
        member transferred in was admitted elsewhere)."""
        dated = sorted((day, p.id, p.name) for p in people if (day := getattr(p, attr)) and present(p, day))
        return [name for day, _id, name in dated if first <= day <= last]

    still_here = [p for p in people if present(p, last)]
    members = [p for p in still_here if on_rolls(p, last)]
    full = sum(1 for p in members if stage_at(p, last) == "正式党员")
    return {
        "new_applicants": reached("applied_on"),
        "new_activists": reached("activist_on"),
        "new_candidates": reached("candidate_on"),
        "new_probationary": reached("probation_on"),
        "new_full_members": reached("full_on"),
        "in_development": [p.name for p in still_here if stage_at(p, last) in IN_DEVELOPMENT],
        "members_at_year_end": len(members),
        "full_members_at_year_end": full,
        "probationary_at_year_end": len(members) - full,
    }


def _partner_figures(first: dt.date, last: dt.date) -> dict:
    known = list(Partner.select(Partner.name, Partner.kind, Partner.since)
                 .where(Partner.since.is_null() | (Partner.since <= last))
                 .order_by(Partner.since.is_null(), Partner.since, Partner.id))
    by_kind: dict[str, list[str]] = {kind: [] for kind in PARTNER_KINDS}
    for p in known:
        by_kind.setdefault(p.kind, []).append(p.name)
    return {
        "new_partners": [(p.name, p.kind) for p in known if p.since and p.since >= first],
        "partners_by_kind": by_kind,
    }


def _rectification_lines(first: dt.date, last: dt.date) -> list[RectificationLine]:
    """Items found in the year; overdue as of the year's end, or as of today while the year runs."""
    cutoff = min(last + dt.timedelta(days=1), dt.date.today())
    query = (Rectification.select().where(Rectification.found_on.between(first, last))
             .order_by(Rectification.found_on, Rectification.id))
    return [RectificationLine(r.problem, r.cause, r.measure, r.status, r.deadline, r.completed_on,
                              overdue=overdue(r, cutoff))
            for r in query]


# -- placeholders for the summary text ---------------------------------------------------------------

MEETING_PLACEHOLDERS = {
    "主题党日次数": "主题党日",
    "党课次数": "党课",
    "支委会次数": "支委会",
    "支部会议次数": "支委会",
    "党员大会次数": "支部党员大会",
    "党小组会次数": "党小组会",
    "组织生活会次数": "组织生活会",
    "民主评议党员次数": "民主评议党员",
}


def activity_placeholder(category: str, unit: str) -> str:
    """The placeholder of an activity category: 示范课 in 节 → 示范课节数, 专题讲座 in 次 → 专题讲座次数."""
    return f"{category}{unit}数"


def _activity_descriptions(categories: list[tuple[str, str]]) -> dict[str, str]:
    return {activity_placeholder(name, unit): f"本年度{name}合计（{unit}）" for name, unit in categories}


FIXED_PLACEHOLDERS: dict[str, str] = {
    "年度": "总结的年度，如 2025",
    "支部名称": "设置中的支部名称",
    "成文日期": "总结的成文日期：年度的最后一天（年内为当天）；设置中可改为只写年月",
    **{name: f"本年度{kind}的次数" for name, kind in MEETING_PLACEHOLDERS.items()},
    "书记党课次数": "本年度由书记授课的党课次数",
    "转正人数": "本年度转为正式党员的人数",
    "转正名单": "本年度转为正式党员的姓名，以顿号分隔",
    "新接收预备党员人数": "本年度支部大会接收的预备党员人数",
    "新确定积极分子人数": "本年度确定的入党积极分子人数",
    "新确定发展对象人数": "本年度确定的发展对象人数",
    "入党申请人数": "本年度递交入党申请书的人数",
    "培养对象人数": "年末在培养的入党积极分子和发展对象人数",
    "党员总数": "年末党员人数（含预备党员）",
    "正式党员人数": "年末正式党员人数",
    "预备党员人数": "年末预备党员人数",
    "新增共建单位": "本年度新增的共建单位与阵地名称，以顿号分隔",
    "新增共建单位数": "本年度新增的共建单位与阵地个数",
    "整改事项数": "本年度查找出的整改事项数",
    "整改完成数": "其中到年末已完成整改的事项数",
    "党费应交金额": "本年度应交党费（元，年内为截至上月）",
    "党费实交金额": "本年度实交党费（元）",
    "党费欠交金额": "本年度欠交党费（元）",
    "党费按时交纳率": "按月按时交纳党费的人次占应交人次的比例",
    "民主评议参评人数": "本年度民主评议党员的参评人数（不含因故不参评的）",
    **{f"评为{grade}人数": f"本年度民主评议评定为{grade}的人数" for grade in APPRAISAL_GRADES},
    "谈心谈话次数": "本年度登记的谈心谈话次数",
    "年初党员人数": "上年末在册党员人数（含预备党员）",
    "转入党员人数": "本年度组织关系转入本支部的党员人数",
    "转出党员人数": "本年度组织关系转出本支部的党员人数",
}
# With the default activity categories; the database's own categories come from `placeholder_descriptions`.
PLACEHOLDERS: dict[str, str] = {**FIXED_PLACEHOLDERS, **_activity_descriptions([(n, u) for n, u, _r in DEFAULT_ACTIVITY_CATEGORIES])}


def placeholder_descriptions(f: YearFigures) -> dict[str, str]:
    """Every placeholder of `f`: the fixed ones and one per activity category of the database (user-added too)."""
    categories = [(name, unit) for name, (_total, unit) in f.activities_by_category.items()]
    return {**FIXED_PLACEHOLDERS, **_activity_descriptions(categories)}


def written_on(year: int, today: dt.date, month_only: bool) -> str:
    """The 成文日期 of a year's summary: its last day, or today while the year runs; in Arabic digits with year,
    month and day as GB/T 9704 asks, or year and month only (the seed's form) where the settings say so."""
    day = year_so_far(year, today)
    return f"{day.year}年{day.month}月" + ("" if month_only else f"{day.day}日")


def placeholder_values(f: YearFigures, today: dt.date | None = None) -> dict[str, str]:
    """Every placeholder's text for the year: "主题党日次数" → "12". The branch name comes from the settings."""
    from dangjian_desktop.services.settings import load_settings

    settings = load_settings()
    values = {activity_placeholder(name, unit): str(total)
              for name, (total, unit) in f.activities_by_category.items()}
    values.update({name: str(f.meetings_by_kind.get(kind, 0)) for name, kind in MEETING_PLACEHOLDERS.items()})
    done = [r for r in f.rectifications if done_by(r, dt.date(f.year, 12, 31))]
    values.update({
        "年度": str(f.year),
        "支部名称": settings.branch_name,
        "成文日期": written_on(f.year, today or dt.date.today(), settings.summary_date == "month"),
        "书记党课次数": str(f.secretary_lectures),
        "转正人数": str(len(f.new_full_members)),
        "转正名单": "、".join(f.new_full_members),
        "新接收预备党员人数": str(len(f.new_probationary)),
        "新确定积极分子人数": str(len(f.new_activists)),
        "新确定发展对象人数": str(len(f.new_candidates)),
        "入党申请人数": str(len(f.new_applicants)),
        "培养对象人数": str(len(f.in_development)),
        "党员总数": str(f.members_at_year_end),
        "年初党员人数": str(f.statistics.at_start),
        "转入党员人数": str(f.statistics.increases.count("转入")),
        "转出党员人数": str(f.statistics.decreases.count("转出")),
        "正式党员人数": str(f.full_members_at_year_end),
        "预备党员人数": str(f.probationary_at_year_end),
        "新增共建单位": "、".join(name for name, _kind in f.new_partners),
        "新增共建单位数": str(len(f.new_partners)),
        "整改事项数": str(len(f.rectifications)),
        "整改完成数": str(len(done)),
        "党费应交金额": yuan(f.dues.expected),
        "党费实交金额": yuan(f.dues.paid),
        "党费欠交金额": yuan(f.dues.arrears),
        "党费按时交纳率": f.dues.on_time_text,
    })
    values["民主评议参评人数"] = str(len(f.appraisal.participants))
    values.update({f"评为{grade}人数": str(n) for grade, n in f.appraisal.counts.items()})
    values["谈心谈话次数"] = str(f.talks)
    return values


PLACEHOLDER_RE = re.compile(r"[{｛]([^{}｛｝\s]{1,30})[}｝]")


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """Replace "{主题党日次数}" (full-width braces too) by its value; an unknown name stays as written."""
    return PLACEHOLDER_RE.sub(lambda match: values.get(match.group(1), match.group(0)), text)
