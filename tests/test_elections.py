"""换届选举: the quorum (more than four fifths present), the elected's majority of those entitled to vote, the
candidates' surplus, and the approved election that starts the committee's term; the term's end reminded six and
three months ahead."""

from __future__ import annotations

import datetime as dt

from factories import assert_rejected, make_member

from dangjian_desktop.queries.reminders import term_reminders
from dangjian_desktop.services.election import elections
from dangjian_desktop.services.settings import load_settings

D = dt.date
BALLOT = {"date": D(2023, 12, 15), "kind": "换届选举", "term_years": 3, "expected": 10, "present": 9,
          "candidates": "周振华 9\n钱玥 8\n单志强 7\n陈珺 8\n李祎 4", "elected": "周振华 书记\n钱玥 副书记\n单志强 组织委员"}


def test_an_election_needs_its_quorum_and_each_elected_a_majority_of_those_entitled(database):
    assert_rejected(lambda: elections.create({**BALLOT, "present": 8}), "present", "未超过应到 10 人的五分之四")
    assert_rejected(lambda: elections.create({**BALLOT, "present": 11}), "present", "不能多于应到人数")
    assert_rejected(lambda: elections.create({**BALLOT, "elected": "李祎 纪检委员"}), "elected", "未超过应到会有选举权党员")
    assert_rejected(lambda: elections.create({**BALLOT, "elected": "王五 委员"}), "elected", "不在候选人中")
    assert_rejected(lambda: elections.create({**BALLOT, "candidates": "周振华 十票"}), "candidates", "应为整数")
    assert_rejected(lambda: elections.create({**BALLOT, "candidates": "周振华 12"}), "candidates", "多于实到人数")
    assert_rejected(lambda: elections.create({**BALLOT, "candidates": "周振华"}), "candidates", "应写成“姓名 得票数”")
    assert_rejected(lambda: elections.create({**BALLOT, "term_years": 4}), "term_years", "3年或5年")
    saved = elections.create({**BALLOT, "candidates": "周振华：9\n钱玥，8\n单志强 7"})
    assert any("差额选举" in w.message for w in saved.warnings)


def test_the_approved_newest_election_starts_the_term(database):
    make_member("周振华")
    first = elections.create(BALLOT).record
    assert load_settings().committee_term_start is None  # not approved yet
    elections.update(first.id, {"approved_on": D(2023, 12, 28), "approved_by": "镇党委"})
    assert (load_settings().committee_term_start, load_settings().committee_term_years) == (D(2023, 12, 15), 3)
    elections.create({**BALLOT, "date": D(2020, 12, 1), "approved_on": D(2020, 12, 20), "term_years": 5})
    assert load_settings().committee_term_start == D(2023, 12, 15)  # an older one does not move the term
    assert_rejected(lambda: elections.update(first.id, {"approved_on": D(2023, 12, 1)}), "approved_on", "不能早于")


def test_the_terms_end_is_reminded_six_and_three_months_ahead(database):
    elections.create({**BALLOT, "approved_on": D(2023, 12, 28)})
    settings = load_settings()
    assert term_reminders(settings, D(2026, 5, 1)) == []
    [warning] = term_reminders(settings, D(2026, 7, 1))
    assert warning.severity == "warning" and "不足6个月" in warning.text and warning.table == "election"
    [urgent] = term_reminders(settings, D(2026, 10, 1))
    assert urgent.severity == "urgent" and "不足3个月" in urgent.text and "报告换届" in urgent.text
    assert "已于 2026-12-15 届满" in term_reminders(settings, D(2027, 1, 1))[0].text
