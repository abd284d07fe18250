"""支部委员会 elections: the quorum, each elected one's majority and the candidates' surplus checked
(rules.elections); an approved 换届选举 (the newest) starts the committee's term in the settings."""

from __future__ import annotations

from typing import Any

from dangjian_desktop.common.dates import date_label
from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.rules import elections as rule
from dangjian_desktop.domain.rules.membership import has_vote, on_rolls
from dangjian_desktop.domain.validation import Checker
from dangjian_desktop.services.base import RecordService
from dangjian_desktop.services.settings import save_settings
from dangjian_desktop.store.models import TERM_YEARS, Election, Member


class ElectionService(RecordService):
    kind = kinds.ELECTION

    def check(self, c: Checker, values: dict[str, Any], data: dict[str, Any], record: Election | None) -> dict:
        if c.errors:
            return {}
        voters = sum(1 for m in Member.select() if on_rolls(m, values["date"]) and has_vote(m, values["date"]))
        if voters and voters != values["expected"]:
            c.add("expected", f"按党员记录，{date_label(values['date'])}在册的正式党员（有选举权）为 {voters} 人，"
                              f"与应到人数 {values['expected']} 不同，请核对。", "warning")
        check_ballot(c, values, "支部委员会")
        return {}

    def save_related(self, record: Election, related: dict) -> None:
        """An approved 换届选举, the newest, starts the committee's term: its day and length go into the settings."""
        if record.kind != "换届选举" or record.approved_on is None:
            return
        newest = (Election.select().where((Election.kind == "换届选举") & Election.approved_on.is_null(False))
                  .order_by(Election.date.desc(), Election.id.desc()).first())
        if newest is not None and newest.id == record.id:
            save_settings(committee_term_start=record.date, committee_term_years=record.term_years)


elections = ElectionService()


def check_ballot(c: Checker, values: dict[str, Any], body: str) -> None:
    """The rules of any committee's election (a branch's, a 党总支's, a 党委's): the term, the quorum, each candidate's
    votes, each elected one's majority, the candidates' surplus, and the approval after the vote."""
    if values["term_years"] not in TERM_YEARS:
        c.add("term_years", f"{body}每届任期为3年或5年。")
    expected, present = values["expected"], values["present"]
    if present > expected:
        c.add("present", f"实到人数（{present}）不能多于应到人数（{expected}）。")
    elif not rule.quorate(expected, present):
        c.add("present", f"实到 {present} 人，未超过应到 {expected} 人的五分之四，选举无效，请改期选举。")
    votes = _votes(c, values, present)
    if votes is not None:
        _elected(c, values, votes, expected)
    if values["approved_on"] is not None and values["approved_on"] < values["date"]:
        c.add("approved_on", f"上级批复日期不能早于选举日期 {date_label(values['date'])}。")


def _votes(c: Checker, values: dict[str, Any], present: int) -> dict[str, int] | None:
    try:
        found = rule.lines(values["candidates"], "得票数")
    except rule.LineError as exc:
        c.add("candidates", str(exc))
        return None
    votes: dict[str, int] = {}
    for line in found:
        if not line.value.isdigit():
            c.add("candidates", f"第{line.number}行：{line.name}的得票数“{line.value}”应为整数。")
        elif int(line.value) > present:
            c.add("candidates", f"第{line.number}行：{line.name}得 {line.value} 票，多于实到人数 {present}。")
        elif line.name in votes:
            c.add("candidates", f"第{line.number}行：{line.name}已在前面列出。")
        else:
            votes[line.name] = int(line.value)
    return None if c.has_error("candidates") else votes


def _elected(c: Checker, values: dict[str, Any], votes: dict[str, int], expected: int) -> None:
    try:
        found = rule.lines(values["elected"], "职务")
    except rule.LineError as exc:
        c.add("elected", str(exc))
        return
    for line in found:
        if line.name not in votes:
            c.add("elected", f"第{line.number}行：{line.name}不在候选人中。")
        elif not rule.elected_with(votes[line.name], expected):
            c.add("elected", f"第{line.number}行：{line.name}得 {votes[line.name]} 票，未超过应到会有选举权党员"
                             f"（{expected} 人）的半数，不能当选。")
    if found and not rule.enough_candidates(len(votes), len(found)):
        c.add("candidates", f"候选人 {len(votes)} 名、当选 {len(found)} 名：委员应差额选举，候选人一般应多于应选"
                            f"人数的20%（请核对是否为等额选举书记、副书记）。", "warning")
