"""Build (or reuse) a ten-year database through the core services, for the benchmark.

2016–2025: 200 members with their development milestones, 5,000 meetings with 60,000 attendance rows,
10,000 activities, 500 rectification items, 40 partners, and ten years of 党费 (a base for every member and
year, every month paid, each quarter handed up). Every record goes through its service's
`create`, so validation and history apply; the only concession to speed is one transaction per batch.
The built file is cached under /tmp (keyed by this file and the schema), so repeated runs reuse it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from dangjian_desktop.common.dates import add_months, add_years
from dangjian_desktop.domain.rules import dues as dues_rule
from dangjian_desktop.domain.rules.membership import on_rolls
from dangjian_desktop.domain.validation import ID_CHECK_CODES, ID_WEIGHTS
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.dues import dues_bases, dues_remittances, pay_months
from dangjian_desktop.services.meeting import AttendanceRow, meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.partner import partners
from dangjian_desktop.services.party_event import party_events
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.services.settings import save_settings
from dangjian_desktop.store import migrations
from dangjian_desktop.store.connection import close_database, db
from dangjian_desktop.store.models import (
    COMMITTEE_POSTS,
    PARTNER_KINDS,
    RECTIFICATION_SOURCES,
    ActivityCategory,
    DuesPayment,
    Member,
)
from dangjian_desktop.store.session import open_database

FIRST_YEAR, LAST_YEAR = 2016, 2025
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
N_MEMBERS, N_MEETINGS, N_ATTENDANCE = 200, 5_000, 60_000
N_ACTIVITIES, N_RECTIFICATIONS, N_PARTNERS = 10_000, 500, 40
GROUPS = tuple(f"第{n}党小组" for n in "一二三四五六七八九十")
BATCH = 500
LATEST = dt.date(LAST_YEAR + 1, 6, 30)  # no milestone after this (the services refuse future dates)
CACHE_DIR = Path("/tmp/dangjian_bench")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢单解仇查朴"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红文辉建国志晓燕雪梅琳丹宇浩然思远佳怡欣悦堃喆镕昇玥珺祎"
TOPICS = ("学习贯彻党的二十大精神", "学习《中国共产党章程》", "师德师风建设专题学习", "“双减”政策落实情况交流",
          "党史学习教育", "主题教育专题学习", "学习习近平总书记重要讲话精神", "廉洁从教专题教育",
          "发展党员工作讨论", "支部年度工作计划研究", "党员示范课安排", "意识形态工作专题研究")
PLACES = ("党员活动室", "学校会议室", "图书馆报告厅", "多功能厅")
ACTIVITY_TITLES = {
    "示范课": ("党员示范课：{}", ("语文", "数学", "英语", "科学", "道德与法治", "音乐", "美术", "体育")),
    "专题讲座": ("专题讲座：{}", ("家庭教育", "心理健康", "安全教育", "法治教育", "廉洁文化")),
    "师德讲堂": ("师德讲堂：{}", ("身边的好老师", "教育家精神", "师德规范解读")),
    "志愿服务": ("志愿服务：{}", ("暑期托管", "社区宣讲", "文明交通", "敬老院慰问")),
    "红色教育": ("行走的思政课：{}", ("新四军纪念馆", "革命烈士陵园", "红色档案馆", "名人故居")),
    "护学岗": ("党员护学岗：{}", ("校门口值守", "放学路队护送")),
    "共建活动": ("共建活动：{}", ("结对帮扶", "联合主题党日", "送教下乡", "思政联盟教研")),
    "其他": ("{}", ("党建宣传栏更新", "党员政治生日", "读书分享会")),
}
LEAVE_REASONS = ("外出培训", "病假", "事假", "公派外出学习")
MINUTES = ("书记传达学习内容，党员逐一交流学习体会。{}同志谈到要把学习成果转化为教育教学实效；"
           "{}同志结合本职工作谈了认识和打算。会议要求全体党员立足岗位、发挥先锋模范作用。")


def cache_path() -> Path:
    """The cached file for this builder and schema: rebuilt whenever either changes (the schema steps' source,
    not only their number: an unreleased step may still change)."""
    digest = hashlib.sha256(Path(__file__).read_bytes() + Path(migrations.__file__).read_bytes())
    return CACHE_DIR / f"large-{digest.hexdigest()[:12]}.db"


def large_db(rebuild: bool = False, verbose: bool = True) -> Path:
    """The path of the built ten-year database, building it first if it is not cached."""
    path = cache_path()
    if path.exists() and not rebuild:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".building")
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        stale.unlink(missing_ok=True)
    started = time.perf_counter()
    counts = build(partial, verbose)
    close_database()
    for old in CACHE_DIR.glob("large-*.db"):  # earlier builds of another builder or schema
        old.unlink()
    shutil.move(partial, path)
    if verbose:
        print(f"已生成大数据库 {path}（{time.perf_counter() - started:.0f} 秒）：{counts}")
    return path


def build(path: Path, verbose: bool = True) -> dict[str, int]:
    open_database(path)
    rng = random.Random(2016)
    save_settings(branch_name="某某实验小学党支部", parent_committee="某某区教育局党委",
                  committee_term_start=dt.date(2023, 9, 1), vacation_months=(2, 8))
    steps = [("党员", _members), ("党籍变动", _party_events), ("共建单位", _partners), ("会议", _meetings), ("活动", _activities),
             ("整改事项", _rectifications), ("党费基数", _dues_bases), ("党费交纳", _dues_payments),
             ("党费上缴", _dues_remittances)]
    counts = {}
    for label, step in steps:
        started = time.perf_counter()
        counts[label] = _in_batches(step(rng))
        if verbose:
            print(f"  {label} {counts[label]} 条，{time.perf_counter() - started:.1f} 秒", flush=True)
    db.execute_sql("PRAGMA optimize")
    return counts


def _in_batches(creates: Iterable[object]) -> int:
    """Run the services' creates (each already one savepoint) inside one transaction per batch."""
    count = 0
    iterator = iter(creates)
    while True:
        with db.atomic():
            done = sum(1 for _ in zip(range(BATCH), iterator, strict=False))
        count += done
        if done < BATCH:
            return count


