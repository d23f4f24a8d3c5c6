"""Risk scoring and the year's selection: pure functions over plain data.

The city's rules (seeds 002 and 004):

* "Målet bör vara att varje verksamhet följs upp minst vart tredje år" (seed 002):
  every unit due within its contract area's cycle this year, or already overdue,
  is selected whatever its score (*mandatory*).
* "Huvudprincipen var en tillits- och riskbaserad modell med en balans mellan tillit
  och kontroll" (seed 004): beyond that, a unit is selected when its risk reaches a
  threshold. Its score adds up named factors, each with a weight the coordinator
  can change: how long it is overdue, never followed up, complaints and other
  signals in the last 12 and 24 months, placements ("utifrån vilka verksamheter som
  hade haft flest placeringar samt utifrån inkomna klagomål"), the previous outcome,
  open deficiencies, a new agreement, financial-check flags, and the multi-year
  plan's priority for its area.
* The plan can take every unit of an area ("Samtliga 21 leverantörer har kallats
  till uppföljning") or a number of them, the highest risks first ("Förvaltningen
  har planerat att följa upp 20 utförare som har valts ut ...").

Equal scores are ordered by a permutation drawn from the run's stored seed, so a
run gives the same result every time it is repeated.
"""

from __future__ import annotations

import datetime as dt
import enum
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields

from foljsam.followups.choices import Outcome
from foljsam.planning.choices import Picked, PlanScope
from foljsam.registry import coverage

Key = tuple[int, int]  # (unit id, contract area id)


class Factor(enum.StrEnum):
    OVERDUE = "overdue"
    DUE = "due"
    NEVER = "never"
    SIGNALS_RECENT = "signals_recent"
    SIGNALS_OLDER = "signals_older"
    PLACEMENTS = "placements"
    OUTCOME = "outcome"
    OPEN_DEFICIENCIES = "open_deficiencies"
    NEW_AGREEMENT = "new_agreement"
    FINANCIAL_FLAGS = "financial_flags"
    PLAN = "plan"


