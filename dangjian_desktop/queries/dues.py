"""党费 as the grid, the ledger and the figures show it: per member and month what was due and paid, the year's
应交/实交/欠交 and 按时交纳率, who is behind, and what was handed up. A few queries, the rules applied in Python."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from peewee import fn

from dangjian_desktop.common.money import yuan
from dangjian_desktop.common.names import name_order
from dangjian_desktop.domain.rules import dues as rule
from dangjian_desktop.domain.rules.membership import on_rolls_during_expr, present
from dangjian_desktop.store.connection import db
from dangjian_desktop.store.models import DuesBase, DuesPayment, DuesRemittance, Member

PERIOD_MONTHS = {"month": 1, "quarter": 3, "half": 6}  # settings.DUES_REMITTANCE_PERIODS


@dataclass(frozen=True)
class DuesCell:
    month: int
    state: str  # none (not on the rolls), paid, late (paid after its month), owed (past and unpaid), open
    due: int | None = None  # 分
    paid: int | None = None
    payment_id: int | None = None
    paid_on: dt.date | None = None
    payer: str = ""
    receipt: str = ""


def cell_text(cell: DuesCell) -> str:
    """A month's cell as the ledger and the screen show it."""
    if cell.state == "none":
        return "—"
    if cell.paid is not None:
        return f"{yuan(cell.paid)}\n补" if cell.state == "late" else yuan(cell.paid)
    if cell.state == "owed":
        return "欠"
    return "免" if cell.due == 0 else ""


@dataclass(frozen=True)
class DuesRow:
    member_id: int
    name: str
    party_group: str
    category: str  # of the latest base of the year ("" when none)
    base: int | None
    rate: str
    monthly: int | None  # the latest month's dues
    cells: tuple[DuesCell, ...]  # January to December
    base_id: int | None = None  # the latest base of the year
    base_from: int | None = None  # the month it runs from

    def counted(self, cutoff: int) -> list[DuesCell]:
        """The months owed and due by `cutoff` (the last month counted)."""
        return [c for c in self.cells if c.state != "none" and c.month <= cutoff]

    def expected(self, cutoff: int) -> int:
        return sum(c.due or 0 for c in self.counted(cutoff))

    @property
    def paid(self) -> int:
        return sum(c.paid or 0 for c in self.cells)

    def arrears(self, cutoff: int) -> int:
        return sum(c.due or 0 for c in self.counted(cutoff) if c.paid is None)

    def unpaid(self, cutoff: int) -> list[int]:
        return [c.month for c in self.counted(cutoff) if c.paid is None and c.due != 0]

    @property
    def made_up(self) -> int:
        """Paid after its month (补交)."""
        return sum(c.paid or 0 for c in self.cells if c.state == "late")


@dataclass(frozen=True)
class DuesYear:
    year: int
    today: dt.date
    rows: tuple[DuesRow, ...]
    cutoff: int  # months 1..cutoff are due (12 for a past year, the month before today's in this one)
    remitted: int  # handed up for the year's months
    remittances: tuple = ()

    @property
    def expected(self) -> int:
        return sum(r.expected(self.cutoff) for r in self.rows)

    @property
    def paid(self) -> int:
        return sum(r.paid for r in self.rows)

    @property
    def arrears(self) -> int:
        return sum(r.arrears(self.cutoff) for r in self.rows)

    @property
    def owed_months(self) -> int:
        return sum(len(r.counted(self.cutoff)) for r in self.rows)

    @property
    def on_time_rate(self) -> float | None:
        """The share of owed member-months paid by the end of the month (exempt months count as paid)."""
        months = [c for r in self.rows for c in r.counted(self.cutoff)]
        if not months:
            return None
        return sum(1 for c in months if c.state == "paid" or c.due == 0) / len(months)

    def by_name(self) -> list[DuesRow]:
        """The rows in the order of every printed roll (pinyin, surname read as a surname)."""
        return sorted(self.rows, key=lambda r: name_order(r.name))

    @property
    def without_base(self) -> list[str]:
        return [r.name for r in self.rows if r.base_id is None]


def due_cutoff(year: int, today: dt.date) -> int:
    """The last month of `year` whose dues are late if unpaid by `today`."""
    return max(0, min(12, rule.last_due_month(today) - rule.month_index(year, 1) + 1))


