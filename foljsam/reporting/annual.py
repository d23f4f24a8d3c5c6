"""The annual report to the social committee (issue 7), as plain data.

Seed 002: "Socialförvaltningen sammanställer samtliga avtalsuppföljningar i en
årsrapport som redovisas för socialnämnden senast den 30 april." Seed 004 is such
a report: per contract area how many units there are, how many follow-ups were
planned and performed ("Totalt har 138 av 148 planerade uppföljningar
genomförts"), how, the outcome shares in charts, the common deficiencies, the
financial checks, and the plan for the coming years. Seed 001 asks that the
city's own units be followed up "på likvärdigt sätt" as private ones, so the
report sets the two regimes side by side.

Pure: frozen dataclasses and the functions that build them from rows already
read (``annual_selectors.py`` reads them). The page, the PDF, the DOCX, the XLSX
and the JSON (``annual_render.py``, ``annual_documents.py``) all render one
``AnnualReport``. Counting rules, decided in docs/decisions.md:

* a follow-up counts in the year it was planned for (``FollowUp.year``);
* planned = every follow-up of the year; performed = completed or shared, with
  an outcome; not performed = cancelled, by its reason; the rest are still in
  progress (only ever in the current year);
* shares are percent of performed, one decimal;
* a deficiency category counts the follow-ups that found at least one
  deficiency in it;
* "units" counts units active at some time of the year under an agreement in
  force at some time of the year in the area;
* coverage at the end of the year: the share of those units whose last performed
  follow-up in the area lies within the area's cycle (``within_cycle``);
* a screening campaign (issue 9) counts in its year, its providers per contract
  area: ``annual_screening.py``. An area a campaign asked about is reported
  even without follow-ups.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from foljsam.followups.choices import PERFORMED_STATUSES, CancelReason, Method, Outcome
from foljsam.registry.choices import Regime
from foljsam.registry.coverage import within_cycle
from foljsam.reporting.annual_screening import (
    AreaScreening,
    CampaignRow,
    ScreeningSummary,
    area_json,
    build_screening,
    method_counts,
    screening_json,
)

OUTCOMES: tuple[str, ...] = tuple(Outcome.values)
REASONS: tuple[str, ...] = tuple(CancelReason.values)
METHODS: tuple[str, ...] = tuple(Method.values)
REGIMES: tuple[str, ...] = (Regime.OWN, Regime.PRIVATE)
CANCELLED = "cancelled"


def percent(part: int, whole: int) -> float:
    """Percent with one decimal; 0.0 of nothing."""
    return round(100 * part / whole, 1) if whole else 0.0


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    """One follow-up of the year, as the report needs it."""

    contract_area_id: int
    regime: str
    status: str
    outcome: str
    cancel_reason: str
    methods: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Tally:
    """Planned, performed, not performed (by reason) and the outcomes of a set of
    follow-ups."""

    planned: int = 0
    performed: int = 0
    in_progress: int = 0
    not_performed: Mapping[str, int] = field(default_factory=dict)
    outcomes: Mapping[str, int] = field(default_factory=dict)

    @property
    def not_performed_total(self) -> int:
        return sum(self.not_performed.values())

    @property
    def shares(self) -> dict[str, float]:
        return {o: percent(self.outcomes.get(o, 0), self.performed) for o in OUTCOMES}

    @property
    def performed_share(self) -> float:
        return percent(self.performed, self.planned)

    def outcome_rows(self) -> list[tuple[str, int, float]]:
        """(outcome, count, share) in the four outcomes' order."""
        shares = self.shares
        return [(o, self.outcomes.get(o, 0), shares[o]) for o in OUTCOMES]

    def reason_rows(self) -> list[tuple[str, int]]:
        return [(r, self.not_performed.get(r, 0)) for r in REASONS]


def tally(rows: Iterable[FollowUpRow]) -> Tally:
    planned = performed = in_progress = 0
    reasons: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    for row in rows:
        planned += 1
        if row.status in PERFORMED_STATUSES and row.outcome:
            performed += 1
            outcomes[row.outcome] += 1
        elif row.status == CANCELLED:
            reasons[row.cancel_reason or CancelReason.OTHER] += 1
        else:
            in_progress += 1
    return Tally(
        planned=planned,
        performed=performed,
        in_progress=in_progress,
        not_performed={r: reasons[r] for r in REASONS},
        outcomes={o: outcomes[o] for o in OUTCOMES},
    )


@dataclass(frozen=True, slots=True)
class AreaInfo:
    id: int
    code: str
    name: str
    law: str
    legal_reference: str
    cycle_years: int


@dataclass(frozen=True, slots=True)
class CategoryCount:
    code: str
    name: str
    count: int


@dataclass(frozen=True, slots=True)
class FinancialSummary:
    """The financial and seriousness checks made in the year's follow-ups."""

    checks: int = 0
    flagged_checks: int = 0
    items: tuple[tuple[str, int], ...] = ()  # (item, how many checks flagged it)


