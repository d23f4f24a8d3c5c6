"""Reads of planning: every one that depends on who asks starts from
``visible_to(user)``; the aggregates a page shows are computed here, in a fixed
number of queries."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from foljsam.accounts.access import Viewer
from foljsam.accounts.models import Organisation
from foljsam.core.access import visible_or_404
from foljsam.followups.services import Deadlines
from foljsam.planning.allocation import Office, Options
from foljsam.planning.choices import Picked, RunStatus
from foljsam.planning.forecast import Coverage, forecast
from foljsam.planning.inputs import (
    from_snapshot,
    offices,
    offices_from_snapshot,
    snapshot,
)
from foljsam.planning.models import (
    Candidate,
    OrganisationSettings,
    Plan,
    PlanEntry,
    SelectionRun,
)
from foljsam.planning.publishing import calendar_for
from foljsam.planning.reasons import reason_text
from foljsam.planning.runs import Result
from foljsam.registry.models import ContractArea, Unit


def plan_list(*, user: Viewer) -> list[Plan]:
    return list(
        Plan.objects.visible_to(user)
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=PlanEntry.objects.select_related("contract_area").order_by(
                    "year", "contract_area__name"
                ),
            )
        )
        .order_by("-first_year", "-pk")
    )


def plan_detail(*, user: Viewer, pk: int) -> Plan:
    return visible_or_404(Plan.objects.visible_to(user), pk=pk)


def plan_entries(plan: Plan) -> dict[int, list[PlanEntry]]:
    """The plan's entries by year, every year of the plan present."""
    by_year: dict[int, list[PlanEntry]] = {year: [] for year in plan.years}
    for entry in plan.entries.select_related("contract_area").order_by(
        "year", "contract_area__name"
    ):
        by_year.setdefault(entry.year, []).append(entry)
    return by_year


def plan_entry_detail(*, user: Viewer, pk: int) -> PlanEntry:
    return visible_or_404(
        PlanEntry.objects.visible_to(user).select_related("plan", "contract_area"),
        pk=pk,
    )


@dataclass(frozen=True, slots=True)
class YearRow:
    year: int
    deadlines: Deadlines
    runs: list[SelectionRun]
    published: SelectionRun | None


def years_overview(*, user: Viewer, years: list[int]) -> list[YearRow]:
    runs: dict[int, list[SelectionRun]] = defaultdict(list)
    for run in (
        SelectionRun.objects.visible_to(user)
        .filter(year__in=years)
        .annotate(
            selected_count=Count("candidates", filter=Q(candidates__selected=True))
        )
    ):
        runs[run.year].append(run)
    return [
        YearRow(
            year,
            calendar_for(year),
            runs[year],
            next((r for r in runs[year] if r.status == RunStatus.PUBLISHED), None),
        )
        for year in years
    ]


@dataclass(frozen=True, slots=True)
class CapacityRow:
    organisation: Organisation
    office: Office
    contacts: list[str]
    is_set: bool


def capacity_rows() -> list[CapacityRow]:
    """Every organisation with its capacity (as set or by default) and contact
    persons. Three queries."""
    by_id = {o.id: o for o in offices()}
    settings = {
        s.organisation_id: s
        for s in OrganisationSettings.objects.prefetch_related("contact_persons")
    }
    rows = []
    for organisation in Organisation.objects.order_by("kind", "name"):
        own = settings.get(organisation.pk)
        rows.append(
            CapacityRow(
                organisation,
                by_id[organisation.pk],
                sorted(
                    u.get_full_name() or u.username
                    for u in (own.contact_persons.all() if own else [])
                ),
                own is not None,
            )
        )
    return rows


def run_list(*, user: Viewer) -> QuerySet[SelectionRun]:
    return (
        SelectionRun.objects.visible_to(user)
        .select_related("created_by", "published_by")
        .annotate(
            candidate_count=Count("candidates"),
            selected_count=Count("candidates", filter=Q(candidates__selected=True)),
        )
        .order_by("-year", "-pk")
    )


def run_detail(*, user: Viewer, pk: int) -> SelectionRun:
    return visible_or_404(
        SelectionRun.objects.visible_to(user).select_related(
            "created_by", "published_by"
        ),
        pk=pk,
    )


