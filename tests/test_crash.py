"""Crash safety: a process importing batch after batch is killed with SIGKILL at random moments, 30 times
in a row; each time the file passes `PRAGMA integrity_check` and every import is wholly there or absent."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

import pytest

from dangjian_desktop.store.connection import close_database
from dangjian_desktop.store.file_check import check_database_file
from dangjian_desktop.store.session import open_database

pytestmark = pytest.mark.skipif(sys.platform.startswith("win"), reason="SIGKILL is POSIX")

ROOT = Path(__file__).resolve().parent.parent
KILLS = 30
MEMBERS, MEETINGS, ACTIVITIES = 20, 2, 3  # one import: 20 members, 2 meetings with 40 attendances, 3 activities

WRITER = textwrap.dedent(f"""
    import sys
    from dangjian_desktop.store.session import open_database
    from dangjian_desktop.excel.columns import ACTIVITY_SHEET, ATTENDANCE_SHEET, MEETING_SHEET, MEMBER_SHEET
    from dangjian_desktop.excel.importer import import_data
    from dangjian_desktop.excel.reader import Row, SheetData, WorkbookData

    def sheet(spec, names, rows):
        data = SheetData(spec, spec.title, {{n: (i, spec.column(n).label) for i, n in enumerate(names)}})
        data.rows = [Row(i + 2, dict(zip(names, r))) for i, r in enumerate(rows)]
        return data

    def batch(b):
        people = [f"批{{b}}员{{i}}" for i in range({MEMBERS})]
        meetings = [("2025-03-05", "支部党员大会", f"批{{b}}会{{j}}") for j in range({MEETINGS})]
        return WorkbookData([
            sheet(MEMBER_SHEET, ["name", "gender", "birth_date", "probation_on", "notes"],
                  [[p, "男", f"19{{60 + i}}-01-01", "2015-07-01", "批量导入" * 50] for i, p in enumerate(people)]),
            sheet(MEETING_SHEET, ["date", "kind", "topic", "minutes"], [[*m, "记录" * 500] for m in meetings]),
            sheet(ATTENDANCE_SHEET, ["meeting_date", "meeting_kind", "meeting_topic", "name", "status"],
                  [[*m, p, "出席"] for m in meetings for p in people]),
            sheet(ACTIVITY_SHEET, ["category", "title", "date", "quantity"],
                  [["示范课", f"批{{b}}活{{k}}", "2025-04-10", 2] for k in range({ACTIVITIES})]),
        ])

    open_database(sys.argv[1])
    base = int(sys.argv[2])
    print("ready", flush=True)
    for b in range(base, base + 1000):
        print("start", b, flush=True)
        report = import_data(batch(b))
        assert report.written, report.problems
        print("done", b, flush=True)
""")


def batch_state(conn: sqlite3.Connection, batch: int) -> tuple[int, int, int, int, int]:
    """(members, meetings, attendances, activities, history rows) of one import."""
    members = conn.execute("SELECT count(*) FROM member WHERE name LIKE ?", (f"批{batch}员%",)).fetchone()[0]
    meetings = conn.execute("SELECT count(*) FROM meeting WHERE topic LIKE ?", (f"批{batch}会%",)).fetchone()[0]
    attendances = conn.execute("SELECT count(*) FROM attendance JOIN meeting ON meeting.id = attendance.meeting_id "
                               "WHERE meeting.topic LIKE ?", (f"批{batch}会%",)).fetchone()[0]
    activities = conn.execute("SELECT count(*) FROM activity WHERE title LIKE ?", (f"批{batch}活%",)).fetchone()[0]
    history = conn.execute("SELECT count(*) FROM change WHERE label LIKE ? OR label LIKE ?",
                           (f"批{batch}员%", f"%批{batch}会%")).fetchone()[0]
    history += conn.execute("SELECT count(*) FROM change WHERE label LIKE ?", (f"%批{batch}活%",)).fetchone()[0]
    return members, meetings, attendances, activities, history


WHOLE = (MEMBERS, MEETINGS, MEETINGS * MEMBERS, ACTIVITIES, MEMBERS + MEETINGS + ACTIVITIES)


def test_thirty_kills_during_imports_leave_the_database_intact(tmp_path):
    path = tmp_path / "crash.db"
    open_database(path)
    close_database()
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    interrupted = committed = 0
    started_at = time.monotonic()
    for kill in range(KILLS):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(kill * 1000)], cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
        time.sleep(rng.uniform(0.02, 0.6))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        lines = writer.stdout.read().split()
        started = {int(b) for word, b in zip(lines, lines[1:], strict=False) if word == "start"}
        done = {int(b) for word, b in zip(lines, lines[1:], strict=False) if word == "done"}
        with closing(sqlite3.connect(path)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"seed {seed}, kill {kill}"
            for batch in started:
                state = batch_state(conn, batch)
                assert state in (WHOLE, (0, 0, 0, 0, 0)), f"seed {seed}, kill {kill}, batch {batch}: {state}"
                if state == (0, 0, 0, 0, 0):
                    assert batch not in done
                    interrupted += 1
                else:
                    committed += 1
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        check_database_file(path)  # the app would open it
    assert interrupted >= KILLS // 2 and committed > 0, (seed, interrupted, committed)
    assert time.monotonic() - started_at < 120
