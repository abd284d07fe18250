"""Schema versions: `PRAGMA user_version` and an ordered list of steps, applied in one transaction each."""

from __future__ import annotations

from collections.abc import Callable

from peewee import SqliteDatabase

from dangjian_desktop.store import models
from dangjian_desktop.store.connection import DatabaseError


def _v1_initial(database: SqliteDatabase) -> None:
    database.create_tables(models.ALL_MODELS)
    for order, (name, unit) in enumerate(models.DEFAULT_ACTIVITY_CATEGORIES):
        models.ActivityCategory.create(name=name, unit=unit, sort_order=order)


def _v2_list_and_count_indexes(database: SqliteDatabase) -> None:
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


def refresh_search_keys(database: SqliteDatabase) -> None:
    """Search keys computed again for every record: a step to append whenever `search.build_search_key`
    or what a service passes to it changes, so records saved before are found like new ones."""
    from dangjian_desktop.services.activities import activities
    from dangjian_desktop.services.members import members
    from dangjian_desktop.services.partners import partners

    for service in (members, activities, partners):
        service.refresh_derived()


# Append new steps at the end; never edit or reorder a released one.
STEPS: list[Callable[[SqliteDatabase], None]] = [
    _v1_initial,
    _v2_list_and_count_indexes,
    refresh_search_keys,  # v3: names read with the surname as a surname (单 shan, 曾 zeng); no phrase tables
]
SCHEMA_VERSION = len(STEPS)


def schema_version(database: SqliteDatabase) -> int:
    return database.execute_sql("PRAGMA user_version").fetchone()[0]


def pending_steps(database: SqliteDatabase) -> int:
    return max(0, SCHEMA_VERSION - schema_version(database))


def migrate(database: SqliteDatabase) -> int:
    """Apply every missing step; return the number applied. Refuse a file from a newer app."""
    current = schema_version(database)
    if current > SCHEMA_VERSION:
        raise DatabaseError(
            f"数据库文件 {database.database} 来自更新版本的党建台账（结构版本 {current}，"
            f"本程序支持到 {SCHEMA_VERSION}），请升级程序后再打开。"
        )
    for version in range(current, SCHEMA_VERSION):
        with database.atomic():
            STEPS[version](database)
            database.execute_sql(f"PRAGMA user_version = {version + 1}")
    return SCHEMA_VERSION - current
