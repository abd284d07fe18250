"""The window on a server, as clerks use it: signing in through the dialog (a wrong password said, the address and
name remembered), the branch and the user in the title, the file-only actions off, a reader's window marked read
only, switching branches, the committee view with its totals, and the 党委 user keeping the tree and the users."""

from __future__ import annotations

import pytest
from conftest import SERVER, on_server
from factories import make_member
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from ui_support import answer_messages, prepare

from dangjian_desktop.services import organisation, users
from dangjian_desktop.services.server_session import sign_in_to_server
from dangjian_desktop.store import tree
from dangjian_desktop.store.connection import close_database
from dangjian_desktop.store.session import open_server
from ui.form_dialog import FormDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.skipif(not on_server(), reason="the window on a server needs the test server")


@pytest.fixture(autouse=True)
def _app(qapp, tmp_path):
    prepare(qapp, tmp_path)


@pytest.fixture
def school(database):
    close_database()
    open_server(SERVER)
    top = organisation.add({"name": "区教育工委", "level": "党委"})
    teachers = organisation.add({"name": "教师党支部", "level": "党支部", "parent_id": top.id})
    retired = organisation.add({"name": "退休党支部", "level": "党支部", "parent_id": top.id})
    users.add({"login": "gw", "full_name": "工委组织员", "role": "党委", "organisation_id": top.id,
               "password": "gongwei-2025"})
    users.add({"login": "wang", "full_name": "王书记", "role": "支部书记", "organisation_id": teachers.id,
               "password": "secretary-1"})
    for branch, names in ((teachers, ("王书记", "李喆")), (retired, ("赵老", "钱堃", "孙䶮"))):
        tree.enter_branch(branch.id)
        for name in names:
            make_member(name)
    close_database()
    return {"top": top.id, "teachers": teachers.id, "retired": retired.id}


def _fill_and_submit(monkeypatch, answers: list[dict]) -> list[FormDialog]:
    """Each form dialog shown gets the next answer typed in and 确定 pressed (until it goes ahead or the answers run
    out: then it is cancelled)."""
    shown = []

    def fake_exec(dialog: FormDialog) -> int:
        shown.append(dialog)
        while answers:
            for name, text in answers.pop(0).items():
                dialog.set_value(name, text)
            if dialog.save():
                return dialog.result()
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(FormDialog, "exec", fake_exec)
    return shown


def test_a_clerk_signs_in_and_works_on_his_branch(qtbot, school, monkeypatch):
    from ui.server_dialogs import sign_in

    shown = _fill_and_submit(monkeypatch, [{"url": SERVER, "login": "wang", "password": "wrong-password"},
                                           {"password": "secretary-1"}])
    session = sign_in(None)
    assert shown[0].problem.text() == "用户名或密码不正确，请重新输入。"
    assert session.branch_id == school["teachers"] and not session.read_only
    assert QSettings().value("server/login") == "wang" and QSettings().value("server/url") == SERVER

    window = MainWindow(session)
    qtbot.addWidget(window)
    assert "教师党支部" in window.windowTitle() and "王书记（支部书记）" in window.windowTitle()
    assert "只读" not in window.windowTitle()
    assert window.server_actions.server_menu.menuAction().isVisible()
    assert not window.data_actions.actions["backup"].isEnabled() and not window.demo_action.isEnabled()
    assert not window.server_actions.tree_action.isVisible()
    assert window.record_tabs["member"].new_action.isEnabled()  # the secretary writes his branch
    window.tabs.setCurrentWidget(window.record_tabs["member"])
    assert window.record_tabs["member"].model.rowCount() == 2


