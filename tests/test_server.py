"""A PostgreSQL server as the database: the URL read (a socket folder, a port, a password kept out of messages),
and on the test server a branch's schema made once at the newest version, found again, upgraded by the steps
written for both engines, and one too old refused."""

from __future__ import annotations

import pytest
from conftest import SERVER, on_server

from dangjian_desktop.store import migrations, tree
from dangjian_desktop.store.connection import DatabaseError, close_database, db, is_server, server_database
from dangjian_desktop.store.models import VERSIONED_MODELS, Meeting, Member
from dangjian_desktop.store.session import _without_password, open_server


def test_a_url_names_the_server_and_a_path_a_file():
    d = server_database("postgresql://clerk:p%40ss@db.school.lan:5433/branch")
    assert (d.database, d.connect_params["user"], d.connect_params["password"], d.connect_params["host"],
            d.connect_params["port"]) == ("branch", "clerk", "p@ss", "db.school.lan", 5433)
    local = server_database("postgresql://postgres@/dangjian?host=/tmp/pg&port=55432")
    assert (local.connect_params["host"], local.connect_params["port"]) == ("/tmp/pg", 55432)
    assert is_server("postgres://x/y") and not is_server("/tmp/a.db")
    assert _without_password("postgresql://clerk:secret@db/branch") == "postgresql://clerk:***@db/branch"


def test_no_server_there_is_said_without_the_password():
    with pytest.raises(DatabaseError, match=r"无法连接数据库服务器：postgresql://clerk:\*\*\*@") as refused:
        open_server("postgresql://clerk:secret@127.0.0.1:9/none?connect_timeout=2")
    assert "secret" not in str(refused.value)


@pytest.mark.skipif(not on_server(), reason="needs the test server (DANGJIAN_TEST_SERVER)")
def test_a_branch_gets_the_newest_schema_once_and_refuses_an_older_one(database):
    branch = tree.current_branch()
    assert migrations.schema_version(db) == migrations.SCHEMA_VERSION
    Member.create(name="王堃", gender="男", status="正常")
    close_database()
    open_server(SERVER, branch)  # found again: nothing made anew
    assert Member.select().count() == 1
    db.execute_sql('UPDATE "schema_version" SET "version" = 9')
    close_database()
    with pytest.raises(DatabaseError, match="早于本程序支持服务器的第一个版本"):
        open_server(SERVER, branch)


def _columns() -> dict[str, list[tuple]]:
    return {table: [(c.name, c.data_type, c.null, c.default) for c in db.get_columns(table)]
            for table in db.get_tables()}


@pytest.mark.skipif(not on_server(), reason="needs the test server (DANGJIAN_TEST_SERVER)")
def test_the_steps_after_the_first_server_version_run_on_a_server(database):
    """A branch made at version 11 (step 12's columns taken away again) upgrades to what a new branch has."""
    branch = tree.current_branch()
    fresh = _columns()
    Meeting.create(kind="党课", date="2025-03-01", topic="党课")
    for model in VERSIONED_MODELS:
        db.execute_sql(f'ALTER TABLE "{model._meta.table_name}" DROP COLUMN "row_version"')
    db.execute_sql('ALTER TABLE "change" DROP COLUMN "changed_by"')
    migrations.set_version(db, migrations.FIRST_SERVER_VERSION)
    close_database()
    open_server(SERVER, branch)
    assert migrations.schema_version(db) == migrations.SCHEMA_VERSION
    assert _columns() == fresh
    assert Meeting.get().row_version == 0
