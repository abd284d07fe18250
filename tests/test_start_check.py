"""The page-by-page file check at start-up runs when the last session did not close cleanly, when the file
changed outside the program, and once a day; a clean reopen the same day skips it."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from dangjian_desktop.services.member import members
from dangjian_desktop.store import file_check
from dangjian_desktop.store.file_check import UnusableDatabaseError
from dangjian_desktop.store.lock import lock_path
from dangjian_desktop.store.session import needs_integrity_check, open_session


@pytest.fixture
def checks(monkeypatch):
    """Each full check run by the file check (True) or skipped (False)."""
    seen: list[bool] = []
    inspect = file_check.inspect_file

    def spying(path, *, integrity=True):
        seen.append(integrity)
        return inspect(path, integrity=integrity)

    monkeypatch.setattr(file_check, "inspect_file", spying)
    return seen


def closed_cleanly(path):
    open_session(path, writer=True, daily=False).close()


def test_a_clean_reopen_the_same_day_skips_the_check(tmp_path, checks):
    path = tmp_path / "branch.db"
    closed_cleanly(path)  # a new file: made here, nothing to check
    closed_cleanly(path)
    closed_cleanly(path)
    assert checks == [False, False]
    assert lock_path(path).read_text(encoding="utf-8").startswith("closed checked=")


def test_after_a_crash_the_check_runs(tmp_path, checks):
    path = tmp_path / "branch.db"
    closed_cleanly(path)
    closed_cleanly(path)
    session = open_session(path, writer=True, daily=False)
    session.lock.release()  # as the OS does for a killed program: the holder's line stays in the file
    assert "pid=" in lock_path(path).read_text(encoding="utf-8")
    open_session(path, writer=True, daily=False).close()
    assert checks == [False, False, True]


def test_a_file_changed_outside_the_program_is_checked_and_damage_is_found(tmp_path, checks):
    path = tmp_path / "branch.db"
    closed_cleanly(path)
    closed_cleanly(path)
    session = open_session(path, writer=True, daily=False)
    members.create({"name": "王伟", "gender": "男", "status": "正常", "notes": "备注" * 900})
    session.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data), 7):  # damaged pages, as a bad copy or another program leaves them
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    with pytest.raises(UnusableDatabaseError, match="已损坏"):
        open_session(path, writer=True, daily=False)
    assert checks[-1] is True


def test_a_new_day_checks_again(tmp_path):
    path = tmp_path / "branch.db"
    closed_cleanly(path)
    note = lock_path(path).read_text(encoding="utf-8")
    today = dt.date.today()
    assert not needs_integrity_check(note, path, today)
    assert needs_integrity_check(note, path, today + dt.timedelta(days=1))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1))  # touched by something else
    assert needs_integrity_check(note, path, today)
    assert needs_integrity_check("", path, today)


def test_readers_always_check(tmp_path, checks):
    path = tmp_path / "branch.db"
    closed_cleanly(path)
    open_session(path, writer=False).close()
    assert checks == [True]
