"""组织关系转接 and the other 党籍变动, 流动党员: a member who leaves and comes back has two periods on the rolls, events
follow each other only as they can, a probationer transferred in is due for 转正 here, a letter past its
validity without its 回执 is a reminder, and a 流动党员's absences are excused while he is away."""

from __future__ import annotations

import datetime as dt

import pytest

from dangjian_desktop.domain.rules import organisational_life as life
from dangjian_desktop.domain.rules.membership import on_rolls, on_rolls_expr, rolls_periods
from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.queries.member_alerts import absences
from dangjian_desktop.queries.reminders import (
    development_reminders,
    step_deadline_reminders,
    transfer_reminders,
)
from dangjian_desktop.services import development
from dangjian_desktop.services.development import paths_in_development
from dangjian_desktop.services.meeting import AttendanceRow, meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.mobile import mobile_spells
from dangjian_desktop.services.party_event import party_events
from dangjian_desktop.services.settings import save_settings
from dangjian_desktop.store.models import Member, PartyEvent
from tests.factories import assert_rejected, full_member_data, make_member, meeting_data, probationer_data

D = dt.date


def _event(member: Member, kind: str, day: dt.date, **more) -> PartyEvent:
    return party_events.create({"member": member.id, "kind": kind, "date": day,
                                **({"organisation": "中共某某中学支部委员会"} if kind in ("转出", "转入") else {}),
                                **more}).record


def _reloaded(member: Member) -> Member:
    return Member.get_by_id(member.id)


def test_a_member_who_transfers_out_and_back_in_is_one_member_with_two_periods(database):
    member = make_member("王堃")
    _event(member, "转出", D(2023, 3, 1), letter_no="转〔2023〕5号")
    assert (_reloaded(member).status, _reloaded(member).left_on) == ("转出", D(2023, 3, 1))
    _event(member, "转入", D(2024, 9, 1))
    back = _reloaded(member)
    assert Member.select().count() == 1
    assert (back.status, back.left_on) == ("正常", None)
    assert rolls_periods(back) == [(D(2015, 7, 1), D(2023, 3, 1)), (D(2024, 9, 1), None)]
    away = Member.select().where(on_rolls_expr(D(2024, 1, 1))).count()
    assert away == 0 and not on_rolls(back, D(2024, 1, 1))
    assert Member.select().where(on_rolls_expr(D(2024, 9, 1))).count() == 1


def test_events_follow_each_other_only_as_they_can(database):
    member = make_member("张喆")
    meetings.create(meeting_data(date=D(2019, 5, 10), host=member.id, recorder=member.id,
                                 attendance=[AttendanceRow(member.id, "出席")]))
    assert_rejected(lambda: _event(member, "转入", D(2020, 1, 1)), "kind", "已参加本支部的会议")
    _event(member, "停止党籍", D(2020, 1, 1), decided_by="某某党委")
    assert_rejected(lambda: _event(member, "转入", D(2021, 1, 1)), "kind", "应登记“恢复党籍”")
    assert_rejected(lambda: _event(member, "转出", D(2020, 6, 1)), "kind", "不能登记转出")
    assert_rejected(lambda: _event(member, "出党", D(2021, 1, 1)), "manner", "请填写出党方式")
    assert_rejected(lambda: _event(member, "转出", D(2012, 1, 1)), "date", "不能早于")
    assert_rejected(lambda: _event(member, "死亡", D(2021, 1, 1), letter_no="1号"), "letter_no", "不适用于死亡")
    restored = _event(member, "恢复党籍", D(2021, 1, 1), decided_by="某某党委")
    assert_rejected(lambda: _event(member, "恢复党籍", D(2021, 6, 1)), "kind", "仍在本支部")
    _event(member, "死亡", D(2022, 1, 1))
    assert_rejected(lambda: _event(member, "转出", D(2023, 1, 1)), "kind", "已登记去世")
    with pytest.raises(ValidationError, match="前后不符"):  # without it, a 停止党籍 would be followed by 死亡
        party_events.delete(restored.id)
    assert _reloaded(member).status == "去世"


