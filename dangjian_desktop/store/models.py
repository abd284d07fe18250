"""The tables: members, meetings with attendance, activities, partners, rectification items, settings.

Models are bound to the deferred database in `db.py`, so they import without a file.
Choice lists (types, stages, statuses) are tuples of the Chinese words stored in the rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from peewee import (
    SQL,
    AutoField,
    CharField,
    DateField,
    DateTimeField,
    FieldAccessor,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from dangjian_desktop.common.dates import DAY, PartialDate, with_precision
from dangjian_desktop.store.connection import db

GENDERS = ("男", "女")
DEGREES = ("学士", "硕士", "博士")
TEACHER_TITLES = ("正高级教师", "高级教师", "一级教师", "二级教师", "三级教师")  # 中小学教师职称
VOTING_METHODS = ("举手表决", "无记名投票")
EDUCATIONS = ("研究生", "大学本科", "大学专科", "中专", "高中", "初中及以下")
PARTY_POSTS = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员", "党小组长")
COMMITTEE_POSTS = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员")
MEMBER_STATUSES = ("正常", "转出", "去世", "出党", "停止党籍")
STAGES = ("入党申请人", "入党积极分子", "发展对象", "预备党员", "正式党员")

MEETING_KINDS = ("支部党员大会", "支委会", "党小组会", "党课", "主题党日", "组织生活会", "民主评议党员", "其他")
ATTENDANCE_STATUSES = ("出席", "请假", "缺席")

# What a category stands for in the year's figures, kept when the branch renames it: the summary's
# paragraph on members setting an example counts the 示范课 (lesson) and 专题讲座 (lecture); the overview
# always shows them; 其他 (other) is not named among the year's activities.
CATEGORY_ROLES = ("lesson", "lecture", "other")
DEFAULT_ACTIVITY_CATEGORIES = (  # (name, unit, role)
    ("示范课", "节", "lesson"),
    ("专题讲座", "次", "lecture"),
    ("师德讲堂", "次", ""),
    ("志愿服务", "次", ""),
    ("红色教育", "次", ""),
    ("护学岗", "次", ""),
    ("共建活动", "次", ""),
    ("其他", "次", "other"),
)
ACTIVITY_UNITS = ("节", "次", "场", "人次", "天")

PARTNER_KINDS = ("结对共建单位", "思政联盟", "红色教育基地", "法治教育基地", "校内阵地", "其他")

RECTIFICATION_SOURCES = ("组织生活会", "上级检查", "自查", "民主评议", "巡察", "其他")
RECTIFICATION_STATUSES = ("未开始", "整改中", "已完成")

DUES_CATEGORIES = ("在职", "离退休", "学生", "下岗", "农民", "其他")  # what a member's dues are reckoned from

APPRAISAL_GRADES = ("优秀", "合格", "基本合格", "不合格")  # 民主评议党员, best first
APPRAISAL_FOLLOW_UPS = ("限期改正", "诫勉谈话", "组织处置")  # for 基本合格 and 不合格
# 谈心谈话: the kinds of talk; those between the committee and members are what the yearly rule counts.
# 党籍变动 and 组织关系转接: the events that bring a member onto the branch's rolls or take him off them.
ENTERING_EVENTS = ("转入", "恢复党籍")
LEAVING_EVENTS = ("转出", "出党", "停止党籍", "死亡")
PARTY_EVENT_KINDS = ("转出", "转入", "恢复党籍", "出党", "停止党籍", "死亡")
TRANSFER_SCOPES = ("系统内", "跨系统", "跨省（区、市）", "出国（境）")
LEAVING_MANNERS = ("开除党籍", "除名", "劝退", "自行脱党", "退党")  # 出党, by how
MOBILE_KINDS = ("外出务工", "外出经商", "挂职", "支教", "进修学习", "其他")  # why a 流动党员 is away
TALK_KINDS = ("支委之间", "支委与党员", "党员之间", "谈话提醒", "入党申请人谈话", "入党积极分子谈话", "预备党员转正前谈话")


class _PartialDateAccessor(FieldAccessor):
    """Reads the date with the precision the row keeps for it (a `PartialDate` for 1966.02); writing a
    `PartialDate` notes its precision in the row's `date_precision`, writing a plain date clears it."""

    def __get__(self, instance, instance_type=None):
        value = super().__get__(instance, instance_type)
        if instance is None or value is None:
            return value
        precision = decode_precisions(instance.__data__.get("date_precision") or "").get(self.name, DAY)
        return with_precision(value, precision)

    def __set__(self, instance, value):
        plain = value.plain() if isinstance(value, PartialDate) else value
        super().__set__(instance, plain)
        precisions = decode_precisions(instance.__data__.get("date_precision") or "")
        precisions.pop(self.name, None)
        if isinstance(value, PartialDate):
            precisions[self.name] = value.precision
        encoded = encode_precisions(precisions)
        if encoded != (instance.__data__.get("date_precision") or ""):
            instance.__data__["date_precision"] = encoded
            instance._dirty.add("date_precision")


