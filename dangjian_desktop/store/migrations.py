"""Schema versions: `PRAGMA user_version` and an ordered list of steps, applied in one transaction each.

Every step is frozen as it shipped: its own SQL or raw-row code, never today's models or services, so a
step written today still runs on a file of any older version after later steps add or change columns.
A new file is made at the newest schema in one go from the models (`create_schema`) and stamped with
the newest version; a test checks that upgrading a real file of every released version gives the same
tables, columns and indexes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from peewee import Database, PostgresqlDatabase

from dangjian_desktop.common.names import build_search_key
from dangjian_desktop.store.connection import DatabaseError

# Step 1, the first released schema, as peewee wrote it for the models of version 1.
_V1_TABLES = (
    '''CREATE TABLE "activity_category" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(20) NOT NULL, "unit" VARCHAR(4) NOT NULL, "sort_order" INTEGER NOT NULL)''',
    '''CREATE UNIQUE INDEX "activity_category_name" ON "activity_category" ("name")''',
    '''CREATE TABLE "partner" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(100) NOT NULL, "kind" VARCHAR(10) NOT NULL, "since" DATE, "contact" VARCHAR(30) NOT NULL, "phone" VARCHAR(20) NOT NULL, "address" VARCHAR(200) NOT NULL, "description" TEXT NOT NULL, "search_key" TEXT NOT NULL)''',
    '''CREATE INDEX "partner_name" ON "partner" ("name")''',
    '''CREATE INDEX "partner_kind" ON "partner" ("kind")''',
    '''CREATE TABLE "activity" ("id" INTEGER NOT NULL PRIMARY KEY, "category_id" INTEGER NOT NULL, "title" VARCHAR(200) NOT NULL, "date" DATE NOT NULL, "place" VARCHAR(100) NOT NULL, "partner_id" INTEGER, "organiser" VARCHAR(60) NOT NULL, "participants" TEXT NOT NULL, "participant_count" INTEGER, "quantity" INTEGER NOT NULL, "unit" VARCHAR(4) NOT NULL, "description" TEXT NOT NULL, "search_key" TEXT NOT NULL, FOREIGN KEY ("category_id") REFERENCES "activity_category" ("id") ON DELETE RESTRICT, FOREIGN KEY ("partner_id") REFERENCES "partner" ("id") ON DELETE RESTRICT)''',
    '''CREATE INDEX "activity_category_id" ON "activity" ("category_id")''',
    '''CREATE INDEX "activity_date" ON "activity" ("date")''',
    '''CREATE INDEX "activity_partner_id" ON "activity" ("partner_id")''',
    '''CREATE TABLE "member" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(30) NOT NULL, "gender" VARCHAR(2) NOT NULL, "ethnicity" VARCHAR(20) NOT NULL, "birth_date" DATE, "id_number" VARCHAR(18) NOT NULL, "education" VARCHAR(20) NOT NULL, "job_title" VARCHAR(60) NOT NULL, "party_post" VARCHAR(10) NOT NULL, "party_group" VARCHAR(30) NOT NULL, "phone" VARCHAR(20) NOT NULL, "applied_on" DATE, "activist_on" DATE, "candidate_on" DATE, "probation_on" DATE, "probation_extension_months" INTEGER NOT NULL, "full_on" DATE, "status" VARCHAR(10) NOT NULL, "left_on" DATE, "notes" TEXT NOT NULL, "search_key" TEXT NOT NULL)''',
    '''CREATE INDEX "member_name" ON "member" ("name")''',
    '''CREATE INDEX "member_status" ON "member" ("status")''',
    '''CREATE TABLE "meeting" ("id" INTEGER NOT NULL PRIMARY KEY, "kind" VARCHAR(10) NOT NULL, "seq" INTEGER, "date" DATE NOT NULL, "start_time" VARCHAR(5) NOT NULL, "end_time" VARCHAR(5) NOT NULL, "place" VARCHAR(100) NOT NULL, "topic" VARCHAR(200) NOT NULL, "party_group" VARCHAR(30) NOT NULL, "host_id" INTEGER, "recorder_id" INTEGER, "lecturer_id" INTEGER, "guests" TEXT NOT NULL, "first_topic" TEXT NOT NULL, "agenda" TEXT NOT NULL, "minutes" TEXT NOT NULL, "resolution" TEXT NOT NULL, "votes_for" INTEGER, "votes_against" INTEGER, "votes_abstain" INTEGER, "notes" TEXT NOT NULL, FOREIGN KEY ("host_id") REFERENCES "member" ("id") ON DELETE RESTRICT, FOREIGN KEY ("recorder_id") REFERENCES "member" ("id") ON DELETE RESTRICT, FOREIGN KEY ("lecturer_id") REFERENCES "member" ("id") ON DELETE RESTRICT)''',
    '''CREATE INDEX "meeting_kind" ON "meeting" ("kind")''',
    '''CREATE INDEX "meeting_date" ON "meeting" ("date")''',
    '''CREATE INDEX "meeting_host_id" ON "meeting" ("host_id")''',
    '''CREATE INDEX "meeting_recorder_id" ON "meeting" ("recorder_id")''',
    '''CREATE INDEX "meeting_lecturer_id" ON "meeting" ("lecturer_id")''',
    '''CREATE TABLE "attendance" ("id" INTEGER NOT NULL PRIMARY KEY, "meeting_id" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, "status" VARCHAR(4) NOT NULL, "reason" VARCHAR(200) NOT NULL, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT)''',
    '''CREATE INDEX "attendance_meeting_id" ON "attendance" ("meeting_id")''',
    '''CREATE INDEX "attendance_member_id" ON "attendance" ("member_id")''',
    '''CREATE UNIQUE INDEX "attendance_meeting_id_member_id" ON "attendance" ("meeting_id", "member_id")''',
    '''CREATE TABLE "change" ("id" INTEGER NOT NULL PRIMARY KEY, "at" DATETIME NOT NULL, "table" VARCHAR(30) NOT NULL, "record_id" INTEGER NOT NULL, "action" VARCHAR(6) NOT NULL, "label" VARCHAR(200) NOT NULL, "changes" TEXT NOT NULL)''',
    '''CREATE INDEX "change_at" ON "change" ("at")''',
    '''CREATE INDEX "change_table_record_id" ON "change" ("table", "record_id")''',
    '''CREATE TABLE "development_step" ("id" INTEGER NOT NULL PRIMARY KEY, "member_id" INTEGER NOT NULL, "step" INTEGER NOT NULL, "done_on" DATE NOT NULL, "note" TEXT NOT NULL, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE CASCADE)''',
    '''CREATE INDEX "development_step_member_id" ON "development_step" ("member_id")''',
    '''CREATE UNIQUE INDEX "development_step_member_id_step" ON "development_step" ("member_id", "step")''',
    '''CREATE TABLE "rectification" ("id" INTEGER NOT NULL PRIMARY KEY, "source" VARCHAR(10) NOT NULL, "meeting_id" INTEGER, "found_on" DATE NOT NULL, "problem" TEXT NOT NULL, "cause" TEXT NOT NULL, "measure" TEXT NOT NULL, "owner" VARCHAR(60) NOT NULL, "deadline" DATE, "status" VARCHAR(4) NOT NULL, "completed_on" DATE, "evidence" TEXT NOT NULL, "review" TEXT NOT NULL, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE SET NULL)''',
    '''CREATE INDEX "rectification_meeting_id" ON "rectification" ("meeting_id")''',
    '''CREATE INDEX "rectification_found_on" ON "rectification" ("found_on")''',
    '''CREATE INDEX "rectification_status" ON "rectification" ("status")''',
    '''CREATE TABLE "setting" ("key" VARCHAR(60) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)''',
    '''CREATE TABLE "summary_draft" ("year" INTEGER NOT NULL PRIMARY KEY, "sections" TEXT NOT NULL, "updated_at" DATETIME NOT NULL)''',
)
_V1_CATEGORIES = (("示范课", "节"), ("专题讲座", "次"), ("师德讲堂", "次"), ("志愿服务", "次"), ("红色教育", "次"),
                  ("护学岗", "次"), ("共建活动", "次"), ("其他", "次"))


def _v1_initial(database: Database) -> None:
    for statement in _V1_TABLES:
        database.execute_sql(statement)
    for order, (name, unit) in enumerate(_V1_CATEGORIES):
        database.execute_sql('INSERT INTO "activity_category" ("name", "unit", "sort_order") VALUES (?, ?, ?)',
                             (name, unit, order))


def _v2_list_and_count_indexes(database: Database) -> None:
    """Composite indexes for ten years of records (measured with bench/run.py): per-meeting attendance counts
    read from the index alone, activities per category within a year, meetings per kind within a year,
    and the meeting list in date and time order without a sort."""
    for name, table, columns in (
        ("attendance_meeting_id_status", "attendance", ("meeting_id", "status")),
        ("activity_category_id_date", "activity", ("category_id", "date")),
        ("meeting_kind_date", "meeting", ("kind", "date")),
        ("meeting_date_start_time", "meeting", ("date", "start_time")),
    ):
        quoted = ", ".join(f'"{column}"' for column in columns)
        database.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({quoted})')


def search_key_step(sources: dict[str, tuple[Sequence[str], Sequence[str]]]) -> Callable[[Database], None]:
    """A step that computes every record's search key again from the named columns: table → (name columns,
    other text columns), as they were when the step was written. Append one whenever
    `names.build_search_key` or what a record kind's search text holds changes, so records saved before are
    found like new ones. Raw rows, no history: nothing the user entered changed."""

    def refresh(database: Database) -> None:
        for table, (names, texts) in sources.items():
            columns = ", ".join(f'"{c}"' for c in ("id", "search_key", *names, *texts))
            for row in database.execute_sql(f'SELECT {columns} FROM "{table}"').fetchall():
                key = build_search_key([v or "" for v in row[2:2 + len(names)]],
                                       [v or "" for v in row[2 + len(names):]])
                if key != row[1]:
                    database.execute_sql(f'UPDATE "{table}" SET "search_key" = ? WHERE "id" = ?', (key, row[0]))

    return refresh


def _v4_category_roles_and_date_precision(database: Database) -> None:
    """What a category stands for in the figures, apart from its name (which the branch may change): the
    default categories of version 1 get their role by the name they still have. Which member dates are
    known only to the month or year (出生年月 1966.02), beside the dates. And personal numbers masked in
    the history."""
    database.execute_sql("ALTER TABLE \"activity_category\" ADD COLUMN \"role\" VARCHAR(10) NOT NULL DEFAULT ''")
    for name, role in (("示范课", "lesson"), ("专题讲座", "lecture"), ("其他", "other")):
        database.execute_sql('UPDATE "activity_category" SET "role" = ? WHERE "name" = ?', (role, name))
    database.execute_sql("ALTER TABLE \"member\" ADD COLUMN \"date_precision\" TEXT NOT NULL DEFAULT ''")
    # The history keeps members' 身份证号 and phone numbers masked (4401**********1234), past entries too.
    for row_id, changes in database.execute_sql(
            'SELECT "id", "changes" FROM "change" WHERE "table" = \'member\'').fetchall():
        values = json.loads(changes or "{}")
        if any(name in values for name in ("id_number", "phone")):
            for name in ("id_number", "phone"):
                if name in values:
                    values[name] = [_masked(text) for text in values[name]]
            database.execute_sql('UPDATE "change" SET "changes" = ? WHERE "id" = ?',
                                 (json.dumps(values, ensure_ascii=False), row_id))


def _masked(text: str) -> str:
    """As `fields.masked` was written on the day of step 4 (a step keeps its own copy of what it uses)."""
    text = str(text or "")
    if len(text) <= 6:
        return "*" * len(text)
    keep = 4 if len(text) >= 15 else 3
    return text[:keep] + "*" * (len(text) - keep - 4) + text[-4:]


def _v5_register_and_roster_fields(database: Database) -> None:
    """What the registers and the roster are expected to hold: members' 籍贯, 参加工作时间, 职称, 学位, their
    入党介绍人 and 培养联系人 and the two 公示 dates; a meeting's 表决方式, 监票人/计票人 and the absentees'
    补学情况. And 党小组会 numbered per 党小组 (本年第×次 of that group, in date order), as new ones now are."""
    for table, column, kind in (
            ("member", "native_place", "VARCHAR(40)"), ("member", "work_started_on", "DATE"),
            ("member", "professional_title", "VARCHAR(30)"), ("member", "degree", "VARCHAR(20)"),
            ("member", "contacts", "VARCHAR(60)"), ("member", "introducers", "VARCHAR(60)"),
            ("member", "admission_publicity_on", "DATE"), ("member", "full_publicity_on", "DATE"),
            ("meeting", "voting_method", "VARCHAR(10)"), ("meeting", "tellers", "VARCHAR(100)"),
            ("meeting", "make_up", "TEXT")):
        default = "" if kind == "DATE" else " NOT NULL DEFAULT ''"
        database.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {kind}{default}')
    rows = database.execute_sql(
        'SELECT "id", substr("date", 1, 4), "party_group" FROM "meeting" WHERE "kind" = \'党小组会\' '
        'ORDER BY "date", "start_time", "id"').fetchall()
    counted: dict[tuple[str, str], int] = {}
    for row_id, year, group in rows:
        counted[(year, group)] = counted.get((year, group), 0) + 1
        database.execute_sql('UPDATE "meeting" SET "seq" = ? WHERE "id" = ?', (counted[(year, group)], row_id))


def _v6_deleted_records(database: Database) -> None:
    """Deleted records kept whole, so that 已删除记录 can restore them (earlier deletions stay in the
    history only, as they were)."""
    for statement in (
            'CREATE TABLE "deleted_record" ("id" INTEGER NOT NULL PRIMARY KEY, "change_id" INTEGER NOT NULL, '
            '"table" VARCHAR(30) NOT NULL, "record_id" INTEGER NOT NULL, "rows" TEXT NOT NULL, '
            '"links" TEXT NOT NULL, "restored_at" DATETIME, '
            'FOREIGN KEY ("change_id") REFERENCES "change" ("id") ON DELETE CASCADE)',
            'CREATE INDEX "deleted_record_change_id" ON "deleted_record" ("change_id")',
            'CREATE INDEX "deleted_record_table_restored_at" ON "deleted_record" ("table", "restored_at")'):
        database.execute_sql(statement)


def _v7_dues(database: Database) -> None:
    """党费: each member's base per year (from a month on), the payments month by month, the remittances."""
    for statement in (
            'CREATE TABLE "dues_base" ("id" INTEGER NOT NULL PRIMARY KEY, "member_id" INTEGER NOT NULL, '
            '"year" INTEGER NOT NULL, "from_month" INTEGER NOT NULL, "category" VARCHAR(6) NOT NULL, '
            '"base" INTEGER, "amount" INTEGER, "reason" VARCHAR(200) NOT NULL, "decided_on" DATE, '
            '"approved_by" VARCHAR(60) NOT NULL, '
            'FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT)',
            'CREATE INDEX "dues_base_member_id" ON "dues_base" ("member_id")',
            'CREATE UNIQUE INDEX "dues_base_member_id_year_from_month" ON "dues_base" '
            '("member_id", "year", "from_month")',
            'CREATE INDEX "dues_base_year" ON "dues_base" ("year")',
            'CREATE TABLE "dues_payment" ("id" INTEGER NOT NULL PRIMARY KEY, "member_id" INTEGER NOT NULL, '
            '"year" INTEGER NOT NULL, "month" INTEGER NOT NULL, "amount" INTEGER NOT NULL, '
            '"paid_on" DATE NOT NULL, "payer" VARCHAR(30) NOT NULL, "receipt" VARCHAR(40) NOT NULL, '
            '"note" VARCHAR(200) NOT NULL, '
            'FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT)',
            'CREATE INDEX "dues_payment_member_id" ON "dues_payment" ("member_id")',
            'CREATE UNIQUE INDEX "dues_payment_member_id_year_month" ON "dues_payment" ("member_id", "year", "month")',
            'CREATE INDEX "dues_payment_year_month" ON "dues_payment" ("year", "month")',
            'CREATE INDEX "dues_payment_paid_on" ON "dues_payment" ("paid_on")',
            'CREATE TABLE "dues_remittance" ("id" INTEGER NOT NULL PRIMARY KEY, "remitted_on" DATE NOT NULL, '
            '"year" INTEGER NOT NULL, "first_month" INTEGER NOT NULL, "last_month" INTEGER NOT NULL, '
            '"amount" INTEGER NOT NULL, "receipt" VARCHAR(40) NOT NULL, "handled_by" VARCHAR(30) NOT NULL, '
            '"note" VARCHAR(200) NOT NULL)',
            'CREATE INDEX "dues_remittance_remitted_on" ON "dues_remittance" ("remitted_on")'):
        database.execute_sql(statement)


