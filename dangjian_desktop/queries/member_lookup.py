"""A member named on the command line: by 身份证号, by name (when only one member has it) or by number.
One member, or a Chinese message saying why not (none, or which namesakes the name could mean)."""

from __future__ import annotations

import unicodedata

from dangjian_desktop.domain.fields import masked
from dangjian_desktop.store.models import Member


class MemberLookupError(Exception):
    """The words name no member, or more than one; the message says which and how to be precise."""


def find_member(text: str) -> int:
    """The id of the one member `text` names; MemberLookupError otherwise."""
    words = unicodedata.normalize("NFKC", text).strip()
    if not words:
        raise MemberLookupError("没有写党员：请写姓名、身份证号或编号。")
    if words.isdigit() and len(words) < 15:
        if Member.get_or_none(Member.id == int(words)) is None:
            raise MemberLookupError(f"找不到编号为 {words} 的党员，可能已被删除。")
        return int(words)
    found = list(Member.select().where((Member.id_number == words.upper()) | (Member.name == words)))
    if not found:
        raise MemberLookupError(f"找不到姓名或身份证号为“{text}”的党员。")
    if len(found) > 1:
        named = "；".join(f"编号 {m.id}（身份证号 {masked(m.id_number) or '未填'}）" for m in found)
        raise MemberLookupError(f"姓名为“{text}”的党员有{len(found)}位：{named}。请改写身份证号或编号。")
    return found[0].id
