"""The 党费 printouts: the year's 党费收缴登记表 (members × months), the 党费上缴凭证 list, and one member's
党费交纳证明 (for a member transferring out). The two lists are ledgers; the proof is a letter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.platypus import Flowable, Spacer

from dangjian_desktop.common.money import yuan
from dangjian_desktop.domain.fields import masked
from dangjian_desktop.domain.rules import dues as rule
from dangjian_desktop.queries.dues import Balance, DuesYear, MemberDues, RemittancePeriod, cell_text
from dangjian_desktop.reports.base import (
    PORTRAIT,
    Checkpoint,
    Progress,
    ReportDoc,
    TitleLine,
    chinese_date,
    grid_table,
    para,
    scaled_widths,
    short_date,
)
from dangjian_desktop.reports.ledgers import Column, Ledger
from dangjian_desktop.store.models import DuesBase, DuesRemittance

LEGEND = ("说明：金额单位为元；月份栏为当月实交金额，“补”为过月补交，“欠”为到期未交，“—”为当月不在党员名册上"
          "（入党前或已离开），空白为尚未到期。")


def _rate_share(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def dues_ledger(grid: DuesYear, decided: list[DuesBase], balance: Balance) -> Ledger:
    """党费收缴登记表: a row per member on the rolls in some month of the year, the months, and the year's sums;
    rows with months owed are shaded."""
    cutoff = grid.cutoff
    columns = [
        Column("姓名", lambda r: r.name, 15, True),
        Column("类别", lambda r: r.category, 10, True),
        Column("月基数", lambda r: yuan(r.base), 15, True),
        Column("比例", lambda r: r.rate, 12, True),
        Column("月应交", lambda r: yuan(r.monthly), 12, True),
        *(Column(f"{month}月", lambda r, i=month - 1: cell_text(r.cells[i]), 11.5, True) for month in range(1, 13)),
        Column("应交", lambda r: yuan(r.expected(cutoff)), 14, True),
        Column("实交", lambda r: yuan(r.paid), 14, True),
        Column("其中补交", lambda r: yuan(r.made_up) if r.made_up else "", 13, True),
        Column("欠交", lambda r: yuan(r.arrears(cutoff)) if r.arrears(cutoff) else "", 13, True),
    ]
    rows = grid.by_name()
    month_totals = [yuan(sum(r.cells[m].paid or 0 for r in rows)) for m in range(12)]
    totals = ["", "", "", "", "", *month_totals, yuan(grid.expected), yuan(grid.paid),
              yuan(made_up) if (made_up := sum(r.made_up for r in rows)) else "", yuan(grid.arrears)]
    as_of = "全年" if cutoff == 12 else (f"截至{grid.year}年{cutoff}月" if cutoff else "尚无到期月份")
    notes = [f"共{len(rows)}名党员。应交、欠交计{as_of}：应交{yuan(grid.expected)}元，实交{yuan(grid.paid)}元，"
             f"欠交{yuan(grid.arrears)}元，按时交纳率{_rate_share(grid.on_time_rate)}。本年度上缴上级党组织"
             f"{yuan(grid.remitted)}元；截至{chinese_date(balance.day)}支部结存{yuan(balance.held)}元。"]
    behind = [f"{r.name}（{'、'.join(f'{m}月' for m in r.unpaid(cutoff))}）" for r in rows if r.unpaid(cutoff)]
    if behind:
        notes.append("欠交（灰底）：" + "；".join(behind) + "。")
    if grid.without_base:
        notes.append("尚未核定基数：" + "、".join(grid.without_base) + "。")
    proxies = [f"{r.name}{c.month}月由{c.payer}代交" for r in rows for c in r.cells if c.payer]
    if proxies:
        notes.append("代交：" + "；".join(proxies) + "。")
    if decided:
        notes.append("少交、免交（支部决定，报上级党组织批准）：" + "；".join(_decision(b) for b in decided) + "。")
    notes.append(LEGEND)
    return Ledger("党费收缴登记表", f"（{grid.year}年度）", columns, rows, notes,
                  marked=lambda r: bool(r.unpaid(cutoff)), totals=totals)


def _decision(base: DuesBase) -> str:
    amount = "免交" if base.amount == 0 else f"每月{yuan(base.amount)}元"
    when = f"，{short_date(base.decided_on)}支部决定" if base.decided_on else ""
    approved = f"，{base.approved_by}批准" if base.approved_by else ""
    reason = f"（{base.reason}）" if base.reason else ""
    return f"{base.member.name}自{base.from_month}月起{amount}{reason}{when}{approved}"


def remittance_ledger(year: int, remittances: list[DuesRemittance], periods: list[RemittancePeriod],
                      collected: int, balance: Balance) -> Ledger:
    """党费上缴凭证 list: every handing up of the year's dues with its receipt, the sum, and what is still held."""
    columns = [
        Column("上缴日期", lambda r: short_date(r.remitted_on), 20, True),
        Column("所属期间", lambda r: _months(r), 30, True),
        Column("上缴金额（元）", lambda r: yuan(r.amount), 22, True),
        Column("凭证号", lambda r: r.receipt, 34, True),
        Column("经手人", lambda r: r.handled_by, 18, True),
        Column("备注", lambda r: r.note, 60),
    ]
    remitted = sum(r.amount for r in remittances)
    notes = [f"{year}年度共上缴{len(remittances)}次，合计{yuan(remitted)}元；本年度各月党费实收{yuan(collected)}元。"
             f"截至{chinese_date(balance.day)}支部结存{yuan(balance.held)}元（实收减上缴）。"]
    open_periods = [p.label for p in periods if not p.covered and p.collected]
    if open_periods:
        notes.append("尚未上缴：" + "、".join(open_periods) + "。")
    return Ledger("党费上缴凭证登记表", f"（{year}年度）", columns, remittances, notes,
                  totals=["", "", yuan(remitted), "", "", ""])


