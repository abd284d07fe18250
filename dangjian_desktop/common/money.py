"""Money as integer 分 (never float): reading an amount in 元 as typed or as a cell holds it, and writing it."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

FEN_PER_YUAN = 100
CENT = Decimal("0.01")
MAX_YUAN = Decimal(10) ** 9


class MoneyError(ValueError):
    """An amount that cannot be read; the message is Chinese."""


def fen_from_yuan(value: str | Decimal | float | int) -> int:
    """分 from an amount in 元: "35.6", "¥1,234.50", "35.60元", Decimal("35.6"), 35.6 (a cell's float, read
    by its shortest decimal form) or 35. More than two decimals, a sign or other text is refused."""
    if isinstance(value, bool):
        raise MoneyError("金额应为数字，如 35.60")
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, (int, Decimal)):
        value = str(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    for mark in ("元", "¥", ",", " "):
        text = text.replace(mark, "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise MoneyError(f"“{str(value)[:20]}”不是金额，应写成如 35.60 的数字（单位：元）") from None
    if not number.is_finite() or number >= MAX_YUAN:
        raise MoneyError(f"“{str(value)[:20]}”不是合理的金额")
    if number < 0:
        raise MoneyError(f"金额不能为负数：{str(value)[:20]}")
    if number != number.quantize(CENT):
        raise MoneyError(f"金额“{str(value)[:20]}”最多精确到分（两位小数）")
    return int(number * FEN_PER_YUAN)


def yuan(fen: int | None) -> str:
    """An amount as printed: 35.60 (empty for none)."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{whole}.{cents:02d}"


def yuan_decimal(fen: int) -> Decimal:
    """An amount in 元 as an exact decimal (for a spreadsheet cell)."""
    return Decimal(fen) / FEN_PER_YUAN
