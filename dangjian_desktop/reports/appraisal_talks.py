"""The printouts of 民主评议党员 and 谈心谈话: the blank 测评表 to hand out, the 结果汇总表, the year's 谈心谈话台账
(ledgers), and the 谈心谈话记录, one talk a page signed by both."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from dangjian_desktop.domain.rules.appraisal import EXCELLENT_SHARES
from dangjian_desktop.queries.appraisal import AppraisalRow, AppraisalYear
from dangjian_desktop.queries.talks import TalkCoverage
from dangjian_desktop.reports.base import (
    PORTRAIT,
    Checkpoint,
    Progress,
    ReportDoc,
    TitleLine,
    grid_table,
    para,
    short_date,
)
from dangjian_desktop.reports.ledgers import Column, Ledger
from dangjian_desktop.reports.meeting_register import signature_lines, signed_ending, text_section
from dangjian_desktop.store.models import APPRAISAL_GRADES, Talk


def _share_rule(year: AppraisalYear) -> str:
    return (f"评为优秀的不超过参评人数的{EXCELLENT_SHARES[year.share]}（本次参评 {len(year.participants)} 人，"
            f"最多 {year.excellent_allowed} 人）")


def ballot_ledger(year: AppraisalYear) -> Ledger:
    """民主评议党员测评表: the participants, a blank box per grade, to be ticked by each voter."""
    columns = [Column("姓名", lambda r: r.name, 24, True), Column("类别", lambda r: r.stage.removesuffix("党员"), 14, True),
               *(Column(grade, lambda _r: "", 22, True) for grade in APPRAISAL_GRADES),
               Column("备注", lambda _r: "", 40)]
    notes = [f"说明：本表不记名。请在每名党员的一个等次栏内划“√”，多划或不划的为无效票；{_share_rule(year)}。"]
    return Ledger("民主评议党员测评表", f"（{year.year}年度）", columns, year.participants, notes, layout=PORTRAIT)


def _remark(r: AppraisalRow) -> str:
    parts = []
    if r.grade_reason:
        parts.append(f"与测评结果不同：{r.grade_reason}")
    if r.follow_up:
        parts.append(f"组织处置：{r.follow_up}")
    return "；".join(parts)


def results_ledger(year: AppraisalYear) -> Ledger:
    """民主评议结果汇总表: per member the votes per grade, the ballot's grade and the branch's; the counts."""
    columns = [Column("姓名", lambda r: r.name, 20, True), Column("类别", lambda r: r.stage.removesuffix("党员"), 12, True),
               *(Column(f"{grade}票", lambda r, i=i: str(r.votes[i]), 15, True)
                 for i, grade in enumerate(APPRAISAL_GRADES)),
               Column("测评结果", lambda r: r.ballot or "", 18, True),
               Column("评定等次", lambda r: r.grade or "未评定", 18, True),
               Column("备注", _remark, 40)]
    held = year.round
    steps = ""
    if held is not None:
        days = [(label, day) for label, day in (("学习教育", held.study_on), ("个人自评", held.self_on),
                                                ("党员互评", held.mutual_on), ("民主测评", held.ballot_on),
                                                ("组织评定", held.decided_on), ("结果公示、反馈", held.published_on)) if day]
        steps = "；".join(f"{label} {short_date(day)}" for label, day in days)
    notes = [f"{year.figures_text()}；{_share_rule(year)}。"]
    if steps:
        notes.append(f"评议步骤：{steps}。")
    if year.excused:
        notes.append("不参加评议：" + "；".join(f"{r.name}（{r.excused}）" for r in year.excused) + "。")
    if year.unqualified_twice:
        notes.append("连续两年评定为不合格、应提出组织处置意见：" + "、".join(year.unqualified_twice) + "。")
    totals = ["", "", *(str(sum(r.votes[i] for r in year.participants)) for i in range(4)), "", "",
              "，".join(f"{g}{n}人" for g, n in year.counts.items() if n)]
    return Ledger("民主评议党员结果汇总表", f"（{year.year}年度）", columns, year.participants, notes,
                  marked=lambda r: r.grade in ("基本合格", "不合格"), totals=totals, layout=PORTRAIT)


def talk_ledger(items: list[Talk], coverage: TalkCoverage) -> Ledger:
    """谈心谈话台账: the year's talks, then how far they cover what the rule asks and who is still missing."""
    columns = [Column("日期", lambda t: short_date(t.date), 20, True), Column("类型", lambda t: t.kind, 24, True),
               Column("谈话人", lambda t: t.talker.name, 18, True), Column("谈话对象", lambda t: t.partner.name, 18, True),
               Column("谈话主题", lambda t: t.topic, 70), Column("地点", lambda t: t.place, 26),
               Column("后续跟进", lambda t: t.follow_up, 60)]
    notes = [f"按《中国共产党支部工作条例（试行）》，支部委员之间、支部委员和党员之间每年谈心谈话一般不少于1次："
             f"本年度应谈 {len(coverage.required)} 对，已谈 {coverage.done} 对。"]
    if coverage.missing:
        notes.append("尚未谈话：" + "；".join(f"{a.name}与{b.name}" for a, b in coverage.missing) + "。")
    if coverage.without_member_talk:
        notes.append("尚未与其他党员谈话：" + "、".join(coverage.names(coverage.without_member_talk)) + "。")
    return Ledger("谈心谈话台账", f"（{coverage.year}年度）", columns, items, notes)


def talk_story(t: Talk) -> list[Flowable]:
    """One talk: the facts in a ruled grid, the points and the follow-up, and both signatures."""
    width = PORTRAIT.page[0] - PORTRAIT.left - PORTRAIT.right
    pairs = [("谈话时间", short_date(t.date)), ("谈话地点", t.place or ""), ("谈话人", t.talker.name),
             ("谈话对象", t.partner.name), ("谈话类型", t.kind), ("", "")]
    rows = [[para(a, "label"), para(b), para(c, "label"), para(d)]
            for (a, b), (c, d) in zip(pairs[::2], pairs[1::2], strict=True)]
    grid = grid_table(rows, [width * 0.16, width * 0.34, width * 0.16, width * 0.34], header_rows=0,
                      extra_style=[("SPAN", (1, 2), (3, 2))])
    topic = grid_table([[para("谈话主题", "label"), para(t.topic)]], [width * 0.16, width * 0.84], header_rows=0)
    signatures = signature_lines(width, (("谈话人（签字）：", "谈话对象（签字）："),), (0.2, 0.3, 0.22, 0.28))
    return [TitleLine("谈心谈话记录", 20), grid, topic, Spacer(0, 3 * mm), *text_section("谈话要点", t.points),
            *signed_ending(text_section("后续跟进", t.follow_up or "无"), width, signatures)]


def build_talk_records(out: Path, items: list[Talk], branch: str, progress: Progress | None = None) -> None:
    doc = ReportDoc(out, layout=PORTRAIT, title="谈心谈话记录", header=(branch, "谈心谈话记录"),
                    progress=progress, progress_total=len(items))
    story: list[Flowable] = []
    for number, t in enumerate(items):
        if number:
            story.append(PageBreak())
        story += [*talk_story(t), Checkpoint()]
    doc.build_story(story)
