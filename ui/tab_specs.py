"""What each record tab shows: columns, filters, the count line and the form, one small spec per kind."""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from dangjian_desktop.common.dates import date_label
from dangjian_desktop.common.money import yuan
from dangjian_desktop.common.names import name_order, numbered_order
from dangjian_desktop.queries import listing
from dangjian_desktop.queries.transfers import member_timeline
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.appraisal import appraisal_entries, appraisals
from dangjian_desktop.services.dues import dues_bases, dues_payments, dues_remittances
from dangjian_desktop.services.election import elections
from dangjian_desktop.services.meeting import meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.mobile import mobile_spells
from dangjian_desktop.services.partner import partners
from dangjian_desktop.services.party_event import party_events
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.services.talk import talks
from dangjian_desktop.store.models import (
    APPRAISAL_GRADES,
    MEETING_KINDS,
    PARTNER_KINDS,
    PARTY_EVENT_KINDS,
    RECTIFICATION_STATUSES,
    STAGES,
    TALK_KINDS,
)

from .meeting_dialog import MeetingDialog
from .member_left_dialog import offer_mark_left
from .record_dialog import FormSpec, RecordDialog
from .table_model import CENTER, RIGHT, Column


@dataclass(frozen=True)
class FilterSpec:
    """A combo box above the table: its options come from the rows, `predicate(row, option)` filters."""

    key: str  # "year", "kind", "stage", "status", …
    label: str
    options: Callable[[Sequence[Any]], list[str]]
    predicate: Callable[[Any, str], bool]
    all_label: str = "全部"


@dataclass(frozen=True)
class TabSpec:
    title: str  # the tab's short title (the kind's label names it elsewhere)
    rows: Callable[[], list]
    columns: tuple[Column, ...]
    filters: tuple[FilterSpec, ...]
    form: FormSpec
    counts: Callable[[Sequence[Any]], str]
    search_hint: str
    dialog: type[RecordDialog] = RecordDialog
    tone: Callable[[Any], str | None] | None = None
    sort: tuple[int, bool] = (-1, False)  # (column, descending) at first start; -1 keeps the core's order
    # When a delete is refused because others refer to the record: offer something else instead
    # (parent, record_id, name, message) -> True when that changed the record.
    instead_of_delete: Callable[[Any, int, str, str], bool] | None = None
    detail_more: Callable[[int], str] | None = None  # HTML shown under the selected record's fields

    @property
    def table(self) -> str:
        return self.form.table


def _today() -> dt.date:
    return dt.date.today()


def _year_filter(date_of: Callable[[Any], dt.date | None]) -> FilterSpec:
    return FilterSpec(
        "year", "年度",
        lambda rows: [str(y) for y in sorted({d.year for d in map(date_of, rows) if d}, reverse=True)],
        lambda row, option: (d := date_of(row)) is not None and d.year == int(option),
        "全部年度")


def _fixed(values: Sequence[str]) -> Callable[[Sequence[Any]], list[str]]:
    return lambda _rows: list(values)


def _counted(counter: Counter, order: Sequence[str], unit: str) -> str:
    return "，".join(f"{key} {counter[key]} {unit}" for key in order if counter[key])


# -- 党员 -------------------------------------------------------------------------------------------

def _member_status(row: listing.MemberRow) -> str:
    return row.status if row.status == "正常" else f"{row.status}（{row.left_on or '日期未填'}）"


def _member_timeline(member_id: int) -> str:
    """The member's card ends with his 党籍 as a timeline: milestones, 党籍变动, spells away."""
    lines = member_timeline(member_id)
    if not lines:
        return ""
    items = "".join(f"<tr><td class='k'>{html.escape(date_label(day))}</td><td>{html.escape(text)}</td></tr>"
                    for day, text in lines)
    return f"<p><span class='k'>党籍记录：</span></p><table cellspacing='2'>{items}</table>"


def _member_counts(rows: Sequence[listing.MemberRow]) -> str:
    on_books = [r for r in rows if r.status == "正常"]
    stages = Counter(r.stage for r in on_books)
    parts = [f"共 {len(rows)} 人", _counted(stages, STAGES[::-1], "人")]
    left = len(rows) - len(on_books)
    return "：".join(p for p in parts if p) + (f"；已离开 {left} 人" if left else "")


