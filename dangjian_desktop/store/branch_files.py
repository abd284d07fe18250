"""Moving a branch between a file and a server: a branch's database file (of any released version) copied into its
schema on the server, all or nothing, its attachments' files with it, and the members whose 身份证号 another
branch also holds reported; and a branch copied from the server into a new file, which is the same database again
(every table, every row, the attachments' files)."""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from peewee import SqliteDatabase

from dangjian_desktop.store import attachment_files, migrations, models, tree
from dangjian_desktop.store.backup import copy_database
from dangjian_desktop.store.connection import PRAGMAS, DatabaseError, db
from dangjian_desktop.store.file_check import check_database_file, readonly_connect
from dangjian_desktop.store.tree import AttachmentContent, Organisation

TABLES = tuple(model._meta.table_name for model in models.ALL_MODELS)  # parents before the rows that refer to them
BATCH = 500
SHOWN_DUPLICATES = 10  # named in the message; all are in ImportResult.duplicates


@dataclass(frozen=True)
class Duplicate:
    """A member of the imported file whose 身份证号 another branch also holds."""

    name: str
    id_number: str
    other_branch: str
    other_name: str

    def message(self) -> str:
        masked = f"{self.id_number[:6]}********{self.id_number[-4:]}"
        return f"{self.name}（身份证号 {masked}）也在“{self.other_branch}”的名册中（{self.other_name}）"


@dataclass
class ImportResult:
    counts: dict[str, int] = field(default_factory=dict)  # rows per table
    duplicates: list[Duplicate] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)  # attachments whose file the file's folder lacks

    def message(self) -> str:
        people = self.counts.get("member", 0)
        meetings = self.counts.get("meeting", 0)
        parts = [f"已导入党员等人员 {people} 名、会议 {meetings} 次，共 {sum(self.counts.values())} 条记录"]
        if self.duplicates:
            shown = "；".join(d.message() for d in self.duplicates[:SHOWN_DUPLICATES])
            more = f"；等（共 {len(self.duplicates)} 人）" if len(self.duplicates) > SHOWN_DUPLICATES else ""
            parts.append(f"{len(self.duplicates)} 人的身份证号在其他党支部也有：{shown}{more}。"
                         "请核实是否为组织关系转接未办结")
        if self.missing_files:
            parts.append(f"{len(self.missing_files)} 个附件的文件在原文件旁的 attachments 文件夹中找不到，只导入了记录")
        return "；".join(parts) + "。"


def _upgraded_copy(path: Path, work: Path) -> Path:
    """A checked copy of the branch's file at the newest schema (the file itself is left as it is)."""
    check_database_file(path)
    if not path.is_file():
        raise DatabaseError(f"找不到要导入的数据库文件：{path}")
    copy = work / "branch.db"
    with closing(readonly_connect(path)) as source:
        copy_database(source, copy)
    database = SqliteDatabase(str(copy), pragmas=PRAGMAS)
    try:
        if migrations.pending_steps(database):
            migrations.migrate(database)
    finally:
        database.close()
    return copy


def import_file(path: str | Path, organisation_id: int) -> ImportResult:
    """Copy a branch's database file into its empty branch on the server, in one transaction: every row with its
    id, the sequences moved past them, the attachments' files into the server's store. A file that cannot be
    read, or a branch that has records already, is refused with nothing written."""
    path = Path(path)
    branch = Organisation.get_or_none(Organisation.id == organisation_id)
    if branch is None or branch.level != tree.BRANCH:
        raise DatabaseError("请选择要导入到的党支部（只有党支部保存党员和会议等记录）。")
    schema = tree.branch_schema(organisation_id)
    if not tree.branch_is_empty(organisation_id):
        raise DatabaseError(f"“{branch.name}”在服务器上已经有记录，不能再导入；导入只用于把一个支部的文件第一次搬上服务器。")
    result = ImportResult()
    with tempfile.TemporaryDirectory(prefix="dangjian-import-") as work:
        copy = _upgraded_copy(path, Path(work))
        with closing(sqlite3.connect(copy)) as source, tree.keeper_transaction():
            for table in reversed(TABLES):  # what a new branch was seeded with
                db.execute_sql(f'DELETE FROM "{schema}"."{table}"')
            for table in TABLES:
                result.counts[table] = _copy_rows(source, schema, table)
            hashes = {sha for row in source.execute("SELECT sha256, original_sha256 FROM attachment") for sha in row
                      if sha}
            result.missing_files = _upload(hashes, attachment_files.store_of(path))
            result.duplicates = _duplicates(schema, organisation_id)
    return result


