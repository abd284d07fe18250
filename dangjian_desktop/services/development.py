"""A person's development steps as stored: reading everyone's path, and recording, extending and undoing, each
one transaction with its history. The rules themselves are in `development_rules`.

The five milestones (application, 积极分子, 发展对象, the vote that makes a 预备党员, 转正) live on Member and are
read and written through the members service; the other steps are rows of DevelopmentStep. Step 23 (the
支部大会 vote on 转正) is stored as a step row with its vote date and sets the member's full-member date to
the day probation ends, which is what the rules make it. A repeated review (steps 6 and 21)
keeps its latest date in `done_on` and every date, joined by "、", in `note`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dangjian_desktop.domain.rules.development import (
    CLOSING_STEP,
    STEP,
    STEPS,
    DevelopmentPath,
    Step,
    build_path,
    check_step,
    step_dates,
)
from dangjian_desktop.domain.rules.membership import present_expr, probation_end, stage_at
from dangjian_desktop.domain.validation import NotFoundError, Problem, ValidationError
from dangjian_desktop.services import history
from dangjian_desktop.services.member import members
from dangjian_desktop.store.connection import db
from dangjian_desktop.store.models import DevelopmentStep, Member


@dataclass(frozen=True)
class StepResult:
    path: DevelopmentPath
    warnings: list[Problem]


def _rows_of(member_ids: list[int]) -> dict[int, dict[int, tuple[dt.date, str]]]:
    query = (DevelopmentStep.select(DevelopmentStep.member, DevelopmentStep.step, DevelopmentStep.done_on,
                                    DevelopmentStep.note)
             .where(DevelopmentStep.member.in_(member_ids)).tuples())
    result: dict[int, dict[int, tuple[dt.date, str]]] = {i: {} for i in member_ids}
    for member_id, number, done_on, note in query:
        result[member_id][number] = (done_on, note)
    return result


def _member(member_id: int) -> Member:
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise NotFoundError(f"找不到编号为 {member_id} 的人员，可能已被删除。")
    return member


def path_of(member_id: int) -> DevelopmentPath:
    return build_path(_member(member_id), _rows_of([member_id])[member_id])


def paths_in_development() -> list[DevelopmentPath]:
    """Everyone from 入党申请人 to 预备党员 on the books, and full members whose 转正 steps are still open;
    in order of stage then name. Two queries."""
    open_after_vote = (DevelopmentStep.select(DevelopmentStep.member).where(DevelopmentStep.step == 23)
                       .where(DevelopmentStep.member.not_in(
                           DevelopmentStep.select(DevelopmentStep.member)
                           .where(DevelopmentStep.step == CLOSING_STEP))))
    started = (Member.applied_on.is_null(False) | Member.activist_on.is_null(False)
               | Member.candidate_on.is_null(False) | Member.probation_on.is_null(False))
    people = list(Member.select().where(present_expr(dt.date.today()) & started
                                        & (Member.full_on.is_null() | Member.id.in_(open_after_vote))))
    rows = _rows_of([m.id for m in people])
    paths = [build_path(m, rows[m.id]) for m in people]
    order = ("入党申请人", "入党积极分子", "发展对象", "预备党员", "正式党员")
    return sorted(paths, key=lambda p: (order.index(p.stage) if p.stage in order else 9, p.name))


def step_problems(member_id: int, number: int, day: dt.date, today: dt.date | None = None) -> list[Problem]:
    """What recording step `number` on `day` would meet (errors refuse it, warnings only tell), writing nothing."""
    return check_step(_member(member_id), _rows_of([member_id])[member_id], number, day, today or dt.date.today())


def record_step(member_id: int, number: int, day: dt.date, note: str = "",
                today: dt.date | None = None) -> StepResult:
    """Record that a person did step `number` on `day`, in one transaction with its history.

    Refused (ValidationError, nothing written) when a step it depends on is missing, when the date is
    earlier than a rule allows or later than a step already recorded after it; late dates only warn.
    """
    today = today or dt.date.today()
    with db.atomic():
        member = _member(member_id)
        rows = _rows_of([member_id])[member_id]
        problems = check_step(member, rows, number, day, today)
        if any(p.is_error for p in problems):
            raise ValidationError(problems)
        step = STEP[number]
        if step.milestone:
            members.update(member_id, {step.milestone: day})
        else:
            _write_row(member, step, day, note, rows.get(number))
            if number == 23:
                members.update(member_id, {"full_on": probation_end(member)})
        result = path_of(member_id)
    return StepResult(result, [p for p in problems if not p.is_error])


def _write_row(member: Member, step: Step, day: dt.date, note: str, old: tuple[dt.date, str] | None) -> None:
    if step.repeatable and old is not None:
        note = "、".join(filter(None, (old[1] or old[0].isoformat(), day.isoformat())))
    elif step.repeatable:
        note = day.isoformat()
    DevelopmentStep.insert(member=member.id, step=step.number, done_on=day, note=note.strip()[:500]) \
        .on_conflict(conflict_target=[DevelopmentStep.member, DevelopmentStep.step],
                     update={DevelopmentStep.done_on: day, DevelopmentStep.note: note.strip()[:500]}).execute()
    key = f"第{step.number}步 {step.name}"
    history.record_change("member", member.id, "update", member.name,
                          {key: old[0].isoformat() if old else ""}, {key: day.isoformat()})


def set_probation_extension(member_id: int, months: int) -> DevelopmentPath:
    """Record the 支部大会's decision to extend a 预备党员's probation once, by 6 to 12 months (0 takes a
    mistaken extension back). One transaction, with history, through the members service."""
    with db.atomic():
        member = _member(member_id)
        if member.status != "正常":
            raise ValidationError([Problem("probation_extension_months",
                                           f"{member.name}已{member.status}，不能再延长预备期。")])
        if member.probation_on is None or member.full_on is not None:
            raise ValidationError([Problem("probation_extension_months",
                                           f"{member.name}是{stage_at(member, None)}，只有预备党员才能延长预备期。")])
        if months and not 6 <= months <= 12:
            raise ValidationError([Problem("probation_extension_months", "延长预备期只能为6至12个月。")])
        members.update(member_id, {"probation_extension_months": months})
        return path_of(member_id)


def undo_step(member_id: int, number: int) -> DevelopmentPath:
    """Remove a recorded step (to correct a mistake); refused while a later step that depends on it is recorded."""
    with db.atomic():
        member = _member(member_id)
        rows = _rows_of([member_id])[member_id]
        dates = step_dates(member, rows)
        if number not in dates:
            raise ValidationError([Problem("step", f"第{number}步尚未记录。")])
        step = STEP[number]
        later = [s for s in STEPS if number in s.requires and s.number in dates]
        if later and not (step.repeatable and "、" in rows.get(number, (None, ""))[1]):
            names = "、".join(f"第{s.number}步“{s.name}”" for s in later)
            raise ValidationError([Problem("step", f"已记录{names}，不能撤销第{number}步；请先撤销后面的步骤。")])
        if step.milestone:
            members.update(member_id, {step.milestone: None})
        else:
            _delete_row(member, step, rows.get(number))
            if number == 23:
                members.update(member_id, {"full_on": None})
        return path_of(member_id)


def _delete_row(member: Member, step: Step, old: tuple[dt.date, str] | None) -> None:
    query = DevelopmentStep.delete().where((DevelopmentStep.member == member.id)
                                           & (DevelopmentStep.step == step.number))
    earlier = (old[1].split("、")[:-1] if old and step.repeatable else [])
    key = f"第{step.number}步 {step.name}"
    if earlier:
        DevelopmentStep.update(done_on=dt.date.fromisoformat(earlier[-1]), note="、".join(earlier)).where(
            (DevelopmentStep.member == member.id) & (DevelopmentStep.step == step.number)).execute()
        new = earlier[-1]
    else:
        query.execute()
        new = ""
    history.record_change("member", member.id, "update", member.name,
                          {key: old[0].isoformat() if old else ""}, {key: new})