class PartialDateField(DateField):
    """A date that may be known only to its month or year; the model keeps the precision beside it in
    `date_precision` (as "birth_date=month probation_on=year"), the column holds the period's first day."""

    accessor_class = _PartialDateAccessor

    def db_value(self, value):
        return super().db_value(value.plain() if isinstance(value, PartialDate) else value)


def decode_precisions(text: str) -> dict[str, str]:
    return dict(item.split("=", 1) for item in text.split() if "=" in item)


def with_precisions(values: dict[str, Any], text: str) -> dict[str, Any]:
    """A row's values read without the model (plain tuples, for speed), its dates given their precision."""
    for name, precision in decode_precisions(text).items():
        if name in values:
            values[name] = with_precision(values[name], precision)
    return values


def encode_precisions(precisions: dict[str, str]) -> str:
    return " ".join(f"{name}={precision}" for name, precision in sorted(precisions.items()))


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class Member(BaseModel):
    """A person on the branch's books, from applicant to full member; leavers stay on record."""

    id = AutoField()
    name = CharField(max_length=30, index=True)
    gender = CharField(max_length=2, default="")
    ethnicity = CharField(max_length=20, default="")
    birth_date = PartialDateField(null=True)
    id_number = CharField(max_length=18, default="")
    education = CharField(max_length=20, default="")
    job_title = CharField(max_length=60, default="")
    party_post = CharField(max_length=10, default="")
    party_group = CharField(max_length=30, default="")
    phone = CharField(max_length=20, default="")
    # Development milestones; the current stage is the furthest one with a date.
    applied_on = PartialDateField(null=True)
    activist_on = PartialDateField(null=True)
    candidate_on = PartialDateField(null=True)
    probation_on = PartialDateField(null=True)  # 接收为预备党员 (the 支部大会 vote), i.e. 入党时间
    probation_extension_months = IntegerField(default=0)  # 延长预备期: 0, or 6 to 12
    full_on = PartialDateField(null=True)  # 转正 (the day probation ends)
    status = CharField(max_length=10, default="正常", index=True)
    left_on = DateField(null=True)
    notes = TextField(default="")
    search_key = TextField(default="")  # name + pinyin initials (all readings), for the search box
    date_precision = TextField(default="", constraints=[SQL("DEFAULT ''")])  # see PartialDateField
    # Added by schema step 5 (columns a step adds go last, where ALTER TABLE puts them).
    native_place = CharField(max_length=40, default="", constraints=[SQL("DEFAULT ''")])  # 籍贯
    work_started_on = PartialDateField(null=True)  # 参加工作时间
    professional_title = CharField(max_length=30, default="", constraints=[SQL("DEFAULT ''")])  # 职称
    degree = CharField(max_length=20, default="", constraints=[SQL("DEFAULT ''")])  # 学位
    contacts = CharField(max_length=60, default="", constraints=[SQL("DEFAULT ''")])  # 培养联系人
    introducers = CharField(max_length=60, default="", constraints=[SQL("DEFAULT ''")])  # 入党介绍人
    admission_publicity_on = DateField(null=True)  # 拟接收预备党员公示
    full_publicity_on = DateField(null=True)  # 拟转正公示
    # Added by schema step 9: the spans off the rolls before `left_on` (before a transfer in, between a
    # transfer out and back), derived from the member's PartyEvents with `status` and `left_on`; see
    # rules.membership.gaps_text.
    rolls_gaps = TextField(default="", constraints=[SQL("DEFAULT ''")])


