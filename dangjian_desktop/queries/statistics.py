"""党内统计: the tables a branch reports to the higher committee for a year, counted from the records.

The members at the start of the year (on the rolls on the last day of the year before) and at its end, the
changes between by reason (each a start or end of a span on the rolls, `membership.rolls_periods`, named by
the event that made it), the members at the end by sex, nationality, age, education, 党龄, 正式/预备 and
在职/离退休, those admitted in the year by the same, and the applicants and activists. Every table adds up to
its total; start + increases − decreases = end (tests check both on the demo year and ten years of records).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from dangjian_desktop.common.dates import full_years
from dangjian_desktop.domain.rules.membership import (
    EVENT_OF_STATUS,
    on_rolls,
    on_rolls_expr,
    present,
    rolls_periods,
    stage_at,
)
from dangjian_desktop.store.models import EDUCATIONS, LEAVING_MANNERS, DuesBase, Member, PartyEvent

UNKNOWN = "其他或未填"
# How rosters write an education, by the statistics' own words (研究生 counts 硕士 and 博士).
EDUCATION_WORDS = {"本科": "大学本科", "大学": "大学本科", "专科": "大学专科", "大专": "大学专科", "硕士研究生": "研究生",
                   "博士研究生": "研究生", "硕士": "研究生", "博士": "研究生", "中技": "中专", "职高": "高中",
                   "初中": "初中及以下", "小学": "初中及以下"}
AGE_BANDS = ((30, "30岁及以下"), (35, "31—35岁"), (40, "36—40岁"), (45, "41—45岁"), (50, "46—50岁"),
             (55, "51—55岁"), (60, "56—60岁"), (70, "61—70岁"), (None, "71岁及以上"))
PARTY_AGE_BANDS = ((5, "5年及以下"), (10, "6—10年"), (20, "11—20年"), (30, "21—30年"), (40, "31—40年"),
                   (50, "41—50年"), (None, "51年及以上"))
PROBATIONERS = "预备党员（不计党龄）"
INCREASES = ("发展党员", "转入", "恢复党籍", "其他")
DECREASES = ("死亡", *(f"出党：{manner}" for manner in LEAVING_MANNERS), "停止党籍", "转出", "其他")


@dataclass(frozen=True)
class Table:
    """One table: labelled counts in a fixed order (empty ones kept, so that the layout never changes)."""

    title: str
    rows: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(count for _label, count in self.rows)

    def count(self, label: str) -> int:
        return dict(self.rows)[label]


@dataclass(frozen=True)
class YearStatistics:
    year: int
    at_start: int  # on the rolls on the last day of the year before
    at_end: int  # on the rolls on the last day of the year
    increases: Table
    decreases: Table
    members: tuple[Table, ...]  # those at the end, by each characteristic
    admitted: tuple[Table, ...]  # those admitted (发展) in the year, by sex, nationality, age and education
    applicants: int  # 入党申请人 with the branch at the end of the year (not yet 积极分子)
    activists: int  # 入党积极分子, 发展对象 included
    candidates: int  # of whom 发展对象

    @property
    def adds_up(self) -> bool:
        return self.at_start + self.increases.total - self.decreases.total == self.at_end


_COLUMNS = (Member.id, Member.name, Member.gender, Member.ethnicity, Member.birth_date, Member.education,
            Member.applied_on, Member.activist_on, Member.candidate_on, Member.probation_on, Member.full_on,
            Member.status, Member.left_on, Member.rolls_gaps, Member.date_precision)


def year_statistics(year: int) -> YearStatistics:
    """The year's tables from four queries whatever the number of records."""
    before, last = dt.date(year - 1, 12, 31), dt.date(year, 12, 31)
    people = list(Member.select(*_COLUMNS))
    events = {(member, day): (kind, manner) for member, day, kind, manner in
              PartyEvent.select(PartyEvent.member, PartyEvent.date, PartyEvent.kind, PartyEvent.manner).tuples()}
    increases: Counter = Counter()
    decreases: Counter = Counter()
    admitted = []
    for person in people:
        for start, end in rolls_periods(person):
            if before < start <= last:
                cause = _entry_cause(person, start, events)
                increases[cause] += 1
                if cause == INCREASES[0]:
                    admitted.append(person)
            if end is not None and before < end <= last:
                decreases[_exit_cause(person, end, events)] += 1
    at_end = [p for p in people if on_rolls(p, last)]
    retired = _retired(year)
    still_here = [p for p in people if present(p, last) and not on_rolls(p, last)]
    stages = Counter(stage_at(p, last) for p in still_here)
    return YearStatistics(
        year=year,
        at_start=Member.select().where(on_rolls_expr(before)).count(),
        at_end=Member.select().where(on_rolls_expr(last)).count(),
        increases=Table("党员增加", tuple((label, increases[label]) for label in INCREASES)),
        decreases=Table("党员减少", tuple((label, decreases[label]) for label in DECREASES)),
        members=(
            _table("性别", at_end, lambda p: p.gender, ("男", "女")),
            _table("民族", at_end, _nationality, ("汉族", "少数民族")),
            _table("年龄", at_end, lambda p: _band(_years(p.birth_date, last), AGE_BANDS), _labels(AGE_BANDS)),
            _table("学历", at_end, _education, EDUCATIONS),
            _table("党龄", at_end, lambda p: _party_age(p, last), (*_labels(PARTY_AGE_BANDS), PROBATIONERS),
                   blank=False),
            _table("正式党员与预备党员", at_end, lambda p: stage_at(p, last), ("正式党员", "预备党员"), blank=False),
            _table("在职与离退休", at_end, lambda p: "离退休" if p.id in retired else "在职", ("在职", "离退休"),
                   blank=False),
        ),
        admitted=(
            _table("性别", admitted, lambda p: p.gender, ("男", "女")),
            _table("民族", admitted, _nationality, ("汉族", "少数民族")),
            _table("年龄", admitted, lambda p: _band(_years(p.birth_date, p.probation_on), AGE_BANDS),
                   _labels(AGE_BANDS)),
            _table("学历", admitted, _education, EDUCATIONS),
        ),
        applicants=stages["入党申请人"],
        activists=stages["入党积极分子"] + stages["发展对象"],
        candidates=stages["发展对象"],
    )


