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


@pytest.mark.parametrize("kind", cli.REPORT_KINDS)
def test_every_report_kind_is_registered(kind):
    from dangjian_desktop.reports.registry import KINDS

    assert kind in KINDS
