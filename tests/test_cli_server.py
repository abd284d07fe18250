"""The command line on a server, as an office would use it: set the server up, add the tree and the users, move a
branch's file up, print from it as its clerk, see the committee view with its summed 党内统计表, export the branch
back; wrong passwords, missing rights and file-only commands are said in Chinese."""

from __future__ import annotations

import io
import shutil
import sqlite3

import pytest
from conftest import SERVER, on_server
from pypdf import PdfReader

from dangjian_desktop import cli
from dangjian_desktop.store.connection import close_database

pytestmark = pytest.mark.skipif(not on_server(), reason="the server's commands need the test server")


@pytest.fixture
def server(database, monkeypatch):
    close_database()
    monkeypatch.setenv("DANGJIAN_PASSWORD", "gongwei-2025")
    return SERVER


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.run(cli.parse_args(list(argv)))
    close_database()
    out, err = capsys.readouterr()
    return code, out, err


def test_a_committee_sets_up_its_server_from_the_command_line(server, capsys, monkeypatch, demo_template, tmp_path):
    db = ("--db", server)
    admin = (*db, "--user", "gw")
    monkeypatch.setattr("sys.stdin", io.StringIO("gongwei-2025\n"))  # a new user's password: never the environment's
    assert run(capsys, "server-setup", *db, "--org", "区教育工委", "--login", "gw", "--name", "工委组织员")[0] == 0
    code, _out, err = run(capsys, "server-setup", *db, "--org", "又一个", "--login", "x2", "--name", "某")
    assert code == cli.EXIT_ERROR and "服务器已经设置过" in err
    assert run(capsys, "org-add", *admin, "--name", "实验中学党总支", "--level", "党总支", "--parent", "区教育工委")[0] == 0
    for name in ("教师党支部", "退休党支部"):
        code, _out, err = run(capsys, "org-add", *admin, "--name", name, "--level", "党支部", "--parent", "实验中学党总支")
        assert code == 0, err
    code, out, _err = run(capsys, "tree", *admin)
    assert [line.split()[-1] for line in out.splitlines()][-3:] == ["实验中学党总支", "教师党支部", "退休党支部"]

    demo = tmp_path / "教师党支部.db"
    shutil.copyfile(demo_template, demo)
    shutil.copytree(demo_template.parent / "attachments", tmp_path / "attachments")
    code, out, err = run(capsys, "branch-import", str(demo), *admin, "--branch", "教师党支部")
    assert code == 0 and "已导入党员等人员 " in out, err

    monkeypatch.setattr("sys.stdin", io.StringIO("secretary-1\n"))
    assert run(capsys, "user-add", *admin, "--login", "wang", "--name", "王书记", "--role", "支部书记",
               "--org", "教师党支部")[0] == cli.EXIT_OK
    monkeypatch.setenv("DANGJIAN_PASSWORD", "secretary-1")
    out_pdf = tmp_path / "花名册.pdf"
    code, _out, err = run(capsys, "report", "roster", *db, "--user", "wang", "--out", str(out_pdf))
    assert code == 0, err
    with sqlite3.connect(demo) as original:
        secretary = original.execute("SELECT name FROM member WHERE party_post = '书记'").fetchone()[0]
    assert secretary in "".join(page.extract_text() for page in PdfReader(out_pdf).pages)
    code, _out, err = run(capsys, "report", "roster", *db, "--user", "wang", "--branch", "退休党支部",
                          "--out", str(out_pdf))
    assert code == cli.EXIT_ERROR and "没有权限打开这个党支部" in err
    code, _out, err = run(capsys, "backup", *db, "--user", "wang")
    assert code == cli.EXIT_ERROR and "pg_dump" in err
    code, _out, err = run(capsys, "org-add", *db, "--user", "wang", "--name", "x", "--level", "党支部")
    assert code == cli.EXIT_ERROR and "不是党委管理员" in err
    monkeypatch.setenv("DANGJIAN_PASSWORD", "wrong-password")
    code, _out, err = run(capsys, "tree", *db, "--user", "wang")
    assert code == cli.EXIT_ERROR and "用户名或密码不正确" in err and "Traceback" not in err

    monkeypatch.setenv("DANGJIAN_PASSWORD", "gongwei-2025")
    statistics = tmp_path / "汇总统计.pdf"
    code, out, err = run(capsys, "committee", *admin, "--year", "2025", "--statistics", str(statistics))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1].startswith("区教育工委  ") and lines[1].split()[1:] == lines[2].split()[1:]  # one branch with records
    text = "".join(page.extract_text() for page in PdfReader(statistics).pages)
    assert "区教育工委" in text and "党内统计表" in text

    code, _out, err = run(capsys, "archive", *admin, "--year", "2025", "--org", "实验中学党总支",
                          "--out", str(tmp_path / "总支档案.zip"))
    assert code == 0, err
    monkeypatch.setenv("DANGJIAN_PASSWORD", "secretary-1")
    code, _out, err = run(capsys, "committee", *db, "--user", "wang", "--year", "2025", "--org", "区教育工委")
    assert code == cli.EXIT_ERROR and "没有权限查看“区教育工委”" in err
    monkeypatch.setenv("DANGJIAN_PASSWORD", "gongwei-2025")

    back = tmp_path / "back.db"
    code, out, err = run(capsys, "branch-export", *admin, "--branch", "教师党支部", "--out", str(back))
    assert code == 0, err
    with sqlite3.connect(back) as exported, sqlite3.connect(demo) as original:
        assert (exported.execute("SELECT * FROM member ORDER BY id").fetchall()
                == original.execute("SELECT * FROM member ORDER BY id").fetchall())
