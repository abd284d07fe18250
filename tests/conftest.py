"""Shared fixtures: a fresh database per test, the demo database, and offscreen Qt."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The user's data folder (default database, error log) is a private one: tests never write to the real one.
_USER_DATA = tempfile.mkdtemp(prefix="dangjian-test-data-")
os.environ["XDG_DATA_HOME"] = os.environ["APPDATA"] = _USER_DATA

from dangjian_desktop.store.connection import close_database  # noqa: E402
from dangjian_desktop.store.session import open_database, open_server  # noqa: E402

# DANGJIAN_TEST_SERVER=postgresql://… runs the tests that take `database` on that PostgreSQL database instead (its
# tables dropped and made anew for each test); .ci/run does so with a server it starts.
SERVER = os.environ.get("DANGJIAN_TEST_SERVER", "")


def on_server() -> bool:
    return bool(SERVER)


@pytest.fixture
def database(tmp_path: Path):
    """An empty, migrated database for one test (a file, or the test server's database emptied); closed
    afterwards. The path is the file's (on a server: where a file of the test would be)."""
    path = tmp_path / "test.db"
    if SERVER:
        _empty_server()
        open_server(SERVER, _test_branch())
    else:
        open_database(path)
    yield path
    close_database()


def _empty_server() -> None:
    """The test server without a tree or any branch (every schema of ours dropped)."""
    from dangjian_desktop.store.connection import connect
    from dangjian_desktop.store.tree import program_schemas

    server = connect(SERVER)
    for name in program_schemas():
        server.execute_sql(f'DROP SCHEMA "{name}" CASCADE')
    server.execute_sql("DROP SCHEMA IF EXISTS public CASCADE")
    server.execute_sql("CREATE SCHEMA public")
    close_database()


def _test_branch() -> int:
    """A 党支部 in a fresh tree, for the tests that run on one branch."""
    from dangjian_desktop.services import organisation

    open_server(SERVER)
    branch = organisation.add({"name": "党支部", "level": "党支部"}).id  # named as a new file calls itself
    close_database()
    return branch


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, written once per test session; never opened for writing by tests."""
    from dangjian_desktop.demo.builder import write_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    write_demo(path)
    close_database()
    return path


@pytest.fixture
def demo_db(tmp_path: Path, demo_template: Path):
    """A private copy of the demo database and its attachments' files, open for this test."""
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    shutil.copytree(demo_template.parent / "attachments", tmp_path / "attachments")
    open_database(path)
    yield path
    close_database()


@pytest.fixture(autouse=True)
def _no_unexpected_message_boxes(monkeypatch):
    """A message box no test answers would wait for a click for ever: it fails the test instead, naming the
    box. Tests that expect one answer it (ui_support.answer_messages patches these again)."""
    from PySide6.QtWidgets import QMessageBox

    for kind in ("question", "warning", "information", "critical"):
        def unexpected(_parent, title, text, *_args, _kind=kind, **_kwargs):
            raise AssertionError(f"unexpected {_kind} message box “{title}”: {text}")
        monkeypatch.setattr(QMessageBox, kind, staticmethod(unexpected))


@pytest.fixture(autouse=True)
def _discard_quietly_at_teardown(request, monkeypatch):
    """pytest-qt closes the test's windows at teardown; a dialog left with typed input would then ask
    放弃未保存的修改？ and wait for ever. Tests of that question mark themselves `asks_to_discard`."""
    if request.node.get_closest_marker("asks_to_discard") is None:
        monkeypatch.setattr("ui.discard.confirm_discard", lambda _parent: True)