@dataclass(frozen=True, slots=True)
class CoverageCount:
    covered: int
    total: int

    @property
    def share(self) -> float:
        return percent(self.covered, self.total)


@dataclass(frozen=True, slots=True)
class AreaReport:
    area: AreaInfo
    units: int
    tally: Tally
    regime: str  # own | private | mixed: which outcome words fit the area
    methods: tuple[tuple[str, int], ...]  # (method, follow-ups using it)
    deficiencies: tuple[CategoryCount, ...]  # most common first
    correction_requests: int
    penalties: int
    terminations: int
    financial: FinancialSummary
    coverage: CoverageCount
    screening: AreaScreening = field(default_factory=AreaScreening)

    @property
    def method_counts(self) -> tuple[tuple[str, int, str], ...]:
        """(method, count, unit): follow-ups per method, then the providers
        who answered a screening campaign."""
        return method_counts(self.methods, self.screening)


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """An area with units in the year, whether followed up that year or not."""

    area: AreaInfo
    planned: int
    coverage: CoverageCount
    screened: int = 0  # providers a screening campaign asked


@dataclass(frozen=True, slots=True)
class PlanLine:
    """One prioritised contract area in one of the coming years (issue 5)."""

    year: int
    contract_area: str  # its code
    contract_area_name: str
    method: str  # PlanMethod
    scope: str  # PlanScope
    target_count: int | None
    lead: str  # PlanLead
    rationale: str
    plan: str  # the plan's name


@dataclass(frozen=True, slots=True)
class AnnualReport:
    year: int
    made_on: dt.date
    total: Tally
    areas: tuple[AreaReport, ...]  # with follow-ups planned in the year, or screened
    regimes: Mapping[str, Tally]
    coverage: CoverageCount  # every unit of every area
    coverage_rows: tuple[CoverageRow, ...]  # every area with units
    plan: tuple[PlanLine, ...]
    deficiencies: tuple[CategoryCount, ...]  # the city's most common
    correction_requests: int = 0
    penalties: int = 0
    terminations: int = 0
    screening: ScreeningSummary = field(default_factory=ScreeningSummary)

    @property
    def units(self) -> int:
        """The units of the areas followed up in the year."""
        return sum(a.units for a in self.areas)

    @property
    def not_followed_up(self) -> tuple[AreaInfo, ...]:
        """Areas with units but no follow-up planned in the year, nor a
        screening campaign asking their providers."""
        return tuple(
            row.area
            for row in self.coverage_rows
            if not row.planned and not row.screened
        )

    @property
    def plan_years(self) -> range:
        return range(self.year + 1, self.year + 4)

    @property
    def financial(self) -> FinancialSummary:
        items: Counter[str] = Counter()
        for area in self.areas:
            items.update(dict(area.financial.items))
        return FinancialSummary(
            checks=sum(a.financial.checks for a in self.areas),
            flagged_checks=sum(a.financial.flagged_checks for a in self.areas),
            items=tuple(sorted(items.items(), key=lambda kv: (-kv[1], kv[0]))),
        )


# Building --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything the report is built from, as read by the selectors."""

    year: int
    made_on: dt.date
    areas: Sequence[AreaInfo]  # in the report's order
    followups: Sequence[FollowUpRow]
    units: Mapping[int, frozenset[int]]  # area id -> unit ids in the area in Y
    last_performed: Mapping[tuple[int, int], int]  # (unit, area) -> year <= Y
    deficiencies: Mapping[int, Mapping[str, int]]  # area id -> category -> n
    category_names: Mapping[str, str]
    actions: Mapping[int, Mapping[str, int]]  # area id -> action kind -> n
    financial: Mapping[int, FinancialSummary]  # area id -> checks
    plan: Sequence[PlanLine] = ()
    campaigns: Sequence[CampaignRow] = ()  # the year's sent screening campaigns


def _methods(rows: Iterable[FollowUpRow]) -> tuple[tuple[str, int], ...]:
    used: Counter[str] = Counter()
    for row in rows:
        if row.status in PERFORMED_STATUSES and row.outcome:
            used.update(set(row.methods))
    return tuple((m, used[m]) for m in METHODS if used[m])


def _categories(
    counts: Mapping[str, int], names: Mapping[str, str]
) -> tuple[CategoryCount, ...]:
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))
    return tuple(CategoryCount(code, names.get(code, code), n) for code, n in ordered)


def _regime(rows: Sequence[FollowUpRow]) -> str:
    regimes = {row.regime for row in rows}
    if len(regimes) == 1:
        return regimes.pop()
    return "mixed" if regimes else Regime.PRIVATE


def _coverage(
    unit_ids: Iterable[int],
    area: AreaInfo,
    last_performed: Mapping[tuple[int, int], int],
    year: int,
) -> CoverageCount:
    units = list(unit_ids)
    covered = sum(
        within_cycle(last_performed.get((unit, area.id)), area.cycle_years, year)
        for unit in units
    )
    return CoverageCount(covered, len(units))


