"""Two clerks editing the same record: each save counts; a save over a change made since the form was opened is
refused with both sides named (nothing overwritten) until the user chooses to keep his own; on a server two
saves at the same moment are taken one after the other, the second one refused."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from conftest import on_server
from factories import make_member, meeting_data, present

from dangjian_desktop.domain.validation import ConflictError
from dangjian_desktop.services.history import changes_for
from dangjian_desktop.services.meeting import meetings
from dangjian_desktop.store import connection
from dangjian_desktop.store.connection import db


def _as_other_clerk(work, name: str = "王组织委员") -> None:
    """Run `work` as another clerk: another thread, so its own connection, and its own name in the history."""
    failure = []

    def run():
        try:
            work()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            failure.append(exc)
        finally:
            db.close()

    saved, connection._acting_user[0] = connection._acting_user[0], name
    try:
        thread = threading.Thread(target=run)
        thread.start()
        thread.join(30)
    finally:
        connection._acting_user[0] = saved
    if failure:
        raise failure[0]


def _opened(meeting_id: int) -> tuple[dict, int]:
    record = meetings.get(meeting_id)
    return meetings.form_values(record), meetings.version_of(record)


def test_the_second_clerk_saving_the_same_meeting_sees_the_first_ones_change(database, monkeypatch):
    monkeypatch.setattr(connection, "_acting_user", ["李书记"])
    host = make_member("张堃")
    meeting = meetings.create(meeting_data(kind="支部党员大会", attendance=present(host))).record
    mine, seen = _opened(meeting.id)  # 李书记 opens the form
    theirs, their_seen = _opened(meeting.id)  # so does 王组织委员
    assert seen == their_seen == 0

    _as_other_clerk(lambda: meetings.update(meeting.id, {**theirs, "place": "三楼会议室"}, their_seen))

    with pytest.raises(ConflictError) as refused:
        meetings.update(meeting.id, {**mine, "topic": "研究四月份主题党日安排"}, seen)
    conflict = refused.value
    assert "王组织委员" in str(conflict) and conflict.by == "王组织委员" and conflict.version == 1
    assert ("主题", "研究四月份主题党日安排", "研究三月份主题党日安排") in conflict.differences
    assert ("地点", "党员活动室", "三楼会议室") in conflict.differences
    stored = meetings.get(meeting.id)
    assert (stored.place, stored.topic) == ("三楼会议室", "研究三月份主题党日安排")  # nothing overwritten

    meetings.update(meeting.id, {**mine, "topic": "研究四月份主题党日安排"}, conflict.version)  # he keeps his
    stored = meetings.get(meeting.id)
    assert (stored.topic, stored.place, stored.row_version) == ("研究四月份主题党日安排", "党员活动室", 2)
    assert [entry.by for entry in changes_for("meeting", meeting.id)] == ["李书记", "王组织委员", "李书记"]


def test_a_save_without_a_form_version_is_not_checked_and_every_save_counts(database):
    meeting = meetings.create(meeting_data()).record
    for number in (1, 2, 3):
        meetings.update(meeting.id, {"place": f"{number}号会议室"})
        assert meetings.get(meeting.id).row_version == number


@pytest.mark.skipif(not on_server(), reason="two connections writing at the same moment: a SQLite file has one "
                                            "writer at a time (the one-writer lock), so this race needs a server")
def test_two_saves_at_the_same_moment_on_a_server_are_taken_in_turn(database):
    meeting = meetings.create(meeting_data()).record
    values, seen = _opened(meeting.id)
    first_holds_the_row, go_on = threading.Event(), threading.Event()
    original_check = meetings.check

    def slow_check(c, cleaned, data, record):  # the first clerk's save pauses inside its transaction
        if threading.current_thread().name == "first":
            first_holds_the_row.set()
            go_on.wait(10)
        return original_check(c, cleaned, data, record)

    meetings.check = slow_check
    outcome = {}

    def clerk(name: str, place: str):
        try:
            meetings.update(meeting.id, {**values, "place": place}, seen)
            outcome[name] = "saved"
        except ConflictError:
            outcome[name] = "conflict"
        finally:
            db.close()

    try:
        first = threading.Thread(target=clerk, args=("first", "一楼"), name="first")
        second = threading.Thread(target=clerk, args=("second", "二楼"), name="second")
        first.start()
        assert first_holds_the_row.wait(10)
        second.start()
        second.join(1)
        assert second.is_alive()  # waits for the first one's row
        go_on.set()
        first.join(10)
        second.join(10)
    finally:
        del meetings.check
    assert outcome == {"first": "saved", "second": "conflict"}
    assert meetings.get(meeting.id).place == "一楼"


def _meeting_dialog(qtbot, meeting_id: int):
    from ui.tab_specs import MEETINGS

    dialog = MEETINGS.dialog(MEETINGS.form, meeting_id)
    qtbot.addWidget(dialog)
    return dialog


def _answer_conflicts(monkeypatch, button: str) -> list:
    """The conflict dialog is shown (its rows recorded) and answered with `button` (keep_mine, take_theirs, or
    None to go back to the form)."""
    from ui.conflict_dialog import ConflictDialog

    shown = []

    def fake_exec(dialog):
        shown.append([[dialog.table.horizontalHeaderItem(c).text() for c in range(3)]]
                     + [[dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())])
        if button is None:
            dialog.reject()
        else:
            getattr(dialog, button).click()
        return dialog.result()

    monkeypatch.setattr(ConflictDialog, "exec", fake_exec)
    return shown


def test_the_meeting_dialog_shows_both_sides_and_keeps_the_users_choice(qtbot, database, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    from ui_support import answer_messages

    answer_messages(monkeypatch, QMessageBox.Yes)
    meeting = meetings.create(meeting_data()).record
    dialog = _meeting_dialog(qtbot, meeting.id)
    dialog.editors["topic"].set_value("我改的议题")
    _as_other_clerk(lambda: meetings.update(meeting.id, {"topic": "对方改的议题"}))

    shown = _answer_conflicts(monkeypatch, None)
    assert not dialog.save() and meetings.get(meeting.id).topic == "对方改的议题"
    assert shown == [[["栏目", "我填写的", "王组织委员保存的"], ["主题", "我改的议题", "对方改的议题"]]]

    _answer_conflicts(monkeypatch, "take_theirs")
    assert not dialog.save() and dialog.editors["topic"].value() == "对方改的议题"  # the form shows theirs
    dialog.editors["place"].set_value("二楼会议室")
    assert dialog.save()  # loaded again: no conflict any more
    assert (meetings.get(meeting.id).topic, meetings.get(meeting.id).place) == ("对方改的议题", "二楼会议室")

    again = _meeting_dialog(qtbot, meeting.id)
    again.editors["topic"].set_value("还是我的议题")
    _as_other_clerk(lambda: meetings.update(meeting.id, {"topic": "对方又改了"}))
    shown = _answer_conflicts(monkeypatch, "keep_mine")
    assert again.save() and meetings.get(meeting.id).topic == "还是我的议题"
    assert shown[0][1] == ["主题", "还是我的议题", "对方又改了"]


@pytest.mark.skipif(not on_server(), reason="two connections writing at the same moment need a server (see above)")
def test_two_meetings_entered_at_the_same_moment_get_their_own_numbers(database):
    first_inside, go_on = threading.Event(), threading.Event()
    original_check = meetings.check

    def slow_check(c, cleaned, data, record):  # the first clerk's save pauses before it numbers its meeting
        if threading.current_thread().name == "first":
            first_inside.set()
            go_on.wait(10)
        return original_check(c, cleaned, data, record)

    meetings.check = slow_check

    def clerk(day: int):
        try:
            meetings.create(meeting_data(date=dt.date(2025, 3, day)))
        finally:
            db.close()

    try:
        first = threading.Thread(target=clerk, args=(5,), name="first")
        second = threading.Thread(target=clerk, args=(6,), name="second")
        first.start()
        assert first_inside.wait(10)
        second.start()
        second.join(1)
        assert second.is_alive()  # waits for the first one's save of a meeting
        go_on.set()
        first.join(10)
        second.join(10)
    finally:
        del meetings.check
    assert sorted(m.seq for m in meetings.model.select()) == [1, 2]
