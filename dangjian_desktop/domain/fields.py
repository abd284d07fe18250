"""Each record kind's fields, declared once: name, Chinese label, kind of value, choices, limits.

The services validate from these declarations, the dialogs build their widgets from them, and the
history, the Excel sheets and the printouts take their column names from them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dangjian_desktop.store import models as m


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # text, multiline, choice, suggest, phone, date, time, int,
    # or a reference: member, partner, category, meeting
    required: bool = False
    choices: tuple[str, ...] = ()
    max_length: int = 200
    minimum: int = 0
    maximum: int = 100_000
    not_future: bool = False
    hint: str = ""


def display_text(value: object) -> str:
    """A stored value as the lists, the history and the detail pane show it: dates as 2025-07-01, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


ETHNICITY_SUGGESTIONS = ("汉族", "回族", "满族", "蒙古族", "壮族", "苗族", "土家族", "彝族", "藏族", "维吾尔族")

MEMBER_FIELDS: tuple[Field, ...] = (
    Field("name", "姓名", required=True, max_length=30),
    Field("gender", "性别", "choice", choices=m.GENDERS, required=True),
    Field("ethnicity", "民族", "suggest", choices=ETHNICITY_SUGGESTIONS, max_length=20),
    Field("birth_date", "出生日期", "date", not_future=True),
    Field("id_number", "身份证号", max_length=18, hint="18位，最后一位可为X"),
    Field("education", "学历", "suggest", choices=m.EDUCATIONS, max_length=20),
    Field("job_title", "工作岗位/职务", max_length=60),
    Field("party_post", "党内职务", "choice", choices=m.PARTY_POSTS),
    Field("party_group", "党小组", "suggest", max_length=30),
    Field("phone", "联系电话", "phone", max_length=20),
    Field("applied_on", "申请入党日期", "date", not_future=True),
    Field("activist_on", "确定积极分子日期", "date", not_future=True),
    Field("candidate_on", "确定发展对象日期", "date", not_future=True),
    Field("probation_on", "接收预备党员日期", "date", not_future=True, hint="支部大会表决通过之日，即入党时间"),
    Field("probation_extension_months", "延长预备期（月）", "int", maximum=12),
    Field("full_on", "转正日期", "date", not_future=True),
    Field("status", "党籍状态", "choice", choices=m.MEMBER_STATUSES, required=True),
    Field("left_on", "离开日期", "date", not_future=True, hint="转出、去世等的日期"),
    Field("notes", "备注", "multiline", max_length=2000),
)

MEETING_FIELDS: tuple[Field, ...] = (
    Field("kind", "会议类型", "choice", choices=m.MEETING_KINDS, required=True),
    Field("seq", "第几次", "int", minimum=1, maximum=999, hint="留空则按年度自动编号"),
    Field("date", "日期", "date", required=True),
    Field("start_time", "开始时间", "time"),
    Field("end_time", "结束时间", "time"),
    Field("place", "地点", max_length=100),
    Field("topic", "主题", required=True, max_length=200),
    Field("party_group", "党小组", "suggest", max_length=30, hint="党小组会填写"),
    Field("host", "主持人", "member"),
    Field("recorder", "记录人", "member"),
    Field("lecturer", "授课人", "member", hint="党课填写"),
    Field("guests", "列席人员", max_length=500),
    Field("first_topic", "第一议题", "multiline", max_length=5000),
    Field("agenda", "议程", "multiline", max_length=5000),
    Field("minutes", "会议记录", "multiline", max_length=50_000, hint="每位发言人的主要观点"),
    Field("resolution", "决议", "multiline", max_length=5000),
    Field("votes_for", "赞成票", "int", maximum=10_000),
    Field("votes_against", "反对票", "int", maximum=10_000),
    Field("votes_abstain", "弃权票", "int", maximum=10_000),
    Field("notes", "备注", "multiline", max_length=2000),
)

ACTIVITY_FIELDS: tuple[Field, ...] = (
    Field("category", "活动类别", "category", required=True),
    Field("title", "活动名称", required=True, max_length=200),
    Field("date", "日期", "date", required=True),
    Field("place", "地点", max_length=100),
    Field("partner", "共建单位/基地", "partner"),
    Field("organiser", "组织者", max_length=60),
    Field("participants", "参加人员", "multiline", max_length=2000),
    Field("participant_count", "参加人数", "int", maximum=100_000),
    Field("quantity", "数量", "int", required=True, minimum=1, maximum=10_000),
    Field("unit", "单位", "choice", choices=m.ACTIVITY_UNITS, hint="留空则用活动类别的单位"),
    Field("description", "内容简述", "multiline", max_length=5000),
)

PARTNER_FIELDS: tuple[Field, ...] = (
    Field("name", "名称", required=True, max_length=100),
    Field("kind", "类别", "choice", choices=m.PARTNER_KINDS, required=True),
    Field("since", "共建/启用日期", "date", not_future=True),
    Field("contact", "联系人", max_length=30),
    Field("phone", "联系电话", "phone", max_length=20),
    Field("address", "地址", max_length=200),
    Field("description", "开展内容", "multiline", max_length=5000),
)

RECTIFICATION_FIELDS: tuple[Field, ...] = (
    Field("source", "问题来源", "choice", choices=m.RECTIFICATION_SOURCES, required=True),
    Field("meeting", "来源会议", "meeting"),
    Field("found_on", "发现日期", "date", required=True, not_future=True),
    Field("problem", "问题", "multiline", required=True, max_length=2000),
    Field("cause", "原因", "multiline", max_length=2000),
    Field("measure", "整改措施", "multiline", max_length=5000),
    Field("owner", "责任人", max_length=60),
    Field("deadline", "整改时限", "date"),
    Field("status", "整改状态", "choice", choices=m.RECTIFICATION_STATUSES, required=True),
    Field("completed_on", "完成日期", "date", not_future=True),
    Field("evidence", "佐证材料", "multiline", max_length=2000),
    Field("review", "复查情况", "multiline", max_length=2000),
)

FIELDS_BY_TABLE: dict[str, tuple[Field, ...]] = {
    "member": MEMBER_FIELDS,
    "meeting": MEETING_FIELDS,
    "activity": ACTIVITY_FIELDS,
    "partner": PARTNER_FIELDS,
    "rectification": RECTIFICATION_FIELDS,
}

TABLE_LABELS = {
    "member": "党员",
    "meeting": "会议",
    "activity": "活动",
    "partner": "共建单位与阵地",
    "rectification": "整改事项",
}


def field_label(table: str, name: str) -> str:
    for field in FIELDS_BY_TABLE.get(table, ()):
        if field.name == name:
            return field.label
    return {"attendance": "出席情况"}.get(name, name)
