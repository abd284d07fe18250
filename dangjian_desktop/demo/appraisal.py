"""The demo's 民主评议党员 and 谈心谈话 of 2025, written through the services: the appraisal held with December's
组织生活会 (one member excused, six 优秀 of the participants, the rest 合格, each with a ballot that agrees), and
the year's talks, complete but for one pair."""

from __future__ import annotations

import datetime as dt
import random
from itertools import combinations

from dangjian_desktop.domain.rules.membership import on_rolls_expr, rolls_periods
from dangjian_desktop.services.appraisal import appraisal_entries, appraisals, enrol
from dangjian_desktop.services.committee import committee_members
from dangjian_desktop.services.talk import set_assignments, talks
from dangjian_desktop.store.models import AppraisalEntry, Meeting, Member


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def write_appraisal(data: dict, member_ids: dict[str, int], rng: random.Random) -> None:
    plan = data["appraisal"]
    year = plan["year"]
    meeting = Meeting.get_or_none((Meeting.kind == "民主评议党员") & (Meeting.date == _day(plan["meeting_date"])))
    appraisals.create({"year": year, "meeting": meeting.id if meeting else None,
                       **{name: _day(day) for name, day in plan["steps"].items()}})
    enrol(year)
    entries = list(AppraisalEntry.select().where(AppraisalEntry.year == year).order_by(AppraisalEntry.id))
    names = {member_id: name for name, member_id in member_ids.items()}
    ballots = len(entries) - len(plan["excused"])
    for entry in entries:
        name = names.get(entry.member_id, "")
        if name in plan["excused"]:
            appraisal_entries.update(entry.id, {"excused": plan["excused"][name]})
            continue
        if name in plan["excellent"]:
            excellent = ballots // 2 + 1 + rng.randrange(ballots // 3)
            votes, grade = (excellent, ballots - excellent, 0, 0), "优秀"
        else:
            excellent = rng.randrange(ballots // 3)
            basic = rng.randrange(2)
            votes, grade = (excellent, ballots - excellent - basic, basic, 0), "合格"
        appraisal_entries.update(entry.id, {"grade": grade, "self_assessment": plan["self_assessment"],
                                            **dict(zip(("votes_excellent", "votes_qualified", "votes_basic",
                                                        "votes_unqualified"), votes, strict=True))})


def write_talks(data: dict, member_ids: dict[str, int], rng: random.Random) -> None:
    plan = data["talks"]
    year = plan["year"]
    last = dt.date(year, 12, 31)
    committee = committee_members(last)
    secretary = committee[0].member_id
    by_group = {group: member_ids[name] for group, name in plan["assign"].items()}
    ids = {h.member_id for h in committee}
    people = list(Member.select().where(on_rolls_expr(last)))
    others = [m for m in people if m.id not in ids]
    by_id = {m.id: m for m in people}
    set_assignments({m.id: by_group[m.party_group] for m in others if m.party_group in by_group})
    pairs = [(a.member_id, b.member_id, "支委之间") for a, b in combinations(committee, 2)]
    pairs += [(by_group.get(m.party_group, secretary), m.id, "支委与党员") for m in others]
    skipped = {member_ids[name] for name in plan["missing"]}
    for number, (talker, partner, kind) in enumerate(pairs):
        if {talker, partner} == skipped:
            continue
        day = dt.date(year, 3 + number * 9 // len(pairs), 5 + rng.randrange(20))
        arrived = rolls_periods(by_id[partner])[-1][0]  # one who came in the year talks after coming
        day = max(day, arrived + dt.timedelta(days=14))
        talks.create({"date": day, "kind": kind, "talker": talker, "partner": partner, "place": plan["place"],
                      "topic": plan["topics"][number % len(plan["topics"])], "points": plan["points"],
                      "follow_up": plan["follow_up"]})
