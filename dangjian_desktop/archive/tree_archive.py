"""The year's archive of a 党总支 or 党委 on a server: one zip with the summed 党内统计表 and a folder per branch
beneath it, each holding what the branch's own archive holds (year_archive), and an index.html linking them."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

from dangjian_desktop.archive.year_archive import (
    ArchiveError,
    ArchiveResult,
    Steps,
    archive_name,
    building,
    checked_target,
    fill_folder,
    steps_of,
    year_attachments,
    zip_folder,
)
from dangjian_desktop.queries.tree_figures import TreeRow, tree_figures
from dangjian_desktop.reports.registry import write_statistics_file
from dangjian_desktop.store import tree

SUMMED = ("党内统计表（汇总）.pdf", "党内统计表（汇总）.xlsx")


def write_tree_archive(root_id: int, year: int, out: str | Path,
                       progress: Callable[[int, int], bool | None] | None = None, today: dt.date | None = None,
                       password: str | None = None) -> ArchiveResult:
    """Every branch under `root_id`, each in its folder (named by its place in the tree), and the totals."""
    out = checked_target(out, password)
    was = tree.current_branch()
    try:
        view = tree_figures(root_id, year, today)
        if view.organisation.level == tree.BRANCH:
            raise ArchiveError(f"“{view.organisation.name}”是党支部：请在这个党支部里用“年度归档”。")
        branches = [(row, _folder(view, row)) for row in view.walk() if row.organisation.level == tree.BRANCH]
        if not branches:
            raise ArchiveError(f"“{view.organisation.name}”之下没有党支部，没有可归档的内容。")
        plans = []
        for row, folder in branches:
            tree.enter_branch(row.organisation.id)
            plans.append((row, folder, year_attachments(year)))
        steps = Steps(progress, sum(steps_of(chosen) for _r, _f, chosen in plans) + len(SUMMED) + 1)
        top = archive_name(f"{view.organisation.name}{year}年党建档案")
        result = ArchiveResult(out)
        with building(out) as work:
            root = work / top
            root.mkdir()
            for name in SUMMED:
                write_statistics_file(root / name, view.figures.statistics, view.organisation.name,
                                      today or dt.date.today(), Path(name).suffix.lstrip("."))
                result.files.append(name)
                steps.advance()
            for row, folder, chosen in plans:
                tree.enter_branch(row.organisation.id)
                own = ArchiveResult(out)
                (root / folder).mkdir(parents=True)
                fill_folder(root / folder, year, today, own, chosen, steps.advance)
                result.files += [f"{folder}/{name}" for name in own.files]
                result.skipped += [(f"{row.organisation.name}：{name}", why) for name, why in own.skipped]
                result.attachment_problems += [f"{row.organisation.name}：{p}" for p in own.attachment_problems]
            (root / "index.html").write_text(_index(view, branches, year), encoding="utf-8")
            result.files.append("index.html")
            zip_folder(work, top, out, password)
            steps.advance()
        return result
    finally:
        if was is None:
            tree.leave_branch()
        else:
            tree.enter_branch(was)


def _folder(view: TreeRow, row: TreeRow) -> str:
    """The branch's folder: the names of the organisations between the archive's top and it."""
    path = []
    organisation = row.organisation
    while organisation is not None and organisation.id != view.organisation.id:
        path.append(archive_name(organisation.name))
        organisation = organisation.parent
    return "/".join(reversed(path))


def _index(view: TreeRow, branches: list[tuple[TreeRow, str]], year: int) -> str:
    e = html.escape
    name = view.organisation.name
    summed = "".join(f"<li><a href='{e(file)}'>{e(file)}</a></li>" for file in SUMMED)
    listed = "".join(f"<li><a href='{e(folder)}/index.html'>{e(folder)}</a>（年末党员 {row.figures.members} 名）</li>"
                     for row, folder in branches)
    return ("<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
            f"<title>{e(name)} {year}年党建档案</title>"
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.6}</style></head><body>"
            f"<h1>{e(name)} {year}年党建档案</h1><p>由党建台账于 {dt.date.today():%Y年%m月%d日} 生成。</p>"
            f"<h2>汇总</h2><ul>{summed}</ul><h2>各党支部</h2><ul>{listed}</ul></body></html>\n")