@dataclass(slots=True)
class AreaSummary:
    contract_area: ContractArea
    candidates: int = 0
    selected: int = 0
    mandatory: int = 0
    by_reason: Counter[str] = field(default_factory=Counter)

    @property
    def reasons(self) -> list[tuple[str, int]]:
        """(why, how many), in the order of ``Picked``; a template cannot read
        a Counter's items (the lookup finds a missing key, 0, first)."""
        return [(p.value, self.by_reason[p]) for p in Picked if self.by_reason[p]]


@dataclass(frozen=True, slots=True)
class Load:
    organisation: Organisation
    load: int
    minimum: int
    maximum: int | None

    @property
    def state(self) -> str:
        if self.maximum is not None and self.load > self.maximum:
            return "over"
        if self.load < self.minimum:
            return "under"
        return "ok"


@dataclass(slots=True)
class RunSummary:
    areas: list[AreaSummary]
    loads: list[Load]
    selected: int
    candidates: int
    unallocated: int
    changed: int
    published: int


def run_summary(run: SelectionRun) -> RunSummary:
    """Per contract area what was selected and why; per organisation its load
    against the capacity the run used. Four queries."""
    areas: dict[int, AreaSummary] = {}
    names = ContractArea.objects.in_bulk(
        list(run.candidates.values_list("contract_area_id", flat=True).distinct())
    )
    loads: Counter[int] = Counter()
    unallocated = changed = published = 0
    for (
        area_id,
        selected,
        mandatory,
        picked,
        auto,
        org_id,
        followup_id,
    ) in run.candidates.values_list(
        "contract_area_id",
        "selected",
        "mandatory",
        "picked",
        "auto_picked",
        "organisation_id",
        "followup_id",
    ):
        summary = areas.setdefault(area_id, AreaSummary(names[area_id]))
        summary.candidates += 1
        summary.mandatory += mandatory
        changed += picked != auto
        if selected:
            summary.selected += 1
            summary.by_reason[picked] += 1
            if org_id:
                loads[org_id] += 1
            else:
                unallocated += 1
            published += followup_id is not None
    capacities = {o.id: o for o in offices_from_snapshot(run.parameters["offices"])}
    organisations = Organisation.objects.in_bulk(list(loads))
    load_rows = [
        Load(
            organisations[org_id],
            count,
            capacities[org_id].minimum if org_id in capacities else 0,
            capacities[org_id].maximum if org_id in capacities else None,
        )
        for org_id, count in loads.items()
    ]
    return RunSummary(
        areas=sorted(areas.values(), key=lambda a: a.contract_area.name),
        loads=sorted(
            load_rows, key=lambda r: (r.organisation.kind, r.organisation.name)
        ),
        selected=sum(a.selected for a in areas.values()),
        candidates=sum(a.candidates for a in areas.values()),
        unallocated=unallocated,
        changed=changed,
        published=published,
    )


@dataclass(frozen=True, slots=True)
class ForecastRow:
    name: str
    years: list[Coverage]


def run_forecast(run: SelectionRun) -> list[ForecastRow]:
    """The coverage forecast of the run as it stands (the coordinator's changes
    included), per contract area and for the city. One query for the candidates,
    one for the names."""
    candidates = []
    items = {}
    done = set()
    for unit_id, area_id, data, selected, org_id in run.candidates.values_list(
        "unit_id", "contract_area_id", "inputs", "selected", "organisation_id"
    ):
        candidate, item = from_snapshot(unit_id, area_id, data)
        candidates.append(candidate)
        items[candidate.key] = item
        if selected and org_id is not None:
            done.add(candidate.key)
    coverage = forecast(
        candidates,
        year=run.year,
        done_this_year=done,
        items=items,
        offices=offices_from_snapshot(run.parameters["offices"]),
        options=Options(**run.parameters["options"]),
    )
    names = dict(
        ContractArea.objects.filter(
            pk__in={c.contract_area_id for c in coverage}
        ).values_list("pk", "name")
    )
    rows: dict[int, list[Coverage]] = defaultdict(list)
    for c in coverage:
        rows[c.contract_area_id].append(c)
    ordered = sorted((a for a in rows if a), key=lambda a: names.get(a, ""))
    result = [ForecastRow(names.get(a, ""), rows[a]) for a in ordered]
    if 0 in rows:
        result.append(ForecastRow("", rows[0]))  # the whole city, last
    return result


