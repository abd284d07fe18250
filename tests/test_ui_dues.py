"""The 党费 tab driven as the clerk uses it: the year's grid, ticking months and paying them, the branch's bases in
one grid, the carry-over, the lists beside the grid, the overview's reminder opening the member, and the prints."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import make_member
from pdf_reading import text_of
from PySide6.QtWidgets import QDialog
from ui_support import answer_messages, drive_dialogs, prepare

from dangjian_desktop.common.money import yuan
from dangjian_desktop.services.dues import dues_bases, month_due, pay_months
from dangjian_desktop.services.settings import load_settings
from dangjian_desktop.store.models import DuesBase, DuesPayment, Member
from dangjian_desktop.store.session import open_session
from ui.dues_view import FIRST_MONTH, DuesView
from ui.main_window import MainWindow
from ui.pdf_preview import PdfPreview
from ui.settings_dialog import SettingsDialog

D = dt.date
TODAY = D(2025, 12, 10)


@pytest.fixture(autouse=True)
def _app(qapp, tmp_path):
    prepare(qapp, tmp_path)


def make_view(qtbot, today: dt.date = TODAY) -> DuesView:
    view = DuesView(lambda _id: None, today=lambda: today)
    qtbot.addWidget(view)
    view.set_year(today.year)
    view.refresh()
    return view


def row_of(view: DuesView, name: str) -> int:
    return next(i for i, r in enumerate(view.rows) if r.name == name)


def month_text(view: DuesView, name: str, month: int) -> str:
    return view.table.item(row_of(view, name), FIRST_MONTH + month - 1).text()


def window_on(qtbot, path) -> MainWindow:
    window = MainWindow(open_session(path, writer=True))
    qtbot.addWidget(window)
    return window


def test_the_grid_of_the_demo_year_shows_the_three_months_owed_and_the_figures(qtbot, demo_db):
    view = make_view(qtbot, D.today())
    view.set_year(2025)
    assert [month_text(view, "高雅琴", m) for m in (9, 10, 11, 12)][1:] == ["欠", "欠", "欠"]
    owed = view.table.item(row_of(view, "高雅琴"), FIRST_MONTH + 9)
    assert owed.background().color().name() == "#fde8e8" and "到期未交" in owed.toolTip()
    assert [month_text(view, "黄佳", m) for m in (9, 12)] == ["—", "—"]  # transferred out in August
    assert "欠交：高雅琴（10月、11月、12月）" in view.figures.text()
    assert "按时交纳率" in view.figures.text() and view.grid.paid > 0
    proxy = view.table.item(row_of(view, "蒋欣"), FIRST_MONTH + 1)
    assert "由孙丽萍代交" in proxy.toolTip()


def test_ticked_months_are_paid_in_one_go_with_date_and_receipt(qtbot, database):
    person = make_member("赵堃")
    dues_bases.create({"member": person.id, "year": 2025, "from_month": 1, "category": "在职", "base": "4000"})
    view = make_view(qtbot)
    assert month_text(view, "赵堃", 10) == "欠"
    view.select_cells(person.id, [9, 10, 11])
    dialog = view.pay_dialog()
    assert "赵堃：2025年9月、10月、11月（共 120.00 元）" in dialog.what.text()
    dialog.set_values({"paid_on": D(2025, 12, 8), "receipt": "DF-0901", "payer": "李喆"})
    assert dialog.accept_values() and dialog.result() == QDialog.Accepted
    view.after_payment(dialog.result_value)
    paid = list(DuesPayment.select().order_by(DuesPayment.month))
    assert [(p.month, p.amount, p.receipt, p.payer) for p in paid] == [(m, 4000, "DF-0901", "李喆") for m in (9, 10, 11)]
    assert month_text(view, "赵堃", 10) == "40.00 补"  # paid after its month
    assert "已登记 3 个月的党费，共 120.00 元" in view.message.text()


def test_paying_with_nothing_selected_says_what_to_do(qtbot, database):
    make_member("赵堃")
    view = make_view(qtbot)
    view.table.clearSelection()
    assert view.pay_dialog() is None
    assert "请先在表中选中要登记的月份" in view.message.text()


def test_a_member_without_a_base_is_named_and_nothing_is_written_for_anyone(qtbot, database):
    paid_up, without = make_member("赵堃"), make_member("李喆")
    dues_bases.create({"member": paid_up.id, "year": 2025, "from_month": 1, "category": "在职", "base": "4000"})
    view = make_view(qtbot)
    view.table.clearSelection()
    for name in ("赵堃", "李喆"):
        view.table.item(row_of(view, name), FIRST_MONTH + 2).setSelected(True)
    dialog = view.pay_dialog()
    assert not dialog.accept_values()
    assert "李喆2025年3月尚未核定党费基数" in dialog.problems.text() and dialog.problems.isVisibleTo(dialog)
    assert DuesPayment.select().count() == 0  # 赵堃's month was not written either
    assert "未核定" in view.figures.text()
    assert without.id in {r.member_id for r in view.rows}


def test_the_branch_bases_are_set_in_one_grid_with_the_rate_shown_as_typed(qtbot, database):
    make_member("赵堃"), make_member("王𠮷")
    view = make_view(qtbot)
    dialog = view.bases_dialog()
    qtbot.addWidget(dialog)
    first, second = row_of(view, "赵堃"), row_of(view, "王𠮷")
    dialog.set_line(first, "在职", "5000.01")
    assert dialog.table.item(first, 4).text() == "1.5%" and dialog.table.item(first, 5).text() == "75.00"
    dialog.set_line(second, "离退休", "5000")
    assert dialog.table.item(second, 4).text() == "0.5%" and dialog.table.item(second, 5).text() == "25.00"
    assert dialog.save() and dialog.written == 2
    stored = {b.member.name: (b.category, b.base, b.from_month) for b in DuesBase.select()}
    assert stored == {"赵堃": ("在职", 500001, 1), "王𠮷": ("离退休", 500000, 1)}


def test_a_bad_line_in_the_bases_grid_is_named_by_row_and_name_and_nothing_is_saved(qtbot, database):
    make_member("赵堃"), make_member("王𠮷")
    view = make_view(qtbot)
    dialog = view.bases_dialog()
    qtbot.addWidget(dialog)
    dialog.set_line(row_of(view, "赵堃"), "在职", "6000")
    bad = row_of(view, "王𠮷")
    dialog.set_line(bad, "在职", "六千")
    assert dialog.table.item(bad, 4).text() == "金额不对"
    assert not dialog.save()
    assert f"第{bad + 1}行（王𠮷）" in dialog.problems.text()
    assert dialog.table.item(bad, 0).background().color().name() == "#fde8e8"
    assert DuesBase.select().count() == 0


def test_a_pay_rise_in_july_is_a_new_base_from_july(qtbot, database):
    person = make_member("赵堃")
    dues_bases.create({"member": person.id, "year": 2025, "from_month": 1, "category": "在职", "base": "4000"})
    view = make_view(qtbot)
    dialog = view.bases_dialog()
    qtbot.addWidget(dialog)
    dialog.set_line(0, "在职", "5200", from_month=7)
    assert dialog.save()
    assert [(b.from_month, b.base) for b in DuesBase.select().order_by(DuesBase.from_month)] == [(1, 400000), (7, 520000)]
    view.refresh()
    assert view.rows[0].cells[5].due == 4000 and view.rows[0].cells[6].due == 7800


def test_the_bases_carry_over_to_the_next_year_and_the_grid_shows_it(qtbot, database, monkeypatch):
    person = make_member("赵堃")
    dues_bases.create({"member": person.id, "year": 2025, "from_month": 1, "category": "在职", "base": "4000"})
    view = make_view(qtbot, D(2026, 1, 5))
    view.set_year(2025)
    shown = answer_messages(monkeypatch)
    view.carry_over()
    assert shown[-1][0] == "question" and "结转为2026年1月起的基数" in shown[-1][2]
    assert view.year == 2026 and view.rows[0].base == 400000
    assert "已结转 1 人的基数到2026年" in view.message.text()


def test_a_paid_cell_opens_its_payment_and_the_grid_shows_the_change(qtbot, demo_db, monkeypatch):
    window = window_on(qtbot, demo_db)
    view = window.dues_view
    window.tabs.setCurrentWidget(view)
    view.set_year(2025)
    name = "陈珺"  # 2% of a pay above 10000元: about 200元 a month
    payment = DuesPayment.get((DuesPayment.member == Member.get(Member.name == name).id) & (DuesPayment.year == 2025)
                              & (DuesPayment.month == 3))

    def fill(dialog):
        dialog.editors["amount"].set_value("300")

    opened = drive_dialogs(monkeypatch, fill)
    shown = answer_messages(monkeypatch)
    view.open_cell(row_of(view, name), FIRST_MONTH + 2)
    assert opened and opened[0].record_id == payment.id
    due = month_due(payment.member_id, 2025, 3).amount
    assert f"应交 {yuan(due)} 元" in shown[-1][2] and f"多交 {yuan(30000 - due)} 元（自愿多交）" in shown[-1][2]
    assert DuesPayment.get_by_id(payment.id).amount == 30000
    assert month_text(view, name, 3) == "300.00"
    window.session.close()


def test_the_overview_reminder_opens_the_member_in_the_grid_and_the_lists_are_pages(qtbot, demo_db):
    window = window_on(qtbot, demo_db)
    window.show()
    gao = Member.get(Member.name == "高雅琴").id
    window.open_reference("dues", gao)
    view = window.dues_view
    assert window.tabs.currentWidget() is window.dues_tab and window.dues_tab.current_page() is view
    view.set_year(2025)
    view.select_member(gao)
    assert view.selected_member_id() == gao
    assert window.current_record_tab() is None  # the grid is not a list: 新增 and 删除 do not apply

    payments = window.record_tabs["dues_payment"]
    window.show_record_tab(payments)
    assert window.tabs.currentWidget() is window.dues_tab and window.current_record_tab() is payments
    assert payments.model.rowCount() == DuesPayment.select().count()  # read when shown
    assert "合计" in payments.count_line.text()
    window.session.close()


def test_the_tab_prints_the_ledger_and_the_selected_members_proof(qtbot, demo_db, monkeypatch):
    window = window_on(qtbot, demo_db)
    view = window.dues_view
    window.tabs.setCurrentWidget(view)
    view.set_year(2025)
    shown = answer_messages(monkeypatch)
    buttons = {a.text(): a for a in view.toolbar.actions()}
    buttons["收缴登记表"].trigger()
    text = text_of(window.findChildren(PdfPreview)[-1].path)
    assert "党费收缴登记表" in text and "（2025年度）" in text
    view.table.setCurrentCell(-1, -1)
    buttons["交纳证明"].trigger()
    assert "请先在党费交纳表中选中一位党员" in shown[-1][2]
    view.select_member(Member.get(Member.name == "高雅琴").id)
    buttons["交纳证明"].trigger()
    preview = window.findChildren(PdfPreview)[-1]
    assert "兹证明高雅琴同志" in text_of(preview.path) and "高雅琴" in preview.windowTitle()
    window.session.close()


def test_the_settings_choose_how_often_dues_are_handed_up(qtbot, database):
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert dialog.dues_period.currentData() == "quarter"
    dialog.dues_period.setCurrentIndex(dialog.dues_period.findData("half"))
    assert dialog.save()
    assert load_settings().dues_remittance_period == "half"


def test_an_advance_payment_for_the_coming_months_is_marked_paid_not_late(qtbot, database):
    person = make_member("赵堃")
    dues_bases.create({"member": person.id, "year": 2025, "from_month": 1, "category": "在职", "base": "4000"})
    pay_months(person.id, 2025, [12], D(2025, 11, 20))
    view = make_view(qtbot, D(2025, 11, 25))
    assert month_text(view, "赵堃", 12) == yuan(4000)
    assert month_text(view, "赵堃", 11) == ""  # not yet due


def test_the_tab_exports_its_grid_and_imports_a_payroll_after_showing_the_check(qtbot, demo_db, monkeypatch, tmp_path):
    from openpyxl import Workbook, load_workbook

    from ui.import_report_dialog import ImportReportDialog

    window = window_on(qtbot, demo_db)
    view = window.dues_view
    window.tabs.setCurrentWidget(view)
    view.set_year(2025)
    shown = answer_messages(monkeypatch)
    out = window.dues_excel.export_grid(str(tmp_path / "党费.xlsx"))
    assert load_workbook(out).active["A1"].value == "2025年党费收缴情况" and "已导出到" in shown[-1][2]

    reports = []
    monkeypatch.setattr(ImportReportDialog, "exec", lambda d: reports.append(d.summary.text()) or QDialog.Accepted)
    payroll = Workbook()
    payroll.active.append(["姓名", "实发工资"])
    payroll.active.append(["高雅琴", 6200])
    payroll.save(tmp_path / "工资表.xlsx")
    assert window.dues_excel.import_payroll(str(tmp_path / "工资表.xlsx"), from_month=11)
    assert reports[0].startswith("检查通过") and reports[1].startswith("已导入")
    gao = Member.get(Member.name == "高雅琴").id
    assert DuesBase.get((DuesBase.member == gao) & (DuesBase.year == 2025) & (DuesBase.from_month == 11)).base == 620000
    assert next(r for r in view.rows if r.member_id == gao).cells[10].due == 9300  # 1.5% from November
    window.session.close()


def test_a_read_only_file_refuses_the_payment_in_the_dialog_and_writes_nothing(qtbot, database, monkeypatch):
    import sqlite3

    from dangjian_desktop.services import base

    person = make_member("赵堃")
    dues_bases.create({"member": person.id, "year": 2025, "from_month": 1, "category": "在职", "base": "4000"})
    view = make_view(qtbot)
    view.select_cells(person.id, [10, 11])
    dialog = view.pay_dialog()

    def readonly(*_args, **_kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(base, "_insert", readonly)
    assert not dialog.accept_values()
    assert "没有保存" in dialog.problems.text() and "只读" in dialog.problems.text()
    assert DuesPayment.select().count() == 0