MEMBERS = TabSpec(
    title="党员",
    rows=listing.member_rows,
    columns=(
        Column("姓名", lambda r: r.name, width=90, sort_key=lambda r: name_order(r.name)),
        Column("性别", lambda r: r.gender, CENTER, width=50),
        Column("出生日期", lambda r: r.birth_date, width=96),
        Column("发展阶段", lambda r: r.stage, width=100,
               sort_key=lambda r: STAGES.index(r.stage) if r.stage else -1),
        Column("党内职务", lambda r: r.party_post, width=80),
        Column("党小组", lambda r: r.party_group, width=100),
        Column("入党时间", lambda r: r.probation_on, width=96),
        Column("转正时间", lambda r: r.full_on, width=96),
        Column("工作岗位/职务", lambda r: r.job_title, width=150),
        Column("联系电话", lambda r: r.phone, width=120),
        Column("党籍状态", _member_status, width=130),
    ),
    filters=(
        FilterSpec("stage", "发展阶段", _fixed(STAGES[::-1]), lambda r, o: r.stage == o),
        FilterSpec("status", "党籍", _fixed(("在册", "已离开")),
                   lambda r, o: (r.status == "正常") == (o == "在册")),
        FilterSpec("group", "党小组", lambda rows: sorted({r.party_group for r in rows if r.party_group}, key=numbered_order),
                   lambda r, o: r.party_group == o),
    ),
    form=FormSpec(members, (
        ("基本信息", ("name", "gender", "ethnicity", "native_place", "birth_date", "id_number", "education",
                  "degree", "work_started_on", "job_title", "professional_title", "phone", "party_post",
                  "party_group")),
        ("发展历程", ("applied_on", "activist_on", "contacts", "candidate_on", "introducers",
                  "admission_publicity_on", "probation_on", "probation_extension_months", "full_publicity_on",
                  "full_on")),
        ("党籍与备注", ("status", "left_on", "notes")),
    ), defaults=lambda: {"status": "正常"}),
    counts=_member_counts,
    search_hint="姓名、拼音首字母（如 zs）、职务、电话",
    sort=(0, False),
    tone=lambda r: None if r.status == "正常" else "muted",
    instead_of_delete=offer_mark_left,
    detail_more=_member_timeline,
)


# -- 会议 -------------------------------------------------------------------------------------------

def _quorum_text(row: listing.MeetingRow) -> str:
    return {None: "", True: "符合", False: "不足（未过半数）"}[row.quorum_ok]


def _meeting_counts(rows: Sequence[listing.MeetingRow]) -> str:
    kinds = _counted(Counter(r.kind for r in rows), MEETING_KINDS, "次")
    short = sum(1 for r in rows if r.quorum_ok is False)
    return f"共 {len(rows)} 次" + (f"：{kinds}" if kinds else "") + (f"；法定人数不足 {short} 次" if short else "")


MEETINGS = TabSpec(
    title="会议",
    rows=listing.meeting_rows,
    columns=(
        Column("日期", lambda r: r.date, width=96),
        Column("类型", lambda r: r.kind, width=110),
        Column("次序", lambda r: f"第{r.seq}次" if r.seq else "", CENTER, sort_key=lambda r: r.seq or 0, width=64),
        Column("主题", lambda r: r.topic, width=300),
        Column("主持人", lambda r: r.host, width=80),
        Column("应到", lambda r: r.expected, RIGHT, width=50),
        Column("实到", lambda r: r.present, RIGHT, width=50),
        Column("请假", lambda r: r.on_leave, RIGHT, width=50),
        Column("缺席", lambda r: r.absent, RIGHT, width=50),
        Column("法定人数", _quorum_text, width=120),
        Column("地点", lambda r: r.place, width=140),
    ),
    filters=(
        _year_filter(lambda r: r.date),
        FilterSpec("kind", "类型", _fixed(MEETING_KINDS), lambda r, o: r.kind == o),
    ),
    form=FormSpec(meetings, (
        ("会议信息", ("kind", "seq", "date", "start_time", "end_time", "place", "topic", "party_group", "host",
                  "recorder", "lecturer", "guests")),
        ("出席情况", ("attendance",)),
        ("议题与记录", ("first_topic", "agenda", "minutes", "resolution", "votes_for", "votes_against",
                   "votes_abstain", "voting_method", "tellers", "make_up", "notes")),
    ), defaults=lambda: {"date": _today()}),
    dialog=MeetingDialog,
    counts=_meeting_counts,
    search_hint="主题、地点、主持人（可用拼音首字母）",
    sort=(0, True),
    tone=lambda r: "alert" if r.quorum_ok is False else None,
)


