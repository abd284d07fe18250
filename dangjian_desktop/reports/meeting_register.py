"""会议记录: one meeting's register, and the year's 会议记录本 (every meeting in date order, with a contents page)."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, NextPageTemplate, PageBreak, Spacer, Table

from dangjian_desktop.reports.base import (
    PORTRAIT,
    Checkpoint,
    Progress,
    ReportDoc,
    TitleLine,
    chinese_date,
    grid_table,
    para,
    plain_table,
    short_date,
    styles,
)
from dangjian_desktop.reports.data import MeetingRecord, register_name
from dangjian_desktop.reports.photos import photo_grid, photos_of

VOTE_KINDS = ("赞成", "反对", "弃权")
SIGNED_LINES = 3  # lines of the text kept on the page of the signatures


def register_title(r: MeetingRecord) -> str:
    return register_name(r.kind, r.party_group)


def when(r: MeetingRecord) -> str:
    times = "—".join(t for t in (r.start_time, r.end_time) if t)
    return f"{chinese_date(r.date)} {times}".strip()


def names_with_reasons(people: list) -> str:
    return "、".join(f"{p.name}（{p.reason}）" if p.reason else p.name for p in people) or "无"


def meeting_story(r: MeetingRecord, photos: list | None = None) -> list[Flowable]:
    """One meeting: title, the facts in a ruled grid, then agenda, minutes, resolution, votes and signatures; then
    its photos (reports.photos), when it has any to print."""
    width = PORTRAIT.page[0] - PORTRAIT.left - PORTRAIT.right
    seq = f"（本年第{r.seq}次）" if r.seq else ""
    present, on_leave, absent = r.named("出席"), r.named("请假"), r.named("缺席")
    pairs = [("会议类型", f"{r.kind}{seq}"), ("时间", when(r)), ("地点", r.place), ("主持人", r.host),
             ("记录人", r.recorder)]
    if r.kind == "党课":
        pairs.append(("授课人", r.lecturer))
    if r.kind == "党小组会":
        pairs.append(("党小组", r.party_group))
    lone = len(pairs) // 2 if len(pairs) % 2 else None  # a row with one fact: its value spans the row
    if lone is not None:
        pairs.append(("", ""))
    if r.registered:
        pairs += [("应到", f"{len(r.people)}人"), ("实到", f"{len(present)}人"),
                  ("请假", f"{len(on_leave)}人"), ("缺席", f"{len(absent)}人")]
    else:
        pairs += [("应到", f"{len(r.people)}人"), ("实到", "未登记")]
    if r.kind == "支部党员大会" or any(v is not None for v in r.votes):  # 预备党员 have no vote
        voting = r.voting()
        pairs += [("有表决权应到", f"{len(voting)}人"),
                  ("有表决权实到", f"{sum(1 for p in voting if p.status == '出席')}人" if r.registered else "未登记")]
    rows = [[para(a, "label"), para(b), para(c, "label"), para(d)]
            for (a, b), (c, d) in zip(pairs[::2], pairs[1::2], strict=True)]
    wide = [("会议主题", r.topic)]
    if r.registered:
        wide += [("出席人员", "、".join(p.name for p in present) or "无"),
                 ("请假人员", names_with_reasons(on_leave)), ("缺席人员", names_with_reasons(absent))]
    else:
        wide.append(("出席情况", "本次会议未登记出席情况"))
    wide.append(("列席人员", r.guests or "无"))
    spans = [("SPAN", (1, lone), (3, lone))] if lone is not None else []
    grid = grid_table(rows, [width * 0.16, width * 0.34, width * 0.16, width * 0.34], header_rows=0,
                      extra_style=spans)
    # The long facts (lists of names) in a two-column table right under it: such a row may run on to the
    # next page, which a row spanning columns cannot.
    lists = grid_table([[para(label, "label"), para(value)] for label, value in wide], [width * 0.16, width * 0.84],
                       header_rows=0)
    story: list[Flowable] = [TitleLine(register_title(r), 20), grid, lists, Spacer(0, 3 * mm)]
    sections = [("第一议题", r.first_topic), ("议程", r.agenda), ("会议记录", r.minutes), ("决议", r.resolution)]
    if any(v is not None for v in r.votes):
        votes = "，".join(f"{kind}{v or 0}票" for kind, v in zip(VOTE_KINDS, r.votes, strict=True))
        method = f"表决方式：{r.voting_method}。" if r.voting_method else ""
        tellers = f"\n监票人、计票人：{r.tellers}" if r.tellers else ""
        sections.append(("表决结果", f"{method}{votes}。{tellers}"))
    if r.make_up or on_leave or absent:
        sections.append(("补学情况", r.make_up or "未登记"))
    if r.notes:
        sections.append(("备注", r.notes))
    for label, text in sections[:-1]:
        story += text_section(label, text)
    story += signed_ending(text_section(*sections[-1]), width)
    return story + (photo_grid("会议照片", photos, width, 85 * mm) if photos else [])


def signed_ending(section: list[Flowable], width: float, lines: Table | None = None) -> list[Flowable]:
    """The last section, then the signatures (the register's unless `lines` are given), which never stand alone
    on a page: the last lines of the text go with them (and the section's heading too, when that is all the
    section has)."""
    heading, *paragraphs = section
    *text, tail = paragraphs.pop().cut_tail(width, SIGNED_LINES)
    signatures = [tail, Spacer(0, 10 * mm), lines or signature_lines(width)]
    if not paragraphs and not text:
        return [KeepTogether([heading, *signatures])]
    return [heading, *paragraphs, *text, KeepTogether(signatures)]


def text_section(label: str, text: str) -> list[Flowable]:
    lines = [line.strip() for line in text.splitlines() if line.strip()] or ["无"]
    heading = para(label, "section")
    heading.keepWithNext = True
    return [heading, *(para(line, "text_indent") for line in lines)]


REGISTER_SIGNERS = (("主持人（签字）：", "记录人（签字）："), ("书记审阅（签字）：", "审阅日期："))
REGISTER_SHARES = (0.24, 0.26, 0.2, 0.3)  # 书记审阅（签字）： on one line


def signature_lines(width: float, signers: tuple[tuple[str, str], ...] = REGISTER_SIGNERS,
                    shares: tuple[float, ...] = REGISTER_SHARES) -> Table:
    """Lines to sign on, two a row: by default 主持人 and 记录人 sign the register, and the 书记 that he has read
    it (书记审阅), with the date."""
    cells = [[para(left, "info"), "", para(right, "info"), ""] for left, right in signers]
    lines = [("LINEBELOW", (column, row), (column, row), 0.5, "black")
             for row in range(len(signers)) for column in (1, 3)]
    apart = [("TOPPADDING", (0, 1), (-1, -1), 8 * mm)] if len(signers) > 1 else []
    return plain_table(cells, [width * share for share in shares],
                       [*lines, ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), *apart])


def build_register(out: Path, record: MeetingRecord, branch: str, progress: Progress | None = None) -> None:
    doc = ReportDoc(out, layout=PORTRAIT, title=register_title(record), header=(branch, "会议记录"),
                    progress=progress, progress_total=1)
    doc.build_story([*meeting_story(record, photos_of("meeting", [record.id]).get(record.id)), Checkpoint()])


def build_register_book(out: Path, records: list[MeetingRecord], branch: str, title: str,
                        progress: Progress | None = None) -> None:
    """Two passes: the first lays out the meetings to learn where each starts, the second adds the contents."""
    header = (branch, title)
    photos = photos_of("meeting", [r.id for r in records])

    def body() -> list[Flowable]:
        story: list[Flowable] = []
        for number, r in enumerate(records):
            if number:
                story.append(PageBreak())
            story += [Checkpoint(r.id), *meeting_story(r, photos.get(r.id))]
        return story

    total = 2 * len(records)
    first = ReportDoc(io.BytesIO(), layout=PORTRAIT, title=title, header=header, progress=progress,
                      progress_total=total)
    first.build_story(body())
    pages = first.checkpoint_pages
    final = ReportDoc(out, layout=PORTRAIT, title=title, header=header, front_matter=True, progress=progress,
                      progress_total=total)
    final.progress_done = len(records)
    story = [*contents(records, pages, branch, title), NextPageTemplate("body"), PageBreak(), *body()]
    final.build_story(story)


def contents(records: list[MeetingRecord], pages: dict[int, int], branch: str, title: str) -> list[Flowable]:
    width = PORTRAIT.page[0] - PORTRAIT.left - PORTRAIT.right
    rows = [[para(h, "head") for h in ("序号", "日期", "会议类型", "主题", "页码")]]
    for number, r in enumerate(records, 1):
        rows.append([para(str(number), "cell_centre"), para(short_date(r.date), "cell_centre"),
                     para(r.kind, "cell_centre"), para(r.topic), para(str(pages.get(r.id, "")), "cell_centre")])
    widths = [width * w for w in (0.08, 0.15, 0.16, 0.51, 0.10)]
    return [TitleLine(title, 22, space_after=6), para(branch, "subtitle"), Spacer(0, 8 * mm),
            para("目　录", styles()["contents_title"]), grid_table(rows, widths)]