class Meeting(BaseModel):
    """One sitting of 三会一课 or other organisational life."""

    id = AutoField()
    kind = CharField(max_length=10, index=True)
    seq = IntegerField(null=True)  # 第×次, counted per kind and year
    date = DateField(index=True)
    start_time = CharField(max_length=5, default="")  # "HH:MM"
    end_time = CharField(max_length=5, default="")
    place = CharField(max_length=100, default="")
    topic = CharField(max_length=200)
    party_group = CharField(max_length=30, default="")  # for a 党小组会
    host = ForeignKeyField(Member, null=True, backref="hosted_meetings", on_delete="RESTRICT")
    recorder = ForeignKeyField(Member, null=True, backref="recorded_meetings", on_delete="RESTRICT")
    lecturer = ForeignKeyField(Member, null=True, backref="lectures", on_delete="RESTRICT")
    guests = TextField(default="")  # 列席人员
    first_topic = TextField(default="")  # 第一议题
    agenda = TextField(default="")
    minutes = TextField(default="")
    resolution = TextField(default="")
    votes_for = IntegerField(null=True)
    votes_against = IntegerField(null=True)
    votes_abstain = IntegerField(null=True)
    notes = TextField(default="")
    # Added by schema step 5.
    voting_method = CharField(max_length=10, default="", constraints=[SQL("DEFAULT ''")])  # 举手表决 / 无记名投票
    tellers = CharField(max_length=100, default="", constraints=[SQL("DEFAULT ''")])  # 监票人、计票人
    make_up = TextField(default="", constraints=[SQL("DEFAULT ''")])  # 补学情况 of those absent

    class Meta:
        indexes = ((("kind", "date"), False), (("date", "start_time"), False))


class Attendance(BaseModel):
    """One member's presence at one meeting."""

    id = AutoField()
    meeting = ForeignKeyField(Meeting, backref="attendance", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="attendance", on_delete="RESTRICT")
    status = CharField(max_length=4, default="出席")
    reason = CharField(max_length=200, default="")

    class Meta:
        indexes = ((("meeting", "member"), True), (("meeting", "status"), False))


class ActivityCategory(BaseModel):
    """An editable kind of activity with the unit its quantity is counted in."""

    id = AutoField()
    name = CharField(max_length=20, unique=True)
    unit = CharField(max_length=4, default="次")
    sort_order = IntegerField(default=0)
    role = CharField(max_length=10, default="", constraints=[SQL("DEFAULT ''")])  # a key of CATEGORY_ROLES or ""


class Partner(BaseModel):
    """A partner unit, alliance, education base or the school's own 阵地."""

    id = AutoField()
    name = CharField(max_length=100, index=True)
    kind = CharField(max_length=10, index=True)
    since = DateField(null=True)
    contact = CharField(max_length=30, default="")
    phone = CharField(max_length=20, default="")
    address = CharField(max_length=200, default="")
    description = TextField(default="")
    search_key = TextField(default="")


class Activity(BaseModel):
    """A 主题党日 event, demonstration lesson, lecture, visit or other activity."""

    id = AutoField()
    category = ForeignKeyField(ActivityCategory, backref="activities", on_delete="RESTRICT")
    title = CharField(max_length=200)
    date = DateField(index=True)
    place = CharField(max_length=100, default="")
    partner = ForeignKeyField(Partner, null=True, backref="activities", on_delete="RESTRICT")
    organiser = CharField(max_length=60, default="")
    participants = TextField(default="")
    participant_count = IntegerField(null=True)
    quantity = IntegerField(default=1)
    unit = CharField(max_length=4, default="次")
    description = TextField(default="")
    search_key = TextField(default="")

    class Meta:
        indexes = ((("category", "date"), False),)


class Rectification(BaseModel):
    """A problem found (at a 组织生活会, an inspection, ...) and what is done about it."""

    id = AutoField()
    source = CharField(max_length=10)
    meeting = ForeignKeyField(Meeting, null=True, backref="rectifications", on_delete="SET NULL")
    found_on = DateField(index=True)
    problem = TextField()
    cause = TextField(default="")
    measure = TextField(default="")
    owner = CharField(max_length=60, default="")  # 责任人
    deadline = DateField(null=True)
    status = CharField(max_length=4, default="未开始", index=True)
    completed_on = DateField(null=True)
    evidence = TextField(default="")
    review = TextField(default="")


