"""The dashboards' figures are remembered between requests only while the tables
they come from are unchanged (``reporting.memo``): any write shows at once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from foljsam.accounts.access import SYSTEM
from foljsam.followups.choices import Status
from foljsam.followups.tests.factories import FollowUpFactory
from foljsam.registry.models import Unit
from foljsam.registry.tests.factories import (
    AgreementFactory,
    ContractAreaFactory,
    UnitFactory,
)
from foljsam.reporting import memo
from foljsam.reporting.dashboard_coverage import (
    COVERAGE_TABLES,
    area_coverage,
    performed_followups,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _fresh():
    cache.clear()
    # The clock runs, as in production: a save stamps a later time than the last.
    with time_machine.travel(dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC), tick=True):
        yield


@pytest.fixture
def pair(central_office):
    area = ContractAreaFactory(cycle_years=3)
    unit = UnitFactory()
    AgreementFactory(provider=unit.provider, contract_area=area, units=[unit])
    return unit, area


def _remember(calls: list[int], reach=("all",)) -> int:
    def compute() -> int:
        calls.append(1)
        return len(calls)

    return memo.remember(
        "test",
        today=TODAY,
        reach=reach,
        tables=COVERAGE_TABLES,
        watched=[performed_followups()],
        compute=compute,
    )


def test_the_figures_are_worked_out_once_while_nothing_changes(pair) -> None:
    calls: list[int] = []
    assert _remember(calls) == 1
    assert _remember(calls) == 1
    assert _remember(calls, reach=("another reader",)) == 2  # a reach of its own
    assert len(calls) == 2


def test_every_kind_of_change_gives_new_figures(pair) -> None:
    unit, area = pair
    calls: list[int] = []
    _remember(calls)
    followup = FollowUpFactory(unit=unit, contract_area=area, year=2026)
    followup.protocol_revision += 1
    followup.save()
    assert _remember(calls) == 1  # open follow-ups count for nothing here
    followup.status, followup.outcome = Status.COMPLETED, "complies"
    followup.save()
    assert _remember(calls) == 2  # a follow-up performed
    followup.performed_on = dt.date(2026, 5, 1)
    followup.save()
    assert _remember(calls) == 3  # a performed follow-up changed
    unit.closed_on = TODAY
    unit.save()
    assert _remember(calls) == 4  # a unit closed
    area.cycle_years = 2
    area.save()
    assert _remember(calls) == 5  # a contract area's cycle
    AgreementFactory(provider=unit.provider, contract_area=area, units=[UnitFactory()])
    assert _remember(calls) == 6  # an agreement and its coverage
    Unit.agreements.through.objects.filter(unit=unit).delete()
    assert _remember(calls) == 7  # coverage removed
    followup.delete()
    assert _remember(calls) == 8  # a performed follow-up removed
    assert _remember(calls) == 8


def test_a_follow_up_performed_shows_at_once_on_the_dashboard(
    client, pair, coordinator
) -> None:
    unit, area = pair
    followup = FollowUpFactory(unit=unit, contract_area=area, year=2026)
    client.force_login(coordinator)
    before = area_coverage(user=SYSTEM, today=TODAY)[-1]
    assert (before.covered, before.total) == (0, 1)
    client.get(reverse("reporting:dashboard"))
    followup.status, followup.outcome = Status.COMPLETED, "complies"
    followup.performed_on = TODAY
    followup.save()
    after = area_coverage(user=SYSTEM, today=TODAY)[-1]
    assert (after.covered, after.total) == (1, 1)
    assert "100,0 %" in client.get(reverse("reporting:dashboard")).content.decode()
