"""The city's dashboards run a fixed number of queries, whatever the size of the
city: more units, areas, organisations, follow-ups and deficiencies change no
page's query count."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foljsam.accounts.tests.factories import OrganisationFactory
from foljsam.findings.models import Deficiency, Measure
from foljsam.followups.choices import Status
from foljsam.followups.tests.factories import FollowUpFactory
from foljsam.registry.tests.factories import (
    AgreementFactory,
    ContractAreaFactory,
    UnitFactory,
)
from foljsam.requirements.models import RequirementCategory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _no_remembered_figures():
    """Each test's database reuses ids and the clock stands still: figures
    remembered by an earlier test could match this one's fingerprint."""
    cache.clear()


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC), tick=False):
        yield


def grow(n: int) -> None:
    """``n`` more of everything a dashboard counts or lists: units in two new
    contract areas (one with a cycle of its own), each with an earlier performed
    follow-up, one this year under way and an overdue complement, in new
    organisations."""
    areas = [
        ContractAreaFactory(cycle_years=3),
        ContractAreaFactory(cycle_years=2 + n % 5),
    ]
    category = RequirementCategory.objects.get(code="rutiner")
    for i in range(n):
        organisation = OrganisationFactory()
        unit = UnitFactory(district=organisation)
        area = areas[i % 2]
        AgreementFactory(provider=unit.provider, contract_area=area, units=[unit])
        FollowUpFactory(
            unit=unit,
            contract_area=area,
            year=2019 + i % 7,
            status=Status.COMPLETED,
            outcome="complies",
            performed_on=dt.date(2019 + i % 7, 5, 1) if i % 3 else None,
            organisation=organisation,
        )
        current = FollowUpFactory(
            unit=unit,
            contract_area=area,
            year=2026,
            status=Status.AWAITING_COMPLEMENT,
            organisation=organisation,
        )
        deficiency = Deficiency.objects.create(
            followup=current, category=category, due_on=TODAY - dt.timedelta(days=i + 1)
        )
        Measure.objects.create(
            deficiency=deficiency,
            kind="complement_requested",
            on=TODAY - dt.timedelta(days=40),
            due_on=deficiency.due_on,
        )


@pytest.mark.parametrize("remembered", [True, False], ids=["remembered", "worked-out"])
@pytest.mark.parametrize(
    "url",
    [
        "/reports/",
        "/reports/?year=2026",
        "/reports/overdue-units/",
        "/reports/overdue-units/?contract_area=1&organisation=1&q=Verksamhet",
        "/reports/overdue-units/?page=2",
        "/reports/overdue-deficiencies/",
        "/reports/overdue-deficiencies/?page=2",
    ],
)
def test_the_query_count_does_not_grow_with_the_city(
    client, central_office, coordinator, url, remembered
) -> None:
    """Both when the figures are remembered and when they are worked out."""
    client.force_login(coordinator)
    counts = []
    for n in (3, 60):
        grow(n)
        client.get(url)  # the first request of a session also writes the session
        if not remembered:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], f"{url}: {counts[0]} queries, then {counts[1]}"


def test_the_dashboard_reads_in_few_queries(
    client, central_office, coordinator
) -> None:
    """The session, the user, their roles and organisation (the page's header);
    then the year's choices, the areas, the coverage, the statuses and the
    deficiencies: nothing per area, organisation or row."""
    grow(5)
    client.force_login(coordinator)
    client.get(reverse("reporting:dashboard"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("reporting:dashboard"))
    assert len(queries) <= 9, [q["sql"][:120] for q in queries]