# -- members -------------------------------------------------------------------------------------

def _id_number(birth: dt.date, serial: int, male: bool) -> str:
    sequence = serial % 500 * 2 + (1 if male else 0)
    body = f"320402{birth:%Y%m%d}{sequence:03d}"
    return body + ID_CHECK_CODES[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def _member_data(rng: random.Random, n: int) -> dict:
    """One member; about 110 joined before 2016, 70 were developed during the ten years, 20 are on the way."""
    if n < 110:
        probation = dt.date(rng.randint(1985, 2015), rng.randint(1, 12), rng.randint(1, 28))
    elif n < 180:
        probation = dt.date(rng.randint(2016, 2024), rng.randint(1, 12), rng.randint(1, 28))
    else:
        probation = None
    activist = (probation - dt.timedelta(days=rng.randint(500, 900)) if probation
                else dt.date(rng.randint(2022, 2025), rng.randint(1, 12), rng.randint(1, 28)))
    applied = activist - dt.timedelta(days=rng.randint(60, 400))
    birth = add_years(applied, -rng.randint(22, 35))
    male = rng.random() < 0.35
    data = {
        "name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
        "gender": "男" if male else "女", "ethnicity": "汉族", "education": rng.choice(("大学本科", "研究生")),
        "id_number": _id_number(birth, n, male), "job_title": rng.choice(("语文教师", "数学教师", "英语教师", "班主任")),
        "party_group": GROUPS[n % len(GROUPS)], "phone": f"139{n:08d}",
        "applied_on": applied, "activist_on": activist, "status": "正常",
    }
    candidate = add_years(activist, 1) + dt.timedelta(days=rng.randint(0, 120))
    if probation or candidate <= LATEST:  # those still on the way become 发展对象 when their year is up
        data["candidate_on"] = candidate
    if probation:
        data["candidate_on"] = min(data["candidate_on"], probation - dt.timedelta(days=30))
        data["probation_on"] = probation
        extension = 6 if n % 25 == 3 else 0
        data["probation_extension_months"] = extension
        full = add_months(add_years(probation, 1), extension)
        if full <= LATEST:
            data["full_on"] = full
    if n < len(COMMITTEE_POSTS):
        data["party_post"] = COMMITTEE_POSTS[n]
    elif n < len(COMMITTEE_POSTS) + len(GROUPS):
        data["party_post"] = "党小组长"
    if 20 <= n < 180 and n % 11 == 0:
        data["status"] = "转出" if n % 2 else "去世"
        data["left_on"] = dt.date(rng.randint(max(2017, (probation or applied).year + 1), 2025), 7, 1)
    return data


def _members(rng: random.Random) -> Iterator[object]:
    for n in range(N_MEMBERS):
        yield members.create(_member_data(rng, n))


def _party_events(rng: random.Random) -> Iterator[object]:
    """Besides the leavers of `_member_data`: members who transferred out and came back, some who transferred in
    from elsewhere, one 停止党籍 and restored, one 除名 (never the committee or the group leaders, who host)."""
    people = list(Member.select().order_by(Member.id))
    for n, person in enumerate(people):
        if n < 15 or person.status != "正常" or person.probation_on is None or n >= 110:
            continue
        if n % 13 == 4:
            yield party_events.create({"member": person.id, "kind": "转出", "date": dt.date(2018, 3, 1),
                                       "organisation": "某某区实验小学党支部", "letter_no": f"转〔2018〕{n}号",
                                       "receipt_on": dt.date(2018, 3, 20)})
            yield party_events.create({"member": person.id, "kind": "转入", "date": dt.date(2020, 9, 1),
                                       "organisation": "某某区实验小学党支部"})
        elif n % 17 == 7:
            day = dt.date(rng.randint(max(person.probation_on.year + 1, FIRST_YEAR), LAST_YEAR - 1), 9, 1)
            yield party_events.create({"member": person.id, "kind": "转入", "date": day,
                                       "organisation": "某某师范大学党委", "file_arrived_on": day})
        elif n == 31:
            yield party_events.create({"member": person.id, "kind": "停止党籍", "date": dt.date(2019, 5, 1),
                                       "decided_by": "某某区教育局党委"})
            yield party_events.create({"member": person.id, "kind": "恢复党籍", "date": dt.date(2020, 5, 1),
                                       "decided_by": "某某区教育局党委"})
        elif n == 40:
            yield party_events.create({"member": person.id, "kind": "出党", "manner": "除名",
                                       "date": dt.date(2022, 10, 1), "decided_by": "某某区教育局党委"})


def _partners(rng: random.Random) -> Iterator[object]:
    for n in range(N_PARTNERS):
        yield partners.create({
            "name": f"{('某某大学', '某某中学', '某某社区', '某某纪念馆', '某某法院')[n % 5]}{n + 1}号共建点",
            "kind": PARTNER_KINDS[n % len(PARTNER_KINDS)], "since": dt.date(rng.choice(YEARS), 3, 1),
            "contact": rng.choice(SURNAMES) + "老师", "phone": f"0519-8{n:07d}", "address": f"某某路{n + 1}号",
            "description": "开展结对共建、联合主题党日和志愿服务。"})


# -- meetings ------------------------------------------------------------------------------------

def _meeting_plan() -> list[tuple[str, dt.date, str]]:
    """(kind, date, party group) of the meetings the rules ask for, every year."""
    plan = []
    for year in YEARS:
        for month in range(1, 13):
            plan.append(("主题党日", dt.date(year, month, 10), ""))
            plan.append(("支委会", dt.date(year, month, 5), ""))
            plan.extend(("党小组会", dt.date(year, month, 12 + g), group) for g, group in enumerate(GROUPS))
        plan.extend(("支部党员大会", dt.date(year, q * 3, 28), "") for q in range(1, 5))
        plan.extend(("党课", dt.date(year, q * 3 - 1, 26), "") for q in range(1, 5))
        plan.append(("组织生活会", dt.date(year, 12, 18), ""))
        plan.append(("民主评议党员", dt.date(year, 12, 22), ""))
    return plan


def _full_plan(rng: random.Random, people: list[Member]) -> list[tuple[str, dt.date, str, list[Member]]]:
    """Every meeting with the members registered at it: the regular ones, extra 党小组会 until the
    attendance rows reach 60,000, then 其他 (谈心谈话, without a register) up to 5,000 meetings."""
    plan = [(kind, day, group, _pool(kind, day, group, people)) for kind, day, group in _meeting_plan()]
    remaining = N_ATTENDANCE - sum(len(pool) for *_, pool in plan)
    if remaining < 0:
        raise RuntimeError(f"too many attendance rows in the regular meetings: {N_ATTENDANCE - remaining}")
    days = (dt.date(LAST_YEAR, 12, 31) - dt.date(FIRST_YEAR, 1, 1)).days
    while remaining:
        day = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=rng.randint(0, days))
        group = rng.choice(GROUPS)
        pool = _pool("党小组会", day, group, people)[:remaining]
        plan.append(("党小组会", day, group, pool))
        remaining -= len(pool)
    while len(plan) < N_MEETINGS:
        plan.append(("其他", dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=rng.randint(0, days)), "", []))
    plan.sort(key=lambda item: item[1])
    return plan