def _v8_appraisal_and_talks(database: Database) -> None:
    """民主评议党员 (the year's round and each member's ballot and grade) and 谈心谈话 (the talks, and which
    committee member talks with whom)."""
    for statement in (
            'CREATE TABLE "appraisal" ("id" INTEGER NOT NULL PRIMARY KEY, "year" INTEGER NOT NULL, '
            '"meeting_id" INTEGER, "study_on" DATE, "self_on" DATE, "mutual_on" DATE, "ballot_on" DATE, '
            '"decided_on" DATE, "published_on" DATE, "notes" TEXT NOT NULL, '
            'FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE SET NULL)',
            'CREATE UNIQUE INDEX "appraisal_year" ON "appraisal" ("year")',
            'CREATE INDEX "appraisal_meeting_id" ON "appraisal" ("meeting_id")',
            'CREATE TABLE "appraisal_entry" ("id" INTEGER NOT NULL PRIMARY KEY, "year" INTEGER NOT NULL, '
            '"member_id" INTEGER NOT NULL, "excused" VARCHAR(200) NOT NULL, "self_assessment" TEXT NOT NULL, '
            '"votes_excellent" INTEGER, "votes_qualified" INTEGER, "votes_basic" INTEGER, '
            '"votes_unqualified" INTEGER, "grade" VARCHAR(4) NOT NULL, "grade_reason" VARCHAR(200) NOT NULL, '
            '"follow_up" VARCHAR(6) NOT NULL, "follow_up_deadline" DATE, "rectification_id" INTEGER, '
            'FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT, '
            'FOREIGN KEY ("rectification_id") REFERENCES "rectification" ("id") ON DELETE SET NULL)',
            'CREATE INDEX "appraisal_entry_member_id" ON "appraisal_entry" ("member_id")',
            'CREATE INDEX "appraisal_entry_rectification_id" ON "appraisal_entry" ("rectification_id")',
            'CREATE UNIQUE INDEX "appraisal_entry_year_member_id" ON "appraisal_entry" ("year", "member_id")',
            'CREATE TABLE "talk" ("id" INTEGER NOT NULL PRIMARY KEY, "date" DATE NOT NULL, '
            '"kind" VARCHAR(10) NOT NULL, "talker_id" INTEGER NOT NULL, "partner_id" INTEGER NOT NULL, '
            '"place" VARCHAR(100) NOT NULL, "topic" VARCHAR(200) NOT NULL, "points" TEXT NOT NULL, '
            '"follow_up" TEXT NOT NULL, '
            'FOREIGN KEY ("talker_id") REFERENCES "member" ("id") ON DELETE RESTRICT, '
            'FOREIGN KEY ("partner_id") REFERENCES "member" ("id") ON DELETE RESTRICT)',
            'CREATE INDEX "talk_date" ON "talk" ("date")',
            'CREATE INDEX "talk_talker_id" ON "talk" ("talker_id")',
            'CREATE INDEX "talk_partner_id" ON "talk" ("partner_id")',
            'CREATE TABLE "talk_assignment" ("id" INTEGER NOT NULL PRIMARY KEY, "member_id" INTEGER NOT NULL, '
            '"committee_member_id" INTEGER NOT NULL, '
            'FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE CASCADE, '
            'FOREIGN KEY ("committee_member_id") REFERENCES "member" ("id") ON DELETE CASCADE)',
            'CREATE UNIQUE INDEX "talk_assignment_member_id" ON "talk_assignment" ("member_id")',
            'CREATE INDEX "talk_assignment_committee_member_id" ON "talk_assignment" ("committee_member_id")'):
        database.execute_sql(statement)


