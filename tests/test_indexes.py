"""Schema step 2: the composite indexes for ten years of records, on new files and on upgraded ones, and the
queries of the lists and year figures using them (speed itself is measured by bench/run.py, not here)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import on_server

from dangjian_desktop.queries import listing
from dangjian_desktop.queries.figures import year_figures
from dangjian_desktop.services.meeting import next_seq
from dangjian_desktop.store import migrations
from dangjian_desktop.store.connection import close_database, db
from dangjian_desktop.store.models import Meeting
from dangjian_desktop.store.session import open_database

INDEXES = {"attendance_meeting_id_status", "activity_category_id_date", "meeting_kind_date",
           "meeting_date_start_time"}


def index_names(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def plans_of(monkeypatch, action) -> str:
    """The query plans of every SELECT that `action` runs, one per line."""
    seen: list[tuple[str, tuple]] = []
    execute = db.obj.execute_sql

    def recording(sql, params=None, *args, **kwargs):
        if sql.lstrip().upper().startswith("SELECT"):
            seen.append((sql, params))
        return execute(sql, params, *args, **kwargs)

    monkeypatch.setattr(db.obj, "execute_sql", recording)
    action()
    monkeypatch.undo()
    return "\n".join(" | ".join(row[3] for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))
                     for sql, params in seen)


@pytest.mark.skipif(on_server(), reason="reads SQLite's catalogue and query plans; PostgreSQL plans its own")
def test_a_new_database_has_the_indexes(database):
    assert migrations.schema_version(db) == migrations.SCHEMA_VERSION >= 2
    assert INDEXES <= index_names(database)


def test_a_version_1_file_gains_them_and_keeps_its_records(tmp_path):
    path = tmp_path / "旧版.db"
    shutil.copyfile(Path(__file__).parent / "data" / "schema" / "version-1.db", path)  # as version 1 wrote it
    assert not INDEXES & index_names(path)
    with sqlite3.connect(path) as conn:
        meetings_before = conn.execute("SELECT COUNT(*) FROM meeting").fetchone()[0]
    open_database(path)
    try:
        assert migrations.schema_version(db) == migrations.SCHEMA_VERSION
        assert INDEXES <= index_names(path)
        assert Meeting.select().count() == meetings_before > 0 and Meeting.get().host is not None
    finally:
        close_database()
    assert list((tmp_path / "backups").glob("旧版-before-upgrade-v1-*.db"))


@pytest.mark.skipif(on_server(), reason="reads SQLite's catalogue and query plans; PostgreSQL plans its own")
def test_the_list_and_figure_queries_use_them(database, monkeypatch):
    meeting_list = plans_of(monkeypatch, listing.meeting_rows)
    assert "COVERING INDEX attendance_meeting_id_status" in meeting_list
    assert "SCAN t1 USING INDEX meeting_date_start_time" in meeting_list and "TEMP B-TREE" not in meeting_list
    figures = plans_of(monkeypatch, lambda: year_figures(2025))
    assert "activity_category_id_date (category_id=? AND date>? AND date<?)" in figures
    numbering = plans_of(monkeypatch, lambda: next_seq("党小组会", 2025))
    assert "meeting_kind_date (kind=? AND date>? AND date<?)" in numbering
