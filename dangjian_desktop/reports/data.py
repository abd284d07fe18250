"""What the printouts show, read in a few queries whatever the number of records (no query per row)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from peewee import JOIN, fn

from dangjian_desktop.domain.rules.membership import has_vote, on_rolls, on_rolls_expr, stage_at
from dangjian_desktop.domain.rules.rectification import done_by_expr
from dangjian_desktop.store.models import (
    COMMITTEE_POSTS,
    PARTNER_KINDS,
    PARTY_POSTS,
    Activity,
    ActivityCategory,
    Attendance,
    Meeting,
    Member,
    Partner,
)
from dangjian_desktop.store.models import Rectification as Rect

UNREGISTERED = "未登记出席情况"


@dataclass(frozen=True)
class Person:
    name: str
    status: str  # 出席 / 请假 / 缺席
    reason: str
    stage: str = "正式党员"  # 正式党员 or 预备党员 on the meeting's day
    votes: bool = True  # has a vote on the meeting's day (rules.membership.has_vote)


@dataclass(frozen=True)
class MeetingRecord:
    """One meeting as its register and sign-in sheet print it."""

    id: int
    kind: str
    seq: int | None
    date: dt.date
    start_time: str
    end_time: str
    place: str
    topic: str
    party_group: str
    host: str
    recorder: str
    lecturer: str
    guests: str
    first_topic: str
    agenda: str
    minutes: str
    resolution: str
    votes: tuple[int | None, int | None, int | None]
    voting_method: str
    tellers: str
    make_up: str
    notes: str
    people: list[Person]  # everyone expected or registered, in roll order
    registered: bool  # attendance was recorded

    def named(self, status: str) -> list[Person]:
        return [p for p in self.people if p.status == status]

    def voting(self) -> list[Person]:
        """Those with a vote: full members (预备党员 have none)."""
        return [p for p in self.people if p.votes]


@cache
def _post_rank() -> dict[str, int]:
    return {post: number for number, post in enumerate(PARTY_POSTS)}


@cache
def roll_order(name: str, post: str) -> tuple:
    """Committee and group leaders first (书记, 副书记, …), then everyone by the pinyin of the name (单 as shan)."""
    from dangjian_desktop.common.names import name_order

    return (_post_rank().get(post, len(PARTY_POSTS)), *name_order(name))


REGISTER_NAMES = {"党课": "党课记录", "主题党日": "主题党日活动记录", "其他": "会议记录"}


def register_name(kind: str, party_group: str = "") -> str:
    """What a meeting's register is called: 支委会会议记录, 第二党小组会议记录, 党课记录, 主题党日活动记录."""
    if kind == "党小组会" and party_group:
        return f"{party_group}会议记录"
    return REGISTER_NAMES.get(kind, f"{kind}会议记录")


def meeting_records(*, year: int | None = None, meeting_id: int | None = None, kinds: tuple[str, ...] = (),
                    party_group: str = "") -> list[MeetingRecord]:
    """The meetings of `year` in date order (or the one meeting), each with its people, in four queries;
    only those of `kinds` when given, and of the 党小组会 only `party_group`'s when given."""
    host, recorder, lecturer = Member.alias(), Member.alias(), Member.alias()
    query = (Meeting.select(Meeting, fn.COALESCE(host.name, "").alias("host_name"),
                            fn.COALESCE(recorder.name, "").alias("recorder_name"),
                            fn.COALESCE(lecturer.name, "").alias("lecturer_name"))
             .join(host, JOIN.LEFT_OUTER, on=(Meeting.host == host.id))
             .switch(Meeting).join(recorder, JOIN.LEFT_OUTER, on=(Meeting.recorder == recorder.id))
             .switch(Meeting).join(lecturer, JOIN.LEFT_OUTER, on=(Meeting.lecturer == lecturer.id))
             .order_by(Meeting.date, Meeting.start_time, Meeting.id))
    attendance = Attendance.select(Attendance.meeting, Attendance.member, Attendance.status, Attendance.reason)
    if meeting_id is not None:
        query = query.where(Meeting.id == meeting_id)
        attendance = attendance.where(Attendance.meeting == meeting_id)
    else:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        chosen = Meeting.date.between(first, last)
        if kinds:
            chosen &= Meeting.kind.in_(kinds)
        if party_group:
            chosen &= (Meeting.kind != "党小组会") | (Meeting.party_group == party_group)
        query = query.where(chosen)
        attendance = attendance.join(Meeting).where(chosen)
    meetings = list(query.objects())
    if not meetings:
        return []
    rows: dict[int, list[tuple[int, str, str]]] = {}
    for m_id, member_id, status, reason in attendance.tuples():
        rows.setdefault(m_id, []).append((member_id, status, reason))
    people = {p.id: p for p in Member.select(Member.id, Member.name, Member.party_post, Member.party_group,
                                             Member.applied_on, Member.activist_on, Member.candidate_on,
                                             Member.probation_on, Member.full_on, Member.left_on,
                                             Member.rolls_gaps)}
    return [_record(m, rows.get(m.id, []), people) for m in meetings]