def test_the_committee_user_reads_every_branch_and_sees_the_totals(qtbot, school, monkeypatch, tmp_path):
    from ui.committee_view import CommitteeView

    shown = answer_messages(monkeypatch, QMessageBox.Yes)
    session = sign_in_to_server(SERVER, "gw", "gongwei-2025")
    window = MainWindow(session)
    qtbot.addWidget(window)
    assert "（只读）" in window.windowTitle() and window.server_actions.tree_action.isVisible()
    members_tab = window.record_tabs["member"]
    window.tabs.setCurrentWidget(members_tab)
    members_tab.refresh()
    first = members_tab.model.rowCount()
    members_tab.view.selectRow(0)
    assert not members_tab.new_action.isEnabled() and not members_tab.delete_action.isEnabled()
    assert members_tab.edit_action.isEnabled()  # a reader opens a record to read it
    form = members_tab.make_dialog(members_tab.selected_id())
    qtbot.addWidget(form)
    assert "只读" in form.windowTitle() and not form.buttons.button(form.buttons.StandardButton.Save).isEnabled()
    assert not form.save() and members_tab.new_record() is None

    session.switch_branch(school["retired"] if session.branch_id == school["teachers"] else school["teachers"])
    window.adopt_session(session)
    window.record_tabs["member"].refresh()
    assert {first, window.record_tabs["member"].model.rowCount()} == {2, 3}

    view = CommitteeView(session, window, year=2025)
    qtbot.addWidget(view)
    top = view.tree.topLevelItem(0)
    assert top.text(0) == "区教育工委（党委）" and top.text(1) == "5"
    assert sorted(top.child(i).text(1) for i in range(top.childCount())) == ["2", "3"]
    out = view.print_statistics(str(tmp_path / "汇总.pdf"))
    assert out is not None and out.stat().st_size > 1000
    archived = []
    monkeypatch.setattr(window.data_actions, "archive_year", lambda year, archive, whose: archived.append(
        (year, whose, archive(year, tmp_path / "工委档案.zip", None, None))))
    view.archive()
    [(year, whose, result)] = archived
    assert (year, whose) == (2025, "区教育工委") and any(name.startswith("退休党支部/") for name in result.files)

    window.record_tabs["member"].refresh()
    from dangjian_desktop.services.member import members
    from dangjian_desktop.store.faults import ReadOnlyError

    with pytest.raises(ReadOnlyError):
        members.create({"name": "新人", "gender": "男", "applied_on": "2025-03-01"})
    assert not shown


def test_the_committee_user_adds_a_branch_and_its_secretary(qtbot, school, monkeypatch):
    from ui.organisation_dialog import OrganisationsDialog

    session = sign_in_to_server(SERVER, "gw", "gongwei-2025")
    dialog = OrganisationsDialog(session.access.organisation_id)
    qtbot.addWidget(dialog)
    assert dialog.selected_id() == school["top"]
    _fill_and_submit(monkeypatch, [{"name": "第三党支部", "level": "党支部"}])
    dialog.add_organisation()
    added = dialog.selected_id()
    assert organisation.get(added).level == "党支部" and organisation.get(added).parent_id == school["top"]
    _fill_and_submit(monkeypatch, [{"login": "li", "full_name": "李书记", "password": "li-secretary", "again": "x"},
                                   {"again": "li-secretary"}])
    dialog.add_user()
    assert dialog.users.rowCount() == 1 and dialog.users.item(0, 1).text() == "李书记"
    assert users.sign_in("li", "li-secretary").writable == added
    assert session.branch_id == tree.current_branch()  # the dialog left the connection where the window works


def test_the_committee_user_records_the_election_of_the_committee_above_the_branches(qtbot, school, monkeypatch):
    from ui.organisation_elections import OrganisationElections

    sign_in_to_server(SERVER, "gw", "gongwei-2025")
    dialog = OrganisationElections(school["top"])
    qtbot.addWidget(dialog)
    shown = _fill_and_submit(monkeypatch, [
        {"date": "2024-06-20", "term_years": "5", "expected": "120", "present": "80",
         "candidates": "张书记 100\n李副书记 95\n王委员 90\n赵委员 85", "elected": "张书记 书记\n李副书记 副书记\n王委员 委员",
         "approved_on": "2024-07-01", "approved_by": "中共某某区委组织部"},
        {"present": "110"}])
    refused = []
    monkeypatch.setattr(FormDialog, "_say", lambda self, text: refused.append(
        [m.text() for m in self.messages.values() if m.text()]))
    dialog.add()
    assert refused == [["实到 80 人，未超过应到 120 人的五分之四，选举无效，请改期选举。",  # the first try, beside
                        "第4行：赵委员得 85 票，多于实到人数 80。"]]  # 实到 and 候选人及得票
    assert len(shown) == 1 and dialog.table.rowCount() == 1 and dialog.table.item(0, 4).text() == "110"
    top = organisation.get(school["top"])
    assert (top.term_start.isoformat(), top.term_years) == ("2024-06-20", 5)


def test_a_new_server_given_at_start_is_set_up_first(qtbot, database, monkeypatch):
    """The README's third command: a server with no user yet opens on setting it up, then signs its first user in."""
    from ui.server_dialogs import sign_in

    close_database()
    shown = _fill_and_submit(monkeypatch, [{"name": "实验中学党委", "level": "党委", "login": "admin",
                                            "full_name": "组织员", "password": "admin-2025", "again": "admin-2025"}])
    session = sign_in(None, SERVER)
    assert shown[0].windowTitle() == "设置服务器" and len(shown) == 1
    assert session.access.keeps_tree and organisation.get(session.access.organisation_id).name == "实验中学党委"
    assert QSettings().value("server/login") == "admin"
