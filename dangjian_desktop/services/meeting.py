"""Meetings (三会一课 and other organisational life): attendance, 应到/实到, quorum and numbering."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import fn

from dangjian_desktop.common.names import name_order
from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.rules.membership import has_vote
from dangjian_desktop.domain.validation import Checker
from dangjian_desktop.services.base import RecordService
from dangjian_desktop.services.member import on_rolls_at
from dangjian_desktop.store.models import ATTENDANCE_STATUSES, COMMITTEE_POSTS, Attendance, Meeting, Member

QUORUM_KINDS = ("支部党员大会", "支委会")


@dataclass(frozen=True)
class AttendanceRow:
    member_id: int
    status: str = "出席"
    reason: str = ""


@dataclass(frozen=True)
class Headcount:
    """应到, 实到, 请假, 缺席 and whether the meeting could decide (quorum), with the rule's wording."""

    expected: int
    present: int
    on_leave: int
    absent: int
    quorum_ok: bool
    quorum_note: str


def expected_members(kind: str, day: dt.date, party_group: str = "") -> list[Member]:
    """Who should attend: the committee for a 支委会, the group for a 党小组会, else everyone on the rolls."""
    members = on_rolls_at(day)
    if kind == "支委会":
        return [m for m in members if m.party_post in COMMITTEE_POSTS]
    if kind == "党小组会" and party_group:
        return [m for m in members if m.party_group == party_group]
    return members


def headcount(kind: str, day: dt.date, rows: list[AttendanceRow], members: dict[int, Member]) -> Headcount:
    """Count a meeting's attendance and check its quorum by 《支部工作条例》.

    支部党员大会: more than half of the members with voting rights (正式党员) present.
    支委会: more than half of the committee (members with a committee post) present.
    """
    present = [r for r in rows if r.status == "出席"]
    on_leave = sum(1 for r in rows if r.status == "请假")
    absent = sum(1 for r in rows if r.status == "缺席")
    ok, note = True, ""
    if kind == "支部党员大会":
        voters = [r for r in rows if has_vote(members.get(r.member_id), day)]
        voters_present = sum(1 for r in voters if r.status == "出席")
        ok = voters_present * 2 > len(voters)
        note = f"有表决权的正式党员 {len(voters)} 人，到会 {voters_present} 人"
        if not ok:
            note += "，未超过半数，不能进行表决"
    elif kind == "支委会":
        committee = [r for r in rows if _on_committee(members.get(r.member_id))]
        committee_present = sum(1 for r in committee if r.status == "出席")
        ok = committee_present * 2 > len(committee)
        note = f"支委 {len(committee)} 人，到会 {committee_present} 人"
        if not ok:
            note += "，未超过半数"
    return Headcount(len(rows), len(present), on_leave, absent, ok, note)


def _on_committee(member: Member | None) -> bool:
    return member is not None and member.party_post in COMMITTEE_POSTS


