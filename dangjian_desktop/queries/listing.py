"""Rows for the record lists: each kind read in one or two queries, no query per row.

The window's tables and pickers show these; each row carries the stored search key (names with their
pinyin initials) so the search box never computes pinyin itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, Case, Select, fn

from dangjian_desktop.common.dates import stored_date
from dangjian_desktop.domain.kinds import RecordKind
from dangjian_desktop.domain.rules.appraisal import ballot_grade
from dangjian_desktop.domain.rules.membership import stage_at
from dangjian_desktop.domain.rules.party_events import receipt_overdue
from dangjian_desktop.domain.rules.rectification import overdue
from dangjian_desktop.services.meeting import QUORUM_KINDS, AttendanceRow, headcount
from dangjian_desktop.store.connection import db
from dangjian_desktop.store.models import (
    Activity,
    ActivityCategory,
    Appraisal,
    AppraisalEntry,
    Attendance,
    DuesBase,
    DuesPayment,
    DuesRemittance,
    Election,
    Meeting,
    Member,
    MobileSpell,
    Partner,
    PartyEvent,
    Rectification,
    Talk,
    with_precisions,
)


@dataclass(frozen=True, slots=True)
class MemberRow:
    id: int
    name: str
    gender: str
    birth_date: dt.date | None
    job_title: str
    party_post: str
    party_group: str
    phone: str
    applied_on: dt.date | None
    activist_on: dt.date | None
    candidate_on: dt.date | None
    probation_on: dt.date | None
    full_on: dt.date | None
    status: str
    left_on: dt.date | None
    search_key: str

    @property
    def stage(self) -> str:
        return stage_at(self, None)


@dataclass(frozen=True, slots=True)
class MeetingRow:
    id: int
    date: dt.date
    kind: str
    seq: int | None
    topic: str
    place: str
    host: str
    expected: int
    present: int
    on_leave: int
    absent: int
    quorum_ok: bool | None  # None where the kind has no quorum rule or nobody is registered
    search_key: str


@dataclass(frozen=True, slots=True)
class ActivityRow:
    id: int
    date: dt.date
    category: str
    title: str
    place: str
    partner: str
    organiser: str
    participant_count: int | None
    quantity: int
    unit: str
    search_key: str


@dataclass(frozen=True, slots=True)
class PartnerRow:
    id: int
    name: str
    kind: str
    since: dt.date | None
    contact: str
    phone: str
    address: str
    activity_count: int
    search_key: str


@dataclass(frozen=True, slots=True)
class RectificationRow:
    id: int
    found_on: dt.date
    source: str
    meeting: str
    problem: str
    owner: str
    deadline: dt.date | None
    status: str
    completed_on: dt.date | None
    overdue: bool
    search_key: str


@dataclass(frozen=True, slots=True)
class DuesBaseRow:
    id: int
    year: int
    name: str
    from_month: int
    category: str
    base: int | None  # 分
    amount: int | None  # the override; None when the rule sets it
    reason: str
    search_key: str


@dataclass(frozen=True, slots=True)
class DuesPaymentRow:
    id: int
    year: int
    month: int
    name: str
    amount: int
    paid_on: dt.date
    payer: str
    receipt: str
    note: str
    search_key: str


@dataclass(frozen=True, slots=True)
class DuesRemittanceRow:
    id: int
    remitted_on: dt.date
    year: int
    first_month: int
    last_month: int
    amount: int
    receipt: str
    handled_by: str
    note: str
    search_key: str


def _fetch(query: Select, *date_columns: int) -> list[tuple]:
    """The query's rows as plain tuples straight from SQLite, the given columns read as dates. peewee's
    row-by-row conversion costs as much as SQLite itself on the ten thousand rows of a big list."""
    rows = db.execute(query).fetchall()
    if not date_columns:
        return rows
    as_date = stored_date
    result = []
    for row in rows:
        row = list(row)
        for column in date_columns:
            if row[column] is not None:
                row[column] = as_date(row[column])
        result.append(tuple(row))
    return result


def member_rows() -> list[MemberRow]:
    """Every member; dates known only to the month (1966.02) as such."""
    query = Member.select(
        Member.id, Member.name, Member.gender, Member.birth_date, Member.job_title, Member.party_post,
        Member.party_group, Member.phone, Member.applied_on, Member.activist_on, Member.candidate_on,
        Member.probation_on, Member.full_on, Member.status, Member.left_on, Member.search_key,
        Member.date_precision,
    ).order_by(Member.name).tuples()
    names = [f.name for f in dataclasses.fields(MemberRow)]
    return [MemberRow(**with_precisions(dict(zip(names, values, strict=True)), precision))
            for *values, precision in query]


def meeting_rows() -> list[MeetingRow]:
    """Meetings with host name, 应到/实到/请假/缺席 and, for 支部党员大会 and 支委会, the quorum."""
    host = Member.alias()
    counts = {
        meeting_id: rest for meeting_id, *rest in _fetch(Attendance.select(
            Attendance.meeting,
            fn.COUNT(Attendance.id),
            fn.SUM(Case(None, [(Attendance.status == "出席", 1)], 0)),
            fn.SUM(Case(None, [(Attendance.status == "请假", 1)], 0)),
            fn.SUM(Case(None, [(Attendance.status == "缺席", 1)], 0)),
        ).group_by(Attendance.meeting))
    }
    quorum = _quorums()
    query = (Meeting.select(Meeting.id, Meeting.date, Meeting.kind, Meeting.seq, Meeting.topic, Meeting.place,
                            fn.COALESCE(host.name, ""), fn.COALESCE(host.search_key, ""))
             .join(host, JOIN.LEFT_OUTER, on=(Meeting.host == host.id))
             .order_by(Meeting.date.desc(), Meeting.start_time.desc()))
    rows = []
    for meeting_id, day, kind, seq, topic, place, host_name, host_key in _fetch(query, 1):
        expected, present, on_leave, absent = counts.get(meeting_id, (0, 0, 0, 0))
        key = " ".join((kind, topic, place, host_key)).lower()
        rows.append(MeetingRow(meeting_id, day, kind, seq, topic, place, host_name, expected, present,
                               on_leave, absent, quorum.get(meeting_id), key))
    return rows


def _quorums() -> dict[int, bool]:
    """Whether each registered 支部党员大会 and 支委会 had its quorum, by the rule in services.meetings."""
    query = (Attendance.select(Attendance.meeting, Attendance.member, Attendance.status,
                               Meeting.kind, Meeting.date)
             .join(Meeting).where(Meeting.kind.in_(QUORUM_KINDS)))
    by_meeting: dict[int, tuple[str, dt.date, list[AttendanceRow]]] = {}
    for meeting_id, member_id, status, kind, day in _fetch(query, 4):
        by_meeting.setdefault(meeting_id, (kind, day, []))[2].append(AttendanceRow(member_id, status))
    if not by_meeting:
        return {}
    members = {m.id: m for m in Member.select()}
    return {meeting_id: headcount(kind, day, rows, members).quorum_ok
            for meeting_id, (kind, day, rows) in by_meeting.items()}


def activity_rows() -> list[ActivityRow]:
    query = (Activity.select(Activity.id, Activity.date, ActivityCategory.name, Activity.title, Activity.place,
                             fn.COALESCE(Partner.name, ""), Activity.organiser, Activity.participant_count,
                             Activity.quantity, Activity.unit, Activity.search_key,
                             fn.COALESCE(Partner.search_key, ""))
             .join(ActivityCategory)
             .switch(Activity).join(Partner, JOIN.LEFT_OUTER)
             .order_by(Activity.date.desc(), Activity.id.desc()))
    return [ActivityRow(*row[:10], " ".join((row[2], row[10], row[11])).lower()) for row in _fetch(query, 1)]


def partner_rows() -> list[PartnerRow]:
    used = (Activity.select(Activity.partner, fn.COUNT(Activity.id).alias("n"))
            .where(Activity.partner.is_null(False)).group_by(Activity.partner))
    query = (Partner.select(Partner.id, Partner.name, Partner.kind, Partner.since, Partner.contact, Partner.phone,
                            Partner.address, fn.COALESCE(used.c.n, 0), Partner.search_key)
             .join(used, JOIN.LEFT_OUTER, on=(used.c.partner_id == Partner.id))
             .order_by(Partner.kind, Partner.name).tuples())
    return [PartnerRow(*row[:8], " ".join((row[2], row[8])).lower()) for row in query]


def rectification_rows(today: dt.date | None = None) -> list[RectificationRow]:
    """Rectification items; `overdue` means the deadline has passed and the item is not done."""
    today = today or dt.date.today()
    query = (Rectification.select(Rectification.id, Rectification.found_on, Rectification.source,
                                  fn.COALESCE(Meeting.topic, ""), Rectification.problem, Rectification.owner,
                                  Rectification.deadline, Rectification.status, Rectification.completed_on,
                                  Rectification.cause, Rectification.measure)
             .join(Meeting, JOIN.LEFT_OUTER)
             .order_by(Rectification.found_on.desc(), Rectification.id.desc()).tuples())
    rows = []
    for (record_id, found_on, source, meeting, problem, owner, deadline, status, completed_on,
         cause, measure) in query:
        late = overdue(Rectification(deadline=deadline, completed_on=completed_on), today)
        key = " ".join((source, meeting, problem, owner, status, cause, measure)).lower()
        rows.append(RectificationRow(record_id, found_on, source, meeting, problem, owner, deadline, status,
                                     completed_on, late, key))
    return rows


def dues_base_rows() -> list[DuesBaseRow]:
    query = (DuesBase.select(DuesBase.id, DuesBase.year, Member.name, DuesBase.from_month, DuesBase.category,
                             DuesBase.base, DuesBase.amount, DuesBase.reason, Member.search_key)
             .join(Member).order_by(DuesBase.year.desc(), Member.name, DuesBase.from_month))
    return [DuesBaseRow(*row) for row in _fetch(query)]


def dues_payment_rows() -> list[DuesPaymentRow]:
    query = (DuesPayment.select(DuesPayment.id, DuesPayment.year, DuesPayment.month, Member.name, DuesPayment.amount,
                                DuesPayment.paid_on, DuesPayment.payer, DuesPayment.receipt, DuesPayment.note,
                                Member.search_key)
             .join(Member).order_by(DuesPayment.year.desc(), DuesPayment.month.desc(), Member.name))
    return [DuesPaymentRow(*row) for row in _fetch(query, 5)]


def dues_remittance_rows() -> list[DuesRemittanceRow]:
    query = (DuesRemittance.select(DuesRemittance.id, DuesRemittance.remitted_on, DuesRemittance.year,
                                   DuesRemittance.first_month, DuesRemittance.last_month, DuesRemittance.amount,
                                   DuesRemittance.receipt, DuesRemittance.handled_by, DuesRemittance.note)
             .order_by(DuesRemittance.remitted_on.desc(), DuesRemittance.id.desc()))
    return [DuesRemittanceRow(*row, f"{row[6]} {row[7]} {row[8]}".lower()) for row in _fetch(query, 1)]


# -- choices for the pickers in the record dialogs -------------------------------------------------

def member_choices() -> list[tuple[int, str, bool]]:
    """(id, name, still on the books) for every member, those on the books first, each group by name."""
    query = Member.select(Member.id, Member.name, Member.status).tuples()
    rows = [(member_id, name, status == "正常") for member_id, name, status in query]
    return sorted(rows, key=lambda r: (not r[2], r[1]))


def choices(kind: RecordKind) -> list[tuple[int, str]]:
    """(id, name) of every record of a kind, for a picker: named by the kind's title field, in that order."""
    title = kind.model._meta.fields[kind.title_field]
    return list(kind.model.select(kind.model.id, title).order_by(title).tuples())


