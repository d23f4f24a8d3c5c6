"""The risk score and the selection, with expectations computed by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from foljsam.planning.choices import Picked, PlanScope
from foljsam.planning.risk import (
    Candidate,
    Factor,
    PlanMark,
    Weights,
    score,
    select,
    tiebreak,
)

YEAR = 2027
W = Weights()


def points(scored) -> dict[str, float]:
    return {p.factor.value: p.points for p in scored.points}


def test_a_unit_with_everything_against_it() -> None:
    """Last followed up 2022 (due 2025, two years overdue), 3 signals in the last
    12 months and 2 before, 12 placements, left with minor deficiencies, 2 of
    them open, 1 financial flag, in an area the plan prioritises:

    overdue 4 x 2 = 8; signals 3 x 3 + 1 x 2 = 11; placements 0.1 x 12 = 1.2;
    outcome 4; open deficiencies 2 x 2 = 4; flag 6; plan 3: 37.2 in all."""
    c = Candidate(
        unit_id=1,
        contract_area_id=10,
        cycle_years=3,
        started=dt.date(2015, 3, 1),
        last_year=2022,
        last_outcome="minor_deficiencies_remain",
        signals_recent=3,
        signals_older=2,
        placements=12,
        open_deficiencies=2,
        financial_flags=1,
        agreement_from=dt.date(2015, 1, 1),
    )
    s = score(c, year=YEAR, weights=W, plan=PlanMark())
    assert s.due_year == 2025
    assert s.mandatory
    assert points(s) == {
        "overdue": 8.0,
        "signals_recent": 9.0,
        "signals_older": 2.0,
        "placements": 1.2,
        "outcome": 4.0,
        "open_deficiencies": 4.0,
        "financial_flags": 6.0,
        "plan": 3.0,
    }
    assert s.score == 37.2


def test_a_trusted_unit_scores_nothing() -> None:
    """Followed up 2025 and complied: due 2028, nothing else: 0 and not due."""
    c = Candidate(
        1, 10, 3, dt.date(2010, 1, 1), last_year=2025, last_outcome="complies"
    )
    s = score(c, year=YEAR, weights=W)
    assert (s.due_year, s.mandatory, s.score, s.points) == (2028, False, 0.0, ())


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        # Followed up 2024: due 2027, this year: due_this_year 2.
        (Candidate(1, 10, 3, last_year=2024), {"due": 2.0}),
        # Never, started 2025: due 2028; never 4.
        (Candidate(1, 10, 3, started=dt.date(2025, 5, 1)), {"never": 4.0}),
        # Never, started 2020: due 2023, 4 years overdue (16) and never (4).
        (
            Candidate(1, 10, 3, started=dt.date(2020, 5, 1)),
            {"overdue": 16.0, "never": 4.0},
        ),
        # Placements are counted up to the cap: 0.1 x 50.
        (Candidate(1, 10, 3, last_year=2026, placements=80), {"placements": 5.0}),
        # A follow-up of 2026 still under way counts as done in 2026: not due,
        # and not "never".
        (Candidate(1, 10, 3, started=dt.date(2019, 1, 1), open_year=2026), {}),
        # A new agreement from 2026 with no follow-up since: new_agreement 3.
        (
            Candidate(
                1,
                10,
                3,
                started=dt.date(2026, 4, 1),
                last_year=2025,
                agreement_from=dt.date(2026, 4, 1),
            ),
            {"new_agreement": 3.0},
        ),
        # An agreement from 2025 followed up in 2025 is no longer new.
        (Candidate(1, 10, 3, last_year=2025, agreement_from=dt.date(2025, 1, 1)), {}),
        # Did not comply: 8; complied after complement: 1.
        (
            Candidate(1, 10, 3, last_year=2026, last_outcome="does_not_comply"),
            {"outcome": 8.0},
        ),
        (
            Candidate(
                1, 10, 3, last_year=2026, last_outcome="complies_after_complement"
            ),
            {"outcome": 1.0},
        ),
    ],
)
def test_each_factor(candidate: Candidate, expected: dict[str, float]) -> None:
    assert points(score(candidate, year=YEAR, weights=W)) == expected


def test_weights_are_the_coordinators_to_change() -> None:
    c = Candidate(1, 10, 3, last_year=2026, signals_recent=2, placements=10)
    heavy = Weights(signal_recent=10.0, placement=1.0)
    assert score(c, year=YEAR, weights=heavy).score == 2 * 10 + 10 * 1
    assert score(c, year=YEAR, weights=W).score == 2 * 3 + 10 * 0.1


def test_weights_from_stored_parameters() -> None:
    stored = Weights(signal_recent=7.5).as_dict()
    assert Weights.from_dict(stored) == Weights(signal_recent=7.5)
    # A run stored before a weight existed still reads, with the default.
    assert Weights.from_dict({"signal_recent": 7.5}) == Weights(signal_recent=7.5)
    with pytest.raises(ValueError, match="placement"):
        Weights.from_dict({"placement": -1})


def _city() -> list[Candidate]:
    """Area 10 with four units, area 20 with three."""
    return [
        # 1: overdue (last 2023, due 2026) -> mandatory
        Candidate(1, 10, 3, last_year=2023),
        # 2: followed up 2025, 4 recent signals: 12 -> risk
        Candidate(2, 10, 3, last_year=2025, signals_recent=4),
        # 3: followed up 2026, 1 recent signal: 3 -> not selected
        Candidate(3, 10, 3, last_year=2026, signals_recent=1),
        # 4: followed up 2026, nothing: 0
        Candidate(4, 10, 3, last_year=2026),
        # area 20: nothing due, low scores
        Candidate(5, 20, 3, last_year=2026, placements=10),  # 1.0
        Candidate(6, 20, 3, last_year=2025, placements=20),  # 2.0
        Candidate(7, 20, 3, last_year=2026),  # 0
    ]


def test_selection_picks_due_units_and_high_risks() -> None:
    decisions = select(_city(), year=YEAR, weights=W, plan={}, seed=1)
    picked = {d.key[0]: d.picked for d in decisions if d.selected}
    assert picked == {1: Picked.MANDATORY, 2: Picked.RISK}
    # Mandatory first, then by score.
    assert [d.key[0] for d in decisions][:4] == [1, 2, 3, 6]
    assert [d.rank for d in decisions] == list(range(1, 8))


def test_the_plan_takes_a_whole_area_or_a_number() -> None:
    whole = select(
        _city(), year=YEAR, weights=W, plan={20: PlanMark(PlanScope.ALL)}, seed=1
    )
    assert {d.key[0] for d in whole if d.picked == Picked.PLAN_ALL} == {5, 6, 7}
    # A target of 2 in area 10: units 1 (mandatory) and 2 (risk) already make two.
    enough = select(
        _city(), year=YEAR, weights=W, plan={10: PlanMark(target=2)}, seed=1
    )
    assert {d.key[0] for d in enough if d.selected} == {1, 2}
    # A target of 2 in area 20, where nothing is due: the two highest scores,
    # 6 (2.0 + plan 3) and 5 (1.0 + plan 3), not 7 (plan 3 alone).
    two = select(_city(), year=YEAR, weights=W, plan={20: PlanMark(target=2)}, seed=1)
    assert {d.key[0] for d in two if d.picked == Picked.PLAN_TARGET} == {5, 6}


def test_equal_scores_are_ordered_by_the_seed_and_reproducibly() -> None:
    same = [Candidate(i, 10, 3, last_year=2026) for i in range(1, 30)]
    first = [d.key for d in select(same, year=YEAR, weights=W, plan={}, seed=7)]
    again = [d.key for d in select(same, year=YEAR, weights=W, plan={}, seed=7)]
    other = [d.key for d in select(same, year=YEAR, weights=W, plan={}, seed=8)]
    assert first == again
    assert first != other
    assert sorted(first) == sorted(other)


def test_tiebreak_is_a_permutation() -> None:
    keys = [(i, 1) for i in range(10)]
    order = tiebreak(keys, 3)
    assert sorted(order.values()) == list(range(10))
    assert order == tiebreak(reversed(keys), 3)  # the input order does not matter


def test_every_factor_has_a_name() -> None:
    from foljsam.planning.reasons import factor_label

    for factor in Factor:
        assert factor_label(factor) != factor.value
