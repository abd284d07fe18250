"""The committee view adds up: every 党总支's and 党委's figures are the sums of the branches beneath it, and those
equal what each branch reports on its own (its year's figures and 党内统计 tables, read in the branch)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from conftest import SERVER, on_server
from factories import make_member

from dangjian_desktop.queries.figures import year_figures
from dangjian_desktop.queries.tree_figures import Figures, tree_figures
from dangjian_desktop.services import organisation
from dangjian_desktop.store import branch_files, tree
from dangjian_desktop.store.connection import close_database
from dangjian_desktop.store.session import open_server

pytestmark = pytest.mark.skipif(not on_server(), reason="the committee view reads the branches of a server")
TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def committee(database, demo_template, tmp_path):
    close_database()
    open_server(SERVER)
    top = organisation.add({"name": "区教育工委", "level": "党委", "term_years": 5, "term_start": "2021-06-01"})
    general = organisation.add({"name": "实验中学党总支", "level": "党总支", "parent_id": top.id})
    branches = [organisation.add({"name": name, "level": "党支部", "parent_id": parent}).id
                for name, parent in (("教师党支部", general.id), ("退休党支部", general.id), ("小学党支部", top.id))]
    demo = tmp_path / "demo.db"
    shutil.copyfile(demo_template, demo)
    shutil.copytree(demo_template.parent / "attachments", tmp_path / "attachments")
    for branch in branches[:2]:
        branch_files.import_file(demo, branch)
    tree.enter_branch(branches[2])
    for name in ("赵堃", "钱喆", "孙𠮷"):
        make_member(name)
    tree.leave_branch()
    return top.id, general.id, branches


def own(branch: int):
    tree.enter_branch(branch)
    try:
        return year_figures(2025)
    finally:
        tree.leave_branch()


def test_every_total_is_the_sum_of_the_branches_beneath_it(committee):
    top, general, branches = committee
    view = tree_figures(top, 2025, TODAY)
    assert [(r.organisation.name, r.depth) for r in view.walk()] == [
        ("区教育工委", 0), ("实验中学党总支", 1), ("教师党支部", 2), ("退休党支部", 2), ("小学党支部", 1)]
    for row in view.walk():
        if row.children:
            assert row.figures == sum((c.figures for c in row.children), Figures()), row.organisation.name

    reports = [own(branch) for branch in branches]
    total = view.figures
    assert total.members == sum(r.statistics.at_end for r in reports) == 2 * reports[0].statistics.at_end + 3
    assert total.meetings == {k: sum(r.meetings_by_kind[k] for r in reports) for k in reports[0].meetings_by_kind}
    assert total.dues_paid == sum(r.dues.paid for r in reports) > 0
    assert total.dues_arrears == sum(r.dues.arrears for r in reports)
    assert total.talks == sum(r.talks for r in reports) > 0
    assert sum(total.grades.values()) == sum(sum(1 for row in r.appraisal.rows if row.grade) for r in reports) > 0

    stats = total.statistics
    assert stats.adds_up and stats.at_start == sum(r.statistics.at_start for r in reports)
    for index, table in enumerate(stats.members):
        assert table.total == stats.at_end, table.title
        assert table.rows == tuple((label, sum(r.statistics.members[index].count(label) for r in reports))
                                   for label, _count in table.rows)
    assert stats.increases.rows == tuple((label, sum(r.statistics.increases.count(label) for r in reports))
                                         for label, _count in stats.increases.rows)
    assert stats.activists == sum(r.statistics.activists for r in reports)


def test_the_view_names_committees_whose_term_ends_and_returns_to_its_branch(committee):
    top, _general, branches = committee
    tree.enter_branch(branches[2])
    view = tree_figures(top, 2025, dt.date(2026, 1, 15))
    assert tree.current_branch() == branches[2]
    assert [r.text for r in view.reminders] == ["本届区教育工委委员会任期将于 2026-06-01 届满（不足6个月），请准备换届"]
    teachers = next(r for r in view.walk() if r.organisation.id == branches[0])
    assert teachers.reminders == [] or all("支委会" in r.text for r in teachers.reminders)


def test_the_year_archive_of_a_committee_holds_each_branch_and_the_totals(committee, tmp_path):
    import zipfile

    from dangjian_desktop.archive.tree_archive import write_tree_archive

    top, general, branches = committee
    tree.enter_branch(branches[2])
    seen = []
    result = write_tree_archive(general, 2025, tmp_path / "档案.zip", progress=lambda done, total: seen.append(total))
    assert tree.current_branch() == branches[2]
    with zipfile.ZipFile(result.path) as archive:
        names = archive.namelist()
        index = archive.read("实验中学党总支2025年党建档案/index.html").decode("utf-8")
    assert "实验中学党总支2025年党建档案/党内统计表（汇总）.pdf" in names
    for branch in ("教师党支部", "退休党支部"):
        assert f"实验中学党总支2025年党建档案/{branch}/年度党建工作总结.pdf" in names
        assert f"href='{branch}/index.html'" in index
    assert not any("小学党支部" in name for name in names)  # not under the 党总支
    assert any(name.startswith("实验中学党总支2025年党建档案/教师党支部/附件/") for name in names)
    assert len(set(seen)) == 1 and len(seen) == seen[0]  # every step counted, the total known from the start
