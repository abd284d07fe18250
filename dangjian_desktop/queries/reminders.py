"""What needs attention: overdue or coming 整改事项, probation ending, 积极分子 reviews, the committee's term,
meetings the rules asked for that were not held, 党员异常 (dues, organisational life), the year's talks and
appraisal, transfer letters without their 回执, 流动党员 out of touch, attachments whose files are gone. Each item names the record the window opens."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dangjian_desktop.common.dates import PartialDate, add_months, add_years
from dangjian_desktop.common.money import yuan
from dangjian_desktop.domain.rules import talks as talk_rule
from dangjian_desktop.domain.rules.development import REVIEW_MONTHS
from dangjian_desktop.domain.rules.elections import TERM_URGENT_MONTHS, TERM_WARNING_MONTHS
from dangjian_desktop.domain.rules.membership import on_rolls_expr, present_expr, probation_end
from dangjian_desktop.domain.rules.party_events import receipt_overdue
from dangjian_desktop.queries.appraisal import appraisal_year
from dangjian_desktop.queries.compliance import ComplianceGrid
from dangjian_desktop.queries.dues import dues_start, dues_year, remittance_periods
from dangjian_desktop.queries.member_alerts import member_alerts
from dangjian_desktop.queries.talks import talk_coverage
from dangjian_desktop.services.development import paths_in_development
from dangjian_desktop.services.settings import BranchSettings
from dangjian_desktop.store.connection import on_server
from dangjian_desktop.store.models import (
    DevelopmentStep,
    Member,
    MobileSpell,
    PartyEvent,
    Rectification,
    Talk,
)

SEVERITIES = ("urgent", "warning", "notice")
SEVERITY_LABELS = {"urgent": "逾期", "warning": "临近", "notice": "提示"}
RECTIFICATION_DAYS = 14
STEP_DAYS = 14  # a development step with a deadline (the talk, the approvals) is mentioned this early
PROBATION_DAYS = 60
REVIEW_DAYS = 30
RECEIPT_DAYS = 14  # a letter's validity ending without its 回执 is mentioned this early
FILE_DAYS = 30  # a transferred member's 档案 is expected within this
REPORT_MONTHS = 3  # a 流动党员 reports at least once a quarter
# A current period with nothing held yet is mentioned this many days before it ends.
PERIOD_NOTICE_DAYS = {"month": 10, "quarter": 20, "semester": 30, "year": 60}


@dataclass(frozen=True)
class Reminder:
    severity: str  # urgent, warning, notice
    category: str  # 会议, 整改, 发展党员, 预备党员, 积极分子, 支委任期
    text: str
    due: dt.date | None
    table: str  # what double-clicking opens: member, meeting, rectification, development, settings
    record_id: int | None = None

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def rectification_reminders(today: dt.date) -> list[Reminder]:
    """Items not done whose deadline has passed or comes within 14 days; one query."""
    query = (Rectification.select(Rectification.id, Rectification.problem, Rectification.deadline,
                                  Rectification.owner)
             .where((Rectification.status != "已完成") & Rectification.deadline.is_null(False)
                    & (Rectification.deadline <= today + _days(RECTIFICATION_DAYS))).tuples())
    items = []
    for record_id, problem, deadline, owner in query:
        short = problem if len(problem) <= 30 else problem[:30] + "…"
        who = f"（责任人：{owner}）" if owner else ""
        if deadline < today:
            items.append(Reminder("urgent", "整改", f"整改事项已逾期 {(today - deadline).days} 天：{short}{who}",
                                  deadline, "rectification", record_id))
        else:
            left = "今天到期" if deadline == today else f"{(deadline - today).days} 天后到期"
            items.append(Reminder("warning", "整改", f"整改事项{left}：{short}{who}", deadline, "rectification",
                                  record_id))
    return items


def development_reminders(today: dt.date) -> list[Reminder]:
    """Probation ending within 60 days or past with no 转正; 积极分子 due for review or reaching one year.
    Two queries: the people, and their recorded reviews."""
    people = list(Member.select().where(present_expr(today) & Member.full_on.is_null()
                                        & (Member.probation_on.is_null(False) | Member.activist_on.is_null(False))))
    activists = [m for m in people if m.probation_on is None and m.candidate_on is None]
    reviews = dict(DevelopmentStep.select(DevelopmentStep.member, DevelopmentStep.done_on)
                   .where((DevelopmentStep.step == 6) & DevelopmentStep.member.in_([m.id for m in activists]))
                   .tuples()) if activists else {}
    items = []
    for m in people:
        if m.probation_on is not None:
            items += _probation(m, today)
    for m in activists:
        items += _activist(m, reviews.get(m.id), today)
    return items


def _probation(m: Member, today: dt.date) -> list[Reminder]:
    end = probation_end(m)
    extended = f"（已延长{m.probation_extension_months}个月）" if m.probation_extension_months else ""
    if end < today:
        return [Reminder("urgent", "预备党员", f"{m.name}的预备期{extended}已于 {end} 期满，尚未记录转正（支部大会讨论）",
                         end, "development", m.id)]
    if end <= today + _days(PROBATION_DAYS):
        return [Reminder("warning", "预备党员", f"{m.name}的预备期{extended}将于 {end} 期满，请准备转正申请和支部大会讨论",
                         end, "development", m.id)]
    return []


def _activist(m: Member, last_review: dt.date | None, today: dt.date) -> list[Reminder]:
    items = []
    base = max(m.activist_on, last_review) if last_review else m.activist_on
    due = add_months(base, REVIEW_MONTHS)
    what = "上次考察" if last_review and last_review >= m.activist_on else "确定为积极分子"
    if due < today:
        items.append(Reminder("urgent", "积极分子", f"{m.name}的半年考察已逾期（{what}于 {base}）", due,
                              "development", m.id))
    elif due <= today + _days(REVIEW_DAYS):
        items.append(Reminder("warning", "积极分子", f"{m.name}应于 {due} 前进行半年考察", due, "development", m.id))
    year = add_years(m.activist_on, 1)
    if year <= today:
        items.append(Reminder("notice", "积极分子", f"{m.name}已培养满一年（{year}），可考虑列为发展对象", year,
                              "development", m.id))
    elif year <= today + _days(REVIEW_DAYS):
        items.append(Reminder("notice", "积极分子", f"{m.name}将于 {year} 培养满一年，届时可列为发展对象", year,
                              "development", m.id))
    return items


def step_deadline_reminders(today: dt.date) -> list[Reminder]:
    """Development steps not yet recorded whose latest date by the rules has passed or comes within 14 days:
    the talk a month after the application and the higher committee's approvals three months after a vote.
    The half-year review of 积极分子 has its own reminder above."""
    items = []
    for path in paths_in_development():
        for state in path.steps:
            if state.status not in ("next", "pending") or state.latest is None or state.step.number == 6:
                continue
            step, rule = f"{path.name}的第{state.step.number}步“{state.step.name}”", state.step.rule or state.step.name
            if state.overdue(today):
                severity, text = "urgent", f"{step}已超过规定期限（最迟 {state.latest}，{rule}）"
            elif state.latest <= today + _days(STEP_DAYS):
                severity, text = "warning", f"{step}应于 {state.latest} 前完成（{rule}）"
            else:
                continue
            items.append(Reminder(severity, "发展党员", text, state.latest, "development", path.member_id))
    return items


def term_reminders(settings: BranchSettings, today: dt.date) -> list[Reminder]:
    """The branch committee's term (3 or 5 years from its start) ending within 6 months, within 3 months (the
    支部工作条例 asks the branch to report its 换届 plan then), or past."""
    if settings.committee_term_start is None:
        return [Reminder("notice", "支委任期", "尚未设置本届支委任期开始日期，无法提醒换届", None, "settings")]
    return committee_term_reminders(settings.committee_term_start, settings.committee_term_years, "支委会", "支委任期",
                                    today)


def committee_term_reminders(start: dt.date, years: int, body: str, area: str, today: dt.date) -> list[Reminder]:
    """A committee's term from `start` ending within 6 months, within 3 months, or past (any organisation's:
    a branch's 支委会, a 党总支's or a 党委's committee)."""
    end = add_years(start, years)
    if end <= today:
        return [Reminder("urgent", area, f"本届{body}任期（{years}年）已于 {end} 届满，请及时换届", end, "election")]
    if end <= add_months(today, TERM_URGENT_MONTHS):
        return [Reminder("urgent", area, f"本届{body}任期将于 {end} 届满（不足{TERM_URGENT_MONTHS}个月），请向上级"
                         "党组织报告换届工作并抓紧选举", end, "election")]
    if end <= add_months(today, TERM_WARNING_MONTHS):
        return [Reminder("warning", area, f"本届{body}任期将于 {end} 届满（不足{TERM_WARNING_MONTHS}个月），请准备换届",
                         end, "election")]
    return []


