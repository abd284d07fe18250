"""A year's 谈心谈话 coverage: the pairs the rule asks for, the talks that cover them, and what is missing; the grid
the tab shows (rows: members on the rolls; columns: committee members) and the lines of the due list."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from dangjian_desktop.domain.rules import talks as rule
from dangjian_desktop.domain.rules.membership import on_rolls_during_expr, present
from dangjian_desktop.services.committee import committee_members
from dangjian_desktop.services.settings import load_settings
from dangjian_desktop.services.talk import assignments
from dangjian_desktop.store.models import Member, Talk


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    post: str
    party_group: str


@dataclass(frozen=True)
class TalkCoverage:
    year: int
    committee: list[Person]  # the grid's columns, 书记 first
    people: list[Person]  # the grid's rows: everyone on the rolls in the year, by 党小组
    talks: Counter = field(default_factory=Counter)  # pair → talks in the year
    required: set = field(default_factory=set)  # pairs the rule asks for
    without_member_talk: list[int] = field(default_factory=list)  # ordinary members lacking that talk

    def count(self, a: int, b: int) -> int:
        return self.talks[rule.pair(a, b)]

    def is_required(self, a: int, b: int) -> bool:
        return rule.pair(a, b) in self.required

    @property
    def missing(self) -> list[tuple[Person, Person]]:
        """Required pairs without a talk, as (member, committee member) in the grid's order; of two committee
        members the one of the senior post (书记 first) stands second, as the committee member."""
        columns = {p.id: i for i, p in enumerate(self.committee)}
        found = []
        for person in self.people:
            for other in self.committee:
                if person.id != other.id and self.is_required(person.id, other.id) and not self.count(person.id, other.id):
                    if person.id in columns and columns[person.id] < columns[other.id]:
                        continue  # a pair of two committee members is listed once, under the senior post
                    found.append((person, other))
        return found

    @property
    def done(self) -> int:
        return sum(1 for p in self.required if self.talks[p])

    def names(self, ids: list[int]) -> list[str]:
        by_id = {p.id: p.name for p in self.people}
        return [by_id[i] for i in ids if i in by_id]


def talk_coverage(year: int, today: dt.date | None = None) -> TalkCoverage:
    """The year's coverage in four queries (the people, the committee, the assignments, the talks)."""
    today = today or dt.date.today()
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    day = min(today, last)
    people = [Person(m.id, m.name, m.party_post, m.party_group) for m in Member.select().where(on_rolls_during_expr(first, last))
              .order_by(Member.party_group, Member.id) if present(m, day)]  # no pinyin: the overview reads this
    committee = [Person(h.member_id, h.name, h.party_post, h.party_group) for h in committee_members(day)]
    ids = {p.id for p in committee}
    others = [p.id for p in people if p.id not in ids]
    secretary = next((p.id for p in committee if p.post == "书记"), committee[0].id if committee else None)
    required = rule.required_pairs(ids, others, assignments(), secretary)
    pairs = list(Talk.select(Talk.talker, Talk.partner).where((Talk.date >= first) & (Talk.date <= last)).tuples())
    talks = Counter(rule.pair(a, b) for a, b in pairs if a != b)
    lacking = rule.missing_member_talks(others, pairs) if load_settings().talks_between_members else []
    return TalkCoverage(year, committee, people, talks, required, lacking)


def year_talks(year: int) -> list[Talk]:
    """The year's talks in date order, each with its two people (one query), for the printouts."""
    talker, partner = Member.alias(), Member.alias()
    return list(Talk.select(Talk, talker, partner).join(talker, on=(Talk.talker == talker.id))
                .switch(Talk).join(partner, on=(Talk.partner == partner.id))
                .where((Talk.date >= dt.date(year, 1, 1)) & (Talk.date <= dt.date(year, 12, 31)))
                .order_by(Talk.date, Talk.id))
