"""Printing from the window: the summary editor, the preview with its print, save and open, the tabs' print buttons."""

from __future__ import annotations

import datetime as dt

import pytest
from pdf_reading import page_size_mm, text_of
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox
from ui_support import answer_messages, prepare

from dangjian_desktop.reports.year_summary import default_year, load_draft
from dangjian_desktop.store.models import Meeting
from dangjian_desktop.store.session import open_session
from ui import file_dialogs
from ui.main_window import MainWindow
from ui.pdf_preview import PdfPreview
from ui.register_book_dialog import RegisterBookDialog
from ui.report_runner import preview_report, run_report
from ui.summary_editor import SummaryEditor


@pytest.fixture(autouse=True)
def _app(qapp, tmp_path):
    prepare(qapp, tmp_path)


def close_quietly(widget, monkeypatch) -> None:
    answer_messages(monkeypatch, QMessageBox.Discard)
    widget.close()


def test_the_editor_shows_each_section_and_the_figures_its_placeholders_stand_for(qtbot, demo_db, monkeypatch):
    editor = SummaryEditor(year=2025)
    qtbot.addWidget(editor)
    assert "尚未保存" in editor.state.text()
    assert editor.editors["title"].text() == "{年度}年党建工作总结"
    assert "{主题党日次数}" in editor.editors["work"].toPlainText()
    filled = editor.filled.toPlainText()
    for phrase in ("2025年党建工作总结", "主题党日12次", "书记党课5次", "示范课41节", "二、存在的问题和原因"):
        assert phrase in filled, phrase
    rows = {editor.placeholders.item(r, 0).text(): editor.placeholders.item(r, 1).text()
            for r in range(editor.placeholders.rowCount())}
    assert rows["{主题党日次数}"] == "12" and rows["{转正人数}"] == "1"
    close_quietly(editor, monkeypatch)


def test_edits_are_saved_to_the_years_draft_and_unknown_placeholders_are_pointed_out(qtbot, demo_db, monkeypatch):
    editor = SummaryEditor(year=2025)
    qtbot.addWidget(editor)
    editor.editors["work"].setPlainText("全年开展主题党日{主题党日次数}次。{主题党日数}")
    editor.editors["measures_heading"].setText("下一步打算")
    editor.editors["measures_heading"].textEdited.emit("下一步打算")
    assert editor.modified
    editor._show_filled()
    assert "全年开展主题党日12次。" in editor.filled.toPlainText()
    assert "三、下一步打算" in editor.filled.toPlainText()
    assert "{主题党日数}" in editor.notice.text()
    assert editor.save() and not editor.modified
    saved = load_draft(2025)
    assert saved.saved_at is not None and saved.sections["measures_heading"] == "下一步打算"
    assert saved.sections["work"].startswith("全年开展主题党日{主题党日次数}次")

    shown = answer_messages(monkeypatch, QMessageBox.Yes)
    editor.restore_default()
    assert "{主题党日次数}" in editor.editors["work"].toPlainText() and editor.modified
    assert shown and shown[0][0] == "question"
    shown = answer_messages(monkeypatch, QMessageBox.Discard)
    editor.year_box.setValue(2026)  # unsaved changes: asked, dropped
    assert editor.year == 2026 and [kind for kind, *_ in shown] == ["question"]
    assert load_draft(2025).sections["measures_heading"] == "下一步打算"
    close_quietly(editor, monkeypatch)


def test_a_draft_that_cannot_be_saved_says_why_and_keeps_the_text(qtbot, demo_db, monkeypatch):
    editor = SummaryEditor(year=2025)
    qtbot.addWidget(editor)
    editor.editors["title"].setText("")
    shown = answer_messages(monkeypatch)
    assert not editor.save()
    assert shown[0][0] == "warning" and "请填写标题" in shown[0][2]
    assert load_draft(2025).saved_at is None
    close_quietly(editor, monkeypatch)


def test_save_and_preview_prints_the_users_wording(qtbot, demo_db, monkeypatch):
    editor = SummaryEditor(year=2025)
    qtbot.addWidget(editor)
    editor.editors["closing"].setPlainText("我们将继续努力，共开展主题党日{主题党日次数}次。")
    preview = editor.preview()
    qtbot.addWidget(preview)
    assert isinstance(preview, PdfPreview) and preview.document.pageCount() >= 2
    text = text_of(preview.path)
    assert "我们将继续努力，共开展主题党日12次。" in text and "示范课41节" in text
    close_quietly(editor, monkeypatch)


def test_export_word_writes_the_docx_where_the_user_chose(qtbot, demo_db, monkeypatch, tmp_path):
    import docx

    editor = SummaryEditor(year=2025)
    qtbot.addWidget(editor)
    target = tmp_path / "总结.docx"
    monkeypatch.setattr(file_dialogs, "_run", lambda dialog: str(target))
    assert editor.export_word() == target
    assert "主题党日12次" in "".join(p.text for p in docx.Document(target).paragraphs)
    close_quietly(editor, monkeypatch)


