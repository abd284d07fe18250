"""Where attachments' files should live, measured: 1,000 files of 1.5 MB kept beside the database (as the app does)
or as blobs inside it (the alternative), by the size of the database file, the time of a first and a second
backup, and the time of the whole-file check start-up runs after a crash. `python -m bench.attachments_probe [--count N]`;
prints a table, writes into a temporary folder it removes (about 3 GB while it runs)."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import tempfile
import time
from contextlib import closing
from pathlib import Path

SIZE = 1_500_000


def _timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def _checked(database: Path) -> float:
    """The time of the whole-file check the app runs when it opens a file after a crash."""
    with closing(sqlite3.connect(database)) as c:
        seconds, _ = _timed(lambda: c.execute("PRAGMA quick_check").fetchone())
    return seconds


def beside(work: Path, count: int) -> dict[str, float]:
    """The app's way: attachment rows in the database, files in the store beside it; backed up with backup_to."""
    from dangjian_desktop.services.activity import activities
    from dangjian_desktop.services.attachment import add_data
    from dangjian_desktop.store.backup import backup_to
    from dangjian_desktop.store.connection import close_database
    from dangjian_desktop.store.session import open_database
    from tests.factories import activity_data

    database = work / "beside" / "dangjian.db"
    database.parent.mkdir()
    open_database(database)
    activity = activities.create(activity_data()).record
    for n in range(count):  # random bytes under a .pdf name: kept as they are, as a scan would be
        add_data("activity", activity.id, [(f"扫描件{n}.pdf", os.urandom(SIZE))])
    stick = work / "beside-stick"
    stick.mkdir()
    first, _ = _timed(lambda: backup_to(stick))
    second, _ = _timed(lambda: backup_to(stick))
    close_database()
    opened = _checked(database)
    store = sum(p.stat().st_size for p in (database.parent / "attachments").rglob("*") if p.is_file())
    return {"database_mb": database.stat().st_size / 1e6, "store_mb": store / 1e6, "first_backup_s": first,
            "second_backup_s": second, "open_s": opened}


def inside(work: Path, count: int) -> dict[str, float]:
    """The alternative: the same bytes as blobs in the database; backed up by SQLite's backup API."""
    database = work / "inside.db"
    with closing(sqlite3.connect(database)) as c:
        c.execute("CREATE TABLE blob (sha TEXT PRIMARY KEY, data BLOB)")
        for n in range(count):
            c.execute("INSERT INTO blob VALUES (?, ?)", (str(n), os.urandom(SIZE)))
        c.commit()

    def backup(target: Path) -> None:
        with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(target)) as dest:
            source.backup(dest)

    first, _ = _timed(lambda: backup(work / "inside-1.db"))
    second, _ = _timed(lambda: backup(work / "inside-2.db"))
    opened = _checked(database)
    return {"database_mb": database.stat().st_size / 1e6, "store_mb": 0.0, "first_backup_s": first,
            "second_backup_s": second, "open_s": opened}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--json", type=Path, help="另存结果为 JSON（bench.run 读取）")
    args = parser.parse_args()
    count = args.count
    with tempfile.TemporaryDirectory(prefix="dangjian-attachments-") as folder:
        work = Path(folder)
        rows = {"放在数据库旁（本程序）": beside(work, count), "存入数据库（对照）": inside(work, count)}
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    print(f"| {count} 个 1.5 MB 的附件 | 数据库文件 | 附件文件夹 | 第一次备份 | 第二次备份 | 启动时的全文件检查 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, r in rows.items():
        print(f"| {label} | {r['database_mb']:.1f} MB | {r['store_mb']:.0f} MB | {r['first_backup_s']:.1f} s | "
              f"{r['second_backup_s']:.2f} s | {r['open_s']:.2f} s |")


if __name__ == "__main__":
    main()
