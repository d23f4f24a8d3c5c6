"""The city's dashboards (issue 7): the year's follow-ups by status per
organisation and the open deficiencies past their deadline (coverage and the
overdue units are in ``dashboard_coverage``). For the central office and the
committee (``READ_CITY_REPORTS``); every read starts from the models'
``visible_to(user)``, in one query each, whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Max, Min, OuterRef, QuerySet, Subquery

from foljsam.accounts.access import Viewer
from foljsam.findings.choices import DeficiencyStatus, MeasureKind
from foljsam.findings.measures import MEASURE_STATUSES
from foljsam.findings.models import Deficiency, Measure
from foljsam.followups.choices import Status
from foljsam.followups.models import FollowUp
from foljsam.reporting.dashboard_coverage import OrgRef

# The year's follow-ups by status and organisation ---------------------------


@dataclass(frozen=True, slots=True)
class StatusRow:
    organisation: OrgRef | None  # None: not yet given to an organisation
    cells: tuple[tuple[Status, int], ...]  # every status, in the order of ``Status``

    @property
    def total(self) -> int:
        return sum(n for _status, n in self.cells)


@dataclass(frozen=True, slots=True)
class StatusTable:
    year: int
    statuses: tuple[Status, ...]
    rows: tuple[StatusRow, ...]

    @property
    def totals(self) -> tuple[tuple[Status, int], ...]:
        return tuple(
            (status, sum(row.cells[i][1] for row in self.rows))
            for i, status in enumerate(self.statuses)
        )

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)


def followup_years(*, user: Viewer, today: dt.date) -> list[int]:
    """From the first year with follow-ups to the last (or this year, if later),
    newest first: two index look-ups, not a scan of the follow-ups."""
    span = FollowUp.objects.visible_to(user).aggregate(
        first=Min("year"), last=Max("year")
    )
    first = min(span["first"] or today.year, today.year)
    last = max(span["last"] or today.year, today.year)
    return list(range(last, first - 1, -1))


def status_table(*, user: Viewer, year: int) -> StatusTable:
    """The follow-ups planned for ``year``, counted by performing organisation and
    status. One query."""
    statuses = tuple(Status)
    index = {status.value: i for i, status in enumerate(statuses)}
    counts: dict[OrgRef | None, list[int]] = {}
    for org_id, org_name, status, n in (
        FollowUp.objects.visible_to(user)
        .filter(year=year)
        .order_by()
        .values("organisation_id", "organisation__name", "status")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "organisation__name", "status", "n")
    ):
        org = OrgRef(org_id, org_name) if org_id is not None else None
        row = counts.setdefault(org, [0] * len(statuses))
        if status in index:
            row[index[status]] += n
    rows = sorted(
        (
            StatusRow(org, tuple(zip(statuses, c, strict=True)))
            for org, c in counts.items()
        ),
        key=lambda r: (
            r.organisation is None,
            r.organisation.name if r.organisation else "",
        ),
    )
    return StatusTable(year, statuses, tuple(rows))


# Open deficiencies past their deadline --------------------------------------


@dataclass(frozen=True, slots=True)
class DeficiencyFilters:
    contract_area: int | None = None
    organisation: int | None = None  # the performing organisation


def overdue_deficiencies(
    *, user: Viewer, today: dt.date, filters: DeficiencyFilters | None = None
) -> QuerySet[Deficiency]:
    """Open deficiencies whose deadline for a complement passed before ``today``
    while the provider still owes it: the district dashboard's "overdue
    complements" (``DeficiencyRow.overdue`` through
    ``findings.reminders.awaiting_complements``), decided in the database. The
    follow-up is still being assessed (once it is completed, what is left open
    can no longer be complemented), and the latest complement step is a request
    (nothing received since). Longest overdue first."""
    filters = filters or DeficiencyFilters()
    last_step = (
        Measure.objects.visible_to(user)
        .filter(
            deficiency=OuterRef("pk"),
            kind__in=[
                MeasureKind.COMPLEMENT_REQUESTED,
                MeasureKind.COMPLEMENT_RECEIVED,
            ],
        )
        .order_by("-on", "-pk")
        .values("kind")[:1]
    )
    rows = (
        Deficiency.objects.visible_to(user)
        .filter(
            status=DeficiencyStatus.OPEN,
            due_on__lt=today,
            followup__status__in=sorted(MEASURE_STATUSES),
        )
        .annotate(last_step=Subquery(last_step))
        .filter(last_step=MeasureKind.COMPLEMENT_REQUESTED)
    )
    if filters.contract_area:
        rows = rows.filter(followup__contract_area_id=filters.contract_area)
    if filters.organisation:
        rows = rows.filter(followup__organisation_id=filters.organisation)
    return rows.order_by("due_on", "followup__unit__name", "pk")


@dataclass(frozen=True, slots=True)
class Tally:
    """A count for an organisation or a contract area (``id`` None: none)."""

    id: int | None
    name: str
    count: int


@dataclass(frozen=True, slots=True)
class DeficiencyCounts:
    by_organisation: tuple[Tally, ...]
    by_area: tuple[Tally, ...]

    @property
    def total(self) -> int:
        return sum(t.count for t in self.by_area)


def overdue_deficiency_counts(*, user: Viewer, today: dt.date) -> DeficiencyCounts:
    """``overdue_deficiencies`` counted by performing organisation and by contract
    area. One query."""
    by_organisation: Counter[int | None] = Counter()
    by_area: Counter[int] = Counter()
    names: dict[tuple[str, int | None], str] = {}
    for org_id, org_name, area_id, area_name, n in (
        overdue_deficiencies(user=user, today=today)
        .order_by()
        .values(
            "followup__organisation_id",
            "followup__organisation__name",
            "followup__contract_area_id",
            "followup__contract_area__name",
        )
        .annotate(n=Count("pk"))
        .values_list(
            "followup__organisation_id",
            "followup__organisation__name",
            "followup__contract_area_id",
            "followup__contract_area__name",
            "n",
        )
    ):
        by_organisation[org_id] += n
        by_area[area_id] += n
        names["org", org_id] = org_name or ""
        names["area", area_id] = area_name

    def tallies(
        kind: str, found: Counter[int | None] | Counter[int]
    ) -> tuple[Tally, ...]:
        rows = (Tally(pk, names[kind, pk], n) for pk, n in found.items())
        return tuple(sorted(rows, key=lambda t: (t.id is None, -t.count, t.name)))

    return DeficiencyCounts(tallies("org", by_organisation), tallies("area", by_area))
