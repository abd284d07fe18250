"""A year's 民主评议党员 as the tab, the printouts and the summary read it: the round, each member's ballot and
grade, the counts by grade, the 优秀 allowed, and members graded 不合格 two years running."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from dangjian_desktop.common.names import name_order
from dangjian_desktop.domain.rules import appraisal as rule
from dangjian_desktop.domain.rules.membership import stage_at
from dangjian_desktop.services.settings import load_settings
from dangjian_desktop.store.models import APPRAISAL_GRADES, Appraisal, AppraisalEntry, Member


@dataclass(frozen=True)
class AppraisalRow:
    entry_id: int
    member_id: int
    name: str
    stage: str  # 正式党员 / 预备党员 at the year's end (or when he left)
    excused: str
    votes: tuple[int, ...]  # per grade, best first
    grade: str
    grade_reason: str
    follow_up: str

    @property
    def ballot(self) -> str | None:
        return rule.ballot_grade(self.votes)


@dataclass(frozen=True)
class AppraisalYear:
    year: int
    round: Appraisal | None
    rows: list[AppraisalRow]  # by name
    share: str  # the 优秀 share setting ("1/3")
    unqualified_twice: list[str]  # names

    @property
    def participants(self) -> list[AppraisalRow]:
        return [r for r in self.rows if not r.excused]

    @property
    def excused(self) -> list[AppraisalRow]:
        return [r for r in self.rows if r.excused]

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(r.grade for r in self.participants if r.grade)
        return {grade: found[grade] for grade in APPRAISAL_GRADES}

    @property
    def ungraded(self) -> list[AppraisalRow]:
        return [r for r in self.participants if not r.grade]

    @property
    def excellent_allowed(self) -> int:
        return rule.excellent_allowed(len(self.participants), self.share)

    def figures_text(self) -> str:
        """参评 N 人，优秀 a 人、合格 b 人…: the line of the summary and the higher committee's figures."""
        counts = "、".join(f"{grade} {n} 人" for grade, n in self.counts.items())
        excused = f"（另有 {len(self.excused)} 人因故不参加评议）" if self.excused else ""
        return f"参评党员 {len(self.participants)} 人{excused}，评定为{counts}"


def appraisal_year(year: int, by_name: bool = True) -> AppraisalYear:
    """The year's round and list in three queries; the rows by name (pinyin) unless `by_name` is False (the
    overview's reminders, read at start-up before pypinyin is wanted)."""
    round_ = Appraisal.get_or_none(Appraisal.year == year)
    entries = list(AppraisalEntry.select(AppraisalEntry, Member).join(Member).where(AppraisalEntry.year == year))
    end = dt.date(year, 12, 31)
    rows = [AppraisalRow(e.id, e.member_id, e.member.name,
                         stage_at(e.member, min(end, e.member.left_on or end)), e.excused,
                         rule.votes_of(e), e.grade, e.grade_reason, e.follow_up) for e in entries]
    if by_name:
        rows.sort(key=lambda r: name_order(r.name))
    earlier = dict(AppraisalEntry.select(AppraisalEntry.member, AppraisalEntry.grade)
                   .where((AppraisalEntry.year == year - 1) & (AppraisalEntry.grade == "不合格")).tuples())
    twice = [r.name for r in rows if rule.unqualified_twice(r.grade, earlier.get(r.member_id, ""))]
    return AppraisalYear(year, round_, rows, load_settings().excellent_share, twice)
