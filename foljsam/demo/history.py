"""The demo city's follow-ups of earlier years, so that "last followed up" and
"previous outcome" mean something.

* 2021 and 2022 are recorded afterwards, as a city moving from Word files would
  record them: the LOV areas of disability and social psychiatry, the districts'
  own units, family counselling, some substance-abuse agreements. Daily activity,
  the defector programmes, the HVB places and the schools' short-term supervision
  were not followed up (seed 004: "inte har följts upp via verksamhetsbesök på
  längre tid", "för första gången").
* 2023 is seed 004's year: 148 planned, 138 performed, per contract area the
  planned and performed counts and the outcome shares of its charts.
* 2024, 2025 and 2026 go through the system itself: each year's selection is made
  on 1 December the year before, with the plan of the day, allocated, published,
  and its follow-ups given their results; 2026 is still under way.

Everything comes from fixed seeds: every load gives the same history.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from foljsam.accounts.access import SYSTEM
from foljsam.accounts.models import Organisation, User
from foljsam.demo.work import WORKING_DISTRICTS
from foljsam.findings.choices import Severity
from foljsam.findings.services import deficiency_register
from foljsam.followups.choices import CancelReason, Method, Outcome
from foljsam.followups.models import FollowUp
from foljsam.followups.services import (
    followup_cancel,
    followup_record_history,
    followup_record_result,
)
from foljsam.planning.allocation import Options
from foljsam.planning.choices import Placement
from foljsam.planning.publishing import selection_publish
from foljsam.planning.runs import candidate_remove, selection_run_create
from foljsam.registry.models import Agreement, ContractArea, Unit
from foljsam.registry.responsibility_map import MapRow, responsibility_map
from foljsam.requirements.models import RequirementCategory

C, A, M, N = (
    Outcome.COMPLIES,
    Outcome.COMPLIES_AFTER_COMPLEMENT,
    Outcome.MINOR_DEFICIENCIES_REMAIN,
    Outcome.DOES_NOT_COMPLY,
)
SITE, DIGITAL, REVIEW, FIN = (
    Method.SITE_VISIT,
    Method.DIGITAL_VISIT,
    Method.DOCUMENT_REVIEW,
    Method.FINANCIAL_CHECK,
)


@dataclass(frozen=True)
class Year2023:
    """One contract area's row of seed 004's table, and how it was done."""

    planned: int
    outcomes: tuple[tuple[str, int], ...]
    not_performed: int
    methods: tuple[str, ...]
    months: tuple[int, int] = (2, 11)
    performer: str = ""  # an organisation code, when not the rule's
    choose: str = "all"  # all | placements


SEED_004 = {
    "daglig-verksamhet": Year2023(
        34, ((C, 19), (A, 15)), 0, (REVIEW, SITE, FIN), choose="placements"
    ),
    "korttidstillsyn": Year2023(
        20, ((C, 17), (A, 3)), 0, (SITE,), performer="sdf-sodermalm"
    ),
    # The seed's table says 24 performed; its chart's shares (35/52/9/4) fit 23.
    # The demo keeps 24 and the nearest shares: see docs/decisions.md.
    "familjeradgivning": Year2023(
        25, ((C, 8), (A, 13), (M, 2), (N, 1)), 1, (REVIEW, SITE, FIN), (3, 5)
    ),
    "avhopparverksamhet": Year2023(
        28, ((C, 6), (A, 15), (M, 1)), 6, (REVIEW, DIGITAL, FIN)
    ),
    "hvb-socialpsykiatri": Year2023(21, ((C, 11), (A, 8)), 2, (REVIEW, SITE, FIN)),
    "missbruk-vuxna": Year2023(
        20, ((C, 8), (A, 7), (M, 4)), 1, (REVIEW, SITE, FIN), choose="placements"
    ),
}

# Seed 004's common deficiencies, by area, as requirement categories.
DEFICIENCIES = {
    "daglig-verksamhet": ("rutiner", "ledningssystem", "dokumentation"),
    "korttidstillsyn": ("ledningssystem", "dokumentation", "kompetensutveckling"),
    "familjeradgivning": ("informationsplikt", "rutiner", "personal-kompetens"),
    "avhopparverksamhet": ("rutiner", "lokaler-forvaring", "ledningssystem"),
    "hvb-socialpsykiatri": ("rutiner", "lokaler-forvaring", "ledningssystem"),
    "missbruk-vuxna": (
        "lokaler-forvaring",
        "informationsplikt",
        "rutiner",
        "handledning",
    ),
}
DEFAULT_DEFICIENCIES = (
    "rutiner",
    "ledningssystem",
    "dokumentation",
    "personal-kompetens",
)
DESCRIPTIONS = {
    "rutiner": "Skriftlig rutin saknades eller var ofullständig.",
    "ledningssystem": "Det systematiska kvalitetsarbetet behövde utvecklas.",
    "dokumentation": "Rutinen för dokumentation behövde förtydligas.",
    "kompetensutveckling": "Plan för kompetensutveckling saknades.",
    "informationsplikt": "Förvaltningen hade inte fått veta om förändringar.",
    "personal-kompetens": "Kravställd kompetens saknades tillfälligt.",
    "lokaler-forvaring": "Brandsäkert skåp för personakter saknades.",
    "handledning": "Extern handledning erbjöds inte personalen.",
}

# Recorded afterwards: which areas were followed up in 2021 and 2022, and how
# many units at most (the most placements first).
EARLIER = {
    2021: {
        "familjeradgivning": 25,
        "bostad-sarskild-service": 60,
        "korttidsvistelse": 30,
        "sysselsattning": 20,
    },
    2022: {
        "ledsagar-avlosarservice": 15,
        "boendestod": 12,
        "stodboende": 8,
        "missbruk-vuxna": 12,
    },
}
EARLIER_SHARES = ((C, 0.5), (A, 0.38), (M, 0.08), (N, 0.04))


def _rows(year: int) -> dict[str, list[MapRow]]:
    """The units under agreements in force at some time of ``year`` (at its
    start, middle or end), by contract area code, one row per unit."""
    by_area: dict[str, list[MapRow]] = defaultdict(list)
    seen = set()
    for day in (dt.date(year, 1, 15), dt.date(year, 6, 1), dt.date(year, 12, 15)):
        for row in responsibility_map(user=SYSTEM, today=day):
            if row.contract_area is None or row.agreement_id is None:
                continue
            key = (row.unit.id, row.contract_area.id)
            if key not in seen:
                seen.add(key)
                by_area[row.contract_area.code].append(row)
    return by_area


@dataclass(frozen=True)
class _Registry:
    """The registry's rows by id, read once."""

    units: dict[int, Unit]
    areas: dict[int, ContractArea]
    agreements: dict[int, Agreement]
    organisations: dict[int, Organisation]
    by_code: dict[str, Organisation]
    categories: dict[str, RequirementCategory]

    @classmethod
    def load(cls) -> _Registry:
        organisations = Organisation.objects.in_bulk()
        return cls(
            Unit.objects.in_bulk(),
            ContractArea.objects.in_bulk(),
            Agreement.objects.in_bulk(),
            organisations,
            {o.code: o for o in organisations.values()},
            RequirementCategory.objects.in_bulk(field_name="code"),
        )

    def performer(self, row: MapRow, code: str = "") -> Organisation | None:
        if code:
            return self.by_code[code]
        return self.organisations[row.performer.id] if row.performer else None

    def responsible(self, row: MapRow) -> Organisation | None:
        return self.organisations[row.responsible.id] if row.responsible else None

    def ended_in(self, row: MapRow, year: int) -> bool:
        return self.ended_in_agreement(self.agreements[row.agreement_id or 0], year)

    @staticmethod
    def ended_in_agreement(agreement: Agreement, year: int) -> bool:
        ended = agreement.terminated_on
        return ended is not None and ended.year == year


