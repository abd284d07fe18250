"""The benchmark: build (or reuse) the ten-year database, time the app on it and print a table with the targets.

Run from the repository root: `python -m bench.run` (`--runs N` start-ups each, `--json FILE` keeps the rows).
Start-up is timed in fresh processes against a bare PySide6 window started the same way (offscreen, until
the first show of the main window; median of several runs). Everything else runs in one fresh session
process (`bench/session.py`) on a copy of the database; its peak RSS is the memory figure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.build_large_db import CACHE_DIR, large_db

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 120
START_TARGET_S, START_TARGET_RATIO = 1.5, 2.0
ONLY = ("start", "tabs", "keystroke", "dues_tab", "reports", "dues", "statistics", "excel", "backup", "archive",
        "attachments")


def _env(work: Path) -> dict[str, str]:
    """Offscreen; bytecode caching on, as on a user's PC (some shells here turn it off); and the app's settings
    (window layout, last tab) and data folder in the run's own folder, so no run depends on an earlier one."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(work / "config"),
           "XDG_DATA_HOME": str(work / "data")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def time_start(mode: str, args: list[str], database: Path) -> tuple[float, int]:
    """Seconds from launching `python -m bench.start_probe` until its main window is first shown, and peak KB."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bench.start_probe", mode, *args], cwd=ROOT,
                            env=_env(database.parent), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - started
        if not line.startswith("shown"):
            proc.wait(START_TIMEOUT)
            lines = proc.stderr.read().strip().splitlines()
            raise RuntimeError(lines[-1] if lines else "没有显示窗口")
        return elapsed, int(line.split()[1])
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def _after_crash(database: Path) -> None:
    """The lock file as a killed program leaves it: the next start checks every page of the file."""
    lock = database.with_name(database.name + ".lock")
    lock.write_text("pid=0 host=bench since=-\n", encoding="utf-8")


def start_rows(database: Path, runs: int) -> list[dict]:
    """Median start-up of the bare window and of the app, alternating, after one warm-up round: the usual
    start (the last session closed cleanly today) and one after a crash, a change outside or a new day,
    which checks every page (`quick_check`)."""
    times: dict[str, list[float]] = {"bare": [], "app": [], "checked": []}
    peak = 0
    app = ["--db", str(database)]
    for run in range(runs + 1):
        for mode, args, key in (("bare", [], "bare"), ("app", app, "app"), ("app", app, "checked")):
            if key == "checked":
                _after_crash(database)
            try:
                elapsed, rss = time_start(mode, args, database)
            except RuntimeError as exc:
                return [_row("start_app_s", "冷启动到主窗口显示", "s", f"出错：{str(exc)[:160]}",
                             START_TARGET_S)]
            if run:  # the first round only warms the file cache
                times[key].append(elapsed)
                peak = max(peak, rss) if mode == "app" else peak
    bare, usual, checked = (statistics.median(times[k]) for k in ("bare", "app", "checked"))
    return [
        _row("start_bare_s", f"空白 PySide6 窗口启动（{runs} 次中位数）", "s", bare),
        _row("start_app_s", f"冷启动到主窗口显示（上次正常关闭，{runs} 次中位数）", "s", usual, START_TARGET_S),
        _row("start_ratio", "启动时间 ÷ 空白窗口", "×", usual / bare, START_TARGET_RATIO),
        _row("start_checked_s", "意外退出后（或当天首次、文件被改动）启动，含全文件检查", "s", checked, START_TARGET_S),
        _row("start_checked_ratio", "其启动时间 ÷ 空白窗口", "×", checked / bare, START_TARGET_RATIO),
        _row("start_peak_mb", "启动后内存峰值（RSS）", "MB", peak / 1024),
    ]


def session_rows(database: Path, only: list[str]) -> list[dict]:
    out = database.with_name("session.json")
    subprocess.run([sys.executable, "-m", "bench.session", "--db", str(database), "--json", str(out),
                    *(["--only", *only] if only else [])], cwd=ROOT, env=_env(database.parent), check=True)
    return json.loads(out.read_text(encoding="utf-8"))["rows"]


def attachment_rows(work: Path) -> list[dict]:
    """The attachments probe in a process of its own: backups with 1,000 attachments of 1.5 MB beside the database."""
    out = work / "attachments.json"
    subprocess.run([sys.executable, "-m", "bench.attachments_probe", "--json", str(out)], cwd=ROOT,
                   env=_env(work), check=True)
    beside = json.loads(out.read_text(encoding="utf-8"))["放在数据库旁（本程序）"]
    return [_row("attachments_backup", "备份：1,000 个 1.5 MB 的附件，第一次（复制全部附件）", "s", beside["first_backup_s"]),
            _row("attachments_backup_again", "备份：同上，第二次（只复制新增的附件）", "s", beside["second_backup_s"], 1.0),
            _row("attachments_db", "数据库文件大小（附件在旁边的文件夹中）", "MB", beside["database_mb"]),
            _row("attachments_store", "附件文件夹大小", "MB", beside["store_mb"])]


def _row(key: str, label: str, unit: str, value: float | str, target: float | None = None) -> dict:
    return {"key": key, "label": label, "unit": unit, "value": value, "target": target}


def _fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value * 1000:.0f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.2f} ×"


def table(rows: list[dict]) -> str:
    """A Markdown table: measurement, figure, target, met (是/否)."""
    lines = ["| 项目 | 结果 | 目标 | 达标 |", "| --- | ---: | ---: | :---: |"]
    for row in rows:
        value, target, unit = row["value"], row["target"], row["unit"]
        if isinstance(value, str):
            lines.append(f"| {row['label']} | {value} | {_fmt(target, unit) if target else ''} | 未测 |")
            continue
        met = "" if target is None else ("是" if value <= target else "否")
        limit = "" if target is None else ("≤ " if unit == "×" else "< ") + _fmt(target, unit)
        lines.append(f"| {row['label']} | {_fmt(value, unit)} | {limit} | {met} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="党建台账性能基准（十年数据）")
    parser.add_argument("--runs", type=int, default=5, help="每种启动计时的次数（取中位数）")
    parser.add_argument("--rebuild", action="store_true", help="重新生成十年数据库")
    parser.add_argument("--json", type=Path, help="另存结果为 JSON")
    parser.add_argument("--only", nargs="*", choices=ONLY, help="只测其中几项（调试用）")
    args = parser.parse_args()
    source = large_db(rebuild=args.rebuild)
    work = Path(tempfile.mkdtemp(prefix="run-", dir=CACHE_DIR))
    try:
        database = work / "ten-years.db"
        shutil.copyfile(source, database)
        print(f"十年数据库：{source}（{source.stat().st_size / 1e6:.0f} MB）", flush=True)
        only = [key for key in args.only or () if key not in ("start", "attachments")]
        rows = start_rows(database, args.runs) if not args.only or "start" in args.only else []
        if not args.only or only:
            rows += session_rows(database, only)
        if not args.only or "attachments" in args.only:
            rows += attachment_rows(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
