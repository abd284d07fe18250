"""民主评议党员: the year's round, each member's ballot and grade (the 优秀 share, a grade against the ballot only
with a reason, a follow-up for 基本合格 and 不合格 kept as a rectification item), and enrolling the members."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangjian_desktop.common.dates import year_so_far
from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.rules import appraisal as rule
from dangjian_desktop.domain.rules.membership import on_rolls_during, on_rolls_during_expr, on_rolls_expr
from dangjian_desktop.domain.validation import Checker
from dangjian_desktop.services.base import RecordService, storage_faults
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.services.settings import load_settings
from dangjian_desktop.store.connection import db
from dangjian_desktop.store.models import (
    APPRAISAL_FOLLOW_UPS,
    Appraisal,
    AppraisalEntry,
    Member,
    Rectification,
)

STEP_FIELDS = ("study_on", "self_on", "mutual_on", "ballot_on", "decided_on", "published_on")  # in order


def _year_span(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


class AppraisalService(RecordService):
    kind = kinds.APPRAISAL

    def check(self, c: Checker, values: dict[str, Any], data: dict[str, Any], record: Appraisal | None) -> dict:
        if c.errors:
            return {}
        twin = Appraisal.select().where(Appraisal.year == values["year"])
        if record is not None:
            twin = twin.where(Appraisal.id != record.id)
        if twin.exists():
            c.add("year", f"{values['year']}年度民主评议已经登记，请修改那一条。")
        held = [(name, values[name]) for name in STEP_FIELDS if values[name]]
        for (first, day), (then, later) in zip(held, held[1:], strict=False):
            c.order(first, self.kind.field_label(first), day, then, self.kind.field_label(then), later)
        for name, day in held:
            if day.year not in (values["year"], values["year"] + 1):
                c.add(name, f"{self.kind.field_label(name)}的日期（{day}）不在{values['year']}年度或次年初。",
                      "warning")
        return {}


class AppraisalEntryService(RecordService):
    kind = kinds.APPRAISAL_ENTRY

    def check(self, c: Checker, values: dict[str, Any], data: dict[str, Any],
              record: AppraisalEntry | None) -> dict:
        person = Member.get_or_none(Member.id == values["member"]) if values.get("member") else None
        if c.errors or person is None:
            return {}
        year = values["year"]
        if not on_rolls_during(person, *_year_span(year)):
            c.add("member", f"{person.name}{year}年不在党员名册上（入党前或已离开），不参加该年度民主评议。")
            return {}
        others = AppraisalEntry.select().where(AppraisalEntry.year == year)
        if record is not None:
            others = others.where(AppraisalEntry.id != record.id)
        if others.where(AppraisalEntry.member == person.id).exists():
            c.add("member", f"{person.name}已在{year}年度民主评议名单中，请修改那一条。")
            return {}
        votes = rule.votes_of(values)
        grade, excused = values["grade"], values["excused"]
        if excused and (grade or any(votes)):
            c.add("excused", f"{person.name}不参加评议（{excused}），不应有测评票和评定等次。")
            return {}
        if rule.contradicts_ballot(grade, votes) and not values["grade_reason"]:
            c.add("grade_reason", f"测评结果为“{rule.ballot_grade(votes)}”，评定为“{grade}”须写明理由。")
        if grade in rule.NEEDS_FOLLOW_UP:
            if not values["follow_up"]:
                c.add("follow_up", f"评为{grade}的党员须写明组织处置（{'、'.join(APPRAISAL_FOLLOW_UPS)}）。")
            if not values["follow_up_deadline"]:
                c.add("follow_up_deadline", f"评为{grade}的党员须写明整改时限，以便列入整改事项跟踪。")
            else:
                c.order("grade", "评定日期", _decided_day(year), "follow_up_deadline", "整改时限",
                        values["follow_up_deadline"])
        elif values["follow_up"]:
            c.add("follow_up", "只有评为基本合格、不合格的党员才作组织处置。")
        self._check_excellent_share(c, year, others, grade, excused)
        if grade == "不合格":
            earlier = (AppraisalEntry.select(AppraisalEntry.grade)
                       .where((AppraisalEntry.member == person.id) & (AppraisalEntry.year == year - 1)).scalar())
            if rule.unqualified_twice(grade, earlier or ""):
                c.add("grade", f"{person.name}连续两年评为不合格，应提出组织处置意见（除名或劝退等），报上级党组织。",
                      "warning")
        return {"person": person}

    @staticmethod
    def _check_excellent_share(c: Checker, year: int, others, grade: str, excused: str) -> None:
        """优秀 within the share of the participants: those listed and not excused, or, while the list is still
        being made (an import, a form before 生成评议名单), the members on the rolls on the round's day."""
        share = load_settings().excellent_share
        excused_others = others.where(AppraisalEntry.excused != "").count()
        listed = others.count() + 1 - excused_others - (1 if excused else 0)
        on_rolls = Member.select().where(on_rolls_expr(round_day(year))).count() - excused_others - (1 if excused else 0)
        participants = max(listed, on_rolls)
        excellent = others.where(AppraisalEntry.grade == "优秀").count() + (grade == "优秀")
        allowed = rule.excellent_allowed(participants, share)
        if grade == "优秀" and excellent > allowed:
            c.add("grade", f"评为优秀的不超过参评人数的{rule.EXCELLENT_SHARES[share]}：{year}年度参评 {participants} 人，"
                           f"最多 {allowed} 人评为优秀，已有 {excellent - 1} 人。")
        elif excused and excellent > allowed:
            c.add("excused", f"此人不参评后，{year}年度参评 {participants} 人，最多 {allowed} 人评为优秀，"
                             f"而已有 {excellent} 人评为优秀；请先调整评定等次。")

    def save_related(self, record: AppraisalEntry, related: dict) -> None:
        """A 基本合格 or 不合格 with its follow-up becomes (or updates) a rectification item of the member; an
        item already saying the same (a workbook exported and imported again) is linked, not written twice."""
        if record.grade not in rule.NEEDS_FOLLOW_UP or not record.follow_up:
            return
        person = related.get("person") or record.member
        item = {"source": "民主评议", "found_on": _decided_day(record.year),
                "problem": f"{person.name}在{record.year}年度民主评议党员中被评定为“{record.grade}”。",
                "measure": record.follow_up, "owner": person.name, "deadline": record.follow_up_deadline}
        linked = record.rectification_id or (
            Rectification.select(Rectification.id)
            .where((Rectification.source == item["source"]) & (Rectification.problem == item["problem"])
                   & Rectification.id.not_in(AppraisalEntry.select(AppraisalEntry.rectification)
                                             .where(AppraisalEntry.rectification.is_null(False))))
            .scalar())
        if linked is None:
            linked = rectifications.create({**item, "status": "未开始"}).record.id
        else:
            rectifications.update(linked, item)
        if linked != record.rectification_id:
            AppraisalEntry.update(rectification=linked).where(AppraisalEntry.id == record.id).execute()


