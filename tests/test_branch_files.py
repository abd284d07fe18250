"""A branch's file moved up to the server and back: imported all or nothing, with its attachments' files, the
members another branch also holds reported; exported back into a file identical to the one imported (every
table, every row, the attachments' files)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from conftest import SERVER, on_server
from test_schema_versions import schema

from dangjian_desktop.services import organisation
from dangjian_desktop.services.member import members
from dangjian_desktop.store import attachment_files, branch_files, tree
from dangjian_desktop.store.connection import DatabaseError, close_database
from dangjian_desktop.store.models import ActivityCategory, Member
from dangjian_desktop.store.session import open_server
from dangjian_desktop.store.tree import AttachmentContent

pytestmark = pytest.mark.skipif(not on_server(), reason="moving a branch to and from a server needs the test server")


def every_row(path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as c:
        tables = [t for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: c.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}


@pytest.fixture
def demo_file(tmp_path, demo_template):
    path = tmp_path / "教师党支部.db"
    shutil.copyfile(demo_template, path)
    shutil.copytree(demo_template.parent / "attachments", tmp_path / "attachments")
    return path


@pytest.fixture
def branches(database):
    """Two branches of one 党总支 on the test server, the tree's schema in use."""
    close_database()
    open_server(SERVER)
    top = organisation.add({"name": "实验中学党总支", "level": "党总支"})
    first = organisation.add({"name": "教师第一党支部", "level": "党支部", "parent_id": top.id})
    second = organisation.add({"name": "退休教师党支部", "level": "党支部", "parent_id": top.id})
    return first.id, second.id


def test_a_branch_file_goes_up_and_comes_back_the_same_database(branches, demo_file, tmp_path):
    first, _second = branches
    result = branch_files.import_file(demo_file, first)
    originals = every_row(demo_file)
    assert result.counts["member"] == len(originals["member"]) > 20
    assert result.counts["attendance"] == len(originals["attendance"]) > 100
    assert result.duplicates == [] and result.missing_files == []
    assert AttachmentContent.select().count() > 0

    tree.enter_branch(first)  # the records work on the server as in the file
    assert Member.select().count() == len(originals["member"])
    new = members.create({"name": "䶮新", "gender": "男", "applied_on": "2025-03-01"}).record
    assert new.id == max(row[0] for row in originals["member"]) + 1
    members.delete(new.id)
    tree.leave_branch()

    exported = branch_files.export_branch(first, tmp_path / "back" / "导出.db")
    assert schema(exported) == schema(demo_file)
    back = every_row(exported)
    for table, rows in originals.items():
        if table == "change":  # the one member added and deleted on the server
            rows_back = [row for row in back[table] if row[0] <= max(r[0] for r in rows)]
            assert rows_back == rows, table
            continue
        if table == "deleted_record":
            assert back[table][: len(rows)] == rows
            continue
        assert back[table] == rows, table
    for (sha,) in sqlite3.connect(demo_file).execute("SELECT sha256 FROM attachment"):
        assert attachment_files.state(attachment_files.store_of(exported), sha) == "ok"
    with pytest.raises(DatabaseError, match="已经存在"):
        branch_files.export_branch(first, exported)


def test_an_untouched_branch_exports_to_an_identical_file(branches, demo_file, tmp_path):
    first, _second = branches
    branch_files.import_file(demo_file, first)
    exported = branch_files.export_branch(first, tmp_path / "导出.db")
    assert every_row(exported) == every_row(demo_file)
    assert schema(exported) == schema(demo_file)


def test_a_member_held_by_two_branches_is_reported(branches, demo_file):
    first, second = branches
    with sqlite3.connect(demo_file) as c:
        name, number = c.execute("SELECT name, id_number FROM member WHERE id_number <> '' ORDER BY id").fetchone()
    tree.enter_branch(second)
    members.create({"name": "转入的同志", "gender": "男", "id_number": number, "applied_on": "2020-01-01"})
    tree.leave_branch()
    result = branch_files.import_file(demo_file, first)
    assert [(d.name, d.other_branch, d.other_name) for d in result.duplicates] == [(name, "退休教师党支部", "转入的同志")]
    assert number not in result.message() and "退休教师党支部" in result.message()


def test_an_import_is_all_or_nothing(branches, demo_file, monkeypatch):
    first, _second = branches

    def fail(hashes, store):
        raise OSError("网络中断")

    monkeypatch.setattr(branch_files, "_upload", fail)
    with pytest.raises(OSError):
        branch_files.import_file(demo_file, first)
    tree.enter_branch(first)
    assert Member.select().count() == 0 and ActivityCategory.select().count() == 8  # as a new branch
    tree.leave_branch()
    assert AttachmentContent.select().count() == 0


def test_a_branch_with_records_or_a_damaged_file_is_refused(branches, demo_file, tmp_path):
    from dangjian_desktop.store.models import SummaryDraft

    first, second = branches
    tree.enter_branch(second)
    SummaryDraft.create(year=2025, sections='{"开头": "今年……"}')  # only a draft of the summary: still a record
    tree.leave_branch()
    with pytest.raises(DatabaseError, match="已经有记录"):
        branch_files.import_file(demo_file, second)
    tree.enter_branch(second)
    SummaryDraft.delete().execute()
    tree.leave_branch()
    branch_files.import_file(demo_file, first)
    with pytest.raises(DatabaseError, match="已经有记录"):
        branch_files.import_file(demo_file, first)
    damaged = tmp_path / "坏.db"
    damaged.write_bytes(b"not a database" * 100)
    _first, second = branches
    with pytest.raises(DatabaseError):
        branch_files.import_file(damaged, second)
    with pytest.raises(DatabaseError, match="请选择要导入到的党支部"):
        branch_files.import_file(demo_file, organisation.get(first).parent_id)  # the 党总支
