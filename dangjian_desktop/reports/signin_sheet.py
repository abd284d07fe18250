"""签到表 for one meeting: one row per member expected, a blank column to sign, known leave reasons, totals."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from dangjian_desktop.reports.base import (
    PORTRAIT,
    Checkpoint,
    Progress,
    ReportDoc,
    TitleLine,
    grid_table,
    para,
)
from dangjian_desktop.reports.data import UNREGISTERED, MeetingRecord
from dangjian_desktop.reports.meeting_register import when

ROW_HEIGHT = 9 * mm


def signin_title(r: MeetingRecord) -> str:
    name = r.party_group if r.kind == "党小组会" and r.party_group else r.kind
    return f"{name}签到表"


def remark(status: str, reason: str) -> str:
    if status in ("请假", "缺席") and reason != UNREGISTERED:
        return f"{status}：{reason}" if reason else status
    return ""


def signin_story(r: MeetingRecord, branch: str) -> list[Flowable]:
    width = PORTRAIT.page[0] - PORTRAIT.left - PORTRAIT.right
    info = [("会议名称", f"{r.topic}（{r.kind}）"), ("时间", when(r)), ("地点", r.place or "")]
    if r.host:
        info.append(("主持人", r.host))
    story: list[Flowable] = [TitleLine(signin_title(r), 20), para(branch, "subtitle"), Spacer(0, 3 * mm)]
    story += [para(f"{label}：{value}", "info") for label, value in info]
    story.append(Spacer(0, 3 * mm))
    rows = [[para(h, "head") for h in ("序号", "姓名", "本人签名", "备注")]]
    for number, person in enumerate(r.people, 1):
        rows.append([para(str(number), "cell_centre"), para(person.name, "cell_centre"), "",
                     para(remark(person.status, person.reason))])
    expected = len(r.people)
    if r.registered:
        counts = {s: len(r.named(s)) for s in ("出席", "请假", "缺席")}
        total = f"应到 {expected} 人　实到 {counts['出席']} 人　请假 {counts['请假']} 人　缺席 {counts['缺席']} 人"
    else:
        total = f"应到 {expected} 人　实到 ____ 人　请假 ____ 人　缺席 ____ 人"
    rows.append([para(total, "info"), "", "", ""])
    widths = [width * w for w in (0.1, 0.2, 0.4, 0.3)]
    last = len(rows) - 1
    table = grid_table(rows, widths, min_row_height=ROW_HEIGHT, extra_style=[("SPAN", (0, last), (-1, last))])
    return [*story, table]


def build_signin(out: Path, record: MeetingRecord, branch: str, progress: Progress | None = None) -> None:
    doc = ReportDoc(out, layout=PORTRAIT, title=signin_title(record), header=(branch, "签到表"),
                    progress=progress, progress_total=1)
    doc.build_story([*signin_story(record, branch), Checkpoint()])