class Setting(BaseModel):
    """Branch settings as key → JSON text (see services/settings.py for the keys)."""

    key = CharField(max_length=60, primary_key=True)
    value = TextField()


class DevelopmentStep(BaseModel):
    """A dated step of the 25-step development procedure, other than the five milestones on Member."""

    id = AutoField()
    member = ForeignKeyField(Member, backref="steps", on_delete="CASCADE")
    step = IntegerField()  # 1..25, as numbered in 《发展党员工作细则》
    done_on = DateField()
    note = TextField(default="")

    class Meta:
        indexes = ((("member", "step"), True),)


class SummaryDraft(BaseModel):
    """The user's wording of one year's work summary, one text per section, as JSON."""

    year = IntegerField(primary_key=True)
    sections = TextField(default="{}")
    updated_at = DateTimeField(default=dt.datetime.now)


class Change(BaseModel):
    """History: one create, update or delete of a record, with the fields old → new as JSON."""

    id = AutoField()
    at = DateTimeField(default=dt.datetime.now, index=True)
    table = CharField(max_length=30)
    record_id = IntegerField()
    action = CharField(max_length=6)  # create / update / delete
    label = CharField(max_length=200, default="")  # what the record was called, readable after deletion
    changes = TextField(default="{}")
    # Added by schema step 12: who made the change (the signed-in user on a server, the login name on a PC).
    changed_by = CharField(max_length=60, default="", constraints=[SQL("DEFAULT ''")])

    class Meta:
        indexes = ((("table", "record_id"), False),)


class DeletedRecord(BaseModel):
    """A deleted record kept whole until it is restored: its row and the rows deleted with it (a meeting's
    attendance), as stored, and the rows whose link to it the delete cleared (a rectification's meeting).
    Added by schema step 6."""

    id = AutoField()
    change = ForeignKeyField(Change, backref="deleted_records", on_delete="CASCADE")  # the history's 删除 row
    table = CharField(max_length=30)
    record_id = IntegerField()
    rows = TextField()  # JSON: {table: [{column: value}]}, the record's own table first
    links = TextField(default="[]")  # JSON: [[table, column, [ids]]]
    restored_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("table", "restored_at"), False),)


class DuesBase(BaseModel):
    """A member's dues base (核定基数) for a year from a month on: the pay after tax and the category the rate
    follows, or an amount set by a branch decision (少交、免交) with its reason and approval. In 分.
    Added by schema step 7, as are the two below."""

    id = AutoField()
    member = ForeignKeyField(Member, backref="dues_bases", on_delete="RESTRICT")
    year = IntegerField()
    from_month = IntegerField(default=1)
    category = CharField(max_length=6)
    base = IntegerField(null=True)  # monthly pay after tax, 分
    amount = IntegerField(null=True)  # the monthly dues when not by the rule, 分
    reason = CharField(max_length=200, default="")  # why not by the rule: the branch's decision
    decided_on = DateField(null=True)  # the branch's decision
    approved_by = CharField(max_length=60, default="")  # the higher committee that approved it

    class Meta:
        indexes = ((("member", "year", "from_month"), True), (("year",), False))


class DuesPayment(BaseModel):
    """The dues of one member for one month, as paid (the ledger's cell)."""

    id = AutoField()
    member = ForeignKeyField(Member, backref="dues_payments", on_delete="RESTRICT")
    year = IntegerField()
    month = IntegerField()
    amount = IntegerField()  # 分
    paid_on = DateField()
    payer = CharField(max_length=30, default="")  # 代交人, when someone else paid
    receipt = CharField(max_length=40, default="")
    note = CharField(max_length=200, default="")

    class Meta:
        indexes = ((("member", "year", "month"), True), (("year", "month"), False), (("paid_on",), False))


class DuesRemittance(BaseModel):
    """Dues handed to the higher committee (上缴) for a span of months, with its receipt."""

    id = AutoField()
    remitted_on = DateField(index=True)
    year = IntegerField()
    first_month = IntegerField()
    last_month = IntegerField()
    amount = IntegerField()  # 分
    receipt = CharField(max_length=40, default="")
    handled_by = CharField(max_length=30, default="")
    note = CharField(max_length=200, default="")


