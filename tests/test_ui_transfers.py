"""The 关系转接 tab: its pages, the letter printed for the selected transfer out, the statistics workbook saved where
the user chose, the member's card with his 党籍 timeline, and the overview's charts of the same figures."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from ui_support import answer_messages, prepare

from dangjian_desktop.queries.statistics import UNKNOWN, year_statistics
from dangjian_desktop.store.models import Member, PartyEvent
from dangjian_desktop.store.session import open_session
from tests.pdf_reading import text_of
from ui.main_window import MainWindow
from ui.overview_tab import OverviewTab
from ui.pdf_preview import PdfPreview


@pytest.fixture(autouse=True)
def _app(qapp, tmp_path):
    prepare(qapp, tmp_path)


def test_the_tab_prints_the_selected_transfers_letter_and_saves_the_statistics(qtbot, demo_db, monkeypatch, tmp_path):
    window = MainWindow(open_session(demo_db, writer=False))
    qtbot.addWidget(window)
    shown = answer_messages(monkeypatch)
    window.tabs.setCurrentWidget(window.transfer_view)
    assert [window.transfer_view.pages.tabText(i) for i in range(2)] == ["转接与党籍变动", "流动党员"]
    tab = window.record_tabs["party_event"]
    assert tab.model.rowCount() == 2
    buttons = {a.text(): a for a in tab.toolbar.actions()}
    arrival = PartyEvent.get(PartyEvent.kind == "转入")
    assert tab.select_record(arrival.id)
    buttons["介绍信"].trigger()
    assert "选中一条“转出”记录" in shown[-1][2]
    assert tab.select_record(PartyEvent.get(PartyEvent.kind == "转出").id)
    buttons["介绍信"].trigger()
    letter = text_of(window.findChildren(PdfPreview)[-1].path)
    assert "中国共产党党员组织关系介绍信" in letter and "黄佳" in letter

    target = tmp_path / "统计.xlsx"
    monkeypatch.setattr("ui.file_dialogs.save_file", lambda *_a, **_k: str(target))
    tab.set_filter("year", "2025")
    buttons["统计表（Excel）"].trigger()
    assert "已导出" in shown[-1][2]
    sheet = openpyxl.load_workbook(target).active
    assert ["本年末党员数", None, year_statistics(2025).at_end] in [list(r[:3]) for r in sheet.iter_rows(values_only=True)]


def test_the_members_card_shows_his_party_timeline(qtbot, demo_db):
    window = MainWindow(open_session(demo_db, writer=False))
    qtbot.addWidget(window)
    tab = window.record_tabs["member"]
    window.tabs.setCurrentWidget(tab)
    assert tab.select_record(Member.get(Member.name == "韩雪").id)
    card = tab.detail.toPlainText()
    assert "党籍记录" in card and "由中共江苏师范大学文学院研究生第二党支部转入" in card
    assert card.index("接收预备党员（在原党组织）") < card.index("转入")  # in date order
    assert tab.select_record(Member.get(Member.name == "何俊杰").id)
    assert "外出支教" in tab.detail.toPlainText()


def test_the_overview_charts_the_figures_of_the_statistics(qtbot, demo_db):
    view = OverviewTab(today=lambda: dt.date(2025, 12, 20))
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    view.refresh()
    s = year_statistics(2025)
    assert view.charts.summary() == f"年初 {s.at_start} 人，增加 1 人，减少 1 人，年末在册 {s.at_end} 人"
    charted = {t.title: dict(t.rows) for t in view.charts.tables()}
    assert charted["性别"] == dict(s.members[0].rows[:2]) and sum(charted["年龄"].values()) == s.at_end
    assert UNKNOWN not in charted["学历"]  # an empty 其他或未填 is not charted
    image = view.charts.grab().toImage()
    bars = sum(1 for y in range(0, image.height(), 3) for x in range(0, image.width(), 3)
               if image.pixelColor(x, y).name() == "#b3261e")
    assert bars > 100  # the bars are painted


def test_transferring_in_a_new_member_asks_his_particulars_then_the_transfer(qtbot, database, monkeypatch):
    from ui_support import answer_messages

    from dangjian_desktop.services.member import members
    from dangjian_desktop.services.party_event import party_events
    from tests.factories import probationer_data

    shown = answer_messages(monkeypatch)
    window = MainWindow(open_session(database, writer=True))
    qtbot.addWidget(window)
    member_tab, event_tab = window.record_tabs["member"], window.record_tabs["party_event"]
    asked = []

    def new_member(values=None, title=""):
        asked.append(title)
        return members.create(probationer_data("韩雪")).record.id

    def new_event(values=None, title=""):
        asked.append(title)
        assert values["kind"] == "转入"
        return party_events.create({**values, "date": dt.date(2025, 9, 1), "organisation": "某大学党委"}).record.id

    monkeypatch.setattr(member_tab, "new_record", new_member)
    monkeypatch.setattr(event_tab, "new_record", new_event)
    assert window.transfer_in_new_member() is not None
    assert asked == ["转入新党员：基本信息和入党、转正日期", "转入新党员：组织关系转入"]
    assert Member.get(Member.name == "韩雪").rolls_gaps == "/2025-09-01"
    monkeypatch.setattr(event_tab, "new_record", lambda values=None, title="": None)  # the second form cancelled
    monkeypatch.setattr(member_tab, "new_record", lambda values=None, title="": members.create(
        probationer_data("王芳", born=dt.date(1996, 1, 2))).record.id)
    assert window.transfer_in_new_member() is None
    assert "还没有登记转入" in shown[-1][2]
