"""The committee view: each branch's figures of a year side by side under its 党总支 and 党委, and every
organisation's totals added up from the branches beneath it (members, 三会一课 by the rules, dues, appraisal,
talks, the 党内统计 tables), with the committees whose terms end soon. Read on a server, one branch at a time."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace

from dangjian_desktop.common.money import yuan
from dangjian_desktop.queries.compliance import load_grid
from dangjian_desktop.queries.dues import dues_year
from dangjian_desktop.queries.reminders import Reminder, committee_term_reminders, term_reminders
from dangjian_desktop.queries.statistics import YearStatistics, combined, netted, year_statistics
from dangjian_desktop.services.organisation import OrgNode, subtree
from dangjian_desktop.services.settings import load_settings
from dangjian_desktop.store import tree
from dangjian_desktop.store.models import (
    APPRAISAL_GRADES,
    MEETING_KINDS,
    AppraisalEntry,
    Meeting,
    Member,
    PartyEvent,
    Talk,
)

# The view's columns, for the window and the command line alike (Figures.cells gives a row's).
COLUMNS = ("党员", "其中预备党员", "三会一课应开", "已开", "未开", "党费应交（元）", "实交（元）", "欠交（元）",
           "评议优秀", "合格", "基本合格", "不合格", "谈心谈话")


@dataclass(frozen=True)
class Figures:
    """What the committee view shows of one organisation for a year (a branch's own, or a sum)."""

    members: int = 0  # on the rolls at the end of the year
    probationers: int = 0
    meetings: dict[str, int] = field(default_factory=dict)  # by kind
    periods_due: int = 0  # 三会一课 periods of the year that have ended (or are held), by the rules
    periods_held: int = 0
    periods_missing: int = 0
    dues_expected: int = 0  # 分
    dues_paid: int = 0
    dues_arrears: int = 0
    grades: dict[str, int] = field(default_factory=dict)  # 民主评议 results, by grade
    talks: int = 0
    statistics: YearStatistics | None = None

    def cells(self) -> tuple[str, ...]:
        return (str(self.members), str(self.probationers), str(self.periods_due), str(self.periods_held),
                str(self.periods_missing), yuan(self.dues_expected), yuan(self.dues_paid), yuan(self.dues_arrears),
                *(str(self.grades.get(g, 0)) for g in APPRAISAL_GRADES), str(self.talks))

    def __add__(self, other: Figures) -> Figures:
        stats = [s for s in (self.statistics, other.statistics) if s is not None]
        return Figures(
            self.members + other.members, self.probationers + other.probationers,
            {k: self.meetings.get(k, 0) + other.meetings.get(k, 0) for k in MEETING_KINDS},
            self.periods_due + other.periods_due, self.periods_held + other.periods_held,
            self.periods_missing + other.periods_missing,
            self.dues_expected + other.dues_expected, self.dues_paid + other.dues_paid,
            self.dues_arrears + other.dues_arrears,
            {g: self.grades.get(g, 0) + other.grades.get(g, 0) for g in APPRAISAL_GRADES},
            self.talks + other.talks,
            combined(stats[0].year, stats) if stats else None)


@dataclass
class TreeRow:
    """One organisation in the view: its own figures for a branch, the sum of those below it otherwise (members
    moved between its own branches in the year netted out of its 转入 and 转出: `internal`)."""

    organisation: tree.Organisation
    depth: int
    figures: Figures
    children: list[TreeRow] = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)  # the committee's term ending
    moves: Moves = field(default_factory=lambda: Moves(Counter(), Counter()))
    internal: int = 0

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Moves:
    """The year's 转出 and 转入 of a subtree, by the members' 身份证号 (those without one cannot be matched)."""

    out: Counter
    into: Counter

    def __add__(self, other: Moves) -> Moves:
        return Moves(self.out + other.out, self.into + other.into)

    @property
    def within(self) -> int:
        """Moves whose both ends lie in the subtree."""
        return sum(min(count, self.into[number]) for number, count in self.out.items())


def branch_moves(year: int) -> Moves:
    """The branch's transfers out and in of the year."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = (PartyEvent.select(PartyEvent.kind, Member.id_number).join(Member)
            .where(PartyEvent.date.between(first, last) & PartyEvent.kind.in_(("转出", "转入"))
                   & (Member.id_number != "")).tuples())
    out, into = Counter(), Counter()
    for kind, number in rows:
        (out if kind == "转出" else into)[number] += 1
    return Moves(out, into)


def branch_figures(year: int, today: dt.date) -> Figures:
    """The figures of the branch the connection works on."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    stats = year_statistics(year)
    kinds = Counter(kind for (kind,) in Meeting.select(Meeting.kind).where(Meeting.date.between(first, last)).tuples())
    cells = [p for row in load_grid(year, today).rows for p in row.periods if p.state in ("held", "missing")]
    dues = dues_year(year)
    grades = Counter(grade for (grade,) in AppraisalEntry.select(AppraisalEntry.grade)
                     .where((AppraisalEntry.year == year) & (AppraisalEntry.grade != "")).tuples())
    return Figures(
        members=stats.at_end, probationers=stats.members[5].count("预备党员"),
        meetings={kind: kinds.get(kind, 0) for kind in MEETING_KINDS},
        periods_due=len(cells), periods_held=sum(p.state == "held" for p in cells),
        periods_missing=sum(p.state == "missing" for p in cells),
        dues_expected=dues.expected, dues_paid=dues.paid, dues_arrears=dues.arrears,
        grades={g: grades.get(g, 0) for g in APPRAISAL_GRADES},
        talks=Talk.select().where(Talk.date.between(first, last)).count(),
        statistics=stats)


def tree_figures(root_id: int, year: int, today: dt.date | None = None) -> TreeRow:
    """The view of `root_id` and everything under it; the connection is back on the branch it worked on after."""
    today = today or dt.date.today()
    was = tree.current_branch()
    try:
        return _row(subtree(root_id), 0, year, today)
    finally:
        if was is None:
            tree.leave_branch()
        else:
            tree.enter_branch(was)


def _row(node: OrgNode, depth: int, year: int, today: dt.date) -> TreeRow:
    org = node.organisation
    if node.is_branch:
        tree.enter_branch(org.id)
        return TreeRow(org, depth, branch_figures(year, today),
                       reminders=[r for r in term_reminders(load_settings(), today) if r.table == "election"],
                       moves=branch_moves(year))
    children = [_row(child, depth + 1, year, today) for child in node.children if child.organisation.level != "党小组"]
    total = sum((child.figures for child in children), Figures())
    moves = sum((child.moves for child in children), Moves(Counter(), Counter()))
    if total.statistics is not None and moves.within:
        total = replace(total, statistics=netted(total.statistics, moves.within))
    reminders = (committee_term_reminders(org.term_start, org.term_years, f"{org.name}委员会", "换届", today)
                 if org.term_start else [])
    return TreeRow(org, depth, total, children, reminders, moves, moves.within)
