"""Search keys: a record's searchable text plus pinyin initials of its names, every reading kept."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from itertools import islice, product

MAX_READING_COMBINATIONS = 16

# Surnames read otherwise than the character's everyday reading (单 shàn, not dān). Compound surnames first.
SURNAME_READINGS = {
    "尉迟": "yuchi", "万俟": "moqi", "澹台": "tantai", "单于": "chanyu",
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "查": "zha", "朴": "piao", "区": "ou", "盖": "ge",
    "覃": "qin", "缪": "miao", "乐": "yue", "翟": "zhai", "秘": "bi", "种": "chong", "重": "chong", "折": "she",
    "员": "yun", "召": "shao", "繁": "po", "能": "nai", "句": "gou", "祭": "zhai", "薄": "bo", "粘": "nian",
    "洗": "xian", "隗": "wei", "藏": "zang", "卜": "bu", "阚": "kan", "都": "du", "蔚": "yu", "炅": "gui",
    "颉": "xie", "乜": "nie", "黑": "he", "便": "pian",
}


def _pypinyin():
    """pypinyin, loaded on first use (nothing at start-up) and without its phrase tables: they serve words,
    not personal names, and would hold some 45 MB. Readings of single characters are the same either way."""
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")
    import pypinyin

    return pypinyin


def pinyin_initials(text: str) -> list[str]:
    """Initials of `text` for each combination of readings: 单伟 → ['dw', 'sw', 'cw'].

    Characters without a reading (letters, digits) are kept as they are.
    """
    if not text:
        return []
    pypinyin = _pypinyin()
    readings = pypinyin.pinyin(text, style=pypinyin.Style.FIRST_LETTER, heteronym=True,
                               errors=lambda chars: list(chars))
    options = [sorted({r[:1].lower() for r in reading if r}) or [""] for reading in readings]
    return ["".join(combo) for combo in islice(product(*options), MAX_READING_COMBINATIONS)]


def full_pinyin(text: str) -> str:
    """Every character's everyday reading, run together in lower case: 张三 → zhangsan."""
    if not text:
        return ""
    pypinyin = _pypinyin()
    return "".join(pypinyin.lazy_pinyin(text, style=pypinyin.Style.NORMAL,
                                        errors=lambda chars: list(chars))).lower()


def name_pinyin(name: str) -> str:
    """A personal name's pinyin with its surname read as a surname: 单伟 → shanwei, 曾国 → zengguo."""
    for surname in (name[:2], name[:1]):
        if surname in SURNAME_READINGS:
            return SURNAME_READINGS[surname] + full_pinyin(name[len(surname):])
    return full_pinyin(name)


@lru_cache(maxsize=4096)
def name_order(name: str) -> tuple[str, str]:
    """The key that puts people in order everywhere (lists, attendance, printed rolls): the name's pinyin with
    its surname read as a surname, then the name itself."""
    return name_pinyin(name), name


def build_search_key(names: list[str], texts: list[str] = ()) -> str:
    """One lower-case string the search box matches with `in`: texts, names, their initials and pinyin
    (a name's everyday reading and, where it differs, its reading as a surname)."""
    parts: list[str] = []
    for name in names:
        if name:
            parts.extend(_name_key(name))
    parts.extend(t for t in texts if t)
    return " ".join(parts).lower()


@lru_cache(maxsize=8192)
def _name_key(name: str) -> tuple[str, ...]:
    """A name's part of a search key (the same few names recur over thousands of records)."""
    return (name, *pinyin_initials(name), *dict.fromkeys((full_pinyin(name), name_pinyin(name))))


def matches(search_key: str, query: str) -> bool:
    """Every word of the query occurs in the key (case-insensitive)."""
    return all(word in search_key for word in query.lower().split())


_SPACES_BETWEEN_HAN_RE = re.compile(r"(?<=[\u3400-\u9fff\U00020000-\U0003134f])[\s\u3000]+(?=[\u3400-\u9fff\U00020000-\U0003134f])")


_FULL_WIDTH_LETTERS = {code: code - 0xFEE0 for code in (*range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}


def normalise_name(name: str) -> str:
    """A name as typed or copied from a roster: spaces padding a Chinese name out (王  伟, 王　伟) removed,
    full-width Latin letters folded (Ｊｏｈｎ); Chinese punctuation (·、（）) and a Latin name's spaces kept."""
    text = name.translate(_FULL_WIDTH_LETTERS).strip().strip("\u3000")
    return _SPACES_BETWEEN_HAN_RE.sub("", text)


CHINESE_DIGITS = "〇一二三四五六七八九"
NUMBER_RE = re.compile(r"[〇一二三四五六七八九十]+|\d+")


def numbered_order(name: str) -> str:
    """A sort key where 第二党小组 comes before 第十党小组: numbers, Chinese or Arabic, compared as numbers."""
    def padded(match: re.Match) -> str:
        token = match.group()
        if token.isdigit():
            return f"{int(token):06d}"
        tens, ten, units = token.partition("十")
        try:
            if ten:
                value = (CHINESE_DIGITS.index(tens) if tens else 1) * 10 + (CHINESE_DIGITS.index(units) if units else 0)
            else:
                value = int("".join(str(CHINESE_DIGITS.index(c)) for c in token))
        except ValueError:
            return token
        return f"{value:06d}"
    return NUMBER_RE.sub(padded, name)


def safe_file_name(name: str, limit: int = 0) -> str:
    """A file or folder name any system takes: without the characters Windows refuses (\\ / : * ? " < > |) and
    control characters, not ending in a dot or space, at most `limit` characters when given."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name).strip(" .")
    return (name[:limit] if limit else name) or "文件"