class Appraisal(BaseModel):
    """民主评议党员: the year's round and the days its steps were held. Added by schema step 8, as are the
    tables below."""

    id = AutoField()
    year = IntegerField(unique=True)
    meeting = ForeignKeyField(Meeting, null=True, backref="appraisals", on_delete="SET NULL")  # where it was held
    study_on = DateField(null=True)  # 学习教育
    self_on = DateField(null=True)  # 个人自评
    mutual_on = DateField(null=True)  # 党员互评
    ballot_on = DateField(null=True)  # 民主测评
    decided_on = DateField(null=True)  # 组织评定
    published_on = DateField(null=True)  # 结果公示、反馈
    notes = TextField(default="")


class AppraisalEntry(BaseModel):
    """One member in a year's appraisal: excused (with the reason) or the ballot's votes per grade, the grade the
    branch gave and, for 基本合格 and 不合格, the follow-up (a rectification item)."""

    id = AutoField()
    year = IntegerField()
    member = ForeignKeyField(Member, backref="appraisals", on_delete="RESTRICT")
    excused = CharField(max_length=200, default="")  # why not appraised (long illness, abroad): not counted
    self_assessment = TextField(default="")
    votes_excellent = IntegerField(null=True)
    votes_qualified = IntegerField(null=True)
    votes_basic = IntegerField(null=True)
    votes_unqualified = IntegerField(null=True)
    grade = CharField(max_length=4, default="")
    grade_reason = CharField(max_length=200, default="")  # why the grade is not the ballot's
    follow_up = CharField(max_length=6, default="")
    follow_up_deadline = DateField(null=True)
    rectification = ForeignKeyField(Rectification, null=True, backref="appraisals", on_delete="SET NULL")

    class Meta:
        indexes = ((("year", "member"), True),)


class Talk(BaseModel):
    """A 谈心谈话: who talked with whom, when, of what, and what follows from it."""

    id = AutoField()
    date = DateField(index=True)
    kind = CharField(max_length=10)
    talker = ForeignKeyField(Member, backref="talks_held", on_delete="RESTRICT")
    partner = ForeignKeyField(Member, backref="talks_had", on_delete="RESTRICT")  # 谈话对象
    place = CharField(max_length=100, default="")
    topic = CharField(max_length=200)
    points = TextField(default="")
    follow_up = TextField(default="")


class TalkAssignment(BaseModel):
    """Which committee member talks with a member each year (the branch's 分工); the 书记 where none is set."""

    id = AutoField()
    member = ForeignKeyField(Member, backref="talk_assignment", on_delete="CASCADE", unique=True)
    committee_member = ForeignKeyField(Member, backref="talk_assignees", on_delete="CASCADE")


class PartyEvent(BaseModel):
    """A change of a member's standing on the rolls: transferred out or in (组织关系转接, with the introduction
    letter and its receipt), restored, left the party, 停止党籍, died. The member's `status`, `left_on` and
    `rolls_gaps` follow from these. Added by schema step 9, as is MobileSpell."""

    id = AutoField()
    member = ForeignKeyField(Member, backref="party_events", on_delete="CASCADE")  # part of the member
    kind = CharField(max_length=6)
    date = DateField()  # 转出: the letter's date; 转入: the day he reported; else the decision or death
    organisation = CharField(max_length=100, default="")  # 转往 / 转自 which party organisation
    scope = CharField(max_length=10, default="")  # TRANSFER_SCOPES
    letter_no = CharField(max_length=40, default="")  # 介绍信编号
    valid_until = DateField(null=True)  # the letter's last valid day (转出)
    receipt_on = DateField(null=True)  # 回执 returned (转出)
    file_arrived_on = DateField(null=True)  # 档案 received (转入)
    manner = CharField(max_length=6, default="")  # LEAVING_MANNERS, for 出党
    decision = CharField(max_length=200, default="")  # the decision (文号, content)
    decided_by = CharField(max_length=100, default="")  # 批准或决定的党组织
    note = TextField(default="")

    class Meta:
        indexes = ((("member", "date"), False), (("date",), False))


