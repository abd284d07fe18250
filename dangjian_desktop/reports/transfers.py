"""The printouts of 关系转接: the 党员组织关系介绍信 as the higher committee issues it (存根, the letter, the 回执,
cut apart along dashed lines), and the year's 组织关系转接登记簿."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from dangjian_desktop.common.dates import full_years
from dangjian_desktop.domain.fields import masked
from dangjian_desktop.domain.rules.membership import stage_at
from dangjian_desktop.reports.base import (
    PORTRAIT,
    Checkpoint,
    Progress,
    ReportDoc,
    TitleLine,
    chinese_date,
    para,
    short_date,
)
from dangjian_desktop.reports.fonts import draw_text, fonts
from dangjian_desktop.reports.ledgers import Column, Ledger
from dangjian_desktop.store.models import Member, PartyEvent

BLANK = "＿＿＿＿"


@dataclass(frozen=True)
class Letter:
    """What one introduction letter says: the event, the member as he stood that day, and where his dues got to."""

    event: PartyEvent
    member: Member
    from_branch: str
    dues_paid_to: tuple[int, int] | None
    full_numbers: bool = False

    @property
    def number(self) -> str:
        return f"编号：{self.event.letter_no}" if self.event.letter_no else f"第{BLANK}号"

    @property
    def standing(self) -> str:
        return "预备" if stage_at(self.member, self.event.date) == "预备党员" else "正式"

    @property
    def valid_days(self) -> str:
        until = self.event.valid_until
        return str((until - self.event.date).days + 1) if until else BLANK

    @property
    def dues(self) -> str:
        return f"{self.dues_paid_to[0]}年{self.dues_paid_to[1]}月" if self.dues_paid_to else f"{BLANK}年{BLANK}月"


class CutLine(Flowable):
    """A dashed line across the page with a word in its middle: where the parts of a form are cut apart."""

    def __init__(self, word: str) -> None:
        super().__init__()
        self.word = word

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, 8 * mm

    def draw(self) -> None:
        canvas, middle = self.canv, 4 * mm
        canvas.saveState()
        canvas.setDash(3, 2)
        canvas.setLineWidth(0.5)
        canvas.line(0, middle, self.width / 2 - 12 * mm, middle)
        canvas.line(self.width / 2 + 12 * mm, middle, self.width, middle)
        canvas.restoreState()
        draw_text(canvas, self.width / 2, middle - 1.2 * mm, self.word, fonts().song, 9, "centre")


def _age(member: Member, day: dt.date) -> str:
    born = member.birth_date
    if born is None:
        return BLANK
    return str(full_years(born, day))


def letter_story(letter: Letter) -> list[Flowable]:
    """The three parts of one letter on one A4 page."""
    e, m = letter.event, letter.member
    to = e.organisation or BLANK
    issued = chinese_date(e.date)
    id_number = m.id_number if letter.full_numbers else masked(m.id_number)
    stub = [TitleLine("党员组织关系介绍信（存根）", 14, space_after=2), para(letter.number, "info_right"),
            para(f"{m.name}同志系中共{letter.standing}党员，组织关系由{letter.from_branch}转到{to}。", "text_indent"),
            para(f"党费交到{letter.dues}。转接范围：{e.scope or BLANK}。有效期{letter.valid_days}天。", "text_indent"),
            para(issued, "info_right")]
    body = [TitleLine("中国共产党党员组织关系介绍信", 16, space_after=2), para(letter.number, "info_right"),
            para(f"{to}：", "info"),
            para(f"{m.name}同志（{m.gender or BLANK}，{_age(m, e.date)}岁，{m.ethnicity or BLANK}），系中共{letter.standing}"
                 f"党员，身份证号码{id_number or BLANK}，由{letter.from_branch}去你处，请转接组织关系。", "text_indent"),
            para(f"该同志党费已交到{letter.dues}。", "text_indent"),
            para(f"（有效期{letter.valid_days}天）", "text_indent"),
            para(f"{letter.from_branch}（盖章）", "info_right"), para(issued, "info_right"),
            para(f"党员联系电话：{(m.phone if letter.full_numbers else masked(m.phone)) or BLANK}", "info")]
    receipt = [TitleLine("党员组织关系介绍信回执", 14, space_after=2), para(letter.number, "info_right"),
               para(f"{letter.from_branch}：", "info"),
               para(f"{m.name}同志的党员组织关系已转达我处，特此回执。", "text_indent"), Spacer(0, 3 * mm),
               para("接收党组织（盖章）", "info_right"), para(f"{BLANK}年{BLANK}月{BLANK}日", "info_right")]
    gap = Spacer(0, 12 * mm)
    return [*stub, gap, CutLine("存根"), gap, *body, gap, CutLine("回执"), gap, *receipt]


def build_letter(out: Path, letter: Letter, progress: Progress | None = None) -> None:
    doc = ReportDoc(out, layout=PORTRAIT, title="党员组织关系介绍信", progress=progress, progress_total=1)
    doc.build_story([*letter_story(letter), Checkpoint()])


def transfer_ledger(year: int, events: list[PartyEvent], today: dt.date) -> Ledger:
    """组织关系转接登记簿: the year's transfers out and in with their letters, receipts and files; the other
    党籍变动 of the year under the table."""
    transfers = [e for e in events if e.kind in ("转出", "转入")]
    columns = [Column("日期", lambda e: short_date(e.date), 20, True), Column("类型", lambda e: e.kind, 12, True),
               Column("姓名", lambda e: e.member.name, 16, True), Column("性别", lambda e: e.member.gender, 9, True),
               Column("类别", lambda e: stage_at(e.member, e.date).removesuffix("党员"), 12, True),
               Column("转往/转自党组织", lambda e: e.organisation, 62), Column("范围", lambda e: e.scope, 18, True),
               Column("介绍信编号", lambda e: e.letter_no, 34, True),
               Column("有效期至", lambda e: short_date(e.valid_until), 20, True),
               Column("回执退回/档案到达", _arrival, 24, True), Column("备注", lambda e: e.note, 50)]
    out = sum(1 for e in transfers if e.kind == "转出")
    notes = [f"{year}年转出{out}人、转入{len(transfers) - out}人。"]
    waiting = [e for e in transfers if e.kind == "转出" and e.receipt_on is None]
    if waiting:
        notes.append("回执尚未退回：" + "、".join(f"{e.member.name}（有效期至{short_date(e.valid_until)}）"
                                         for e in waiting) + "。")
    others = [e for e in events if e.kind not in ("转出", "转入")]
    if others:
        notes.append("其他党籍变动：" + "；".join(f"{short_date(e.date)} {e.member.name}{e.kind}"
                                           + (f"（{e.manner}）" if e.manner else "")
                                           + (f"，{e.decided_by}{e.decision}" if e.decided_by or e.decision else "")
                                           for e in others) + "。")
    return Ledger("组织关系转接登记簿", f"（{year}年度）", columns, transfers, notes,
                  marked=lambda e: e.kind == "转出" and e.receipt_on is None and e.valid_until is not None
                  and e.valid_until < today)


def _arrival(e: PartyEvent) -> str:
    day = e.receipt_on if e.kind == "转出" else e.file_arrived_on
    return short_date(day) if day else "未到"