def _v9_party_events_and_mobile_members(database: Database) -> None:
    """党籍变动 (transfers out and in, restorations, leaving) and 流动党员; a member who left before this step
    gets the event his status and date stand for, so that the events alone tell who was on the rolls."""
    for statement in (
            'ALTER TABLE "member" ADD COLUMN "rolls_gaps" TEXT NOT NULL DEFAULT \'\'',
            'CREATE TABLE "party_event" ("id" INTEGER NOT NULL PRIMARY KEY, "member_id" INTEGER NOT NULL, '
            '"kind" VARCHAR(6) NOT NULL, "date" DATE NOT NULL, "organisation" VARCHAR(100) NOT NULL, '
            '"scope" VARCHAR(10) NOT NULL, "letter_no" VARCHAR(40) NOT NULL, "valid_until" DATE, '
            '"receipt_on" DATE, "file_arrived_on" DATE, "manner" VARCHAR(6) NOT NULL, '
            '"decision" VARCHAR(200) NOT NULL, "decided_by" VARCHAR(100) NOT NULL, "note" TEXT NOT NULL, '
            'FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE CASCADE)',
            'CREATE INDEX "party_event_member_id" ON "party_event" ("member_id")',
            'CREATE INDEX "party_event_member_id_date" ON "party_event" ("member_id", "date")',
            'CREATE INDEX "party_event_date" ON "party_event" ("date")',
            'CREATE TABLE "mobile_spell" ("id" INTEGER NOT NULL PRIMARY KEY, "member_id" INTEGER NOT NULL, '
            '"kind" VARCHAR(6) NOT NULL, "started_on" DATE NOT NULL, "ended_on" DATE, '
            '"place" VARCHAR(100) NOT NULL, "contact" VARCHAR(60) NOT NULL, "joined_branch" VARCHAR(100) NOT NULL, '
            '"card_no" VARCHAR(40) NOT NULL, "keeps_in_touch" VARCHAR(100) NOT NULL, "last_report_on" DATE, '
            '"reports" TEXT NOT NULL, "note" TEXT NOT NULL, '
            'FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE CASCADE)',
            'CREATE INDEX "mobile_spell_member_id" ON "mobile_spell" ("member_id")',
            'CREATE INDEX "mobile_spell_member_id_started_on" ON "mobile_spell" ("member_id", "started_on")',
            'INSERT INTO "party_event" ("member_id", "kind", "date", "organisation", "scope", "letter_no", '
            '"manner", "decision", "decided_by", "note") '
            'SELECT "id", CASE "status" WHEN \'去世\' THEN \'死亡\' ELSE "status" END, "left_on", '
            '\'\', \'\', \'\', \'\', \'\', \'\', \'\' FROM "member" '
            'WHERE "status" IN (\'转出\', \'去世\', \'出党\', \'停止党籍\') AND "left_on" IS NOT NULL'):
        database.execute_sql(statement)