def category_choices() -> list[tuple[int, str, str]]:
    """(id, name, unit) in the user's order."""
    return list(ActivityCategory.select(ActivityCategory.id, ActivityCategory.name, ActivityCategory.unit)
                .order_by(ActivityCategory.sort_order, ActivityCategory.id).tuples())


def meeting_choices() -> list[tuple[int, str]]:
    query = (Meeting.select(Meeting.id, Meeting.date, Meeting.kind, Meeting.topic)
             .order_by(Meeting.date.desc()).tuples())
    return [(meeting_id, f"{day.isoformat()} {kind}：{topic}") for meeting_id, day, kind, topic in query]


def members_by_id(ids: list[int]) -> dict[int, Member]:
    """Members by id, in one query (for attendance lists)."""
    return {m.id: m for m in Member.select().where(Member.id.in_(ids))} if ids else {}


# -- 民主评议, 谈心谈话 -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AppraisalRoundRow:
    id: int
    year: int
    ballot_on: dt.date | None
    decided_on: dt.date | None
    meeting: str
    listed: int
    search_key: str


@dataclass(frozen=True, slots=True)
class AppraisalEntryRow:
    id: int
    year: int
    name: str
    excused: str
    votes: tuple[int, ...]
    grade: str
    follow_up: str
    search_key: str

    @property
    def ballot(self) -> str | None:
        return ballot_grade(self.votes)