# -- 活动 -------------------------------------------------------------------------------------------

def _activity_counts(rows: Sequence[listing.ActivityRow]) -> str:
    totals: dict[tuple[str, str], int] = {}
    for r in rows:
        totals[(r.category, r.unit)] = totals.get((r.category, r.unit), 0) + r.quantity
    order = {name: i for i, (_id, name, _unit) in enumerate(listing.category_choices())}
    parts = "，".join(f"{category} {n} {unit}" for (category, unit), n
                     in sorted(totals.items(), key=lambda item: order.get(item[0][0], len(order))))
    return f"共 {len(rows)} 项" + (f"：{parts}" if parts else "")


ACTIVITIES = TabSpec(
    title="活动",
    rows=listing.activity_rows,
    columns=(
        Column("日期", lambda r: r.date, width=96),
        Column("类别", lambda r: r.category, width=90),
        Column("活动名称", lambda r: r.title, width=320),
        Column("数量", lambda r: f"{r.quantity} {r.unit}", RIGHT, sort_key=lambda r: r.quantity, width=64),
        Column("参加人数", lambda r: r.participant_count, RIGHT, width=72),
        Column("组织者", lambda r: r.organiser, width=90),
        Column("地点", lambda r: r.place, width=130),
        Column("共建单位/基地", lambda r: r.partner, width=170),
    ),
    filters=(
        _year_filter(lambda r: r.date),
        FilterSpec("category", "类别", lambda rows: [name for _i, name, _u in listing.category_choices()],
                   lambda r, o: r.category == o),
    ),
    form=FormSpec(activities, (
        ("活动", ("category", "title", "date", "quantity", "unit", "place", "partner", "organiser",
                "participant_count", "participants", "description")),
    ), defaults=lambda: {"date": _today(), "quantity": 1}),
    counts=_activity_counts,
    search_hint="活动名称、地点、组织者、共建单位",
    sort=(0, True),
)


# -- 共建单位与阵地 -----------------------------------------------------------------------------------

PARTNERS = TabSpec(
    title="共建阵地",
    rows=listing.partner_rows,
    columns=(
        Column("名称", lambda r: r.name, width=240),
        Column("类别", lambda r: r.kind, width=110),
        Column("共建/启用日期", lambda r: r.since, width=110),
        Column("相关活动", lambda r: r.activity_count, RIGHT, width=72),
        Column("联系人", lambda r: r.contact, width=80),
        Column("联系电话", lambda r: r.phone, width=120),
        Column("地址", lambda r: r.address, width=220),
    ),
    filters=(FilterSpec("kind", "类别", _fixed(PARTNER_KINDS), lambda r, o: r.kind == o),),
    form=FormSpec(partners, (
        ("共建单位与阵地", ("name", "kind", "since", "contact", "phone", "address", "description")),
    )),
    counts=lambda rows: f"共 {len(rows)} 个" + (
        f"：{k}" if (k := _counted(Counter(r.kind for r in rows), PARTNER_KINDS, "个")) else ""),
    search_hint="名称（可用拼音首字母）、联系人、地址",
)


# -- 整改 -------------------------------------------------------------------------------------------

def _rectification_status(row: listing.RectificationRow) -> str:
    return f"{row.status}（已逾期）" if row.overdue else row.status


