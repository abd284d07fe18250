"""The record kinds, one declaration each: table, label, model, fields, what names a record, search text,
Excel sheet (title, other spellings of the sheet and of its headers) and duplicate keys.

The dialogs, tabs, Excel sheets, history labels, reference pickers and search keys are derived from
these. A kind's rules beyond its fields live in its service (services/<kind>.py, which names its kind);
its list rows and tab in queries/listing.py and ui/tab_specs.py. See the README's developer section for
the steps of adding a kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from peewee import Model

from dangjian_desktop.domain.fields import Field, FieldKind
from dangjian_desktop.store import models as m


@dataclass(frozen=True)
class DuplicateKey:
    """Fields that, all equal, make two rows the same record; counted only when each is filled, but for
    the `optional` ones (a meeting without 党小组 is still the same meeting)."""

    fields: tuple[str, ...]
    optional: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheet:
    """How a kind appears in an exchange workbook."""

    title: str
    aliases: tuple[str, ...] = ()  # other names of the sheet in branch spreadsheets
    headers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field → other header spellings
    duplicate_keys: tuple[DuplicateKey, ...] = ()  # two rows alike by any one of these are the same record


@dataclass(frozen=True)
class RecordKind:
    model: type[Model]
    label: str  # 党员, 会议: in titles, history and messages
    fields: tuple[Field, ...]
    title_field: str  # the field that names a record in pickers, history and messages
    sheet: Sheet
    search_names: tuple[str, ...] = ()  # people's names: matched with their pinyin too
    search_texts: tuple[str, ...] = ()
    order: tuple[str, ...] = ("id",)  # the order records are listed in: the export, pickers of the names
    # How a record is called in messages, the history's list and an exported reference; the title by default.
    describe: Callable[[Any], str] | None = None
    history: bool = True  # its changes are kept in the history (and deleted ones listed)

    @property
    def table(self) -> str:
        return self.model._meta.table_name

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def name_of(self, record: Any) -> str:
        return self.describe(record) if self.describe else str(getattr(record, self.title_field))

    def field_label(self, name: str) -> str:
        return next((f.label for f in self.fields if f.name == name), name)


ETHNICITY_SUGGESTIONS = ("汉族", "回族", "满族", "蒙古族", "壮族", "苗族", "土家族", "彝族", "藏族", "维吾尔族")

_MEMBER_FIELDS = (
    Field("name", "姓名", required=True, max_length=30),
    Field("gender", "性别", FieldKind.CHOICE, choices=m.GENDERS, required=True),
    Field("ethnicity", "民族", FieldKind.SUGGEST, choices=ETHNICITY_SUGGESTIONS, max_length=20),
    Field("native_place", "籍贯", max_length=40, hint="如：江苏常州"),
    Field("birth_date", "出生日期", FieldKind.DATE, partial=True, not_future=True, hint="可只写到月，如 1966.02"),
    Field("id_number", "身份证号", max_length=18, hint="18位（或15位的旧号码），最后一位可为X", personal=True),
    Field("education", "学历", FieldKind.SUGGEST, choices=m.EDUCATIONS, max_length=20),
    Field("degree", "学位", FieldKind.SUGGEST, choices=m.DEGREES, max_length=20),
    Field("work_started_on", "参加工作时间", FieldKind.DATE, partial=True, not_future=True, hint="可只写到月，如 1988.08"),
    Field("job_title", "工作岗位/职务", max_length=60),
    Field("professional_title", "职称", FieldKind.SUGGEST, choices=m.TEACHER_TITLES, max_length=30),
    Field("party_post", "党内职务", FieldKind.CHOICE, choices=m.PARTY_POSTS),
    Field("party_group", "党小组", FieldKind.SUGGEST, max_length=30),
    Field("phone", "联系电话", FieldKind.PHONE, max_length=20, personal=True),
    Field("applied_on", "申请入党日期", FieldKind.DATE, partial=True, not_future=True),
    Field("activist_on", "确定积极分子日期", FieldKind.DATE, partial=True, not_future=True),
    Field("contacts", "培养联系人", max_length=60, hint="一至两名正式党员，以顿号分隔"),
    Field("candidate_on", "确定发展对象日期", FieldKind.DATE, partial=True, not_future=True),
    Field("introducers", "入党介绍人", max_length=60, hint="两名正式党员，以顿号分隔"),
    Field("admission_publicity_on", "接收预备党员前公示日期", FieldKind.DATE, not_future=True,
          hint="支部大会讨论前的公示（不少于5个工作日）开始之日"),
    Field("probation_on", "接收预备党员日期", FieldKind.DATE, partial=True, not_future=True, hint="支部大会表决通过之日，即入党时间"),
    Field("probation_extension_months", "延长预备期（月）", FieldKind.INT, maximum=12),
    Field("full_publicity_on", "转正前公示日期", FieldKind.DATE, not_future=True),
    Field("full_on", "转正日期", FieldKind.DATE, partial=True, not_future=True),
    Field("status", "党籍状态", FieldKind.CHOICE, choices=m.MEMBER_STATUSES, required=True),
    Field("left_on", "离开日期", FieldKind.DATE, not_future=True, hint="转出、去世等的日期"),
    Field("notes", "备注", FieldKind.MULTILINE, max_length=2000),
)

_MEETING_FIELDS = (
    Field("kind", "会议类型", FieldKind.CHOICE, choices=m.MEETING_KINDS, required=True),
    Field("seq", "第几次", FieldKind.INT, minimum=1, maximum=999, hint="留空则按年度自动编号"),
    Field("date", "日期", FieldKind.DATE, required=True, not_future=True, hint="会议开过后登记；计划中的会议不登记"),
    Field("start_time", "开始时间", FieldKind.TIME),
    Field("end_time", "结束时间", FieldKind.TIME),
    Field("place", "地点", max_length=100),
    Field("topic", "主题", required=True, max_length=200),
    Field("party_group", "党小组", FieldKind.SUGGEST, max_length=30, hint="党小组会填写"),
    Field("host", "主持人", FieldKind.REFERENCE, references="member"),
    Field("recorder", "记录人", FieldKind.REFERENCE, references="member"),
    Field("lecturer", "授课人", FieldKind.REFERENCE, references="member", hint="党课填写"),
    Field("guests", "列席人员", max_length=500),
    Field("first_topic", "第一议题", FieldKind.MULTILINE, max_length=5000),
    Field("agenda", "议程", FieldKind.MULTILINE, max_length=5000),
    Field("minutes", "会议记录", FieldKind.MULTILINE, max_length=50_000, hint="每位发言人的主要观点"),
    Field("resolution", "决议", FieldKind.MULTILINE, max_length=5000),
    Field("votes_for", "赞成票", FieldKind.INT, maximum=10_000),
    Field("votes_against", "反对票", FieldKind.INT, maximum=10_000),
    Field("votes_abstain", "弃权票", FieldKind.INT, maximum=10_000),
    Field("voting_method", "表决方式", FieldKind.CHOICE, choices=m.VOTING_METHODS),
    Field("tellers", "监票人、计票人", max_length=100, hint="无记名投票时填写，如：监票人王某，计票人李某"),
    Field("make_up", "补学情况", FieldKind.MULTILINE, max_length=2000, hint="缺席、请假人员何时、以何种方式补学"),
    Field("notes", "备注", FieldKind.MULTILINE, max_length=2000),
)

_ACTIVITY_FIELDS = (
    Field("category", "活动类别", FieldKind.REFERENCE, references="activity_category", required=True),
    Field("title", "活动名称", required=True, max_length=200),
    Field("date", "日期", FieldKind.DATE, required=True, not_future=True, hint="活动开展后登记"),
    Field("place", "地点", max_length=100),
    Field("partner", "共建单位/基地", FieldKind.REFERENCE, references="partner"),
    Field("organiser", "组织者", max_length=60),
    Field("participants", "参加人员", FieldKind.MULTILINE, max_length=2000),
    Field("participant_count", "参加人数", FieldKind.INT, maximum=100_000),
    Field("quantity", "数量", FieldKind.INT, required=True, minimum=1, maximum=10_000),
    Field("unit", "单位", FieldKind.CHOICE, choices=m.ACTIVITY_UNITS, hint="留空则用活动类别的单位"),
    Field("description", "内容简述", FieldKind.MULTILINE, max_length=5000),
)

_PARTNER_FIELDS = (
    Field("name", "名称", required=True, max_length=100),
    Field("kind", "类别", FieldKind.CHOICE, choices=m.PARTNER_KINDS, required=True),
    Field("since", "共建/启用日期", FieldKind.DATE, not_future=True),
    Field("contact", "联系人", max_length=30),
    Field("phone", "联系电话", FieldKind.PHONE, max_length=20),
    Field("address", "地址", max_length=200),
    Field("description", "开展内容", FieldKind.MULTILINE, max_length=5000),
)

_RECTIFICATION_FIELDS = (
    Field("source", "问题来源", FieldKind.CHOICE, choices=m.RECTIFICATION_SOURCES, required=True),
    Field("meeting", "来源会议", FieldKind.REFERENCE, references="meeting"),
    Field("found_on", "发现日期", FieldKind.DATE, required=True, not_future=True),
    Field("problem", "问题", FieldKind.MULTILINE, required=True, max_length=2000),
    Field("cause", "原因", FieldKind.MULTILINE, max_length=2000),
    Field("measure", "整改措施", FieldKind.MULTILINE, max_length=5000),
    Field("owner", "责任人", required=True, max_length=60),
    Field("deadline", "整改时限", FieldKind.DATE, required=True),
    Field("status", "整改状态", FieldKind.CHOICE, choices=m.RECTIFICATION_STATUSES, required=True),
    Field("completed_on", "完成日期", FieldKind.DATE, not_future=True),
    Field("evidence", "佐证材料", FieldKind.MULTILINE, max_length=2000),
    Field("review", "复查情况", FieldKind.MULTILINE, max_length=2000),
)

_YEAR = dict(minimum=1950, maximum=2100)
_MONTH = dict(minimum=1, maximum=12)

_DUES_BASE_FIELDS = (
    Field("member", "党员", FieldKind.REFERENCE, references="member", required=True),
    Field("year", "年度", FieldKind.INT, required=True, **_YEAR),
    Field("from_month", "起始月份", FieldKind.INT, required=True, hint="自该月起按此基数交纳（年中调资时另起一行）",
          **_MONTH),
    Field("category", "人员类别", FieldKind.CHOICE, choices=m.DUES_CATEGORIES, required=True),
    Field("base", "月工资收入（元）", FieldKind.MONEY, maximum=1_000_000,
          hint="税后的岗位工资、薪级工资、绩效工资、津贴补贴；离退休为离退休费"),
    Field("amount", "每月应交（元）", FieldKind.MONEY, maximum=1_000_000,
          hint="留空则按比例计算；少交、免交或农民党员填写"),
    Field("reason", "少交、免交原因", max_length=200),
    Field("decided_on", "支部决定日期", FieldKind.DATE, not_future=True),
    Field("approved_by", "批准的上级党组织", max_length=60),
)

_DUES_PAYMENT_FIELDS = (
    Field("member", "党员", FieldKind.REFERENCE, references="member", required=True),
    Field("year", "年度", FieldKind.INT, required=True, **_YEAR),
    Field("month", "月份", FieldKind.INT, required=True, **_MONTH),
    Field("amount", "交纳金额（元）", FieldKind.MONEY, required=True, maximum=1_000_000),
    Field("paid_on", "交纳日期", FieldKind.DATE, required=True, not_future=True),
    Field("payer", "代交人", max_length=30, hint="他人代交时填写"),
    Field("receipt", "收据号", max_length=40),
    Field("note", "备注", max_length=200),
)

_DUES_REMITTANCE_FIELDS = (
    Field("remitted_on", "上缴日期", FieldKind.DATE, required=True, not_future=True),
    Field("year", "所属年度", FieldKind.INT, required=True, **_YEAR),
    Field("first_month", "起始月份", FieldKind.INT, required=True, **_MONTH),
    Field("last_month", "截止月份", FieldKind.INT, required=True, **_MONTH),
    Field("amount", "上缴金额（元）", FieldKind.MONEY, required=True, maximum=10_000_000),
    Field("receipt", "凭证号", max_length=40, hint="上级党组织开具的收据或凭证编号"),
    Field("handled_by", "经手人", max_length=30),
    Field("note", "备注", max_length=200),
)

_APPRAISAL_FIELDS = (
    Field("year", "年度", FieldKind.INT, required=True, **_YEAR),
    Field("meeting", "召开会议", FieldKind.REFERENCE, references="meeting",
          hint="结合组织生活会或专门召开的民主评议党员会议"),
    Field("study_on", "学习教育", FieldKind.DATE, not_future=True),
    Field("self_on", "个人自评", FieldKind.DATE, not_future=True),
    Field("mutual_on", "党员互评", FieldKind.DATE, not_future=True),
    Field("ballot_on", "民主测评", FieldKind.DATE, not_future=True),
    Field("decided_on", "组织评定", FieldKind.DATE, not_future=True),
    Field("published_on", "结果公示、反馈", FieldKind.DATE, not_future=True),
    Field("notes", "备注", FieldKind.MULTILINE, max_length=2000),
)

_VOTES = dict(maximum=10_000)

_APPRAISAL_ENTRY_FIELDS = (
    Field("year", "年度", FieldKind.INT, required=True, **_YEAR),
    Field("member", "党员", FieldKind.REFERENCE, references="member", required=True),
    Field("excused", "不参加评议的原因", max_length=200,
          hint="长期病假、出国（境）、外出流动等；填写后不计入参评人数"),
    Field("votes_excellent", "测评票：优秀", FieldKind.INT, **_VOTES),
    Field("votes_qualified", "测评票：合格", FieldKind.INT, **_VOTES),
    Field("votes_basic", "测评票：基本合格", FieldKind.INT, **_VOTES),
    Field("votes_unqualified", "测评票：不合格", FieldKind.INT, **_VOTES),
    Field("grade", "评定等次", FieldKind.CHOICE, choices=m.APPRAISAL_GRADES),
    Field("grade_reason", "与测评结果不同的理由", max_length=200, hint="评定等次与多数测评票不一致时填写"),
    Field("follow_up", "组织处置", FieldKind.CHOICE, choices=m.APPRAISAL_FOLLOW_UPS,
          hint="评为基本合格、不合格时填写，并列入整改事项"),
    Field("follow_up_deadline", "整改时限", FieldKind.DATE),
    Field("self_assessment", "个人自评", FieldKind.MULTILINE, max_length=5000),
)

_TALK_FIELDS = (
    Field("date", "日期", FieldKind.DATE, required=True, not_future=True),
    Field("kind", "谈话类型", FieldKind.CHOICE, choices=m.TALK_KINDS, required=True),
    Field("talker", "谈话人", FieldKind.REFERENCE, references="member", required=True),
    Field("partner", "谈话对象", FieldKind.REFERENCE, references="member", required=True),
    Field("place", "地点", max_length=100),
    Field("topic", "谈话主题", required=True, max_length=200),
    Field("points", "谈话要点", FieldKind.MULTILINE, max_length=10_000, hint="双方的主要观点、反映的问题"),
    Field("follow_up", "后续跟进", FieldKind.MULTILINE, max_length=2000),
)

_PARTY_EVENT_FIELDS = (
    Field("member", "党员", FieldKind.REFERENCE, references="member", required=True,
          hint="新转入的党员请用“转入新党员…”：先录入其基本信息和入党、转正日期"),
    Field("kind", "变动类型", FieldKind.CHOICE, choices=m.PARTY_EVENT_KINDS, required=True),
    Field("date", "日期", FieldKind.DATE, required=True, not_future=True,
          hint="转出：开具介绍信之日；转入：报到之日；其他：决定或去世之日"),
    Field("organisation", "转往/转自党组织", max_length=100, hint="转出、转入时填写对方党组织的全称"),
    Field("scope", "转接范围", FieldKind.CHOICE, choices=m.TRANSFER_SCOPES, hint="转出、转入时填写"),
    Field("letter_no", "介绍信编号", max_length=40, hint="转出、转入时填写党员组织关系介绍信的编号"),
    Field("valid_until", "介绍信有效期至", FieldKind.DATE, hint="转出时填写；不填则按支部设置的有效期计算"),
    Field("receipt_on", "回执退回日期", FieldKind.DATE, not_future=True, hint="转出后接收方寄回回执之日"),
    Field("file_arrived_on", "档案接收日期", FieldKind.DATE, not_future=True, hint="转入时党员档案（入党材料）到达之日"),
    Field("manner", "出党方式", FieldKind.CHOICE, choices=m.LEAVING_MANNERS, hint="出党时填写"),
    Field("decision", "决定（文号）", max_length=200, hint="恢复党籍、出党、停止党籍的决定或批复"),
    Field("decided_by", "决定机关", max_length=100),
    Field("note", "备注", FieldKind.MULTILINE, max_length=2000),
)

_MOBILE_FIELDS = (
    Field("member", "党员", FieldKind.REFERENCE, references="member", required=True),
    Field("kind", "外出类型", FieldKind.CHOICE, choices=m.MOBILE_KINDS, required=True),
    Field("started_on", "外出日期", FieldKind.DATE, required=True, not_future=True),
    Field("ended_on", "返回日期", FieldKind.DATE, not_future=True, hint="仍在外的不填"),
    Field("place", "外出地点", required=True, max_length=100, hint="流入地及单位"),
    Field("contact", "流入地联系人及电话", max_length=60),
    Field("joined_branch", "参加的流动党员党支部", max_length=100, hint="在流入地编入的党组织；未编入的不填"),
    Field("card_no", "流动党员活动证号", max_length=40),
    Field("keeps_in_touch", "联系方式", max_length=100, hint="如：每月电话联系、微信群、书面思想汇报"),
    Field("last_report_on", "最近一次思想汇报", FieldKind.DATE, not_future=True),
    Field("reports", "思想汇报与联系记录", FieldKind.MULTILINE, max_length=10_000, hint="按日期记录"),
    Field("note", "备注", FieldKind.MULTILINE, max_length=2000),
)

_ELECTION_FIELDS = (
    Field("date", "选举日期", FieldKind.DATE, required=True, not_future=True),
    Field("kind", "选举类型", FieldKind.CHOICE, choices=m.ELECTION_KINDS, required=True),
    Field("meeting", "召开会议", FieldKind.REFERENCE, references="meeting", hint="进行选举的支部党员大会"),
    Field("term_years", "任期（年）", FieldKind.INT, required=True, minimum=3, maximum=5, hint="3年或5年"),
    Field("expected", "应到会有选举权党员（人）", FieldKind.INT, required=True, maximum=10_000),
    Field("present", "实到（人）", FieldKind.INT, required=True, maximum=10_000),
    Field("candidates", "候选人及得票", FieldKind.MULTILINE, required=True, max_length=5000,
          hint="一行一人：姓名 得票数，如“周振华 18”"),
    Field("elected", "当选人及分工", FieldKind.MULTILINE, max_length=5000,
          hint="一行一人：姓名 职务，如“周振华 书记”"),
    Field("approved_on", "上级批复日期", FieldKind.DATE, not_future=True, hint="上级党组织批复选举结果之日"),
    Field("approved_by", "批复机关", max_length=100),
    Field("approval_no", "批复文号", max_length=60),
    Field("notes", "备注", FieldKind.MULTILINE, max_length=2000),
)


def _member_month(record: Any, month: int) -> str:
    return f"{record.member.name} {record.year}年{month}月"


MEMBER = RecordKind(
    m.Member, "党员", _MEMBER_FIELDS, "name",
    Sheet("党员", ("党员名册", "花名册", "党员信息", "党员花名册"), {
        "birth_date": ("出生年月", "出生年月日", "出生时间"),
        "id_number": ("公民身份号码", "身份证号码", "身份证", "公民身份证号码"),
        "probation_on": ("入党时间", "入党日期", "接收预备党员时间", "接收为预备党员时间", "加入党组织日期",
                         "加入党组织时间", "入党年月"),
        "full_on": ("转正时间", "转为正式党员日期", "转为正式党员时间", "转正年月"),
        "applied_on": ("入党申请时间", "申请入党时间", "递交入党申请书时间"),
        "activist_on": ("确定为入党积极分子时间", "确定积极分子时间"),
        "candidate_on": ("确定为发展对象时间", "确定发展对象时间"),
        "phone": ("手机号码", "手机号", "手机", "电话", "联系方式"),
        "job_title": ("工作岗位", "职务", "岗位", "工作单位及职务", "工作单位及职务（岗位）", "现任职务"),
        "name": ("党员姓名",),
        "ethnicity": ("民族",),
        "gender": ("性别",),
        "party_group": ("所在党小组",),
        "status": ("党籍状态", "状态"),
        "education": ("文化程度", "学历学位"),
        "native_place": ("籍贯（省市县）",),
        "work_started_on": ("参加工作日期", "参加工作年月", "工作时间"),
        "professional_title": ("专业技术职务", "专技职称", "职称（专业技术职务）"),
        "introducers": ("介绍人",),
        "contacts": ("培养人",),
    }, (DuplicateKey(("id_number",)), DuplicateKey(("name", "birth_date")))),
    search_names=("name",), search_texts=("job_title", "party_group", "party_post", "phone"),
)
MEETING = RecordKind(
    m.Meeting, "会议", _MEETING_FIELDS, "topic",
    Sheet("会议", ("会议记录", "三会一课"), {
        "kind": ("类型", "会议类别"),
        "date": ("会议日期", "会议时间"),
        "topic": ("会议主题", "议题"),
        "place": ("会议地点",),
        "seq": ("次数", "第×次"),
        "minutes": ("记录", "会议内容"),
    }, (DuplicateKey(("date", "kind", "topic", "party_group"), ("party_group",)),)),
    order=("date", "start_time", "id"), describe=lambda r: f"{r.date.isoformat()} {r.kind}：{r.topic}",
)
ACTIVITY = RecordKind(
    m.Activity, "活动", _ACTIVITY_FIELDS, "title",
    Sheet("活动", ("活动台账", "活动记录"), {
        "category": ("类别", "活动类型"),
        "title": ("名称", "活动主题", "主题"),
        "date": ("活动日期", "活动时间", "时间"),
        "place": ("活动地点",),
        "partner": ("共建单位", "基地"),
        "description": ("活动内容", "内容"),
    }, (DuplicateKey(("category", "date", "title", "place", "organiser"), ("place", "organiser")),)),
    search_names=("organiser",), search_texts=("title", "place", "participants"),
    order=("date", "id"), describe=lambda r: f"{r.date.isoformat()} {r.title}",
)
PARTNER = RecordKind(
    m.Partner, "共建单位与阵地", _PARTNER_FIELDS, "name",
    Sheet("共建单位与阵地", ("共建单位", "阵地"), {"name": ("单位名称",)}, (DuplicateKey(("name",)),)),
    search_names=("name", "contact"), search_texts=("address",),
)
RECTIFICATION = RecordKind(
    m.Rectification, "整改事项", _RECTIFICATION_FIELDS, "problem",
    Sheet("整改事项", ("整改台账",), {"problem": ("问题描述", "存在问题")}, (DuplicateKey(("found_on", "problem")),)),
    order=("found_on", "id"), describe=lambda r: r.problem[:40],
)
CATEGORY = RecordKind(
    m.ActivityCategory, "活动类别", (
        Field("name", "类别名称", required=True, max_length=20),
        Field("unit", "计量单位", FieldKind.CHOICE, required=True, choices=m.ACTIVITY_UNITS),
    ), "name",
    Sheet("活动类别", ("活动类型",), {"name": ("活动类别", "名称"), "unit": ("单位",)}, (DuplicateKey(("name",)),)),
    order=("sort_order", "id"), history=False,
)

DUES_BASE = RecordKind(
    m.DuesBase, "党费基数", _DUES_BASE_FIELDS, "member",
    Sheet("党费基数", ("核定基数", "党费核定基数", "党费基数核定表"), {
        "member": ("姓名", "党员姓名"),
        "base": ("月工资收入", "工资收入", "月收入", "基数", "核定基数", "计算基数", "交纳基数"),
        "amount": ("每月应交", "月应交", "月交纳额", "应交金额", "每月交纳金额"),
        "category": ("类别", "人员类型"),
        "from_month": ("起始月", "执行月份"),
    }, (DuplicateKey(("member", "year", "from_month")),)),
    order=("year", "member", "from_month"), describe=lambda r: f"{_member_month(r, r.from_month)}起",
)
DUES_PAYMENT = RecordKind(
    m.DuesPayment, "党费交纳", _DUES_PAYMENT_FIELDS, "member",
    Sheet("党费交纳", ("党费收缴", "党费交纳记录"), {
        "member": ("姓名", "党员姓名"),
        "amount": ("金额", "交纳金额", "实交", "实交金额"),
        "paid_on": ("交纳时间", "缴纳日期", "交费日期"),
        "receipt": ("收据编号", "票据号"),
    }, (DuplicateKey(("member", "year", "month")),)),
    order=("year", "month", "member"), describe=lambda r: _member_month(r, r.month),
)
DUES_REMITTANCE = RecordKind(
    m.DuesRemittance, "党费上缴", _DUES_REMITTANCE_FIELDS, "receipt",
    Sheet("党费上缴", ("上缴党费", "党费上缴记录"), {
        "remitted_on": ("日期", "上缴时间"),
        "amount": ("金额",),
        "receipt": ("收据号", "凭证编号"),
    }, (DuplicateKey(("remitted_on", "year", "first_month", "last_month")),)),
    order=("remitted_on", "id"),
    describe=lambda r: f"{r.remitted_on.isoformat()} 上缴{r.year}年{r.first_month}—{r.last_month}月党费",
)

APPRAISAL = RecordKind(
    m.Appraisal, "民主评议", _APPRAISAL_FIELDS, "year",
    Sheet("民主评议", ("民主评议党员",), {"year": ("评议年度",)}, (DuplicateKey(("year",)),)),
    order=("year",), describe=lambda r: f"{r.year}年度民主评议党员",
)
APPRAISAL_ENTRY = RecordKind(
    m.AppraisalEntry, "评议结果", _APPRAISAL_ENTRY_FIELDS, "member",
    Sheet("民主评议结果", ("评议结果", "民主评议结果汇总表", "民主测评"), {
        "member": ("姓名", "党员姓名"),
        "votes_excellent": ("优秀票", "优秀票数", "优秀"),
        "votes_qualified": ("合格票", "合格票数", "合格"),
        "votes_basic": ("基本合格票", "基本合格票数", "基本合格"),
        "votes_unqualified": ("不合格票", "不合格票数", "不合格"),
        "grade": ("等次", "评议等次", "评定结果", "组织评定"),
        "excused": ("不参评原因", "未参评原因"),
    }, (DuplicateKey(("year", "member")),)),
    order=("year", "member"), describe=lambda r: f"{r.member.name} {r.year}年度民主评议",
)
TALK = RecordKind(
    m.Talk, "谈心谈话", _TALK_FIELDS, "topic",
    Sheet("谈心谈话", ("谈心谈话记录", "谈话记录", "谈心谈话台账"), {
        "talker": ("谈话人姓名",),
        "partner": ("谈话对象姓名", "被谈话人"),
        "date": ("谈话日期", "谈话时间"),
        "kind": ("类型", "谈话类别"),
        "topic": ("主题", "谈话内容"),
        "points": ("主要内容", "谈话记录"),
    }, (DuplicateKey(("date", "talker", "partner")),)),
    order=("date", "id"), describe=lambda r: f"{r.date.isoformat()} {r.talker.name}与{r.partner.name}谈话",
)
PARTY_EVENT = RecordKind(
    m.PartyEvent, "党籍变动", _PARTY_EVENT_FIELDS, "kind",
    Sheet("组织关系转接", ("党籍变动", "关系转接", "组织关系转接登记", "组织关系转接登记簿"), {
        "member": ("姓名", "党员姓名"),
        "kind": ("类型", "转接类型", "变动情况"),
        "date": ("转接日期", "变动日期", "时间"),
        "organisation": ("转往党组织", "转自党组织", "去向", "来源", "对方党组织"),
        "letter_no": ("介绍信号", "介绍信编号（号）", "编号"),
        "receipt_on": ("回执日期", "回执退回时间"),
    }, (DuplicateKey(("member", "date", "kind")),)),
    order=("date", "id"), describe=lambda r: f"{r.member.name} {r.date.isoformat()} {r.kind}",
)
MOBILE = RecordKind(
    m.MobileSpell, "流动党员", _MOBILE_FIELDS, "place",
    Sheet("流动党员", ("流动党员登记", "流动党员台账", "外出流动党员"), {
        "member": ("姓名", "党员姓名"),
        "started_on": ("外出时间", "流出时间"),
        "ended_on": ("返回时间",),
        "place": ("外出地点", "流入地", "外出去向"),
        "card_no": ("活动证号", "流动党员活动证编号"),
        "joined_branch": ("流入地党组织",),
    }, (DuplicateKey(("member", "started_on")),)),
    order=("started_on", "id"), describe=lambda r: f"{r.member.name} {r.started_on.isoformat()}起{r.kind}（{r.place}）",
)
ELECTION = RecordKind(
    m.Election, "换届选举", _ELECTION_FIELDS, "date",
    Sheet("换届选举", ("选举", "支委会选举", "换届选举情况"), {
        "date": ("日期", "选举时间"),
        "candidates": ("候选人", "候选人得票"),
        "elected": ("当选人", "选举结果"),
    }, (DuplicateKey(("date", "kind")),)),
    order=("date", "id"), describe=lambda r: f"{r.date.isoformat()} {r.kind}",
)

KINDS: dict[str, RecordKind] = {k.table: k for k in (MEMBER, MEETING, ACTIVITY, PARTNER, RECTIFICATION, CATEGORY,
                                                      DUES_BASE, DUES_PAYMENT, DUES_REMITTANCE, APPRAISAL,
                                                      APPRAISAL_ENTRY, TALK, PARTY_EVENT, MOBILE,
                                                      ELECTION)}


def kind(table: str) -> RecordKind:
    return KINDS[table]


def field_label(table: str, name: str) -> str:
    """A field's label for the history; the attendance of a meeting is not a field but has one too."""
    if name == "attendance":
        return "出席情况"
    return KINDS[table].field_label(name) if table in KINDS else name