def test_the_member_form_status_adds_the_leaving_event_and_the_transfer_record_completes_it(database):
    member = make_member("李祎")
    members.update(member.id, {"status": "转出", "left_on": D(2025, 3, 1)})
    stub = PartyEvent.get()
    assert (stub.kind, stub.date, stub.letter_no) == ("转出", D(2025, 3, 1), "")
    assert stub.valid_until == D(2025, 5, 31)  # three months by default
    detailed = _event(member, "转出", D(2025, 3, 1), letter_no="转〔2025〕3号", receipt_on=D(2025, 3, 20))
    assert detailed.id == stub.id and PartyEvent.select().count() == 1 and detailed.letter_no == "转〔2025〕3号"
    assert_rejected(lambda: members.update(member.id, {"status": "正常", "left_on": None}), "status", "恢复党籍")
    members.update(member.id, {"left_on": D(2025, 3, 5)})  # a correction moves the event, adds none
    assert [(e.kind, e.date) for e in PartyEvent.select()] == [("转出", D(2025, 3, 5))]


def test_a_probationer_transferred_in_keeps_his_dates_and_his_full_membership_falls_due_here(database):
    newcomer = members.create(probationer_data("韩雪", probation_on=D(2025, 5, 20))).record
    _event(newcomer, "转入", D(2025, 9, 1), file_arrived_on=D(2025, 9, 16))
    here = _reloaded(newcomer)
    assert here.probation_on == D(2025, 5, 20) and here.rolls_gaps == "/2025-09-01"
    assert not on_rolls(here, D(2025, 8, 31)) and on_rolls(here, D(2025, 9, 1))
    due = [r for r in development_reminders(D(2026, 4, 1)) if r.record_id == here.id]
    assert [r.severity for r in due] == ["warning"] and "2026-05-20 期满" in due[0].text
    overdue = [r for r in development_reminders(D(2026, 6, 1)) if r.record_id == here.id]
    assert [r.severity for r in overdue] == ["urgent"]
    path = next(p for p in paths_in_development() if p.member_id == here.id)  # admitted at her university:
    assert path.next_step.step.number == 19  # the steps up to 备案 were done there, none is overdue here
    assert {s.status for s in path.steps[:18]} == {"unrecorded", "done"}
    assert not [r for r in step_deadline_reminders(D(2025, 12, 1)) if r.record_id == here.id]
    development.record_step(here.id, 19, D(2025, 9, 2))  # 编入党支部和党小组: needs no step 17 here


def test_a_letter_past_its_validity_without_its_receipt_is_a_reminder(database):
    save_settings(transfer_letter_months=2)
    leaver = make_member("陈珺")
    event = _event(leaver, "转出", D(2025, 3, 1), letter_no="转〔2025〕7号")
    assert event.valid_until == D(2025, 4, 30)
    assert [r.severity for r in transfer_reminders(D(2025, 4, 20))] == ["warning"]
    late = transfer_reminders(D(2025, 5, 1))
    assert [(r.severity, r.table, r.record_id) for r in late] == [("urgent", "party_event", event.id)]
    assert "转〔2025〕7号" in late[0].text and "回执尚未退回" in late[0].text
    party_events.update(event.id, {"receipt_on": D(2025, 4, 28)})
    assert transfer_reminders(D(2025, 5, 1)) == []


def test_a_mobile_members_absences_while_away_are_excused(database):
    host = make_member("周振华")
    away = make_member("何俊杰")
    mobile_spells.create({"member": away.id, "kind": "支教", "started_on": D(2025, 1, 1), "place": "新疆阿图什"})
    for month in range(1, 9):
        meetings.create(meeting_data(date=D(2025, month, 10), host=host.id, recorder=host.id,
                                     attendance=[AttendanceRow(host.id, "出席"), AttendanceRow(away.id, "缺席", "未请假")]))
    assert absences(D(2025, 9, 1)) == []
    mobile_spells.update(1, {"ended_on": D(2025, 2, 28)})  # back at the end of February: March on counts
    found = absences(D(2025, 7, 15))
    assert [(a.name, a.level, a.run[0].date) for a in found] == [("何俊杰", "warn", D(2025, 3, 10))]
    assert [a.level for a in absences(D(2025, 9, 15))] == ["alert"]
    assert life.excused_while_away([life.Sitting(D(2025, 1, 10), "支委会", "缺席")], [(D(2025, 1, 1), None)])[0].status \
        == "请假"


