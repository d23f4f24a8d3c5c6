"""What a selection run looks at, read from the database in a fixed number of
queries and handed to the pure rules (``risk``, ``allocation``, ``forecast``) as
plain data.

The candidates are the active units under agreements in force on the run's
"as of" day (seed 004: "Urvalet ... har utgått från den plan ... med fokus på
verksamheter som behöver tillsyn"), one per unit and contract area, as in the
responsibility map. Everything is read as it stood on that day, so that a run for
an earlier year reads the past, not what came after it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from foljsam.accounts.access import SYSTEM
from foljsam.accounts.models import Organisation, OrganisationKind
from foljsam.complaints.selectors import risk_signal_counts
from foljsam.findings.models import Deficiency
from foljsam.followups.choices import OPEN_STATUSES, PERFORMED_STATUSES
from foljsam.followups.models import FollowUp
from foljsam.planning.allocation import Item, Office
from foljsam.planning.models import (
    DEFAULT_DISTRICT_CAPACITY,
    OrganisationSettings,
    Plan,
    PlanEntry,
)
from foljsam.planning.risk import Candidate, Key, PlanMark
from foljsam.registry.models import ResponsibilityRule
from foljsam.registry.responsibility_map import MapRow, responsibility_map


@dataclass(frozen=True, slots=True)
class Context:
    """What a candidate is, beyond what the score and the allocation read."""

    agreement_id: int
    responsible_id: int | None
    provider_id: int
    regime: str


@dataclass(slots=True)
class Inputs:
    year: int
    as_of: dt.date
    candidates: list[Candidate] = field(default_factory=list)
    items: dict[Key, Item] = field(default_factory=dict)
    context: dict[Key, Context] = field(default_factory=dict)
    offices: list[Office] = field(default_factory=list)
    plan_id: int | None = None
    plan: dict[int, PlanMark] = field(default_factory=dict)


def offices() -> list[Office]:
    """Every organisation that may perform follow-ups, with its capacity: as set
    (OrganisationSettings), else seed 002's 2-4 for a district office and no
    limit for the others."""
    settings = {s.organisation_id: s for s in OrganisationSettings.objects.all()}
    result = []
    for org_id, kind in Organisation.objects.order_by("pk").values_list("id", "kind"):
        is_district = kind == OrganisationKind.DISTRICT_OFFICE
        own = settings.get(org_id)
        if own is not None:
            minimum, maximum = own.min_per_year, own.max_per_year
        elif is_district:
            minimum, maximum = DEFAULT_DISTRICT_CAPACITY
        else:
            minimum, maximum = 0, None
        result.append(
            Office(
                org_id,
                is_district=is_district,
                is_central=kind == OrganisationKind.CENTRAL_OFFICE,
                minimum=minimum,
                maximum=maximum,
            )
        )
    return result


def plan_for_year(year: int) -> tuple[Plan | None, list[PlanEntry]]:
    """The plan that speaks for ``year``: of those covering it, the one that
    starts latest (a new plan replaces the years an older one shares with it)."""
    plan = (
        Plan.objects.filter(first_year__lte=year, last_year__gte=year)
        .order_by("-first_year", "-pk")
        .first()
    )
    if plan is None:
        return None, []
    entries = list(
        PlanEntry.objects.filter(plan=plan, year=year).select_related("contract_area")
    )
    return plan, entries


def _last_performed(year: int, as_of: dt.date) -> dict[Key, tuple[int, str]]:
    """Each pair's last follow-up performed before the run's year, as known on
    ``as_of``: the year it counts for, and its outcome."""
    last: dict[Key, tuple[int, dt.date, str]] = {}
    rows = FollowUp.objects.filter(
        Q(performed_on__isnull=True) | Q(performed_on__lte=as_of),
        status__in=sorted(PERFORMED_STATUSES),
        year__lt=year,
    ).values_list("unit_id", "contract_area_id", "year", "performed_on", "outcome")
    for unit_id, area_id, planned, performed_on, outcome in rows:
        counts_for = performed_on.year if performed_on else planned
        rank = (counts_for, performed_on or dt.date.min, outcome)
        key = (unit_id, area_id)
        if key not in last or rank[:2] > last[key][:2]:
            last[key] = rank
    return {key: (v[0], v[2]) for key, v in last.items()}


def _open_years(year: int) -> dict[Key, int]:
    """Follow-ups of earlier years still under way: they count as done in their
    year, so the unit is not picked twice."""
    found: dict[Key, int] = {}
    for unit_id, area_id, planned in FollowUp.objects.filter(
        status__in=sorted(OPEN_STATUSES), year__lt=year
    ).values_list("unit_id", "contract_area_id", "year"):
        key = (unit_id, area_id)
        found[key] = max(planned, found.get(key, planned))
    return found


def _open_deficiencies(year: int, as_of: dt.date) -> dict[Key, int]:
    counts: dict[Key, int] = defaultdict(int)
    for unit_id, area_id in Deficiency.objects.filter(
        Q(resolved_on__isnull=True) | Q(resolved_on__gt=as_of),
        followup__year__lt=year,
    ).values_list("followup__unit_id", "followup__contract_area_id"):
        counts[(unit_id, area_id)] += 1
    return counts


def selection_inputs(*, year: int, as_of: dt.date) -> Inputs:
    """Everything a run for ``year`` needs, as it stood on ``as_of``."""
    inputs = Inputs(year=year, as_of=as_of, offices=offices())
    plan, entries = plan_for_year(year)
    if plan is not None:
        inputs.plan_id = plan.pk
        inputs.plan = {
            e.contract_area_id: PlanMark(e.scope, e.target_count) for e in entries
        }
    targets = performer_targets()
    last = _last_performed(year, as_of)
    open_years = _open_years(year)
    deficiencies = _open_deficiencies(year, as_of)
    signals = risk_signal_counts(as_of=as_of)
    for row in responsibility_map(user=SYSTEM, today=as_of):
        if row.agreement_id is None or row.contract_area is None:
            continue  # no agreement in force: not a candidate (a gap)
        unit, area = row.unit, row.contract_area
        key = (unit.id, area.id)
        if key in inputs.items:
            continue  # two agreements in one area: one follow-up
        recent, older, flags = signals.for_unit(unit.id, unit.provider_id, area.id)
        last_year, last_outcome = last.get(key, (None, ""))
        inputs.candidates.append(
            Candidate(
                unit_id=unit.id,
                contract_area_id=area.id,
                cycle_years=area.cycle_years,
                started=row.started,
                last_year=last_year,
                last_outcome=last_outcome,
                open_year=open_years.get(key),
                signals_recent=recent,
                signals_older=older,
                financial_flags=flags,
                placements=unit.placements,
                open_deficiencies=deficiencies.get(key, 0),
                agreement_from=row.agreement_valid_from,
            )
        )
        inputs.items[key], inputs.context[key] = item_and_context(row, targets)
    return inputs


def performer_targets() -> dict[int, str]:
    """Each responsibility rule's performer target (what ``item_and_context``
    reads)."""
    return dict(ResponsibilityRule.objects.values_list("id", "performer"))


def item_and_context(row: MapRow, targets: Mapping[int, str]) -> tuple[Item, Context]:
    """What the allocation reads of one row of the responsibility map (a unit
    under an agreement in force), and what the follow-up is made with."""
    unit, area = row.unit, row.contract_area
    if row.agreement_id is None or area is None:
        raise ValueError("Only a unit under an agreement in force is allocated.")
    item = Item(
        key=(unit.id, area.id),
        rank=0,
        performer_id=row.performer.id if row.performer else None,
        performer_target=targets.get(row.rule_id, "") if row.rule_id else "",
        agreement_kind=row.agreement_kind,
        district_id=unit.district.id if unit.district else None,
        operator_id=unit.operator.id if unit.operator else None,
    )
    context = Context(
        agreement_id=row.agreement_id,
        responsible_id=row.responsible.id if row.responsible else None,
        provider_id=unit.provider_id,
        regime=unit.regime.value,
    )
    return item, context


# Stored form: what a candidate's ``inputs`` hold, so that the run can be replayed.


def snapshot(candidate: Candidate, item: Item, context: Context) -> dict[str, Any]:
    def day(value: dt.date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "cycle_years": candidate.cycle_years,
        "started": day(candidate.started),
        "last_year": candidate.last_year,
        "last_outcome": candidate.last_outcome,
        "open_year": candidate.open_year,
        "signals_recent": candidate.signals_recent,
        "signals_older": candidate.signals_older,
        "financial_flags": candidate.financial_flags,
        "placements": candidate.placements,
        "open_deficiencies": candidate.open_deficiencies,
        "agreement_from": day(candidate.agreement_from),
        "performer_id": item.performer_id,
        "performer_target": item.performer_target,
        "agreement_kind": item.agreement_kind,
        "district_id": item.district_id,
        "operator_id": item.operator_id,
        "responsible_id": context.responsible_id,
        "regime": context.regime,
    }


def from_snapshot(
    unit_id: int, area_id: int, data: Mapping[str, Any]
) -> tuple[Candidate, Item]:
    def day(value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    candidate = Candidate(
        unit_id=unit_id,
        contract_area_id=area_id,
        cycle_years=int(data["cycle_years"]),
        started=day(data.get("started")),
        last_year=data.get("last_year"),
        last_outcome=data.get("last_outcome", ""),
        open_year=data.get("open_year"),
        signals_recent=int(data.get("signals_recent", 0)),
        signals_older=int(data.get("signals_older", 0)),
        financial_flags=int(data.get("financial_flags", 0)),
        placements=int(data.get("placements", 0)),
        open_deficiencies=int(data.get("open_deficiencies", 0)),
        agreement_from=day(data.get("agreement_from")),
    )
    item = Item(
        key=(unit_id, area_id),
        rank=0,
        performer_id=data.get("performer_id"),
        performer_target=data.get("performer_target", ""),
        agreement_kind=data.get("agreement_kind", ""),
        district_id=data.get("district_id"),
        operator_id=data.get("operator_id"),
    )
    return candidate, item


def offices_snapshot(found: list[Office]) -> list[list[Any]]:
    return [[o.id, o.is_district, o.is_central, o.minimum, o.maximum] for o in found]


def offices_from_snapshot(data: list[list[Any]]) -> list[Office]:
    return [
        Office(int(i), bool(d), bool(c), int(lo), None if hi is None else int(hi))
        for i, d, c, lo, hi in data
    ]
