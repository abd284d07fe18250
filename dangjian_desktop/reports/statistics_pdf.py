"""党内统计表 printed: the four tables of the year (queries.statistics.sections, the layout the workbook shares),
portrait, a characteristic's cells joined down its rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from dangjian_desktop.queries.statistics import Section, YearStatistics, sections
from dangjian_desktop.reports.base import (
    PORTRAIT,
    Checkpoint,
    Progress,
    ReportDoc,
    chinese_date,
    grid_table,
    para,
    scaled_widths,
    title_block,
)


def _section_table(section: Section, width: float) -> Flowable:
    """A section's grid: the first column's cells joined down over the rows that continue them."""
    weights = {2: (40, 40, 20), 3: (40, 40, 20), 4: (26, 40, 16, 18)}[len(section.headers)]
    count = len(section.headers)
    rows = [[para(h, "small_head") for h in section.headers]]
    rows += [[para(cell, "small_centre" if index else "small_left") for index, cell in enumerate(row)]
             for row in section.rows]
    spans, start = [], None
    for number, row in enumerate(section.rows, 1):
        if row[0]:
            start = number
        elif start is not None:
            spans.append(("SPAN", (0, start), (0, number)))
    if count == 3:  # (项目, 原因/"", 人数): a row without its second cell spans the first two
        spans += [("SPAN", (0, n), (1, n)) for n, row in enumerate(section.rows, 1) if not row[1]]
        if not section.headers[1]:
            spans.append(("SPAN", (0, 0), (1, 0)))
    return grid_table(rows, scaled_widths(weights[:count], width), extra_style=spans)


def build_statistics(out: Path, stats: YearStatistics, branch: str, printed_on: dt.date,
                     progress: Progress | None = None) -> None:
    """党内统计表: the four tables of the year, portrait, each kept whole where it fits."""
    title = "党内统计表"
    doc = ReportDoc(out, layout=PORTRAIT, title=title, progress=progress, progress_total=1,
                    header=(f"{branch}　{title}（{stats.year}年度）", f"打印日期：{chinese_date(printed_on)}"),
                    header_from=2)
    story: list[Flowable] = title_block(title, f"单位：{branch}", f"打印日期：{chinese_date(printed_on)}",
                                        f"（{stats.year}年度）")
    for section in sections(stats):
        heading = para(section.heading, "section")
        story += [heading, _section_table(section, doc.width), Spacer(0, 2 * mm)]
    story += [para("说明：年初党员数为上年12月31日在册党员数；党龄自转为正式党员之日起计算；在职与离退休按党费"
                   "基数登记的人员类别统计。本表各项数据由党建台账根据记录自动统计，年初数＋增加数－减少数＝年末数。",
                   "small_left"), Checkpoint()]
    doc.build_story(story)