def meeting_reminders(grid: ComplianceGrid) -> list[Reminder]:
    """One line per requirement with the periods that ended without its meeting, and one per current period
    ending soon with nothing held yet."""
    items = []
    for row in grid.rows:
        req = row.requirement
        missing = [p for p in row.periods if p.state == "missing"]
        if missing and req.period == "year":
            items.append(Reminder("urgent", "会议", f"{grid.year}年度未召开{req.label}（或未录入），要求{req.rule}",
                                  missing[0].end, "meeting"))
        elif missing:
            when = "、".join(p.label.removeprefix(f"{grid.year}年") for p in missing)
            items.append(Reminder("urgent", "会议", f"{req.label}：{grid.year}年{when}未召开（或未录入），要求{req.rule}",
                                  missing[0].end, "meeting"))
        for cell in row.periods:
            soon = cell.end - _days(PERIOD_NOTICE_DAYS[req.period])
            if cell.current and cell.state == "not_due" and grid.today >= soon:
                items.append(Reminder("notice", "会议", f"{cell.label}尚未召开{req.label}，{cell.end} 前须召开（{req.rule}）",
                                      cell.end, "meeting"))
    return items


ALERT_SEVERITY = {"alert": "urgent", "warn": "warning", "notice": "notice"}
PARTY_RULE_9 = "：连续6个月不交纳党费或不参加组织生活，按党章第九条可视为自行脱党，请及时谈话了解原因"