def _rectification_counts(rows: Sequence[listing.RectificationRow]) -> str:
    statuses = _counted(Counter(r.status for r in rows), RECTIFICATION_STATUSES, "项")
    late = sum(1 for r in rows if r.overdue)
    return f"共 {len(rows)} 项" + (f"：{statuses}" if statuses else "") + (f"；逾期未完成 {late} 项" if late else "")


RECTIFICATIONS = TabSpec(
    title="整改",
    rows=listing.rectification_rows,
    columns=(
        Column("发现日期", lambda r: r.found_on, width=96),
        Column("问题来源", lambda r: r.source, width=90),
        Column("问题", lambda r: r.problem.splitlines()[0] if r.problem else "", width=320),
        Column("责任人", lambda r: r.owner, width=90),
        Column("整改时限", lambda r: r.deadline, width=96),
        Column("整改状态", _rectification_status, width=120,
               sort_key=lambda r: (not r.overdue, RECTIFICATION_STATUSES.index(r.status)
                                   if r.status in RECTIFICATION_STATUSES else 9)),
        Column("完成日期", lambda r: r.completed_on, width=96),
        Column("来源会议", lambda r: r.meeting, width=200),
    ),
    filters=(
        _year_filter(lambda r: r.found_on),
        FilterSpec("status", "状态", _fixed((*RECTIFICATION_STATUSES, "逾期未完成")),
                   lambda r, o: r.overdue if o == "逾期未完成" else r.status == o),
    ),
    form=FormSpec(rectifications, (
        ("问题", ("source", "meeting", "found_on", "problem", "cause")),
        ("整改", ("measure", "owner", "deadline", "status", "completed_on", "evidence", "review")),
    ), defaults=lambda: {"status": "未开始", "found_on": _today()}),
    counts=_rectification_counts,
    search_hint="问题、原因、措施、责任人",
    sort=(0, True),
    tone=lambda r: "alert" if r.overdue else None,
)

TAB_SPECS: tuple[TabSpec, ...] = (MEMBERS, MEETINGS, ACTIVITIES, PARTNERS, RECTIFICATIONS)


# -- 党费: pages of the 党费 tab, beside its grid --------------------------------------------------------

def _number_year_filter(year_of: Callable[[Any], int]) -> FilterSpec:
    return FilterSpec("year", "年度", lambda rows: [str(y) for y in sorted({year_of(r) for r in rows}, reverse=True)],
                      lambda row, option: year_of(row) == int(option), "全部年度")


def _months(first: int, last: int) -> str:
    return f"{first}月" if first == last else f"{first}—{last}月"


def _sum_line(rows: Sequence[Any], unit: str) -> str:
    return f"共 {len(rows)} {unit}，合计 {yuan(sum(r.amount for r in rows))} 元"


DUES_PAYMENTS = TabSpec(
    title="交纳记录",
    rows=listing.dues_payment_rows,
    columns=(
        Column("所属月份", lambda r: f"{r.year}年{r.month}月", width=96, sort_key=lambda r: (r.year, r.month)),
        Column("姓名", lambda r: r.name, width=90, sort_key=lambda r: name_order(r.name)),
        Column("金额（元）", lambda r: yuan(r.amount), RIGHT, width=90, sort_key=lambda r: r.amount),
        Column("交纳日期", lambda r: r.paid_on, width=96),
        Column("代交人", lambda r: r.payer, width=80),
        Column("收据号", lambda r: r.receipt, width=130),
        Column("备注", lambda r: r.note, width=240),
    ),
    filters=(_number_year_filter(lambda r: r.year),
             FilterSpec("month", "月份", _fixed([f"{m}月" for m in range(1, 13)]), lambda r, o: f"{r.month}月" == o)),
    form=FormSpec(dues_payments, (
        ("交纳", ("member", "year", "month", "amount", "paid_on", "payer", "receipt", "note")),
    ), defaults=lambda: {"year": _today().year, "month": _today().month, "paid_on": _today()}),
    counts=lambda rows: _sum_line(rows, "笔"),
    search_hint="姓名（可用拼音首字母）、收据号、代交人",
)