@dataclass(frozen=True, slots=True)
class TalkRow:
    id: int
    date: dt.date
    kind: str
    talker: str
    partner: str
    topic: str
    place: str
    search_key: str


def appraisal_rows() -> list[AppraisalRoundRow]:
    listed = dict(AppraisalEntry.select(AppraisalEntry.year, fn.COUNT(AppraisalEntry.id))
                  .group_by(AppraisalEntry.year).tuples())
    query = (Appraisal.select(Appraisal.id, Appraisal.year, Appraisal.ballot_on, Appraisal.decided_on, Meeting.topic)
             .join(Meeting, JOIN.LEFT_OUTER).order_by(Appraisal.year.desc()))
    return [AppraisalRoundRow(*row, listed.get(row[1], 0), f"{row[1]} {row[4] or ''}")
            for row in _fetch(query, 2, 3)]


def appraisal_entry_rows() -> list[AppraisalEntryRow]:
    query = (AppraisalEntry.select(AppraisalEntry.id, AppraisalEntry.year, Member.name, AppraisalEntry.excused,
                                   AppraisalEntry.votes_excellent, AppraisalEntry.votes_qualified,
                                   AppraisalEntry.votes_basic, AppraisalEntry.votes_unqualified,
                                   AppraisalEntry.grade, AppraisalEntry.follow_up, Member.search_key)
             .join(Member).order_by(AppraisalEntry.year.desc(), Member.name))
    return [AppraisalEntryRow(i, year, name, excused, tuple(v or 0 for v in votes), grade, follow_up, key)
            for i, year, name, excused, *votes, grade, follow_up, key in _fetch(query)]


