"""The overview of a year: its figures, the meeting-cycle grid and what needs attention, read together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dangjian_desktop.queries.compliance import ComplianceGrid, load_grid
from dangjian_desktop.queries.figures import YearFigures, year_figures
from dangjian_desktop.queries.reminders import Reminder, all_reminders
from dangjian_desktop.services.settings import BranchSettings, load_settings
from dangjian_desktop.store.models import Member


@dataclass(frozen=True)
class Overview:
    year: int
    today: dt.date
    settings: BranchSettings
    figures: YearFigures
    grid: ComplianceGrid
    reminders: list[Reminder]
    no_members: bool  # a new, empty database: the tab explains where to start


def build_overview(year: int | None = None, today: dt.date | None = None) -> Overview:
    """Everything the overview tab shows for `year` (this year by default), in a fixed number of queries."""
    today = today or dt.date.today()
    year = year or today.year
    settings = load_settings()
    grid = load_grid(year, today, settings)
    return Overview(year, today, settings, year_figures(year), grid, all_reminders(grid, settings, today),
                    no_members=not Member.select().exists())