class MobileSpell(BaseModel):
    """A 流动党员's time away (six months or more): where, why, who to reach, the 流动党员活动证, the 流动党员党支部
    he joined there, and how he keeps in touch. He stays on the rolls; his absences count as excused."""

    id = AutoField()
    member = ForeignKeyField(Member, backref="mobile_spells", on_delete="CASCADE")
    kind = CharField(max_length=6)
    started_on = DateField()
    ended_on = DateField(null=True)  # back; empty while away
    place = CharField(max_length=100)  # 流入地
    contact = CharField(max_length=60, default="")  # 流入地联系人 and phone
    joined_branch = CharField(max_length=100, default="")  # the 流动党员党支部 he joined there, if any
    card_no = CharField(max_length=40, default="")  # 流动党员活动证号
    keeps_in_touch = CharField(max_length=100, default="")  # how: 电话, 微信, 书面思想汇报
    last_report_on = DateField(null=True)  # the last 思想汇报 received
    reports = TextField(default="")  # 思想汇报 and contacts, by date
    note = TextField(default="")

    class Meta:
        indexes = ((("member", "started_on"), False),)


ELECTION_KINDS = ("换届选举", "补选")
TERM_YEARS = (3, 5)


class Election(BaseModel):
    """A 支部委员会 election at a 支部党员大会: who stood and their votes, who was elected to which post, and the
    higher committee's approval, which starts the new term. Added by schema step 11."""

    id = AutoField()
    date = DateField(index=True)
    kind = CharField(max_length=4)
    meeting = ForeignKeyField(Meeting, null=True, backref="elections", on_delete="SET NULL")
    term_years = IntegerField(default=3)
    expected = IntegerField()  # 应到会有选举权的党员
    present = IntegerField()  # 实到
    candidates = TextField()  # one a line: 姓名 得票数
    elected = TextField(default="")  # one a line: 姓名 职务
    approved_on = DateField(null=True)  # the higher committee's 批复
    approved_by = CharField(max_length=100, default="")
    approval_no = CharField(max_length=60, default="")
    notes = TextField(default="")


ATTACHMENT_MEDIA = ("image", "pdf", "office", "other")  # how a file is shown: a thumbnail, or an icon


class Attachment(BaseModel):
    """A photo, scan or document kept with a record (any kind, by its table and id). The file itself lives in
    the content-addressed store beside the database (store/attachment_files.py), named by its SHA-256, so the
    same photo attached twice is stored once. Removing it sets `removed_at` (restorable). Added by schema
    step 10."""

    id = AutoField()
    table = CharField(max_length=30)
    record_id = IntegerField()
    sha256 = CharField(max_length=64, index=True)
    name = CharField(max_length=200)  # the file's name when added
    caption = CharField(max_length=200, default="")
    media = CharField(max_length=6)
    size = IntegerField()  # bytes, as stored
    width = IntegerField(null=True)  # pixels, for an image
    height = IntegerField(null=True)
    original_sha256 = CharField(max_length=64, default="")  # the full-size original, when kept on request
    added_at = DateTimeField(default=dt.datetime.now)
    removed_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("table", "record_id"), False),)


# Added by schema step 12, last in each table (where ALTER TABLE puts it): the number of times the record was
# saved, so that saving over a change another clerk made since the form was opened is noticed (services.base).
VERSIONED_MODELS = (Member, Meeting, Activity, Partner, Rectification, ActivityCategory, DuesBase, DuesPayment,
                    DuesRemittance, Appraisal, AppraisalEntry, Talk, PartyEvent, MobileSpell, Election)
for _model in VERSIONED_MODELS:
    _model._meta.add_field("row_version", IntegerField(default=0, constraints=[SQL("DEFAULT 0")]))

ALL_MODELS = (
    Member,
    Meeting,
    Attendance,
    ActivityCategory,
    Partner,
    Activity,
    Rectification,
    Setting,
    DevelopmentStep,
    SummaryDraft,
    Change,
    DeletedRecord,
    DuesBase,
    DuesPayment,
    DuesRemittance,
    Appraisal,
    AppraisalEntry,
    Talk,
    TalkAssignment,
    PartyEvent,
    MobileSpell,
    Attachment,
    Election,
)
