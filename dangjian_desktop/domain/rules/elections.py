"""支部委员会 elections (《中国共产党基层组织选举工作条例》): the vote counts only when more than four fifths of the
members entitled to vote are present; one is elected with the votes of more than half of those entitled to vote;
委员 are elected from more candidates than seats (差额, at least 20% more). The term is 3 or 5 years from the
election; 换届 is due when it ends, and the branch is reminded six and three months before."""

from __future__ import annotations

from dataclasses import dataclass

QUORUM = (4, 5)  # more than four fifths present
SURPLUS = 0.2  # at least 20% more candidates than seats
TERM_WARNING_MONTHS, TERM_URGENT_MONTHS = 6, 3


@dataclass(frozen=True)
class Line:
    number: int  # the line of the text, from 1
    name: str
    value: str  # votes, or the post


class LineError(ValueError):
    """A line that is not "姓名 值"; the message says which and how to write it."""


def lines(text: str, what: str) -> list[Line]:
    """The non-blank lines of a text as (name, value), a name and a value apart by a space, comma or colon."""
    found = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().replace("：", " ").replace(":", " ").replace("，", " ").replace(",", " ").replace("\t", " ")
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2:
            raise LineError(f"第{number}行“{raw.strip()}”应写成“姓名 {what}”，一行一人。")
        found.append(Line(number, parts[0], parts[1]))
    return found


def quorate(expected: int, present: int) -> bool:
    return present * QUORUM[1] > expected * QUORUM[0]


def elected_with(votes: int, expected: int) -> bool:
    return votes * 2 > expected


def enough_candidates(candidates: int, seats: int) -> bool:
    return candidates >= seats * (1 + SURPLUS)
