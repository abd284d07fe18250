"""党费: the rate of every bracket at its bounds, who owes which months, the bases, payments and remittances as
the services keep them (all or nothing), and money as 分 from typed text and cells."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dangjian_desktop.common.money import MoneyError, fen_from_yuan, yuan
from dangjian_desktop.domain.rules import dues as rule
from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.services.dues import (
    carry_over,
    dues_bases,
    dues_payments,
    dues_remittances,
    month_due,
    pay_months,
)
from dangjian_desktop.services.member import members
from dangjian_desktop.store.models import DuesBase, DuesPayment
from tests.factories import assert_rejected, full_member_data, make_member, probationer_data

D = dt.date


# -- money --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "fen"), [
    ("35.6", 3560), ("35.60元", 3560), ("¥1,234.50", 123450), ("￥5", 500), (" 0.2 ", 20), ("3000.00", 300000),
    (35.6, 3560), (0.1 + 0.2, None), (3000.01, 300001), (35, 3500), (Decimal("0.20"), 20), ("1.230", 123),
])
def test_amounts_in_yuan_are_read_as_whole_fen_never_through_a_float(typed, fen):
    if fen is None:  # 0.30000000000000004 is not an amount to the 分
        with pytest.raises(MoneyError):
            fen_from_yuan(typed)
    else:
        assert fen_from_yuan(typed) == fen


@pytest.mark.parametrize("typed", ["-1", "1.234", "三十元", "nan", "1e20", True])
def test_what_is_not_an_amount_is_named(typed):
    with pytest.raises(MoneyError) as info:
        fen_from_yuan(typed)
    assert "金额" in str(info.value)


def test_amounts_print_to_the_fen():
    assert [yuan(v) for v in (0, 5, 20, 3560, 123450)] == ["0.00", "0.05", "0.20", "35.60", "1234.50"]


# -- the brackets -------------------------------------------------------------------------------

@pytest.mark.parametrize(("base", "rate", "amount"), [
    ("3000.00", "0.5%", "15.00"), ("3000.01", "1%", "30.00"), ("5000", "1%", "50.00"), ("5000.01", "1.5%", "75.00"),
    ("10000", "1.5%", "150.00"), ("10000.01", "2%", "200.00"), ("4321.87", "1%", "43.22"), ("2999.99", "0.5%", "15.00"),
])
def test_working_members_pay_one_rate_on_the_whole_base_each_bound_in_the_lower_bracket(base, rate, amount):
    due = rule.rule_due("在职", fen_from_yuan(base))
    assert (due.rate, yuan(due.amount)) == (rate, amount)


@pytest.mark.parametrize(("base", "rate", "amount"), [
    ("3000.00", "0.5%", "15.00"), ("3000.01", "0.5%", "15.00"), ("5000", "0.5%", "25.00"),
    ("5000.01", "1%", "50.00"), ("10000", "1%", "100.00"), ("10000.01", "1%", "100.00"),
])
def test_retired_members_pay_half_a_percent_up_to_5000_and_one_percent_above(base, rate, amount):
    due = rule.rule_due("离退休", fen_from_yuan(base))
    assert (due.rate, yuan(due.amount)) == (rate, amount)


def test_students_the_unemployed_and_farmers_pay_a_fixed_small_amount():
    assert rule.rule_due("学生", None).amount == rule.rule_due("下岗", 123456).amount == 20
    assert rule.rule_due("农民", None).amount == 20
    assert rule.within_rule("农民", None, 100) and not rule.within_rule("农民", None, 101)
    assert rule.rule_due("其他", 500000).amount is None  # no rule: the branch sets the amount


# -- who owes which month -----------------------------------------------------------------------

def test_a_member_accepted_in_may_pays_from_may_and_one_who_leaves_in_august_up_to_august(database):
    joined = members.create(probationer_data("王𠮷", probation_on=D(2025, 5, 20))).record
    left = members.create(full_member_data("李喆", left_on=D(2025, 8, 15), status="转出")).record
    assert [m for m in range(1, 13) if rule.owes(joined, 2025, m)] == list(range(5, 13))
    assert [m for m in range(1, 13) if rule.owes(left, 2025, m)] == list(range(1, 9))
    assert_rejected(lambda: dues_payments.create(_payment(joined, 4)), "month", "不在党员名册上")
    assert_rejected(lambda: dues_payments.create(_payment(left, 9)), "month", "不在党员名册上")
    assert dues_payments.create(_payment(joined, 5)).record.amount == 3000


def test_runs_of_unpaid_months_and_how_pressing_they_are():
    owed = [rule.month_index(2025, m) for m in range(1, 13)]
    paid = {rule.month_index(2025, m) for m in (1, 2, 3, 4, 5, 6, 7, 8, 9)}
    runs = rule.unpaid_runs(owed, paid)
    assert [rule.span_label(*r) for r in runs] == ["2025年10—12月"]
    assert [rule.behind_level(last - first + 1) for first, last in runs] == ["warn"]
    assert rule.behind_level(6) == "alert" and rule.behind_level(2) is None
    assert rule.span_label(rule.month_index(2025, 12), rule.month_index(2026, 2)) == "2025年12月—2026年2月"


# -- bases --------------------------------------------------------------------------------------

def _payment(member, month, year=2025, **overrides):
    data = {"member": member.id, "year": year, "month": month, "amount": "30.00", "paid_on": D(year, month, 10)}
    data.update(overrides)
    return data


def test_a_base_sets_the_months_dues_and_a_pay_change_takes_effect_from_its_month(database):
    person = make_member("张三")
    dues_bases.create({"member": person.id, "year": 2025, "from_month": 1, "category": "在职", "base": "4800"})
    dues_bases.create({"member": person.id, "year": 2025, "from_month": 9, "category": "在职", "base": "5200.50"})
    assert [month_due(person.id, 2025, m).amount for m in (1, 8, 9, 12)] == [4800, 4800, 7801, 7801]
    assert month_due(person.id, 2026, 1).amount is None
    assert_rejected(lambda: dues_bases.create({"member": person.id, "year": 2025, "from_month": 9, "category": "在职",
                                               "base": "6000"}), "from_month", "已经登记")
    assert_rejected(lambda: dues_bases.create({"member": person.id, "year": 2026, "category": "在职", "from_month": 1}),
                    "base", "请填写月工资收入")
    assert_rejected(lambda: dues_bases.create({"member": person.id, "year": 2026, "from_month": 1, "category": "在职",
                                               "base": "三千"}), "base", "不是金额")


def test_paying_less_than_the_rule_needs_the_branch_decision_and_its_approval(database):
    person = make_member("赵堃")
    problem = assert_rejected(lambda: dues_bases.create({
        "member": person.id, "year": 2025, "from_month": 1, "category": "在职", "base": "6000", "amount": "0"}),
        "reason", "少交、免交须经支部决定")
    assert "按规定应交 90.00 元（1.5%）" in str(problem)
    saved = dues_bases.create({"member": person.id, "year": 2025, "from_month": 1, "category": "在职", "base": "6000",
                               "amount": "0", "reason": "长期患病，生活困难", "decided_on": D(2025, 1, 6),
                               "approved_by": "中共某某区教育系统委员会"}).record
    assert rule.base_due(saved) == rule.Due(0, "免交", by_rule=False)
    assert dues_bases.snapshot(saved)["base"] == "6000.00"  # the history shows 元


def test_a_payment_against_the_rule_is_saved_with_a_warning_naming_the_expected_amount(database):
    person = make_member("钱䶮")
    dues_bases.create({"member": person.id, "year": 2025, "from_month": 1, "category": "在职", "base": "6000"})
    short = dues_payments.create(_payment(person, 1, amount="80"))
    assert [w.message for w in short.warnings] == [
        "按核定基数，钱䶮2025年1月应交 90.00 元（1.5%），此次为 80.00 元，少交 10.00 元。"]
    big = dues_payments.create(_payment(person, 2, amount="1090"))
    assert "多交 1000.00 元（自愿多交；一次自愿多交1000元以上的，须全额上缴中央）" in big.warnings[0].message
    late = dues_payments.create(_payment(person, 3, amount="90", paid_on=D(2025, 10, 8)))
    assert any("补交" in w.message and w.field == "paid_on" for w in late.warnings)
    assert_rejected(lambda: dues_payments.create(_payment(person, 1, amount="90")), "month", "已经登记过")


def test_paying_a_quarter_at_once_writes_each_month_at_its_due_or_nothing(database):
    person = make_member("孙喆")
    dues_bases.create({"member": person.id, "year": 2025, "from_month": 1, "category": "离退休", "base": "5600"})
    result = pay_months(person.id, 2025, [1, 2, 3], D(2025, 3, 5), payer="孙某某", receipt="No.0012")
    assert [(p.month, p.amount, p.payer) for p in result.created] == [(1, 5600, "孙某某"), (2, 5600, "孙某某"),
                                                                       (3, 5600, "孙某某")]
    assert_rejected(lambda: pay_months(person.id, 2025, [4, 3], D(2025, 4, 5)), "month", "已经登记过")
    assert not DuesPayment.select().where(DuesPayment.month == 4).exists()  # the good month was not kept either
    with pytest.raises(ValidationError) as info:
        pay_months(person.id, 2026, [1], D(2025, 12, 20))  # in advance, but no base for 2026 yet
    assert "尚未核定党费基数" in str(info.value)
    assert pay_months(person.id, 2026, [1], D(2025, 12, 20), amount="56").created[0].amount == 5600


def test_remittances_name_their_months_in_order(database):
    assert_rejected(lambda: dues_remittances.create({"remitted_on": D(2025, 4, 3), "year": 2025, "first_month": 3,
                                                     "last_month": 1, "amount": "100"}), "last_month", "不能早于")
    saved = dues_remittances.create({"remitted_on": D(2025, 4, 3), "year": 2025, "first_month": 1, "last_month": 3,
                                     "amount": "1234.5", "receipt": "2025-001"}).record
    assert saved.amount == 123450
    assert dues_remittances.label(saved) == "2025-04-03 上缴2025年1—3月党费"


def test_carrying_the_bases_over_keeps_the_last_base_and_asks_for_decisions_again(database):
    a, b, gone = make_member("周一"), make_member("吴二"), make_member("郑三")
    dues_bases.create({"member": a.id, "year": 2025, "from_month": 1, "category": "在职", "base": "4000"})
    dues_bases.create({"member": a.id, "year": 2025, "from_month": 7, "category": "在职", "base": "4500"})
    dues_bases.create({"member": b.id, "year": 2025, "from_month": 1, "category": "在职", "base": "4000", "amount": "10",
                       "reason": "困难", "decided_on": D(2025, 1, 2), "approved_by": "上级党委"})
    dues_bases.create({"member": gone.id, "year": 2025, "from_month": 1, "category": "在职", "base": "4000"})
    members.update(gone.id, {"status": "转出", "left_on": D(2025, 11, 30)})
    result = carry_over(2025)
    assert (result.written, result.decisions) == (1, ["吴二"])
    assert [(r.member_id, r.from_month, r.base) for r in DuesBase.select().where(DuesBase.year == 2026)] == [
        (a.id, 1, 450000)]
    assert carry_over(2025).written == 0  # done once
