"""Attachments on a server: the files kept once on the server for every PC, copied into this PC's cache when they
are opened or printed; a file the server lacks is reported, as a missing one beside a file is."""

from __future__ import annotations

import shutil

import pytest
from conftest import on_server
from factories import activity_data
from test_attachments import _images_on, jpeg

from dangjian_desktop.reports.registry import build_report
from dangjian_desktop.services import attachment as attachments
from dangjian_desktop.services.activity import activities
from dangjian_desktop.store import server_files
from dangjian_desktop.store.tree import AttachmentContent

pytestmark = pytest.mark.skipif(not on_server(), reason="a server's store of attachments needs the test server")


def test_a_photo_added_on_one_pc_prints_on_another(database, tmp_path):
    activity = activities.create(activity_data()).record
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(jpeg(1200, 900))
    result = attachments.add("activity", activity.id, [photo, photo], caption="活动现场")
    assert len(result.added) == 1 and AttachmentContent.select().count() == 1
    [added] = result.added
    assert bytes(AttachmentContent.get().data) == attachments.file_of(added).read_bytes()

    shutil.rmtree(server_files.local_store())  # another PC: nothing in its cache yet
    assert attachments.file_state(added) == "ok"
    assert sum(_images_on(build_report("activities", tmp_path / "台账.pdf", year=activity.date.year))) == 1

    assert attachments.problems() == []
    AttachmentContent.delete().execute()
    shutil.rmtree(server_files.local_store())
    [problem] = attachments.problems()
    assert "现场.jpg" in problem.message() and "找不到文件" in problem.message()