def dues_year(year: int, today: dt.date | None = None) -> DuesYear:
    """The year's grid: every member on the rolls in some month of it, with each month's cell (`by_name()` for
    the printed order; the figures need none, and start-up stays without the pinyin tables)."""
    today = today or dt.date.today()
    people = list(Member.select(Member.id, Member.name, Member.party_group, Member.probation_on, Member.left_on,
                                Member.rolls_gaps, Member.applied_on, Member.activist_on, Member.candidate_on, Member.full_on)
                  .where(on_rolls_during_expr(dt.date(year, 1, 1), dt.date(year, 12, 31))))
    bases: dict[int, list[DuesBase]] = defaultdict(list)
    for base in DuesBase.select().where(DuesBase.year == year).order_by(DuesBase.from_month):
        bases[base.member_id].append(base)
    payments = {(p.member_id, p.month): p for p in DuesPayment.select().where(DuesPayment.year == year)}
    rows = []
    for person in people:
        own = bases.get(person.id, [])
        cells = tuple(_cell(person, own, payments.get((person.id, month)), year, month, today)
                      for month in range(1, 13))
        latest = own[-1] if own else None
        due = rule.base_due(latest) if latest else rule.Due(None, "")
        rows.append(DuesRow(person.id, person.name, person.party_group, latest.category if latest else "",
                            latest.base if latest else None, due.rate, due.amount, cells,
                            latest.id if latest else None, latest.from_month if latest else None))
    remittances = tuple(DuesRemittance.select().where(DuesRemittance.year == year).order_by(DuesRemittance.remitted_on))
    return DuesYear(year, today, tuple(rows), due_cutoff(year, today), sum(r.amount for r in remittances),
                    remittances)


def _cell(person: Member, bases: list[DuesBase], payment: DuesPayment | None, year: int, month: int,
          today: dt.date) -> DuesCell:
    if not rule.owes(person, year, month):
        return DuesCell(month, "none")
    base = rule.in_effect(bases, year, month)
    due = rule.base_due(base).amount if base is not None else None
    if payment is not None:
        state = "paid" if rule.on_time(payment.paid_on, year, month) else "late"
        return DuesCell(month, state, due, payment.amount, payment.id, payment.paid_on, payment.payer, payment.receipt)
    late = rule.month_index(year, month) <= rule.last_due_month(today)
    return DuesCell(month, "owed" if late and due != 0 else "open", due)


# -- who is behind, over the years ----------------------------------------------------------------

@dataclass(frozen=True)
class Behind:
    member_id: int
    name: str
    runs: tuple[tuple[int, int], ...]  # spans of unpaid months in a row (month indexes)

    @property
    def longest(self) -> int:
        return max(last - first + 1 for first, last in self.runs)

    @property
    def months(self) -> int:
        return sum(last - first + 1 for first, last in self.runs)

    def spans(self) -> str:
        return "、".join(rule.span_label(*run) for run in self.runs)


def dues_start() -> int | None:
    """The first month the branch keeps dues in this program (its earliest base); none before counts."""
    row = DuesBase.select(fn.MIN(DuesBase.year * 12 + DuesBase.from_month - 1)).scalar()
    return int(row) if row is not None else None


def members_behind(today: dt.date | None = None) -> list[Behind]:
    """Members still with the branch with owed months unpaid (before this month, since dues are kept here),
    the longest run first."""
    today = today or dt.date.today()
    start, last = dues_start(), rule.last_due_month(today)
    if start is None or last < start:
        return []
    first_year, first_month = rule.month_of(start)
    people = [p for p in Member.select().where(on_rolls_during_expr(dt.date(first_year, first_month, 1), today))
              if present(p, today)]
    paid: dict[int, set[int]] = defaultdict(set)
    payments = (DuesPayment.select(DuesPayment.member, DuesPayment.year, DuesPayment.month)
                .where(DuesPayment.year >= first_year))
    for member_id, year, month in db.execute(payments).fetchall():  # plain integers: no per-row model work
        paid[member_id].add(rule.month_index(year, month))
    bases: dict[int, list[DuesBase]] = defaultdict(list)
    for base in DuesBase.select().where(DuesBase.year >= first_year):
        bases[base.member_id].append(base)
    found = []
    for person in people:
        runs = _unpaid(person, bases[person.id], paid[person.id], start, last)
        if runs:
            found.append(Behind(person.id, person.name, tuple(runs)))
    return sorted(found, key=lambda b: (-b.longest, b.name))


def _unpaid(person: Member, bases: list[DuesBase], paid: set[int], start: int, last: int) -> list[tuple[int, int]]:
    """The runs of months from `start` to `last` (indexes) he owed and did not pay (exempt months count paid)."""
    exempt = {i for i in range(start, last + 1)
              if (base := rule.in_effect(bases, *rule.month_of(i))) is not None and rule.base_due(base).amount == 0
              } if any(rule.base_due(b).amount == 0 for b in bases) else set()
    return rule.unpaid_runs(rule.owed_months(person, start, last), paid | exempt)


