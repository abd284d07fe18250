"""Validation: problems as (field, message) in Chinese, and the checks that produce them.

A service collects every problem of a record at once and raises `ValidationError` before writing;
warnings (such as a missing quorum) are returned with the record and never block a save.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from dangjian_desktop.common.dates import (
    MONTH,
    DateParseError,
    PartialDate,
    date_label,
    first_day,
    last_day,
    parse_date,
)
from dangjian_desktop.common.money import FEN_PER_YUAN, MoneyError, fen_from_yuan, yuan

EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CODES = "10X98765432"

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|(\(0\d{2,3}\)|0\d{2,3}-?)?\d{7,8}(-\d{1,6})?)$")
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
LOOSE_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?$")
# Control characters other than tab and line breaks, and lone surrogates (which cannot be stored as
# UTF-8); never valid in a record.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: a field, and for a field of rows (a meeting's attendance) the row (from 1)
    and the part of it (`member`, `status`, `reason`). Callers read these, never the message's words."""

    field: str
    message: str
    severity: str = "error"  # "error" blocks the save, "warning" is shown only
    row: int | None = None
    part: str = ""
    detail: str = ""  # for a problem of a row: the message without the row's place ("出席情况第3行：")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ValidationError(Exception):
    """Raised by a service when a record has problems; nothing has been written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("；".join(p.message for p in problems if p.is_error))


class NotFoundError(Exception):
    """The record asked for does not exist (any more)."""


class ConflictError(Exception):
    """Someone saved the record after this form was opened: what each side holds for the fields that differ,
    as display text, so that the user chooses; nothing was written."""

    def __init__(self, label: str, differences: list[tuple[str, str, str]], version: int, by: str):
        self.differences = differences  # (field label, mine, theirs)
        self.version = version  # the record's save count now: saving over theirs passes it back
        self.by = by  # who saved last, as the history has it
        super().__init__(f"“{label}”在您打开之后已被{by or '其他用户'}修改并保存。")


class ReferencedError(Exception):
    """A record cannot be deleted because others refer to it; the message says which."""


class Checker:
    """Collects problems for one record; each method checks one field and returns the cleaned value."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, field: str, message: str, severity: str = "error", *, row: int | None = None,
            part: str = "") -> None:
        self.problems.append(Problem(field, message, severity, row, part))

    def adopt(self, other: Checker, field: str, *, row: int, part: str, place: str) -> None:
        """The problems of a checker used for one part of one row, as problems of this record's `field`:
        the message says the `place` ("出席情况第3行"), the detail is the part's own message."""
        self.problems += [Problem(field, f"{place}：{p.message}", p.severity, row, part, p.message)
                          for p in other.problems]

    def has_error(self, field: str) -> bool:
        return any(p.field == field and p.is_error for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ValidationError(self.problems)

    # -- field checks -------------------------------------------------------------------------

    def text(self, field: str, label: str, value: object, *, required: bool = False,
             max_length: int = 200, multiline: bool = False) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            value = str(value)
        value = value.strip()
        if required and not value:
            self.add(field, f"请填写{label}。")
        elif len(value) > max_length:
            self.add(field, f"{label}过长：最多 {max_length} 个字，现有 {len(value)} 个字。")
        elif CONTROL_RE.search(value) or (not multiline and ("\n" in value or "\r" in value)):
            self.add(field, f"{label}含有不可见的控制字符或换行，请删除后重试。")
        return SURROGATE_RE.sub("\ufffd", value)  # refused above; replaced so duplicate checks can query it

    def choice(self, field: str, label: str, value: object, choices: tuple[str, ...], *,
               required: bool = True) -> str:
        value = "" if value is None else str(value).strip()
        if not value:
            if required:
                self.add(field, f"请选择{label}。")
        elif value not in choices:
            self.add(field, f"{label}“{value[:20]}”不在可选范围内（{'、'.join(choices)}）。")
        return value

    def date(self, field: str, label: str, value: object, *, required: bool = False,
             not_future: bool = False, today: dt.date | None = None, partial: bool = False) -> dt.date | None:
        """A date, or with `partial` one known only to the month or year (a `PartialDate`); text is read
        the ways people write dates (1966.02, 1966年2月)."""
        if value in (None, ""):
            if required:
                self.add(field, f"请填写{label}。")
            return None
        if isinstance(value, str):
            try:
                value = parse_date(value, partial=partial)
            except DateParseError as exc:
                self.add(field, f"{label}：{exc}")
                return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            self.add(field, f"{label}不是有效日期：{str(value)[:30]}。")
            return None
        if isinstance(value, PartialDate) and not partial:
            self.add(field, f"{label}“{date_label(value)}”只写到了{'月' if value.precision == MONTH else '年'}，"
                            "这里要写到哪一天。")
            return None
        if not EARLIEST_DATE <= value <= LATEST_DATE:
            self.add(field, f"{label}“{date_label(value)}”超出合理范围（1900年至2100年）。")
            return None
        if not_future and value > (today or dt.date.today()):
            self.add(field, f"{label}“{date_label(value)}”晚于今天。")
        return value

    def time(self, field: str, label: str, value: object) -> str:
        """"HH:MM"; 14：30, 9:05 and 14:30:00 as people type them are tidied to 14:30 and 09:05."""
        value = normalise_time("" if value is None else str(value))
        if value and not TIME_RE.match(value):
            self.add(field, f"{label}应为“时:分”格式，如 14:30。")
        return value

    def integer(self, field: str, label: str, value: object, *, required: bool = False,
                minimum: int = 0, maximum: int = 100_000) -> int | None:
        if value in (None, ""):
            if required:
                self.add(field, f"请填写{label}。")
            return None
        if isinstance(value, bool):
            self.add(field, f"{label}应为整数。")
            return None
        try:
            number = int(value)
        except (TypeError, ValueError, OverflowError):
            self.add(field, f"{label}应为整数：{str(value)[:20]}。")
            return None
        if isinstance(value, float) and value != number:
            self.add(field, f"{label}应为整数：{value}。")
            return None
        if not minimum <= number <= maximum:
            self.add(field, f"{label}应在 {minimum} 到 {maximum} 之间，现为 {number}。")
            return None
        return number

    def money(self, field: str, label: str, value: object, *, required: bool = False,
              maximum_yuan: int = 1_000_000) -> int | None:
        """An amount as integer 分: an int is 分 already (a stored value, a form's value as read back), text,
        a Decimal or a float is 元 as typed or as a cell holds it."""
        if value in (None, ""):
            if required:
                self.add(field, f"请填写{label}。")
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            fen = value
        else:
            try:
                fen = fen_from_yuan(value)
            except MoneyError as exc:
                self.add(field, f"{label}：{exc}。")
                return None
        if not 0 <= fen <= maximum_yuan * FEN_PER_YUAN:
            self.add(field, f"{label}应在 0 到 {maximum_yuan} 元之间，现为 {yuan(fen)} 元。")
            return None
        return fen

    def phone(self, field: str, label: str, value: object) -> str:
        value = self.text(field, label, value, max_length=20)
        compact = half_width(value).replace(" ", "")
        if compact and not PHONE_RE.match(compact):
            self.add(field, f"{label}“{value}”格式不对：应为11位手机号或带区号的固定电话，如 0519-86543210。")
        return compact

    def order(self, earlier_field: str, earlier_label: str, earlier: dt.date | dt.time | None,
              later_field: str, later_label: str, later: dt.date | dt.time | None) -> None:
        """Refuse a later value before an earlier one; dates known only to the month (or year) are refused
        only when they are surely in the wrong order (1990.07 before 1990-07-15 is not)."""
        if not (earlier and later) or self.has_error(later_field):
            return
        wrong = (last_day(later) < first_day(earlier)) if isinstance(later, dt.date) else later < earlier
        if wrong:
            self.add(later_field, f"{later_label}（{_show(later)}）不能早于{earlier_label}（{_show(earlier)}）。")


def _show(value: dt.date | dt.time) -> str:
    return value.strftime("%H:%M") if isinstance(value, dt.time) else date_label(value)


def normalise_time(text: str) -> str:
    """A time as typed, tidied to "HH:MM" where it reads as one (14：30, 9:05, 14:30:00); else as it was."""
    raw = half_width(text).strip()
    match = LOOSE_TIME_RE.match(raw)
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else raw


def half_width(value: str) -> str:
    """Full-width digits, letters and punctuation typed with a Chinese input method, as ASCII."""
    return unicodedata.normalize("NFKC", value)


def id_check_digit(body: str) -> str:
    """The 18th character of a 身份证号 from its first 17 digits (GB 11643, ISO 7064 MOD 11-2)."""
    return ID_CHECK_CODES[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def id_number_problem(value: str, birth_date: dt.date | None) -> str | None:
    """What is wrong with a 身份证号 under GB 11643 (18 characters; or an old 15-digit one, which has no
    check digit), or None when it is right. A birth date known only to the month (or year) agrees with
    the number when the number's birth date lies in that month (or year)."""
    if len(value) == 15:
        if not value.isdigit():
            return "15位的旧身份证号应全为数字。"
    elif len(value) != 18:
        return f"身份证号应为18位（或15位的旧号码），现为{len(value)}位。"
    elif not value[:17].isdigit() or not (value[17].isdigit() or value[17].upper() == "X"):
        return "身份证号前17位应为数字，最后一位为数字或X。"
    born = birth_date_from_id(value)
    if born is None:
        digits = value[6:12] if len(value) == 15 else value[6:14]
        return f"身份证号中的出生日期“{digits}”不是有效日期。"
    if len(value) == 18 and value[17].upper() != (expected := id_check_digit(value[:17])):
        return f"身份证号校验位不对：按前17位应为“{expected}”，请核对号码。"
    if birth_date and not (first_day(birth_date) <= born <= last_day(birth_date)):
        return f"身份证号中的出生日期（{born.isoformat()}）与所填出生日期（{date_label(birth_date)}）不一致。"
    return None


def upgrade_id_number(old: str) -> str:
    """The 18-digit form of a 15-digit 身份证号: the year written out (19…) and the check digit added."""
    body = old[:6] + "19" + old[6:]
    return body + id_check_digit(body)


def facts_from_id(value: str) -> tuple[dt.date, str] | None:
    """The birth date and 性别 a valid 身份证号 states (the sequence code's last digit: odd 男, even 女), or
    None when the number is not valid."""
    number = half_width(value).replace(" ", "").upper()
    if not number or id_number_problem(number, None):
        return None
    return birth_date_from_id(number), "男" if int(number[-2 if len(number) == 18 else -1]) % 2 else "女"


def birth_date_from_id(value: str) -> dt.date | None:
    """The birth date in a 身份证号 (an old 15-digit one writes the year with two digits, all 19xx)."""
    digits = "19" + value[6:12] if len(value) == 15 else value[6:14]
    try:
        return dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except (ValueError, IndexError):
        return None