def numbered_together(kind: str, year: int, party_group: str = "", exclude_id: int | None = None):
    """The meetings one 第×次 count runs through: of `kind` in `year`, and for a 党小组会 of its 党小组."""
    same = (Meeting.kind == kind) & (Meeting.date.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    if kind == "党小组会":
        same &= Meeting.party_group == party_group
    if exclude_id is not None:
        same &= Meeting.id != exclude_id
    return same


def next_seq(kind: str, year: int, exclude_id: int | None = None, party_group: str = "") -> int:
    """The next 第×次 of `kind` in `year`: counted per kind, and for a 党小组会 per 党小组."""
    query = Meeting.select(fn.MAX(Meeting.seq)).where(numbered_together(kind, year, party_group, exclude_id))
    return (query.scalar() or 0) + 1


def attendance_of(meeting: Meeting) -> list[AttendanceRow]:
    query = Attendance.select(Attendance, Member).join(Member).where(Attendance.meeting == meeting)
    ordered = sorted(query, key=lambda a: name_order(a.member.name))
    return [AttendanceRow(a.member_id, a.status, a.reason) for a in ordered]


REGISTER_FIELDS = ("host", "recorder", "place")  # what a printed 会议记录 is read for first: asked before saving blank


def missing_for_register(values: dict[str, Any]) -> list[str]:
    """The labels of the register's facts a meeting's form leaves empty (主持人, 记录人, 地点)."""
    return [kinds.MEETING.field_label(name) for name in REGISTER_FIELDS if not values.get(name)]


class MeetingService(RecordService):
    kind = kinds.MEETING

    def form_values(self, record: Meeting) -> dict[str, Any]:
        values = super().form_values(record)
        values["attendance"] = attendance_of(record)
        return values

    def check(self, c: Checker, values: dict[str, Any], data: dict[str, Any], record: Meeting | None) -> dict:
        c.order("start_time", "开始时间", _as_time(values["start_time"]),
                "end_time", "结束时间", _as_time(values["end_time"]))
        if values["kind"] == "党课" and not values["lecturer"] and not c.has_error("lecturer"):
            c.add("lecturer", "党课请填写授课人。")
        if values["kind"] == "党小组会" and not values["party_group"]:
            c.add("party_group", "党小组会请填写党小组。")
        if values["date"] and values["kind"] and values["seq"] is None:
            values["seq"] = next_seq(values["kind"], values["date"].year, record.id if record else None,
                                     values["party_group"])
        if "attendance" in data:
            rows = self._clean_attendance(c, data["attendance"])
        elif record is not None:
            rows = attendance_of(record)
        else:
            rows = []
        self._check_votes_and_quorum(c, values, rows)
        return {"attendance": rows}

    def restored(self, record: Meeting) -> None:
        """A meeting brought back keeps its 第×次 unless a meeting saved since took that number."""
        same = numbered_together(record.kind, record.date.year, record.party_group, record.id)
        if record.seq is not None and Meeting.select().where(same & (Meeting.seq == record.seq)).exists():
            record.seq = next_seq(record.kind, record.date.year, record.id, record.party_group)
            record.save()

    def save_related(self, record: Meeting, related: dict) -> None:
        rows: list[AttendanceRow] = related["attendance"]
        Attendance.delete().where(Attendance.meeting == record).execute()
        if rows:
            Attendance.insert_many(
                [{"meeting": record.id, "member": r.member_id, "status": r.status, "reason": r.reason}
                 for r in rows]).execute()

    def snapshot(self, record: Meeting) -> dict[str, str]:
        result = super().snapshot(record)
        query = (Attendance.select(Attendance.status, Attendance.reason, Member.name).join(Member)
                 .where(Attendance.meeting == record.id).order_by(Member.name).tuples())
        result["attendance"] = "；".join(f"{name}{status}{'（' + reason + '）' if reason else ''}"
                                        for status, reason, name in query)
        return result

    # -- rules -----------------------------------------------------------------------------------

    @staticmethod
    def _clean_attendance(c: Checker, raw_rows: Any) -> list[AttendanceRow]:
        rows: list[AttendanceRow] = []
        seen: dict[int, int] = {}
        names = {m.id: m.name for m in Member.select(Member.id, Member.name)}
        for number, raw in enumerate(raw_rows or [], start=1):
            row = raw if isinstance(raw, AttendanceRow) else AttendanceRow(*raw)
            place = f"出席情况第{number}行"
            name = names.get(row.member_id)
            who, status_part, reason_part = Checker(), Checker(), Checker()
            if name is None:
                who.add("member", "所选党员不存在，可能已被删除。")
            elif row.member_id in seen:
                who.add("member", f"{name}已在第{seen[row.member_id]}行登记，同一会议不能重复登记。")
            c.adopt(who, "attendance", row=number, part="member", place=place)
            if who.problems:
                continue
            seen[row.member_id] = number
            status = status_part.choice("status", f"{name}的出席情况", row.status, ATTENDANCE_STATUSES)
            reason = reason_part.text("reason", f"{name}的原因", row.reason, max_length=200)
            if status in ("请假", "缺席") and not reason:
                reason_part.add("reason", f"请填写{name}{status}的原因。")
            c.adopt(status_part, "attendance", row=number, part="status", place=place)
            c.adopt(reason_part, "attendance", row=number, part="reason", place=place)
            rows.append(AttendanceRow(row.member_id, status, reason if status != "出席" else ""))
        return rows

    @staticmethod
    def _check_votes_and_quorum(c: Checker, values: dict[str, Any], rows: list[AttendanceRow]) -> None:
        if rows and values["date"] and values["kind"] in QUORUM_KINDS:
            # Whoever should attend but is not on the list was not there.
            listed = {r.member_id for r in rows}
            everyone = rows + [AttendanceRow(m.id, "缺席") for m in expected_members(values["kind"], values["date"])
                               if m.id not in listed]
            members = {m.id: m for m in Member.select().where(Member.id.in_([r.member_id for r in everyone]))}
            count = headcount(values["kind"], values["date"], everyone, members)
            if not count.quorum_ok:
                c.add("attendance", f"到会人数不足：{count.quorum_note}。", severity="warning")
        votes = [values[k] for k in ("votes_for", "votes_against", "votes_abstain")]
        if any(v is not None for v in votes) and rows:
            present = sum(1 for r in rows if r.status == "出席")
            total = sum(v or 0 for v in votes)
            if total > present:
                c.add("votes_for", f"表决票数合计 {total} 超过实到人数 {present}。")


def _as_time(value: str) -> dt.time | None:
    try:
        return dt.time.fromisoformat(value) if value else None
    except ValueError:
        return None


meetings = MeetingService()