def test_mobile_spells_do_not_overlap_and_need_a_member_on_the_rolls(database):
    member = make_member("朱明")
    spell = {"member": member.id, "kind": "外出务工", "started_on": D(2024, 3, 1), "place": "深圳"}
    mobile_spells.create({**spell, "ended_on": D(2024, 12, 31)})
    assert_rejected(lambda: mobile_spells.create({**spell, "started_on": D(2024, 10, 1)}), "started_on", "重叠")
    assert_rejected(lambda: mobile_spells.create({**spell, "started_on": D(2010, 1, 1)}), "member", "还不是党员")
    assert_rejected(lambda: mobile_spells.create({**spell, "started_on": D(2025, 3, 1), "ended_on": D(2025, 1, 1)}),
                    "ended_on", "不能早于")


def test_a_deleted_member_takes_his_events_along_and_a_restore_brings_them_back(database):
    from dangjian_desktop.services.trash import restore

    member = members.create(full_member_data("单志强")).record
    _event(member, "转出", D(2024, 5, 1))
    kept = members.delete(member.id)
    assert PartyEvent.select().count() == 0
    restore(kept)
    assert [(e.kind, e.date) for e in PartyEvent.select()] == [("转出", D(2024, 5, 1))]
    assert _reloaded(member).status == "转出"


def _flat(text: str) -> str:
    return "".join(text.split())


def test_the_year_transfer_book_and_a_letter_read_back_from_the_pdf(demo_db, tmp_path, capsys):
    from dangjian_desktop import cli
    from dangjian_desktop.reports.errors import ReportError
    from dangjian_desktop.reports.registry import build_report
    from tests.pdf_reading import assert_fonts_embedded, page_size_mm, page_texts, text_of

    book = build_report("transfers", tmp_path / "登记簿.pdf", year=2025)
    text = _flat(text_of(book))
    for phrase in ("组织关系转接登记簿", "（2025年度）", "黄佳", "韩雪", "武礼组转〔2025〕12号", "2025年转出1人、转入1人。",
                   "中共江苏师范大学文学院研究生第二党支部"):
        assert phrase in text, phrase
    code = cli.run(cli.parse_args(["report", "transfer-letter", "--member", "黄佳", "--db", str(demo_db),
                                   "--out", str(tmp_path / "介绍信.pdf")]))
    assert code == 0, capsys.readouterr().err
    letter = tmp_path / "介绍信.pdf"
    assert len(page_texts(letter)) == 1 and page_size_mm(letter) == [(210.0, 297.0)]
    text = _flat(text_of(letter))
    for phrase in ("党员组织关系介绍信（存根）", "中国共产党党员组织关系介绍信", "党员组织关系介绍信回执", "编号：武礼组转〔2025〕12号",
                   "黄佳同志系中共正式党员", "转到中共常州市武进区湖塘桥实验小学支部委员会", "有效期91天",
                   "黄佳同志的党员组织关系已转达我处，特此回执。"):
        assert phrase in text, phrase
    assert "*" in text  # 身份证号 masked unless asked for
    assert_fonts_embedded(letter)
    secretary = Member.get(Member.name == "周振华")
    with pytest.raises(ReportError, match="没有转出记录"):
        build_report("transfer-letter", tmp_path / "无.pdf", member_id=secretary.id)
    assert not (tmp_path / "无.pdf").exists()


def test_the_member_form_leaves_a_detailed_transfer_to_the_transfer_tab(database):
    member = make_member("钱玥")
    _event(member, "转出", D(2025, 3, 1), letter_no="转〔2025〕9号")
    assert_rejected(lambda: members.update(member.id, {"status": "去世"}), "status", "请在那里修改")


def test_a_mobile_member_who_left_while_away_is_not_reminded_of(database):
    member = make_member("沈涛")
    mobile_spells.create({"member": member.id, "kind": "外出务工", "started_on": D(2025, 1, 1), "place": "深圳"})
    assert [r.category for r in transfer_reminders(D(2025, 6, 1))] == ["流动党员"]
    _event(member, "转出", D(2025, 5, 1), receipt_on=D(2025, 5, 20))
    assert transfer_reminders(D(2025, 6, 1)) == []