def _on_rolls(people: list[Member], day: dt.date) -> list[Member]:
    return [m for m in people if on_rolls(m, day)]


def _pool(kind: str, day: dt.date, group: str, people: list[Member]) -> list[Member]:
    rolls = _on_rolls(people, day)
    if kind == "支委会":
        return [m for m in rolls if m.party_post in COMMITTEE_POSTS]
    if kind == "党小组会":
        return [m for m in rolls if m.party_group == group]
    return rolls


def _attendance(rng: random.Random, pool: list[Member]) -> list[AttendanceRow]:
    rows = []
    for m in pool:
        roll = rng.random()
        if roll < 0.9:
            rows.append(AttendanceRow(m.id, "出席"))
        elif roll < 0.97:
            rows.append(AttendanceRow(m.id, "请假", rng.choice(LEAVE_REASONS)))
        else:
            rows.append(AttendanceRow(m.id, "缺席", "个人原因未到会"))
    return rows


def _meetings(rng: random.Random) -> Iterator[object]:
    people = list(Member.select())
    for kind, day, group, pool in _full_plan(rng, people):
        committee = [m for m in _on_rolls(people, day) if m.party_post in COMMITTEE_POSTS]
        host, recorder = committee[0], committee[-1]
        names = [m.name for m in pool[:2]] or [host.name, recorder.name]
        data = {
            "kind": kind, "date": day, "start_time": "15:30", "end_time": "17:00", "place": rng.choice(PLACES),
            "topic": rng.choice(TOPICS) if kind != "其他" else "谈心谈话：" + rng.choice(TOPICS),
            "party_group": group, "host": host.id, "recorder": recorder.id,
            "lecturer": host.id if kind == "党课" else None,
            "first_topic": "学习习近平总书记关于教育的重要论述。", "agenda": "一、集中学习；二、交流研讨；三、布置工作。",
            "minutes": MINUTES.format(*(names * 2)[:2]) * 3, "resolution": "会议议定事项按分工落实。",
            "attendance": _attendance(rng, pool),
        }
        yield meetings.create(data)


