"""The window's print actions: each tab's printouts on its toolbar, and the 打印 menu (registers, ledgers, summary)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QInputDialog, QMessageBox, QWidget

from .report_runner import preview_report


def ask_year(parent: QWidget, title: str, year: int | None) -> int | None:
    """The year chosen in the tab's filter, else asked for (this year by default); None when cancelled."""
    if year is not None:
        return year
    today = dt.date.today().year
    chosen, ok = QInputDialog.getInt(parent, title, "打印哪一年：", today, 2000, today + 1)
    return chosen if ok else None


def ask_full_numbers(parent: QWidget) -> bool | None:
    """Whether the roster prints 身份证号 and phone numbers whole (unticked: masked); None when cancelled."""
    box = QMessageBox(QMessageBox.Question, "党员花名册", "打印今天在册党员的花名册。", parent=parent)
    box.setInformativeText("身份证号和联系电话默认只印前后几位（如 4401**********1234），以免名册外传泄露个人信息。")
    full = QCheckBox("打印完整身份证号和电话", box)
    box.setCheckBox(full)
    box.addButton("打印预览", QMessageBox.AcceptRole)
    box.addButton("取消", QMessageBox.RejectRole)
    box.exec()
    return full.isChecked() if box.buttonRole(box.clickedButton()) == QMessageBox.AcceptRole else None