def talk_rows() -> list[TalkRow]:
    talker, partner = Member.alias(), Member.alias()
    query = (Talk.select(Talk.id, Talk.date, Talk.kind, talker.name, partner.name, Talk.topic, Talk.place,
                         talker.search_key, partner.search_key)
             .join(talker, on=(Talk.talker == talker.id)).switch(Talk)
             .join(partner, on=(Talk.partner == partner.id)).order_by(Talk.date.desc(), Talk.id.desc()))
    return [TalkRow(*row[:7], f"{row[7]} {row[8]} {row[5]} {row[2]}".lower()) for row in _fetch(query, 1)]


@dataclass(frozen=True, slots=True)
class PartyEventRow:
    id: int
    date: dt.date
    kind: str
    name: str
    organisation: str
    letter_no: str
    valid_until: dt.date | None
    receipt_on: dt.date | None
    detail: str  # 出党方式, 决定, 档案: what the kind has beyond the letter
    search_key: str

    def receipt_overdue(self, today: dt.date) -> bool:
        return receipt_overdue(self.kind, self.valid_until, self.receipt_on, today)


def party_event_rows() -> list[PartyEventRow]:
    query = (PartyEvent.select(PartyEvent.id, PartyEvent.date, PartyEvent.kind, Member.name, PartyEvent.organisation,
                               PartyEvent.letter_no, PartyEvent.valid_until, PartyEvent.receipt_on,
                               PartyEvent.manner, PartyEvent.decision, PartyEvent.file_arrived_on, Member.search_key)
             .join(Member).order_by(PartyEvent.date.desc(), PartyEvent.id.desc()))
    rows = []
    for i, day, kind, name, org, letter, valid, receipt, manner, decision, arrived, key in _fetch(query, 1, 6, 7, 10):
        detail = "，".join(p for p in (manner, decision, f"档案{arrived.isoformat()}到达" if arrived else "") if p)
        rows.append(PartyEventRow(i, day, kind, name, org, letter, valid, receipt, detail,
                                  f"{key} {org} {letter} {kind}".lower()))
    return rows


@dataclass(frozen=True, slots=True)
class MobileRow:
    id: int
    name: str
    kind: str
    started_on: dt.date
    ended_on: dt.date | None
    place: str
    joined_branch: str
    card_no: str
    last_report_on: dt.date | None
    search_key: str


def mobile_rows() -> list[MobileRow]:
    query = (MobileSpell.select(MobileSpell.id, Member.name, MobileSpell.kind, MobileSpell.started_on,
                                MobileSpell.ended_on, MobileSpell.place, MobileSpell.joined_branch, MobileSpell.card_no,
                                MobileSpell.last_report_on, Member.search_key)
             .join(Member).order_by(MobileSpell.started_on.desc(), MobileSpell.id.desc()))
    return [MobileRow(*row[:9], f"{row[9]} {row[5]} {row[6]}".lower()) for row in _fetch(query, 3, 4, 8)]


@dataclass(frozen=True, slots=True)
class ElectionRow:
    id: int
    date: dt.date
    kind: str
    term_years: int
    attendance: str  # 实到/应到
    elected: str  # the elected, one line
    approved_on: dt.date | None
    search_key: str


def election_rows() -> list[ElectionRow]:
    query = (Election.select(Election.id, Election.date, Election.kind, Election.term_years, Election.present,
                             Election.expected, Election.elected, Election.approved_on)
             .order_by(Election.date.desc(), Election.id.desc()))
    rows = []
    for i, day, kind, years, present, expected, elected, approved in _fetch(query, 1, 7):
        names = "、".join(" ".join(line.split()) for line in elected.splitlines() if line.strip())
        rows.append(ElectionRow(i, day, kind, years, f"{present}/{expected}", names, approved, f"{kind} {names}".lower()))
    return rows