def member_alert_reminders(today: dt.date) -> list[Reminder]:
    """党员异常: dues unpaid and organisational life missed, one list (queries/member_alerts.py)."""
    return [Reminder(ALERT_SEVERITY[a.level], "党员异常", a.text + (PARTY_RULE_9 if a.level == "alert" else ""),
                     None, "dues" if a.what == "党费" else "member", a.member_id) for a in member_alerts(today)]


def dues_reminders(settings: BranchSettings, today: dt.date) -> list[Reminder]:
    """Bases not set for this year, and periods ended whose collected dues were not handed up (members behind
    are 党员异常)."""
    items = []
    if dues_start() is None:
        return items
    missing = dues_year(today.year, today).without_base
    if missing:
        shown = "、".join(missing[:8]) + (f"等{len(missing)}人" if len(missing) > 8 else "")
        items.append(Reminder("notice", "党费", f"{today.year}年尚未核定党费基数：{shown}", None, "dues"))
    for year in (today.year - 1, today.year):
        for period in remittance_periods(year, settings.dues_remittance_period):
            ended = dt.date(year, period.last_month, 1) < dt.date(today.year, today.month, 1)
            if ended and period.collected and not period.covered:
                items.append(Reminder("warning", "党费", f"{period.label}收缴的党费（{yuan(period.collected)} 元）尚未"
                                      "上缴上级党组织", None, "dues"))
    return items


def talk_reminders(today: dt.date) -> list[Reminder]:
    """Pairs of the year still without their 谈心谈话, a line per committee member, from October on (in January:
    of the year just ended)."""
    if today.month not in (1, 10, 11, 12):
        return []
    year = today.year if today.month >= 10 else today.year - 1
    severity = talk_rule.urgency(today, year)
    if severity is None:
        return []
    coverage = talk_coverage(year, today)
    by_committee: dict[str, list[str]] = {}
    for member, other in coverage.missing:
        by_committee.setdefault(other.name, []).append(member.name)
    items = [Reminder(severity, "谈心谈话", f"{year}年度{name}尚未与{'、'.join(people)}谈心谈话（每年不少于1次）",
                      dt.date(year, 12, 31), "talk") for name, people in by_committee.items()]
    if coverage.without_member_talk:
        names = "、".join(coverage.names(coverage.without_member_talk))
        items.append(Reminder(severity, "谈心谈话", f"{year}年度尚未与其他党员谈心谈话：{names}", dt.date(year, 12, 31),
                              "talk"))
    return items


def birthday_reminders(settings: BranchSettings, today: dt.date) -> list[Reminder]:
    """政治生日 (a setting): members whose 入党纪念日 falls in the coming week and who had no talk lately (two
    queries). A 入党日期 known only to the month has no day to remember."""
    if not settings.political_birthdays:
        return []
    last = today + _days(talk_rule.ANNIVERSARY_DAYS)
    talked = {m for pair in Talk.select(Talk.talker, Talk.partner)
              .where(Talk.date >= today - _days(talk_rule.ANNIVERSARY_DAYS)).tuples() for m in pair}
    items = []
    for m in Member.select().where(on_rolls_expr(today)):
        day = None if isinstance(m.probation_on, PartialDate) else talk_rule.anniversary_in(m.probation_on, today, last)
        if day is not None and m.id not in talked:
            items.append(Reminder("notice", "谈心谈话", f"{day} 是{m.name}的{day.year - m.probation_on.year}周年入党"
                                  "纪念日（政治生日），可安排谈心谈话", day, "talk"))
    return items


