"""The demo database: the year 2025 of a primary-school party branch (政平小学), written through the services.

The records are data, in `resources/demo/demo-2025.json`; this builder only writes them, as a user would,
through the services (so the demo obeys the same rules as typed-in data). It recreates
`2025-summary.txt`: 主题党日 12, 书记党课 5, 支委会 12, 支部党员大会 6, 示范课 41 节, 专题讲座 20 次, one 转正,
three young teachers in development, the new partner units and the three problems of the 组织生活会; a few
records of 2026 give the current year something to show, the dues (demo/dues.py) run up to today, and
the year's appraisal and talks (demo/appraisal.py) are held. Absences and remarks come from a seeded random
generator, so every run writes the same database.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dangjian_desktop.common.paths import resource_path
from dangjian_desktop.demo.appraisal import write_appraisal, write_talks
from dangjian_desktop.demo.dues import write_dues
from dangjian_desktop.demo.photos import write_photos
from dangjian_desktop.demo.transfers import away_at, write_transfers
from dangjian_desktop.domain.validation import id_check_digit
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.category import add_category
from dangjian_desktop.services.development import record_step
from dangjian_desktop.services.meeting import AttendanceRow, expected_members, meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.partner import partners
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.services.settings import save_settings
from dangjian_desktop.store.backup import backup_named
from dangjian_desktop.store.connection import DatabaseError, acting_user, close_database, db, set_acting_user
from dangjian_desktop.store.file_check import check_database_file
from dangjian_desktop.store.models import (
    Activity,
    ActivityCategory,
    AppraisalEntry,
    Attachment,
    Attendance,
    DevelopmentStep,
    DuesPayment,
    Election,
    Meeting,
    Member,
    MobileSpell,
    Partner,
    PartyEvent,
    Rectification,
    Talk,
)
from dangjian_desktop.store.restore import set_aside
from dangjian_desktop.store.session import open_database

DATA_FILE = "demo-2025.json"


@lru_cache(maxsize=1)
def demo_data() -> dict[str, Any]:
    """The demo's records as the resource file holds them."""
    return json.loads(resource_path("demo", DATA_FILE).read_text(encoding="utf-8"))


DEMO_AUTHOR = "演示数据"


def write_demo(path: Path) -> dict[str, int]:
    """Write the demo database at `path` (replacing any file there); return counts by Chinese label.

    The database is left open at `path`.
    """
    path = Path(path)
    close_database()
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)
    open_database(path)
    data = demo_data()
    rng = random.Random(2025)
    clerk = acting_user()
    set_acting_user(DEMO_AUTHOR)  # the history says who wrote the records: the demo, not whoever ran it
    try:
        with db.atomic():
            save_settings(**{k: _day(v) if k.endswith("_start") else v for k, v in data["settings"].items()})
            for category in data["new_categories"]:
                add_category(category["name"], category["unit"])
            partner_ids = _write_partners(data, rng)
            member_ids = _write_members(data, rng)
            write_transfers(data, member_ids)
            for name, steps in data["development_steps"].items():
                for step in steps:
                    record_step(member_ids[name], step["step"], _day(step["date"]), step["note"])
            meeting_ids = _write_meetings(data, rng, member_ids)
            _write_activities(data, partner_ids)
            write_photos(data)
            _write_rectifications(data, meeting_ids)
            write_dues(data, member_ids, rng, dt.date.today())
            write_appraisal(data, member_ids, rng)
            write_talks(data, member_ids, rng)
    finally:
        set_acting_user(clerk)
    return {
        "党员": Member.select().count(),
        "会议": Meeting.select().count(),
        "出席记录": Attendance.select().count(),
        "发展步骤": DevelopmentStep.select().count(),
        "活动": Activity.select().count(),
        "活动类别": ActivityCategory.select().count(),
        "共建单位与阵地": Partner.select().count(),
        "整改事项": Rectification.select().count(),
        "党费交纳": DuesPayment.select().count(),
        "评议结果": AppraisalEntry.select().count(),
        "谈心谈话": Talk.select().count(),
        "党籍变动": PartyEvent.select().count(),
        "流动党员": MobileSpell.select().count(),
        "附件": Attachment.select().count(),
        "换届选举": Election.select().count(),
    }


@dataclass(frozen=True)
class DemoResult:
    counts: dict[str, int]
    safety_backup: Path | None  # the records the file held before, saved first
    set_aside: Path | None  # a file there that was no database of ours, renamed untouched


