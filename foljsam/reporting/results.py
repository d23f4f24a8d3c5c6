"""A provider's results (issue 7, for issue 8's public pages): the latest
performed outcome of each of its units in each contract area, and the history of
its follow-ups, as plain frozen data that any page may render.

What goes in is only what may be shown outside the follow-up's own pages: year,
unit, contract area, status, the day performed, the outcome in words (the mission
description's words for the city's own units: ``followups.choices.outcome_label``),
the methods and why a planned follow-up was not performed. Never the internal
note, the outcome's reason, deficiencies, files or anyone's name.

Who sees which follow-ups (``result_followups``):

* the city's readers of the registry (``READ_REGISTRY``: the central office,
  districts, organisation and committee readers) see every performed (completed
  or shared) and every cancelled follow-up of any provider: results are the
  city's record of whom it buys from, and the registry already shows every one of
  them when each unit was last followed up, and with what outcome;
* a provider user sees its own provider's follow-ups (``FollowUp.visible_to``)
  once they are shared with it, and nothing cancelled: a result is the
  provider's once the district has sent it.

The provider itself is found through ``Provider.objects.visible_to(user)``, so
another provider's results are a 404 for a provider user. Issue 8 passes its own
queryset (the published follow-ups) to ``summarise``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from foljsam.accounts.access import Capability, Viewer, can
from foljsam.core.access import visible_or_404
from foljsam.followups.choices import (
    PERFORMED_STATUSES,
    CancelReason,
    Method,
    Outcome,
    Status,
    outcome_label,
)
from foljsam.followups.models import FollowUp
from foljsam.registry.choices import Regime, regime_for_provider_kind
from foljsam.registry.models import Provider

# What the city's readers see of a provider's follow-ups: the performed ones and
# those that were not performed, with the reason.
CITY_STATUSES = frozenset(PERFORMED_STATUSES | {Status.CANCELLED})
# What a provider user sees: the results shared with it.
PROVIDER_STATUSES = frozenset({Status.SHARED})


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One follow-up of the provider."""

    followup_id: int
    year: int  # the year it was planned for
    unit_id: int
    unit_name: str
    unit_external_id: str
    contract_area_id: int
    contract_area_name: str
    status: str
    status_label: str
    performed_on: dt.date | None
    outcome: str  # empty unless performed
    outcome_label: str
    methods: tuple[str, ...]
    method_labels: tuple[str, ...]
    not_performed_reason: str  # empty unless cancelled
    not_performed_label: str

    @property
    def performed(self) -> bool:
        return self.status in PERFORMED_STATUSES

    @property
    def counts_for(self) -> int:
        """The year it counts for (``last_follow_ups``): the visit's, when known."""
        return self.performed_on.year if self.performed_on else self.year


@dataclass(frozen=True, slots=True)
class ProviderResults:
    provider_id: int
    provider_name: str
    org_number: str
    regime: Regime
    # The latest performed follow-up of each unit in each contract area, by
    # unit and area name.
    latest: tuple[ResultRow, ...]
    # Every follow-up, newest year first.
    history: tuple[ResultRow, ...]


def result_followups(user: Viewer) -> QuerySet[FollowUp]:
    """The follow-ups whose result ``user`` may read (see the module's doc)."""
    if can(user, Capability.READ_REGISTRY):
        return FollowUp.objects.filter(status__in=sorted(CITY_STATUSES))
    return FollowUp.objects.visible_to(user).filter(
        status__in=sorted(PROVIDER_STATUSES)
    )


def summarise(provider: Provider, followups: QuerySet[FollowUp]) -> ProviderResults:
    """The results of ``provider`` among ``followups``: one query."""
    words = _Words(regime_for_provider_kind(provider.kind))
    history = tuple(
        _row(words, *values)
        for values in followups.filter(provider=provider)
        .order_by("-year", "unit__name", "contract_area__name", "pk")
        .values_list(
            "pk",
            "year",
            "unit_id",
            "unit__name",
            "unit__external_id",
            "contract_area_id",
            "contract_area__name",
            "status",
            "performed_on",
            "outcome",
            "methods",
            "cancel_reason",
        )
    )
    latest: dict[tuple[int, int], ResultRow] = {}
    for row in history:
        if not row.performed:
            continue
        key = (row.unit_id, row.contract_area_id)
        rank = (row.counts_for, row.performed_on or dt.date.min, row.followup_id)
        known = latest.get(key)
        if known is None or rank > (
            known.counts_for,
            known.performed_on or dt.date.min,
            known.followup_id,
        ):
            latest[key] = row
    return ProviderResults(
        provider_id=provider.pk,
        provider_name=provider.name,
        org_number=provider.org_number,
        regime=words.regime,
        latest=tuple(
            sorted(
                latest.values(),
                key=lambda r: (r.unit_name, r.unit_external_id, r.contract_area_name),
            )
        ),
        history=history,
    )


def provider_results(*, user: Viewer, pk: int) -> ProviderResults:
    """The results of the provider ``pk`` as ``user`` may see them; 404 for a
    provider outside their reach. Two queries."""
    provider = visible_or_404(Provider.objects.visible_to(user), pk=pk)
    return summarise(provider, result_followups(user))


class _Words:
    """The labels in the reader's language, each worked out once per summary (a
    provider such as the city itself has thousands of follow-ups)."""

    def __init__(self, regime: Regime) -> None:
        self.regime = regime
        self.status = {s.value: str(s.label) for s in Status}
        self.outcome = {o: outcome_label(o, regime) for o in Outcome.values}
        self.method = {m.value: str(m.label) for m in Method}
        self.reason = {r.value: str(r.label) for r in CancelReason}


def _row(
    words: _Words,
    pk: int,
    year: int,
    unit_id: int,
    unit_name: str,
    unit_external_id: str,
    area_id: int,
    area_name: str,
    status: str,
    performed_on: dt.date | None,
    outcome: str,
    methods: list[str] | None,
    reason: str,
) -> ResultRow:
    performed = status in PERFORMED_STATUSES
    cancelled = status == Status.CANCELLED
    known = tuple(m for m in methods or [] if m in words.method)
    return ResultRow(
        followup_id=pk,
        year=year,
        unit_id=unit_id,
        unit_name=unit_name,
        unit_external_id=unit_external_id,
        contract_area_id=area_id,
        contract_area_name=area_name,
        status=status,
        status_label=words.status.get(status, status),
        performed_on=performed_on,
        outcome=outcome if performed else "",
        outcome_label=words.outcome.get(outcome, "") if performed else "",
        methods=known,
        method_labels=tuple(words.method[m] for m in known),
        not_performed_reason=reason if cancelled else "",
        not_performed_label=words.reason.get(reason, "") if cancelled else "",
    )
