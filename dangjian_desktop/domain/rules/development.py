"""The rules of the 25 steps of 《中国共产党发展党员工作细则》: the steps, each step's dates by the rules (the
earliest and latest a step may be done), a person's path from their dates, and what is wrong with a new date.
Nothing here reads or writes the database; `development` does, through these rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from dangjian_desktop.common.dates import add_months
from dangjian_desktop.domain.rules.membership import (
    APPLICATION_AGE_RULE,
    CANDIDACY_RULE,
    admitted_elsewhere,
    earliest_application,
    earliest_candidacy,
    probation_end,
    stage_at,
)
from dangjian_desktop.domain.validation import Problem
from dangjian_desktop.store.models import Member

STAGE_TITLES = ("入党申请", "入党积极分子的确定和培养教育", "发展对象的确定和考察", "预备党员的接收",
                "预备党员的教育考察和转正")
REVIEW_MONTHS = 6  # 积极分子 are reviewed every six months
STATUS_LABELS = {"done": "已完成", "next": "下一步", "pending": "待办", "unrecorded": "未记录"}  # StepState.status


@dataclass(frozen=True)
class Step:
    number: int
    stage: int  # 1..5, an index into STAGE_TITLES plus one
    name: str
    requires: tuple[int, ...] = ()
    milestone: str = ""  # the Member field holding the step's date, if it is one of the five milestones
    repeatable: bool = False  # a review done again and again; the row keeps the latest date
    rule: str = ""  # the rule that sets the step's dates, as the user reads it


STEPS: tuple[Step, ...] = (
    Step(1, 1, "递交入党申请书", milestone="applied_on", rule="申请入党须年满18周岁"),
    Step(2, 1, "党组织派人谈话", (1,), rule="收到入党申请书后一个月内派人谈话"),
    Step(3, 2, "推荐和确定入党积极分子", (2,), milestone="activist_on"),
    Step(4, 2, "报上级党委备案", (3,)),
    Step(5, 2, "指定培养联系人", (3,), rule="指定一至两名正式党员作培养联系人"),
    Step(6, 2, "培养教育考察", (3,), repeatable=True, rule="每半年考察一次"),
    Step(7, 3, "确定发展对象", (4, 5, 6), milestone="candidate_on", rule="须经过一年以上的培养教育和考察"),
    Step(8, 3, "报上级党委备案", (7,)),
    Step(9, 3, "确定入党介绍人", (7,), rule="两名正式党员作入党介绍人"),
    Step(10, 3, "进行政治审查", (7,)),
    Step(11, 3, "开展集中培训", (7,), rule="集中培训不少于3天（或24学时）"),
    Step(12, 4, "支部委员会审查", (8, 9, 10, 11)),
    Step(13, 4, "上级党委预审", (12,)),
    Step(14, 4, "填写入党志愿书", (13,)),
    Step(15, 4, "支部大会讨论接收预备党员", (14,), milestone="probation_on", rule="预备期自支部大会通过之日算起"),
    Step(16, 4, "上级党委派人谈话", (15,)),
    Step(17, 4, "上级党委审批", (16,), rule="支部大会通过后三个月内审批，最长不超过六个月"),
    Step(18, 4, "再上级党委组织部门备案", (17,)),
    Step(19, 5, "编入党支部和党小组", (17,)),
    Step(20, 5, "入党宣誓", (17,)),
    Step(21, 5, "继续教育考察", (17,), repeatable=True),
    Step(22, 5, "提出转正申请", (19, 20, 21)),
    Step(23, 5, "支部大会讨论转正", (22,), rule="预备期一年（可延长6至12个月），期满后讨论转正"),
    Step(24, 5, "上级党委审批转正", (23,), rule="支部大会讨论后三个月内审批"),
    Step(25, 5, "材料归档", (24,)),
)
STEP = {s.number: s for s in STEPS}
MILESTONE_STEPS = {s.number: s.milestone for s in STEPS if s.milestone}
ADMISSION_DONE = 19  # steps 1–18 lead to admission and its 备案: a member admitted elsewhere did them there
CLOSING_STEP = 25
STAGE_OF_REVIEW = {6: "入党积极分子", 21: "预备党员"}  # while the person is here, the review comes again


@dataclass(frozen=True)
class StepState:
    step: Step
    done_on: dt.date | None
    status: str  # done / next / pending / unrecorded (an earlier step the records do not hold)
    earliest: dt.date | None = None  # for a step not done (or a review that comes again): the window
    latest: dt.date | None = None
    note: str = ""
    late_after: dt.date | None = None  # a step done later than the rules allow: the latest day they allowed

    @property
    def label(self) -> str:
        return f"第{self.step.number}步 {self.step.name}"

    def overdue(self, today: dt.date) -> bool:
        """A step still to do whose latest day by the rules has passed."""
        return self.status != "done" and self.latest is not None and self.latest < today

    def late(self, today: dt.date) -> bool:
        """Done later than the rules allow, or still to do past its latest day."""
        return self.late_after is not None or self.overdue(today)

    def window(self, show: Callable[[dt.date], str] = dt.date.isoformat, joint: str = "，") -> str:
        """The days the rules allow, as read: "最早 2025-05-06，最迟 2025-06-06" ("" without a window)."""
        return joint.join(filter(None, (f"最早 {show(self.earliest)}" if self.earliest else "",
                                        f"最迟 {show(self.latest)}" if self.latest else "")))

    def placement(self, day: dt.date | None) -> tuple[str, str]:
        """Where a date typed for the step lies against its window, before it is saved: (tone, words) with
        tone "late", "early" or "in"; ("", "") without a date or a window."""
        if day is None or not (self.earliest or self.latest):
            return "", ""
        if self.latest and day > self.latest:
            return "late", f"晚于规定的最迟日期 {self.latest}，保存后这一步会标为逾期。"
        if self.earliest and day < self.earliest:
            return "early", f"早于规定允许的最早日期 {self.earliest}，请核对。"
        return "in", "在规定的时间内。"


@dataclass(frozen=True)
class DevelopmentPath:
    member_id: int
    name: str
    stage: str
    steps: tuple[StepState, ...]
    probation_end: dt.date | None
    probation_extension_months: int = 0
    # What the 纪实表 records beside the steps: 培养联系人, 入党介绍人 and the two 公示.
    contacts: str = ""
    introducers: str = ""
    admission_publicity_on: dt.date | None = None
    full_publicity_on: dt.date | None = None

    @property
    def next_step(self) -> StepState | None:
        return next((s for s in self.steps if s.status == "next"), None)

    @property
    def due_step(self) -> StepState | None:
        """The step still to do whose latest date comes first: often the next step, but it may be a later
        one (the approval three months after the vote while the step before it is open) or a review that
        comes again."""
        return min((s for s in self.steps if s.latest is not None), key=lambda s: s.latest, default=None)

    def due_suffix(self) -> str:
        """What a list's 最迟 column adds after the date when its step is not the one shown as next."""
        due = self.due_step
        return "" if due is None or due is self.next_step else f"（第{due.step.number}步）"


