"""Encrypted backups and archives for a USB stick: AES-256, the whole round trip with the attachments, nothing
readable on the stick without the password, a wrong password refused with nothing changed."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from conftest import on_server
from factories import activity_data, database_contents, full_member_data

from dangjian_desktop import cli
from dangjian_desktop.archive.year_archive import write_year_archive
from dangjian_desktop.services import attachment as attachments
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.member import members
from dangjian_desktop.store.backup import backup_encrypted
from dangjian_desktop.store.encrypted import PasswordError, is_encrypted
from dangjian_desktop.store.models import Member
from dangjian_desktop.store.restore import decrypted, restore_from

pytestmark = pytest.mark.skipif(on_server(), reason="files of the database: its backups, copies, locks and the folder beside it (a server keeps its own)")

PASSWORD = "政平小学2025!"


def test_an_encrypted_backup_round_trips_with_its_attachments(database, tmp_path):
    member = members.create(full_member_data("王堃", id_number="320402198005040016")).record
    activity = activities.create(activity_data()).record
    photo = tmp_path / "现场.pdf"
    photo.write_bytes(b"%PDF-1.4 the scan")
    [added] = attachments.add("activity", activity.id, [photo]).added
    before = database_contents()
    stick = tmp_path / "U盘"
    stick.mkdir()
    backup = backup_encrypted(stick, PASSWORD)
    assert [p.name for p in stick.iterdir()] == [backup.name] and is_encrypted(backup)
    raw = backup.read_bytes()
    assert b"320402198005040016" not in raw and b"SQLite format 3" not in raw and b"the scan" not in raw
    members.update(member.id, {"phone": "13900000000"})
    attachments.file_of(added).unlink()
    with decrypted(backup, PASSWORD, database) as plain:
        result = restore_from(plain, database)
    assert database_contents() == before and attachments.file_of(added).read_bytes() == b"%PDF-1.4 the scan"
    assert result.attachment_problems() == ""


def test_a_wrong_or_short_password_changes_nothing(database, tmp_path):
    members.create(full_member_data("张喆"))
    backup = backup_encrypted(tmp_path, PASSWORD)
    members.create(full_member_data("李祎", born=dt.date(1983, 9, 8)))
    before = database_contents()
    with pytest.raises(PasswordError, match="密码不正确"):
        with decrypted(backup, "政平小学2024!", database):
            pass
    assert database_contents() == before
    with pytest.raises(PasswordError, match="至少8位"):
        backup_encrypted(tmp_path, "1234")
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".zip"] == [backup.name]


def test_an_encrypted_year_archive_opens_only_with_its_password(demo_db, tmp_path):
    import pyzipper

    path = write_year_archive(2025, tmp_path / "档案.zip", password=PASSWORD).path
    assert is_encrypted(path)
    with zipfile.ZipFile(path) as plain, pytest.raises(RuntimeError):
        plain.read(plain.namelist()[0])  # zipfile cannot read it without the password
    with pyzipper.AESZipFile(path) as z:
        z.setpassword(PASSWORD.encode())
        index = next(n for n in z.namelist() if n.endswith("index.html"))
        assert "党建档案" in z.read(index).decode("utf-8")


def test_the_command_line_backs_up_and_restores_encrypted(database, tmp_path, monkeypatch, capsys):
    members.create(full_member_data("陈珺"))
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.run(cli.parse_args(["backup", "--db", str(database), "--to", str(tmp_path), "--encrypt"])) == 0
    backup = next(tmp_path.glob("党建台账加密备份-*.zip"))
    members.create(full_member_data("钱玥", born=dt.date(1980, 11, 2)))
    from dangjian_desktop.store.connection import close_database, db

    close_database()
    db.initialize(None)  # as in a fresh process: the command line's restore opens nothing before
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong-password\n"))
    assert cli.run(cli.parse_args(["restore", str(backup), "--db", str(database)])) == 1
    assert "密码不正确" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.run(cli.parse_args(["restore", str(backup), "--db", str(database)])) == 0
    assert [m.name for m in Member.select()] == ["陈珺"]
