"""The bench on a PostgreSQL server: the ten-year database imported into a branch, the window's tabs and the search
box timed on the server beside the same measurements on the file (target: within 1.5× of SQLite), and a committee of
20 branches of ten years each (importing them, opening the committee view, the summed 党内统计 tables).

`python -m bench.server_probe --server postgresql://…/dbname [--branches 20] [--json FILE]`. The database must be
one of the bench's own (it is emptied: every schema of the program's is dropped first).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.build_large_db import CACHE_DIR, large_db
from bench.run import ROOT, _env, _row, table
from bench.session import BENCH_PASSWORD, BENCH_USER

YEAR = 2025
WINDOW_STEPS = ("tabs", "keystroke")


def _empty(url: str) -> None:
    from dangjian_desktop.store.connection import close_database, connect
    from dangjian_desktop.store.tree import program_schemas

    server = connect(url)
    for name in program_schemas():
        server.execute_sql(f'DROP SCHEMA "{name}" CASCADE')
    close_database()


def _timed(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def build_committee(url: str, ten_years: Path, branches: int) -> tuple[list[dict], int]:
    """The tree (a 党委 over `branches` branches, each the ten-year database) and the bench user; the rows of
    the imports' times, and the 党委's id."""
    from dangjian_desktop.services import organisation
    from dangjian_desktop.services.server_session import set_up_server
    from dangjian_desktop.store import branch_files
    from dangjian_desktop.store.connection import close_database

    _empty(url)
    session = set_up_server(url, {"name": "基准区教育工委", "level": "党委"},
                            {"login": BENCH_USER, "full_name": "基准", "password": BENCH_PASSWORD})
    root = session.access.organisation_id
    times = []
    for number in range(1, branches + 1):
        branch = organisation.add({"name": f"第{number}党支部", "level": "党支部", "parent_id": root})
        seconds, _ = _timed(lambda b=branch.id: branch_files.import_file(ten_years, b))
        times.append(seconds)
        print(f"  导入第{number}党支部：{seconds:.1f} 秒", file=sys.stderr, flush=True)
    close_database()
    return [_row("server_import", "把十年数据库导入服务器上的一个党支部", "s", times[0]),
            _row("server_import_all", f"导入 {branches} 个党支部（各十年）共计", "s", sum(times))], root


def committee_rows(url: str, root: int, branches: int) -> list[dict]:
    from dangjian_desktop.queries.tree_figures import tree_figures
    from dangjian_desktop.reports.registry import write_statistics_file
    from dangjian_desktop.services.server_session import sign_in_to_server
    from dangjian_desktop.store.connection import close_database

    sign_in_to_server(url, BENCH_USER, BENCH_PASSWORD)
    seconds, view = _timed(lambda: tree_figures(root, YEAR))
    with tempfile.TemporaryDirectory() as folder:
        pdf, _ = _timed(lambda: write_statistics_file(Path(folder) / "s.pdf", view.figures.statistics,
                                                      view.organisation.name, dt.date.today(), "pdf"))
    close_database()
    per_branch = seconds / branches
    return [_row("committee_view", f"党委视图：{branches} 个党支部 × 十年，{YEAR}年各项数字与合计", "s", seconds),
            _row("committee_branch", "其中每个党支部", "ms", per_branch),
            _row("committee_statistics_pdf", f"合计的党内统计表（{view.figures.statistics.at_end} 名党员）PDF", "s", pdf)]


def window_rows(database: str, work: Path) -> list[dict]:
    out = work / "window.json"
    subprocess.run([sys.executable, "-m", "bench.session", "--db", database, "--json", str(out),
                    "--only", *WINDOW_STEPS], cwd=ROOT, env=_env(work), check=True)
    return json.loads(out.read_text(encoding="utf-8"))["rows"]


def compared(file_rows: list[dict], server_rows: list[dict]) -> list[dict]:
    """Each timed row of the server beside the file's, with the ratio (target ≤ 1.5×)."""
    on_file = {row["key"]: row for row in file_rows}
    rows = []
    for row in server_rows:
        if row["unit"] != "ms" or row["key"] not in on_file or isinstance(row["value"], str):
            continue
        base = on_file[row["key"]]["value"]
        rows.append(_row(f"server_{row['key']}", f"服务器：{row['label']}", "ms", row["value"]))
        rows.append(_row(f"ratio_{row['key']}", "　÷ 数据库文件的同一项", "×", row["value"] / base if base else 0.0, 1.5))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description="党建台账在 PostgreSQL 服务器上的基准")
    parser.add_argument("--server", required=True, help="postgresql://…（将被清空的基准专用数据库）")
    parser.add_argument("--branches", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="server-", dir=CACHE_DIR))
    try:
        ten_years = work / "ten-years.db"
        shutil.copyfile(large_db(), ten_years)
        from dangjian_desktop.store.connection import close_database
        from dangjian_desktop.store.session import open_session

        open_session(ten_years, writer=True, daily=False).close()  # at today's schema, as a branch sends it
        rows, root = build_committee(args.server, ten_years, args.branches)
        close_database()
        file_rows = window_rows(str(ten_years), work)
        server_rows = window_rows(args.server, work)
        rows += compared(file_rows, server_rows)
        rows += committee_rows(args.server, root, args.branches)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
