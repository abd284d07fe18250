"""签到表 for one meeting: one row per member expected (正式/预备 marked), blank columns to sign and to write the
time of signing, known leave reasons, blank rows for 列席 guests, totals. A row grows with a long reason."""

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
from dangjian_desktop.reports.photos import fitted, sign_in_scan

ROW_HEIGHT = 9 * mm  # room to sign by hand; a row with a longer reason grows beyond it
CELL_PADDING = 7  # the grid's top and bottom padding together, in points
GUEST_ROWS = 3  # blank rows at the end for 列席 guests to sign
HEADINGS = ("序号", "姓名", "类别", "本人签名", "签到时间", "备注")
WEIGHTS = (0.08, 0.15, 0.09, 0.28, 0.13, 0.27)


def signin_title(r: MeetingRecord) -> str:
    name = r.party_group if r.kind == "党小组会" and r.party_group else r.kind
    return f"{name}签到表"


def remark(status: str, reason: str) -> str:
    if status in ("请假", "缺席") and reason != UNREGISTERED:
        return f"{status}：{reason}" if reason else status
    return ""


def _signing_room() -> Spacer:
    """What holds a row open to its signing height: the signature cell is blank, so it holds nothing else."""
    return Spacer(0, ROW_HEIGHT - CELL_PADDING)


def signin_story(r: MeetingRecord, branch: str) -> list[Flowable]:
    width = PORTRAIT.page[0] - PORTRAIT.left - PORTRAIT.right
    info = [("会议名称", f"{r.topic}（{r.kind}）"), ("时间", when(r)), ("地点", r.place or "")]
    if r.host:
        info.append(("主持人", r.host))
    story: list[Flowable] = [TitleLine(signin_title(r), 20), para(branch, "subtitle"), Spacer(0, 3 * mm)]
    story += [para(f"{label}：{value}", "info") for label, value in info]
    story.append(Spacer(0, 3 * mm))
    rows: list[list] = [[para(h, "head") for h in HEADINGS]]
    for number, person in enumerate(r.people, 1):
        rows.append([para(str(number), "cell_centre"), para(person.name, "cell_centre"),
                     para(person.stage.removesuffix("党员"), "cell_centre"), _signing_room(), "",
                     para(remark(person.status, person.reason))])
    guests = [name for name in r.guests.replace("，", "、").replace(",", "、").split("、") if name.strip()]
    for guest in guests + [""] * GUEST_ROWS:
        rows.append(["", para(guest.strip(), "cell_centre"), para("列席", "cell_centre"), _signing_room(), "", ""])
    expected = len(r.people)
    if r.registered:
        counts = {s: len(r.named(s)) for s in ("出席", "请假", "缺席")}
        total = f"应到 {expected} 人　实到 {counts['出席']} 人　请假 {counts['请假']} 人　缺席 {counts['缺席']} 人"
    else:
        total = f"应到 {expected} 人　实到 ____ 人　请假 ____ 人　缺席 ____ 人"
    voting = len(r.voting())
    total += f"　（其中有表决权的正式党员 {voting} 人）" if voting != expected else ""
    rows.append([para(total, "info"), *[""] * (len(HEADINGS) - 1)])
    last = len(rows) - 1
    table = grid_table(rows, [width * w for w in WEIGHTS], extra_style=[("SPAN", (0, last), (-1, last))])
    return [*story, table]


def build_signin(out: Path, record: MeetingRecord, branch: str, progress: Progress | None = None) -> None:
    doc = ReportDoc(out, layout=PORTRAIT, title=signin_title(record), header=(branch, "签到表"),
                    progress=progress, progress_total=1)
    scan = sign_in_scan(record.id)
    if scan is None:
        doc.build_story([*signin_story(record, branch), Checkpoint()])
        return
    title = TitleLine(signin_title(record), 18, space_after=2)  # the signed sheet, scanned, stands in for a new one
    note = para("（签到表扫描件）", "subtitle")
    doc.build_story([title, note, fitted(scan, doc.width, doc.height - 30 * mm), Checkpoint()])
