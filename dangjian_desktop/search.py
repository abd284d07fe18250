"""Search keys: a record's searchable text plus pinyin initials of its names, every reading kept."""

from __future__ import annotations

from itertools import islice, product

MAX_READING_COMBINATIONS = 16


def pinyin_initials(text: str) -> list[str]:
    """Initials of `text` for each combination of readings: 单伟 → ['dw', 'sw', 'cw'].

    Characters without a reading (letters, digits) are kept as they are. pypinyin loads on first use,
    so it costs nothing at start-up.
    """
    if not text:
        return []
    from pypinyin import Style, pinyin

    readings = pinyin(text, style=Style.FIRST_LETTER, heteronym=True, errors=lambda chars: list(chars))
    options = [sorted({r[:1].lower() for r in reading if r}) or [""] for reading in readings]
    return ["".join(combo) for combo in islice(product(*options), MAX_READING_COMBINATIONS)]


def full_pinyin(text: str) -> str:
    if not text:
        return ""
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: list(chars))).lower()


def build_search_key(names: list[str], texts: list[str] = ()) -> str:
    """One lower-case string the search box matches with `in`: texts, names, their initials and pinyin."""
    parts: list[str] = []
    for name in names:
        if name:
            parts.append(name)
            parts.extend(pinyin_initials(name))
            parts.append(full_pinyin(name))
    parts.extend(t for t in texts if t)
    return " ".join(parts).lower()


def matches(search_key: str, query: str) -> bool:
    """Every word of the query occurs in the key (case-insensitive)."""
    return all(word in search_key for word in query.lower().split())
