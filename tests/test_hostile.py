"""Hostile input through every service and the import: each value is refused with a Chinese message and
nothing written, or stored and read back exactly — never a traceback, never a partial write."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable
from typing import Any

import pytest
from factories import (
    activity_data,
    database_contents,
    make_member,
    meeting_data,
    member_data,
    partner_data,
    rectification_data,
)
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from test_excel import write_book

from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.excel.importer import import_workbook
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.category import add_category
from dangjian_desktop.services.meeting import AttendanceRow, meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.partner import partners
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.services.settings import load_settings, save_settings
from dangjian_desktop.store.models import Activity, Member

CJK = re.compile(r"[\u4e00-\u9fff]")

TEXTS = {
    "sql": "'; DROP TABLE member; --",
    "sql union": "1 OR 1=1 UNION SELECT * FROM change",
    "quotes": "\"双引号\" '单引号' “中文”‘引号’ \\反斜杠",
    "10000 chars": "长" * 10_000,
    "nul": "前\x00后",
    "escape codes": "\x1b[31m红色\x1b[0m",
    "bell and backspace": "响\x07\x08",
    "lone surrogate": "半个\ud800字",
    "emoji": "👍🏻党员🇨🇳👨‍👩‍👧",
    "extension b": "𠀀𪚥𠮷",
    "empty": "",
    "only spaces": "   ",
    "formula": "=HYPERLINK(\"http://example.com\",\"点我\")",
    "line breaks": "第一行\r\n第二行",
    "right-to-left override": "\u202e反转文字",
    "percent and underscore": "100%_通配符",
}

# (service, a valid record, a required one-line text field, an optional long text field)
BIRTHS = itertools.count()
RECORD_KINDS = {
    "member": (members, lambda: member_data(birth_date=dt.date(1960, 1, 1) + dt.timedelta(days=next(BIRTHS))),
               "name", "notes"),
    "meeting": (meetings, lambda: meeting_data(), "topic", "minutes"),
    "activity": (activities, lambda: activity_data(), "title", "description"),
    "partner": (partners, lambda: partner_data(), "name", "description"),
    "rectification": (rectifications, lambda: rectification_data(), "problem", "review"),
}


def assert_refused_or_stored(write: Callable[[], Any], read: Callable[[Any], Any], expected: Any) -> str:
    """Run a write: refused (Chinese messages, database untouched) or stored (read back equal)."""
    before = database_contents()
    try:
        result = write()
    except ValidationError as exc:
        messages = [p.message for p in exc.problems if p.is_error]
        assert messages and all(CJK.search(m) for m in messages), messages
        assert database_contents() == before
        return "refused"
    assert read(result) == expected
    return "stored"


def expected_text(value: str) -> str:
    return value.strip()


@pytest.mark.parametrize("value", TEXTS.values(), ids=TEXTS.keys())
@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_hostile_text_through_every_record_service(database, kind, value):
    service, valid, required, optional = RECORD_KINDS[kind]
    outcomes = []
    for field in (required, optional):
        outcomes.append(assert_refused_or_stored(
            lambda field=field: service.create({**valid(), field: value}),
            lambda result, field=field: getattr(service.get(result.record.id), field), expected_text(value)))
    record = service.create(valid()).record
    for field in (required, optional):
        outcomes.append(assert_refused_or_stored(
            lambda field=field: service.update(record.id, {field: value}),
            lambda result, field=field: getattr(service.get(record.id), field), expected_text(value)))
    control = re.search(r"[\x00-\x08\x1b\ud800]", value)
    if control:
        assert outcomes == ["refused"] * 4
    if value in TEXTS["emoji"] + TEXTS["extension b"] + TEXTS["sql"] + TEXTS["quotes"] + TEXTS["formula"]:
        assert "stored" in outcomes
    if not value.strip():
        assert outcomes[0] == outcomes[2] == "refused"  # a required field stays required
    if kind == "meeting" and value == TEXTS["10000 chars"]:
        assert outcomes == ["refused", "stored", "refused", "stored"]  # minutes may be that long, a topic not
    assert Member.select().count() >= 0  # every table is still there


@pytest.mark.parametrize("value", TEXTS.values(), ids=TEXTS.keys())
def test_hostile_text_through_settings_and_categories(database, value):
    assert_refused_or_stored(lambda: save_settings(branch_name=value), lambda _: load_settings().branch_name,
                             expected_text(value))
    assert_refused_or_stored(lambda: add_category(value, "次"), lambda category: category.name, expected_text(value))


DATES = {
    "2月30日 as text": "2025-02-30",
    "Chinese spelling": "2025年2月30日",
    "year 1800": dt.date(1800, 1, 1),
    "far future": dt.date(2999, 12, 31),
    "next year": dt.date.today().replace(year=dt.date.today().year + 1),
    "a number": 45000,
    "a datetime": dt.datetime(2025, 3, 5, 14, 30),
}
DATE_FIELDS = {
    "member birth": (members, member_data, "birth_date"),
    "member probation": (members, lambda: member_data(birth_date=dt.date(1980, 1, 1)), "probation_on"),
    "meeting": (meetings, meeting_data, "date"),
    "activity": (activities, activity_data, "date"),
    "partner": (partners, partner_data, "since"),
    "rectification deadline": (rectifications, rectification_data, "deadline"),
}


@pytest.mark.parametrize("value", DATES.values(), ids=DATES.keys())
@pytest.mark.parametrize("where", DATE_FIELDS)
def test_impossible_dates_through_every_service(database, where, value):
    service, valid, field = DATE_FIELDS[where]
    stored = value.date() if isinstance(value, dt.datetime) else value
    outcome = assert_refused_or_stored(lambda: service.create({**valid(), field: value}),
                                       lambda result: getattr(service.get(result.record.id), field), stored)
    if isinstance(value, (str, int)) or value.year in (1800, 2999):
        assert outcome == "refused"


QUANTITIES = [-1, 0, 10**20, 2**63, -(2**63), 1.5, float("nan"), float("inf"), "十", "3节", True, [], None]


@pytest.mark.parametrize("value", QUANTITIES, ids=repr)
def test_negative_and_huge_quantities(database, value):
    host = make_member("李四")
    writes = [
        lambda: activities.create(activity_data(quantity=value)),
        lambda: activities.create(activity_data(participant_count=value)),
        lambda: meetings.create(meeting_data(votes_for=value, attendance=[AttendanceRow(host.id)])),
        lambda: members.create(member_data(name="王五", probation_extension_months=value)),
        lambda: meetings.create(meeting_data(seq=value)),
    ]
    for write in writes:
        before = database_contents()
        try:
            write()
        except ValidationError as exc:
            assert all(CJK.search(p.message) for p in exc.problems)
            assert database_contents() == before
        else:
            assert value in (None, 0)  # only "empty" and a legal zero pass
    assert Activity.select().where(Activity.quantity < 1).count() == 0


def test_a_member_attending_the_same_meeting_twice_is_refused(database):
    host = make_member("李四")
    before = database_contents()
    with pytest.raises(ValidationError) as info:
        meetings.create(meeting_data(attendance=[AttendanceRow(host.id), AttendanceRow(host.id, "请假", "病假")]))
    assert "不能重复登记" in str(info.value) and database_contents() == before
    meeting = meetings.create(meeting_data(attendance=[AttendanceRow(host.id)])).record
    before = database_contents()
    with pytest.raises(ValidationError):
        meetings.update(meeting.id, {"attendance": [AttendanceRow(host.id), AttendanceRow(host.id)]})
    assert database_contents() == before


IMPORT_CELLS = {
    **{f"text: {k}": v for k, v in TEXTS.items() if not ILLEGAL_CHARACTERS_RE.search(v) and "\ud800" not in v},
    "date 2月30日": "2021年2月30日",
    "date 1800": "1800-01-01",
    "date far future": "2999-12-31",
    "date beyond Excel": 2958466,
    "date negative": -5,
    "date words": "去年七一",
    "quantity negative": -3,
    "quantity huge": 10**20,
    "quantity words": "三节",
    "quantity fraction": 1.5,
}


@pytest.mark.parametrize("cell", IMPORT_CELLS)
def test_hostile_cells_through_the_import(database, tmp_path, cell):
    value = IMPORT_CELLS[cell]
    name, notes, born, quantity = "李四", "备注", "1980-05-04", 1
    if cell.startswith("text"):
        name = notes = value
    elif cell.startswith("date"):
        born = value
    else:
        quantity = value
    book = write_book(tmp_path / "hostile.xlsx", {
        "党员": [["姓名", "性别", "出生日期", "备注"], [name, "男", born, notes]],
        "活动": [["活动类别", "活动名称", "日期", "数量"], ["示范课", "示范课", "2025-04-10", quantity]],
    })
    before = database_contents()
    report = import_workbook(book)
    if report.problems:
        assert not report.written and database_contents() == before
        assert all(p.sheet in ("党员", "活动") and p.row == 2 and CJK.search(p.reason) for p in report.problems)
        assert all(p.column for p in report.problems), [str(p) for p in report.problems]
    else:
        member = Member.get()
        assert (member.name, member.notes) == (expected_text(str(name)), expected_text(str(notes)))
    if cell.startswith(("date", "quantity")):
        assert report.problems
    # the same rows, twice in one sheet, are a duplicate, never doubled
    twice = write_book(tmp_path / "twice.xlsx", {"党员": [["姓名", "性别", "出生日期"], ["刘一", "女", "1981-02-28"],
                                                           ["刘一", "女", "1981-02-28"]]})
    assert not import_workbook(twice).written