def _entry_cause(person: Member, start: dt.date, events: dict) -> str:
    if (person.id, start) in events:
        kind = events[person.id, start][0]
        return kind if kind in INCREASES else INCREASES[-1]
    return INCREASES[0] if start == person.probation_on else INCREASES[-1]


def _exit_cause(person: Member, end: dt.date, events: dict) -> str:
    kind, manner = events.get((person.id, end), (EVENT_OF_STATUS.get(person.status, ""), ""))
    if kind == "出党":
        label = f"出党：{manner}"
        return label if label in DECREASES else DECREASES[-1]
    return kind if kind in DECREASES else DECREASES[-1]


def _table(title: str, people: Iterable[Member], key: Callable[[Member], str], order: tuple[str, ...],
           *, blank: bool = True) -> Table:
    """Counts by `key` in `order`; with `blank`, a last row 未填 for what is blank or a word outside the list (a
    roster's own), so that the table adds up whatever the records hold (a key that is never blank has none)."""
    counts = Counter(key(p) or UNKNOWN for p in people)
    rows = [(label, counts.pop(label, 0)) for label in order]
    if blank:
        rows.append((UNKNOWN, sum(counts.values())))
    return Table(title, tuple(rows))


def _labels(bands: tuple[tuple[int | None, str], ...]) -> tuple[str, ...]:
    return tuple(label for _upper, label in bands)


def _education(person: Member) -> str:
    text = (person.education or "").strip()
    return EDUCATION_WORDS.get(text, text)


def _nationality(person: Member) -> str:
    if not person.ethnicity:
        return ""
    return "汉族" if person.ethnicity in ("汉", "汉族") else "少数民族"


def _years(since: dt.date | None, day: dt.date) -> int | None:
    return None if since is None else full_years(since, day)


def _band(years: int | None, bands: tuple[tuple[int | None, str], ...]) -> str:
    if years is None:
        return ""
    return next(label for upper, label in bands if upper is None or years <= upper)


