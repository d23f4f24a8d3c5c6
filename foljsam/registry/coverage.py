"""When a unit is due for follow-up: a pure function of dates and the cycle.

Seed 002: "Målet bör vara att varje verksamhet följs upp minst vart tredje år".
A unit followed up in year L is due again by year L + cycle. A unit never followed
up is due by the year its coverage began (the later of the unit's opening and the
agreement's start) plus the cycle. A unit is overdue once its due year has passed.
"""

from __future__ import annotations

import datetime as dt


def coverage_start(
    opened_on: dt.date | None, agreement_from: dt.date | None
) -> dt.date | None:
    """The day the city began to answer for the unit under this agreement."""
    days = [day for day in (opened_on, agreement_from) if day is not None]
    return max(days) if days else None


def due_year(
    *,
    last_year: int | None,
    started: dt.date | None,
    cycle_years: int,
    this_year: int,
) -> int:
    """The last year in which the next follow-up may take place. ``last_year`` is
    the year of the last performed follow-up; with nothing known, it is due now."""
    if last_year is not None:
        return last_year + cycle_years
    if started is None:
        return this_year
    return started.year + cycle_years


def is_overdue(due: int, today: dt.date) -> bool:
    return due < today.year


def within_cycle(last_year: int | None, cycle_years: int, year: int) -> bool:
    """Followed up within its cycle, counted at the end of ``year``: the last
    follow-up lies in one of the ``cycle_years`` years up to and including it."""
    return last_year is not None and last_year > year - cycle_years
