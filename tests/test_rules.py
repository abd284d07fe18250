"""Each rule's predicate and its query expression select the same records, on the edge cases: a member who
left mid-year, one who left on the day asked about, a probationer, one voted in on the day; an item done
late, done on its deadline, due today, without a deadline."""

from __future__ import annotations

import datetime as dt

import pytest

from dangjian_desktop.domain.rules import membership as ms
from dangjian_desktop.domain.rules import rectification as rs
from dangjian_desktop.services.party_event import refresh_standing
from dangjian_desktop.store.models import Member, PartyEvent, Rectification

D = dt.date
DAYS = [D(2024, 12, 31), D(2025, 1, 1), D(2025, 3, 1), D(2025, 6, 30), D(2025, 7, 1), D(2025, 7, 2),
        D(2025, 12, 31), D(2026, 1, 1)]

PEOPLE = {  # name: (probation_on, full_on, left_on, status)
    "老党员": (D(2000, 7, 1), D(2001, 7, 1), None, "正常"),
    "年中转出": (D(2010, 7, 1), D(2011, 7, 1), D(2025, 7, 1), "转出"),
    "年初去世": (D(2005, 7, 1), D(2006, 7, 1), D(2025, 1, 1), "去世"),
    "预备党员": (D(2025, 3, 1), None, None, "正常"),
    "当天入党": (D(2025, 7, 1), None, None, "正常"),
    "申请人": (None, None, None, "正常"),
    "申请后转出": (None, None, D(2025, 6, 30), "转出"),
}
EVENTS = {  # name: (probation_on, full_on, [(date, kind)]): their rolls follow from their PartyEvents
    "转出又转回": (D(2010, 7, 1), D(2011, 7, 1), [(D(2025, 1, 1), "转出"), (D(2025, 7, 1), "转入")]),
    "年中转入": (D(2015, 7, 1), D(2016, 7, 1), [(D(2025, 6, 30), "转入")]),
    "转入的预备党员": (D(2025, 1, 10), None, [(D(2025, 3, 1), "转入")]),
    "转入后又转出": (D(2001, 7, 1), D(2002, 7, 1), [(D(2024, 12, 31), "转入"), (D(2025, 7, 2), "转出")]),
    "停止后恢复": (D(2001, 7, 1), D(2002, 7, 1), [(D(2025, 1, 2), "停止党籍"), (D(2025, 3, 1), "恢复党籍"),
                                                  (D(2025, 12, 31), "死亡")]),
}


@pytest.fixture
def people(database):
    for name, (probation_on, full_on, left_on, status) in PEOPLE.items():
        Member.create(name=name, applied_on=D(1999, 1, 1), probation_on=probation_on, full_on=full_on,
                      left_on=left_on, status=status)
    for name, (probation_on, full_on, events) in EVENTS.items():
        member = Member.create(name=name, applied_on=D(1999, 1, 1), probation_on=probation_on, full_on=full_on)
        for day, kind in events:
            PartyEvent.create(member=member, date=day, kind=kind)
        refresh_standing(member.id)
    return list(Member.select())


def selected(expression) -> set[str]:
    return {m.name for m in Member.select(Member.name).where(expression)}


@pytest.mark.parametrize("day", DAYS)
def test_on_the_rolls_and_present_agree(people, day):
    assert {m.name for m in people if ms.on_rolls(m, day)} == selected(ms.on_rolls_expr(day))
    assert {m.name for m in people if ms.present(m, day)} == selected(ms.present_expr(day))
    in_a_period = {m.name for m in people if any(s <= day and (e is None or day < e) for s, e in ms.rolls_periods(m))}
    assert in_a_period == {m.name for m in people if ms.on_rolls(m, day)}


@pytest.mark.parametrize("first, last", [(D(2025, 1, 1), D(2025, 12, 31)), (D(2025, 7, 1), D(2025, 7, 1)),
                                         (D(2025, 1, 2), D(2025, 2, 28)), (D(2026, 1, 1), D(2026, 12, 31))])
