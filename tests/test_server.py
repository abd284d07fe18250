"""A PostgreSQL server as the database: the URL read (a socket folder, a port, a password kept out of messages),
and on the test server the schema made once at the newest version, found again, and a server too old refused."""

from __future__ import annotations

import pytest
from conftest import SERVER, on_server

from dangjian_desktop.store import migrations
from dangjian_desktop.store.connection import DatabaseError, close_database, db, is_server, server_database
from dangjian_desktop.store.models import Member
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
def test_the_server_gets_the_newest_schema_once_and_refuses_an_older_one(database):
    assert migrations.schema_version(db) == migrations.SCHEMA_VERSION
    Member.create(name="王堃", gender="男", status="正常")
    close_database()
    open_server(SERVER)  # found again: nothing made anew
    assert Member.select().count() == 1
    db.execute_sql('UPDATE "schema_version" SET "version" = 9')
    close_database()
    with pytest.raises(DatabaseError, match="早于本程序支持服务器的第一个版本"):
        open_server(SERVER)
