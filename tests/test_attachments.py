"""Attachments: added to any record, the same file kept once, photos turned upright and made smaller (the original
kept when asked), removed and restored; the files go with every backup and come back with a restore, and a
missing or damaged one is reported, never fatal."""

from __future__ import annotations

import io
import shutil

import pytest
from conftest import on_server
from factories import activity_data, make_member

from dangjian_desktop.services import attachment as attachments
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.settings import save_settings
from dangjian_desktop.store import attachment_files as files
from dangjian_desktop.store.backup import backup_to
from dangjian_desktop.store.connection import database_path
from dangjian_desktop.store.models import Attachment
from dangjian_desktop.store.restore import restore_from

pytestmark = pytest.mark.skipif(on_server(), reason="these are the files in the folder beside a database file, its backups and restores; a server's "
                                                "store is tested in test_server_attachments.py")


def jpeg(width: int, height: int, orientation: int = 1, colour=(200, 30, 30)) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (width, height), colour)
    image.paste((20, 20, 200), (0, 0, width // 2, height // 4))  # a mark that shows which way is up
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = orientation
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def activity(database):
    return activities.create(activity_data()).record


def test_files_are_added_with_a_caption_and_the_same_file_is_kept_once(activity, tmp_path):
    photo, scan = tmp_path / "现场.jpg", tmp_path / "签到表.pdf"
    photo.write_bytes(jpeg(800, 600))
    scan.write_bytes(b"%PDF-1.4 a scan")
    result = attachments.add("activity", activity.id, [photo, scan], caption="活动现场")
    assert [(a.name, a.media, a.caption) for a in result.added] == [("现场.jpg", "image", "活动现场"),
                                                                   ("签到表.pdf", "pdf", "活动现场")]
    copy = tmp_path / "现场-副本.jpg"
    shutil.copyfile(photo, copy)
    again = attachments.add("activity", activity.id, [copy])
    assert again.added == [] and again.already == ["现场-副本.jpg"] and "未重复添加" in again.message()
    other = activities.create(activity_data(title="另一次活动")).record
    attachments.add("activity", other.id, [photo])
    assert Attachment.select().count() == 3
    assert len(list(files.store_of(database_path()).rglob("*"))) - 2 == 2  # two folders, two files: one photo once
    assert [len(attachments.attachments_of("activity", i)) for i in (activity.id, other.id)] == [2, 1]


def test_a_photo_is_turned_upright_and_made_smaller_and_the_original_kept_when_asked(activity, tmp_path):
    from PIL import Image

    taken = tmp_path / "IMG_0001.JPG"
    taken.write_bytes(jpeg(4000, 3000, orientation=6))  # a phone held upright: stored sideways, EXIF says turn
    [kept] = attachments.add("activity", activity.id, [taken], keep_original=True).added
    assert (kept.width, kept.height) == (1920, 2560) and kept.name == "IMG_0001.JPG"
    with Image.open(attachments.file_of(kept)) as image:
        assert image.size == (1920, 2560)
    assert files.state(attachments.store(), kept.original_sha256) == "ok"
    save_settings(attachment_long_side=0)
    small = tmp_path / "小图.png"
    from PIL import Image as Img

    Img.new("RGB", (300, 200), "white").save(small)
    [as_is] = attachments.add("activity", activity.id, [small]).added
    assert attachments.file_of(as_is).read_bytes() == small.read_bytes() and as_is.original_sha256 == ""


def test_files_that_cannot_be_added_are_said_by_name_and_the_others_are_added(activity, tmp_path, monkeypatch):
    good, broken, empty, heic = (tmp_path / n for n in ("好.jpg", "坏.jpg", "空.pdf", "手机.HEIC"))
    good.write_bytes(jpeg(100, 100))
    broken.write_bytes(b"not a picture at all")
    empty.write_bytes(b"")
    heic.write_bytes(b"\x00\x00\x00\x18ftypheic")
    monkeypatch.setattr("dangjian_desktop.common.images._heic_support", lambda: False)
    result = attachments.add("activity", activity.id, [good, broken, empty, heic, tmp_path / "没有.doc"])
    assert [a.name for a in result.added] == ["好.jpg"]
    reasons = dict(result.refused)
    assert "不是能读取的图片文件" in reasons["坏.jpg"] and "文件是空的" in reasons["空.pdf"]
    assert "HEIC" in reasons["手机.HEIC"] and "兼容性最佳" in reasons["手机.HEIC"]
    assert "找不到这个文件" in reasons["没有.doc"]


def test_a_removed_attachment_can_be_restored(activity, tmp_path):
    path = tmp_path / "照片.jpg"
    path.write_bytes(jpeg(200, 100))
    [added] = attachments.add("activity", activity.id, [path]).added
    attachments.remove(added.id)
    assert attachments.attachments_of("activity", activity.id) == []
    assert [a.id for a in attachments.attachments_of("activity", activity.id, removed=True)] == [added.id]
    attachments.restore(added.id)
    assert [a.id for a in attachments.attachments_of("activity", activity.id)] == [added.id]
    with pytest.raises(Exception, match="记录不存在"):
        attachments.add("activity", 9999, [path])


def test_a_backup_carries_the_attachments_and_a_restore_brings_them_back(activity, tmp_path):
    paths = []
    for n in range(3):
        paths.append(tmp_path / f"照片{n}.jpg")
        paths[-1].write_bytes(jpeg(300, 200, colour=(n * 60, 100, 100)))
    added = attachments.add("activity", activity.id, paths).added
    stick = tmp_path / "U盘"
    stick.mkdir()
    backup = backup_to(stick)
    assert {p.name for p in (stick / "attachments").rglob("*") if p.is_file()} == {a.sha256 for a in added}
    live = files.store_of(database_path())
    shutil.rmtree(live)  # the office PC's attachments lost with its disk
    assert {p.state for p in attachments.problems()} == {"missing"}
    damaged = files.path_in(stick / "attachments", added[1].sha256)
    damaged.write_bytes(b"scrambled")
    result = restore_from(backup)
    assert result.attachments.copied == 2 and result.attachments.damaged == (added[1].sha256,)
    assert "1 个附件文件已损坏" in result.attachment_problems()
    assert [p.attachment.id for p in attachments.problems()] == [added[1].id]
    assert "找不到文件" in attachments.problems()[0].message()


def test_a_damaged_file_in_the_live_store_is_found_by_the_full_check(activity, tmp_path):
    path = tmp_path / "照片.jpg"
    path.write_bytes(jpeg(200, 100))
    [added] = attachments.add("activity", activity.id, [path]).added
    attachments.file_of(added).write_bytes(b"changed on disk")
    assert attachments.problems() == []  # the quick check only looks for the file
    [found] = attachments.problems(check_content=True)
    assert found.state == "damaged" and "已损坏" in found.message()


def test_attachments_go_on_any_kind_of_record(database, tmp_path):
    member = make_member("王堃")
    path = tmp_path / "入党志愿书.pdf"
    path.write_bytes(b"%PDF-1.4")
    [added] = attachments.add("member", member.id, [path], caption="入党志愿书扫描件").added
    assert (added.table, added.record_id, added.media) == ("member", member.id, "pdf")


def test_the_panel_adds_dropped_files_opens_and_removes_them(qtbot, qapp, demo_db, tmp_path, monkeypatch):
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDropEvent
    from ui_support import answer_messages, prepare

    from dangjian_desktop.store.models import Activity
    from dangjian_desktop.store.session import open_session
    from ui.attachments_panel import AddAttachmentsDialog
    from ui.main_window import MainWindow

    prepare(qapp, tmp_path)
    answer_messages(monkeypatch)
    window = MainWindow(open_session(demo_db, writer=True))
    qtbot.addWidget(window)
    tab = window.record_tabs["activity"]
    window.tabs.setCurrentWidget(tab)
    visit = Activity.get(Activity.title == "行走的思政课：江南抗日义勇军指挥部旧址")
    assert tab.select_record(visit.id)
    panel = tab.attachments
    assert panel.list.count() == 3 and panel.title.text() == "附件（3）"  # the demo's photos
    assert not panel.list.item(0).icon().isNull()
    photo = tmp_path / "合影.jpg"
    photo.write_bytes(jpeg(640, 480))

    def caption(dialog: AddAttachmentsDialog) -> int:
        dialog.caption.setText("参观后合影")
        return 1

    monkeypatch.setattr(AddAttachmentsDialog, "exec", caption)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    drop = QDropEvent(QPoint(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    panel.dropEvent(drop)
    assert panel.list.count() == 4 and panel.list.item(3).text() == "参观后合影"
    opened = []
    monkeypatch.setattr("ui.attachments_panel.QDesktopServices.openUrl", lambda url: opened.append(url) or True)
    assert panel.open_item(panel.list.item(3))
    assert opened[0].toLocalFile().endswith("合影.jpg")
    panel.list.item(3).setSelected(True)
    panel.remove_selected()
    assert panel.list.count() == 3
    panel.removed_box.setChecked(True)
    assert panel.list.count() == 1 and not panel.add_button.isEnabled()
    panel.list.item(0).setSelected(True)
    panel.restore_selected()
    panel.removed_box.setChecked(False)
    assert panel.list.count() == 4


def _images_on(path) -> list[int]:
    from pypdf import PdfReader

    return [len(page.images) for page in PdfReader(path).pages]


def test_the_activity_ledger_and_the_register_print_the_photos_and_a_scan_stands_in_for_the_sign_in_sheet(
        demo_db, tmp_path):
    from dangjian_desktop.reports.registry import build_report
    from dangjian_desktop.store.models import Meeting
    from tests.pdf_reading import text_of

    ledger = build_report("activities", tmp_path / "台账.pdf", year=2025)
    assert sum(_images_on(ledger)) == 7  # the demo's photos, after the table
    text = "".join(text_of(ledger).split())
    assert "2025.04.03行走的思政课：江南抗日义勇军指挥部旧址" in text and "党员教师带领学生在旧址参观学习" in text
    save_settings(print_photos=2)
    assert sum(_images_on(build_report("activities", tmp_path / "两张.pdf", year=2025))) == 6  # 2 + 2 + 2
    save_settings(print_photos=0)
    assert sum(_images_on(build_report("activities", tmp_path / "无.pdf", year=2025))) == 0
    save_settings(print_photos=4)

    meeting = Meeting.select().where(Meeting.kind == "支部党员大会").order_by(Meeting.date).first()
    scene, scan = tmp_path / "会场.jpg", tmp_path / "签到表.jpg"
    scene.write_bytes(jpeg(800, 600))
    scan.write_bytes(jpeg(600, 850, colour=(240, 240, 240)))
    attachments.add("meeting", meeting.id, [scene], caption="会议现场")
    attachments.add("meeting", meeting.id, [scan], caption="签到表扫描件")
    register = build_report("register", tmp_path / "记录.pdf", meeting_id=meeting.id)
    assert sum(_images_on(register)) == 1 and "会议照片" in text_of(register)  # the scan is not a photo of it
    signin = build_report("signin", tmp_path / "签到.pdf", meeting_id=meeting.id)
    assert _images_on(signin) == [1] and "签到表扫描件" in text_of(signin)
    attachments.file_of(attachments.attachments_of("meeting", meeting.id)[0]).unlink()
    register = build_report("register", tmp_path / "缺.pdf", meeting_id=meeting.id)
    assert sum(_images_on(register)) == 0 and "照片文件缺失" in "".join(text_of(register).split())


def test_a_missing_attachment_file_is_on_the_overview(activity, tmp_path):
    from dangjian_desktop.queries.reminders import attachment_reminders

    paths = [tmp_path / "一.jpg", tmp_path / "二.jpg"]
    paths[0].write_bytes(jpeg(100, 100))
    paths[1].write_bytes(jpeg(100, 100, colour=(0, 200, 0)))
    added = attachments.add("activity", activity.id, paths).added
    assert attachment_reminders() == []
    for a in added:
        attachments.file_of(a).unlink()
    [reminder] = attachment_reminders()
    assert "一.jpg" in reminder.text and "等 2 个附件" in reminder.text
    assert (reminder.table, reminder.record_id) == ("activity", activity.id)
