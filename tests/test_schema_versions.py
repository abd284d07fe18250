"""Real files of every released schema version upgrade to the newest schema: the same tables, columns and
indexes as a new file, every row kept. A throwaway step adding a column shows that a later step works on
new files and on upgrades of every old version alike (steps never build on today's models)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from peewee import SQL, CharField

from dangjian_desktop.services.member import members
from dangjian_desktop.store import migrations
from dangjian_desktop.store.connection import close_database
from dangjian_desktop.store.models import Member
from dangjian_desktop.store.session import open_session

VERSIONS = Path(__file__).parent / "data" / "schema"
RELEASED = sorted(int(p.stem.split("-")[1]) for p in VERSIONS.glob("version-*.db"))
DERIVED = {"search_key"}  # recomputed by a step; everything else must stay as it was
MASKED = {"changes"}  # the history's personal numbers, masked by step 4 (checked on its own below)
RENUMBERED = {("meeting", "seq")}  # 党小组会 numbered per group by step 5 (checked on its own below)


def schema(path: Path) -> dict[str, tuple]:
    """Tables with their columns (name, type, not null, default, primary key), indexes and foreign keys."""
    with sqlite3.connect(path) as c:
        result = {}
        for (table,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                  "AND name NOT LIKE 'sqlite_%' ORDER BY name"):
            columns = tuple(row[1:] for row in c.execute(f'PRAGMA table_info("{table}")'))
            indexes = tuple(sorted(
                (row[1], row[2], tuple(info[2] for info in c.execute(f'PRAGMA index_info("{row[1]}")')))
                for row in c.execute(f'PRAGMA index_list("{table}")')))
            keys = tuple(sorted(row[2:] for row in c.execute(f'PRAGMA foreign_key_list("{table}")')))
            result[table] = (columns, indexes, keys)
        return result


def rows(path: Path, like: Path | None = None) -> dict[str, list[tuple]]:
    """Every row of every table, derived columns left out; only the columns `like` has, when given (a later
    step adds columns an old file lacks)."""
    with sqlite3.connect(like or path) as c:
        tables = {table: [row[1] for row in c.execute(f'PRAGMA table_info("{table}")')
                          if row[1] not in DERIVED and not (table == "change" and row[1] in MASKED)
                          and (table, row[1]) not in RENUMBERED]
                  for (table,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE 'sqlite_%'")}
    with sqlite3.connect(path) as c:
        return {table: c.execute(f'SELECT {", ".join(chr(34) + n + chr(34) for n in names)} FROM "{table}" '
                                 "ORDER BY 1").fetchall()
                for table, names in tables.items()}


def user_version(path: Path) -> int:
    with sqlite3.connect(path) as c:
        return c.execute("PRAGMA user_version").fetchone()[0]


def fresh_file(folder: Path) -> Path:
    path = folder / "new.db"
    open_session(path, writer=False)
    close_database()
    return path


def upgraded(version: int, folder: Path) -> tuple[Path, Path]:
    """A copy of the real file of `version`, and the same copy after opening it with today's code."""
    original = folder / f"original-{version}.db"
    shutil.copyfile(VERSIONS / f"version-{version}.db", original)
    path = folder / f"branch-{version}.db"
    shutil.copyfile(original, path)
    open_session(path, writer=False)
    close_database()
    return original, path


def test_the_released_files_are_what_they_say():
    assert RELEASED == list(range(1, migrations.SCHEMA_VERSION + 1)), "a released version lacks its file"
    for version in RELEASED:
        assert user_version(VERSIONS / f"version-{version}.db") == version


def test_a_new_file_is_made_at_the_newest_schema_in_one_go(tmp_path, monkeypatch):
    ran = []
    monkeypatch.setattr(migrations, "STEPS", [lambda db, f=f: ran.append(f) or f(db) for f in migrations.STEPS])
    path = fresh_file(tmp_path)
    assert ran == [] and user_version(path) == migrations.SCHEMA_VERSION
    assert len(rows(path)["activity_category"]) == 8


@pytest.mark.parametrize("version", RELEASED)
def test_every_released_version_upgrades_to_the_schema_of_a_new_file(tmp_path, version):
    original, path = upgraded(version, tmp_path)
    assert user_version(path) == migrations.SCHEMA_VERSION
    assert schema(path) == schema(fresh_file(tmp_path))
    before, after = rows(original), rows(path, like=original)
    assert set(after) >= set(before)
    for table, kept in before.items():
        assert after[table] == kept, table
    assert sum(map(len, before.values())) > 1000  # a real year of records, not an empty file
    if version < migrations.SCHEMA_VERSION:
        assert list((tmp_path / "backups").glob(f"branch-{version}-before-upgrade-v{version}-*.db"))
    assert numbering(path, "党小组会") == per_group_order(path)  # step 5: 本年第×次 of each 党小组
    assert numbering(path, "支委会") == numbering(original, "支委会")  # the other kinds' numbers as they were