def decisions(year: int) -> list[DuesBase]:
    """The year's bases set by a branch decision (少交、免交), not by the rule."""
    return [b for b in DuesBase.select(DuesBase, Member).join(Member).where(DuesBase.year == year)
            .order_by(DuesBase.from_month) if not rule.base_due(b).by_rule]


# -- remittances ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class RemittancePeriod:
    year: int
    first_month: int
    last_month: int
    collected: int  # paid for its months
    remitted: int  # handed up for months within it
    covered: bool  # every month of it is in some remittance

    @property
    def label(self) -> str:
        months = self.last_month - self.first_month + 1
        if months == 3:
            return f"{self.year}年第{(self.first_month + 2) // 3}季度"
        if months == 6:
            return f"{self.year}年{'上' if self.first_month == 1 else '下'}半年"
        return f"{self.year}年{self.first_month}月"


def remittance_periods(year: int, period: str) -> list[RemittancePeriod]:
    """The year's periods of handing dues up (a setting: monthly, quarterly, half-yearly)."""
    step = PERIOD_MONTHS[period]
    collected: dict[int, int] = defaultdict(int)
    for month, amount in (DuesPayment.select(DuesPayment.month, DuesPayment.amount)
                          .where(DuesPayment.year == year).tuples()):
        collected[month] += amount
    remittances = list(DuesRemittance.select().where(DuesRemittance.year == year))
    periods = []
    for first in range(1, 13, step):
        last = first + step - 1
        months = set(range(first, last + 1))
        inside = [r for r in remittances if r.first_month >= first and r.last_month <= last]
        covering = set().union(*(range(r.first_month, r.last_month + 1) for r in remittances)) if remittances else set()
        periods.append(RemittancePeriod(year, first, last, sum(collected[m] for m in months),
                                        sum(r.amount for r in inside), months <= covering))
    return periods


@dataclass(frozen=True)
class Balance:
    day: dt.date
    collected: int
    remitted: int

    @property
    def held(self) -> int:
        return self.collected - self.remitted


def balance_on(day: dt.date) -> Balance:
    """Collected minus handed up, by `day`."""
    collected = DuesPayment.select(fn.SUM(DuesPayment.amount)).where(DuesPayment.paid_on <= day).scalar() or 0
    remitted = (DuesRemittance.select(fn.SUM(DuesRemittance.amount))
                .where(DuesRemittance.remitted_on <= day).scalar() or 0)
    return Balance(day, collected, remitted)


@dataclass(frozen=True)
class MemberDues:
    """One member's dues as the 党费交纳证明 states them: every payment, paid up to which month, and the months
    owed and unpaid (since dues are kept here, up to last month or the month he left)."""

    member: Member
    payments: tuple[DuesPayment, ...]
    unpaid: tuple[tuple[int, int], ...]  # runs of month indexes

    @property
    def paid_up_to(self) -> tuple[int, int] | None:
        """The last month paid for (year, month), when every month owed before it is paid too."""
        if not self.payments:
            return None
        last = max(rule.month_index(p.year, p.month) for p in self.payments)
        first_gap = min((first for first, _last in self.unpaid), default=None)
        return rule.month_of(last if first_gap is None or first_gap > last else first_gap - 1)

    @property
    def paid_after(self) -> list[tuple[int, int]]:
        """Spans of months paid after the first month owed and unpaid (the proof names them too)."""
        first_gap = min((first for first, _last in self.unpaid), default=None)
        if first_gap is None:
            return []
        return rule.runs_of(i for p in self.payments if (i := rule.month_index(p.year, p.month)) > first_gap)

    @property
    def total(self) -> int:
        return sum(p.amount for p in self.payments)


def member_dues(member_id: int, today: dt.date | None = None) -> MemberDues | None:
    """The member's dues record (None when no such member)."""
    person = Member.get_or_none(Member.id == member_id)
    if person is None:
        return None
    today = today or dt.date.today()
    payments = tuple(DuesPayment.select().where(DuesPayment.member == member_id)
                     .order_by(DuesPayment.year, DuesPayment.month))
    start, last = dues_start(), rule.last_due_month(today)
    unpaid: list[tuple[int, int]] = []
    if start is not None and last >= start:
        bases = list(DuesBase.select().where(DuesBase.member == member_id))
        unpaid = _unpaid(person, bases, {rule.month_index(p.year, p.month) for p in payments}, start, last)
    return MemberDues(person, payments, tuple(unpaid))
