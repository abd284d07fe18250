"""Dates as people write them (2021-07-01, 2021/7/1, 2021年7月1日, 20210701, Excel serials), dates known only
to the month or the year (出生年月 1966.02, as rosters write them), and calendar arithmetic."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

DAY, MONTH, YEAR = "day", "month", "year"

_DAY_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_MONTH_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月?$"),
    re.compile(r"^(\d{4})(\d{2})$"),
)
_YEAR_PATTERN = re.compile(r"^(\d{4})年?$")
EXCEL_EPOCH = dt.date(1899, 12, 30)
YEARS = range(1900, 2101)  # a bare number in this range, in a column of dates known to the year, is a year


class DateParseError(ValueError):
    """The text is not a date; the message is Chinese and quotes the text."""


class PartialDate(dt.date):
    """A date known only to its month (1966.02) or year (1966): as a date it is the first day of that
    period, so it sorts and compares like one; `precision` says what is known, and it prints as written.
    Arithmetic on it gives plain dates; `add_years` and `add_months` keep the precision and mark the result
    `approximate` (a deadline a year after 1990.07 is 约1991-07: its day is not known)."""

    __slots__ = ("precision", "approximate")

    def __new__(cls, year: int, month: int = 1, day: int = 1, precision: str = MONTH,
                approximate: bool = False) -> PartialDate:
        self = super().__new__(cls, year, month if precision == MONTH else 1, 1)
        self.precision = precision
        self.approximate = approximate
        return self

    def __reduce__(self):
        return (PartialDate, (self.year, self.month, 1, self.precision, self.approximate))

    def __repr__(self) -> str:
        return f"PartialDate({self.year}, {self.month}, precision={self.precision!r})"

    def plain(self) -> dt.date:
        return dt.date(self.year, self.month, self.day)

    def __add__(self, other):
        return self.plain() + other

    __radd__ = __add__

    def __sub__(self, other):
        return self.plain() - (other.plain() if isinstance(other, PartialDate) else other)

    def replace(self, *args, **kwargs) -> dt.date:
        return self.plain().replace(*args, **kwargs)


def first_day(day: dt.date) -> dt.date:
    """The earliest day a date may be: itself, or the first of its month or year."""
    return day.plain() if isinstance(day, PartialDate) else day


def last_day(day: dt.date) -> dt.date:
    """The latest day a date may be: itself, or the last of its month or year."""
    if not isinstance(day, PartialDate):
        return day
    if day.precision == YEAR:
        return dt.date(day.year, 12, 31)
    return add_months(day.plain(), 1) - dt.timedelta(days=1)


def as_precise_as(day: dt.date, like: dt.date | None) -> dt.date:
    """`day` known only as far as `like` is (a date derived from a month-only date is a month-only date)."""
    if not isinstance(like, PartialDate):
        return day
    return PartialDate(day.year, day.month, precision=like.precision, approximate=True)


def with_precision(day: dt.date | None, precision: str) -> dt.date | None:
    if day is None or precision == DAY:
        return day
    return PartialDate(day.year, day.month, precision=precision)


def parse_date(value: object, *, partial: bool = False) -> dt.date | None:
    """A date from user or spreadsheet input; None for empty; DateParseError when it is not a date.

    A month without a day (1966.02, 1966年2月, 196602) or a bare year is a `PartialDate` where `partial`
    allows it (出生年月, 入党时间), and refused elsewhere: no first-of-month date is invented.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number(value, partial)
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "")
    if not text:
        return None
    for pattern in _DAY_PATTERNS:
        match = pattern.match(text)
        if match:
            return _make(text, *(int(g) for g in match.groups()))
    for pattern in _MONTH_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month = (int(g) for g in match.groups())
            if not 1 <= month <= 12:
                raise DateParseError(f"“{text}”不是有效的年月（没有{month}月）。")
            return _partial_or_refuse(text, PartialDate(year, month, precision=MONTH), partial)
    match = _YEAR_PATTERN.match(text)
    if match and partial and int(match.group(1)) in YEARS:
        return PartialDate(int(match.group(1)), precision=YEAR)
    raise DateParseError(f"“{text[:30]}”不是可识别的日期，请写成 2021-07-01 或 2021年7月1日。")


def _make(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateParseError(f"“{text}”不是有效日期（{year}年没有{month}月{day}日）。") from None


def _partial_or_refuse(text: str, day: PartialDate, partial: bool) -> PartialDate:
    if not partial:
        raise DateParseError(f"“{text}”只写到了月，这里要写到哪一天，如 {day.year}-{day.month:02d}-15。")
    return day


def _number(value: int | float, partial: bool) -> dt.date:
    """A number cell: a year or year.month where dates may be partial (Excel turns 1966.02 into a number),
    else an Excel serial day number."""
    if partial and value in YEARS:
        return PartialDate(int(value), precision=YEAR)
    if partial and int(value) in YEARS and value != int(value):
        hundredths = round((value - int(value)) * 100)
        if hundredths == 10 and round((value - int(value)) * 10) == 1:
            raise DateParseError(f"“{value}”可能是{int(value)}年1月，也可能是{int(value)}年10月（Excel 把 "
                                 f"{int(value)}.10 存成了数字 {value}）：请把这一列设为“文本”格式后重新填写。")
        month = hundredths if hundredths % 10 or hundredths <= 12 else hundredths // 10
        if 1 <= month <= 12:
            return _partial_or_refuse(str(value), PartialDate(int(value), month, precision=MONTH), partial)
        raise DateParseError(f"“{value}”不是有效的年月。")
    if 1 <= value < 2_958_466:  # Excel's serial day numbers up to 9999-12-31
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    raise DateParseError(f"“{value}”不是有效日期。")


def date_label(day: dt.date | None, sep: str = "-") -> str:
    """A date as it is known: 1966-02-04, 1966-02 or 1966 (with "." for sep: 1966.02.04, 1966.02); one derived
    from a month-only date by the rules as 约1991-07."""
    if day is None:
        return ""
    if isinstance(day, PartialDate):
        known = f"{day.year}" if day.precision == YEAR else f"{day.year}{sep}{day.month:02d}"
        return f"约{known}" if day.approximate else known
    return day.strftime(f"%Y{sep}%m{sep}%d")


def format_date(value: dt.date | None) -> str:
    return date_label(value)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February becomes 28 February in a common year); a month-only date
    stays one."""
    plain = first_day(day)
    try:
        later = plain.replace(year=plain.year + years)
    except ValueError:
        later = plain.replace(year=plain.year + years, day=28)
    return as_precise_as(later, day)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the end of a shorter month; a month-only date stays one."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return as_precise_as(dt.date(year, month, min(day.day, last)), day)
        except ValueError:
            continue
    raise ValueError(day)


def year_so_far(year: int, today: dt.date) -> dt.date:
    """The last day of `year` that has been reached: today while the year runs, else its first or last day."""
    return min(dt.date(year, 12, 31), max(today, dt.date(year, 1, 1)))


def stored_date(value: object) -> dt.date | None:
    """A date column's value as the database hands it over in a plain row: text from SQLite, a date from
    PostgreSQL."""
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def full_years(since: dt.date, day: dt.date) -> int:
    """Whole years from `since` to `day`: an age, a 党龄."""
    return day.year - since.year - ((day.month, day.day) < (since.month, since.day))