def _months(r: DuesRemittance) -> str:
    return (f"{r.year}年{r.first_month}月" if r.first_month == r.last_month
            else f"{r.year}年{r.first_month}—{r.last_month}月")


# -- 党费交纳证明 --------------------------------------------------------------------------------------

def build_dues_proof(out: Path, dues: MemberDues, branch: str, printed_on: dt.date, full_numbers: bool = False,
                     progress: Progress | None = None) -> None:
    """A portrait letter: who, paid up to which month, what is still owed, and the payments of the last two
    years as a table; signed by the branch."""
    person = dues.member
    title = "党费交纳证明"
    doc = ReportDoc(out, layout=PORTRAIT, title=title, progress=progress, progress_total=1)
    number = person.id_number if full_numbers else masked(person.id_number)
    who = f"{person.name}同志（{person.gender}{'，身份证号' + number if number else ''}）"
    paid_up = dues.paid_up_to
    if paid_up is None:
        state = "在本支部尚无党费交纳记录。"
    else:
        state = (f"在本支部已按规定交纳党费至{paid_up[0]}年{paid_up[1]}月，"
                 f"共交纳{len(dues.payments)}个月、{yuan(dues.total)}元。")
    owed = ("尚欠交" + "、".join(rule.span_label(*run) for run in dues.unpaid) + "的党费" +
            ("；" + "、".join(rule.span_label(*run) for run in dues.paid_after) + "已交纳" if dues.paid_after else "")
            + "。") if dues.unpaid else ""
    story: list[Flowable] = [TitleLine(title, 22, space_after=14),
                             para(f"兹证明{who}{state}{owed}", "text_indent"), Spacer(0, 6)]
    shown = [p for p in dues.payments if p.year >= printed_on.year - 1]
    if shown:
        story.append(para(f"{shown[0].year}年以来的交纳记录：", "info"))
        rows = [[para(h, "small_head") for h in ("所属月份", "交纳金额（元）", "交纳日期", "代交人", "收据号")]]
        rows += [[para(f"{p.year}年{p.month}月", "small_centre"), para(yuan(p.amount), "small_centre"),
                  para(short_date(p.paid_on), "small_centre"), para(p.payer, "small_centre"),
                  para(p.receipt, "small_centre")] for p in shown]
        story.append(grid_table(rows, scaled_widths([28, 26, 26, 22, 30], doc.width)))
    story += [Spacer(0, 10), para("特此证明。", "text_indent"), Spacer(0, 36),
              para(f"{branch}（盖章）", "info_right"), para(chinese_date(printed_on), "info_right"), Checkpoint()]
    doc.build_story(story)

