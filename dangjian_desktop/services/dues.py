"""党费: the base of each member and year, the payments month by month, the remittances to the higher committee,
and the actions on them (paying several months at once, carrying the bases over to the next year)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dangjian_desktop.common.money import yuan
from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.rules import dues as rule
from dangjian_desktop.domain.validation import Checker, Problem, ValidationError
from dangjian_desktop.services.base import RecordService, SaveResult, batch, storage_faults
from dangjian_desktop.store.connection import db
from dangjian_desktop.store.models import DuesBase, DuesPayment, DuesRemittance, Member


def _member(values: dict[str, Any]) -> Member | None:
    return Member.get_or_none(Member.id == values["member"]) if values.get("member") else None


def _owes_in_year(c: Checker, person: Member, year: int) -> bool:
    if any(rule.owes(person, year, month) for month in range(1, 13)):
        return True
    c.add("year", f"{person.name}{year}年不在党员名册上（入党前或已离开），无须交纳党费。")
    return False


class DuesBaseService(RecordService):
    kind = kinds.DUES_BASE

    def check(self, c: Checker, values: dict[str, Any], data: dict[str, Any], record: DuesBase | None) -> dict:
        person = _member(values)
        if c.errors or person is None:
            return {}
        _owes_in_year(c, person, values["year"])
        twin = DuesBase.select().where((DuesBase.member == person.id) & (DuesBase.year == values["year"])
                                       & (DuesBase.from_month == values["from_month"]))
        if record is not None:
            twin = twin.where(DuesBase.id != record.id)
        if twin.exists():
            c.add("from_month", f"{person.name}{values['year']}年自{values['from_month']}月起的基数已经登记，"
                                "请修改那一条。")
        category, base, amount = values["category"], values["base"], values["amount"]
        if category in rule.BRACKETS and base is None and amount is None:
            c.add("base", f"{category}党员请填写月工资收入（按比例计算党费）。")
        if category == "其他" and amount is None:
            c.add("amount", "人员类别为“其他”时，请填写每月应交金额。")
        if amount is not None and not rule.within_rule(category, base, amount) and category != "其他":
            expected = rule.rule_due(category, base)
            by_rule = f"按规定应交 {yuan(expected.amount)} 元（{expected.rate}）" if expected.amount is not None else ""
            for name, label in (("reason", "原因"), ("decided_on", "支部决定日期"), ("approved_by", "批准的上级党组织")):
                if not values[name]:
                    c.add(name, f"每月应交与规定不同{'（' + by_rule + '）' if by_rule else ''}：少交、免交须经支部"
                                f"决定并报上级党组织批准，请填写{label}。")
        return {}


class DuesPaymentService(RecordService):
    kind = kinds.DUES_PAYMENT

    def check(self, c: Checker, values: dict[str, Any], data: dict[str, Any], record: DuesPayment | None) -> dict:
        person = _member(values)
        if c.errors or person is None:
            return {}
        year, month = values["year"], values["month"]
        if not rule.owes(person, year, month):
            c.add("month", f"{person.name}{year}年{month}月不在党员名册上（入党前或已离开），无须交纳党费。")
            return {}
        twin = DuesPayment.select().where((DuesPayment.member == person.id) & (DuesPayment.year == year)
                                          & (DuesPayment.month == month))
        if record is not None:
            twin = twin.where(DuesPayment.id != record.id)
        if twin.exists():
            c.add("month", f"{person.name}{year}年{month}月的党费已经登记过，请修改那一条。")
            return {}
        due = month_due(person.id, year, month)
        amount = values["amount"]
        if due.amount is None:
            c.add("amount", f"{person.name}{year}年{month}月尚未核定党费基数，无法核对金额。", "warning")
        elif amount < due.amount:
            c.add("amount", f"按核定基数，{person.name}{year}年{month}月应交 {yuan(due.amount)} 元（{due.rate}），"
                            f"此次为 {yuan(amount)} 元，少交 {yuan(due.amount - amount)} 元。", "warning")
        elif amount > due.amount:
            extra = amount - due.amount
            centre = "；一次自愿多交1000元以上的，须全额上缴中央" if extra >= rule.TO_CENTRE_FEN else ""
            c.add("amount", f"按核定基数，{person.name}{year}年{month}月应交 {yuan(due.amount)} 元（{due.rate}），"
                            f"此次为 {yuan(amount)} 元，多交 {yuan(extra)} 元（自愿多交{centre}）。", "warning")
        if values["paid_on"] and rule.made_up_late(values["paid_on"], year, month):
            c.add("paid_on", f"补交{year}年{month}月的党费已超过{rule.MAKE_UP_MONTHS}个月，"
                             "补交一般不超过6个月，请在备注中说明原因。", "warning")
        return {}


class DuesRemittanceService(RecordService):
    kind = kinds.DUES_REMITTANCE

    def check(self, c: Checker, values: dict[str, Any], data: dict[str, Any],
              record: DuesRemittance | None) -> dict:
        if not c.errors and values["first_month"] > values["last_month"]:
            c.add("last_month", "截止月份不能早于起始月份。")
        return {}


dues_bases = DuesBaseService()
dues_payments = DuesPaymentService()
dues_remittances = DuesRemittanceService()


def month_due(member_id: int, year: int, month: int) -> rule.Due:
    """What the member's base sets for the month (amount None when no base is recorded for it)."""
    bases = list(DuesBase.select().where((DuesBase.member == member_id) & (DuesBase.year == year)))
    base = rule.in_effect(bases, year, month)
    return rule.base_due(base) if base is not None else rule.Due(None, "")