def _v10_attachments(database: Database) -> None:
    """Photos, scans and documents kept with records; their files live beside the database."""
    for statement in (
            'CREATE TABLE "attachment" ("id" INTEGER NOT NULL PRIMARY KEY, "table" VARCHAR(30) NOT NULL, '
            '"record_id" INTEGER NOT NULL, "sha256" VARCHAR(64) NOT NULL, "name" VARCHAR(200) NOT NULL, '
            '"caption" VARCHAR(200) NOT NULL, "media" VARCHAR(6) NOT NULL, "size" INTEGER NOT NULL, "width" INTEGER, '
            '"height" INTEGER, "original_sha256" VARCHAR(64) NOT NULL, "added_at" DATETIME NOT NULL, '
            '"removed_at" DATETIME)',
            'CREATE INDEX "attachment_sha256" ON "attachment" ("sha256")',
            'CREATE INDEX "attachment_table_record_id" ON "attachment" ("table", "record_id")'):
        database.execute_sql(statement)


def _v11_elections(database: Database) -> None:
    """支部委员会 elections and the approval that starts a term."""
    for statement in (
            'CREATE TABLE "election" ("id" INTEGER NOT NULL PRIMARY KEY, "date" DATE NOT NULL, '
            '"kind" VARCHAR(4) NOT NULL, "meeting_id" INTEGER, "term_years" INTEGER NOT NULL, '
            '"expected" INTEGER NOT NULL, "present" INTEGER NOT NULL, "candidates" TEXT NOT NULL, '
            '"elected" TEXT NOT NULL, "approved_on" DATE, "approved_by" VARCHAR(100) NOT NULL, '
            '"approval_no" VARCHAR(60) NOT NULL, "notes" TEXT NOT NULL, '
            'FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE SET NULL)',
            'CREATE INDEX "election_date" ON "election" ("date")',
            'CREATE INDEX "election_meeting_id" ON "election" ("meeting_id")'):
        database.execute_sql(statement)