@dataclass(frozen=True, slots=True)
class CandidateFilters:
    q: str = ""
    selected: str = ""  # "yes", "no" or ""
    picked: str = ""
    contract_area: int | None = None
    organisation: int | None = None
    placement: str = ""


def candidate_list(
    *, run: SelectionRun, filters: CandidateFilters | None = None
) -> QuerySet[Candidate]:
    """The run's candidates in rank order, for a reader of the run."""
    filters = filters or CandidateFilters()
    rows = run.candidates.select_related(
        "unit__provider", "contract_area", "organisation", "auto_organisation"
    )
    if filters.q:
        rows = rows.filter(
            Q(unit__name__icontains=filters.q)
            | Q(unit__external_id__icontains=filters.q)
            | Q(unit__provider__name__icontains=filters.q)
        )
    if filters.selected in {"yes", "no"}:
        rows = rows.filter(selected=filters.selected == "yes")
    if filters.picked:
        rows = rows.filter(picked=filters.picked)
    if filters.contract_area:
        rows = rows.filter(contract_area_id=filters.contract_area)
    if filters.organisation:
        rows = rows.filter(organisation_id=filters.organisation)
    if filters.placement:
        rows = rows.filter(placement=filters.placement)
    return rows.order_by("rank")


def candidate_detail(*, user: Viewer, pk: int) -> Candidate:
    """A candidate, for a reader of selections, or for the district whose
    published follow-up it became."""
    return visible_or_404(
        Candidate.objects.visible_to(user).select_related(
            "run",
            "unit__provider",
            "unit__district",
            "unit__operated_by",
            "contract_area",
            "agreement",
            "organisation",
            "auto_organisation",
            "responsible_organisation",
            "followup",
        ),
        pk=pk,
    )


def candidate_for_followup(*, user: Viewer, followup_id: int) -> Candidate:
    return visible_or_404(Candidate.objects.visible_to(user), followup_id=followup_id)


def organisation_names(ids: set[int]) -> dict[int, str]:
    return dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))


def next_year(today: dt.date) -> int:
    return today.year + 1


@dataclass(frozen=True, slots=True)
class ResultRow:
    rank: int
    unit_id: str
    unit_name: str
    contract_area: str
    score: float
    picked: str
    organisation: str
    placement: str
    reasons: str


def result_rows(result: Result, *, selected_only: bool = True) -> list[ResultRow]:
    """A run's outcome (stored or a dry run) as readable rows, in rank order: for
    the command line. Three queries."""
    decisions = [d for d in result.decisions if d.selected or not selected_only]
    units = {
        pk: (external_id, name)
        for pk, external_id, name in Unit.objects.filter(
            pk__in={d.key[0] for d in decisions}
        ).values_list("pk", "external_id", "name")
    }
    areas = dict(ContractArea.objects.values_list("pk", "name"))
    codes = dict(Organisation.objects.values_list("pk", "code"))
    by_key = {c.key: c for c in result.inputs.candidates}
    rows = []
    for d in decisions:
        allocation = result.allocations.get(d.key)
        inputs = snapshot(
            by_key[d.key], result.inputs.items[d.key], result.inputs.context[d.key]
        )
        factors = {
            p.factor.value: {"points": p.points, "value": p.value}
            for p in d.scored.points
        }
        organisation = allocation.organisation_id if allocation else None
        rows.append(
            ResultRow(
                rank=d.rank,
                unit_id=units[d.key[0]][0],
                unit_name=units[d.key[0]][1],
                contract_area=areas.get(d.key[1], ""),
                score=d.scored.score,
                picked=d.picked,
                organisation=codes.get(organisation, "") if organisation else "",
                placement=allocation.placement if allocation else "",
                reasons=reason_text(inputs, factors),
            )
        )
    return rows
