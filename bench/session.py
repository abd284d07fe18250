"""One user session on the ten-year database, timed: each tab's first show, search keystrokes at 10,000 rows,
the year summary and the ten-year register book, Excel export and import, a backup, and peak memory.

Run by `bench/run.py` in a fresh process: `python -m bench.session --db COPY.db --json OUT.json`.
A part of the app that is missing or fails is reported with its reason instead of a figure.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from dangjian_desktop.store.connection import close_database
from dangjian_desktop.store.session import open_database, open_session

SUMMARY_YEAR = 2025
YEARS = range(2016, 2026)
KEYSTROKES = ("w", "wa", "wan", "wang", "", "示", "示范", "示范课", "", "2", "20", "202", "2025")


@dataclass
class Session:
    database: Path
    out: Path
    app: QApplication
    rows: list[dict] = field(default_factory=list)
    window: QWidget | None = None

    def add(self, key: str, label: str, unit: str, value: float | str, target: float | None = None) -> None:
        self.rows.append({"key": key, "label": label, "unit": unit, "value": value, "target": target})

    def settle(self) -> None:
        """Let Qt deliver what is pending: layouts, paints of the visible widgets."""
        for _ in range(3):
            self.app.processEvents()


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


# -- the window ----------------------------------------------------------------------------------

def open_window(s: Session) -> None:
    from ui.main_window import MainWindow

    s.window = MainWindow(_session_of(s.database))
    s.window.resize(1280, 800)
    s.window.show()
    s.settle()


def tabs(s: Session) -> None:
    """Switch to each tab once, in order: the time until it is laid out and painted."""
    widget = s.window.findChild(QTabWidget)
    first = widget.currentIndex()
    for index in range(widget.count()):
        if index == first:
            continue
        seconds, _ = timed(lambda i=index: (widget.setCurrentIndex(i), s.settle()))
        s.add(f"tab_{index}", f"首次显示“{widget.tabText(index)}”", "ms", seconds, 0.2)


def keystroke(s: Session) -> None:
    """Type into the activities tab's search box (10,000 rows): each keystroke until the table is repainted."""
    tab = _activities_tab(s)
    tab.search.clear()
    s.settle()
    times = []
    for text in KEYSTROKES:
        seconds, _ = timed(lambda t=text: (tab.search.setText(t), s.settle()))
        times.append(seconds)
    tab.search.clear()
    rows = tab.model.rowCount()
    s.add("keystroke_median", f"搜索框一次按键（{rows:,} 行，中位数）", "ms", statistics.median(times), 0.03)
    s.add("keystroke_max", f"搜索框一次按键（{rows:,} 行，最慢）", "ms", max(times), 0.03)


def _activities_tab(s: Session):
    from ui.record_tab import RecordTab

    for tab in s.window.findChildren(RecordTab):
        if tab.table_name == "activity":
            widget = s.window.findChild(QTabWidget)
            widget.setCurrentWidget(tab)
            return tab
    raise LookupError("主窗口里没有活动标签页")


# -- printouts, Excel, backup --------------------------------------------------------------------

def reports(s: Session) -> None:
    from dangjian_desktop.reports import build_report

    out = s.out / "summary.pdf"
    seconds, _ = timed(lambda: build_report("summary", out, year=SUMMARY_YEAR))
    s.add("summary", f"{SUMMARY_YEAR} 年度总结 PDF（首次，含加载 reportlab）", "s", seconds, 2.0)
    books = [s.out / f"registers-{year}.pdf" for year in YEARS]
    seconds, _ = timed(lambda: [build_report("registers", book, year=int(book.stem[-4:])) for book in books])
    s.add("registers", f"十年会议记录本 PDF（{len(YEARS)} 本，共 {_pages(books)} 页）", "s", seconds)