# -- activities and rectifications ---------------------------------------------------------------

def _activities(rng: random.Random) -> Iterator[object]:
    categories = list(ActivityCategory.select())
    partner_ids = [p.id for p in partners.model.select(partners.model.id)]
    names = [m.name for m in Member.select(Member.name)]
    days = (dt.date(LAST_YEAR, 12, 31) - dt.date(FIRST_YEAR, 1, 1)).days
    seen: set[tuple] = set()  # an Excel import refuses two activities alike in all of these
    while len(seen) < N_ACTIVITIES:
        category = rng.choice(categories)
        pattern, subjects = ACTIVITY_TITLES.get(category.name, ("{}", ("主题活动",)))
        people = rng.sample(names, 4)
        data = {
            "category": category.id, "title": pattern.format(rng.choice(subjects)),
            "date": dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=rng.randint(0, days)),
            "place": rng.choice(PLACES), "organiser": people[0], "participants": "、".join(people),
            "partner": rng.choice(partner_ids) if category.name in ("共建活动", "红色教育") else None,
            "participant_count": rng.randint(5, 60), "quantity": rng.choice((1, 1, 2)) if category.unit == "节" else 1,
            "description": "活动按计划开展，党员积极参与，取得良好效果。"}
        key = (category.id, data["date"], data["title"], data["place"], data["organiser"])
        if key not in seen:
            seen.add(key)
            yield activities.create(data)