def _record(m: Meeting, rows: list[tuple[int, str, str]], people: dict[int, Member]) -> MeetingRecord:
    listed = {member_id: (status, reason) for member_id, status, reason in rows}
    expected = [p for p in people.values() if _expected(p, m)]
    unregistered = "缺席" if listed else ""
    everyone = {p.id: p for p in expected} | {i: people[i] for i in listed if i in people}
    ordered = sorted(everyone.values(), key=lambda p: roll_order(p.name, p.party_post))
    persons = [Person(p.name, *listed.get(p.id, (unregistered, UNREGISTERED if listed else "")),
                      stage=stage_at(p, m.date), votes=has_vote(p, m.date)) for p in ordered]
    return MeetingRecord(
        m.id, m.kind, m.seq, m.date, m.start_time, m.end_time, m.place, m.topic, m.party_group,
        m.host_name, m.recorder_name, m.lecturer_name, m.guests, m.first_topic, m.agenda, m.minutes,
        m.resolution, (m.votes_for, m.votes_against, m.votes_abstain), m.voting_method, m.tellers, m.make_up,
        m.notes, persons, bool(listed))


def _expected(p: Member, m: Meeting) -> bool:
    """Who should attend, as services.meetings.expected_members says, from members already in memory."""
    if not on_rolls(p, m.date):
        return False
    if m.kind == "支委会":
        return p.party_post in COMMITTEE_POSTS
    if m.kind == "党小组会" and m.party_group:
        return p.party_group == m.party_group
    return True


def roster(day: dt.date) -> list[Member]:
    """Party members (probationary and full) on the books on `day`, in roll order."""
    query = Member.select().where(on_rolls_expr(day))
    return sorted(query, key=lambda p: roll_order(p.name, p.party_post))


def year_activities(year: int) -> list[Activity]:
    """The year's activities in date order, with category and partner, in one query."""
    return list(Activity.select(Activity, ActivityCategory, Partner)
                .join(ActivityCategory).switch(Activity).join(Partner, JOIN.LEFT_OUTER)
                .where(Activity.date.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
                .order_by(Activity.date, Activity.id))


def partners_with_activity_counts(until: dt.date | None = None) -> list[tuple[Partner, int]]:
    """Partner units and bases by kind and date, each with the number of activities held with it."""
    used = (Activity.select(Activity.partner, fn.COUNT(Activity.id).alias("n"))
            .where(Activity.partner.is_null(False)).group_by(Activity.partner))
    query = (Partner.select(Partner, fn.COALESCE(used.c.n, 0).alias("activity_count"))
             .join(used, JOIN.LEFT_OUTER, on=(used.c.partner_id == Partner.id))
             .order_by(Partner.kind, Partner.since.is_null(), Partner.since, Partner.id))
    if until is not None:
        query = query.where(Partner.since.is_null() | (Partner.since <= until))
    order = {kind: number for number, kind in enumerate(PARTNER_KINDS)}
    found = [(p, p.activity_count) for p in query]
    return sorted(found, key=lambda pair: order.get(pair[0].kind, len(order)))


def rectification_items(year: int | None) -> list[tuple[Rect, dt.date | None]]:
    """Items found in `year`, or every item not yet done when `year` is None, with the source meeting's date."""
    query = (Rect.select(Rect, Meeting.date.alias("meeting_date"))
             .join(Meeting, JOIN.LEFT_OUTER).order_by(Rect.found_on, Rect.id))
    if year is None:
        query = query.where(~done_by_expr(dt.date.today()))
    else:
        query = query.where(Rect.found_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return [(r, r.meeting_date) for r in query.objects()]


def has_records(year: int) -> bool:
    """Whether anything at all was recorded in `year` (meetings, activities or rectification items)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (Meeting.select().where(Meeting.date.between(first, last)).exists()
            or Activity.select().where(Activity.date.between(first, last)).exists()
            or Rect.select().where(Rect.found_on.between(first, last)).exists())
