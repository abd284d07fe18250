"""Files are chosen the same way everywhere: in the folder last used for the purpose (else 文档), with a
name that says what the file is, the dialog's own overwrite question left on, dates in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QFileInfo
from PySide6.QtWidgets import QFileDialog, QLabel
from ui_support import prepare

from dangjian_desktop.common.names import safe_file_name
from dangjian_desktop.store.models import Meeting
from ui import file_dialogs
from ui.file_dialogs import documents_folder, prefer_chinese_dates, save_file


@pytest.fixture(autouse=True)
def _app(qapp, tmp_path):
    prepare(qapp, tmp_path)


@pytest.fixture
def asked(monkeypatch, tmp_path) -> list[QFileDialog]:
    """Dialogs answer the proposed name in tmp_path/chosen and are kept to look at."""
    shown: list[QFileDialog] = []
    (tmp_path / "chosen").mkdir()

    def fake(dialog: QFileDialog) -> str:
        shown.append(dialog)
        return str(tmp_path / "chosen" / Path(dialog.selectedFiles()[0]).name)
    monkeypatch.setattr(file_dialogs, "_run", fake)
    return shown


def proposed(dialog: QFileDialog) -> str:
    return dialog.selectedFiles()[0]


def test_a_save_starts_in_documents_then_where_the_user_saved_last(asked, tmp_path):
    save_file(None, "导出 Excel", "excel", "党建台账导出-2026-12-04.xlsx", "Excel (*.xlsx)")
    assert proposed(asked[0]) == str(documents_folder() / "党建台账导出-2026-12-04.xlsx")
    assert not asked[0].testOption(QFileDialog.DontConfirmOverwrite)  # replacing a file is asked
    assert asked[0].acceptMode() == QFileDialog.AcceptSave
    save_file(None, "导出 Excel", "excel", "b.xlsx", "Excel (*.xlsx)")
    assert proposed(asked[1]) == str(tmp_path / "chosen" / "b.xlsx")
    save_file(None, "另存为 PDF", "print", "c.pdf", "PDF (*.pdf)")  # another purpose: its own folder
    assert proposed(asked[2]) == str(documents_folder() / "c.pdf")


def test_qts_own_dialog_speaks_chinese_where_its_translation_lags(qtbot, tmp_path):
    (tmp_path / "备份").mkdir()
    dialog = file_dialogs._dialog(None, "选择备份文件", tmp_path, "数据库文件 (*.db)")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.DontUseNativeDialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"查找范围(&L)：", "文件类型(&T)："} <= labels and not any("Look in" in t for t in labels)
    provider = dialog.iconProvider()
    assert provider.type(QFileInfo(str(tmp_path / "备份"))) == "文件夹"
    assert provider.type(QFileInfo(str(tmp_path / "a.pdf"))) == "PDF 文件"


def test_proposed_names_say_what_the_file_is(demo_db, qtbot, asked, monkeypatch):
    from dangjian_desktop.reports.registry import meeting_printout_name
    from ui.pdf_preview import PdfPreview
    from ui.report_runner import preview_report

    first = Meeting.select().where(Meeting.kind == "支部党员大会").order_by(Meeting.date).first()
    name = meeting_printout_name(first.id, "会议记录")
    assert name == f"{first.date.year}年支部党员大会第1次会议记录"
    group = Meeting.select().where(Meeting.kind == "党小组会").first()
    assert meeting_printout_name(group.id, "签到表") == (
        f"{group.date.year}年{group.party_group}党小组会第{group.seq}次签到表")
    preview = preview_report(None, "register", name, meeting_id=first.id)
    assert isinstance(preview, PdfPreview)
    qtbot.addWidget(preview)
    saved = preview.save_as()
    assert proposed(asked[-1]).endswith(f"{name}.pdf") and saved is not None and saved.name == f"{name}.pdf"
    assert safe_file_name('2025年“七一”:表彰/大会?') == "2025年“七一”_表彰_大会_"


@pytest.mark.parametrize(("environment", "expected"), [
    ({"LANG": "C"}, "zh_CN.UTF-8"),
    ({"LANG": "en_US.UTF-8"}, "zh_CN.UTF-8"),
    ({"LANG": "zh_CN.UTF-8"}, None),
    ({"LANG": "C", "LC_ALL": "en_US.UTF-8"}, None),  # the user forced every category: left alone
])
def test_dates_in_qts_file_dialog_are_chinese_on_a_linux_desktop(monkeypatch, environment, expected):
    for key in ("LANG", "LC_ALL", "LC_TIME"):
        monkeypatch.delenv(key, raising=False)
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(file_dialogs.sys, "platform", "linux")
    prefer_chinese_dates()
    assert file_dialogs.os.environ.get("LC_TIME") == expected
