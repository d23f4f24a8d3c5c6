"""When a unit is due for follow-up (seed 002: at least every third year)."""

from __future__ import annotations

import datetime as dt

import pytest

from foljsam.registry.coverage import coverage_start, due_year, is_overdue


@pytest.mark.parametrize(
    ("opened_on", "agreement_from", "expected"),
    [
        (None, None, None),
        (dt.date(2019, 5, 1), None, dt.date(2019, 5, 1)),
        (None, dt.date(2020, 1, 1), dt.date(2020, 1, 1)),
        # An old unit under a new agreement: covered from the agreement's start.
        (dt.date(2012, 3, 1), dt.date(2021, 3, 1), dt.date(2021, 3, 1)),
        # A new unit under an old agreement: covered from its opening.
        (dt.date(2023, 9, 1), dt.date(2017, 11, 1), dt.date(2023, 9, 1)),
        (dt.date(2022, 1, 1), dt.date(2022, 1, 1), dt.date(2022, 1, 1)),
    ],
)
def test_coverage_start_is_the_later_of_opening_and_agreement(
    opened_on: dt.date | None, agreement_from: dt.date | None, expected: dt.date | None
) -> None:
    assert coverage_start(opened_on, agreement_from) == expected


@pytest.mark.parametrize(
    ("last", "started", "cycle", "today", "expected"),
    [
        # Followed up in 2021 with a three-year cycle: due again by 2024.
        (2021, dt.date(2010, 1, 1), 3, 2022, 2024),
        # The last follow-up counts, not when coverage began.
        (2023, dt.date(2022, 12, 1), 3, 2023, 2026),
        # Never followed up: due by the year coverage began plus the cycle.
        (None, dt.date(2022, 7, 1), 3, 2023, 2025),
        (None, dt.date(2022, 7, 1), 1, 2023, 2023),
        (None, dt.date(2019, 1, 1), 5, 2023, 2024),
        # Nothing known: due this year.
        (None, None, 3, 2026, 2026),
    ],
)
def test_due_year(
    last: int | None,
    started: dt.date | None,
    cycle: int,
    today: int,
    expected: int,
) -> None:
    assert (
        due_year(last_year=last, started=started, cycle_years=cycle, this_year=today)
        == expected
    )


@pytest.mark.parametrize(
    ("due", "today", "expected"),
    [
        (2025, dt.date(2026, 1, 1), True),
        (2026, dt.date(2026, 1, 1), False),
        (2026, dt.date(2026, 12, 31), False),
        (2026, dt.date(2027, 1, 1), True),
        (2030, dt.date(2026, 6, 1), False),
    ],
)
def test_overdue_once_the_due_year_has_passed(
    due: int, today: dt.date, expected: bool
) -> None:
    assert is_overdue(due, today) is expected
