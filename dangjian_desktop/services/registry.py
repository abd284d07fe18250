"""The service of every record kind, by its table, and the order in which kinds depend on each other."""

from __future__ import annotations

from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.kinds import RecordKind
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.appraisal import appraisal_entries, appraisals
from dangjian_desktop.services.base import RecordService
from dangjian_desktop.services.category import categories
from dangjian_desktop.services.dues import dues_bases, dues_payments, dues_remittances
from dangjian_desktop.services.election import elections
from dangjian_desktop.services.meeting import meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.mobile import mobile_spells
from dangjian_desktop.services.partner import partners
from dangjian_desktop.services.party_event import party_events
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.services.talk import talks

SERVICES: dict[str, RecordService] = {s.table: s for s in (members, meetings, activities, partners, rectifications,
                                                            categories, dues_bases, dues_payments, dues_remittances,
                                                            appraisals, appraisal_entries, talks, party_events,
                                                            mobile_spells, elections)}


def dependency_order(tables: tuple[str, ...]) -> tuple[RecordKind, ...]:
    """The kinds with every kind after those its fields refer to (categories and partners before activities)."""
    done: list[RecordKind] = []

    def visit(kind: RecordKind, trail: tuple[str, ...]) -> None:
        if kind in done or kind.table in trail:
            return
        for f in kind.fields:
            if f.is_reference and f.references != kind.table:
                visit(kinds.kind(f.references), (*trail, kind.table))
        done.append(kind)

    for table in tables:
        visit(kinds.kind(table), ())
    return tuple(done)
