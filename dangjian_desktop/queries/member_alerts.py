"""党员异常: members who, without good reason, have gone three months or more without paying dues or without
organisational life (党章第九条 counts six months of either as leaving the party), in one list, most pressing
first. Each names the member and the months or meetings."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from dangjian_desktop.common.dates import add_months, stored_date
from dangjian_desktop.domain.rules import dues as dues_rule
from dangjian_desktop.domain.rules import organisational_life as life
from dangjian_desktop.domain.rules.membership import on_rolls_expr
from dangjian_desktop.queries.dues import members_behind
from dangjian_desktop.store.connection import db
from dangjian_desktop.store.models import Attendance, Meeting, Member, MobileSpell

LOOK_BACK_MONTHS = 24  # a run longer than this is an alert all the same


@dataclass(frozen=True)
class MemberAlert:
    member_id: int
    name: str
    what: str  # 党费 or 组织生活
    level: str  # alert (six months: 党章第九条), warn (three), notice (dues owed, shorter)
    text: str


@dataclass(frozen=True)
class Absence:
    member_id: int
    name: str
    run: tuple[life.Sitting, ...]  # meetings missed in a row, oldest first
    level: str  # warn or alert (organisational_life.level)

    def meetings(self) -> str:
        shown = [f"{s.date:%Y.%m.%d}{s.label}" for s in self.run[:6]]
        return "、".join(shown) + (f"等{len(self.run)}次" if len(self.run) > 6 else "")


def absences(today: dt.date) -> list[Absence]:
    """Members on the rolls whose meetings missed in a row reach back three months or more, 流动党员 excused while
    away (three queries)."""
    people = {m.id: m for m in Member.select().where(on_rolls_expr(today))}
    since = add_months(today, -LOOK_BACK_MONTHS)
    sittings: dict[int, list[life.Sitting]] = defaultdict(list)
    query = (Attendance.select(Attendance.member, Meeting.date, Meeting.kind, Attendance.status)
             .join(Meeting).where((Meeting.date >= since) & (Meeting.date <= today)
                                  & Attendance.member.in_(list(people)))
             .order_by(Meeting.date, Meeting.start_time))
    as_date = stored_date
    for member_id, day, kind, status in db.execute(query).fetchall():  # SQLite's rows as they are: thousands
        sittings[member_id].append(life.Sitting(as_date(day), kind, status))
    spells: dict[int, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for member_id, start, end in (MobileSpell.select(MobileSpell.member, MobileSpell.started_on, MobileSpell.ended_on)
                                  .where(MobileSpell.member.in_(list(sittings))).tuples()):
        spells[member_id].append((start, end))
    found = []
    for member_id, rows in sittings.items():
        run = life.missed_run(life.excused_while_away(rows, spells[member_id]))
        level = life.level(run, today)
        if level:
            found.append(Absence(member_id, people[member_id].name, tuple(run), level))
    return found


def member_alerts(today: dt.date | None = None) -> list[MemberAlert]:
    """Dues behind and organisational life missed, alerts first, then by name."""
    today = today or dt.date.today()
    found = []
    for behind in members_behind(today):
        level = dues_rule.behind_level(behind.longest) or "notice"
        if level == "notice":
            text = f"{behind.name}欠交党费{behind.months}个月（{behind.spans()}）"
        else:
            text = f"{behind.name}已连续{behind.longest}个月未交纳党费（{behind.spans()}）"
        found.append(MemberAlert(behind.member_id, behind.name, "党费", level, text))
    for absence in absences(today):
        months = life.ALERT_MONTHS if absence.level == "alert" else life.WARN_MONTHS
        found.append(MemberAlert(absence.member_id, absence.name, "组织生活", absence.level,
                                 f"{absence.name}自 {absence.run[0].date} 起连续{months}个月以上未参加组织生活"
                                 f"（缺席{absence.meetings()}，无请假）"))
    order = {"alert": 0, "warn": 1, "notice": 2}
    return sorted(found, key=lambda a: (order[a.level], a.name))
