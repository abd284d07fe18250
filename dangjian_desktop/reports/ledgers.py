"""The table ledgers (花名册, 活动台账, 共建单位与阵地一览, 整改台账): one builder fed by column specs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, Spacer

from dangjian_desktop.domain.fields import masked
from dangjian_desktop.domain.kinds import field_label
from dangjian_desktop.domain.rules.membership import stage_at
from dangjian_desktop.domain.rules.rectification import overdue
from dangjian_desktop.reports.base import (
    LANDSCAPE,
    MARK_SHADE,
    Checkpoint,
    Layout,
    Progress,
    ReportDoc,
    chinese_date,
    grid_table,
    para,
    scaled_widths,
    short_date,
    title_block,
)
from dangjian_desktop.reports.photos import photo_grid, photos_of
from dangjian_desktop.store.models import Activity, Member, Partner, Rectification


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], str]
    width: float  # millimetres on landscape A4 (262 mm across); scaled to fill the page, portrait too
    centre: bool = False


@dataclass(frozen=True)
class Ledger:
    """What a ledger prints: title, subtitle (the year or the date), columns, rows and closing notes."""

    title: str
    subtitle: str
    columns: Sequence[Column]
    rows: Sequence[Any]
    notes: Sequence[str] = ()
    marked: Callable[[Any], bool] | None = None  # rows to shade (overdue items)
    totals: Sequence[str] = ()  # a 合计 row under the rows, one text per column
    layout: Layout = LANDSCAPE  # forms of few columns (a ballot) are printed portrait
    appendix: Callable[[float], list[Flowable]] | None = None  # what follows the notes (photos), given the width


def label(table: str, name: str) -> str:
    return field_label(table, name)


def build_ledger(out: Path, ledger: Ledger, branch: str, printed_on: dt.date, progress: Progress | None = None) -> None:
    """A ruled table (landscape unless the ledger says otherwise) with a 序号 column; the header row repeats on
    every page, and from page 2 on a running header says whose ledger it is, of when, and when it was printed."""
    printed = f"打印日期：{chinese_date(printed_on)}"
    doc = ReportDoc(out, layout=ledger.layout, title=ledger.title, progress=progress, progress_total=1,
                    header=(f"{branch}　{ledger.title}{ledger.subtitle}", printed), header_from=2)
    columns = [Column("序号", lambda _row: "", 9, True), *ledger.columns]
    widths = scaled_widths([c.width for c in columns], doc.width)
    rows = [[para(c.header, "small_head") for c in columns]]
    for number, row in enumerate(ledger.rows, 1):
        cells = [para(str(number), "small_centre")]
        cells += [para(c.value(row), "small_centre" if c.centre else "small_left") for c in ledger.columns]
        rows.append(cells)
    if ledger.totals:
        rows.append([para("合计", "small_head"), *(para(text, "small_centre") for text in ledger.totals)])
    story: list[Flowable] = title_block(ledger.title, f"单位：{branch}", printed, ledger.subtitle)
    shade = [("BACKGROUND", (0, n), (-1, n), MARK_SHADE)
             for n, row in enumerate(ledger.rows, 1) if ledger.marked and ledger.marked(row)]
    story.append(grid_table(rows, widths, extra_style=shade))
    if ledger.notes:
        story.append(Spacer(0, 6))
        story += [para(note, "info") for note in ledger.notes]
    if ledger.appendix is not None:
        story += ledger.appendix(doc.width)
    doc.build_story([*story, Checkpoint()])


# -- the four ledgers ----------------------------------------------------------------------------------

def roster_ledger(members: list[Member], day: dt.date, full_numbers: bool = False) -> Ledger:
    """The roster; 身份证号 and phone masked (4401**********1234) unless `full_numbers`, and the columns that
    only some branches keep (籍贯, 学位, 参加工作时间, 职称) only where any member has them recorded."""
    t = "member"
    shown = (lambda text: text) if full_numbers else masked
    optional = {"native_place": 14, "degree": 10, "work_started_on": 17, "professional_title": 16}
    recorded = {name for name in optional if any(getattr(m, name) for m in members)}

    def maybe(name: str, value: Callable[[Member], str]) -> list[Column]:
        return [Column(label(t, name), value, optional[name], True)] if name in recorded else []

    columns = [
        Column(label(t, "name"), lambda m: m.name, 17, True),
        Column(label(t, "gender"), lambda m: m.gender, 9, True),
        Column(label(t, "ethnicity"), lambda m: m.ethnicity, 12, True),
        *maybe("native_place", lambda m: m.native_place),
        Column(label(t, "birth_date"), lambda m: short_date(m.birth_date), 19, True),
        Column(label(t, "id_number"), lambda m: shown(m.id_number), 36, True),
        Column(label(t, "education"), lambda m: m.education, 16, True),
        *maybe("degree", lambda m: m.degree),
        *maybe("work_started_on", lambda m: short_date(m.work_started_on)),
        Column(label(t, "job_title"), lambda m: m.job_title, 27),
        *maybe("professional_title", lambda m: m.professional_title),
        Column(label(t, "party_post"), lambda m: m.party_post, 16, True),
        Column(label(t, "party_group"), lambda m: m.party_group, 20, True),
        Column("入党时间", lambda m: short_date(m.probation_on), 19, True),
        Column(label(t, "full_on"), lambda m: short_date(m.full_on if m.full_on and m.full_on <= day else None), 19,
               True),
        Column("类别", lambda m: stage_at(m, day), 15, True),
        Column(label(t, "phone"), lambda m: shown(m.phone), 24, True),
    ]
    full = sum(1 for m in members if stage_at(m, day) == "正式党员")
    notes = [f"共{len(members)}人，其中正式党员{full}人，预备党员{len(members) - full}人。"]
    if not full_numbers:
        notes.append("身份证号、联系电话只印前后几位；需要完整号码时在打印时勾选“打印完整身份证号和电话”。")
    return Ledger("党员花名册", f"（截至{chinese_date(day)}）", columns, members, notes)


def activity_ledger(items: list[Activity], year: int) -> Ledger:
    t = "activity"
    columns = [
        Column(label(t, "date"), lambda a: short_date(a.date), 19, True),
        Column(label(t, "category"), lambda a: a.category.name, 17, True),
        Column(label(t, "title"), lambda a: a.title, 50),
        Column("地点/共建单位", _where, 36),
        Column(label(t, "organiser"), lambda a: a.organiser, 16, True),
        Column(label(t, "participants"), _participants, 32),
        Column(label(t, "quantity"), lambda a: f"{a.quantity}{a.unit}", 12, True),
        Column(label(t, "description"), lambda a: a.description, 60),
    ]
    totals: dict[tuple[str, str], int] = {}
    for a in items:
        key = (a.category.name, a.unit)
        totals[key] = totals.get(key, 0) + a.quantity
    note = "合计：" + "，".join(f"{name}{n}{unit}" for (name, unit), n in totals.items()) + "。"
    photos = photos_of("activity", [a.id for a in items])

    def appendix(width: float) -> list[Flowable]:
        return [flowable for a in items if a.id in photos
                for flowable in photo_grid(f"{short_date(a.date)} {a.title}", photos[a.id], width)]

    return Ledger("活动台账", f"（{year}年度）", columns, items, [f"共{len(items)}项活动。{note}"],
                  appendix=appendix if photos else None)


def _where(a: Activity) -> str:
    partner = a.partner.name if a.partner else ""
    return "、".join(dict.fromkeys(x for x in (a.place, partner) if x))


def _participants(a: Activity) -> str:
    """Who took part, with the headcount unless the text already gives it (党员教师8人)."""
    count = f"{a.participant_count}人" if a.participant_count else ""
    if not count or count in a.participants:
        return a.participants or count
    return f"{a.participants}（{count}）" if a.participants else count


def partner_ledger(items: list[tuple[Partner, int]], day: dt.date) -> Ledger:
    t = "partner"
    columns = [
        Column(label(t, "name"), lambda p: p[0].name, 44),
        Column(label(t, "kind"), lambda p: p[0].kind, 22, True),
        Column(label(t, "since"), lambda p: short_date(p[0].since), 20, True),
        Column(label(t, "contact"), lambda p: p[0].contact, 16, True),
        Column(label(t, "phone"), lambda p: p[0].phone, 24, True),
        Column(label(t, "address"), lambda p: p[0].address, 40),
        Column(label(t, "description"), lambda p: p[0].description, 70),
        Column("活动次数", lambda p: str(p[1]), 14, True),
    ]
    kinds: dict[str, int] = {}
    for p, _count in items:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    note = f"共{len(items)}个：" + "，".join(f"{kind}{n}个" for kind, n in kinds.items()) + "。"
    return Ledger("共建单位与阵地一览", f"（截至{chinese_date(day)}）", columns, items, [note])


def rectification_ledger(items: list[tuple[Rectification, dt.date | None]], year: int | None, today: dt.date) -> Ledger:
    t = "rectification"
    columns = [
        Column(label(t, "source"), _source, 20, True),
        Column(label(t, "found_on"), lambda r: short_date(r[0].found_on), 19, True),
        Column(label(t, "problem"), lambda r: r[0].problem, 44),
        Column(label(t, "cause"), lambda r: r[0].cause, 36),
        Column(label(t, "measure"), lambda r: r[0].measure, 52),
        Column(label(t, "owner"), lambda r: r[0].owner, 14, True),
        Column(label(t, "deadline"), lambda r: short_date(r[0].deadline), 19, True),
        Column(label(t, "status"), lambda r: _status(r[0], today), 15, True),
        Column(label(t, "completed_on"), lambda r: short_date(r[0].completed_on), 19, True),
        Column(label(t, "review"), lambda r: r[0].review, 30),
    ]
    statuses: dict[str, int] = {}
    for r, _topic in items:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    late = sum(1 for r, _topic in items if overdue(r, today))
    note = f"共{len(items)}项：" + "，".join(f"{s}{n}项" for s, n in statuses.items())
    note += f"；其中已逾期{late}项（灰底，截至{chinese_date(today)}已超过整改时限仍未完成）。" if late else "。"
    subtitle = f"（{year}年度）" if year else f"（未完成事项，截至{chinese_date(today)}）"
    return Ledger("整改台账", subtitle, columns, items, [note], marked=lambda r: overdue(r[0], today))


def _source(r: tuple[Rectification, dt.date | None]) -> str:
    rect, held_on = r
    return f"{rect.source}\n{short_date(held_on)}" if held_on else rect.source


def _status(r: Rectification, today: dt.date) -> str:
    return f"{r.status}\n已逾期" if overdue(r, today) else r.status
