"""The pure checks in validation.py: 身份证号 (GB 11643), date arithmetic, and each Checker method."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import id_number

from dangjian_desktop.common.dates import add_months, add_years
from dangjian_desktop.domain.validation import (
    Checker,
    Problem,
    ValidationError,
    birth_date_from_id,
    id_number_problem,
)

# -- 身份证号 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["11010519491231002X", "11010519491231002x", "440524188001010014",
                                    id_number(dt.date(2000, 2, 29))])
def test_well_formed_id_numbers_pass(number):
    assert id_number_problem(number, None) is None


def test_id_number_agreeing_with_birth_date_passes():
    assert id_number_problem("11010519491231002X", dt.date(1949, 12, 31)) is None


@pytest.mark.parametrize("number, fragment", [
    ("11010519491231002", "应为18位（或15位的旧号码），现为17位"),
    ("1101051949123100211", "应为18位（或15位的旧号码），现为19位"),
    ("", "应为18位（或15位的旧号码），现为0位"),
    ("1101051949123100A2", "前17位应为数字"),
    ("11010519491231002Y", "最后一位为数字或X"),
    ("110105194902300028", "“19490230”不是有效日期"),
    ("110105194912310021", "校验位不对：按前17位应为“X”"),
    ("440524188001010015", "应为“4”"),
])
def test_bad_id_numbers_say_what_is_wrong(number, fragment):
    problem = id_number_problem(number, None)
    assert problem is not None and fragment in problem


def test_every_wrong_check_digit_is_caught():
    number = id_number(dt.date(1988, 8, 8))
    for digit in "0123456789X":
        if digit != number[-1]:
            assert "校验位" in id_number_problem(number[:17] + digit, None)


def test_id_number_disagreeing_with_birth_date():
    problem = id_number_problem("11010519491231002X", dt.date(1949, 12, 30))
    assert problem == "身份证号中的出生日期（1949-12-31）与所填出生日期（1949-12-30）不一致。"


def test_birth_date_from_id():
    assert birth_date_from_id("11010519491231002X") == dt.date(1949, 12, 31)
    assert birth_date_from_id("110105194902300028") is None
    assert birth_date_from_id("1101") is None


# -- date arithmetic --------------------------------------------------------------------------------


def test_add_years_from_29_february():
    assert add_years(dt.date(2020, 2, 29), 1) == dt.date(2021, 2, 28)
    assert add_years(dt.date(2020, 2, 29), 4) == dt.date(2024, 2, 29)
    assert add_years(dt.date(2000, 2, 29), 18) == dt.date(2018, 2, 28)
    assert add_years(dt.date(2021, 7, 1), 1) == dt.date(2022, 7, 1)


@pytest.mark.parametrize("day, months, expected", [
    (dt.date(2021, 1, 31), 1, dt.date(2021, 2, 28)),
    (dt.date(2020, 1, 31), 1, dt.date(2020, 2, 29)),
    (dt.date(2021, 3, 31), 1, dt.date(2021, 4, 30)),
    (dt.date(2021, 11, 15), 2, dt.date(2022, 1, 15)),
    (dt.date(2021, 7, 1), 12, dt.date(2022, 7, 1)),
    (dt.date(2021, 7, 1), 0, dt.date(2021, 7, 1)),
    (dt.date(2021, 3, 31), -1, dt.date(2021, 2, 28)),
    (dt.date(2021, 1, 15), -1, dt.date(2020, 12, 15)),
])
def test_add_months_clamps_to_the_end_of_a_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


# -- Checker ----------------------------------------------------------------------------------------


def test_text_is_stripped_and_required():
    c = Checker()
    assert c.text("name", "姓名", "  张三 ", required=True) == "张三"
    assert c.text("name", "姓名", None) == ""
    assert c.problems == []
    c.text("name", "姓名", "   ", required=True)
    assert c.problems == [Problem("name", "请填写姓名。")]


def test_text_length_counts_characters_not_bytes():
    c = Checker()
    assert c.text("name", "姓名", "𠀀" * 30, max_length=30) == "𠀀" * 30
    assert c.problems == []
    c.text("name", "姓名", "张" * 31, max_length=30)
    assert c.problems[0].message == "姓名过长：最多 30 个字，现有 31 个字。"


def test_text_refuses_control_characters_and_line_breaks_in_single_line_fields():
    c = Checker()
    c.text("name", "姓名", "张\x00三")
    c.text("place", "地点", "一楼\n二楼")
    assert c.text("minutes", "会议记录", "第一段\n第二段", multiline=True) == "第一段\n第二段"
    assert [p.field for p in c.problems] == ["name", "place"]
    assert all("控制字符" in p.message for p in c.problems)


def test_choice():
    c = Checker()
    assert c.choice("gender", "性别", " 女 ", ("男", "女")) == "女"
    c.choice("gender", "性别", "", ("男", "女"))
    c.choice("gender", "性别", "未知", ("男", "女"))
    assert c.choice("party_post", "党内职务", "", ("书记",), required=False) == ""
    assert [p.message for p in c.problems] == ["请选择性别。", "性别“未知”不在可选范围内（男、女）。"]


def test_date():
    c = Checker()
    today = dt.date(2025, 6, 1)
    assert c.date("d", "日期", dt.datetime(2025, 5, 1, 9, 30)) == dt.date(2025, 5, 1)
    assert c.date("d", "日期", None) is None
    assert c.problems == []
    c.date("a", "出生日期", None, required=True)
    c.date("b", "出生日期", "2025-02-30")
    c.date("c", "出生日期", dt.date(1899, 12, 31))
    c.date("e", "出生日期", dt.date(2025, 6, 2), not_future=True, today=today)
    assert c.date("f", "出生日期", dt.date(2025, 6, 1), not_future=True, today=today) == dt.date(2025, 6, 1)
    assert [p.message for p in c.problems] == [
        "请填写出生日期。",
        "出生日期：“2025-02-30”不是有效日期（2025年没有2月30日）。",
        "出生日期“1899-12-31”超出合理范围（1900年至2100年）。",
        "出生日期“2025-06-02”晚于今天。",
    ]


@pytest.mark.parametrize("value", ["24:00", "09:60", "0930", "上午", "9:3"])
def test_bad_times(value):
    c = Checker()
    c.time("start_time", "开始时间", value)
    assert c.problems == [Problem("start_time", "开始时间应为“时:分”格式，如 14:30。")]


@pytest.mark.parametrize("typed, stored", [("9:30", "09:30"), ("14：30", "14:30"), (" 8:05 ", "08:05"),
                                           ("14:30:00", "14:30"), ("１４：３０", "14:30")])
def test_times_as_people_type_them_are_tidied(typed, stored):
    c = Checker()
    assert c.time("t", "时间", typed) == stored and c.problems == []


def test_good_times():
    c = Checker()
    assert [c.time("t", "时间", v) for v in ("00:00", "09:05", "23:59", "", None)] == ["00:00", "09:05", "23:59",
                                                                                        "", ""]
    assert c.problems == []


def test_integer():
    c = Checker()
    assert c.integer("n", "数量", "12") == 12
    assert c.integer("n", "数量", 3.0) == 3
    assert c.integer("n", "数量", "") is None
    assert c.problems == []
    for value in (True, "三", 2.5, -1, 100_001):
        assert c.integer("n", "数量", value) is None
    c.integer("n", "数量", None, required=True)
    assert [p.message for p in c.problems] == [
        "数量应为整数。", "数量应为整数：三。", "数量应为整数：2.5。",
        "数量应在 0 到 100000 之间，现为 -1。", "数量应在 0 到 100000 之间，现为 100001。", "请填写数量。",
    ]


@pytest.mark.parametrize("value, stored", [
    ("13812345678", "13812345678"), ("138 1234 5678", "13812345678"), ("0519-86543210", "0519-86543210"),
    ("051986543210", "051986543210"), ("(0519)86543210", "(0519)86543210"), ("86543210", "86543210"),
    ("010-12345678-123", "010-12345678-123"), ("", ""), ("１３８ １２３４ ５６７８", "13812345678"),
    ("（０５１９）８６５４３２１０", "(0519)86543210"), ("０５１９－８６５４３２１０", "0519-86543210"),
])
def test_good_phone_numbers(value, stored):
    c = Checker()
    assert c.phone("phone", "联系电话", value) == stored
    assert c.problems == []


@pytest.mark.parametrize("value", ["1381234567", "138123456789", "12812345678", "电话", "0519-865", "+86-138"])
def test_bad_phone_numbers(value):
    c = Checker()
    c.phone("phone", "联系电话", value)
    assert len(c.problems) == 1 and "联系电话" in c.problems[0].message and "格式不对" in c.problems[0].message


def test_order_flags_the_later_field_once():
    c = Checker()
    c.order("a", "开始日期", dt.date(2025, 3, 2), "b", "结束日期", dt.date(2025, 3, 1))
    c.order("a", "开始日期", dt.date(2025, 3, 2), "b", "结束日期", dt.date(2025, 3, 1))
    c.order("a", "开始日期", dt.date(2025, 3, 2), "c", "结束日期", dt.date(2025, 3, 2))
    c.order("a", "开始日期", None, "c", "结束日期", dt.date(2025, 3, 1))
    assert c.problems == [Problem("b", "结束日期（2025-03-01）不能早于开始日期（2025-03-02）。")]


def test_warnings_do_not_raise_and_errors_raise_with_every_problem():
    c = Checker()
    c.add("attendance", "到会人数不足。", severity="warning")
    c.raise_if_errors()
    c.add("name", "请填写姓名。")
    c.add("gender", "请选择性别。")
    with pytest.raises(ValidationError) as info:
        c.raise_if_errors()
    assert str(info.value) == "请填写姓名。；请选择性别。"
    assert len(info.value.problems) == 3
    assert [p.field for p in c.warnings] == ["attendance"]
    assert c.has_error("name") and not c.has_error("attendance")