def _v12_row_versions_and_authors(database: Database) -> None:
    """A save count on every record a form edits (for clerks working at once on a server), and who made each
    change in the history. The first step written for both engines."""
    for table in ("member", "meeting", "activity", "partner", "rectification", "activity_category", "dues_base",
                  "dues_payment", "dues_remittance", "appraisal", "appraisal_entry", "talk", "party_event",
                  "mobile_spell", "election"):
        database.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "row_version" INTEGER NOT NULL DEFAULT 0')
    database.execute_sql('ALTER TABLE "change" ADD COLUMN "changed_by" VARCHAR(60) NOT NULL DEFAULT \'\'')


# Append new steps at the end; never edit or reorder a released one.
STEPS: list[Callable[[Database], None]] = [
    _v1_initial,
    _v2_list_and_count_indexes,
    # v3: names read with the surname as a surname (单 shan, 曾 zeng); no phrase tables
    search_key_step({
        "member": (("name",), ("job_title", "party_group", "party_post", "phone")),
        "activity": (("organiser",), ("title", "place", "participants")),
        "partner": (("name", "contact"), ("address",)),
    }),
    _v4_category_roles_and_date_precision,
    _v5_register_and_roster_fields,
    _v6_deleted_records,
    _v7_dues,
    _v8_appraisal_and_talks,
    _v9_party_events_and_mobile_members,
    _v10_attachments,
    _v11_elections,
    _v12_row_versions_and_authors,
]
SCHEMA_VERSION = len(STEPS)


