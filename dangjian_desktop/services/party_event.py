"""党籍变动 and 组织关系转接: each event checked against the member's others (rules.party_events), and the
member's standing (`status`, `left_on`, `rolls_gaps`) derived anew from them in the same transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangjian_desktop.common.dates import date_label
from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.rules.membership import MILESTONES, standing, surely_before
from dangjian_desktop.domain.rules.party_events import (
    FIELDS_OF_KIND,
    REQUIRED_OF_KIND,
    letter_valid_until,
    sequence_problem,
)
from dangjian_desktop.domain.validation import Checker, Problem, ValidationError
from dangjian_desktop.services.base import RecordService, SaveResult, storage_faults
from dangjian_desktop.services.settings import load_settings
from dangjian_desktop.store.connection import db
from dangjian_desktop.store.models import ENTERING_EVENTS, Attendance, Meeting, Member, PartyEvent

_OPTIONAL = tuple(sorted({name for names in FIELDS_OF_KIND.values() for name in names}))


def member_events(member_id: int, without: int | None = None) -> list[tuple[dt.date, str]]:
    """A member's events as (date, kind) in date order, leaving out the one being edited."""
    query = PartyEvent.select(PartyEvent.date, PartyEvent.kind).where(PartyEvent.member == member_id)
    if without is not None:
        query = query.where(PartyEvent.id != without)
    return sorted(query.tuples())


def refresh_standing(member_id: int) -> None:
    """Write the member's status, left_on and rolls_gaps as his events leave them (no history: the events
    are the change)."""
    s = standing(member_events(member_id))
    Member.update(status=s.status, left_on=s.left_on, rolls_gaps=s.gaps).where(Member.id == member_id).execute()


class PartyEventService(RecordService):
    kind = kinds.PARTY_EVENT

    def check(self, c: Checker, values: dict[str, Any], data: dict[str, Any], record: PartyEvent | None) -> dict:
        if c.errors:
            return {}
        kind = values["kind"]
        labels = {f.name: f.label for f in self.fields}
        for name in _OPTIONAL:
            if values[name] not in (None, "") and name not in FIELDS_OF_KIND[kind]:
                c.add(name, f"“{labels[name]}”不适用于{kind}，请清空。")
        for name in REQUIRED_OF_KIND.get(kind, ()):
            if values[name] in (None, ""):
                c.add(name, f"{kind}时请填写{labels[name]}。", "error" if kind == "出党" else "warning")
        if kind == "转出" and values["valid_until"] is None:
            values["valid_until"] = letter_valid_until(values["date"], load_settings().transfer_letter_months)
        for name in ("valid_until", "receipt_on", "file_arrived_on"):
            if values[name] is not None and values[name] < values["date"]:
                c.add(name, f"{labels[name]}不能早于{kind}日期 {date_label(values['date'])}。")
        person = Member.get_by_id(values["member"])
        first = next((getattr(person, name) for name, _label in MILESTONES if getattr(person, name)), None)
        if first is None:
            c.add("member", f"{person.name}尚无入党申请等发展日期，请先在“党员”中补全。")
        elif surely_before(values["date"], first):
            c.add("date", f"{kind}日期不能早于{person.name}的入党申请等发展日期。")
        events = sorted([*member_events(person.id, record.id if record else None), (values["date"], kind)])
        problem = sequence_problem(events)
        if problem:
            c.add("kind", f"{person.name}：{problem}")
        elif events[0] == (values["date"], kind) and kind in ENTERING_EVENTS:
            self._not_here_before(c, person, values["date"], kind)
        return {"members": {values["member"], *([record.member_id] if record else [])}}

    @staticmethod
    def _not_here_before(c: Checker, person: Member, day: dt.date, kind: str) -> None:
        """A first coming in says he was not with the branch before: no meeting of it attended before then."""
        earlier = (Meeting.select(Meeting.date).join(Attendance).where((Attendance.member == person.id)
                                                                      & (Meeting.date < day))
                   .order_by(Meeting.date).first())
        if earlier is not None:
            c.add("kind", f"{person.name}在 {date_label(earlier.date)} 已参加本支部的会议，{date_label(day)}不能是"
                          f"{kind}到本支部；如曾转出，请先登记转出。")

    def create(self, data: dict[str, Any]) -> SaveResult:
        """A new event, or the details of one that a 党籍状态 on the member form or a roster left bare (same
        member, day and kind, nothing else filled in): that one is completed instead of doubled."""
        bare = self._bare_twin(data)
        return super().create(data) if bare is None else self.update(bare, data)

    def _bare_twin(self, data: dict[str, Any]) -> int | None:
        c = Checker()
        member, kind, day = (self._clean_field(c, self.kind.field(name), data.get(name))
                             for name in ("member", "kind", "date"))
        if c.errors:
            return None
        query = PartyEvent.select().where((PartyEvent.member == member) & (PartyEvent.kind == kind)
                                          & (PartyEvent.date == day))
        given = [n for n in _OPTIONAL if n != "valid_until"]  # the validity is filled in by default
        return next((e.id for e in query if not e.note and not any(getattr(e, n) for n in given)), None)

    def save_related(self, record: PartyEvent, related: dict) -> None:
        for member_id in related["members"]:
            refresh_standing(member_id)

    def restored(self, record: PartyEvent) -> None:
        refresh_standing(record.member_id)

    def delete(self, record_id: int) -> int | None:
        """Delete the event unless the member's others no longer follow each other without it."""
        with storage_faults(), db.atomic():
            record = self.get(record_id)
            problem = sequence_problem(member_events(record.member_id, record.id))
            if problem:
                raise ValidationError([Problem("kind", f"删除后{record.member.name}的党籍变动前后不符：{problem}"
                                                       "请先删除或修改其后的记录。")])
            deleted = super().delete(record_id)
            refresh_standing(record.member_id)
            return deleted


party_events = PartyEventService()
