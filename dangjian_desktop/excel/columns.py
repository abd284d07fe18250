"""The sheets of an exchange workbook and their columns, with the header spellings each column accepts.

Record sheets take their columns from `fields.py` (one column per field, headed by its label); the
attendance and category sheets are declared here. Headers are compared after `normalise_header`, so
"出生年月*", "出生年月 " and "出生年月（必填）" all match.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from dangjian_desktop.domain.fields import FIELDS_BY_TABLE, TABLE_LABELS
from dangjian_desktop.store import models as m
from dangjian_desktop.store.models import ACTIVITY_UNITS, ATTENDANCE_STATUSES, MEETING_KINDS

RECORD_MODELS = {"member": m.Member, "meeting": m.Meeting, "activity": m.Activity, "partner": m.Partner,
                 "rectification": m.Rectification}


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    hint: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def headers(self) -> tuple[str, ...]:
        spellings = [self.label, *self.aliases]
        if self.kind == "date" and "日期" in self.label:
            spellings.append(self.label.replace("日期", "时间"))
        return tuple(dict.fromkeys(normalise_header(s) for s in spellings))


@dataclass(frozen=True)
class SheetSpec:
    kind: str  # a table name of fields.py, or "attendance" / "category"
    title: str
    columns: tuple[Column, ...]
    sheet_aliases: tuple[str, ...] = ()

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def must_fill(self, column: Column) -> bool:
        """A required column without a default value: a sheet without it cannot be imported."""
        model = RECORD_MODELS.get(self.kind)
        return column.required and (model is None or model._meta.fields[column.name].default in (None, ""))


# Other spellings seen in branch spreadsheets, by record kind and field.
ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "member": {
        "birth_date": ("出生年月", "出生年月日"),
        "id_number": ("公民身份号码", "身份证号码", "身份证"),
        "probation_on": ("入党时间", "入党日期", "接收预备党员时间", "接收为预备党员时间"),
        "full_on": ("转正时间",),
        "applied_on": ("入党申请时间", "申请入党时间", "递交入党申请书时间"),
        "activist_on": ("确定为入党积极分子时间", "确定积极分子时间"),
        "candidate_on": ("确定为发展对象时间", "确定发展对象时间"),
        "phone": ("手机号码", "手机号", "手机", "电话", "联系方式"),
        "job_title": ("工作岗位", "职务", "岗位", "工作单位及职务"),
        "party_group": ("所在党小组",),
        "status": ("党籍状态", "状态"),
        "education": ("文化程度", "学历学位"),
    },
    "meeting": {
        "kind": ("类型", "会议类别"),
        "date": ("会议日期", "会议时间"),
        "topic": ("会议主题", "议题"),
        "place": ("会议地点",),
        "seq": ("次数", "第×次"),
        "minutes": ("记录", "会议内容"),
    },
    "activity": {
        "category": ("类别", "活动类型"),
        "title": ("名称", "活动主题", "主题"),
        "date": ("活动日期", "活动时间", "时间"),
        "place": ("活动地点",),
        "partner": ("共建单位", "基地"),
        "description": ("活动内容", "内容"),
    },
    "partner": {"name": ("单位名称",)},
    "rectification": {"problem": ("问题描述", "存在问题")},
}

SHEET_ALIASES = {
    "member": ("党员名册", "花名册", "党员信息", "党员花名册"),
    "meeting": ("会议记录", "三会一课"),
    "attendance": ("出席", "签到", "出席名单"),
    "activity": ("活动台账", "活动记录"),
    "partner": ("共建单位", "阵地"),
    "rectification": ("整改台账",),
    "category": ("活动类型",),
}


def normalise_header(text: object) -> str:
    """A header reduced for comparison: width folded, spaces, asterisks and 必填 marks removed."""
    text = unicodedata.normalize("NFKC", "" if text is None else str(text))
    for mark in ("(必填)", "必填", "*", " ", "\n", "\t"):
        text = text.replace(mark, "")
    return text


def _record_sheet(table: str) -> SheetSpec:
    aliases = ALIASES.get(table, {})
    columns = tuple(Column(f.name, f.label, f.kind, f.required, f.choices, f.hint, aliases.get(f.name, ()))
                    for f in FIELDS_BY_TABLE[table])
    return SheetSpec(table, TABLE_LABELS[table], columns, SHEET_ALIASES.get(table, ()))


ATTENDANCE_SHEET = SheetSpec("attendance", "出席情况", (
    Column("meeting_date", "会议日期", "date", True),
    Column("meeting_kind", "会议类型", "choice", True, MEETING_KINDS, hint="与“会议”表中该会议的类型相同"),
    Column("meeting_topic", "会议主题", "text", True, hint="与“会议”表中该会议的主题相同"),
    Column("meeting_group", "会议党小组", "text", hint="党小组会填写，与“会议”表中的党小组相同"),
    Column("name", "姓名", "text", True, aliases=("党员姓名",)),
    Column("status", "出席情况", "choice", True, ATTENDANCE_STATUSES, aliases=("出席", "状态")),
    Column("reason", "原因", "text", hint="请假、缺席须填写原因", aliases=("请假原因", "缺席原因", "备注")),
), SHEET_ALIASES["attendance"])

CATEGORY_SHEET = SheetSpec("category", "活动类别", (
    Column("name", "类别名称", "text", True, aliases=("活动类别", "名称")),
    Column("unit", "计量单位", "choice", True, ACTIVITY_UNITS, aliases=("单位",)),
), SHEET_ALIASES["category"])

MEMBER_SHEET = _record_sheet("member")
MEETING_SHEET = _record_sheet("meeting")
ACTIVITY_SHEET = _record_sheet("activity")
PARTNER_SHEET = _record_sheet("partner")
RECTIFICATION_SHEET = _record_sheet("rectification")

# Export order; the import reads them in dependency order (see importer.py).
ALL_SHEETS = (MEMBER_SHEET, MEETING_SHEET, ATTENDANCE_SHEET, ACTIVITY_SHEET, CATEGORY_SHEET, PARTNER_SHEET,
              RECTIFICATION_SHEET)
TEMPLATE_SHEETS = (MEMBER_SHEET, MEETING_SHEET, ATTENDANCE_SHEET, ACTIVITY_SHEET)
INSTRUCTIONS_TITLE = "填写说明"


def sheet_for_name(name: str) -> SheetSpec | None:
    key = normalise_header(name)
    for spec in ALL_SHEETS:
        if key in {normalise_header(n) for n in (spec.title, *spec.sheet_aliases)}:
            return spec
    return None


def match_headers(spec: SheetSpec, headers: list[object]) -> dict[str, int]:
    """Column name → index of the first header that spells it."""
    found: dict[str, int] = {}
    lookup = {h: c.name for c in spec.columns for h in c.headers}
    for index, header in enumerate(headers):
        name = lookup.get(normalise_header(header))
        if name and name not in found:
            found[name] = index
    return found