def _deficiencies(
    rng: random.Random,
    reg: _Registry,
    followup: FollowUp,
    outcome: str,
    area: str,
    resolved: dt.date,
) -> None:
    """What a follow-up found: resolved by complement, or left open."""
    codes = DEFICIENCIES.get(area, DEFAULT_DEFICIENCIES)
    found: list[tuple[str, str, dt.date | None]]
    if outcome == A:
        count = min(len(codes), rng.randint(1, 3))
        found = [(c, Severity.MINOR, resolved) for c in rng.sample(codes, count)]
    elif outcome == M:
        found = [
            (rng.choice(codes), Severity.MINOR, None),
            (rng.choice(codes), Severity.MINOR, resolved),
        ]
    elif outcome == N:
        found = [
            (rng.choice(codes), Severity.SERIOUS, None),
            (rng.choice(codes), Severity.POSSIBLE_BREACH, None),
        ]
    else:
        return
    for code, severity, resolved_on in found:
        deficiency_register(
            actor=None,
            followup=followup,
            category=reg.categories[code],
            severity=severity,
            description=DESCRIPTIONS[code],
            resolved_on=resolved_on,
        )


def _day(rng: random.Random, year: int, months: tuple[int, int]) -> dt.date:
    return dt.date(year, rng.randint(*months), rng.randint(1, 28))