def build_report(inputs: Inputs) -> AnnualReport:
    """The report of ``inputs.year``: the areas with follow-ups planned that
    year or providers screened, and the coverage of every area with units, in
    the order given."""
    screening = build_screening(inputs.campaigns, inputs.areas, inputs.made_on)
    by_area: dict[int, list[FollowUpRow]] = defaultdict(list)
    for row in inputs.followups:
        by_area[row.contract_area_id].append(row)
    areas: list[AreaReport] = []
    coverage_rows: list[CoverageRow] = []
    for area in inputs.areas:
        rows = by_area.get(area.id, [])
        units = inputs.units.get(area.id, frozenset())
        coverage = _coverage(units, area, inputs.last_performed, inputs.year)
        screened = screening.areas.get(area.id, AreaScreening())
        if units:
            coverage_rows.append(CoverageRow(area, len(rows), coverage, screened.asked))
        if not rows and not (screened.asked or screened.visits):
            continue
        actions = inputs.actions.get(area.id, {})
        areas.append(
            AreaReport(
                area=area,
                units=len(units),
                tally=tally(rows),
                regime=_regime(rows),
                methods=_methods(rows),
                deficiencies=_categories(
                    inputs.deficiencies.get(area.id, {}), inputs.category_names
                ),
                correction_requests=actions.get("correction_request", 0),
                penalties=actions.get("penalty", 0),
                terminations=actions.get("termination", 0),
                financial=inputs.financial.get(area.id, FinancialSummary()),
                coverage=coverage,
                screening=screened,
            )
        )
    city_categories: Counter[str] = Counter()
    for counts in inputs.deficiencies.values():
        city_categories.update(counts)
    return AnnualReport(
        year=inputs.year,
        made_on=inputs.made_on,
        total=tally(inputs.followups),
        areas=tuple(areas),
        regimes={
            regime: tally(r for r in inputs.followups if r.regime == regime)
            for regime in REGIMES
        },
        coverage=CoverageCount(
            sum(r.coverage.covered for r in coverage_rows),
            sum(r.coverage.total for r in coverage_rows),
        ),
        coverage_rows=tuple(coverage_rows),
        plan=tuple(inputs.plan),
        deficiencies=_categories(dict(city_categories), inputs.category_names),
        correction_requests=sum(a.correction_requests for a in areas),
        penalties=sum(a.penalties for a in areas),
        terminations=sum(a.terminations for a in areas),
        screening=screening,
    )


# The JSON format (docs/formats.md) --------------------------------------------


def _tally_json(t: Tally) -> dict[str, object]:
    return {
        "planned": t.planned,
        "performed": t.performed,
        "in_progress": t.in_progress,
        "not_performed": dict(t.not_performed),
        "outcomes": dict(t.outcomes),
        "shares": t.shares,
    }


def report_json(report: AnnualReport) -> dict[str, object]:
    """The report as JSON-ready data: the issue's keys, and more beside them."""
    total = report.total
    return {
        "year": report.year,
        "made_on": report.made_on.isoformat(),
        "planned": total.planned,
        "performed": total.performed,
        "in_progress": total.in_progress,
        "not_performed": dict(total.not_performed),
        "outcomes": dict(total.outcomes),
        "shares": total.shares,
        "areas": [
            {
                "contract_area": a.area.code,
                "name": a.area.name,
                "law": a.area.law,
                "units": a.units,
                **_tally_json(a.tally),
                "methods": dict(a.methods),
                "deficiency_categories": {d.code: d.count for d in a.deficiencies},
                "correction_requests": a.correction_requests,
                "penalties": a.penalties,
                "terminations": a.terminations,
                "financial_checks": {
                    "checks": a.financial.checks,
                    "flagged_checks": a.financial.flagged_checks,
                    "flagged_items": dict(a.financial.items),
                },
                "coverage": {
                    "covered": a.coverage.covered,
                    "units": a.coverage.total,
                    "share": a.coverage.share,
                    "cycle_years": a.area.cycle_years,
                },
                "screening": area_json(a.screening),
            }
            for a in report.areas
        ],
        "regimes": {regime: _tally_json(t) for regime, t in report.regimes.items()},
        "coverage": {
            "covered": report.coverage.covered,
            "units": report.coverage.total,
            "share": report.coverage.share,
            "areas": [
                {
                    "contract_area": row.area.code,
                    "name": row.area.name,
                    "planned": row.planned,
                    "units": row.coverage.total,
                    "covered": row.coverage.covered,
                    "share": row.coverage.share,
                    "cycle_years": row.area.cycle_years,
                }
                for row in report.coverage_rows
            ],
        },
        "deficiency_categories": {d.code: d.count for d in report.deficiencies},
        "correction_requests": report.correction_requests,
        "penalties": report.penalties,
        "terminations": report.terminations,
        "screening": screening_json(report.screening),
        "plan": [
            {
                "year": line.year,
                "contract_area": line.contract_area,
                "method": line.method,
                "scope": line.scope,
                "target_count": line.target_count,
                "lead": line.lead,
                "rationale": line.rationale,
                "plan": line.plan,
            }
            for line in report.plan
        ],
    }