@dataclass
class PaymentResult:
    created: list[Any] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def pay_months(member_id: int, year: int, months: Sequence[int], paid_on: dt.date | str, *,
               amount: object = None, payer: str = "", receipt: str = "", note: str = "") -> PaymentResult:
    """One payment covering several months (a quarter, 补交, in advance), written as one row per month in one
    transaction: each month at its due amount, or at `amount` a month when given. All or nothing."""
    result = PaymentResult()
    problems: list[Problem] = []
    person = Member.get_or_none(Member.id == member_id)
    name = person.name if person else ""
    with storage_faults(), db.atomic():
        with batch():
            for month in sorted(set(months)):
                each = amount if amount not in (None, "") else month_due(member_id, year, month).amount
                if each is None:
                    problems.append(Problem("amount", f"{name}{year}年{month}月尚未核定党费基数，请先核定基数或填写每月金额。"))
                    continue
                try:
                    saved: SaveResult = dues_payments.create({
                        "member": member_id, "year": year, "month": month, "amount": each, "paid_on": paid_on,
                        "payer": payer, "receipt": receipt, "note": note})
                except ValidationError as exc:
                    problems += [p for p in exc.problems if p.is_error]
                    continue
                result.created.append(saved.record)
                result.warnings += saved.warnings
            if not months:
                problems.append(Problem("month", "请选择要交纳的月份。"))
            if problems:  # leaving the transaction by the exception undoes the months written
                raise ValidationError(problems)
    return result


def pay_many(year: int, months_by_member: dict[int, Sequence[int]], paid_on: dt.date | str, *,
             payer: str = "", receipt: str = "", note: str = "") -> PaymentResult:
    """The months ticked in the grid for several members, each at its due amount, in one transaction: all or
    nothing, every member's problems named."""
    result = PaymentResult()
    problems: list[Problem] = []
    with storage_faults(), db.atomic():
        for member_id, months in months_by_member.items():
            try:
                one = pay_months(member_id, year, months, paid_on, payer=payer, receipt=receipt, note=note)
            except ValidationError as exc:
                problems += exc.problems
                continue
            result.created += one.created
            result.warnings += one.warnings
        if not months_by_member:
            problems.append(Problem("month", "请先在表中选中要登记交纳的月份。"))
        if problems:
            raise ValidationError(problems)
    return result


@dataclass(frozen=True)
class BaseLine:
    """One member's line of the branch-wide base grid: from which month, the category and the pay."""

    member_id: int
    from_month: int | str  # as typed when it is not a number (the message says so)
    category: str
    base: object  # as typed: 元 text, or 分 as int
    row: int  # the grid's row (from 1), for the messages


def set_bases(year: int, lines: Sequence[BaseLine]) -> int:
    """Write the bases typed into the branch-wide grid: a line updates the member's base of that year and month
    or adds it; an empty pay on a member without a base is skipped. One transaction; every bad line named by
    its row. Returns how many bases were written."""
    existing = {(b.member_id, b.from_month): b for b in DuesBase.select().where(DuesBase.year == year)}
    problems: list[Problem] = []
    written = 0
    with storage_faults(), db.atomic(), batch():
        for line in lines:
            old = existing.get((line.member_id, line.from_month))
            if line.base in (None, "") and old is None:
                continue
            values = {"member": line.member_id, "year": year, "from_month": line.from_month,
                      "category": line.category, "base": line.base}
            try:
                if old is None:
                    dues_bases.create(values)
                elif _changes(old, values):
                    dues_bases.update(old.id, {**dues_bases.form_values(old), **values})
                else:
                    continue
            except ValidationError as exc:
                problems += [Problem(p.field, f"第{line.row}行：{p.message}", row=line.row, detail=p.message)
                             for p in exc.problems if p.is_error]
                continue
            written += 1
        if problems:
            raise ValidationError(problems)
    return written


def _changes(old: DuesBase, values: dict[str, Any]) -> bool:
    problems, clean = dues_bases.cleaned({**dues_bases.form_values(old), **values}, old)
    return bool(problems) or (clean["category"], clean["base"]) != (old.category, old.base)


@dataclass
class CarryOver:
    written: int = 0
    decisions: list[str] = field(default_factory=list)  # members whose 少交/免交 needs a new decision


def carry_over(year: int) -> CarryOver:
    """Copy each member's last base of `year` to January of the next year, for those still on the rolls then
    and without a base there yet. A 少交/免交 decision is not carried (it covers the months it names): those
    members are listed, to be decided again."""
    target = year + 1
    have = {member_id for (member_id,) in DuesBase.select(DuesBase.member).where(DuesBase.year == target).tuples()}
    last: dict[int, DuesBase] = {}
    for base in DuesBase.select().where(DuesBase.year == year).order_by(DuesBase.from_month):
        last[base.member_id] = base
    people = {p.id: p for p in Member.select().where(Member.id.in_(list(last)))} if last else {}
    result = CarryOver()
    with storage_faults(), db.atomic(), batch():
        for member_id, base in last.items():
            person = people[member_id]
            if member_id in have or not any(rule.owes(person, target, month) for month in range(1, 13)):
                continue
            if not rule.base_due(base).by_rule:
                result.decisions.append(person.name)
                continue
            dues_bases.create({"member": member_id, "year": target, "from_month": 1, "category": base.category,
                               "base": base.base, "amount": base.amount})
            result.written += 1
    return result