def _rectifications(rng: random.Random) -> Iterator[object]:
    meetings_by_year = {m.date.year: m.id for m in meetings.model.select().where(meetings.model.kind == "组织生活会")}
    for n in range(N_RECTIFICATIONS):
        year = FIRST_YEAR + n * len(YEARS) // N_RECTIFICATIONS
        source = RECTIFICATION_SOURCES[n % len(RECTIFICATION_SOURCES)]
        found = dt.date(year, 12, 18) if source == "组织生活会" else dt.date(year, rng.randint(1, 11), 15)
        deadline = found + dt.timedelta(days=rng.randint(60, 240))
        done = year < LAST_YEAR or n % 3 == 0
        yield rectifications.create({
            "source": source, "meeting": meetings_by_year.get(year) if source == "组织生活会" else None,
            "found_on": found, "problem": f"第{n + 1}项：理论学习的系统性不够，学用结合不紧。",
            "cause": "对理论学习重要性认识不足。", "measure": "制定学习计划，每月开展一次专题学习。",
            "owner": rng.choice(SURNAMES) + "书记", "deadline": deadline,
            "status": "已完成" if done else rng.choice(("未开始", "整改中")),
            "completed_on": min(deadline, dt.date(LAST_YEAR, 12, 31)) if done else None,
            "evidence": "学习记录" if done else "", "review": "已复查，整改到位。" if done else ""})


# -- 党费 ----------------------------------------------------------------------------------------

def _dues_bases(rng: random.Random) -> Iterator[object]:
    """A base for every member on the rolls in some month of each year, a rise of 3% a year."""
    for person in Member.select().where(Member.probation_on.is_null(False)):
        pay = rng.randrange(350_000, 1_200_000)
        for year in YEARS:
            if any(dues_rule.owes(person, year, month) for month in range(1, 13)):
                yield dues_bases.create({"member": person.id, "year": year, "from_month": 1, "category": "在职",
                                         "base": pay})
            pay = pay * 103 // 100


def _dues_payments(rng: random.Random) -> Iterator[object]:
    """Every month each member owes, paid one by one (one in twenty a month late)."""
    for person in Member.select().where(Member.probation_on.is_null(False)):
        for year in YEARS:
            for month in range(1, 13):
                if dues_rule.owes(person, year, month):
                    late = rng.random() < 0.05
                    day = dt.date(year + (month == 12 and late), (month % 12 + 1) if late else month, 10)
                    yield pay_months(person.id, year, [month], day, receipt=f"DF{year}{month:02d}-{person.id:03d}")


def _dues_remittances(_rng: random.Random) -> Iterator[object]:
    for year in YEARS:
        for quarter in range(4):
            first, last = quarter * 3 + 1, quarter * 3 + 3
            amount = sum(p.amount for p in DuesPayment.select(DuesPayment.amount).where(
                (DuesPayment.year == year) & DuesPayment.month.between(first, last)))
            yield dues_remittances.create({"remitted_on": dt.date(year + (last == 12), last % 12 + 1, 15), "year": year,
                                           "first_month": first, "last_month": last, "amount": amount,
                                           "receipt": f"SJ{year}-{quarter + 1:02d}"})


def main() -> None:
    parser = argparse.ArgumentParser(description="生成或复用基准测试用的十年数据库")
    parser.add_argument("--rebuild", action="store_true", help="忽略缓存，重新生成")
    path = large_db(rebuild=parser.parse_args().rebuild)
    print(path)


if __name__ == "__main__":
    main()