def _pick_outcome(rng: random.Random) -> str:
    return rng.choices(
        [o for o, _w in EARLIER_SHARES], [w for _o, w in EARLIER_SHARES]
    )[0]


def _record(
    rng: random.Random,
    reg: _Registry,
    row: MapRow,
    year: int,
    outcome: str,
    methods: Iterable[str],
    months: tuple[int, int],
    performer: Organisation | None,
) -> None:
    assert row.contract_area is not None and row.agreement_id is not None  # noqa: S101
    unit = reg.units[row.unit.id]
    performed = _day(rng, year, months)
    if unit.opened_on and performed < unit.opened_on:
        performed = min(unit.opened_on + dt.timedelta(days=30), dt.date(year, 12, 31))
    followup = followup_record_history(
        actor=None,
        year=year,
        unit=unit,
        contract_area=reg.areas[row.contract_area.id],
        agreement=reg.agreements[row.agreement_id],
        organisation=performer,
        responsible_organisation=reg.responsible(row),
        outcome=outcome,
        performed_on=performed,
        methods=methods,
    )
    resolved = min(
        performed + dt.timedelta(days=rng.randint(30, 90)), dt.date(year, 12, 31)
    )
    _deficiencies(rng, reg, followup, outcome, row.contract_area.code, resolved)


def _earlier_years(reg: _Registry) -> None:
    for year, areas in EARLIER.items():
        rng = random.Random(year)
        rows = _rows(year)
        for area, most in areas.items():
            chosen = sorted(rows[area], key=lambda r: (-r.unit.placements, r.unit.id))
            for row in chosen[:most]:
                outcome = _pick_outcome(rng)
                _record(
                    rng,
                    reg,
                    row,
                    year,
                    outcome,
                    (REVIEW, SITE),
                    (2, 11),
                    reg.performer(row),
                )


def _year_2023(reg: _Registry) -> None:
    """Seed 004's table, row by row."""
    rng = random.Random(2023)
    rows = _rows(2023)
    for area, spec in SEED_004.items():
        candidates = rows[area]
        ended = [r for r in candidates if reg.ended_in(r, 2023)]
        if spec.choose == "placements":
            kept = sorted(
                (r for r in candidates if r not in ended),
                key=lambda r: (-r.unit.placements, r.unit.id),
            )
            first = ended[: spec.not_performed]
            chosen = first + kept[: spec.planned - len(first)]
        else:
            chosen = sorted(candidates, key=lambda r: r.unit.id)
        if len(chosen) != spec.planned:
            raise RuntimeError(
                f"2023 {area}: {len(chosen)} units, the seed planned {spec.planned}"
            )
        not_done = [r for r in chosen if r in ended][: spec.not_performed]
        for row in reversed(chosen):  # not performed for another reason
            if len(not_done) >= spec.not_performed:
                break
            if row not in not_done:
                not_done.append(row)
        done = [r for r in chosen if r not in not_done]
        outcomes = [o for o, count in spec.outcomes for _ in range(count)]
        rng.shuffle(outcomes)
        if len(outcomes) != len(done):
            raise RuntimeError(
                f"2023 {area}: {len(done)} performed, {len(outcomes)} outcomes"
            )
        for row, outcome in zip(done, outcomes, strict=True):
            _record(
                rng,
                reg,
                row,
                2023,
                outcome,
                spec.methods,
                spec.months,
                reg.performer(row, spec.performer),
            )
        for row in not_done:
            _not_performed(reg, row, spec)


