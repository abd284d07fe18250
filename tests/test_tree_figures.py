"""The committee view adds up: every 党总支's and 党委's figures are the sums of the branches beneath it, and those
equal what each branch reports on its own (its year's figures and 党内统计 tables, read in the branch); a member
moved between two of its branches is no 转入 or 转出 of the organisation above both. The year archive of a
党总支 holds each branch's."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from conftest import SERVER, on_server
from factories import id_number, make_member

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
            assert row.internal == 0  # no member moved between two of these branches (see below when one does)
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


def test_a_member_moving_between_two_branches_is_no_increase_or_decrease_of_the_committee_above_both(committee):
    from dangjian_desktop.services.party_event import party_events

    top, general, branches = committee
    tree.enter_branch(branches[0])  # 教师党支部 (under the 党总支) sends 王喆 to 小学党支部 (directly under the 党委)
    born = dt.date(1988, 3, 15)
    number = id_number(born)
    leaving = make_member("王喆", id_number=number, born=born)
    party_events.create({"member": leaving.id, "kind": "转出", "date": dt.date(2025, 9, 1),
                         "organisation": "中共实验小学支部委员会"})
    tree.enter_branch(branches[2])
    coming = make_member("王喆", id_number=number, born=born)
    party_events.create({"member": coming.id, "kind": "转入", "date": dt.date(2025, 9, 10),
                         "organisation": "中共实验中学教师支部委员会"})
    tree.leave_branch()

    view = tree_figures(top, 2025, TODAY)
    rows = {row.organisation.name: row for row in view.walk()}
    raw = sum((c.figures for c in view.children), Figures()).statistics
    total = view.figures.statistics
    assert view.internal == 1 and rows["实验中学党总支"].internal == 0  # the 党总支 holds only one end of it
    assert total.increases.count("转入") == raw.increases.count("转入") - 1
    assert total.decreases.count("转出") == raw.decreases.count("转出") - 1
    assert total.adds_up and total.at_end == raw.at_end
    assert rows["实验中学党总支"].figures.statistics.decreases.count("转出") == \
        rows["教师党支部"].figures.statistics.decreases.count("转出") + rows["退休党支部"].figures.statistics.decreases.count("转出")
