"""A meeting named as the window shows it, for the command line: "2025-03-05 支委会", "2025年支委会第3次",
"2025年第一党小组党小组会第2次", or the meeting's number. One meeting, or a Chinese message saying why not
(none, or which ones the words could mean)."""

from __future__ import annotations

import re
import unicodedata

from dangjian_desktop.common.dates import DateParseError, parse_date
from dangjian_desktop.store.models import MEETING_KINDS, Meeting


class MeetingLookupError(Exception):
    """The words name no meeting, or more than one; the message says which and how to be precise."""


_SEQ = re.compile(r"^(\d{4})年?(.*?)第(\d+)次$")
_KINDS = sorted(MEETING_KINDS, key=len, reverse=True)  # 支部党员大会 before 党员大会-like prefixes


def _describe(m: Meeting) -> str:
    group = f"（{m.party_group}）" if m.kind == "党小组会" and m.party_group else ""
    return f"{m.date.isoformat()} {m.kind}{group}" + (f" 第{m.seq}次" if m.seq else "")


def _split_kind(words: str) -> tuple[str, str]:
    """The meeting kind in `words` and what is left of them (a 党小组's name)."""
    for kind in _KINDS:
        if kind in words:
            return kind, words.replace(kind, "", 1).strip()
    return "", words.strip()


def find_meeting(text: str) -> int:
    """The id of the one meeting `text` names; MeetingLookupError otherwise."""
    words = unicodedata.normalize("NFKC", text).strip()
    if words.isdigit():
        if Meeting.get_or_none(Meeting.id == int(words)) is None:
            raise MeetingLookupError(f"找不到编号为 {words} 的会议，可能已被删除。")
        return int(words)
    compact = words.replace(" ", "")
    seq = _SEQ.match(compact)
    if seq:
        year, rest, number = int(seq.group(1)), seq.group(2), int(seq.group(3))
        kind, group = _split_kind(rest)
        if not kind:
            raise MeetingLookupError(f"“{text}”没有写会议类型。可写：{'、'.join(MEETING_KINDS)}。")
        query = Meeting.select().where((Meeting.kind == kind) & (Meeting.seq == number)
                                       & (Meeting.date.year == year))
    else:
        date_part, _space, rest = words.partition(" ")
        try:
            day = parse_date(date_part)
        except DateParseError:
            day = None
        if day is None:
            raise MeetingLookupError(f"看不懂“{text}”。请写会议的日期和类型（如 2025-03-05 支委会）、"
                                     "年度和次数（如 2025年支委会第3次），或会议编号。")
        kind, group = _split_kind(rest)
        query = Meeting.select().where(Meeting.date == day)
        if kind:
            query = query.where(Meeting.kind == kind)
    if group:
        query = query.where(Meeting.party_group == group)
    found = list(query.order_by(Meeting.date, Meeting.id))
    if not found:
        raise MeetingLookupError(f"没有找到“{text}”这次会议。")
    if len(found) > 1:
        raise MeetingLookupError(f"“{text}”有 {len(found)} 次会议：{'；'.join(map(_describe, found[:6]))}。"
                                 "请再写上会议类型或党小组。")
    return found[0].id
