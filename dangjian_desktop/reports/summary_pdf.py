"""The year-end summary as a PDF in the GB/T 9704-2012 layout (A4, text block 156 × 225 mm, 22 lines × 28 characters)."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Spacer

from dangjian_desktop.reports.base import OFFICIAL, Checkpoint, Progress, ReportDoc, TitleLine
from dangjian_desktop.reports.cjk_text import TextBlock, TextStyle
from dangjian_desktop.reports.fonts import fonts
from dangjian_desktop.reports.year_summary import FilledSummary

BODY_SIZE = 16  # 3号
TITLE_SIZE = 22  # 2号
TEXT_WIDTH = OFFICIAL.page[0] - OFFICIAL.left - OFFICIAL.right
TEXT_HEIGHT = OFFICIAL.page[1] - OFFICIAL.top - OFFICIAL.bottom
LINE = TEXT_HEIGHT / 22 - 0.01  # 22 lines fill the text block
LEVEL_FONTS = {"heading": "hei", "subheading": "kai", "body": "fang"}  # 一、 黑体; （一） 楷体; the rest 仿宋


def text(content: str, role: str = "fang", **kw) -> TextBlock:
    """A paragraph of the summary: 3号 on the 28-character grid, 22 lines on every full page (a paragraph may
    leave one line at a page's foot or top, as GB/T 9704 fills the page), indented two characters."""
    kw.setdefault("first_indent", 2)
    style = TextStyle(getattr(fonts(), role), BODY_SIZE, LINE, chars_per_line=28, lone_lines=True, **kw)
    return TextBlock(content, style)


def summary_story(s: FilledSummary) -> list[Flowable]:
    story: list[Flowable] = [TitleLine(s.title, TITLE_SIZE, leading=LINE * 2, space_after=0)]
    if s.author:
        story.append(text(s.author, "kai", align="centre", first_indent=0))
    if s.date:
        story.append(text(f"（{s.date}）", "kai", align="centre", first_indent=0))
    story.append(Spacer(0, LINE))
    for block in s.blocks:
        story.append(text(block.text, LEVEL_FONTS[block.level], keep_with_next=block.level != "body"))
    # The 落款 never stands alone on a page: the last two lines of the text go with it, one blank line between.
    *before, ending = story.pop().cut_tail(TEXT_WIDTH, 2)
    return [*story, *before, KeepTogether([ending, Spacer(0, LINE), *signature(s.signature, s.date)])]


def signature(name: str, date: str) -> list[Flowable]:
    """署名 two characters in from the right; the date on the next line starting two characters to the right of
    the name (GB/T 9704 7.3.5.2); a date too long for that sits four characters in, the name centred over it."""
    probe = text("")
    name_w, date_w = probe.cells(name, TEXT_WIDTH), probe.cells(date, TEXT_WIDTH)
    cells = probe.style.chars_per_line
    name_x = cells - 2 - name_w
    date_x = name_x + 2
    if date_x + date_w > cells:
        date_x = cells - 4 - date_w
        name_x = date_x + (date_w - name_w) / 2
    return [text(line, align="left", first_indent=max(x, 0)) for line, x in ((name, name_x), (date, date_x)) if line]


def build_summary_pdf(out: Path, s: FilledSummary, progress: Progress | None = None) -> None:
    doc = ReportDoc(out, layout=OFFICIAL, title=s.title, footer="official", progress=progress, progress_total=1)
    doc.build_story([*summary_story(s), Checkpoint()])