def appraisal_reminders(today: dt.date) -> list[Reminder]:
    """Members graded 不合格 two years running (组织处置), and those of a round not graded yet. (A year without
    its 民主评议党员 meeting is the meeting grid's reminder.)"""
    items = []
    year = today.year - 1 if today.month <= 3 else today.year
    found = appraisal_year(year, by_name=False)
    for name in found.unqualified_twice:
        items.append(Reminder("urgent", "民主评议", f"{name}在{year - 1}、{year}年度连续两年被评定为不合格，"
                              "应提出组织处置意见", None, "appraisal_entry"))
    if found.ungraded:
        names = "、".join(r.name for r in found.ungraded[:8]) + (f"等{len(found.ungraded)}人" if len(found.ungraded) > 8 else "")
        items.append(Reminder("notice", "民主评议", f"{year}年度民主评议尚未评定等次：{names}", None, "appraisal_entry"))
    return items


def transfer_reminders(today: dt.date) -> list[Reminder]:
    """Introduction letters run out (or about to) without their 回执, files of members transferred in not
    arrived within a month, and 流动党员 without a 思想汇报 for a quarter (two queries)."""
    items = []
    query = (PartyEvent.select(PartyEvent.id, PartyEvent.kind, PartyEvent.date, PartyEvent.valid_until,
                               PartyEvent.receipt_on, PartyEvent.file_arrived_on, PartyEvent.letter_no, Member.name)
             .join(Member).where(((PartyEvent.kind == "转出") & PartyEvent.receipt_on.is_null())
                                 | ((PartyEvent.kind == "转入") & PartyEvent.file_arrived_on.is_null())))
    for e in query:
        letter = f"（{e.letter_no}）" if e.letter_no else ""
        if receipt_overdue(e.kind, e.valid_until, e.receipt_on, today):
            items.append(Reminder("urgent", "关系转接", f"{e.member.name}的组织关系介绍信{letter}已于 {e.valid_until} "
                                  "过期，回执尚未退回，请与接收党组织联系", e.valid_until, "party_event", e.id))
        elif e.kind == "转出" and e.valid_until and e.valid_until <= today + _days(RECEIPT_DAYS):
            items.append(Reminder("warning", "关系转接", f"{e.member.name}的组织关系介绍信{letter}将于 {e.valid_until} "
                                  "到期，回执尚未退回", e.valid_until, "party_event", e.id))
        elif e.kind == "转入" and e.date + _days(FILE_DAYS) < today:
            items.append(Reminder("notice", "关系转接", f"{e.member.name}于 {e.date} 转入，党员档案尚未到达", None,
                                  "party_event", e.id))
    away = (MobileSpell.select(MobileSpell, Member.name).join(Member)
            .where(MobileSpell.ended_on.is_null() & present_expr(today)))  # not one who left while away
    for spell in away:
        since = spell.last_report_on or spell.started_on
        if add_months(since, REPORT_MONTHS) < today:
            what = f"最近一次思想汇报在 {spell.last_report_on}" if spell.last_report_on else "外出后尚无思想汇报"
            items.append(Reminder("notice", "流动党员", f"{spell.member.name}外出{spell.kind}（{spell.place}），{what}，"
                                  "请联系了解其思想和组织生活情况", None, "mobile_spell", spell.id))
    return items


def attachment_reminders() -> list[Reminder]:
    """Attachments whose file is gone from the folder beside the database, or from the server (a stat each, or one
    query; damaged files are found by the backup, which reads them)."""
    from dangjian_desktop.services.attachment import problems

    found = problems()
    if not found:
        return []
    first = found[0]
    more = f"等 {len(found)} 个附件" if len(found) > 1 else ""
    where = ("请服务器管理员从服务器的备份中恢复" if on_server() else
             "可从备份中恢复（数据库旁的 attachments 文件夹被移动或删除了？）")
    return [Reminder("warning", "附件", f"{first.message()}{more}，{where}", None, first.attachment.table,
                     first.attachment.record_id)]


def all_reminders(grid: ComplianceGrid, settings: BranchSettings, today: dt.date) -> list[Reminder]:
    """Every item, most pressing first: by severity, then by due date."""
    items = (rectification_reminders(today) + development_reminders(today) + step_deadline_reminders(today)
             + term_reminders(settings, today) + meeting_reminders(grid) + member_alert_reminders(today)
             + dues_reminders(settings, today) + talk_reminders(today) + birthday_reminders(settings, today)
             + appraisal_reminders(today) + transfer_reminders(today) + attachment_reminders())
    return sorted(items, key=lambda r: (SEVERITIES.index(r.severity), r.due or dt.date.max))  # stable: grid order