def replace_with_demo(target: Path) -> DemoResult:
    """Put the demo database at `target` without ever losing what was there: the demo is written beside it
    and moved in only when complete; a database of ours there is backed up first (named in the result),
    anything else is renamed aside untouched. Hold `target`'s one-writer lock while calling this. On any
    failure (a full disk, say) the target is as it was and no part is left behind."""
    target = Path(target)
    part = target.with_name(f".{target.name}.demo-part")
    companions = [part.with_name(part.name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
    for leftover in companions:
        leftover.unlink(missing_ok=True)
    try:
        counts = write_demo(part)
        close_database()
        with closing(sqlite3.connect(part)) as connection:
            connection.execute("PRAGMA journal_mode=DELETE")  # one self-contained file to move in
        safety = aside = None
        if target.exists() and target.stat().st_size > 0:
            try:
                check_database_file(target)
            except DatabaseError:
                aside = set_aside(target)
            else:
                safety = backup_named(target, "before-demo")
                _fold_in_wal(target)
        os.replace(part, target)
    except BaseException:
        close_database()
        for leftover in companions:
            leftover.unlink(missing_ok=True)
        raise
    return DemoResult(counts, safety, aside)


def _fold_in_wal(database: Path) -> None:
    """Write the database's -wal into it and remove the -wal and -shm: nothing committed is lost, and no
    old -wal is ever read with the file that takes its place."""
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _quoted(text: str) -> str:
    """“text”, its own quotation marks turned into single ones."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def _id_number(region: str, born: dt.date, serial: int, male: bool) -> str:
    """A 身份证号 of the region; the serial's last digit is odd for men."""
    body = f"{region}{born:%Y%m%d}{serial % 100:02d}{1 if male else 2}"
    return body + id_check_digit(body)


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"


def _write_partners(data: dict, rng: random.Random) -> dict[str, int]:
    return {p["name"]: partners.create({**p, "since": _day(p["since"]),
                                        "phone": f"0519-8{rng.randrange(10**7):07d}"}).record.id
            for p in data["partners"]}


def _write_members(data: dict, rng: random.Random) -> dict[str, int]:
    people = [{"applied": "", "activist": "", "candidate": "", "probation": m["joined"],
               "full": f"{int(m['joined'][:4]) + 1}{m['joined'][4:]}", **m} for m in data["members"]]
    people += [{**m, "post": ""} for m in data["development"]]
    ids = {}
    for serial, p in enumerate(people, start=1):
        birth = _day(p["born"])
        ids[p["name"]] = members.create({
            "name": p["name"], "gender": p["gender"], "ethnicity": p.get("ethnicity", "汉族"), "birth_date": birth,
            "id_number": _id_number(data["region"], birth, serial, p["gender"] == "男"),
            "education": p["education"], "job_title": p["job"], "party_post": p["post"], "party_group": p["group"],
            "phone": _phone(rng), "status": "正常", "applied_on": _day(p["applied"]),
            "activist_on": _day(p["activist"]), "candidate_on": _day(p["candidate"]),
            "probation_on": _day(p["probation"]), "full_on": _day(p["full"]),
        }).record.id
    return ids


def _meeting_plan(data: dict) -> list[dict[str, Any]]:
    """Every meeting (the branch's, and each group's 党小组会 on the group days), in date order."""
    groups = sorted({m["group"] for m in data["members"]})
    plan = [{**m, "date": _day(m["date"]), "group": ""} for m in data["meetings"]]
    plan += [{**m, "date": _day(m["date"]), "kind": "党小组会", "place": "", "group": group}
             for m in data["group_meetings"] for group in groups]
    return sorted(plan, key=lambda m: (m["date"], m["kind"]))


def _write_meetings(data: dict, rng: random.Random, ids: dict[str, int]) -> dict[tuple[str, str], int]:
    names = {member_id: name for name, member_id in ids.items()}
    leaders = {m["group"]: m["name"] for m in data["members"] if m["post"] == "党小组长"}
    extras = {(e["date"], e["kind"]): e for e in data["extras"]}
    written = {}
    for m in _meeting_plan(data):
        day, kind, topic, group = m["date"], m["kind"], m["topic"], m["group"]
        usual = data["kind_defaults"][kind]
        host, recorder = usual["host"], usual["recorder"]
        expected = [p.id for p in expected_members(kind, day, group)]
        mobile = away_at(data, ids, day)
        if group:
            host = leaders[group]
            recorder = next(names[i] for i in expected if names[i] != host and i not in mobile)
        lecturer = data["lecturer"] if kind == "党课" else ""
        extra = extras.get((day.isoformat(), kind), {})
        busy = {ids[host], ids[recorder], ids.get(lecturer, 0), ids.get(extra.get("vote_on"), 0)}
        away = _absentees(data, rng, kind, expected, busy | set(mobile))
        away.update((i, AttendanceRow(i, "请假", reason)) for i, reason in mobile.items() if i in expected)
        present = [i for i in expected if i not in away]
        points = extra.get("points") or [(names[i], rng.choice(data["remarks"]))
                                         for i in rng.sample([i for i in present if i not in busy], 2)]
        first_topic = data["first_topics"].get(m["first_topic"], "")
        opening = [f"{host}：{'领学第一议题，' if first_topic else ''}"
                   + ("介绍本次党课。" if lecturer else f"就{_quoted(topic)}作说明。")]
        opening += [f"{lecturer}：以{_quoted(topic)}为题讲授党课。"] * bool(lecturer)
        items = [f"第一议题：{first_topic}"] * bool(first_topic) + [topic, "其他事项"]
        record = {
            "kind": kind, "date": day, "start_time": usual["start"], "end_time": usual["end"],
            "place": m["place"] or usual["place"], "topic": topic, "party_group": group, "host": ids[host],
            "recorder": ids[recorder], "lecturer": ids.get(lecturer), "guests": extra.get("guests", ""),
            "first_topic": first_topic,
            "agenda": "\n".join(f"{'一二三'[n]}、{item}" for n, item in enumerate(items)),
            "minutes": "\n".join([*opening, *(f"{who}：{what}" for who, what in points),
                                  f"{host}：会议要求全体同志把学习成果转化为教书育人的实际行动。"]),
            "resolution": extra.get("resolution", data["resolutions"].get(kind, "")),
            "attendance": [away.get(i, AttendanceRow(i, "出席")) for i in expected],
        }
        if "vote_on" in extra:
            record.update(_votes(day, present, ids[extra["vote_on"]]))
        written[(day.isoformat(), kind)] = meetings.create(record).record.id
    return written


def _absentees(data: dict, rng: random.Random, kind: str, expected: list[int],
               busy: set[int]) -> dict[int, AttendanceRow]:
    """Who is away from one meeting, with a reason: at most one of a committee, at most two of the branch."""
    wanted = 0 if rng.random() < 0.5 else 1 if kind == "支委会" or rng.random() < 0.6 else 2
    rows = {}
    for member_id in rng.sample([i for i in expected if i not in busy], wanted):
        if rng.random() < 0.1:
            rows[member_id] = AttendanceRow(member_id, "缺席", "临时处理学生突发情况，未及时请假")
        else:
            rows[member_id] = AttendanceRow(member_id, "请假", rng.choice(data["leave_reasons"]))
    return rows


def _votes(day: dt.date, present: list[int], candidate: int) -> dict[str, int]:
    """Every full member present, other than the one voted on, votes for."""
    voters = Member.select().where(Member.id.in_(present) & (Member.id != candidate)
                                   & Member.full_on.is_null(False) & (Member.full_on <= day)).count()
    return {"votes_for": voters, "votes_against": 0, "votes_abstain": 0}


def _write_activities(data: dict, partner_ids: dict[str, int]) -> None:
    category_ids = {c.name: c.id for c in ActivityCategory.select()}
    rows = [{"category": "示范课", "date": lesson["date"], "title": f"党员示范课：{lesson['subject']}（{lesson['teacher']}）",
             "place": "录播教室", "partner": "", "organiser": lesson["teacher"],
             "participants": f"{lesson['subject']}教研组教师", "quantity": lesson["lessons"],
             "description": f"{lesson['teacher']}执教{lesson['content']}，课后说课、评课。"}
            for lesson in data["lessons"]]
    for a in rows + data["activities"]:
        activities.create({
            "category": category_ids[a["category"]], "title": a["title"], "date": _day(a["date"]),
            "place": a["place"] or a["partner"], "partner": partner_ids.get(a["partner"]),
            "organiser": a["organiser"], "participants": a["participants"],
            "participant_count": _headcount(data, a["participants"]), "quantity": a["quantity"],
            "description": _text(data, a["description"]),
        })


def _text(data: dict, text: str) -> str:
    """A text of the data file; "{name}" stands for one of its shared `texts`."""
    return data["texts"].get(text[1:-1], text) if re.fullmatch(r"\{[^{}]+\}", text) else text


def _headcount(data: dict, participants: str) -> int | None:
    """How many took part: the number written in the text (党员教师8人), or the size of a known group."""
    number = re.search(r"\d+", participants)
    return int(number.group()) if number else data["headcounts"].get(participants)


def _write_rectifications(data: dict, meeting_ids: dict[tuple[str, str], int]) -> None:
    found_on = data["rectification_found_on"]
    for r in data["rectifications"]:
        rectifications.create({
            **r, "source": "组织生活会", "meeting": meeting_ids[(found_on, "组织生活会")], "found_on": _day(found_on),
            "deadline": _day(r["deadline"]), "completed_on": _day(r["completed_on"]),
        })