class PrintActions:
    """Adds the print buttons and menu items to a main window (its `record_tabs` and `print_menu`)."""

    def __init__(self, window) -> None:
        self.window = window
        self.summary_editor = None
        tabs = window.record_tabs
        meetings = tabs["meeting"]
        meetings.toolbar.addSeparator()
        meetings.add_action("会议记录", lambda: self.meeting("register", "会议记录"), "print",
                            "打印所选会议的会议记录（Ctrl+P）", per_record=True)
        meetings.add_action("签到表", lambda: self.meeting("signin", "签到表"), "print", "打印所选会议的签到表",
                            per_record=True)
        meetings.add_action("会议记录本", lambda: self.register_book(meetings.year), "print",
                            "打印一年的会议记录（含目录），可选会议类型和党小组")
        for table, text, slot, tip in (
                ("member", "花名册", self.roster, "打印今天在册党员的花名册"),
                ("activity", "活动台账", lambda: self.yearly("activities", "活动台账", tabs["activity"].year),
                 "打印所选年度的活动台账"),
                ("partner", "一览表", lambda: self.preview("bases", "共建单位与阵地一览"), "打印共建单位与阵地一览表"),
                ("rectification", "整改台账", self.rectification_ledger,
                 "打印所选年度的整改台账；未选年度时打印全部未完成事项")):
            tabs[table].toolbar.addSeparator()
            tabs[table].add_action(text, slot, "print", tip)

        dues = window.dues_view
        dues.add_action("收缴登记表", lambda: self.yearly("dues", "党费收缴登记表", dues.year), "print",
                        "打印所示年度的党费收缴登记表")
        dues.add_action("上缴凭证", lambda: self.yearly("remittances", "党费上缴凭证登记表", dues.year), "print",
                        "打印所示年度的党费上缴凭证登记表")
        dues.add_action("交纳证明", self.dues_proof, "print", "为表中所选党员打印党费交纳证明（组织关系转出时用）")

        for table, prints in (
                ("appraisal_entry", (("结果汇总表", "appraisal", "民主评议党员结果汇总表", "打印所选年度的民主评议结果汇总表"),
                                     ("测评表", "appraisal-ballot", "民主评议党员测评表",
                                      "打印所选年度的空白测评表（发给党员投票）"))),
                ("talk", (("谈话台账", "talks", "谈心谈话台账", "打印所选年度的谈心谈话台账"),
                          ("谈话记录", "talk-records", "谈心谈话记录", "打印所选年度的谈心谈话记录（每次一页，双方签字）")))):
            tab = tabs[table]
            tab.toolbar.addSeparator()
            for text, kind, title, tip in prints:
                tab.add_action(text, lambda k=kind, t=title, tb=tab: self.yearly(k, t, tb.year), "print", tip)

        events = tabs["party_event"]
        events.toolbar.addSeparator()
        events.add_action("介绍信", self.transfer_letter, "print",
                          "为所选的转出记录打印党员组织关系介绍信（含存根和回执）", per_record=True)
        events.add_action("登记簿", lambda: self.yearly("transfers", "组织关系转接登记簿", events.year), "print",
                          "打印所选年度的组织关系转接登记簿")
        events.add_action("党内统计", lambda: self.yearly("statistics", "党内统计表", events.year), "print",
                          "打印所选年度的党内统计表（党员增减、构成，发展党员，入党申请人和积极分子）")
        events.add_action("统计表（Excel）", lambda: self.statistics_workbook(events.year), "export",
                          "把所选年度的党内统计表导出为与打印格式相同的 Excel 文件")

        menu = window.print_menu
        menu.addAction("年度党建工作总结…").triggered.connect(lambda _c=False: self.open_summary())
        menu.addSeparator()
        for text, slot in (("会议记录本…", lambda: self.register_book(None)),
                           ("党员花名册…", self.roster),
                           ("活动台账…", lambda: self.yearly("activities", "活动台账", None)),
                           ("共建单位与阵地一览", lambda: self.preview("bases", "共建单位与阵地一览")),
                           ("整改台账（未完成事项）", lambda: self.preview("rectifications", "整改台账")),
                           ("党费收缴登记表…", lambda: self.yearly("dues", "党费收缴登记表", None)),
                           ("党费上缴凭证登记表…", lambda: self.yearly("remittances", "党费上缴凭证登记表", None)),
                           ("民主评议党员结果汇总表…", lambda: self.yearly("appraisal", "民主评议党员结果汇总表", None)),
                           ("谈心谈话台账…", lambda: self.yearly("talks", "谈心谈话台账", None)),
                           ("组织关系转接登记簿…", lambda: self.yearly("transfers", "组织关系转接登记簿", None)),
                           ("党内统计表…", lambda: self.yearly("statistics", "党内统计表", None))):
            menu.addAction(text).triggered.connect(lambda _c=False, s=slot: s())

    def preview(self, kind: str, title: str, **options):
        """Build and show a printout; the preview window is a child of the main window (kept alive by it)."""
        return preview_report(self.window, kind, title, **options)

    def roster(self):
        """The roster, its personal numbers masked unless the user ticks for them whole."""
        full = ask_full_numbers(self.window)
        return None if full is None else self.preview("roster", f"花名册-{dt.date.today().isoformat()}",
                                                      full_numbers=full)

    def meeting(self, kind: str, title: str):
        meeting_id = self.window.record_tabs["meeting"].selected_id()
        if meeting_id is None:
            QMessageBox.information(self.window, title, "请先在会议列表中选中一次会议。")
            return None
        from dangjian_desktop.reports.registry import meeting_printout_name

        return self.preview(kind, meeting_printout_name(meeting_id, title), meeting_id=meeting_id)

    def yearly(self, kind: str, title: str, year: int | None):
        year = ask_year(self.window, title, year)
        return None if year is None else self.preview(kind, f"{year}年{title}", year=year)

    def dues_proof(self):
        """The 党费交纳证明 of the member selected in the dues grid, his 身份证号 masked."""
        member_id = self.window.dues_view.selected_member_id()
        if member_id is None:
            QMessageBox.information(self.window, "党费交纳证明", "请先在党费交纳表中选中一位党员。")
            return None
        name = self.window.dues_view.member_name(member_id)
        return self.preview("dues-proof", f"党费交纳证明-{name}", member_id=member_id)

    def transfer_letter(self):
        """The 介绍信 of the transfer out selected in the 关系转接 list."""
        from dangjian_desktop.domain.validation import NotFoundError
        from dangjian_desktop.services.party_event import party_events

        title = "党员组织关系介绍信"
        event_id = self.window.record_tabs["party_event"].selected_id()
        try:
            event = party_events.get(event_id) if event_id is not None else None
        except NotFoundError:
            event = None
        if event is None or event.kind != "转出":
            QMessageBox.information(self.window, title, "请先在列表中选中一条“转出”记录。")
            return None
        return self.preview("transfer-letter", f"{title}-{event.member.name}", member_id=event.member_id)

    def statistics_workbook(self, year: int | None):
        """The year's 党内统计表 as a workbook, saved where the user chooses."""
        from .file_dialogs import save_file
        from .report_runner import run_report

        title = "党内统计表"
        year = ask_year(self.window, title, year)
        if year is None:
            return None
        chosen = save_file(self.window, "导出党内统计表", "export", f"{year}年{title}.xlsx", "Excel 文件 (*.xlsx)")
        if not chosen:
            return None
        path = run_report(self.window, "statistics", Path(chosen), title, year=year, fmt="xlsx")
        if path is not None:
            QMessageBox.information(self.window, title, f"已导出：{path}")
        return path

    def register_book(self, year: int | None):
        """The year's 会议记录本, of the meeting types and the 党小组 chosen in the dialog."""
        from dangjian_desktop.reports.registry import book_title

        from .register_book_dialog import ask_register_book

        choice = ask_register_book(self.window, year)
        if choice is None:
            return None
        return self.preview("registers", book_title(choice.year, choice.kinds, choice.party_group),
                            year=choice.year, meeting_kinds=choice.kinds, party_group=choice.party_group)

    def rectification_ledger(self):
        year = self.window.record_tabs["rectification"].year
        return self.preview("rectifications", f"{year}年整改台账" if year else "整改台账（未完成事项）", year=year)

    def open_summary(self):
        from .summary_editor import SummaryEditor

        if self.summary_editor is None or not self.summary_editor.isVisible():
            self.summary_editor = SummaryEditor(self.window)
            self.summary_editor.destroyed.connect(lambda _obj=None: setattr(self, "summary_editor", None))
        self.summary_editor.show()
        self.summary_editor.raise_()
        self.summary_editor.activateWindow()
        return self.summary_editor