def _party_age(person: Member, day: dt.date) -> str:
    """党龄 counts from 转正; probationers have none yet."""
    if person.full_on is None or person.full_on > day:
        return PROBATIONERS
    return _band(_years(person.full_on, day), PARTY_AGE_BANDS)


def _retired(year: int) -> set[int]:
    """Members whose latest dues base up to the year is of the 离退休 category."""
    latest: dict[int, str] = {}
    query = (DuesBase.select(DuesBase.member, DuesBase.category).where(DuesBase.year <= year)
             .order_by(DuesBase.year, DuesBase.from_month).tuples())
    for member, category in query:
        latest[member] = category
    return {member for member, category in latest.items() if category == "离退休"}


# -- the printed layout, shared by the PDF and the workbook --------------------------------------------

@dataclass(frozen=True)
class Section:
    """One table of the printout: its heading, column headers and rows; a row's first cell names the
    characteristic and is blank on the rows that continue it (the printout joins those cells)."""

    heading: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _share(count: int, total: int) -> str:
    return f"{count * 100 / total:.1f}" if total else "—"


def _breakdown(heading: str, tables: tuple[Table, ...]) -> Section:
    rows = []
    for table in tables:
        for index, (label, count) in enumerate(table.rows):
            rows.append((table.title if index == 0 else "", label, str(count), _share(count, table.total)))
    return Section(heading, ("项目", "分类", "人数", "占比（%）"), tuple(rows))


def sections(s: YearStatistics) -> tuple[Section, ...]:
    """The year's tables as printed: the change of numbers, the members at the end, those admitted, and the
    applicants and activists."""
    change = [("上年末党员数", "", str(s.at_start))]
    for table, sign in ((s.increases, "本年增加"), (s.decreases, "本年减少")):
        change += [(sign if index == 0 else "", label, str(count)) for index, (label, count) in enumerate(table.rows)]
        change.append(("", "小计", str(table.total)))
    change.append(("本年末党员数", "", str(s.at_end)))
    return (
        Section("一、党员增减情况", ("项目", "原因", "人数"), tuple(change)),
        _breakdown(f"二、{s.year}年末党员构成（共{s.at_end}名）", s.members),
        _breakdown(f"三、{s.year}年发展党员构成（共{s.admitted[0].total}名）", s.admitted),
        Section("四、入党申请人和入党积极分子（年末）", ("项目", "", "人数"), (
            ("入党申请人", "", str(s.applicants)),
            ("入党积极分子", "", str(s.activists)),
            ("", "其中：发展对象", str(s.candidates)),
        )),
    )


def _summed(tables: list[Table]) -> Table:
    labels = [label for label, _count in tables[0].rows]
    return Table(tables[0].title, tuple((label, sum(t.count(label) for t in tables)) for label in labels))


def combined(year: int, parts: list[YearStatistics]) -> YearStatistics:
    """The tables of several branches added up, as a 党总支 or 党委 reports them (the layout is fixed, so every
    table of every branch has the same rows); at least one part."""
    return YearStatistics(
        year=year,
        at_start=sum(p.at_start for p in parts),
        at_end=sum(p.at_end for p in parts),
        increases=_summed([p.increases for p in parts]),
        decreases=_summed([p.decreases for p in parts]),
        members=tuple(_summed(list(tables)) for tables in zip(*(p.members for p in parts), strict=True)),
        admitted=tuple(_summed(list(tables)) for tables in zip(*(p.admitted for p in parts), strict=True)),
        applicants=sum(p.applicants for p in parts),
        activists=sum(p.activists for p in parts),
        candidates=sum(p.candidates for p in parts),
    )


def netted(s: YearStatistics, internal: int) -> YearStatistics:
    """The tables of an organisation whose branches moved `internal` members between themselves in the year: such a
    move is no increase or decrease of the organisation (its 转入 and 转出 count what crosses its boundary)."""
    def less(table: Table, label: str) -> Table:
        return Table(table.title, tuple((row, count - internal if row == label else count) for row, count in table.rows))

    return replace(s, increases=less(s.increases, INCREASES[1]), decreases=less(s.decreases, DECREASES[-2]))
