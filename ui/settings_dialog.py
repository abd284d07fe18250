"""The branch settings: name, higher committee, the committee's members and posts and its term, meeting rules."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.fields import Field
from dangjian_desktop.domain.rules.appraisal import EXCELLENT_SHARES
from dangjian_desktop.domain.rules.party_events import LETTER_MONTHS
from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.services.committee import post_holders, save_branch
from dangjian_desktop.services.settings import (
    ATTACHMENT_LONG_SIDES,
    DUES_REMITTANCE_PERIODS,
    LECTURE_PERIODS,
    PRINT_PHOTOS,
    SUMMARY_DATES,
    load_settings,
)
from dangjian_desktop.store.models import PARTY_POSTS

from .discard import AsksBeforeDiscarding
from .field_widgets import DateEditor, set_error_state
from .screen import keep_geometry

TERM_YEARS = (3, 5)


class SettingsDialog(AsksBeforeDiscarding, QDialog):
    """Edit and save with `save()`; on problems the fields concerned are marked and the dialog stays open."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("支部设置")
        self.saved = False
        self._build()
        self._load()
        keep_geometry(self, "settings", 640, 720)

    def _build(self) -> None:
        self.branch_name = QLineEdit(self)
        self.parent_committee = QLineEdit(self)
        self.parent_committee.setPlaceholderText("如 中共××镇委员会")
        self.records_since = DateEditor(Field("records_since", "开始在本程序记录的日期", "date",
                                              hint="此日期以前的月份、季度不计为“缺”（以前的记录在纸上或别处）；"
                                                   "不填时从录入的第一次会议算起。"))
        basics = QFormLayout()
        basics.addRow("支部名称：", self.branch_name)
        basics.addRow("上级党委：", self.parent_committee)
        basics.addRow("开始在本程序记录：", self.records_since)

        self.term_start = DateEditor(Field("committee_term_start", "本届支委任期开始日期", "date"))
        self.term_years = QComboBox(self)
        for years in TERM_YEARS:
            self.term_years.addItem(f"{years}年", years)
        self.posts = QTableWidget(0, 3, self)
        self.posts.setHorizontalHeaderLabels(["姓名", "党小组", "党内职务"])
        self.posts.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.posts.setSelectionMode(QAbstractItemView.NoSelection)
        self.posts.verticalHeader().hide()
        self.posts.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        committee = QGroupBox("支部委员会", self)
        form = QFormLayout(committee)
        form.addRow("任期开始：", self.term_start)
        form.addRow("任期：", self.term_years)
        form.addRow(QLabel("在册党员的党内职务（书记、副书记和各委员各一人）：", committee))
        form.addRow(self.posts)

        self.lecture_period = QComboBox(self)
        for key, label in LECTURE_PERIODS.items():
            self.lecture_period.addItem(label, key)
        self.summary_date = QComboBox(self)
        for key, label in SUMMARY_DATES.items():
            self.summary_date.addItem(label, key)
        self.dues_period = QComboBox(self)
        for key, label in DUES_REMITTANCE_PERIODS.items():
            self.dues_period.addItem(label, key)
        self.excellent_share = QComboBox(self)
        for key, label in EXCELLENT_SHARES.items():
            self.excellent_share.addItem(f"不超过参评人数的{label}", key)
        self.letter_months = QComboBox(self)
        for months in LETTER_MONTHS:
            self.letter_months.addItem(f"{months}个月", months)
        self.long_side = QComboBox(self)
        for pixels, label in ATTACHMENT_LONG_SIDES.items():
            self.long_side.addItem(label, pixels)
        self.print_photos = QComboBox(self)
        for count, label in PRINT_PHOTOS.items():
            self.print_photos.addItem(label, count)
        self.member_talks = QCheckBox("党员之间也须每年谈心谈话", self)
        self.birthdays = QCheckBox("提醒党员的入党纪念日（政治生日）谈话", self)
        self.vacation = [QCheckBox(f"{month}月", self) for month in range(1, 13)]
        months = QGridLayout()
        for i, box in enumerate(self.vacation):
            months.addWidget(box, i // 6, i % 6)
        rules = QGroupBox("制度要求", self)
        rules_form = QFormLayout(rules)
        rules_form.addRow("党课：", self.lecture_period)
        rules_form.addRow("假期月份（不要求主题党日）：", months)
        rules_form.addRow("年度总结成文日期：", self.summary_date)
        rules_form.addRow("党费上缴上级党组织：", self.dues_period)
        rules_form.addRow("民主评议评为优秀：", self.excellent_share)
        rules_form.addRow("组织关系介绍信有效期：", self.letter_months)
        rules_form.addRow("附件照片缩小到长边：", self.long_side)
        rules_form.addRow("会议记录、活动台账每条打印照片：", self.print_photos)
        rules_form.addRow("谈心谈话：", self.member_talks)
        rules_form.addRow("", self.birthdays)
        rules_form.addRow(QLabel("支委会、党小组会每月一次，支部党员大会每季度一次，组织生活会、民主评议党员、"
                                 "书记讲党课每年一次。", rules))

        self.problems = QLabel(self)
        self.problems.setObjectName("problem")
        self.problems.setWordWrap(True)
        self.problems.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self._save_and_close)
        buttons.rejected.connect(self.reject)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(basics)
        column.addWidget(committee, 1)
        column.addWidget(rules)
        scroll = QScrollArea(self)  # a screen lower than the form scrolls it; 保存 stays in view below
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.fields = {"branch_name": self.branch_name, "parent_committee": self.parent_committee,
                       "committee_term_start": self.term_start.input, "committee_term_years": self.term_years,
                       "records_since": self.records_since.input,
                       "lecture_period": self.lecture_period, "summary_date": self.summary_date,
                       "dues_remittance_period": self.dues_period, "excellent_share": self.excellent_share,
                       "talks_between_members": self.member_talks, "political_birthdays": self.birthdays,
                       "transfer_letter_months": self.letter_months, "attachment_long_side": self.long_side,
                       "print_photos": self.print_photos, "posts": self.posts}

    def _load(self) -> None:
        s = load_settings()
        self.branch_name.setText(s.branch_name)
        self.parent_committee.setText(s.parent_committee)
        self.term_start.set_value(s.committee_term_start)
        self.records_since.set_value(s.records_since)
        self.term_years.setCurrentIndex(max(0, self.term_years.findData(s.committee_term_years)))
        self.lecture_period.setCurrentIndex(max(0, self.lecture_period.findData(s.lecture_period)))
        self.summary_date.setCurrentIndex(max(0, self.summary_date.findData(s.summary_date)))
        self.dues_period.setCurrentIndex(max(0, self.dues_period.findData(s.dues_remittance_period)))
        self.excellent_share.setCurrentIndex(max(0, self.excellent_share.findData(s.excellent_share)))
        self.letter_months.setCurrentIndex(max(0, self.letter_months.findData(s.transfer_letter_months)))
        self.long_side.setCurrentIndex(max(0, self.long_side.findData(s.attachment_long_side)))
        self.print_photos.setCurrentIndex(max(0, self.print_photos.findData(s.print_photos)))
        self.member_talks.setChecked(s.talks_between_members)
        self.birthdays.setChecked(s.political_birthdays)
        for month, box in enumerate(self.vacation, start=1):
            box.setChecked(month in s.vacation_months)
        holders = post_holders()
        self.posts.setRowCount(len(holders))
        self.post_combos: dict[int, QComboBox] = {}
        for row, holder in enumerate(holders):
            self.posts.setItem(row, 0, QTableWidgetItem(holder.name))
            self.posts.setItem(row, 1, QTableWidgetItem(holder.party_group))
            combo = QComboBox(self.posts)
            combo.addItem("（无）", "")
            for post in PARTY_POSTS:
                combo.addItem(post, post)
            combo.setCurrentIndex(max(0, combo.findData(holder.party_post)))
            self.posts.setCellWidget(row, 2, combo)
            self.post_combos[holder.member_id] = combo
        self.posts.resizeColumnToContents(0)
        self.mark_unchanged()

    def state(self) -> tuple:
        """What is typed, as typed (a half-written date too), to tell unsaved changes."""
        settings, posts = self.values()
        settings.update(committee_term_start=self.term_start.state(), records_since=self.records_since.state())
        return settings, posts

    def values(self) -> tuple[dict, dict[int, str]]:
        """The settings and the posts (member id → post) as typed."""
        settings = {
            "branch_name": self.branch_name.text(),
            "parent_committee": self.parent_committee.text(),
            "committee_term_start": self.term_start.value(),
            "records_since": self.records_since.value(),
            "committee_term_years": self.term_years.currentData(),
            "lecture_period": self.lecture_period.currentData(),
            "summary_date": self.summary_date.currentData(),
            "dues_remittance_period": self.dues_period.currentData(),
            "excellent_share": self.excellent_share.currentData(),
            "talks_between_members": self.member_talks.isChecked(),
            "political_birthdays": self.birthdays.isChecked(),
            "transfer_letter_months": self.letter_months.currentData(),
            "attachment_long_side": self.long_side.currentData(),
            "print_photos": self.print_photos.currentData(),
            "vacation_months": [m for m, box in enumerate(self.vacation, start=1) if box.isChecked()],
        }
        return settings, {member_id: combo.currentData() for member_id, combo in self.post_combos.items()}

    def save(self) -> bool:
        """Write through the core; show every problem and keep the dialog open when refused."""
        for widget in self.fields.values():
            set_error_state(widget, False)
        for editor in (self.term_start, self.records_since):
            editor.clear_problem()
            unreadable = editor.problem()
            if unreadable:
                self._show_problems([(editor.field.name, unreadable)])
                return False
        settings, posts = self.values()
        try:
            save_branch(settings, posts)
        except ValidationError as exc:
            self._show_problems([(p.field, p.message) for p in exc.problems if p.is_error])
            return False
        self.saved = True
        self.mark_unchanged()
        return True

    def _show_problems(self, problems: list[tuple[str, str]]) -> None:
        for field, _message in problems:
            if field in self.fields:
                set_error_state(self.fields[field], True)
        self.problems.setText("未保存：" + "".join(message for _field, message in problems))
        self.problems.show()

    def _save_and_close(self) -> None:
        if self.save():
            self.accept()


def edit_settings(parent: QWidget | None = None) -> bool:
    """Show the dialog; True when the settings were saved."""
    dialog = SettingsDialog(parent)
    dialog.setWindowModality(Qt.WindowModal)
    return dialog.exec() == QDialog.Accepted and dialog.saved