def dues(s: Session) -> None:
    """党费: the grid of a year opened (the rows and months read and laid out), the year's 收缴登记表 printed."""
    from dangjian_desktop.queries.dues import dues_year
    from dangjian_desktop.reports import build_report
    from dangjian_desktop.store.models import DuesPayment

    payments = DuesPayment.select().count()
    seconds, grid = timed(lambda: dues_year(SUMMARY_YEAR))
    s.add("dues_grid_query", f"党费交纳表的数据（{SUMMARY_YEAR} 年 {len(grid.rows)} 人，库中共 {payments:,} 笔交纳）",
          "ms", seconds, 0.2)
    out = s.out / "dues.pdf"
    seconds, _ = timed(lambda: build_report("dues", out, year=SUMMARY_YEAR))
    s.add("dues_ledger", f"{SUMMARY_YEAR} 年党费收缴登记表 PDF（共 {_pages([out])} 页）", "s", seconds, 2.0)


def party_statistics(s: Session) -> None:
    """党内统计: the ten years' tables (each year's must add up), and the last year's printout."""
    from dangjian_desktop.queries.statistics import year_statistics
    from dangjian_desktop.reports import build_report

    seconds, years = timed(lambda: [year_statistics(year) for year in YEARS])
    wrong = [y.year for y in years if not y.adds_up]
    s.add("statistics", f"党内统计十个年度（每年的表{'都相符' if not wrong else '不相符：' + str(wrong)}）", "ms",
          seconds / len(YEARS), 0.2)
    out = s.out / "statistics.pdf"
    seconds, _ = timed(lambda: build_report("statistics", out, year=SUMMARY_YEAR))
    s.add("statistics_pdf", f"{SUMMARY_YEAR} 年党内统计表 PDF（共 {_pages([out])} 页）", "s", seconds, 2.0)


def archive(s: Session) -> None:
    """The year archive of the ten-year database's last year: every printout, the records, an index."""
    from dangjian_desktop.archive.year_archive import write_year_archive

    out = s.out / "archive.zip"
    seconds, result = timed(lambda: write_year_archive(SUMMARY_YEAR, out))
    s.add("archive", f"{SUMMARY_YEAR} 年度归档（{len(result.files)} 个文件，{out.stat().st_size / 1e6:.0f} MB）", "s",
          seconds)


def dues_tab(s: Session) -> None:
    """The 党费 tab's grid switched to another year: until it is filled and painted."""
    view = s.window.dues_view
    s.window.tabs.setCurrentWidget(view)
    s.settle()
    seconds, _ = timed(lambda: (view.set_year(SUMMARY_YEAR - 5), s.settle()))
    s.add("dues_grid_open", f"党费交纳表换一个年度（{view.table.rowCount()} 人 × 12 个月）", "ms", seconds, 0.2)


def _pages(pdfs: list[Path]) -> str:
    try:
        from pypdf import PdfReader

        return f"{sum(len(PdfReader(pdf).pages) for pdf in pdfs):,}"
    except Exception:  # pypdf is a development tool; the page count is only a label
        return "?"


