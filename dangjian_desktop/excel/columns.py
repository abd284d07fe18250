"""The sheets of an exchange workbook and their columns, with the header spellings each column accepts.

Record sheets are derived from the record kinds (`domain/kinds.py`: one column per field, headed by its
label, with the kind's other spellings); the attendance sheet is declared here. Headers are compared after `normalise_header`, so
"出生年月*", "出生年月 " and "出生年月（必填）" all match.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property

from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.fields import FieldKind
from dangjian_desktop.domain.kinds import RecordKind
from dangjian_desktop.store.models import ATTENDANCE_STATUSES, MEETING_KINDS


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    kind: FieldKind = FieldKind.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    hint: str = ""
    aliases: tuple[str, ...] = ()
    references: str = ""  # for a reference: the table of the kind referred to, written by its name
    partial: bool = False  # a date that may be written to the month or year (出生年月 1966.02)

    @property
    def headers(self) -> tuple[str, ...]:
        spellings = [self.label, *self.aliases]
        if self.kind == "date" and "日期" in self.label:
            spellings.append(self.label.replace("日期", "时间"))
        return tuple(dict.fromkeys(normalise_header(s) for s in spellings))


@dataclass(frozen=True)
class SheetSpec:
    kind: str  # the table of a record kind, or "attendance" (the meetings' attendance, a sheet of its own)
    title: str
    columns: tuple[Column, ...]
    sheet_aliases: tuple[str, ...] = ()
    record: RecordKind | None = None  # None for the attendance sheet

    def column(self, name: str) -> Column:
        return self._by_name[name]

    @cached_property
    def _by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}

    def has_default(self, column: Column) -> bool:
        """The column's field has a default value (党籍状态 正常, 数量 1) that an empty cell takes."""
        return self.record is not None and self.record.model._meta.fields[column.name].default not in (None, "")

    def must_fill(self, column: Column) -> bool:
        """A required column without a default value: a sheet without it cannot be imported."""
        return column.required and not self.has_default(column)


def normalise_header(text: object) -> str:
    """A header reduced for comparison: width folded, spaces, asterisks and 必填 marks removed."""
    text = unicodedata.normalize("NFKC", "" if text is None else str(text))
    for mark in ("(必填)", "必填", "*", " ", "\n", "\t"):
        text = text.replace(mark, "")
    return text


def record_sheet(kind: RecordKind) -> SheetSpec:
    """A record kind's sheet: a column per field, headed by its label, with the kind's other spellings."""
    headers = kind.sheet.headers
    columns = tuple(Column(f.name, f.label, f.kind, f.required, f.choices, f.hint, headers.get(f.name, ()),
                           f.references, f.partial) for f in kind.fields)
    return SheetSpec(kind.table, kind.sheet.title, columns, kind.sheet.aliases, kind)


ATTENDANCE_SHEET = SheetSpec("attendance", "出席情况", (
    Column("meeting_date", "会议日期", FieldKind.DATE, True),
    Column("meeting_kind", "会议类型", FieldKind.CHOICE, True, MEETING_KINDS, hint="与“会议”表中该会议的类型相同"),
    Column("meeting_topic", "会议主题", FieldKind.TEXT, True, hint="与“会议”表中该会议的主题相同"),
    Column("meeting_group", "会议党小组", FieldKind.TEXT, hint="党小组会填写，与“会议”表中的党小组相同"),
    Column("name", "姓名", FieldKind.TEXT, True, aliases=("党员姓名",)),
    Column("status", "出席情况", FieldKind.CHOICE, True, ATTENDANCE_STATUSES, aliases=("出席", "状态")),
    Column("reason", "原因", FieldKind.TEXT, hint="请假、缺席须填写原因", aliases=("请假原因", "缺席原因", "备注")),
), ("出席", "签到", "出席名单"))

RECORD_SHEETS = {table: record_sheet(kind) for table, kind in kinds.KINDS.items()}
MEMBER_SHEET = RECORD_SHEETS["member"]
MEETING_SHEET = RECORD_SHEETS["meeting"]
ACTIVITY_SHEET = RECORD_SHEETS["activity"]

# Export order: the kinds as declared, the attendance after the meetings; the import reads them in
# dependency order (see importer.py).
ALL_SHEETS = tuple(sheet for table, spec in RECORD_SHEETS.items()
                   for sheet in ((spec, ATTENDANCE_SHEET) if table == "meeting" else (spec,)))
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