def step_dates(member: Member, rows: dict[int, tuple[dt.date, str]]) -> dict[int, dt.date]:
    """The date of every step done: milestones from the member, others from the step rows."""
    dates = {number: day for number, (day, _note) in rows.items()}
    for number, field in MILESTONE_STEPS.items():
        day = getattr(member, field)
        if day is not None:
            dates[number] = day
        else:
            dates.pop(number, None)
    if 23 not in dates and member.full_on is not None:
        dates[23] = member.full_on  # 转正 recorded on the member before steps were kept
    return dates


def _limits(number: int, member: Member, dates: dict[int, dt.date]) -> tuple[list, list]:
    """(hard lower bounds, soft upper bounds) of a step's date as (date, why) pairs, from the rules."""
    lower, upper = [], []
    for required in STEP[number].requires:
        if required in dates:
            lower.append((dates[required], f"不能早于第{required}步“{STEP[required].name}”（{dates[required]}）"))
    if number == 1 and member.birth_date:
        lower.append((earliest_application(member.birth_date), APPLICATION_AGE_RULE))
    elif number == 2 and 1 in dates:
        upper.append((add_months(dates[1], 1), "党组织应在收到入党申请书后一个月内派人谈话"))
    elif number == 6 and 3 in dates:
        base = max(dates[3], dates.get(6, dates[3]))
        upper.append((add_months(base, REVIEW_MONTHS), "对入党积极分子每半年考察一次"))
    elif number == 7 and 3 in dates:
        lower.append((earliest_candidacy(dates[3]), CANDIDACY_RULE))
    elif number == 17 and 15 in dates:
        upper.append((add_months(dates[15], 3), "上级党委应在支部大会通过后三个月内审批（最长不超过六个月）"))
    elif number == 23 and member.probation_on:
        extension = member.probation_extension_months or 0
        why = f"预备期一年{f'（延长{extension}个月）' if extension else ''}，期满后才能讨论转正"
        lower.append((probation_end(member), why))
    elif number == 24 and 23 in dates:
        upper.append((add_months(dates[23], 3), "上级党委应在支部大会讨论转正后三个月内审批"))
    return lower, upper


