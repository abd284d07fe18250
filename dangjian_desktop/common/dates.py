"""Dates as people write them (2021-07-01, 2021/7/1, 2021.07, 2021年7月1日, 20210701, Excel serials) and
calendar arithmetic (a year or some months later)."""

from __future__ import annotations

import datetime as dt
import re

_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
    re.compile(r"^(\d{4})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月?$"),
)
EXCEL_EPOCH = dt.date(1899, 12, 30)


class DateParseError(ValueError):
    """The text is not a date; the message is Chinese and quotes the text."""


def parse_date(value: object) -> dt.date | None:
    """A date from user or spreadsheet input; None for empty; DateParseError when it is not a date.

    A month without a day (2021.07, 2021年7月) means the first of that month.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2_958_466:  # Excel's serial day numbers up to 9999-12-31
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise DateParseError(f"“{value}”不是有效日期。")
    text = str(value).strip().replace(" ", "")
    if not text:
        return None
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = [*(int(g) for g in match.groups()), 1][:3]
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise DateParseError(f"“{text}”不是有效日期（{year}年没有{month}月{day}日）。") from None
    raise DateParseError(f"“{text[:30]}”不是可识别的日期，请写成 2021-07-01 或 2021年7月1日。")


def format_date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)
