"""Members: the roll, development milestones, leaving the branch, and who is on the books at a date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangjian_desktop.common.dates import MONTH, PartialDate, date_label
from dangjian_desktop.common.names import name_order, normalise_name, numbered_order
from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.rules.membership import (
    APPLICATION_AGE_RULE,
    CANDIDACY_RULE,
    EVENT_OF_STATUS,
    EXTENSION_MONTHS,
    MILESTONES,
    earliest_application,
    earliest_candidacy,
    on_rolls_expr,
    probation_end_after,
    surely_before,
    unsure_before,
)
from dangjian_desktop.domain.rules.party_events import sequence_problem
from dangjian_desktop.domain.validation import (
    EARLIEST_DATE,
    Checker,
    Problem,
    ValidationError,
    birth_date_from_id,
    facts_from_id,
    half_width,
    id_number_problem,
    upgrade_id_number,
)
from dangjian_desktop.services.base import RecordService, SaveResult
from dangjian_desktop.services.party_event import member_events, party_events
from dangjian_desktop.store.models import (
    MEMBER_STATUSES,
    AppraisalEntry,
    Attendance,
    DuesBase,
    DuesPayment,
    Meeting,
    Member,
    PartyEvent,
    Talk,
)


class MemberService(RecordService):
    kind = kinds.MEMBER

    def check(self, c: Checker, values: dict[str, Any], data: dict[str, Any], record: Member | None) -> dict:
        values["name"] = normalise_name(values["name"])
        self._check_id_number(c, values)
        self._check_milestones(c, values)
        self._check_status(c, values)
        self._check_duplicate(c, values, record)
        return self._standing_change(c, values, record)

    fills_in_from = ("id_number",)

    def filled_in(self, changed: str, values: dict[str, Any]) -> dict[str, Any]:
        facts = facts_from_id(values.get("id_number") or "")
        if facts is None:
            return {}
        born, gender = facts
        return {name: value for name, value in (("birth_date", born), ("gender", gender)) if not values.get(name)}

    def references(self, record: Member) -> list[str]:
        counts = [
            (Attendance.select().where(Attendance.member == record).count(), "场会议的出席记录"),
            (Meeting.select().where((Meeting.host == record) | (Meeting.recorder == record)
                                    | (Meeting.lecturer == record)).count(), "场会议（主持人、记录人或授课人）"),
            (DuesPayment.select().where(DuesPayment.member == record).count(), "个月的党费交纳记录"),
            (DuesBase.select().where(DuesBase.member == record).count(), "条党费基数"),
            (Talk.select().where((Talk.talker == record) | (Talk.partner == record)).count(), "次谈心谈话"),
            (AppraisalEntry.select().where(AppraisalEntry.member == record).count(), "个年度的民主评议结果"),
        ]
        return [f"{n} {what}" for n, what in counts if n]

    # -- rules -----------------------------------------------------------------------------------

    @staticmethod
    def _check_id_number(c: Checker, values: dict[str, Any]) -> None:
        number = half_width(values["id_number"]).replace(" ", "").upper()
        values["id_number"] = number
        if not number or c.has_error("id_number"):
            return
        given = values["birth_date"]
        problem = id_number_problem(number, given)
        if problem:
            c.add("id_number", problem)
            return
        born = birth_date_from_id(number)
        if not EARLIEST_DATE <= born <= dt.date.today():
            c.add("id_number", f"身份证号中的出生日期（{born.isoformat()}）不合理，请核对号码。")
            return
        if given is None or isinstance(given, PartialDate):
            values["birth_date"] = born
        if isinstance(given, PartialDate):
            c.add("birth_date", f"出生日期只写到{'月' if given.precision == MONTH else '年'}（{date_label(given)}），"
                                f"已按身份证号取为 {born.isoformat()}。", "warning")
        if len(number) == 15:
            c.add("id_number", f"这是15位的旧身份证号（没有校验位），按规则可升级为18位：{upgrade_id_number(number)}。",
                  "warning")

    @staticmethod
    def _check_milestones(c: Checker, values: dict[str, Any]) -> None:
        dated = [(name, label, values[name]) for name, label in MILESTONES if values[name]]
        for (e_name, e_label, earlier), (l_name, l_label, later) in zip(dated, dated[1:], strict=False):
            c.order(e_name, e_label, earlier, l_name, l_label, later)
        born, applied = values["birth_date"], values["applied_on"]
        if born and applied and not c.has_error("applied_on"):
            _at_least(c, "applied_on", applied, earliest_application(born),
                      f"{APPLICATION_AGE_RULE}：按出生日期，申请日期不能早于{{bound}}。")
        if born:
            first = next((name for name, _label, _date in dated), None)
            if first and not surely_before(born, values[first]) and not c.has_error(first):
                c.add(first, "发展日期不能早于出生日期。")
        activist, candidate = values["activist_on"], values["candidate_on"]
        if activist and candidate and not c.has_error("candidate_on"):
            _at_least(c, "candidate_on", candidate, earliest_candidacy(activist), f"{CANDIDACY_RULE}：最早为{{bound}}。")
        extension = values["probation_extension_months"] or 0
        values["probation_extension_months"] = extension
        if extension and not EXTENSION_MONTHS[0] <= extension <= EXTENSION_MONTHS[1]:
            c.add("probation_extension_months", "延长预备期只能为6至12个月。")
        probation, full = values["probation_on"], values["full_on"]
        if full and not probation:
            c.add("probation_on", "填写了转正日期，请同时填写接收预备党员日期（入党时间）。")
        if probation and full and not c.has_error("full_on") and not c.has_error("probation_extension_months"):
            _at_least(c, "full_on", full, probation_end_after(probation, extension),
                      f"预备期为一年{'（延长' + str(extension) + '个月）' if extension else ''}，"
                      "转正日期不能早于预备期满之日 {bound}。",
                      warn_unsure=False)  # 转正 in the month the year is up: how rosters write every member

    @staticmethod
    def _check_status(c: Checker, values: dict[str, Any]) -> None:
        status, left_on = values["status"], values["left_on"]
        if status and status != "正常" and not left_on and not c.has_error("left_on"):
            c.add("left_on", f"党籍状态为“{status}”时，请填写离开日期。")
        if status == "正常" and left_on:
            c.add("left_on", "党籍状态为“正常”时不应填写离开日期；如已转出，请同时修改党籍状态。")
        first = next((values[name] for name, _label in MILESTONES if values[name]), None)
        if left_on and first and surely_before(left_on, first) and not c.has_error("left_on"):
            c.add("left_on", "离开日期不能早于入党申请等发展日期。")

    @staticmethod
    def _standing_change(c: Checker, values: dict[str, Any], record: Member | None) -> dict:
        """A 党籍状态 and 离开日期 typed on the form or read from a roster stand for the member's last leaving:
        the PartyEvent that is added (or corrected) for them, checked against his other events."""
        status, left_on = values["status"], values["left_on"]
        current = (record.status, record.left_on) if record else ("正常", None)
        if (status, left_on) == current or c.has_error("status") or c.has_error("left_on"):
            return {}
        if status == "正常":
            c.add("status", "回到本支部请在“关系转接”中登记转入或恢复党籍；如是误登记离开，请在那里删除那条记录。")
            return {}
        events = member_events(record.id) if record else []
        latest = None
        if current[0] != "正常" and events:
            latest = PartyEvent.select().where(PartyEvent.member == record.id).order_by(PartyEvent.date.desc(),
                                                                                       PartyEvent.id.desc()).first()
            events = events[:-1]
        kind = EVENT_OF_STATUS[status]
        if latest is not None and latest.kind != kind and (latest.organisation or latest.letter_no or latest.decision):
            c.add("status", f"离开本支部已在“关系转接”中登记为{latest.kind}（含介绍信或决定），请在那里修改。")
            return {}
        problem = sequence_problem(sorted([*events, (left_on, kind)]))
        if problem:
            c.add("left_on", problem)
            return {}
        return {"leaving": {"kind": kind, "date": left_on}, "event": latest.id if latest else None}

    def save_related(self, record: Member, related: dict) -> None:
        if "leaving" in related:
            if related["event"] is None:
                party_events.create({"member": record.id, **related["leaving"]})
            else:
                party_events.update(related["event"], related["leaving"])

    @staticmethod
    def _check_duplicate(c: Checker, values: dict[str, Any], record: Member | None) -> None:
        others = Member.select(Member.id, Member.name)
        if record is not None:
            others = others.where(Member.id != record.id)
        if values["id_number"] and not c.has_error("id_number"):
            twin = others.where(Member.id_number == values["id_number"]).first()
            if twin:
                c.add("id_number", f"身份证号与已有党员“{twin.name}”相同，请勿重复录入。")
        if values["name"] and values["birth_date"] and not c.has_error("name"):  # a refused name is not looked up
            twin = others.where((Member.name == values["name"])
                                & (Member.birth_date == values["birth_date"])).first()
            if twin:
                c.add("name", f"已有同名且出生日期相同的党员“{twin.name}”，请勿重复录入。")

    # -- actions ---------------------------------------------------------------------------------

    def mark_left(self, member_id: int, status: str, left_on: dt.date) -> SaveResult:
        """Record that a member left (转出, 去世, …) instead of deleting: the history stays."""
        if status not in MEMBER_STATUSES or status == "正常":
            raise ValidationError([Problem("status", "请选择离开的方式（转出、去世等）。")])
        return self.update(member_id, {"status": status, "left_on": left_on})


def _at_least(c: Checker, field: str, day: dt.date, bound: dt.date, rule: str, *, warn_unsure: bool = True) -> None:
    """`day` must not lie before `bound`: refused when it surely does; when month-only dates leave it open,
    said as a warning (the rule cannot be checked without the day), never guessed, unless `warn_unsure` is
    off for a case that is the usual one (then it passes unsaid)."""
    text = rule.format(bound=date_label(bound))
    if surely_before(day, bound):
        c.add(field, text)
    elif warn_unsure and unsure_before(day, bound):
        c.add(field, f"无法确定是否符合规定（日期只写到了月）：{text}请核对后补全日期。", "warning")


members = MemberService()


def on_rolls_at(day: dt.date) -> list[Member]:
    """Party members (probationary and full) on the books on `day`, in name order (单 among the s)."""
    query = Member.select().where(on_rolls_expr(day))
    return sorted(query, key=lambda m: name_order(m.name))


def party_groups() -> list[str]:
    """The 党小组 in use, in their numbered order (第二党小组 before 第三, 第十 after 第九)."""
    query = Member.select(Member.party_group).where(Member.party_group != "").distinct().tuples()
    return sorted((group for (group,) in query), key=numbered_order)


def member_names(ids: list[int]) -> dict[int, str]:
    return {row.id: row.name for row in Member.select(Member.id, Member.name).where(Member.id.in_(ids))}
