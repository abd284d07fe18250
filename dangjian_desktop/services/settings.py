"""Branch settings: name, higher committee, committee term, and how often the rules ask for meetings."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field, fields, replace

from dangjian_desktop.domain.rules.appraisal import DEFAULT_EXCELLENT_SHARE, EXCELLENT_SHARES
from dangjian_desktop.domain.rules.party_events import DEFAULT_LETTER_MONTHS, LETTER_MONTHS
from dangjian_desktop.domain.validation import Checker
from dangjian_desktop.store.connection import db
from dangjian_desktop.store.models import Setting

LECTURE_PERIODS = {"quarter": "每季度", "semester": "每学期"}
DUES_REMITTANCE_PERIODS = {"month": "每月", "quarter": "每季度", "half": "每半年"}  # when dues are handed up
ATTACHMENT_LONG_SIDES = {1600: "1600 像素", 2560: "2560 像素（默认）", 3840: "3840 像素", 0: "不缩小"}
PRINT_PHOTOS = {0: "不打印", 2: "最多2张", 4: "最多4张（默认）", 6: "最多6张"}
SUMMARY_DATES = {"day": "年月日（GB/T 9704，如2025年12月31日）", "month": "只写年月（如2025年12月）"}


@dataclass(frozen=True)
class BranchSettings:
    branch_name: str = "党支部"
    parent_committee: str = ""
    committee_term_start: dt.date | None = None
    committee_term_years: int = 3
    vacation_months: tuple[int, ...] = ()  # months without a required 主题党日
    lecture_period: str = "quarter"  # 党课 at least once per quarter or per semester
    summary_date: str = "day"  # the year summary's 成文日期: a full date, or year and month only
    extra: dict = field(default_factory=dict)  # room for later settings without a migration
    # From when the branch keeps its records in this program: periods before it are not counted as 缺
    # (None: from the first meeting recorded).
    records_since: dt.date | None = None
    dues_remittance_period: str = "quarter"  # a key of DUES_REMITTANCE_PERIODS
    excellent_share: str = DEFAULT_EXCELLENT_SHARE  # 民主评议: 优秀 at most this share of the participants
    talks_between_members: bool = False  # 谈心谈话: each member also talks with another ordinary member
    political_birthdays: bool = False  # 谈心谈话: remind of each member's 入党纪念日 (政治生日)
    transfer_letter_months: int = DEFAULT_LETTER_MONTHS  # 组织关系介绍信: valid for this many months
    attachment_long_side: int = 2560  # photos attached are made no longer than this (pixels; 0: kept as taken)
    print_photos: int = 4  # the register and the activity ledger print up to this many photos of a record (0: none)


DATE_SETTINGS = ("committee_term_start", "records_since")


def load_settings() -> BranchSettings:
    stored = {row.key: json.loads(row.value) for row in Setting.select()}
    values = {}
    for f in fields(BranchSettings):
        if f.name not in stored:
            continue
        value = stored[f.name]
        if f.name in DATE_SETTINGS and value:
            value = dt.date.fromisoformat(value)
        elif f.name == "vacation_months":
            value = tuple(value)
        values[f.name] = value
    return BranchSettings(**values)


def save_settings(**changes: object) -> BranchSettings:
    """Validate and store the given settings in one transaction; return them all."""
    current = load_settings()
    c = Checker()
    unknown = set(changes) - {f.name for f in fields(BranchSettings)}
    if unknown:
        raise ValueError(f"unknown settings: {sorted(unknown)}")
    if "branch_name" in changes:
        changes["branch_name"] = c.text("branch_name", "支部名称", changes["branch_name"], required=True,
                                        max_length=60)
    if "parent_committee" in changes:
        changes["parent_committee"] = c.text("parent_committee", "上级党委", changes["parent_committee"],
                                             max_length=60)
    if "committee_term_start" in changes:
        changes["committee_term_start"] = c.date("committee_term_start", "本届支委任期开始日期",
                                                 changes["committee_term_start"], not_future=True)
    if "records_since" in changes:
        changes["records_since"] = c.date("records_since", "开始在本程序记录的日期", changes["records_since"],
                                          not_future=True)
    if "committee_term_years" in changes and changes["committee_term_years"] not in (3, 5):
        c.add("committee_term_years", "支委会任期应为3年或5年。")
    if "vacation_months" in changes:
        months = changes["vacation_months"] or ()
        if not isinstance(months, (list, tuple, set)) or any(
                not isinstance(mo, int) or not 1 <= mo <= 12 for mo in months):
            c.add("vacation_months", "假期月份应为1至12月。")
        else:
            changes["vacation_months"] = tuple(sorted(set(months)))
    if "lecture_period" in changes and changes["lecture_period"] not in tuple(LECTURE_PERIODS):
        c.add("lecture_period", "党课频次应为每季度或每学期。")
    if "summary_date" in changes and changes["summary_date"] not in tuple(SUMMARY_DATES):
        c.add("summary_date", "年度总结的成文日期应写年月日或只写年月。")
    if "dues_remittance_period" in changes and changes["dues_remittance_period"] not in tuple(DUES_REMITTANCE_PERIODS):
        c.add("dues_remittance_period", "党费上缴周期应为每月、每季度或每半年。")
    if "excellent_share" in changes and changes["excellent_share"] not in EXCELLENT_SHARES:
        c.add("excellent_share", f"优秀比例应为{'、'.join(EXCELLENT_SHARES.values())}之一。")
    if "transfer_letter_months" in changes and changes["transfer_letter_months"] not in LETTER_MONTHS:
        c.add("transfer_letter_months", f"介绍信有效期应为{'、'.join(map(str, LETTER_MONTHS))}个月之一。")
    if "attachment_long_side" in changes and changes["attachment_long_side"] not in ATTACHMENT_LONG_SIDES:
        c.add("attachment_long_side", "照片缩小的长边应为1600、2560、3840像素或不缩小。")
    if "print_photos" in changes and changes["print_photos"] not in PRINT_PHOTOS:
        c.add("print_photos", "每条记录打印的照片数应为0、2、4或6张。")
    for name in ("talks_between_members", "political_birthdays"):
        if name in changes:
            changes[name] = bool(changes[name])
    c.raise_if_errors()
    updated = replace(current, **changes)
    with db.atomic():
        for key, value in asdict(updated).items():
            if key in changes:
                if isinstance(value, dt.date):
                    value = value.isoformat()
                text = json.dumps(value, ensure_ascii=False)
                (Setting.insert(key=key, value=text)  # an upsert both SQLite and PostgreSQL take
                 .on_conflict(conflict_target=[Setting.key], update={Setting.value: text}).execute())
    return updated
