"""The organisation tree on a server: 党委 → 党总支 → 党支部 (→ 党小组) and the users who sign in, in a schema of their
own; each 党支部's records in a schema of its own (`branch_<id>`), made and upgraded by the same schema steps as a
file, so that every query of the program works on one branch unchanged.

Only a server has a tree: a file is one branch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from peewee import (
    SQL,
    AutoField,
    BlobField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from dangjian_desktop.store import migrations, models
from dangjian_desktop.store.connection import DatabaseError, db

TREE_SCHEMA = "organisation"
LEVELS = ("党委", "党总支", "党支部", "党小组")
# What may stand under what (None: the top of the tree).
CHILD_LEVELS: dict[str | None, tuple[str, ...]] = {
    None: ("党委", "党总支", "党支部"),
    "党委": ("党总支", "党支部"),
    "党总支": ("党支部",),
    "党支部": ("党小组",),
    "党小组": (),
}
BRANCH = "党支部"  # the level that keeps records
TERM_YEARS = (3, 5)  # 党支部 and 党总支: 3 years, 党委: 5 (中国共产党章程, 支部工作条例)
ROLES = ("支部书记", "组织委员", "党委", "审计")
WRITING_ROLES = ("支部书记", "组织委员")  # write their own branch
ADMIN_ROLE = "党委"  # reads the whole tree under its organisation, keeps the tree and the users


class TreeModel(Model):
    class Meta:
        database = db
        schema = TREE_SCHEMA
        legacy_table_names = False


class Organisation(TreeModel):
    """One organisation of the tree; a 党支部 keeps its records in `branch_<id>`."""

    id = AutoField()
    name = CharField(max_length=60)
    level = CharField(max_length=4)
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    founded_on = DateField(null=True)  # 成立时间
    term_years = IntegerField(default=3)  # 每届任期
    term_start = DateField(null=True)  # 本届委员会选举产生（批复）之日; a branch's comes from its own elections
    committee = TextField(default="")  # 委员会成员 of a 党委 or 党总支, one "职务 姓名" a line
    sort_order = IntegerField(default=0)
    row_version = IntegerField(default=0, constraints=[SQL("DEFAULT 0")])


class AppUser(TreeModel):
    """Someone who signs in: a 支部书记 or 组织委员 writes his branch, a 党委 user reads every organisation under
    his own and keeps the tree, an auditor (审计) reads."""

    id = AutoField()
    login = CharField(max_length=30, unique=True)
    full_name = CharField(max_length=30)
    role = CharField(max_length=4)
    organisation = ForeignKeyField(Organisation, backref="users", on_delete="RESTRICT")
    password_hash = CharField(max_length=200)
    active = BooleanField(default=True)
    created_at = DateTimeField(default=dt.datetime.now)


class OrganisationElection(TreeModel):
    """A 党总支's or 党委's committee election (a 党支部 keeps its own in its 换届选举 records), with the higher
    committee's approval; the newest approved 换届选举 starts the organisation's term."""

    id = AutoField()
    organisation = ForeignKeyField(Organisation, backref="elections", on_delete="CASCADE")
    date = DateField()
    kind = CharField(max_length=4)
    term_years = IntegerField()
    expected = IntegerField()  # 应到会有选举权的党员（代表）
    present = IntegerField()
    candidates = TextField()  # "姓名 得票数", a line each
    elected = TextField(default="")  # "姓名 职务", a line each
    approved_on = DateField(null=True)
    approved_by = CharField(max_length=100, default="")
    approval_no = CharField(max_length=60, default="")
    notes = TextField(default="")
    recorded_by = CharField(max_length=60, default="")


class AttachmentContent(TreeModel):
    """The files of every branch's attachments on a server, by their SHA-256 (the same photo kept once), as a
    file's are in the folder beside it (store.attachment_files)."""

    sha256 = CharField(max_length=64, primary_key=True)
    data = BlobField()