# A PostgreSQL database keeps its version in a table of its own (SQLite in the file's header). Servers are
# supported from this version on: a server database is made at the newest schema, and every step appended after
# it must run on both engines (steps 1 to 11 are SQLite's own DDL and never run on a server).
FIRST_SERVER_VERSION = 11
VERSION_TABLE = "schema_version"


def _on_server(database: Database) -> bool:
    return isinstance(getattr(database, "obj", database), PostgresqlDatabase)


def schema_version(database: Database) -> int:
    if not _on_server(database):
        return database.execute_sql("PRAGMA user_version").fetchone()[0]
    if VERSION_TABLE not in database.get_tables():
        return 0
    row = database.execute_sql(f'SELECT "version" FROM "{VERSION_TABLE}"').fetchone()
    return row[0] if row else 0


def set_version(database: Database, version: int) -> None:
    if not _on_server(database):
        database.execute_sql(f"PRAGMA user_version = {version}")
        return
    database.execute_sql(f'CREATE TABLE IF NOT EXISTS "{VERSION_TABLE}" ("version" INTEGER NOT NULL)')
    database.execute_sql(f'DELETE FROM "{VERSION_TABLE}"')
    database.execute_sql(f'INSERT INTO "{VERSION_TABLE}" ("version") VALUES ({int(version)})')


