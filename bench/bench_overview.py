"""Time building the overview data (figures, meeting-cycle grid, attention list) on a database; target < 200 ms.

Run from the repository root: `python -m bench.bench_overview --db PATH` (default: the cached ten-year
database of `bench/build_large_db.py`). Reads only: the database is opened on a temporary copy. Prints the
first (cold) build, the median of the following runs, and the number of SQL queries one build makes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from dangjian_desktop.queries.overview import build_overview
from dangjian_desktop.services.development import paths_in_development
from dangjian_desktop.store.connection import close_database, db
from dangjian_desktop.store.session import open_database

TARGET_MS = 200


class QueryCounter:
    """Counts the statements peewee sends while active."""

    def __init__(self) -> None:
        self.count = 0
        self._original = db.execute_sql

    def __enter__(self) -> QueryCounter:
        def counting(sql, params=None, *args, **kwargs):
            self.count += 1
            return self._original(sql, params, *args, **kwargs)
        db.execute_sql = counting
        return self

    def __exit__(self, *exc) -> None:
        db.execute_sql = self._original


def ms(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, help="database file (default: the ten-year benchmark database)")
    parser.add_argument("--year", type=int, help="the overview's year (default: the database's latest year)")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    if args.db is None:
        from bench.build_large_db import large_db

        args.db = large_db()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "overview.db"
        shutil.copyfile(args.db, copy)
        open_database(copy)
        try:
            year = args.year or db.execute_sql("SELECT MAX(strftime('%Y', date)) FROM meeting").fetchone()[0]
            year = int(year or dt.date.today().year)
            today = dt.date(year, 11, 15) if year < dt.date.today().year else dt.date.today()
            cold = ms(lambda: build_overview(year, today))
            with QueryCounter() as counter:
                build_overview(year, today)
            warm = statistics.median(ms(lambda: build_overview(year, today)) for _ in range(args.runs))
            paths = statistics.median(ms(paths_in_development) for _ in range(args.runs))
        finally:
            close_database()
    verdict = "OK" if warm < TARGET_MS and cold < TARGET_MS else "SLOW"
    print(f"database: {args.db}  year {year}, as seen on {today}")
    print(f"overview data (figures + grid + reminders): first {cold:.1f} ms, median {warm:.1f} ms "
          f"over {args.runs} runs, {counter.count} queries  [target < {TARGET_MS} ms: {verdict}]")
    print(f"development paths of everyone in development: median {paths:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
