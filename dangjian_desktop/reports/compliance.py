"""The meeting-cycle grid of a year as a landscape table: each requirement by month, with the dates it was met."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import Flowable, Spacer

from dangjian_desktop.queries.compliance import ComplianceGrid, PeriodCell
from dangjian_desktop.queries.reminders import meeting_reminders
from dangjian_desktop.reports.base import (
    LANDSCAPE,
    Checkpoint,
    Progress,
    ReportDoc,
    chinese_date,
    grid_table,
    para,
    scaled_widths,
    title_block,
)

# Light tints that stay distinct in grey; the words in each cell say the same.
SHADES = {
    "held": colors.Color(0.89, 0.95, 0.90),
    "missing": colors.Color(0.98, 0.82, 0.82),
    "not_due": None,
    "exempt": colors.Color(0.92, 0.93, 0.95),
    "before": None,
}


def cell_text(cell: PeriodCell) -> str:
    """已开展 with the dates (day only within a month), 缺, 未到期, 免, or 未记录 (before the records kept
    here begin); the current period is marked."""
    if cell.state == "held":
        if cell.first_month == cell.last_month:
            dates = "、".join(f"{d.day}日" for d in cell.dates)
        else:
            dates = "、".join(f"{d.month}月{d.day}日" for d in cell.dates)
        text = f"已开展\n{dates}"
    else:
        text = {"missing": "缺", "not_due": "未到期", "exempt": "免（假期）", "before": "未记录"}[cell.state]
    return f"{text}\n（本期）" if cell.current else text


def build_compliance(out: Path, grid: ComplianceGrid, branch: str, printed_on: dt.date,
                     progress: Progress | None = None) -> None:
    title = f"{grid.year}年三会一课等制度落实情况表"
    doc = ReportDoc(out, layout=LANDSCAPE, title=title, progress=progress, progress_total=1)
    widths = scaled_widths([46] + [18] * 12, doc.width)
    rows = [[para("制度要求", "small_head")] + [para(f"{m}月", "small_head") for m in range(1, 13)]]
    style: list[tuple] = [("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    for r, row in enumerate(grid.rows, start=1):
        req = row.requirement
        cells: list[Flowable | str] = [para(f"{req.label}\n（{req.rule}）", "small")] + [""] * 12
        for cell in row.periods:
            first, last = cell.first_month, cell.last_month
            cells[first] = para(cell_text(cell), "small_centre")
            if last > first:
                style.append(("SPAN", (first, r), (last, r)))
            if SHADES[cell.state] is not None:
                style.append(("BACKGROUND", (first, r), (last, r), SHADES[cell.state]))
            if cell.current:
                style.append(("BOX", (first, r), (last, r), 2, colors.black))
        rows.append(cells)
    as_of = min(grid.today, dt.date(grid.year, 12, 31))
    story: list[Flowable] = title_block(title, f"单位：{branch}", f"打印日期：{chinese_date(printed_on)}",
                                        f"（截至{chinese_date(as_of)}）")
    story.append(grid_table(rows, widths, extra_style=style))
    story.append(Spacer(0, 6))
    missing = [r.text for r in meeting_reminders(grid) if r.severity == "urgent"]
    story.append(para("缺项：" + ("；".join(missing) + "。" if missing else "无。"), "info"))
    unrecorded = (f"{chinese_date(grid.since)}以前的记录不在本程序中，那时结束的周期记为“未记录”。"
                  if grid.has_unrecorded and grid.since else "")
    story.append(para("说明：一个周期内开展一次即为落实；周期结束仍未开展的记为“缺”，当前周期（粗框）及以后的记为"
                      f"“未到期”；假期月份不要求主题党日。书记讲党课按授课人的党内职务统计。{unrecorded}", "info"))
    doc.build_story([*story, Checkpoint()])
