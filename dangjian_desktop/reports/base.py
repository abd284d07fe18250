"""The shared base of the printouts: page layouts, header and footer, page numbers, styles, titles and tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from dangjian_desktop import APP_NAME
from dangjian_desktop.common.dates import date_label
from dangjian_desktop.reports.cjk_text import TextBlock, TextStyle
from dangjian_desktop.reports.errors import ReportCancelled
from dangjian_desktop.reports.fonts import EM_ASCENT, draw_text, fonts, text_width

Progress = Callable[[int, int], "bool | None"]  # (done, total); returning False cancels

PAGE_COUNT_FORM = "DJPageCount"


@dataclass(frozen=True)
class Layout:
    """Page size and margins in points."""

    page: tuple[float, float]
    top: float
    right: float
    bottom: float
    left: float


PORTRAIT = Layout(A4, 22 * mm, 18 * mm, 20 * mm, 25 * mm)
LANDSCAPE = Layout(landscape(A4), 18 * mm, 15 * mm, 18 * mm, 20 * mm)
OFFICIAL = Layout(A4, 37 * mm, 26 * mm, 35 * mm, 28 * mm)  # GB/T 9704: text block 156 × 225 mm


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def short_date(day: dt.date | None) -> str:
    """A date in a table cell: 2025.07.01, a month-only one as written (1966.02), nothing as ""."""
    return date_label(day, ".")


@cache
def styles() -> dict[str, TextStyle]:
    """The text styles of the registers, sign-in sheets and ledgers (the summary has its own)."""
    f = fonts()
    return {
        "text_indent": TextStyle(f.song, 12, 20, first_indent=2),
        "section": TextStyle(f.hei, 12, 20, align="left", space_before=6, space_after=2, keep_with_next=True),
        "cell": TextStyle(f.song, 10.5, 14),
        "cell_centre": TextStyle(f.song, 10.5, 14, align="centre"),
        "label": TextStyle(f.hei, 10.5, 14, align="centre"),
        "head": TextStyle(f.hei, 10.5, 14, align="centre"),
        "small": TextStyle(f.song, 9, 11.5),
        "small_left": TextStyle(f.song, 9, 12, align="left"),  # narrow ledger cells: ragged, never stretched
        "small_centre": TextStyle(f.song, 9, 11.5, align="centre"),
        "small_head": TextStyle(f.hei, 9, 11.5, align="centre"),
        "info": TextStyle(f.song, 10.5, 16, align="left"),
        "info_right": TextStyle(f.song, 10.5, 16, align="right"),
        "subtitle": TextStyle(f.kai, 14, 22, align="centre"),
        "contents_title": TextStyle(f.hei, 16, 24, align="centre", space_after=8),
    }


def para(text: str, style: str | TextStyle = "cell") -> TextBlock:
    """Plain text in a style: justified, line breaks kept, per-character font fallback."""
    return TextBlock(text, styles()[style] if isinstance(style, str) else style)


class TitleLine(Flowable):
    """A centred title in the title face (drawn bold when that face has no bold), wrapped by character."""

    def __init__(self, text: str, size: float = 20, leading: float | None = None, space_after: float = 6) -> None:
        super().__init__()
        self.text, self.size = text, size
        self.leading = leading or size * 1.4
        self.spaceAfter = space_after
        self._lines: list[str] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        font = fonts().title
        self._lines, line = [], ""
        for char in self.text:
            if line and text_width(line + char, font, self.size) > avail_width:
                self._lines.append(line)
                line = ""
            line += char
        self._lines.append(line)
        self.height = self.leading * len(self._lines)
        return self.width, self.height

    def draw(self) -> None:
        f = fonts()
        for number, line in enumerate(self._lines):
            baseline = self.height - EM_ASCENT * self.size - number * self.leading
            draw_text(self.canv, self.width / 2, baseline, line, f.title, self.size, "centre", bold=f.title_bold)


class Checkpoint(Flowable):
    """An invisible mark in the story: reports progress and, with a key, the page where it lands."""

    def __init__(self, key: object = None) -> None:
        super().__init__()
        self.key = key

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class ReportDoc(BaseDocTemplate):
    """A4 document with the house header and footer.

    header: (left, right) texts above a rule at the top of every page from page `header_from` on;
    footer "count": "第n页 共N页" centred, counted from the first page of the "body" template (front
    matter such as a contents page carries no number); footer "official": "— n —" in 14 pt 宋体 7 mm under
    the text block, odd pages right, even pages left (GB/T 9704).
    """

    def __init__(self, path: Path | str | BinaryIO, *, layout: Layout, title: str, header: tuple[str, str] = ("", ""),
                 footer: str = "count", front_matter: bool = False, progress: Progress | None = None,
                 progress_total: int = 0, header_from: int = 1) -> None:
        super().__init__(path if hasattr(path, "write") else str(path), pagesize=layout.page, leftMargin=layout.left, rightMargin=layout.right,
                         topMargin=layout.top, bottomMargin=layout.bottom, title=title, author=APP_NAME,
                         creator=APP_NAME, initialFontName=fonts().song, initialFontSize=12)
        self.layout, self.header, self.footer = layout, header, footer
        self.header_from = header_from  # the first page with the running header (2: the title block says it on 1)
        self.progress, self.progress_total, self.progress_done = progress, progress_total, 0
        self.checkpoint_pages: dict[object, int] = {}
        self.first_numbered_page: int | None = None
        self.numbered_pages = 0
        frame = Frame(layout.left, layout.bottom, self.width, self.height, id="text",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        body = PageTemplate("body", frames=[frame], onPageEnd=self._decorate, pagesize=layout.page)
        front = PageTemplate("front", frames=[frame], pagesize=layout.page)
        self.addPageTemplates([front, body] if front_matter else [body])

    def build_story(self, story: list[Flowable]) -> None:
        self.build(story, canvasmaker=self._canvas)

    def page_number(self) -> int:
        """The printed number of the current page (1 on the first page of the body)."""
        return self.page - (self.first_numbered_page or self.page) + 1

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab hook
        if isinstance(flowable, Checkpoint):
            if flowable.key is not None:
                self.checkpoint_pages[flowable.key] = self.page_number()
            self.tick()

    def tick(self) -> None:
        self.progress_done += 1
        if self.progress and self.progress(self.progress_done, self.progress_total) is False:
            raise ReportCancelled

    def _canvas(self, *args, **kwargs) -> Canvas:
        canvas = _CountingCanvas(*args, **kwargs)
        canvas.count_text = (lambda: f"共{self.numbered_pages}页") if self.footer == "count" else None
        return canvas

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        if self.first_numbered_page is None:
            self.first_numbered_page = self.page
        number = self.page_number()
        self.numbered_pages = number
        layout, (page_w, page_h) = self.layout, self.layout.page
        song = fonts().song
        canvas.saveState()
        if self.footer == "official":
            size, y = 14, layout.bottom - 9 * mm
            text = f"— {number} —"
            if number % 2:
                draw_text(canvas, page_w - layout.right - size, y, text, song, size, "right")
            else:
                draw_text(canvas, layout.left + size, y, text, song, size)
        elif self.footer == "count":
            centre, y = page_w / 2, layout.bottom / 2
            draw_text(canvas, centre - 3, y, f"第{number}页", song, 9, "right")
            canvas.translate(centre + 3, y)
            canvas.doForm(PAGE_COUNT_FORM)
        canvas.restoreState()
        left, right = self.header
        if (left or right) and number >= self.header_from:
            canvas.saveState()
            y = page_h - layout.top + 6 * mm
            draw_text(canvas, layout.left, y, left, song, 9)
            draw_text(canvas, page_w - layout.right, y, right, song, 9, "right")
            canvas.setLineWidth(0.5)
            canvas.line(layout.left, y - 2 * mm, page_w - layout.right, y - 2 * mm)
            canvas.restoreState()


class _CountingCanvas(Canvas):
    """Defines the page-count form ("共N页") once the last page is known, just before saving."""

    count_text: Callable[[], str] | None = None

    def save(self) -> None:
        if self.count_text is not None:
            self.beginForm(PAGE_COUNT_FORM)
            draw_text(self, 0, 0, self.count_text(), fonts().song, 9)
            self.endForm()
        super().save()


# -- building blocks -----------------------------------------------------------------------------

def title_block(title: str, left: str, right: str, subtitle: str = "") -> list[Flowable]:
    """The title of a register or ledger, an optional subtitle, then a line: branch (left), date printed (right)."""
    blocks: list[Flowable] = [TitleLine(title, 20, space_after=4)]
    if subtitle:
        blocks.append(para(subtitle, "subtitle"))
    line = plain_table([[para(left, "info"), para(right, "info_right")]], ["65%", "35%"],
                       [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])
    blocks += [line, Spacer(0, 2 * mm)]
    return blocks


GRID = [
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("BOX", (0, 0), (-1, -1), 1, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
]
HEAD_SHADE = colors.Color(0.9, 0.9, 0.9)
MARK_SHADE = colors.Color(0.86, 0.86, 0.86)  # rows needing attention: overdue items, late steps


def plain_table(rows: Sequence[Sequence[Flowable | str]], widths: Sequence[float | str],
                style: Sequence[tuple] = (), *, kind: type[Table] = Table, **kwargs) -> Table:
    """A table whose own font (for empty cells) is ours, so no Helvetica is left in the file."""
    table = kind(list(rows), colWidths=list(widths), **kwargs)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts().song), *style]))
    return table


LONG_ROW = 400  # points: a row this tall may not fit a landscape page below the heading, so it is split
MIN_PART = 60  # points: less room than this at the foot of a page, and a long row starts on the next one


class GridTable(Table):
    """A table that breaks between rows, and inside a row only when the row is too tall for any page (a long
    list of names, a measure of thousands of characters): it then fills the rest of the page and continues on
    the next, top-aligned, as a word processor does, instead of stopping the report."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self._calc(avail_width, avail_height)  # reportlab's own measuring; gives the row heights
        top, crossing = 0.0, None
        for number, height in enumerate(self._rowHeights):
            if top + height > avail_height:
                crossing = number
                break
            top += height
        long_row = (crossing is not None and crossing >= self.repeatRows
                    and self._rowHeights[crossing] > LONG_ROW)
        room = avail_height - top
        fresh_page = crossing == self.repeatRows  # nothing but the header above it: no better place for it
        in_row = long_row and (room >= MIN_PART or fresh_page)
        if in_row:
            self.setStyle(TableStyle([("VALIGN", (0, crossing), (-1, crossing), "TOP")]))
        self.splitByRow, self.splitInRow = (0, 1) if in_row else (1, 0)
        parts = super().split(avail_width, avail_height)
        if in_row and parts:  # reportlab leaves the part above the page break open at the bottom
            parts[0].setStyle(TableStyle([("LINEBELOW", (0, -1), (-1, -1), 1, colors.black)]))
        return parts


def grid_table(rows: Sequence[Sequence[Flowable | str]], widths: Sequence[float], *, header_rows: int = 1,
               extra_style: Sequence[tuple] = ()) -> Table:
    """A ruled table; the first `header_rows` rows are shaded and repeated on every page; see GridTable.
    Every row is as tall as its text (never a fixed height that text could run out of).

    A row split inside must not span columns (reportlab re-wraps such a cell at one column's width)."""
    style = list(GRID)
    if header_rows:
        style.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_SHADE))
    cells = [[c if isinstance(c, (str, list, tuple)) else [c] for c in row] for row in rows]  # in-row splits take lists
    return plain_table(cells, widths, style + list(extra_style), kind=GridTable, repeatRows=header_rows)


def scaled_widths(weights: Sequence[float], total: float) -> list[float]:
    """Column widths proportional to `weights`, filling `total` points."""
    scale = total / sum(weights)
    return [w * scale for w in weights]