def excel(s: Session) -> None:
    from dangjian_desktop.excel.export import export_workbook

    out = s.out / "export.xlsx"
    seconds, result = timed(lambda: export_workbook(out))
    total = sum(result.counts.values())
    s.add("excel_export", f"Excel 导出全部记录（{total:,} 行，其中活动 {result.counts.get('活动', 0):,} 行）",
          "s", seconds)
    # The import: a workbook of the partners and 10,000 activities (exported from a copy holding only
    # those), into an empty database, in a process of its own so that its peak memory is its own.
    source = s.out / "import.xlsx"
    _reopen(s.out / "activities-only.db", copy_from_open=True, keep=("activity", "partner", "activity_category"))
    export_workbook(source)
    _reopen(s.database)
    done = subprocess.run([sys.executable, "-m", "bench.import_probe", str(source), str(s.out / "empty.db")],
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if not result["written"]:
        raise RuntimeError(f"导入未写入：{result['problems']}")
    s.add("excel_import", f"Excel 导入（{result['rows']:,} 行，写入空数据库）", "s", result["seconds"], 2.0)
    s.add("excel_import_peak_mb", "Excel 导入的内存峰值（单独进程）", "MB", result["peak_mb"], 150)


def _reopen(path: Path, copy_from_open: bool = False, keep: tuple[str, ...] = ()) -> None:
    """Open `path` instead of the open database; first, optionally, as a copy of it with only `keep` tables' rows."""
    if copy_from_open:
        from dangjian_desktop.store.connection import db

        db.execute_sql("VACUUM INTO ?", (str(path),))
        with sqlite3.connect(path) as copy:
            copy.execute("PRAGMA foreign_keys = OFF")
            tables = [row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                if table not in keep and not table.startswith("sqlite_"):
                    copy.execute(f'DELETE FROM "{table}"')
        copy.close()
    close_database()
    open_database(path)


def backup(s: Session) -> None:
    from dangjian_desktop.store.backup import backup_to

    seconds, path = timed(lambda: backup_to(s.out / "backups"))
    s.add("backup", f"备份（{path.stat().st_size / 1e6:.0f} MB）", "s", seconds)


STEPS: tuple[tuple[str, str, Callable[[Session], None]], ...] = (
    ("window", "打开主窗口", open_window),
    ("tabs", "首次显示各标签页", tabs),
    ("keystroke", "搜索框按键", keystroke),
    ("dues_tab", "党费交纳表", dues_tab),
    ("reports", "年度总结与会议记录本", reports),
    ("dues", "党费数据与收缴登记表", dues),
    ("statistics", "党内统计", party_statistics),
    ("archive", "年度归档", archive),
    ("excel", "Excel 导出与导入", excel),
    ("backup", "备份", backup),
)
NEEDS_WINDOW = {"tabs", "keystroke", "dues_tab"}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_mb() -> float:
    """Resident memory now (Linux), to tell memory a step keeps from memory it only used for a while."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize() / 2**20
    except (OSError, IndexError, ValueError):
        return float("nan")


def _session_of(database: Path | str):
    """A file's reading session, or on a server (a postgresql:// URL) the bench user's, signed in
    (server_probe.py sets the server up)."""
    if isinstance(database, str):
        from dangjian_desktop.services.server_session import sign_in_to_server

        return sign_in_to_server(database, BENCH_USER, BENCH_PASSWORD)
    return open_session(database, writer=False)


BENCH_USER, BENCH_PASSWORD = "bench", "bench-password"


def run(database: Path | str, only: set[str] | None = None) -> dict:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="session-") as folder:
        s = Session(database, Path(folder), app)
        _session_of(database)
        for key, label, step in STEPS:
            if only and key not in only and not (key == "window" and only & NEEDS_WINDOW):
                continue
            if key in NEEDS_WINDOW and s.window is None:
                s.add(key, label, "", "主窗口未能打开")
                continue
            started = time.perf_counter()
            try:
                step(s)
            except Exception as exc:  # report the reason and go on with the next measurement
                reason = "尚未实现" if isinstance(exc, ModuleNotFoundError) else "出错"
                s.add(key, label, "", f"{reason}：{type(exc).__name__}: {str(exc)[:160]}")
                traceback.print_exc()
            print(f"  {label}：{time.perf_counter() - started:.1f} 秒，内存峰值 {_peak_mb():.0f} MB，"
                  f"之后 {_current_mb():.0f} MB", file=sys.stderr, flush=True)
            if key == "keystroke":
                s.add("peak_rss_window", "内存峰值（窗口、各标签页、搜索后，RSS）", "MB", _peak_mb(), 250)
        s.add("peak_rss", "内存峰值（整个会话，含打印、Excel、备份，RSS）", "MB", _peak_mb(), 250)
        if s.window is not None:
            s.window.close()
        close_database()
    return {"rows": s.rows}


def main() -> None:
    parser = argparse.ArgumentParser(description="基准测试的一次会话（由 bench/run.py 调用）")
    parser.add_argument("--db", required=True, help="the database file, or a server's postgresql:// URL")
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--only", nargs="*", help="只测这些步骤")
    args = parser.parse_args()
    database = args.db if args.db.startswith(("postgresql://", "postgres://")) else Path(args.db)
    result = run(database, set(args.only) if args.only else None)
    args.json.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
