"""党内统计: start + increases − decreases = end and every table adds up to its total, on the demo year and on
every year of the ten-year bench's members and events; the printout and the workbook show the same figures
as the overview."""

from __future__ import annotations

import random
import re

import openpyxl
import pytest

from bench import build_large_db as bench
from dangjian_desktop import cli
from dangjian_desktop.queries.figures import year_figures
from dangjian_desktop.queries.statistics import YearStatistics, sections, year_statistics
from dangjian_desktop.reports.registry import build_report
from tests.pdf_reading import assert_fonts_embedded, text_of


def assert_adds_up(s: YearStatistics) -> None:
    assert s.at_start + s.increases.total - s.decreases.total == s.at_end, s
    for table in s.members:
        assert table.total == s.at_end, table
    for table in s.admitted:
        assert table.total == s.increases.count("发展党员"), table


def test_the_demo_year_adds_up_and_counts_its_transfers(demo_db):
    s = year_statistics(2025)
    assert_adds_up(s)
    assert (s.at_start, s.at_end) == (21, 21)
    assert s.increases.count("转入") == 1 and s.decreases.count("转出") == 1  # 韩雪 in, 黄佳 out
    assert s.increases.count("发展党员") == 0  # 韩雪 was admitted at her university, not here
    nationality = dict(s.members[1].rows)
    assert nationality["少数民族"] == 1 and nationality["汉族"] == 20
    assert dict(s.members[5].rows) == {"正式党员": 20, "预备党员": 1}
    assert s.at_end == year_figures(2025).members_at_year_end


def test_a_year_of_admissions_counts_them_by_the_same_characteristics(demo_db):
    s = year_statistics(2024)  # the demo's probationer was admitted in 2024
    assert_adds_up(s)
    assert s.increases.count("发展党员") == 1 == s.admitted[0].total
    assert len(year_figures(2024).new_probationary) == 1


@pytest.fixture(scope="module")
def ten_years(tmp_path_factory):
    """The bench's 200 members over ten years with its transfers, restorations and leavers (its other records
    are not needed for the counts)."""
    from dangjian_desktop.store.connection import close_database
    from dangjian_desktop.store.session import open_database

    path = tmp_path_factory.mktemp("bench") / "ten.db"
    open_database(path)
    rng = random.Random(2016)
    bench._in_batches(bench._members(rng))
    bench._in_batches(bench._party_events(rng))
    yield path
    close_database()


@pytest.mark.parametrize("year", bench.YEARS)
def test_every_year_of_ten_years_adds_up(ten_years, year):
    from dangjian_desktop.store.session import open_database

    open_database(ten_years)
    assert_adds_up(year_statistics(year))


def test_ten_years_count_every_kind_of_change(ten_years):
    from dangjian_desktop.store.session import open_database

    open_database(ten_years)
    years = [year_statistics(year) for year in bench.YEARS]
    increases = {label: sum(s.increases.count(label) for s in years) for label in ("发展党员", "转入", "恢复党籍")}
    decreases = {label: sum(s.decreases.count(label) for s in years) for label in ("死亡", "出党：除名", "停止党籍",
                                                                                   "转出")}
    assert all(increases.values()) and all(decreases.values()), (increases, decreases)
    assert years[0].at_end == years[1].at_start  # one year's end is the next one's start


def _flat(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_the_printed_tables_show_the_overviews_figures(demo_db, tmp_path, capsys):
    code = cli.run(cli.parse_args(["report", "statistics", "--year", "2025", "--db", str(demo_db),
                                   "--out", str(tmp_path / "统计.pdf")]))
    assert code == 0 and "已生成" in capsys.readouterr().out
    path = tmp_path / "统计.pdf"
    text = _flat(text_of(path))
    figures = year_figures(2025)
    for phrase in ("党内统计表", "（2025年度）", "一、党员增减情况", f"上年末党员数{21}", "转入1", "转出1",
                   f"本年末党员数{figures.members_at_year_end}", f"二、2025年末党员构成（共{figures.members_at_year_end}名）",
                   f"正式党员{figures.full_members_at_year_end}", f"预备党员{figures.probationary_at_year_end}",
                   "少数民族14.8", "入党申请人", "其中：发展对象"):
        assert phrase in text, phrase
    assert_fonts_embedded(path)


def test_the_workbook_is_laid_out_like_the_printout(demo_db, tmp_path):
    path = build_report("statistics", tmp_path / "统计", year=2025, fmt="xlsx")
    assert path.suffix == ".xlsx"
    sheet = openpyxl.load_workbook(path).active
    values = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert values[0] == ["常州市武进区政平小学党支部党内统计表（2025年度）"]
    printed = sections(year_statistics(2025))
    headings = [row[0] for row in values if row and str(row[0])[:2] in ("一、", "二、", "三、", "四、")]
    assert headings == [s.heading for s in printed]
    assert ["本年末党员数", 21] in values and ["少数民族", 1, 4.8] in values
    assert any(sheet.cell(r.min_row, 1).value == "年龄" and r.max_row - r.min_row == 9 for r in sheet.merged_cells.ranges)


def test_a_rosters_own_words_for_education_count_where_they_belong(database):
    from tests.factories import make_member

    for name, words in (("甲", "本科"), ("乙", "硕士研究生"), ("丙", "大专"), ("丁", "私塾"), ("戊", "")):
        make_member(name, education=words)
    education = dict(year_statistics(2025).members[3].rows)
    assert (education["大学本科"], education["研究生"], education["大学专科"], education["其他或未填"]) == (1, 1, 1, 2)


def test_the_summary_can_say_the_years_transfers(demo_db):
    from dangjian_desktop.queries.figures import PLACEHOLDERS, placeholder_values

    values = placeholder_values(year_figures(2025))
    assert (values["年初党员人数"], values["转入党员人数"], values["转出党员人数"], values["党员总数"]) == ("21", "1", "1", "21")
    assert {"年初党员人数", "转入党员人数", "转出党员人数"} <= set(PLACEHOLDERS)
