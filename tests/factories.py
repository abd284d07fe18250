"""Valid records for the core tests, and the check that a rejected write left the database untouched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.services.meeting import AttendanceRow
from dangjian_desktop.services.member import members
from dangjian_desktop.store import models as m


def id_number(born: dt.date, region: str = "320402", serial: str = "001") -> str:
    """A well-formed 身份证号, its check digit computed by ISO 7064 MOD 11-2 (independently of the app)."""
    body = f"{region}{born:%Y%m%d}{serial}"
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(body))
    check = (12 - total % 11) % 11
    return body + ("X" if check == 10 else str(check))


def member_data(**overrides: Any) -> dict[str, Any]:
    """An applicant with every required field; no development dates."""
    data: dict[str, Any] = {
        "name": "张三",
        "gender": "男",
        "ethnicity": "汉族",
        "birth_date": dt.date(1985, 3, 12),
        "education": "大学本科",
        "job_title": "语文教师",
        "party_group": "第一党小组",
        "phone": "13812345678",
        "status": "正常",
    }
    data.update(overrides)
    return data


def full_member_data(name: str = "李四", born: dt.date = dt.date(1980, 5, 4),
                     probation_on: dt.date = dt.date(2015, 7, 1), **overrides: Any) -> dict[str, Any]:
    """A full party member whose five milestones respect every rule (18 at application, 1 year each)."""
    data = member_data(
        name=name,
        birth_date=born,
        applied_on=probation_on - dt.timedelta(days=900),
        activist_on=probation_on - dt.timedelta(days=700),
        candidate_on=probation_on - dt.timedelta(days=200),
        probation_on=probation_on,
        full_on=probation_on.replace(year=probation_on.year + 1),
    )
    data.update(overrides)
    return data


def probationer_data(name: str = "王五", born: dt.date = dt.date(1995, 9, 9),
                     probation_on: dt.date = dt.date(2025, 6, 20), **overrides: Any) -> dict[str, Any]:
    """A probationary member (预备党员): voted in, not yet full."""
    data = full_member_data(name, born, probation_on, full_on=None)
    data.update(overrides)
    return data


def make_member(name: str = "李四", **overrides: Any) -> m.Member:
    """Create a full member; distinct names get distinct birth dates unless given."""
    overrides.setdefault("born", dt.date(1970 + sum(map(ord, name)) % 25, 1 + len(name), 15))
    return members.create(full_member_data(name, **overrides)).record


def meeting_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "支委会",
        "date": dt.date(2025, 3, 5),
        "start_time": "15:30",
        "end_time": "16:30",
        "place": "党员活动室",
        "topic": "研究三月份主题党日安排",
        "first_topic": "学习习近平总书记最新重要讲话精神",
        "agenda": "一、学习；二、研究安排",
        "minutes": "书记：……\n组织委员：……",
        "attendance": [],
    }
    data.update(overrides)
    return data


def present(*people: m.Member) -> list[AttendanceRow]:
    return [AttendanceRow(p.id, "出席") for p in people]


def category_id(name: str = "示范课") -> int:
    return m.ActivityCategory.get(m.ActivityCategory.name == name).id


def activity_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "category": category_id("专题讲座"),
        "title": "学习贯彻党的二十届四中全会精神专题讲座",
        "date": dt.date(2025, 11, 12),
        "place": "学校报告厅",
        "organiser": "组织委员",
        "participants": "全体党员",
        "participant_count": 23,
        "quantity": 1,
    }
    data.update(overrides)
    return data


def partner_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "常州大学马克思主义学院",
        "kind": "结对共建单位",
        "since": dt.date(2024, 9, 1),
        "contact": "陈老师",
        "phone": "0519-86330000",
        "address": "常州市武进区滆湖中路21号",
        "description": "思政课教师结对备课",
    }
    data.update(overrides)
    return data


def rectification_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "source": "组织生活会",
        "found_on": dt.date(2025, 1, 20),
        "problem": "理论学习不够深入，学用结合不紧",
        "cause": "学习计划落实不到位",
        "measure": "每月第一议题学习后交流心得",
        "owner": "书记",
        "deadline": dt.date(2025, 6, 30),
        "status": "整改中",
    }
    data.update(overrides)
    return data


def database_contents() -> dict[str, list[tuple]]:
    """Every row of every table (history included), to compare before and after a refused write."""
    return {model._meta.table_name: list(model.select().order_by(*model._meta.get_primary_keys()).tuples())
            for model in m.ALL_MODELS}


def row_counts() -> dict[str, int]:
    return {model._meta.table_name: model.select().count() for model in m.ALL_MODELS}


def assert_rejected(write: Callable[[], object], field: str, fragment: str,
                    error: type[Exception] = ValidationError) -> Exception:
    """`write` raises `error` naming `field` with a message containing `fragment`, and writes nothing."""
    counts, contents = row_counts(), database_contents()
    with pytest.raises(error) as info:
        write()
    if error is ValidationError:
        problems = [(p.field, p.message) for p in info.value.problems if p.is_error]
        assert any(f == field and fragment in msg for f, msg in problems), problems
    else:
        assert fragment in str(info.value)
    assert row_counts() == counts
    assert database_contents() == contents
    return info.value