def pending_steps(database: Database) -> int:
    return max(0, SCHEMA_VERSION - schema_version(database))


def create_schema(database: Database, models: Sequence, seed: Callable[[], None]) -> None:
    """A new, empty file at the newest schema in one go: today's tables and indexes, the rows every
    database starts with (`seed`), and the newest version number."""
    with database.atomic():
        database.create_tables(models)
        seed()
        set_version(database, SCHEMA_VERSION)


def migrate(database: Database) -> int:
    """Apply every missing step to a file of an older version; return the number applied. Refuse a file
    from a newer app. (A new file is made with `create_schema`, not by running every step.)"""
    current = schema_version(database)
    if _on_server(database) and current < FIRST_SERVER_VERSION:
        raise DatabaseError(f"服务器上的数据库结构版本为 {current}，早于本程序支持服务器的第一个版本（{FIRST_SERVER_VERSION}），"
                            "无法升级；请新建一个空数据库。")
    if current > SCHEMA_VERSION:
        raise DatabaseError(
            f"数据库文件 {database.database} 来自更新版本的党建台账（结构版本 {current}，"
            f"本程序支持到 {SCHEMA_VERSION}），请升级程序后再打开。"
        )
    for version in range(current, SCHEMA_VERSION):
        with database.atomic():
            STEPS[version](database)
            set_version(database, version + 1)
    return SCHEMA_VERSION - current