DUES_BASES = TabSpec(
    title="核定基数",
    rows=listing.dues_base_rows,
    columns=(
        Column("年度", lambda r: r.year, width=60),
        Column("姓名", lambda r: r.name, width=90, sort_key=lambda r: name_order(r.name)),
        Column("起始月份", lambda r: f"{r.from_month}月", CENTER, width=72, sort_key=lambda r: r.from_month),
        Column("人员类别", lambda r: r.category, width=80),
        Column("月工资收入（元）", lambda r: yuan(r.base), RIGHT, width=120, sort_key=lambda r: r.base or 0),
        Column("每月应交（元）", lambda r: yuan(r.amount) if r.amount is not None else "按规定", RIGHT, width=110),
        Column("少交、免交原因", lambda r: r.reason, width=240),
    ),
    filters=(_number_year_filter(lambda r: r.year),),
    form=FormSpec(dues_bases, (
        ("核定基数", ("member", "year", "from_month", "category", "base", "amount")),
        ("少交、免交（须支部决定并报上级党组织批准）", ("reason", "decided_on", "approved_by")),
    ), defaults=lambda: {"year": _today().year, "from_month": 1, "category": "在职"}),
    counts=lambda rows: f"共 {len(rows)} 条" + (f"，其中少交、免交 {n} 条" if (n := sum(1 for r in rows if r.reason)) else ""),
    search_hint="姓名（可用拼音首字母）",
)

DUES_REMITTANCES = TabSpec(
    title="上缴记录",
    rows=listing.dues_remittance_rows,
    columns=(
        Column("上缴日期", lambda r: r.remitted_on, width=96),
        Column("所属期间", lambda r: f"{r.year}年{_months(r.first_month, r.last_month)}", width=130,
               sort_key=lambda r: (r.year, r.first_month)),
        Column("上缴金额（元）", lambda r: yuan(r.amount), RIGHT, width=110, sort_key=lambda r: r.amount),
        Column("凭证号", lambda r: r.receipt, width=130),
        Column("经手人", lambda r: r.handled_by, width=80),
        Column("备注", lambda r: r.note, width=240),
    ),
    filters=(_number_year_filter(lambda r: r.year),),
    form=FormSpec(dues_remittances, (
        ("上缴党费", ("remitted_on", "year", "first_month", "last_month", "amount", "receipt", "handled_by", "note")),
    ), defaults=lambda: {"remitted_on": _today(), "year": _today().year}),
    counts=lambda rows: _sum_line(rows, "次"),
    search_hint="凭证号、经手人、备注",
    sort=(0, True),
)

DUES_SPECS: tuple[TabSpec, ...] = (DUES_PAYMENTS, DUES_BASES, DUES_REMITTANCES)


# -- 民主评议, 谈心谈话: pages of their tabs ---------------------------------------------------------------

def _votes_text(row: listing.AppraisalEntryRow) -> str:
    return "/".join(map(str, row.votes)) if any(row.votes) else ""


def _entry_counts(rows: Sequence[listing.AppraisalEntryRow]) -> str:
    taking_part = [r for r in rows if not r.excused]
    grades = _counted(Counter(r.grade for r in taking_part if r.grade), APPRAISAL_GRADES, "人")
    waiting = sum(1 for r in taking_part if not r.grade)
    return (f"共 {len(rows)} 人，参评 {len(taking_part)} 人" + (f"：{grades}" if grades else "")
            + (f"；尚未评定 {waiting} 人" if waiting else ""))