def numbering(path: Path, kind: str) -> dict[int, int | None]:
    with sqlite3.connect(path) as c:
        return dict(c.execute('SELECT "id", "seq" FROM "meeting" WHERE "kind" = ?', (kind,)).fetchall())


def per_group_order(path: Path) -> dict[int, int]:
    """Each 党小组会's place among its group's meetings of the year, in date order."""
    with sqlite3.connect(path) as c:
        found = c.execute('SELECT "id", substr("date", 1, 4), "party_group" FROM "meeting" '
                          'WHERE "kind" = \'党小组会\' ORDER BY "date", "start_time", "id"').fetchall()
    counted: dict[tuple, int] = {}
    order = {}
    for meeting_id, year, group in found:
        counted[(year, group)] = counted.get((year, group), 0) + 1
        order[meeting_id] = counted[(year, group)]
    assert max(order.values(), default=0) <= 12  # monthly in each group, not 1…36 across them
    return order


@pytest.fixture
def website_column(monkeypatch):
    """A throwaway later release: a new NOT NULL column on member, in the model and in its own step."""
    field = CharField(max_length=100, default="", constraints=[SQL("DEFAULT ''")])
    Member._meta.add_field("website", field)

    def add_website(database):
        database.execute_sql("ALTER TABLE \"member\" ADD COLUMN \"website\" VARCHAR(100) NOT NULL DEFAULT ''")

    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, add_website])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.STEPS))
    yield
    close_database()
    Member._meta.remove_field("website")


@pytest.mark.parametrize("version", RELEASED)
def test_a_later_step_adding_a_column_works_on_new_files_and_every_old_version(tmp_path, website_column,
                                                                              version):
    _original, path = upgraded(version, tmp_path)
    fresh = fresh_file(tmp_path)
    assert user_version(path) == user_version(fresh) == migrations.SCHEMA_VERSION
    assert schema(path) == schema(fresh)
    assert "website" in {column[0] for column in schema(path)["member"][0]}
    for file in (path, fresh):
        open_session(file, writer=False)
        try:
            saved = members.create({"name": "𠮷堃", "gender": "女", "status": "正常"}).record
            Member.update(website="https://example.org").where(Member.id == saved.id).execute()
            assert Member.get_by_id(saved.id).website == "https://example.org"
        finally:
            close_database()


@pytest.mark.parametrize("version", [v for v in RELEASED if v < 4])
def test_the_default_categories_get_their_roles_on_upgrade(tmp_path, version):
    _original, path = upgraded(version, tmp_path)
    with sqlite3.connect(path) as c:
        roles = dict(c.execute("SELECT name, role FROM activity_category WHERE role != ''"))
    assert roles == {"示范课": "lesson", "专题讲座": "lecture", "其他": "other"}


@pytest.mark.parametrize("version", [v for v in RELEASED if v < 4])
def test_the_history_keeps_no_personal_number_after_the_upgrade(tmp_path, version):
    original, path = upgraded(version, tmp_path)
    with sqlite3.connect(original) as c:
        numbers = {n for (n,) in c.execute("SELECT id_number FROM member WHERE id_number != ''")}
    with sqlite3.connect(path) as c:
        history = " ".join(text for (text,) in c.execute("SELECT changes FROM change WHERE \"table\" = 'member'"))
    assert numbers and not any(n in history for n in numbers)
    assert "**********" in history


@pytest.mark.parametrize("version", [v for v in RELEASED if v < 9])
def test_a_member_who_left_before_the_events_gets_his_leaving_as_an_event(tmp_path, version):
    original, path = upgraded(version, tmp_path)
    with sqlite3.connect(original) as c:
        leavers = sorted(c.execute("SELECT id, status, left_on FROM member WHERE status != '正常'"))
    with sqlite3.connect(path) as c:
        events = sorted(c.execute("SELECT member_id, kind, date FROM party_event"))
        gaps = {g for (g,) in c.execute("SELECT rolls_gaps FROM member")}
    assert leavers and events == [(i, "死亡" if s == "去世" else s, day) for i, s, day in leavers]
    assert gaps == {""}