@dataclass(frozen=True, slots=True)
class Weights:
    """Points per factor. The defaults make two recent complaints after a poor
    result (2 * 3 + 4) reach the default threshold of 10."""

    overdue_year: float = 4.0  # per year past the due year
    due_this_year: float = 2.0
    never_followed_up: float = 4.0
    signal_recent: float = 3.0  # per signal received in the last 12 months
    signal_older: float = 1.0  # per signal received 12 to 24 months ago
    placement: float = 0.1  # per placement ...
    placement_cap: int = 50  # ... counted up to this many
    outcome_after_complement: float = 1.0
    outcome_minor_remain: float = 4.0
    outcome_not_comply: float = 8.0
    open_deficiency: float = 2.0  # per open deficiency
    new_agreement: float = 3.0
    financial_flag: float = 6.0  # per financial-check flag in the last 24 months
    plan_priority: float = 3.0
    threshold: float = 10.0  # selected on risk at or above this score

    def as_dict(self) -> dict[str, float]:
        return {key: float(value) for key, value in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Weights:
        """Weights from stored parameters; unknown keys are ignored, missing ones
        take the default (a run stored before a factor existed stays readable)."""
        values: dict[str, float | int] = {}
        for field in fields(cls):
            if field.name in data:
                raw = data[field.name]
                if not isinstance(raw, int | float) or raw < 0:
                    raise ValueError(f"{field.name} must be a number, 0 or more")
                values[field.name] = (
                    int(raw) if field.name == "placement_cap" else float(raw)
                )
        return cls(**values)  # type: ignore[arg-type]

    def outcome_points(self, outcome: str) -> float:
        points: dict[str, float] = {
            Outcome.COMPLIES_AFTER_COMPLEMENT: self.outcome_after_complement,
            Outcome.MINOR_DEFICIENCIES_REMAIN: self.outcome_minor_remain,
            Outcome.DOES_NOT_COMPLY: self.outcome_not_comply,
        }
        return points.get(outcome, 0.0)


@dataclass(frozen=True, slots=True)
class PlanMark:
    """What the multi-year plan says about a contract area this year."""

    scope: str = PlanScope.SELECTION
    target: int | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """One unit in one contract area under an agreement in force, with what the
    score looks at."""

    unit_id: int
    contract_area_id: int
    cycle_years: int
    started: dt.date | None = None  # when the city began to answer for it
    last_year: int | None = None  # the last performed follow-up
    last_outcome: str = ""
    open_year: int | None = None  # an earlier year's follow-up still under way
    signals_recent: int = 0
    signals_older: int = 0
    financial_flags: int = 0
    placements: int = 0
    open_deficiencies: int = 0
    agreement_from: dt.date | None = None

    @property
    def key(self) -> Key:
        return (self.unit_id, self.contract_area_id)

    def due_year(self, year: int) -> int:
        """A follow-up still under way counts as done in its year."""
        done = [y for y in (self.last_year, self.open_year) if y is not None]
        return coverage.due_year(
            last_year=max(done) if done else None,
            started=self.started,
            cycle_years=self.cycle_years,
            this_year=year,
        )

    def is_new_agreement(self, year: int) -> bool:
        """The agreement began this year or last, and no follow-up has been done
        under it: "nya avtal är upprättade inom området" (seed 004)."""
        start = self.agreement_from
        return (
            start is not None
            and start.year >= year - 1
            and (self.last_year is None or self.last_year < start.year)
        )


@dataclass(frozen=True, slots=True)
class Points:
    factor: Factor
    points: float
    value: int  # the count or year behind the points, for the reasons


@dataclass(frozen=True, slots=True)
class Scored:
    candidate: Candidate
    due_year: int
    mandatory: bool
    points: tuple[Points, ...]

    @property
    def score(self) -> float:
        return round(sum(p.points for p in self.points), 2)


def score(
    candidate: Candidate,
    *,
    year: int,
    weights: Weights,
    plan: PlanMark | None = None,
) -> Scored:
    """The candidate's factors and score for a selection for ``year``."""
    c, w = candidate, weights
    due = c.due_year(year)
    points: list[Points] = []

    def add(factor: Factor, amount: float, value: int) -> None:
        if amount:
            points.append(Points(factor, round(amount, 2), value))

    if due < year:
        add(Factor.OVERDUE, w.overdue_year * (year - due), due)
    elif due == year:
        add(Factor.DUE, w.due_this_year, due)
    if c.last_year is None and c.open_year is None:
        add(Factor.NEVER, w.never_followed_up, 0)
    add(Factor.SIGNALS_RECENT, w.signal_recent * c.signals_recent, c.signals_recent)
    add(Factor.SIGNALS_OLDER, w.signal_older * c.signals_older, c.signals_older)
    counted = min(c.placements, w.placement_cap)
    add(Factor.PLACEMENTS, w.placement * counted, c.placements)
    outcome_points = w.outcome_points(c.last_outcome)
    if outcome_points:
        add(Factor.OUTCOME, outcome_points, c.last_year or 0)
    add(
        Factor.OPEN_DEFICIENCIES,
        w.open_deficiency * c.open_deficiencies,
        c.open_deficiencies,
    )
    if c.agreement_from is not None and c.is_new_agreement(year):
        add(Factor.NEW_AGREEMENT, w.new_agreement, c.agreement_from.year)
    add(Factor.FINANCIAL_FLAGS, w.financial_flag * c.financial_flags, c.financial_flags)
    if plan is not None:
        add(Factor.PLAN, w.plan_priority, year)
    return Scored(c, due, mandatory=due <= year, points=tuple(points))


@dataclass(frozen=True, slots=True)
class Decision:
    scored: Scored
    rank: int  # 1 is the most urgent
    picked: str  # a ``Picked`` value, or "" when not selected

    @property
    def selected(self) -> bool:
        return bool(self.picked)

    @property
    def key(self) -> Key:
        return self.scored.candidate.key


def tiebreak(keys: Iterable[Key], seed: int) -> dict[Key, int]:
    """A reproducible random order of the keys: the same seed, the same order."""
    ordered = sorted(keys)
    positions = list(range(len(ordered)))
    random.Random(seed).shuffle(positions)  # noqa: S311 - an order, not a secret
    return dict(zip(ordered, positions, strict=True))


def select(
    candidates: Sequence[Candidate],
    *,
    year: int,
    weights: Weights,
    plan: Mapping[int, PlanMark],
    seed: int,
) -> list[Decision]:
    """Score every candidate and decide which are followed up in ``year``.

    Ranked: mandatory ones first, then by score, then by the seeded order.
    Selected, in this order of reasons: due within the cycle; every unit of an area
    the plan takes whole; a score at or above the threshold; and, for an area
    where the plan names a number, the highest-ranked others until it is reached.
    """
    scored = [
        score(c, year=year, weights=weights, plan=plan.get(c.contract_area_id))
        for c in candidates
    ]
    order = tiebreak((s.candidate.key for s in scored), seed)
    scored.sort(key=lambda s: (not s.mandatory, -s.score, order[s.candidate.key]))
    picked: dict[Key, str] = {}
    for s in scored:
        mark = plan.get(s.candidate.contract_area_id)
        if s.mandatory:
            picked[s.candidate.key] = Picked.MANDATORY
        elif mark is not None and mark.scope == PlanScope.ALL:
            picked[s.candidate.key] = Picked.PLAN_ALL
        elif s.score >= weights.threshold:
            picked[s.candidate.key] = Picked.RISK
    in_area: dict[int, int] = defaultdict(int)
    for key in picked:
        in_area[key[1]] += 1
    for s in scored:
        area = s.candidate.contract_area_id
        mark = plan.get(area)
        if (
            mark is not None
            and mark.target is not None
            and s.candidate.key not in picked
            and in_area[area] < mark.target
        ):
            picked[s.candidate.key] = Picked.PLAN_TARGET
            in_area[area] += 1
    return [
        Decision(s, rank, picked.get(s.candidate.key, ""))
        for rank, s in enumerate(scored, start=1)
    ]
