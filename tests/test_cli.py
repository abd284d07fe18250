"""The command line as a script would use it: version, usage errors and unexpected failures in Chinese."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dangjian_desktop import __version__, cli

ROOT = Path(__file__).resolve().parent.parent


def run_main(*args: str, env_home: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(env_home), "XDG_DATA_HOME": str(env_home / "data"),
           "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=60)


def test_version_prints_the_name_and_version(tmp_path):
    done = run_main("--version", env_home=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == f"党建台账 {__version__}"


def test_a_usage_error_is_explained_in_chinese(tmp_path):
    done = run_main("report", "nonsense", "--out", str(tmp_path / "x.pdf"), env_home=tmp_path)
    assert done.returncode == 2
    assert "参数错误" in done.stderr and "Traceback" not in done.stderr


def test_an_unexpected_failure_is_a_sentence_and_a_log_not_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("APPDATA", str(tmp_path))

    def broken(args):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(cli, "_export", broken)
    code = cli.run(cli.parse_args(["export", "--db", str(tmp_path / "x.db"), "--out", str(tmp_path / "x.xlsx")]))
    err = capsys.readouterr().err
    assert code == cli.EXIT_ERROR
    assert "意外错误" in err and "RuntimeError" in err and "Traceback" not in err
    log = tmp_path / "dangjian_desktop" / "error.log"
    assert "simulated bug" in log.read_text(encoding="utf-8") and str(log) in err


def test_the_command_line_offers_every_report_kind():
    from dangjian_desktop.reports.registry import KINDS

    assert set(cli.REPORT_KINDS) == set(KINDS)


ARGPARSE_ENGLISH = ("usage", "options", "positional", "show this", "help message", "error:", "invalid",
                    "argument", "required", "expected", "choose from", "unrecognized")


@pytest.mark.parametrize("command", [[], ["report"], ["demo"], ["backup"], ["restore"], ["export"], ["import"]])
def test_every_help_is_chinese(capsys, command):
    with pytest.raises(SystemExit):
        cli.parse_args([*command, "--help"])
    text = capsys.readouterr().out
    assert "用法：" in text and "显示本帮助并退出" in text
    assert not [word for word in ARGPARSE_ENGLISH if word in text.lower()], text


@pytest.mark.parametrize(("argv", "said"), [
    (["report", "roster"], "缺少必需的参数：--out"),
    (["report", "roster", "--out", "x.pdf", "--year", "二〇二五"], "参数 --year：'二〇二五' 不是有效的年度（四位数字）"),
    (["report", "nope", "--out", "x.pdf"], "参数 报表种类：'nope' 不是可选的值"),
    (["export", "--out"], "参数 --out：后面需要写一个值"),
    (["backup", "--colour"], "无法识别的参数：--colour"),
])
def test_argument_errors_are_chinese(capsys, argv, said):
    with pytest.raises(SystemExit) as exit_:
        cli.parse_args(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == cli.EXIT_USAGE and said in err and "参数错误" in err
    assert not [word for word in ARGPARSE_ENGLISH if word in err.lower()], err


def test_argparse_speaks_english_again_outside_the_command_line():
    import argparse

    cli.parse_args(["backup"])
    assert argparse._("usage: ") == "usage: "  # pytest and others in the process are left as they were


def test_report_meeting_takes_what_the_window_shows(demo_db, tmp_path, capsys):
    from dangjian_desktop.store.models import Meeting

    first = Meeting.select().where(Meeting.kind == "支委会").order_by(Meeting.date).first()
    for named in (f"{first.date.isoformat()} 支委会", f"{first.date.year}年支委会第{first.seq}次", str(first.id)):
        out = tmp_path / f"{named}.pdf"
        assert cli.run(cli.parse_args(["report", "register", "--db", str(demo_db), "--meeting", named,
                                       "--out", str(out)])) == cli.EXIT_OK, capsys.readouterr().err
        assert out.is_file()
    group_day = Meeting.select().where(Meeting.kind == "党小组会").first().date
    code = cli.run(cli.parse_args(["report", "signin", "--db", str(demo_db), "--meeting", group_day.isoformat(),
                                   "--out", str(tmp_path / "x.pdf")]))
    err = capsys.readouterr().err
    assert code == cli.EXIT_ERROR and "次会议" in err and "请再写上会议类型或党小组" in err


def test_the_restore_command_says_what_the_backup_holds_before_it_replaces_anything(demo_db, tmp_path, capsys):
    from dangjian_desktop.store import backup
    from dangjian_desktop.store.connection import close_database

    saved = backup.backup_named(demo_db, "manual")
    close_database()
    code = cli.run(cli.parse_args(["restore", str(saved), "--db", str(demo_db)]))
    out = capsys.readouterr().out
    assert code == cli.EXIT_OK
    assert out.startswith("备份文件：保存时间 ") and "在册党员 " in out and "会议 " in out and "已从" in out
    bad = tmp_path / "bad.db"
    bad.write_text("不是数据库", encoding="utf-8")
    code = cli.run(cli.parse_args(["restore", str(bad), "--db", str(demo_db)]))
    captured = capsys.readouterr()
    assert code == cli.EXIT_ERROR and "备份文件：" not in captured.out and "bad.db" in captured.err
