"""Reads of follow-ups: every one that depends on who asks starts from
``FollowUp.objects.visible_to(user)``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from foljsam.accounts.access import Viewer
from foljsam.core.access import visible_or_404
from foljsam.followups.choices import OPEN_STATUSES, PERFORMED_STATUSES
from foljsam.followups.models import FollowUp
from foljsam.registry.followup_history import History, LastFollowUp


def last_follow_ups(unit_ids: Collection[int] | None = None) -> History:
    """The last performed follow-up of each (unit, contract area): the registry's
    source of "last followed up" (``registry.followup_history``). A follow-up
    counts for the year it was performed, or planned when the date is not known.
    One query, whatever the size of the city."""
    rows = FollowUp.objects.filter(status__in=sorted(PERFORMED_STATUSES))
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=list(unit_ids))
    last: dict[tuple[int, int], LastFollowUp] = {}
    ranks: dict[tuple[int, int], tuple[int, dt.date]] = {}
    for unit_id, area_id, year, performed_on, outcome in rows.values_list(
        "unit_id", "contract_area_id", "year", "performed_on", "outcome"
    ):
        counts_for = performed_on.year if performed_on else year
        key = (unit_id, area_id)
        rank = (counts_for, performed_on or dt.date.min)
        if key not in ranks or rank > ranks[key]:
            ranks[key] = rank
            last[key] = LastFollowUp(counts_for, performed_on, outcome)
    return last


@dataclass(frozen=True, slots=True)
class FollowUpFilters:
    q: str = ""
    year: int | None = None
    status: str = ""  # a Status value, or "open"
    contract_area: int | None = None
    organisation: int | None = None


OPEN = "open"


def followup_list(
    *, user: Viewer, filters: FollowUpFilters | None = None
) -> QuerySet[FollowUp]:
    """The follow-ups the user may see: a district office its own (it performs or
    answers for them), the central office and the committee every one. The
    year's newest first, then by deadline and unit."""
    filters = filters or FollowUpFilters()
    rows = FollowUp.objects.visible_to(user).select_related(
        "unit",
        "provider",
        "contract_area",
        "organisation",
        "responsible_organisation",
        "template_version__template",
    )
    if filters.q:
        rows = rows.filter(
            Q(unit__name__icontains=filters.q)
            | Q(unit__external_id__icontains=filters.q)
            | Q(provider__name__icontains=filters.q)
        )
    if filters.year:
        rows = rows.filter(year=filters.year)
    if filters.status == OPEN:
        rows = rows.filter(status__in=sorted(OPEN_STATUSES))
    elif filters.status:
        rows = rows.filter(status=filters.status)
    if filters.contract_area:
        rows = rows.filter(contract_area_id=filters.contract_area)
    if filters.organisation:
        rows = rows.filter(organisation_id=filters.organisation)
    return rows.order_by("-year", "due_by", "unit__name", "pk")


def followup_years(*, user: Viewer) -> list[int]:
    """The years the user has follow-ups in, newest first."""
    return list(
        FollowUp.objects.visible_to(user)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def followup_detail(*, user: Viewer, pk: int) -> FollowUp:
    return visible_or_404(
        FollowUp.objects.visible_to(user).select_related(
            "unit__district",
            "provider",
            "contract_area",
            "agreement",
            "organisation",
            "responsible_organisation",
            "template_version__template",
            "created_by",
        ),
        pk=pk,
    )