appraisals = AppraisalService()
appraisal_entries = AppraisalEntryService()


def _round_days(year: int) -> tuple[dt.date | None, dt.date | None]:
    """The round's 民主测评 and 组织评定 days (None where not held or not recorded)."""
    held = Appraisal.get_or_none(Appraisal.year == year)
    return (held.ballot_on, held.decided_on) if held is not None else (None, None)


def round_day(year: int, today: dt.date | None = None) -> dt.date:
    """The day the year's appraisal is held: its 民主测评 (else 组织评定), or the year's last day so far."""
    ballot, decided = _round_days(year)
    return ballot or decided or year_so_far(year, today or dt.date.today())


def _decided_day(year: int, today: dt.date | None = None) -> dt.date:
    """The day grades and follow-ups were decided: the round's 组织评定, else the year's last day so far."""
    return _round_days(year)[1] or year_so_far(year, today or dt.date.today())


def enrol(year: int, today: dt.date | None = None) -> int:
    """Put every member on the rolls on the round's day (预备党员 too) on the year's appraisal list, in one
    transaction; return how many were added (those already listed stay as they are). A member who left
    before the round is not listed, nor one who joined after the year (a round held early next year)."""
    day = round_day(year, today)
    with storage_faults(), db.atomic():
        listed = {m for (m,) in AppraisalEntry.select(AppraisalEntry.member).where(AppraisalEntry.year == year).tuples()}
        people = (Member.select(Member.id).where(on_rolls_expr(day) & on_rolls_during_expr(*_year_span(year)))
                  .order_by(Member.id).tuples())
        added = 0
        for (member_id,) in people:
            if member_id not in listed:
                appraisal_entries.create({"year": year, "member": member_id})
                added += 1
    return added
