"""The year archive: the printouts, the records, the attachments in a folder per record and an index, in one zip
that opens without this program; a printout the year has nothing for is listed, a missing attachment too; a
cancelled run leaves nothing behind."""

from __future__ import annotations

import re
import zipfile

import pytest
from pypdf import PdfReader

from dangjian_desktop import cli
from dangjian_desktop.archive.year_archive import PRINTOUTS, ArchiveError, write_year_archive
from dangjian_desktop.reports.errors import ReportCancelled
from dangjian_desktop.services import attachment as attachments
from dangjian_desktop.store.encrypted import is_encrypted
from dangjian_desktop.store.models import Attachment


def test_the_demo_years_archive_holds_every_printout_the_records_and_the_photos(demo_db, tmp_path, capsys):
    code = cli.run(cli.parse_args(["archive", "--year", "2025", "--db", str(demo_db), "--out", str(tmp_path / "归档")]))
    assert code == 0, capsys.readouterr().err
    path = tmp_path / "归档.zip"
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        top = names[0].split("/")[0]
        assert top == "常州市武进区政平小学党支部2025年党建档案"
        inside = {n.split("/", 1)[1] for n in names}
        assert {name for name, _kind, _options in PRINTOUTS} <= inside  # the demo year has every printout
        assert {"全部记录.xlsx", "index.html"} <= inside
        photos = sorted(n for n in inside if n.startswith("附件/"))
        assert len(photos) == Attachment.select().count() == 7
        assert "附件/活动/2025-04-03 行走的思政课：江南抗日义勇军指挥部旧址/IMG_20250403_001.jpg" in photos
        for name in inside:
            if name.endswith(".pdf"):
                with archive.open(f"{top}/{name}") as pdf:
                    assert len(PdfReader(pdf).pages) >= 1, name  # every PDF opens
        index = archive.read(f"{top}/index.html").decode("utf-8")
    for name in inside - {"index.html"}:
        assert f"href='{name}'" in index, name
    assert "已生成" in capsys.readouterr().out


def test_a_year_without_records_lists_what_it_lacks_and_a_missing_photo_is_left_out(demo_db, tmp_path):
    first = Attachment.select().order_by(Attachment.id).first()
    attachments.file_of(first).unlink()
    result = write_year_archive(2025, tmp_path / "a.zip")
    assert len(result.attachment_problems) == 1 and "找不到文件" in result.attachment_problems[0]
    empty = write_year_archive(2019, tmp_path / "b.zip")
    assert dict(empty.skipped)["会议记录本.pdf"].startswith("2019年没有")
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        index = archive.read(archive.namelist()[0].split("/")[0] + "/index.html").decode("utf-8")
    assert "本年度没有的" in index and "本年度的记录没有附件" in index


def test_a_cancelled_archive_leaves_no_file(demo_db, tmp_path):
    def cancel_at_the_third_step(done: int, _total: int) -> bool:
        return done < 3

    with pytest.raises(ReportCancelled):
        write_year_archive(2025, tmp_path / "c.zip", progress=cancel_at_the_third_step)
    assert not re.search(r"\.zip|\.archive-", " ".join(p.name for p in tmp_path.iterdir()))


def test_an_archive_into_a_missing_folder_is_refused(demo_db, tmp_path):
    with pytest.raises(ArchiveError, match="输出文件夹不存在"):
        write_year_archive(2025, tmp_path / "没有" / "d.zip")


def test_the_window_writes_the_archive_where_the_user_chose(qtbot, qapp, demo_db, tmp_path, monkeypatch):
    from ui_support import answer_messages, prepare

    from dangjian_desktop.store.session import open_session
    from ui.main_window import MainWindow

    prepare(qapp, tmp_path)
    shown = answer_messages(monkeypatch)
    window = MainWindow(open_session(demo_db, writer=False))
    qtbot.addWidget(window)
    monkeypatch.setattr("ui.data_actions.QInputDialog.getInt", lambda *_a, **_k: (2025, True))
    monkeypatch.setattr("ui.data_actions.save_file", lambda *_a, **_k: str(tmp_path / "档案.zip"))
    monkeypatch.setattr("ui.password_dialog.ask_password", lambda *_a, **_k: "政平小学2025!")
    assert "年度归档…" in [a.text() for a in window.file_menu.actions()]
    path = window.data_actions.archive_year()  # asked whether to encrypt: yes
    assert path == tmp_path / "档案.zip" and is_encrypted(path)
    assert "身份证号" in shown[-2][2] and "index.html" in shown[-1][2] and "已加密" in shown[-1][2]
