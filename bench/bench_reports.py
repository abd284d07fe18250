"""Time the printouts: the year summary (target < 2 s) and a 500-page register book (< 15 s, < 300 MB peak).

Run from the repository root: `python -m bench.bench_reports`. Builds (once, cached under /tmp) through the
core services a year with 60 members and 300 meetings whose registers fill about 550 pages, then builds each
report in a fresh process so the time includes loading reportlab and the fonts, and the memory figure is
that process's peak RSS. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import subprocess
import sys
import time
from pathlib import Path

CACHE_DIR = Path("/tmp/dangjian_bench")
YEAR = 2025
N_MEMBERS, N_MEETINGS = 60, 300
TARGETS = {"summary": 2.0, "registers": 15.0}
MEMORY_TARGET_MB = 300
KINDS = ("支委会", "主题党日", "党课", "支部党员大会", "党小组会")
POSTS = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红文辉堃喆镕昇玥珺祎"
REMARKS = ("结合本学科教学实际，谈了学习体会，表示要把学习成果转化为课堂教学的实际成效。",
           "建议把理论学习与师德师风建设结合起来，在青年教师中开展结对带教，发挥党员示范作用。",
           "对照检查自身在工作作风方面的不足，提出下一阶段改进措施，主动承担护学岗和志愿服务任务。",
           "围绕“双减”政策落实，交流作业设计和课后服务的做法，提出进一步减轻学生负担的意见。")


def cache_path() -> Path:
    key = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:10]
    return CACHE_DIR / f"reports-{key}.db"


def build(path: Path) -> None:
    """60 full members (a committee of five, three groups) and 300 meetings of one year, with attendance."""
    from dangjian_desktop.services.activity import activities
    from dangjian_desktop.services.category import all_categories
    from dangjian_desktop.services.meeting import AttendanceRow, expected_members, meetings
    from dangjian_desktop.services.member import members
    from dangjian_desktop.services.settings import save_settings
    from dangjian_desktop.store.connection import close_database, db
    from dangjian_desktop.store.session import open_database

    rng = random.Random(YEAR)
    open_database(path)
    save_settings(branch_name="某某实验小学党支部")
    with db.atomic():
        people = []
        for n in range(N_MEMBERS):
            name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)] + (GIVEN[n % 11] if n % 3 else "")
            joined = dt.date(2000 + n % 20, 6, 1)
            people.append(members.create({
                "name": name, "gender": "男女"[n % 2], "birth_date": dt.date(1960 + n % 20, 3, 1 + n % 28),
                "status": "正常", "party_post": POSTS[n] if n < len(POSTS) else "",
                "party_group": f"第{'一二三'[n % 3]}党小组", "applied_on": joined - dt.timedelta(days=800),
                "activist_on": joined - dt.timedelta(days=700), "candidate_on": joined - dt.timedelta(days=200),
                "probation_on": joined, "full_on": joined.replace(year=joined.year + 1)}).record)
    for batch in range(0, N_MEETINGS, 50):
        with db.atomic():
            for n in range(batch, batch + 50):
                kind = KINDS[n % len(KINDS)]
                day = dt.date(YEAR, 1, 1) + dt.timedelta(days=n * 364 // N_MEETINGS)
                group = f"第{'一二三'[n % 3]}党小组" if kind == "党小组会" else ""
                expected = expected_members(kind, day, group)
                minutes = "\n".join(f"{rng.choice(people).name}：{rng.choice(REMARKS)}" for _ in range(6))
                meetings.create({
                    "kind": kind, "date": day, "start_time": "15:40", "end_time": "17:00", "place": "党员活动室",
                    "topic": f"第{n + 1}次组织生活：学习贯彻上级会议精神", "party_group": group,
                    "host": people[0].id, "recorder": people[2].id, "lecturer": people[0].id if kind == "党课" else None,
                    "first_topic": "学习习近平总书记最新重要讲话精神", "agenda": "一、学习；二、讨论；三、部署",
                    "minutes": minutes, "resolution": "同意上述安排，由分管支委牵头落实。",
                    "attendance": [AttendanceRow(m.id, "出席") if i % 9 else AttendanceRow(m.id, "请假", "外出培训")
                                   for i, m in enumerate(expected)]})
    with db.atomic():
        for n, category in enumerate(all_categories() * 10):
            activities.create({"category": category.id, "title": f"{category.name}活动{n + 1}",
                               "date": dt.date(YEAR, 1 + n % 12, 10), "quantity": 1 + n % 3})
    close_database()


def database() -> Path:
    path = cache_path()
    if not path.exists():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        for old in CACHE_DIR.glob("reports-*.db*"):
            old.unlink()
        started = time.perf_counter()
        partial = path.with_suffix(".building")
        partial.unlink(missing_ok=True)
        build(partial)
        partial.rename(path)
        print(f"已生成测试数据库 {path}（{time.perf_counter() - started:.0f} 秒）")
    return path


def child(kind: str, db_path: str, out: str) -> None:
    """In a fresh process: open, build one report, print seconds, pages and peak RSS as JSON."""
    import resource

    started = time.perf_counter()
    from dangjian_desktop.reports import build_report
    from dangjian_desktop.store.session import open_database

    open_database(db_path)
    path = build_report(kind, out, year=YEAR)
    seconds = time.perf_counter() - started
    from pypdf import PdfReader

    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "pages": len(PdfReader(path).pages), "peak_mb": peak_kb / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--child", nargs=3, metavar=("KIND", "DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    db_path = database()
    print(f"数据库：{N_MEMBERS} 名党员，{N_MEETINGS} 次会议（{YEAR}年）")
    for kind, label in (("summary", "年度总结 PDF"), ("registers", "全年会议记录本")):
        out = CACHE_DIR / f"bench-{kind}.pdf"
        result = subprocess.run([sys.executable, "-m", "bench.bench_reports", "--child", kind, str(db_path), str(out)],
                                capture_output=True, text=True, check=True)
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        verdict = "达标" if figures["seconds"] < TARGETS[kind] else "未达标"
        print(f"{label}：{figures['seconds']:.2f} 秒（目标 < {TARGETS[kind]:.0f} 秒，{verdict}），"
              f"{figures['pages']} 页，进程内存峰值 {figures['peak_mb']:.0f} MB（目标 < {MEMORY_TARGET_MB} MB）")


if __name__ == "__main__":
    main()