def done_elsewhere(member: Member) -> int:
    """The steps numbered below this were done by the organisation that admitted a member transferred in as a
    预备党员 (through 备案 of his admission); 0 for one admitted here."""
    return ADMISSION_DONE if admitted_elsewhere(member) else 0


def build_path(member: Member, rows: dict[int, tuple[dt.date, str]]) -> DevelopmentPath:
    """A person's 25 steps: dates done, the next step and the window of each step still to come."""
    dates = step_dates(member, rows)
    elsewhere = done_elsewhere(member)
    reached = max(max((n for n in MILESTONE_STEPS if n in dates), default=0), elsewhere)
    states, next_found = [], False
    for step in STEPS:
        n = step.number
        lower, upper = _limits(n, member, dates)
        earliest = max((d for d, _ in lower), default=None)
        latest = min((d for d, _ in upper), default=None)
        note = rows.get(n, (None, ""))[1]
        if n in dates:
            again = step.repeatable and stage_at(member, None) == STAGE_OF_REVIEW.get(n)
            states.append(StepState(step, dates[n], "done", dates[n] if again else None,
                                    latest if again else None, note, _late_after(n, member, dates)))
        elif n < reached:
            states.append(StepState(step, None, "unrecorded"))
        else:
            ready = all(r in dates or r < elsewhere for r in step.requires)
            status = "next" if ready and not next_found else "pending"
            next_found = next_found or status == "next"
            states.append(StepState(step, None, status, earliest, latest, step.rule))
    return DevelopmentPath(member.id, member.name, stage_at(member, None), tuple(states),
                           probation_end(member), member.probation_extension_months or 0,
                           member.contacts, member.introducers, member.admission_publicity_on,
                           member.full_publicity_on)


def _late_after(number: int, member: Member, dates: dict[int, dt.date]) -> dt.date | None:
    """The latest day the rules allowed for step `number`, when it was done after it; else None."""
    before = {n: day for n, day in dates.items() if n != number}
    _lower, upper = _limits(number, member, before)
    bound = min((day for day, _why in upper), default=None)
    return bound if bound is not None and dates[number] > bound else None


def check_step(member: Member, rows: dict[int, tuple[dt.date, str]], number: int, day: dt.date,
               today: dt.date) -> list[Problem]:
    """Every problem with recording step `number` on `day`: errors (order, too early) and warnings (late)."""
    if number not in STEP:
        return [Problem("step", f"没有第{number}步：发展党员共25步。")]
    step, dates = STEP[number], step_dates(member, rows)
    label = f"第{number}步“{step.name}”"
    problems = []
    if member.status != "正常":
        problems.append(Problem("step", f"{member.name}已{member.status}，不能再记录发展步骤。"))
    if day > today:
        problems.append(Problem("date", f"{label}的日期 {day} 晚于今天。"))
    missing = [r for r in step.requires if r not in dates and r >= done_elsewhere(member)]
    if missing:
        names = "、".join(f"第{r}步“{STEP[r].name}”" for r in missing)
        problems.append(Problem("step", f"{label}须在{names}之后，请先记录{names}。"))
    if step.repeatable and number in dates and day <= dates[number]:
        problems.append(Problem("date", f"{label}上次记录于 {dates[number]}，新的考察日期应在其后。"))
    lower, upper = _limits(number, member, dates)
    problems += [Problem("date", f"{label}的日期 {day} 太早：{why}，最早 {bound}。")
                 for bound, why in lower if day < bound]
    for later in STEPS:
        if number in later.requires and later.number in dates and dates[later.number] < day:
            problems.append(Problem("date", f"{label}不能晚于已记录的第{later.number}步“{later.name}”"
                                            f"（{dates[later.number]}）。"))
    problems += [Problem("date", f"{label}晚于规定期限：{why}，最迟应为 {bound}。", "warning")
                 for bound, why in upper if day > bound]
    return problems