def _not_performed(reg: _Registry, row: MapRow, spec: Year2023) -> None:
    """Seed 004: "Skälen till att vissa uppföljningar inte genomförts har i
    flertalet fall varit att avtal sagts upp innan eller i samband med
    avtalsuppföljningen"."""
    assert row.contract_area is not None  # noqa: S101
    agreement = reg.agreements[row.agreement_id or 0]
    terminated = agreement.terminated_on is not None
    followup_record_history(
        actor=None,
        year=2023,
        unit=reg.units[row.unit.id],
        contract_area=reg.areas[row.contract_area.id],
        agreement=agreement,
        organisation=reg.performer(row, spec.performer),
        responsible_organisation=reg.responsible(row),
        not_performed_reason=(
            CancelReason.AGREEMENT_TERMINATED if terminated else CancelReason.OTHER
        ),
        cancelled_on=agreement.terminated_on or dt.date(2023, 6, 30),
        note=(
            agreement.termination_reason
            if terminated
            else "Utföraren kunde inte ta emot besök under våren."
        ),
    )


def _system_years(reg: _Registry, coordinator: User | None, today: dt.date) -> None:
    """Each year from 2024 as the coordinator would: select on 1 December the year
    before, leave out what no one has room for, publish, record the results."""
    for year in range(2024, today.year + 1):
        rng = random.Random(year)
        run, _result = selection_run_create(
            actor=coordinator,
            year=year,
            as_of=dt.date(year - 1, 12, 1),
            options=Options(avoid_own=False, central_keeps_lou=True),
            seed=year,
            note="Årets urval.",
        )
        assert run is not None  # noqa: S101
        for candidate in run.candidates.filter(
            selected=True, placement=Placement.OVER_CAPACITY
        ):
            candidate_remove(
                actor=coordinator,
                candidate=candidate,
                note="Ryms inte i årets kapacitet; tas med nästa år.",
                today=dt.date(year - 1, 12, 15),
            )
        selection_publish(actor=coordinator, run=run, base_url="", notify=False)
        current = year == today.year
        working = set(
            Organisation.objects.filter(code__in=WORKING_DISTRICTS).values_list(
                "pk", flat=True
            )
        )
        for followup in (
            FollowUp.objects.filter(candidate__run=run)
            .select_related("contract_area", "agreement")
            .order_by("pk")
        ):
            agreement = followup.agreement
            if agreement is not None and reg.ended_in_agreement(agreement, year):
                followup_cancel(
                    actor=coordinator,
                    followup=followup,
                    reason=CancelReason.AGREEMENT_TERMINATED,
                    on=agreement.terminated_on or today,
                )
                continue
            under_way = rng.random() < 0.3
            if current and (under_way or followup.organisation_id in working):
                # Still under way on the demo's day; the districts with demo
                # officers keep all theirs, for demo.work to take further.
                continue
            outcome = _pick_outcome(rng)
            last_month = today.month - 1 if current else 11
            performed = _day(rng, year, (2, max(2, last_month)))
            done = followup_record_result(
                actor=coordinator,
                followup=followup,
                outcome=outcome,
                performed_on=performed,
                methods=[*followup.methods, REVIEW, FIN],
            )
            resolved = min(performed + dt.timedelta(days=rng.randint(30, 90)), today)
            _deficiencies(
                rng, reg, done, outcome, followup.contract_area.code, resolved
            )


def load_history(*, today: dt.date, coordinator: User | None) -> int:
    """Record the demo's history once; a second load changes nothing. Returns how
    many follow-ups were made."""
    if FollowUp.objects.exists():
        return 0
    reg = _Registry.load()
    _earlier_years(reg)
    _year_2023(reg)
    _system_years(reg, coordinator, today)
    return FollowUp.objects.count()
