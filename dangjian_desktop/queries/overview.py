"""The overview of a year: its figures, the meeting-cycle grid and what needs attention, read together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dangjian_desktop.common.money import yuan
from dangjian_desktop.domain.rules.rectification import done_by
from dangjian_desktop.queries.compliance import ComplianceGrid, load_grid
from dangjian_desktop.queries.figures import MEETING_PLACEHOLDERS, YearFigures, year_figures
from dangjian_desktop.queries.reminders import Reminder, all_reminders
from dangjian_desktop.services.settings import BranchSettings, load_settings
from dangjian_desktop.store.models import Meeting, Member


@dataclass(frozen=True)
class Overview:
    year: int
    today: dt.date
    settings: BranchSettings
    figures: YearFigures
    grid: ComplianceGrid
    reminders: list[Reminder]
    no_members: bool  # a new, empty database: the tab explains where to start
    ask_since: bool  # nothing recorded and no 开始记录 date set: the tab asks from when records are kept here


def build_overview(year: int | None = None, today: dt.date | None = None) -> Overview:
    """Everything the overview tab shows for `year` (this year by default), in a fixed number of queries."""
    today = today or dt.date.today()
    year = year or today.year
    settings = load_settings()
    grid = load_grid(year, today, settings)
    return Overview(year, today, settings, year_figures(year), grid, all_reminders(grid, settings, today),
                    no_members=not Member.select().exists(),
                    ask_since=settings.records_since is None and not Meeting.select().exists())


# The meeting figures the overview shows first, in the order the year-end summary names them, by their
# placeholder in the summary (so the tile and the summary call a kind of meeting the same).
HEADLINE_MEETINGS = ("主题党日次数", "书记党课次数", "支部会议次数", "党员大会次数", "党课次数", "党小组会次数",
                     "组织生活会次数", "民主评议党员次数")
ALWAYS_SHOWN_ROLES = ("lesson", "lecture")  # categories shown even when none was held


def headline_figures(f: YearFigures) -> list[tuple[str, str]]:
    """(number, caption) of each figure of the overview: the ones the year-end summary prints first, then
    the activities, development, partners and rectification."""
    tiles: list[tuple[object, str]] = []
    for name in HEADLINE_MEETINGS:
        value = f.secretary_lectures if name == "书记党课次数" else f.meetings_by_kind.get(MEETING_PLACEHOLDERS[name], 0)
        tiles.append((value, f"{name.removesuffix('次数')}（次）"))
    tiles += [(total, f"{name}（{unit}）") for name, (total, unit) in f.activities_by_category.items()
              if total or f.category_roles.get(name) in ALWAYS_SHOWN_ROLES]
    done = sum(1 for r in f.rectifications if done_by(r, dt.date(f.year, 12, 31)))
    tiles += [
        (len(f.new_full_members), "转正预备党员（人）"),
        (len(f.new_probationary), "新接收预备党员（人）"),
        (len(f.in_development), "培养对象（人）"),
        (f.members_at_year_end, f"党员（人，其中预备{f.probationary_at_year_end}）"),
        (len(f.new_partners), "新增共建单位（个）"),
        (f"{done}/{len(f.rectifications)}", "整改完成/事项"),
    ]
    if f.appraisal.rows:
        counts = f.appraisal.counts
        tiles.append((f"{counts['优秀']}/{len(f.appraisal.participants)}", "民主评议优秀/参评（人）"))
    tiles.append((f.talks, "谈心谈话（次）"))
    if f.dues.kept:
        tiles += [(yuan(f.dues.paid), "实交党费（元）"), (yuan(f.dues.arrears), "欠交党费（元）"),
                  (f.dues.on_time_text or "—", "党费按时交纳率")]
    return [(str(value), caption) for value, caption in tiles]
