"""Coverage per contract area and the units overdue for follow-up: the city's
dashboards (issue 7). Every read starts from the models' scoping (``visible_to``,
or ``scope_q`` through the coverage table, as the responsibility map does).

**Coverage** is the planning forecast's (``planning.forecast``), counted on what
has been performed rather than planned:

* a *pair* is an active unit (``active_on_q``) in a contract area where an
  agreement in force today covers it (``valid_on_q``): the responsibility map's
  rows and the selection's candidates. Two agreements of one area are one pair;
* its *last follow-up* is its last performed one (completed or shared), counted
  in the year it was performed, or planned when the date is not known: the
  registry's ``followup_history.last_follow_ups``;
* it is *covered* when ``coverage.within_cycle(last, cycle, this year)``: the last
  follow-up counts for one of the area's ``cycle_years`` years up to and
  including this one;
* it is *overdue* when ``coverage.is_overdue(coverage.due_year(...))``: due before
  this year. Never followed up, it is due by the year the city began to answer
  for it (the later of the unit's opening and the agreement's start; with two
  agreements, the earlier of the two) plus the cycle.

Both are decided in the database, per pair, with the same comparisons as those
functions (a year is compared through its first day, so no year is extracted
from a date), and counted there: the number of queries does not depend on the
size of the city, and no responsibility map is built per request. Only the list
of overdue units resolves who is responsible, and only for the overdue pairs.

That work is still about 0.1 s for 10,000 units and 50,000 follow-ups, so the
pages take the figures through ``memo.remember``: worked out again only when one
of the tables they come from has changed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from foljsam.accounts.access import Viewer
from foljsam.accounts.models import Organisation, OrganisationKind
from foljsam.accounts.scoping import NOTHING
from foljsam.followups.choices import PERFORMED_STATUSES
from foljsam.followups.models import FollowUp, FollowUpQuerySet
from foljsam.planning.forecast import Coverage as CoverageCount
from foljsam.registry import coverage, responsibility
from foljsam.registry.choices import regime_for_provider_kind
from foljsam.registry.models import (
    Agreement,
    ContractArea,
    Coverage,
    Provider,
    ResponsibilityRule,
    Unit,
)
from foljsam.registry.querysets import (
    AgreementQuerySet,
    ContractAreaQuerySet,
    UnitQuerySet,
    active_on_q,
    valid_on_q,
)
from foljsam.registry.responsibility_map import active_rules
from foljsam.reporting import memo

# How recently a pair was followed up, as the database works it out.
COVERED = 2  # within its cycle
DUE = 1  # the last follow-up counts for the year before the cycle: due this year
OLDER = 0  # followed up longer ago: overdue
# (NULL: never followed up.)


@dataclass(frozen=True)  # no slots: remembered (pickled) in bulk
class AreaInfo:
    id: int
    code: str
    name: str
    cycle_years: int


@dataclass(frozen=True)  # no slots: remembered (pickled) in bulk
class AreaCoverage:
    """One contract area (``area`` None: the whole city) today."""

    area: AreaInfo | None
    coverage: CoverageCount  # covered of total pairs; ``share`` in percent
    overdue: int

    @property
    def covered(self) -> int:
        return self.coverage.covered

    @property
    def total(self) -> int:
        return self.coverage.total

    @property
    def share(self) -> float:
        return self.coverage.share


def areas(user: Viewer) -> list[AreaInfo]:
    return [
        AreaInfo(*row)
        for row in ContractArea.objects.visible_to(user)
        .order_by("name", "pk")
        .values_list("id", "code", "name", "cycle_years")
    ]


def _by_cycle(found: Iterable[AreaInfo]) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = defaultdict(list)
    for area in found:
        grouped[area.cycle_years].append(area.id)
    return dict(sorted(grouped.items()))


def _counts_from(year: int) -> Q:
    """A follow-up that counts for ``year`` or later (``last_follow_ups``: the
    year of its date, or the year it was planned for when it has none)."""
    return Q(performed_on__gte=dt.date(year, 1, 1)) | Q(
        performed_on__isnull=True, year__gte=year
    )


def _pairs(user: Viewer, today: dt.date) -> QuerySet[Coverage]:
    """Active units under agreements in force, one row per unit and agreement."""
    return Coverage.objects.filter(
        UnitQuerySet.scope_q(user, "unit__"),
        AgreementQuerySet.scope_q(user, "agreement__"),
        active_on_q(today, "unit__"),
        valid_on_q(today, "agreement__"),
    )


def _performed(user: Viewer) -> QuerySet[FollowUp]:
    """The pair's performed follow-ups, for a subquery on ``_pairs``."""
    return FollowUp.objects.visible_to(user).filter(
        status__in=sorted(PERFORMED_STATUSES),
        unit_id=OuterRef("unit_id"),
        contract_area_id=OuterRef("agreement__contract_area_id"),
    )


