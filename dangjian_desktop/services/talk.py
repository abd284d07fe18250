"""谈心谈话: the talks (a talk with an applicant within a month of his application also records that development
step), and which committee member talks with which member (the branch's 分工)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.rules.development import STEP
from dangjian_desktop.domain.rules.membership import present, stage_at
from dangjian_desktop.domain.validation import Checker, Problem, ValidationError
from dangjian_desktop.services import development
from dangjian_desktop.services.base import RecordService, storage_faults
from dangjian_desktop.services.committee import committee_members
from dangjian_desktop.store.connection import db
from dangjian_desktop.store.models import DevelopmentStep, Member, Talk, TalkAssignment

APPLICANT_TALK = ("入党申请人谈话", 2)  # the kind of talk that is development step 2 (党组织派人谈话)


class TalkService(RecordService):
    kind = kinds.TALK

    def check(self, c: Checker, values: dict[str, Any], data: dict[str, Any], record: Talk | None) -> dict:
        if c.errors:
            return {}
        if values["talker"] == values["partner"]:
            c.add("partner", "谈话人和谈话对象不能是同一人。")
            return {}
        people = {m.id: m for m in Member.select().where(Member.id.in_([values["talker"], values["partner"]]))}
        for name in ("talker", "partner"):
            person = people[values[name]]
            if not present(person, values["date"]):
                c.add(name, f"{person.name}已于 {person.left_on} 离开本支部，不能在 {values['date']} 谈话。")
        if values["kind"] == APPLICANT_TALK[0] and not c.errors:
            return {"tick": self._applicant_step(c, people[values["partner"]], values["date"])}
        return {}

    @staticmethod
    def _applicant_step(c: Checker, partner: Member, day: dt.date) -> bool:
        """Whether the talk also records the applicant's step 2; why not, as a warning, when its rules refuse it
        (the talk is saved all the same)."""
        stage = stage_at(partner, day)
        if stage != "入党申请人":
            c.add("partner", f"{partner.name}在 {day} 不是入党申请人（{stage or '尚未申请入党'}），"
                             "请改选谈话类型或谈话对象。")
            return False
        number = APPLICANT_TALK[1]
        if DevelopmentStep.select().where((DevelopmentStep.member == partner.id)
                                          & (DevelopmentStep.step == number)).exists():
            return False
        problems = development.step_problems(partner.id, number, day)
        refused = [p.message for p in problems if p.is_error]
        step = f"{partner.name}的发展党员第{number}步“{STEP[number].name}”"
        if refused:
            c.add("kind", f"谈话照常保存，但不能同时记为{step}：{'；'.join(refused)}", "warning")
            return False
        for p in problems:
            c.add("date", f"同时记为{step}：{p.message}", "warning")
        return True

    def save_related(self, record: Talk, related: dict) -> None:
        """A talk with an applicant is his step 2 too (checked in `check`)."""
        if related.get("tick"):
            development.record_step(record.partner_id, APPLICANT_TALK[1], record.date, f"谈心谈话：{record.topic}")


talks = TalkService()


def assignments() -> dict[int, int]:
    """member id → the committee member assigned to talk with him."""
    return dict(TalkAssignment.select(TalkAssignment.member, TalkAssignment.committee_member).tuples())


def set_assignments(chosen: dict[int, int | None]) -> None:
    """Store who talks with whom (member id → committee member id, None for the default, the 书记) in one
    transaction; every problem is raised at once and nothing is written then."""
    with storage_faults(), db.atomic():
        committee = {h.member_id for h in committee_members()}
        names = dict(Member.select(Member.id, Member.name).tuples())
        problems = []
        for member_id, partner in chosen.items():
            if member_id not in names:
                problems.append(Problem("assignments", f"编号为 {member_id} 的党员不存在，可能已被删除。"))
            elif partner is not None and partner not in committee:
                problems.append(Problem("assignments", f"{names.get(partner, partner)}不是支委会委员，不能负责与"
                                                       f"{names[member_id]}谈心谈话。"))
        if problems:
            raise ValidationError(problems)
        TalkAssignment.delete().where(TalkAssignment.member.in_(list(chosen))).execute()
        rows = [{"member": m, "committee_member": p} for m, p in chosen.items() if p is not None]
        if rows:
            TalkAssignment.insert_many(rows).execute()