def test_the_preview_prints_saves_and_opens_the_pdf(qtbot, demo_db, monkeypatch, tmp_path):
    meeting = Meeting.select().where(Meeting.kind == "支委会").first()
    preview = preview_report(None, "signin", "签到表", meeting_id=meeting.id)
    qtbot.addWidget(preview)
    assert preview.document.pageCount() == 1 and "共 1 页" in preview.pages_label.text()

    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer, dpi=100) == 1
    assert page_size_mm(tmp_path / "printed.pdf") == [(210, 297)]

    kept = tmp_path / "留存"
    monkeypatch.setattr(file_dialogs, "_run", lambda dialog: str(kept))
    saved = preview.save_as()
    assert saved == kept.with_suffix(".pdf") and saved.read_bytes() == preview.path.read_bytes()

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    preview.open_externally()
    assert [url.toLocalFile() for url in opened] == [str(preview.path)]


def test_a_report_that_cannot_be_made_is_explained(qtbot, demo_db, monkeypatch, tmp_path):
    shown = answer_messages(monkeypatch)
    assert run_report(None, "registers", tmp_path / "x.pdf", "会议记录本", year=2019) is None
    assert shown == [("warning", "会议记录本", "2019年没有会议记录，无法生成会议记录本。")]


def test_the_tabs_print_buttons_print_what_is_selected(qtbot, demo_db, monkeypatch):
    window = MainWindow(open_session(demo_db, writer=False))
    qtbot.addWidget(window)
    shown = answer_messages(monkeypatch)
    tab = window.record_tabs["meeting"]
    window.tabs.setCurrentWidget(tab)  # a tab reads its records when first shown
    buttons = {a.text(): a for a in tab.toolbar.actions()}
    assert {"会议记录", "签到表", "会议记录本"} <= set(buttons)
    tab.view.clearSelection()
    buttons["会议记录"].trigger()
    assert shown and "请先在会议列表中选中" in shown[-1][2]

    meeting = Meeting.select().where(Meeting.topic == "讨论林昇同志预备党员转正").get()
    tab.set_filter("year", "2025")
    assert tab.select_record(meeting.id)
    buttons["会议记录"].trigger()
    preview = window.findChildren(PdfPreview)[-1]
    assert "讨论林昇同志预备党员转正" in text_of(preview.path) and "林昇同志按期转为中共正式党员" in text_of(preview.path)

    chosen: list[RegisterBookDialog] = []

    def choose(dialog: RegisterBookDialog, kinds=None, group="") -> int:
        chosen.append(dialog)
        assert dialog.year.value() == 2025  # the year the list is filtered to
        for kind, box in dialog.kinds.items():
            box.setChecked(kinds is None or kind in kinds)
        dialog.group.setCurrentText(group or "全部党小组")
        return QDialog.Accepted

    monkeypatch.setattr(RegisterBookDialog, "exec", choose)
    buttons["会议记录本"].trigger()
    book = window.findChildren(PdfPreview)[-1]
    assert "2025年会议记录本" in text_of(book.path) and book.document.pageCount() > 40

    monkeypatch.setattr(RegisterBookDialog, "exec", lambda d: choose(d, ("党小组会",), "第二党小组"))
    buttons["会议记录本"].trigger()
    text = text_of(window.findChildren(PdfPreview)[-1].path)
    assert "2025年第二党小组会议记录本" in text
    assert "第二党小组" in text and "第一党小组" not in text and "支委会" not in text

    menu = [a.text() for a in window.print_menu.actions()]
    assert "年度党建工作总结…" in menu
    editor = window.printing.open_summary()
    assert isinstance(editor, SummaryEditor) and editor.year == default_year()
    assert window.printing.open_summary() is editor  # one editor at a time
    close_quietly(editor, monkeypatch)


def test_the_year_summed_up_is_last_year_until_july():
    assert default_year(dt.date(2026, 1, 10)) == 2025
    assert default_year(dt.date(2025, 12, 20)) == 2025


@pytest.mark.parametrize("tick", [False, True])
def test_the_roster_asks_before_printing_personal_numbers_whole(qtbot, demo_db, monkeypatch, tick):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QCheckBox

    from dangjian_desktop.store.models import Member

    window = MainWindow(open_session(demo_db, writer=False))
    qtbot.addWidget(window)
    tab = window.record_tabs["member"]
    asked = []

    def answer():
        box = QApplication.activeModalWidget()
        asked.append(box.text())
        box.findChild(QCheckBox).setChecked(tick)
        next(b for b in box.buttons() if b.text() == "打印预览").click()

    QTimer.singleShot(0, answer)
    {a.text(): a for a in tab.toolbar.actions()}["花名册"].trigger()
    assert asked and "花名册" in asked[0]
    printed = text_of(window.findChildren(PdfPreview)[-1].path)
    number = Member.select().where(Member.id_number != "").first().id_number
    assert (number in printed) is tick and (f"{number[:4]}**********{number[-4:]}" in printed) is not tick


def test_the_register_book_dialog_needs_a_meeting_type_and_offers_the_years_groups(qtbot, demo_db):
    dialog = RegisterBookDialog(2025)
    qtbot.addWidget(dialog)
    groups = [dialog.group.itemText(i) for i in range(dialog.group.count())]
    assert groups == ["全部党小组", "第一党小组", "第二党小组", "第三党小组"]
    assert dialog.choice().kinds == () and dialog.choice().party_group == ""  # everything
    for kind, box in dialog.kinds.items():
        box.setChecked(kind == "支委会")
    assert not dialog.group.isEnabled() and dialog.choice().kinds == ("支委会",)
    dialog.kinds["支委会"].setChecked(False)
    preview = next(b for b in dialog.buttons.buttons() if b.text() == "打印预览")
    assert "请至少选一种会议类型" in dialog.note.text() and not preview.isEnabled()