def _recency(user: Viewer, found: Sequence[AreaInfo], year: int) -> Case:
    """COVERED, DUE, OLDER or NULL for a row of ``_pairs``: one to three index
    look-ups per row, the first that matches deciding."""
    performed = _performed(user)
    whens = []
    for cycle, ids in _by_cycle(found).items():
        in_area = Q(agreement__contract_area_id__in=ids)
        whens += [
            When(
                in_area & Exists(performed.filter(_counts_from(year - cycle + 1))),
                then=Value(COVERED),
            ),
            When(
                in_area & Exists(performed.filter(_counts_from(year - cycle))),
                then=Value(DUE),
            ),
        ]
    whens.append(When(Exists(performed), then=Value(OLDER)))
    return Case(*whens, default=None, output_field=IntegerField())


def _started() -> Greatest:
    """``coverage.coverage_start``: the later of the unit's opening (if known) and
    the agreement's start."""
    return Greatest(
        "agreement__valid_from",
        Coalesce("unit__opened_on", "agreement__valid_from"),
    )


# What the figures are worked out from (``memo.fingerprint``): the registry's
# tables, and the performed follow-ups (open ones change all day, and count for
# nothing here).
COVERAGE_TABLES = (Coverage, Unit, Agreement, ContractArea)
OVERDUE_TABLES = (*COVERAGE_TABLES, Provider, Organisation, ResponsibilityRule)


def performed_followups() -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(status__in=sorted(PERFORMED_STATUSES))


def _reach(user: Viewer) -> tuple[object, ...]:
    """What ``user`` sees of the tables the figures come from."""
    return (
        UnitQuerySet.scope_q(user),
        AgreementQuerySet.scope_q(user),
        ContractAreaQuerySet.scope_q(user),
        FollowUpQuerySet.scope_q(user),
    )


def area_coverage(*, user: Viewer, today: dt.date) -> list[AreaCoverage]:
    """Coverage and overdue pairs per contract area, and for the city (last,
    ``area`` None), as ``user`` sees them today."""
    return memo.remember(
        "coverage",
        today=today,
        reach=_reach(user),
        tables=COVERAGE_TABLES,
        watched=[performed_followups()],
        compute=lambda: compute_area_coverage(user=user, today=today),
    )


def compute_area_coverage(*, user: Viewer, today: dt.date) -> list[AreaCoverage]:
    """``area_coverage`` worked out: two queries, the areas and the counts."""
    found = areas(user)
    if not found:
        return [AreaCoverage(None, CoverageCount(0, today.year, 0, 0), 0)]
    year = today.year
    per_pair = (
        _pairs(user, today)
        .values("unit_id", area=F("agreement__contract_area_id"))
        .annotate(recency=Max(_recency(user, found, year)), started=Min(_started()))
        .order_by()
    )
    counts: dict[str, Count] = {}
    for area in found:
        limit = dt.date(year - area.cycle_years, 1, 1)
        counts[f"total_{area.id}"] = Count("unit_id", filter=Q(area=area.id))
        counts[f"covered_{area.id}"] = Count(
            "unit_id", filter=Q(area=area.id, recency=COVERED)
        )
        counts[f"overdue_{area.id}"] = Count(
            "unit_id",
            filter=Q(area=area.id)
            & (Q(recency=OLDER) | Q(recency__isnull=True, started__lt=limit)),
        )
    figures = per_pair.aggregate(**counts)
    rows = [
        AreaCoverage(
            area,
            CoverageCount(
                area.id,
                year,
                figures[f"covered_{area.id}"],
                figures[f"total_{area.id}"],
            ),
            figures[f"overdue_{area.id}"],
        )
        for area in found
    ]
    city = CoverageCount(
        0, year, sum(r.covered for r in rows), sum(r.total for r in rows)
    )
    return [*rows, AreaCoverage(None, city, sum(r.overdue for r in rows))]


# The units overdue for follow-up -------------------------------------------


@dataclass(frozen=True)  # no slots: remembered (pickled) in bulk
class OrgRef:
    id: int
    name: str


@dataclass(frozen=True)  # no slots: remembered (pickled) in bulk
class OverdueUnit:
    unit_id: int
    external_id: str
    unit_name: str
    provider_id: int
    provider_name: str
    contract_area: AreaInfo
    last_followed_up: dt.date | None  # the day, when known
    last_year: int | None  # the year it counts for; None: never
    due_year: int
    responsible: OrgRef | None  # None: no rule, or the rule names nobody


@dataclass(frozen=True, slots=True)
class OverdueFilters:
    q: str = ""
    contract_area: int | None = None
    organisation: int | None = None  # the responsible organisation


def _overdue_q(user: Viewer, found: Sequence[AreaInfo], year: int) -> Q:
    """A row of ``_pairs`` whose pair is overdue: nothing performed that counts
    for the year before the cycle or later, and either something performed
    earlier or, never followed up, coverage that began before that year."""
    performed = _performed(user)
    condition = NOTHING
    for cycle, ids in _by_cycle(found).items():
        limit = dt.date(year - cycle, 1, 1)
        started_before = Q(agreement__valid_from__lt=limit) & (
            Q(unit__opened_on__isnull=True) | Q(unit__opened_on__lt=limit)
        )
        condition |= (
            Q(agreement__contract_area_id__in=ids)
            & ~Exists(performed.filter(_counts_from(year - cycle)))
            & (Exists(performed) | started_before)
        )
    return condition


