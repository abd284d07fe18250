"""党章第九条: six months in a row without organisational life, without good reason, counts as leaving the party.

From the attendance records: a member's run of meetings missed (缺席) since the last meeting he attended or was
excused from (请假: leave granted is a good reason). The run is counted from the first meeting missed: three
months on, a warning; six, the alert. A member with no meeting recorded has no run. A 流动党员's meetings
missed during his time away count as excused: he keeps his organisational life where he is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from dangjian_desktop.common.dates import add_months

WARN_MONTHS, ALERT_MONTHS = 3, 6
ABSENT = "缺席"  # the one status that breaks organisational life; 出席 and 请假 keep it
EXCUSED = "请假"


@dataclass(frozen=True)
class Sitting:
    """One meeting a member was expected at: when, what, and how he stood."""

    date: dt.date
    label: str
    status: str


def missed_run(sittings: Sequence[Sitting]) -> list[Sitting]:
    """The meetings missed since the last one attended or excused, oldest first (sittings in date order)."""
    run: list[Sitting] = []
    for sitting in sittings:
        run = [*run, sitting] if sitting.status == ABSENT else []
    return run


def level(run: Sequence[Sitting], today: dt.date) -> str | None:
    """"alert" from six months after the first meeting missed, "warn" from three, else None."""
    if not run:
        return None
    if add_months(run[0].date, ALERT_MONTHS) <= today:
        return "alert"
    if add_months(run[0].date, WARN_MONTHS) <= today:
        return "warn"
    return None


def excused_while_away(sittings: Sequence[Sitting], spells: Sequence[tuple[dt.date, dt.date | None]]) -> list[Sitting]:
    """The sittings with each one missed within a spell away (first day, last day or None while away) as excused."""
    def away(day: dt.date) -> bool:
        return any(start <= day and (end is None or day <= end) for start, end in spells)
    return [Sitting(s.date, s.label, EXCUSED) if s.status == ABSENT and away(s.date) else s for s in sittings]