def test_on_the_rolls_during_a_period_agrees_and_means_some_day_of_it(people, first, last):
    expected = {m.name for m in people if ms.on_rolls_during(m, first, last)}
    assert expected == selected(ms.on_rolls_during_expr(first, last))
    days = [first + dt.timedelta(n) for n in range((last - first).days + 1)]
    assert expected == {m.name for m in people if any(ms.on_rolls(m, d) for d in days)}


def test_the_edge_cases_fall_where_the_rules_say(people):
    on = selected(ms.on_rolls_expr(D(2025, 7, 1)))
    assert "当天入党" in on and "预备党员" in on and "年中转出" not in on  # left that day: gone
    assert "年中转出" in selected(ms.on_rolls_expr(D(2025, 6, 30)))
    assert "申请人" not in on and "申请人" in selected(ms.present_expr(D(2025, 7, 1)))
    assert "年初去世" in selected(ms.on_rolls_during_expr(D(2024, 1, 1), D(2024, 12, 31)))
    assert "年初去世" not in selected(ms.on_rolls_during_expr(D(2025, 1, 1), D(2025, 12, 31)))
    by_name = {m.name: m for m in people}
    assert ms.stage_at(by_name["预备党员"], D(2025, 12, 31)) == "预备党员"
    assert ms.stage_at(by_name["预备党员"], D(2025, 2, 28)) == "入党申请人"


def test_a_member_who_left_and_came_back_has_two_periods_on_the_rolls(people):
    back = Member.get(Member.name == "转出又转回")
    assert (back.status, back.left_on, back.rolls_gaps) == ("正常", None, "2025-01-01/2025-07-01")
    assert [ms.on_rolls(back, d) for d in (D(2024, 12, 31), D(2025, 1, 1), D(2025, 6, 30), D(2025, 7, 1))] == [
        True, False, False, True]
    assert not ms.on_rolls_during(back, D(2025, 2, 1), D(2025, 6, 30))
    arrived = Member.get(Member.name == "年中转入")
    assert not ms.on_rolls(arrived, D(2025, 6, 29)) and ms.on_rolls(arrived, D(2025, 6, 30))
    died = Member.get(Member.name == "停止后恢复")
    assert (died.status, died.left_on) == ("去世", D(2025, 12, 31))


ITEMS = {  # problem: (deadline, completed_on)
    "按时完成": (D(2025, 6, 30), D(2025, 6, 1)),
    "截止当天完成": (D(2025, 6, 30), D(2025, 6, 30)),
    "逾期后完成": (D(2025, 6, 30), D(2025, 7, 2)),
    "逾期未完成": (D(2025, 6, 30), None),
    "今天到期": (D(2025, 7, 1), None),
    "没有时限": (None, None),
}


@pytest.fixture
def items(database):
    for problem, (deadline, completed_on) in ITEMS.items():
        Rectification.create(source="自查", found_on=D(2025, 1, 10), problem=problem, deadline=deadline,
                             completed_on=completed_on, status="已完成" if completed_on else "整改中")
    return list(Rectification.select())


def chosen(expression) -> set[str]:
    return {r.problem for r in Rectification.select(Rectification.problem).where(expression)}


@pytest.mark.parametrize("day", DAYS)
def test_done_and_overdue_agree(items, day):
    assert {r.problem for r in items if rs.done_by(r, day)} == chosen(rs.done_by_expr(day))
    assert {r.problem for r in items if rs.overdue(r, day)} == chosen(rs.overdue_expr(day))


def test_an_item_done_late_was_overdue_until_it_was_done(items):
    assert chosen(rs.overdue_expr(D(2025, 7, 1))) == {"逾期后完成", "逾期未完成"}  # due today: not yet
    assert chosen(rs.overdue_expr(D(2025, 7, 2))) == {"逾期未完成", "今天到期"}  # done that day: done
    assert chosen(rs.overdue_expr(D(2025, 6, 30))) == set()


def test_the_owed_months_are_the_months_owes_is_true_for(people):
    from dangjian_desktop.domain.rules import dues

    start, last = dues.month_index(2024, 1), dues.month_index(2026, 6)
    for person in people:
        expected = [i for i in range(start, last + 1) if dues.owes(person, *dues.month_of(i))]
        assert dues.owed_months(person, start, last) == expected, person.name