def overdue_units(
    *, user: Viewer, today: dt.date, filters: OverdueFilters | None = None
) -> list[OverdueUnit]:
    """Every pair overdue for follow-up that matches ``filters``, longest overdue
    first, with who answers for it."""
    filters = filters or OverdueFilters()
    found = memo.remember(
        "overdue",
        today=today,
        reach=_reach(user),
        tables=OVERDUE_TABLES,
        watched=[performed_followups()],
        compute=lambda: compute_overdue_units(user=user, today=today),
    )
    text = filters.q.casefold()
    return [
        row
        for row in found
        if (not filters.contract_area or row.contract_area.id == filters.contract_area)
        and (
            not filters.organisation
            or (
                row.responsible is not None
                and row.responsible.id == filters.organisation
            )
        )
        and (
            not text
            or text in row.unit_name.casefold()
            or text in row.external_id.casefold()
            or text in row.provider_name.casefold()
        )
    ]


def compute_overdue_units(*, user: Viewer, today: dt.date) -> list[OverdueUnit]:
    """Every pair overdue for follow-up, longest overdue first, with who answers
    for it (the responsibility rules, resolved as the map does). Four queries:
    the organisations, the areas, the rules and the overdue rows."""
    organisations = {
        pk: (name, kind)
        for pk, name, kind in Organisation.objects.values_list("id", "name", "kind")
    }
    central_office = next(
        (
            pk
            for pk, (_, kind) in organisations.items()
            if kind == OrganisationKind.CENTRAL_OFFICE
        ),
        None,
    )
    found = areas(user)
    by_id = {area.id: area for area in found}
    rules = active_rules()
    rows = _pairs(user, today).filter(_overdue_q(user, found, today.year))
    performed = _performed(user)
    last_dated = performed.filter(performed_on__isnull=False).order_by("-performed_on")
    last_undated = performed.filter(performed_on__isnull=True).order_by("-year")
    seen: set[tuple[int, int]] = set()
    result: list[OverdueUnit] = []
    for row in (
        rows.annotate(
            last_on=last_dated.values("performed_on")[:1],
            last_planned=last_undated.values("year")[:1],
        )
        .order_by("unit__name", "unit_id", "agreement__valid_from", "agreement_id")
        .values(
            "unit_id",
            "unit__external_id",
            "unit__name",
            "unit__provider_id",
            "unit__provider__name",
            "unit__provider__kind",
            "unit__district_id",
            "unit__operated_by_id",
            "unit__opened_on",
            "agreement__kind",
            "agreement__signed_by_id",
            "agreement__valid_from",
            "agreement__contract_area_id",
            "last_on",
            "last_planned",
        )
    ):
        area = by_id.get(row["agreement__contract_area_id"])
        key = (row["unit_id"], row["agreement__contract_area_id"])
        if area is None or key in seen:
            continue  # the earliest agreement of the area answers for the pair
        seen.add(key)
        last_on: dt.date | None = row["last_on"]
        planned: int | None = row["last_planned"]
        last_year = max(
            (y for y in (last_on.year if last_on else None, planned) if y), default=None
        )
        due = coverage.due_year(
            last_year=last_year,
            started=coverage.coverage_start(
                row["unit__opened_on"], row["agreement__valid_from"]
            ),
            cycle_years=area.cycle_years,
            this_year=today.year,
        )
        if not coverage.is_overdue(due, today):
            continue  # the query only narrows down; the pure rule decides
        operator = row["unit__operated_by_id"]
        resolved = responsibility.resolve(
            rules,
            responsibility.Case(
                agreement_kind=row["agreement__kind"],
                regime=regime_for_provider_kind(row["unit__provider__kind"]),
                contract_area_id=area.id,
                operator_kind=organisations[operator][1] if operator else "",
                unit_district_id=row["unit__district_id"],
                signing_organisation_id=row["agreement__signed_by_id"],
                operating_organisation_id=operator,
            ),
            central_office_id=central_office,
        )
        responsible_id = resolved.responsible_id  # as the map shows it
        result.append(
            OverdueUnit(
                unit_id=row["unit_id"],
                external_id=row["unit__external_id"],
                unit_name=row["unit__name"],
                provider_id=row["unit__provider_id"],
                provider_name=row["unit__provider__name"],
                contract_area=area,
                last_followed_up=(
                    last_on if last_on and last_on.year == last_year else None
                ),
                last_year=last_year,
                due_year=due,
                responsible=(
                    OrgRef(responsible_id, organisations[responsible_id][0])
                    if responsible_id in organisations
                    else None
                ),
            )
        )
    result.sort(
        key=lambda u: (u.due_year, u.unit_name, u.external_id, u.contract_area.name)
    )
    return result
