"""The one table model of every record list, tested without a view: sort, search, filters, selection."""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from dangjian_desktop.common.names import build_search_key
from ui.table_model import RIGHT, Column, RecordTableModel


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    day: dt.date | None
    count: int
    search_key: str


def row(record_id: int, name: str, day: dt.date | None = None, count: int = 0) -> Row:
    return Row(record_id, name, day, count, build_search_key([name]))


COLUMNS = (
    Column("姓名", lambda r: r.name),
    Column("日期", lambda r: r.day),
    Column("人数", lambda r: r.count, RIGHT),
)


@pytest.fixture
def model(qapp) -> RecordTableModel:
    m = RecordTableModel(COLUMNS, tone=lambda r: "alert" if r.count > 10 else None)
    m.set_rows([
        row(1, "张三", dt.date(2025, 3, 1), 5),
        row(2, "李四", dt.date(2024, 7, 1), 12),
        row(3, "王五", None, 3),
        row(4, "张三丰", dt.date(2025, 1, 9), 8),
        row(5, "陈伟", dt.date(2023, 5, 5), 1),
    ])
    return m


def names(m: RecordTableModel) -> list[str]:
    return [m.data(m.index(r, 0)) for r in range(m.rowCount())]


def test_cells_headers_alignment_and_tone(model):
    assert model.columnCount() == 3 and model.rowCount() == 5
    assert model.headerData(2, Qt.Horizontal) == "人数"
    assert model.data(model.index(0, 1)) == "2025-03-01"
    assert model.data(model.index(2, 1)) == ""  # no date shows empty, not "None"
    assert model.data(model.index(1, 2), Qt.TextAlignmentRole) == int(RIGHT)
    assert model.data(model.index(1, 0), Qt.BackgroundRole) is not None  # 12 > 10: stands out
    assert model.data(model.index(0, 0), Qt.BackgroundRole) is None


def test_sort_by_pinyin_dates_and_numbers(model):
    model.sort(0, Qt.AscendingOrder)
    assert names(model) == ["陈伟", "李四", "王五", "张三", "张三丰"]  # pinyin order: chen, li, wang, zhang
    model.sort(1, Qt.DescendingOrder)
    assert names(model)[:4] == ["张三", "张三丰", "李四", "陈伟"]
    model.sort(1, Qt.AscendingOrder)
    assert names(model)[-1] == "王五"  # empty dates last either way
    model.sort(2, Qt.DescendingOrder)
    assert names(model) == ["李四", "张三丰", "张三", "王五", "陈伟"]


def test_search_by_pinyin_initials_name_and_every_word(model):
    model.set_search("zs")
    assert names(model) == ["张三", "张三丰"]
    model.set_search("ZSF")
    assert names(model) == ["张三丰"]
    model.set_search("李")
    assert names(model) == ["李四"]
    model.set_search("chenwei")  # full pinyin too
    assert names(model) == ["陈伟"]
    model.set_search("张 2025-01")  # every word must match: name and a visible date
    assert names(model) == ["张三丰"]
    model.set_search("")
    assert model.rowCount() == 5


def test_filters_combine_with_search_and_sorting(model):
    model.set_filter("year", lambda r: r.day is not None and r.day.year == 2025)
    assert sorted(names(model)) == ["张三", "张三丰"]
    model.set_search("zsf")
    assert names(model) == ["张三丰"]
    model.set_search("")
    model.set_filter("big", lambda r: r.count > 6)
    assert names(model) == ["张三丰"]
    model.set_filter("year", None)
    model.sort(0, Qt.AscendingOrder)
    assert names(model) == ["李四", "张三丰"]
    assert [r.id for r in model.visible_rows()] == [2, 4]
    assert model.view_row_of(4) == 1 and model.view_row_of(3) == -1


def test_selection_follows_its_row_through_sort_and_filter(model):
    kept = QPersistentModelIndex(model.index(model.view_row_of(4), 0))
    model.sort(0, Qt.DescendingOrder)
    assert model.row(kept.row()).id == 4
    model.set_search("zs")
    assert model.row(kept.row()).id == 4
    model.set_search("李")
    assert not kept.isValid()  # filtered out: nothing selected


def test_ten_thousand_rows(qapp):
    surnames, given = "张李王赵钱孙周吴郑单", "伟芳娜敏静丽强磊军洋"
    rng = random.Random(7)
    rows = [row(i, rng.choice(surnames) + rng.choice(given) + rng.choice(given), dt.date(2015, 1, 1)
                + dt.timedelta(days=i % 3650), i % 50) for i in range(10_000)]
    m = RecordTableModel(COLUMNS)
    m.set_rows(rows)
    m.sort(0, Qt.AscendingOrder)
    m.sort(1, Qt.DescendingOrder)
    started = time.perf_counter()
    m.set_search("zw")
    elapsed = time.perf_counter() - started
    expected = sum(1 for r in rows if "zw" in r.search_key or "zw" in r.name)
    assert m.rowCount() == expected > 0
    shown = [m.data(m.index(r, 0)) for r in range(m.rowCount())]
    assert all(name[0] in "张赵周郑" and name[1] == "伟" for name in shown)  # z… + 伟: initials z w
    assert elapsed < 1.0  # generous: a keystroke takes ~5 ms; bench/ prints the real figure
