"""Turning cell values into the values the services take, with a Chinese reason when one cannot be."""

from __future__ import annotations

import datetime as dt
import re

from dangjian_desktop.common.dates import DateParseError, parse_date
from dangjian_desktop.domain.validation import normalise_time

EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of a number
_SCIENTIFIC_RE = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")  # 3.20402E+17: a long number as Excel shows it


class CellError(ValueError):
    """A cell whose value cannot be used; the message is Chinese."""


def text(value: object) -> str:
    """Text as the user sees it in the cell: 13812345678 not 13812345678.0, a date as 2021-07-01."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def id_number(value: object) -> str:
    """A 身份证号; a number cell has lost its last digits in Excel (or shows them as 3.20402E+17), so it is
    refused. An old 15-digit number survives as a number."""
    shown = text(value).strip()
    as_number = isinstance(value, (int, float)) and not isinstance(value, bool) and len(shown) > EXCEL_DIGITS
    if as_number or _SCIENTIFIC_RE.match(shown):
        raise CellError("身份证号被 Excel 存成了数字，末几位已经丢失：请把这一列设为“文本”格式后重新填写号码。")
    return shown


def date(value: object, label: str, *, partial: bool = False) -> dt.date | None:
    """A date cell or text; with `partial` also one written to the month or year (1966.02, 1966年2月, 1966)."""
    if isinstance(value, str) and not value.strip():
        return None
    try:
        return parse_date(value, partial=partial)
    except DateParseError as exc:
        raise CellError(f"{label}：{exc}") from None
    except (OverflowError, ValueError):
        raise CellError(f"{label}：“{text(value)[:30]}”不是有效日期。") from None


def money(value: object) -> object:
    """An amount in 元 as text (a number cell's 35.6 read as "35.6", never as a float of 分); the service
    reads it and names what is wrong."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value) if isinstance(value, float) else str(value)
    return text(value)


def time(value: object) -> str:
    """“14:30” from a time cell, 9:30, 14：30 or 14:30:00; anything else is left for the service to refuse."""
    if isinstance(value, (dt.time, dt.datetime)):
        return f"{value.hour:02d}:{value.minute:02d}"
    return normalise_time(text(value))


def integer(value: object) -> object:
    """An int from a number or digits; other text goes through so the service names the problem."""
    if isinstance(value, str):
        stripped = value.strip()
        if not stripped:
            return None
        return int(stripped) if re.fullmatch(r"[+-]?\d{1,18}", stripped) else stripped
    return value
