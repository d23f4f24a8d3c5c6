"""The coverage forecast, with expectations worked out by hand."""

from __future__ import annotations

import datetime as dt

from foljsam.planning.allocation import Item, Office, Options
from foljsam.planning.forecast import forecast
from foljsam.planning.risk import Candidate
from foljsam.registry.choices import Target

DISTRICT = 11


def _item(c: Candidate) -> Item:
    return Item(
        key=c.key,
        rank=0,
        performer_id=DISTRICT,
        performer_target=Target.UNIT_DISTRICT,
        agreement_kind="lov",
        district_id=DISTRICT,
    )


def _shares(result, area: int) -> list[tuple[int, int, int, float]]:
    return [
        (c.year, c.covered, c.total, c.share)
        for c in result
        if c.contract_area_id == area
    ]


def test_a_new_area_reaches_a_third_then_all_in_three_years() -> None:
    """Nine units never followed up, all started in 2026 (due 2029). The run does
    three of them in 2027: 3/9 = 33.3 %. In 2028 nothing is due (the floor
    forecast picks only due units), so still 33.3 %. In 2029 the other six are
    due and the district has room: 9/9 = 100 %. Seed 002: "33 % på 1 år och 100 %
    på 3 år"."""
    units = [Candidate(n, 5, 3, started=dt.date(2026, 1, 1)) for n in range(1, 10)]
    result = forecast(
        units,
        year=2027,
        done_this_year={(1, 5), (2, 5), (3, 5)},
        items={c.key: _item(c) for c in units},
        offices=[Office(DISTRICT, minimum=0, maximum=10)],
        options=Options(),
    )
    assert _shares(result, 5) == [
        (2027, 3, 9, 33.3),
        (2028, 3, 9, 33.3),
        (2029, 9, 9, 100.0),
    ]
    # Area 0 is the whole city; here the same.
    assert _shares(result, 0) == _shares(result, 5)


def test_capacity_limits_the_later_years() -> None:
    """Six units, all overdue (last followed up 2020), none done in the run's
    year. A district of at most 2 a year does 2 in 2028 and 2 in 2029."""
    units = [Candidate(n, 5, 3, last_year=2020) for n in range(1, 7)]
    result = forecast(
        units,
        year=2027,
        done_this_year=set(),
        items={c.key: _item(c) for c in units},
        offices=[Office(DISTRICT, minimum=0, maximum=2)],
        options=Options(),
    )
    assert _shares(result, 5) == [
        (2027, 0, 6, 0.0),
        (2028, 2, 6, 33.3),
        (2029, 4, 6, 66.7),
    ]


def test_units_within_their_cycle_count_and_fall_out_when_it_ends() -> None:
    """Followed up 2025 (cycle 3): within the cycle at the end of 2027, and due in
    2028, when the forecast follows it up again. A unit with a 2-year cycle
    followed up 2025 is due 2027; not done by the run, it is out at the end of
    2027 and back in 2028."""
    three = Candidate(1, 5, 3, last_year=2025)
    two = Candidate(2, 6, 2, last_year=2025)
    result = forecast(
        [three, two],
        year=2027,
        done_this_year=set(),
        items={c.key: _item(c) for c in (three, two)},
        offices=[Office(DISTRICT, maximum=None)],
        options=Options(),
    )
    assert _shares(result, 5) == [
        (2027, 1, 1, 100.0),
        (2028, 1, 1, 100.0),
        (2029, 1, 1, 100.0),
    ]
    assert _shares(result, 6) == [
        (2027, 0, 1, 0.0),
        (2028, 1, 1, 100.0),
        (2029, 1, 1, 100.0),
    ]
