"""发展党员纪实: everyone in development in one table, then each person's 25 steps with dates and what is due."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.platypus import Flowable, PageBreak, Spacer

from dangjian_desktop.domain.rules.development import STAGE_TITLES, STATUS_LABELS, DevelopmentPath, StepState
from dangjian_desktop.reports.base import (
    MARK_SHADE,
    PORTRAIT,
    Checkpoint,
    Progress,
    ReportDoc,
    chinese_date,
    grid_table,
    para,
    scaled_widths,
    short_date,
    title_block,
)

NUMERALS = "一二三四五"
POLITICAL_REVIEW = 10  # the step 进行政治审查


def _remark(state: StepState, today: dt.date) -> str:
    """What the 说明 column says of a step: its note, its window, and when it is late by the rules."""
    if state.status == "done":
        late = f"【逾期】晚于规定期限（最迟应为 {short_date(state.late_after)}）" if state.late_after else ""
        return "；".join(filter(None, (late, state.note)))
    if state.status == "unrecorded":
        return "未记录日期"
    overdue = "【逾期】已超过最迟期限" if state.overdue(today) else ""
    return "；".join(filter(None, (overdue, state.window(short_date, "；"), state.step.rule)))



def _list_table(paths: list[DevelopmentPath], width: float) -> Flowable:
    head = ("序号", "姓名", "阶段", "申请入党", "确定积极分子", "确定发展对象", "接收预备党员", "下一步", "最迟")
    rows = [[para(h, "small_head") for h in head]]
    for number, path in enumerate(paths, start=1):
        dates = [short_date(path.steps[n - 1].done_on) for n in (1, 3, 7, 15)]
        step, due = path.next_step, path.due_step
        rows.append([para(str(number), "small_centre"), para(path.name, "small_centre"),
                     para(path.stage, "small_centre"), *(para(d, "small_centre") for d in dates),
                     para(step.label if step else "已全部完成", "small"),
                     para(short_date(due.latest) + path.due_suffix() if due else "", "small_centre")])
    return grid_table(rows, scaled_widths([9, 15, 25, 19, 19, 19, 19, 38, 19], width))


def _facts(path: DevelopmentPath, width: float) -> Flowable:
    """Who vouches for and trains the person, the political review and the two 公示, above the steps."""
    review = next((s.done_on for s in path.steps if s.step.number == POLITICAL_REVIEW), None)
    pairs = [("培养联系人", path.contacts), ("入党介绍人", path.introducers),
             ("政治审查", short_date(review)), ("接收前公示", short_date(path.admission_publicity_on)),
             ("转正前公示", short_date(path.full_publicity_on)), ("", "")]  # the last one spans its row
    rows = [[para(a, "small_head"), para(b or "未记录" if a else "", "small"),
             para(c, "small_head"), para(d or "未记录" if c else "", "small")]
            for (a, b), (c, d) in zip(pairs[::2], pairs[1::2], strict=True)]
    last = len(rows) - 1
    return grid_table(rows, scaled_widths([18, 32, 18, 32], width), header_rows=0,
                      extra_style=[("SPAN", (1, last), (3, last))])


def _steps_table(path: DevelopmentPath, width: float, today: dt.date) -> Flowable:
    rows = [[para(h, "small_head") for h in ("阶段", "步骤", "内容", "状态", "完成日期", "说明")]]
    style: list[tuple] = []
    for stage, title in enumerate(STAGE_TITLES, start=1):
        states = [s for s in path.steps if s.step.stage == stage]
        first_row = len(rows)
        for i, state in enumerate(states):
            rows.append([para(f"{NUMERALS[stage - 1]}、{title}" if i == 0 else "", "small"),
                         para(str(state.step.number), "small_centre"), para(state.step.name, "small"),
                         para(STATUS_LABELS[state.status], "small_centre"), para(short_date(state.done_on), "small_centre"),
                         para(_remark(state, today), "small_left")])
            if state.late(today):
                style.append(("BACKGROUND", (1, len(rows) - 1), (-1, len(rows) - 1), MARK_SHADE))
        style.append(("SPAN", (0, first_row), (0, len(rows) - 1)))
    return grid_table(rows, scaled_widths([30, 10, 40, 15, 22, 58], width), extra_style=style)


def build_development(out: Path, paths: list[DevelopmentPath], branch: str, printed_on: dt.date,
                      progress: Progress | None = None) -> None:
    title = "发展党员工作纪实表"
    doc = ReportDoc(out, layout=PORTRAIT, title=title, progress=progress, progress_total=len(paths) + 1)
    story: list[Flowable] = title_block(title, f"单位：{branch}", f"打印日期：{chinese_date(printed_on)}",
                                        "（依据《中国共产党发展党员工作细则》五个阶段、25个步骤）")
    story += [_list_table(paths, doc.width), Checkpoint()]
    for path in paths:
        end = f"，预备期满 {short_date(path.probation_end)}" if path.probation_end and path.stage == "预备党员" else ""
        story += [PageBreak(), para(f"{path.name}（{path.stage}{end}）", "section"), Spacer(0, 2),
                  _facts(path, doc.width), Spacer(0, 4), _steps_table(path, doc.width, printed_on),
                  Checkpoint(path.member_id)]
    doc.build_story(story)