APPRAISAL_ENTRIES = TabSpec(
    title="评议结果",
    rows=listing.appraisal_entry_rows,
    columns=(
        Column("年度", lambda r: r.year, width=60),
        Column("姓名", lambda r: r.name, width=90, sort_key=lambda r: name_order(r.name)),
        Column("测评票（优秀/合格/基本合格/不合格）", _votes_text, CENTER, width=230),
        Column("测评结果", lambda r: r.ballot or "", CENTER, width=80),
        Column("评定等次", lambda r: r.grade or ("不参评" if r.excused else "未评定"), CENTER, width=80),
        Column("组织处置", lambda r: r.follow_up, width=90),
        Column("不参评原因", lambda r: r.excused, width=200),
    ),
    filters=(_number_year_filter(lambda r: r.year),
             FilterSpec("grade", "等次", _fixed((*APPRAISAL_GRADES, "未评定", "不参评")),
                        lambda r, o: (r.excused != "") if o == "不参评" else (not r.excused and r.grade == ("" if o == "未评定" else o)))),
    form=FormSpec(appraisal_entries, (
        ("测评与评定", ("year", "member", "votes_excellent", "votes_qualified", "votes_basic", "votes_unqualified",
                   "grade", "grade_reason", "follow_up", "follow_up_deadline")),
        ("个人自评与不参评", ("self_assessment", "excused")),
    ), defaults=lambda: {"year": _today().year}),
    counts=_entry_counts,
    search_hint="姓名（可用拼音首字母）",
    tone=lambda r: "alert" if r.grade in ("基本合格", "不合格") else "muted" if r.excused else None,
)

APPRAISALS = TabSpec(
    title="评议安排",
    rows=listing.appraisal_rows,
    columns=(
        Column("年度", lambda r: r.year, width=60),
        Column("民主测评", lambda r: r.ballot_on, width=96),
        Column("组织评定", lambda r: r.decided_on, width=96),
        Column("召开会议", lambda r: r.meeting, width=300),
        Column("评议名单", lambda r: f"{r.listed} 人", RIGHT, width=80, sort_key=lambda r: r.listed),
    ),
    filters=(),
    form=FormSpec(appraisals, (
        ("民主评议党员", ("year", "meeting", "study_on", "self_on", "mutual_on", "ballot_on", "decided_on",
                     "published_on", "notes")),
    ), defaults=lambda: {"year": _today().year}),
    counts=lambda rows: f"共 {len(rows)} 个年度",
    search_hint="年度、会议",
)

TALKS = TabSpec(
    title="谈话记录",
    rows=listing.talk_rows,
    columns=(
        Column("日期", lambda r: r.date, width=96),
        Column("类型", lambda r: r.kind, width=110),
        Column("谈话人", lambda r: r.talker, width=80, sort_key=lambda r: name_order(r.talker)),
        Column("谈话对象", lambda r: r.partner, width=80, sort_key=lambda r: name_order(r.partner)),
        Column("谈话主题", lambda r: r.topic, width=320),
        Column("地点", lambda r: r.place, width=120),
    ),
    filters=(_year_filter(lambda r: r.date), FilterSpec("kind", "类型", _fixed(TALK_KINDS), lambda r, o: r.kind == o)),
    form=FormSpec(talks, (
        ("谈心谈话", ("date", "kind", "talker", "partner", "place", "topic", "points", "follow_up")),
    ), defaults=lambda: {"date": _today(), "kind": "支委与党员"}),
    counts=lambda rows: f"共 {len(rows)} 次" + (
        f"：{k}" if (k := _counted(Counter(r.kind for r in rows), TALK_KINDS, "次")) else ""),
    search_hint="谈话人、谈话对象（可用拼音首字母）、主题",
    sort=(0, True),
)

APPRAISAL_SPECS: tuple[TabSpec, ...] = (APPRAISAL_ENTRIES, APPRAISALS)


# -- 关系转接: the events and the 流动党员 ---------------------------------------------------------------

def _event_receipt(row: listing.PartyEventRow) -> str:
    if row.kind != "转出":
        return ""
    if row.receipt_on:
        return f"{row.receipt_on.isoformat()} 已退回"
    return "逾期未退回" if row.receipt_overdue(_today()) else "待退回"


