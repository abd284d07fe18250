"""Opening files: an empty file gets the whole schema, a second open applies nothing, foreign files are refused,
and older files get the steps they miss (search keys computed again)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.member import members
from dangjian_desktop.services.partner import partners
from dangjian_desktop.store import migrations, models
from dangjian_desktop.store.connection import DatabaseError, close_database, db
from dangjian_desktop.store.session import open_database


@pytest.fixture
def closing():
    """Close whatever a test opened."""
    yield
    close_database()


def _user_version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


ALL_TABLES = {model._meta.table_name for model in models.ALL_MODELS}


@pytest.mark.parametrize("existing", [False, True], ids=["missing file", "zero-byte file"])
def test_an_empty_file_gets_the_whole_schema(tmp_path, closing, existing):
    path = tmp_path / "new.db"
    if existing:
        path.touch()
    open_database(path)
    assert migrations.schema_version(db) == migrations.SCHEMA_VERSION
    assert set(db.get_tables()) == ALL_TABLES
    assert models.ActivityCategory.select().count() == len(models.DEFAULT_ACTIVITY_CATEGORIES)
    close_database()
    assert _user_version(path) == migrations.SCHEMA_VERSION
    assert _tables(path) >= ALL_TABLES


def test_opening_again_applies_nothing(tmp_path, closing):
    path = tmp_path / "again.db"
    open_database(path)
    models.Setting.create(key="branch_name", value='"政平小学党支部"')
    close_database()
    open_database(path)
    assert migrations.pending_steps(db) == 0
    assert migrations.migrate(db) == 0
    assert models.ActivityCategory.select().count() == len(models.DEFAULT_ACTIVITY_CATEGORIES)
    assert models.Setting.get_by_id("branch_name").value == '"政平小学党支部"'


def test_the_folder_is_created(tmp_path, closing):
    path = tmp_path / "数据" / "党建台账.db"
    open_database(path)
    assert path.exists()


def test_a_file_from_a_newer_version_is_refused(tmp_path, closing):
    path = tmp_path / "newer.db"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    with pytest.raises(DatabaseError) as info:
        open_database(path)
    message = str(info.value)
    assert str(path) in message and "来自更新版本的党建台账" in message and "请升级程序" in message
    assert db.is_closed()
    assert _user_version(path) == migrations.SCHEMA_VERSION + 1
    assert _tables(path) == set()


@pytest.mark.parametrize("content", [b"not a database, just text " * 200, b"SQLite format 3\x00" + b"\xff" * 2000],
                         ids=["text", "damaged header"])
def test_a_file_that_is_not_a_database_is_refused(tmp_path, closing, content):
    path = tmp_path / "会议记录.docx"
    path.write_bytes(content)
    with pytest.raises(DatabaseError) as info:
        open_database(path)
    assert str(path) in str(info.value) and "数据库文件" in str(info.value)
    assert db.is_closed()
    assert path.read_bytes() == content


def test_a_folder_that_cannot_be_made_is_reported(tmp_path, closing):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DatabaseError, match="无法创建数据库所在文件夹"):
        open_database(blocker / "sub" / "x.db")


def test_a_new_step_runs_once_and_a_failing_step_changes_nothing(tmp_path, closing, monkeypatch):
    path = tmp_path / "old.db"
    open_database(path)
    close_database()

    def add_column(database):
        database.execute_sql("ALTER TABLE partner ADD COLUMN website TEXT DEFAULT ''")

    def fail_halfway(database):
        database.execute_sql("CREATE TABLE half_done (id INTEGER)")
        raise RuntimeError("step failed")

    released = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, add_column])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.STEPS))
    open_database(path)
    assert migrations.schema_version(db) == released + 1
    close_database()
    open_database(path)  # the column exists already: a second run would fail
    close_database()

    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, fail_halfway])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.STEPS))
    with pytest.raises(DatabaseError, match="step failed"):
        open_database(path)
    assert _user_version(path) == released + 1
    assert "half_done" not in _tables(path)


def test_step_3_computes_the_search_keys_of_older_files_again(tmp_path, closing):
    """A real file of version 2 whose keys are stale (as versions before the surname readings left them):
    every member, activity and partner is found by the keys of today afterwards, and no history is written
    (nothing the user entered changed)."""
    path = tmp_path / "v2.db"
    shutil.copyfile(Path(__file__).parent / "data" / "schema" / "version-2.db", path)
    with sqlite3.connect(path) as conn:
        for table in ("member", "activity", "partner"):
            conn.execute(f'UPDATE "{table}" SET search_key = \'stale\'')
        changes = conn.execute("SELECT COUNT(*) FROM change").fetchone()[0]
    open_database(path)
    assert migrations.schema_version(db) == migrations.SCHEMA_VERSION >= 3
    for service in (members, activities, partners):
        for record in service.model.select():
            assert record.search_key == service.derived(service.form_values(record))["search_key"] != "stale"
    single = models.Member.get(models.Member.name == "单志强")
    assert "shanzhiqiang" in single.search_key.split()
    assert models.Change.select().count() == changes


def test_a_failed_upgrade_says_so_in_chinese_and_keeps_one_copy_however_often_it_is_tried(tmp_path, closing,
                                                                                           monkeypatch):
    path = tmp_path / "v3.db"
    shutil.copyfile(Path(__file__).parent / "data" / "schema" / "version-3.db", path)
    before = _dump(path)

    def broken(database):
        database.execute_sql('CREATE TABLE "member" (x)')  # there is already a table named member

    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS[:3], broken])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 4)
    for _attempt in range(3):
        with pytest.raises(DatabaseError) as info:
            open_database(path)
        message = str(info.value)
        assert "结构升级没有成功" in message and "从结构版本 3 升级时出错" in message
        assert "文件保持升级前的样子" in message and "升级前的备份在" in message
    copies = list((tmp_path / "backups").glob("v3-before-upgrade-v3-*.db"))
    assert len(copies) == 1 and str(copies[0]) in message
    assert _user_version(path) == 3 and _dump(path) == before  # every table and row as it was


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def test_a_path_longer_than_sqlite_takes_is_named_as_such(tmp_path, closing):
    deep = tmp_path.joinpath(*["党建台账资料文件夹" * 2] * 9)
    path = deep / ("很长的数据库文件名" * 3 + ".db")
    with pytest.raises(DatabaseError, match="路径太长") as info:
        open_database(path)
    assert "约 170 个汉字" in str(info.value) and not path.exists()