# Made when missing (prepare_tree): a later change to a column of these needs a version of the tree's own.
TREE_MODELS = (Organisation, AppUser, OrganisationElection, AttachmentContent)


@contextmanager
def keeper_transaction() -> Iterator[None]:
    """A write of the one who keeps the tree (the tree, the users, a branch's file imported): one transaction,
    allowed also in his session, which only reads the branches' records."""
    outermost = not db.in_transaction()
    with db.atomic():
        if db.obj.read_only and outermost:
            db.execute_sql("SET TRANSACTION READ WRITE")
        yield


def branch_schema(organisation_id: int) -> str:
    return f"branch_{int(organisation_id)}"


def prepare_tree() -> None:
    """Make the tree's schema and tables on a server that lacks them; nothing is written when they are there (the
    offices' PCs may connect as a role that cannot create anything)."""
    have = {t for (t,) in db.execute_sql("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = %s",
                                         (TREE_SCHEMA,)).fetchall()}
    if not {m._meta.table_name for m in TREE_MODELS} <= have:
        with db.atomic():
            db.execute_sql(f'CREATE SCHEMA IF NOT EXISTS "{TREE_SCHEMA}"')
            db.create_tables(TREE_MODELS, safe=True)
    db.obj.use_schema(TREE_SCHEMA)


def make_branch_schema(organisation_id: int, seed: Callable[[], None]) -> None:
    """A new branch's schema at the newest version (inside the caller's transaction: PostgreSQL's DDL is
    transactional, so a failed add leaves no schema behind)."""
    schema, was = branch_schema(organisation_id), db.obj.schema
    db.execute_sql(f'CREATE SCHEMA "{schema}"')
    db.obj.use_schema(schema)
    try:
        db.create_tables(models.ALL_MODELS)
        seed()
        migrations.set_version(db, migrations.SCHEMA_VERSION)
    finally:
        db.obj.use_schema(was)


def enter_branch(organisation_id: int) -> None:
    """Work on this branch's records from now on; an older branch schema is brought up to date first."""
    schema = branch_schema(organisation_id)
    exists = db.execute_sql("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone()
    if not exists:
        raise DatabaseError(f"服务器上没有编号为 {organisation_id} 的党支部的数据，请刷新组织列表后再选。")
    db.obj.use_schema(schema)
    if migrations.pending_steps(db) or migrations.schema_version(db) > migrations.SCHEMA_VERSION:
        migrations.migrate(db)


def leave_branch() -> None:
    db.obj.use_schema(TREE_SCHEMA)


def current_branch() -> int | None:
    """The branch this connection works on (None: the tree only)."""
    schema = getattr(db.obj, "schema", "")
    return int(schema.removeprefix("branch_")) if schema.startswith("branch_") else None


# What a new branch starts with, which an import replaces and a removal may drop: everything else is a record.
SEEDED_TABLES = ("activity_category", "setting", "schema_version")


def branch_is_empty(organisation_id: int) -> bool:
    """The branch holds no record of its own (the default categories and settings do not count)."""
    schema = branch_schema(organisation_id)
    tables = [t for (t,) in db.execute_sql("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = %s",
                                           (schema,)).fetchall() if t not in SEEDED_TABLES]
    return not any(db.execute_sql(f'SELECT 1 FROM "{schema}"."{t}" LIMIT 1').fetchone() for t in tables)


def program_schemas() -> list[str]:
    """The schemas of this program on the server: the tree's and every branch's."""
    return [name for (name,) in db.execute_sql(
        "SELECT nspname FROM pg_namespace WHERE nspname = %s OR nspname LIKE %s ORDER BY nspname",
        (TREE_SCHEMA, "branch\\_%")).fetchall()]


def drop_branch_schema(organisation_id: int) -> None:
    db.execute_sql(f'DROP SCHEMA IF EXISTS "{branch_schema(organisation_id)}" CASCADE')
