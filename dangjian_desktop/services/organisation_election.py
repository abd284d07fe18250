"""A 党总支's or 党委's committee elections (its branches keep theirs in their own 换届选举 records): the same fields
and rules as a branch's (services.election.check_ballot), and the newest approved 换届选举 starts the organisation's
term in the tree."""

from __future__ import annotations

from typing import Any

from dangjian_desktop.domain.kinds import ELECTION
from dangjian_desktop.domain.validation import Checker, NotFoundError
from dangjian_desktop.services.base import CLEANERS
from dangjian_desktop.services.election import check_ballot
from dangjian_desktop.services.organisation import get
from dangjian_desktop.store.connection import acting_user
from dangjian_desktop.store.tree import BRANCH, Organisation, OrganisationElection, keeper_transaction

# The branch's election fields, but the meeting (a 党总支's or 党委's congress is no meeting of a branch's records).
FIELDS = tuple(f for f in ELECTION.fields if f.name != "meeting")


def elections_of(organisation_id: int) -> list[OrganisationElection]:
    return list(OrganisationElection.select().where(OrganisationElection.organisation == organisation_id)
                .order_by(OrganisationElection.date.desc(), OrganisationElection.id.desc()))


def add(organisation_id: int, data: dict[str, Any]) -> tuple[OrganisationElection, list]:
    """Record an election; its warnings (fewer candidates than the rule asks) come back beside it."""
    with keeper_transaction():
        organisation = get(organisation_id)
        if organisation.level == BRANCH:
            raise NotFoundError(f"“{organisation.name}”是党支部：请在这个党支部的“换届选举”页登记。")
        c = Checker()
        values = {f.name: CLEANERS[f.kind](None, c, f, data.get(f.name)) for f in FIELDS}
        if not c.errors:
            check_ballot(c, values, f"{organisation.level}委员会")
        c.raise_if_errors()
        record = OrganisationElection.create(organisation=organisation_id, recorded_by=acting_user(), **values)
        _start_term(organisation)
    return record, c.warnings


def delete(election_id: int) -> None:
    with keeper_transaction():
        record = OrganisationElection.get_or_none(OrganisationElection.id == election_id)
        if record is None:
            raise NotFoundError("这条选举记录已不存在。")
        organisation = record.organisation
        record.delete_instance()
        _start_term(organisation)


def _start_term(organisation: Organisation) -> None:
    """The newest approved 换届选举 is the term's start and its elected the committee (left as they were while there
    is none)."""
    newest = (OrganisationElection.select().where((OrganisationElection.organisation == organisation.id)
                                                  & (OrganisationElection.kind == "换届选举")
                                                  & OrganisationElection.approved_on.is_null(False))
              .order_by(OrganisationElection.date.desc(), OrganisationElection.id.desc()).first())
    if newest is not None:
        Organisation.update(term_start=newest.date, term_years=newest.term_years, committee=newest.elected,
                            row_version=Organisation.row_version + 1).where(Organisation.id == organisation.id).execute()
