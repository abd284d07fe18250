"""党费 as the grid, the figures and the reminders read it: the demo's 2025 is complete but for one member three
months behind; runs of unpaid months warn at three and alert at six; collected dues not handed up are named."""

from __future__ import annotations

import datetime as dt

from dangjian_desktop.common.money import yuan
from dangjian_desktop.queries.dues import balance_on, dues_year, members_behind, remittance_periods
from dangjian_desktop.queries.figures import placeholder_values, year_figures
from dangjian_desktop.queries.overview import build_overview, headline_figures
from dangjian_desktop.queries.reminders import dues_reminders, member_alert_reminders
from dangjian_desktop.services.dues import dues_bases, dues_remittances, pay_months
from dangjian_desktop.services.settings import load_settings
from dangjian_desktop.store.models import DuesPayment
from tests.factories import make_member

D = dt.date


def test_the_demo_year_is_paid_but_for_one_member_three_months_behind(demo_db):
    year = dues_year(2025)
    assert year.cutoff == 12
    unpaid = {r.name: r.unpaid(12) for r in year.rows if r.unpaid(12)}
    assert unpaid == {"高雅琴": [10, 11, 12]}
    row = next(r for r in year.rows if r.name == "高雅琴")
    assert year.arrears == row.arrears(12) == 3 * row.monthly
    assert year.expected - year.paid == year.arrears  # every other month paid at its due amount
    leaver = next(r for r in year.rows if r.name == "黄佳")  # transferred out on 31 August
    assert [c.month for c in leaver.cells if c.state != "none"] == list(range(1, 9))
    assert year.remitted == year.paid  # each quarter handed up
    behind = members_behind()
    assert [(b.name, b.longest, b.spans()) for b in behind] == [("高雅琴", 3, "2025年10—12月")]
    overview = build_overview(2025)
    assert any(r.category == "党员异常" and r.text == "高雅琴已连续3个月未交纳党费（2025年10—12月）"
               and r.severity == "warning" for r in overview.reminders)
    tiles = dict((caption, value) for value, caption in headline_figures(overview.figures))
    assert tiles["欠交党费（元）"] == yuan(year.arrears)
    values = placeholder_values(year_figures(2025))
    assert values["党费实交金额"] == yuan(year.paid) and values["党费按时交纳率"].endswith("%")


def test_six_months_in_a_row_unpaid_is_the_party_constitution_alert(database):
    person = make_member("王𠮷")
    dues_bases.create({"member": person.id, "year": 2025, "from_month": 1, "category": "在职", "base": "4000"})
    pay_months(person.id, 2025, [1, 2, 3, 4, 5], D(2025, 5, 10))
    items = member_alert_reminders(D(2025, 12, 3))  # June to November unpaid
    assert [(r.severity, r.category, r.table, r.record_id) for r in items] == [("urgent", "党员异常", "dues", person.id)]
    assert "王𠮷已连续6个月未交纳党费（2025年6—11月）" in items[0].text and "党章第九条" in items[0].text
    assert [r.severity for r in member_alert_reminders(D(2025, 8, 3))] == ["notice"]  # June, July only


def test_an_exempt_member_is_not_behind_and_the_year_counts_what_is_due_so_far(database):
    person, other = make_member("赵堃"), make_member("李喆")
    dues_bases.create({"member": person.id, "year": 2025, "from_month": 1, "category": "在职", "base": "6000",
                       "amount": "0", "reason": "重病", "decided_on": D(2025, 1, 3), "approved_by": "上级党委"})
    dues_bases.create({"member": other.id, "year": 2025, "from_month": 1, "category": "在职", "base": "6000"})
    pay_months(other.id, 2025, [1], D(2025, 1, 20))
    pay_months(other.id, 2025, [2], D(2025, 2, 20))
    pay_months(other.id, 2025, [3], D(2025, 4, 20))  # 补交, after its month
    assert members_behind(D(2025, 4, 25)) == []
    year = dues_year(2025, D(2025, 4, 25))
    assert year.cutoff == 3 and year.expected == 3 * 9000 and year.paid == 27000 and year.arrears == 0
    assert year.on_time_rate == 5 / 6  # the 补交 month is paid, not on time; the exempt months count as kept


def test_collected_dues_not_handed_up_are_named_and_the_balance_is_kept(database):
    person = make_member("孙喆")
    dues_bases.create({"member": person.id, "year": 2025, "from_month": 1, "category": "在职", "base": "5000"})
    pay_months(person.id, 2025, [1, 2, 3, 4], D(2025, 4, 2))
    dues_remittances.create({"remitted_on": D(2025, 4, 8), "year": 2025, "first_month": 1, "last_month": 3,
                             "amount": "150"})
    periods = remittance_periods(2025, "quarter")
    assert [(p.label, p.collected, p.covered) for p in periods[:2]] == [("2025年第1季度", 15000, True),
                                                                        ("2025年第2季度", 5000, False)]
    assert balance_on(D(2025, 4, 5)).held == 20000 and balance_on(D(2025, 4, 8)).held == 5000
    texts = [r.text for r in dues_reminders(load_settings(), D(2025, 7, 10)) if "上缴" in r.text]
    assert texts == ["2025年第2季度收缴的党费（50.00 元）尚未上缴上级党组织"]
    assert DuesPayment.select().count() == 4