def _copy_rows(source: sqlite3.Connection, schema: str, table: str) -> int:
    cursor = source.execute(f'SELECT * FROM "{table}"')
    columns = [d[0] for d in cursor.description]
    quoted = ", ".join(f'"{c}"' for c in columns)
    sql = f'INSERT INTO "{schema}"."{table}" ({quoted}) VALUES ({", ".join(["%s"] * len(columns))})'
    count = 0
    while rows := cursor.fetchmany(BATCH):
        db.cursor().executemany(sql, rows)
        count += len(rows)
    if "id" in columns:  # new records get ids after the imported ones
        db.execute_sql(f"SELECT setval(pg_get_serial_sequence('\"{schema}\".\"{table}\"', 'id'), "
                       f'COALESCE((SELECT MAX("id") FROM "{schema}"."{table}"), 0) + 1, false)')
    return count


def _upload(hashes: set[str], store: Path) -> list[str]:
    """Put the files into the server's store (those it lacks); the hashes the folder does not hold intact."""
    present = {row[0] for row in AttachmentContent.select(AttachmentContent.sha256)
               .where(AttachmentContent.sha256.in_(sorted(hashes))).tuples()} if hashes else set()
    missing = []
    for sha in sorted(hashes - present):
        file = attachment_files.path_in(store, sha)
        data = file.read_bytes() if file.is_file() else None
        if data is None or attachment_files.digest(data) != sha:
            missing.append(sha)
            continue
        AttachmentContent.insert(sha256=sha, data=data).execute()
    return missing


def _duplicates(schema: str, organisation_id: int) -> list[Duplicate]:
    """Members of this branch whose 身份证号 a member of another branch has."""
    found = []
    for other in Organisation.select().where((Organisation.level == tree.BRANCH) & (Organisation.id != organisation_id)):
        rows = db.execute_sql(
            f'SELECT a."name", a."id_number", b."name" FROM "{schema}"."member" AS a '
            f'JOIN "{tree.branch_schema(other.id)}"."member" AS b ON a."id_number" = b."id_number" '
            "WHERE a.\"id_number\" <> '' ORDER BY a.\"id\"").fetchall()
        found += [Duplicate(name, number, other.name, other_name) for name, number, other_name in rows]
    return found


def export_branch(organisation_id: int, target: str | Path) -> Path:
    """Copy a branch from the server into a new database file at `target` (with its attachments' files in the
    folder beside it): a file of this program, which opens like any other. An existing file is not replaced."""
    target = Path(target)
    if target.exists():
        raise DatabaseError(f"{target} 已经存在，请换一个文件名（导出不会覆盖已有的文件）。")
    schema = tree.branch_schema(organisation_id)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"无法创建文件夹：{target.parent}（{exc.strerror or exc}）") from exc
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    file = SqliteDatabase(str(part), pragmas={"foreign_keys": 0})
    try:
        _write_file(file, schema, part, target)
    except BaseException:
        file.close()
        part.unlink(missing_ok=True)
        raise
    return target


def _write_file(file: SqliteDatabase, schema: str, part: Path, target: Path) -> None:
    """The branch's tables into the new file `part`, its attachments' files beside `target`, then `part` named
    `target`."""
    try:
        with file.bind_ctx(models.ALL_MODELS, bind_refs=False, bind_backrefs=False):
            file.create_tables(models.ALL_MODELS)
        migrations.set_version(file, migrations.SCHEMA_VERSION)
        with file.atomic():
            hashes = set()
            for table in TABLES:
                cursor = db.execute_sql(f'SELECT * FROM "{schema}"."{table}" ORDER BY 1')
                columns = [d[0] for d in cursor.description]
                sql = (f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in columns)}) '
                       f'VALUES ({", ".join("?" * len(columns))})')
                while rows := cursor.fetchmany(BATCH):
                    rows = [tuple(_file_value(v) for v in row) for row in rows]
                    file.cursor().executemany(sql, rows)
                    if table == "attachment":
                        at = columns.index("sha256"), columns.index("original_sha256")
                        hashes |= {row[i] for row in rows for i in at if row[i]}
        file.execute_sql("PRAGMA journal_mode=DELETE")
    finally:
        file.close()
    _download(hashes, attachment_files.store_of(target), like=part)
    part.replace(target)


def _file_value(value):
    """A server's value as the file keeps it (peewee writes datetimes as their text, with a space)."""
    if hasattr(value, "hour"):
        return str(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def _download(hashes: set[str], store: Path, like: Path) -> None:
    for sha in sorted(hashes):
        if attachment_files.state(store, sha) == "ok":
            continue
        row = AttachmentContent.get_or_none(AttachmentContent.sha256 == sha)
        if row is not None:
            attachment_files.put(store, bytes(row.data), like)