PARTY_EVENTS = TabSpec(
    title="转接与党籍变动",
    rows=listing.party_event_rows,
    columns=(
        Column("日期", lambda r: r.date, width=96),
        Column("类型", lambda r: r.kind, width=80),
        Column("姓名", lambda r: r.name, width=80, sort_key=lambda r: name_order(r.name)),
        Column("转往/转自党组织", lambda r: r.organisation, width=260),
        Column("介绍信编号", lambda r: r.letter_no, width=110),
        Column("有效期至", lambda r: r.valid_until, width=96),
        Column("回执", _event_receipt, width=130),
        Column("说明", lambda r: r.detail, width=220),
    ),
    filters=(_year_filter(lambda r: r.date),
             FilterSpec("kind", "类型", _fixed(PARTY_EVENT_KINDS), lambda r, o: r.kind == o)),
    form=FormSpec(party_events, (  # one page: what a kind needs is beside what it does not (each field's hint says)
        ("党籍变动", ("member", "kind", "date", "organisation", "scope", "letter_no", "valid_until", "receipt_on",
                  "file_arrived_on", "manner", "decision", "decided_by", "note")),
    ), defaults=lambda: {"date": _today(), "kind": "转出"}),
    counts=lambda rows: f"共 {len(rows)} 条" + (
        f"：{k}" if (k := _counted(Counter(r.kind for r in rows), PARTY_EVENT_KINDS, "条")) else ""),
    search_hint="姓名（可用拼音首字母）、党组织、介绍信编号",
    tone=lambda r: "alert" if r.receipt_overdue(_today()) else None,
    sort=(0, True),
)


def _mobile_counts(rows: Sequence[listing.MobileRow]) -> str:
    away = sum(1 for r in rows if r.ended_on is None)
    return f"共 {len(rows)} 条" + (f"，目前在外 {away} 人" if away else "")


MOBILE_SPELLS = TabSpec(
    title="流动党员",
    rows=listing.mobile_rows,
    columns=(
        Column("姓名", lambda r: r.name, width=80, sort_key=lambda r: name_order(r.name)),
        Column("外出类型", lambda r: r.kind, width=90),
        Column("外出日期", lambda r: r.started_on, width=96),
        Column("返回日期", lambda r: r.ended_on or "仍在外", width=96),
        Column("外出地点", lambda r: r.place, width=220),
        Column("流入地党组织", lambda r: r.joined_branch, width=200),
        Column("活动证号", lambda r: r.card_no, width=110),
        Column("最近思想汇报", lambda r: r.last_report_on, width=110),
    ),
    filters=(FilterSpec("away", "状态", _fixed(("仍在外", "已返回")),
                        lambda r, o: (r.ended_on is None) == (o == "仍在外")),),
    form=FormSpec(mobile_spells, (
        ("外出情况", ("member", "kind", "started_on", "ended_on", "place", "contact")),
        ("管理与联系", ("joined_branch", "card_no", "keeps_in_touch", "last_report_on", "reports", "note")),
    ), defaults=lambda: {"started_on": _today(), "kind": "外出务工"}),
    counts=_mobile_counts,
    search_hint="姓名（可用拼音首字母）、外出地点",
    tone=lambda r: "muted" if r.ended_on else None,
)

TRANSFER_SPECS: tuple[TabSpec, ...] = (PARTY_EVENTS, MOBILE_SPELLS)


# -- 换届选举 ----------------------------------------------------------------------------------------------

ELECTIONS = TabSpec(
    title="换届选举",
    rows=listing.election_rows,
    columns=(
        Column("选举日期", lambda r: r.date, width=96),
        Column("类型", lambda r: r.kind, width=80),
        Column("任期", lambda r: f"{r.term_years}年", CENTER, width=60),
        Column("实到/应到", lambda r: r.attendance, CENTER, width=80),
        Column("当选人及分工", lambda r: r.elected, width=420),
        Column("上级批复", lambda r: r.approved_on or "待批复", width=100),
    ),
    filters=(),
    form=FormSpec(elections, (
        ("换届选举", ("date", "kind", "meeting", "term_years", "expected", "present", "candidates", "elected",
                  "approved_on", "approved_by", "approval_no", "notes")),
    ), defaults=lambda: {"date": _today(), "kind": "换届选举", "term_years": 3}),
    counts=lambda rows: f"共 {len(rows)} 次选举",
    search_hint="当选人姓名、职务",
    tone=lambda r: "alert" if r.approved_on is None else None,
    sort=(0, True),
)

