"""Every page: login required, reachable when logged in, no 500 on odd input, and a
query count that does not grow with the number of rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foljsam.demo.loader import load_demo
from foljsam.registry.tests.factories import (
    AgreementFactory,
    CentralOfficeFactory,
    ContractAreaFactory,
    ProviderFactory,
    UnitFactory,
)
from tests.pages import PAGES

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    load_demo()


# What a central coordinator reads, on the registry and in the follow-up work.
COORDINATOR_READS = {
    "internal",
    "followups",
    "plans",
    "selections",
    "manage_plans",
    "signals",
    "candidates",
    "screening",
}


def test_every_page_a_coordinator_reads_works_on_the_demo_city(
    client, demo, coordinator
) -> None:
    """The access matrix runs on a small registry; this runs every page a
    coordinator reads on the whole demo city, with its history of follow-ups (one
    load of the demo for them all)."""
    client.force_login(coordinator)
    pages = [
        p
        for p in PAGES
        if p.kind in {"page", "download", "redirect"} and p.access in COORDINATOR_READS
    ]
    assert len(pages) > 20
    wrong = []
    for page in pages:
        response = client.get(page.url())
        want = 302 if page.kind == "redirect" else 200
        if response.status_code != want or (
            page.kind == "page" and b'id="main"' not in response.content
        ):
            wrong.append(f"{page.name}: {response.status_code}")
    assert not wrong, wrong


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("registry:map", "?contract_area=abc&responsible=99999&page=x"),
        ("registry:unit_list", "?district=-1&status=nonsense&page=999"),
        ("registry:agreement_list", "?kind=%00&signed_by=1'"),
        ("registry:gaps", "?gap=<script>"),
        ("registry:provider_list", "?q=" + "x" * 500),
        ("screening:list", "?q=<script>&page=x"),
    ],
)
def test_bad_filters_never_break_a_list(client, coordinator, name, query) -> None:
    client.force_login(coordinator)
    response = client.get(reverse(name) + query)
    assert response.status_code == 200
    assert b"<script>" not in response.content


def test_unknown_objects_are_404(client, coordinator) -> None:
    client.force_login(coordinator)
    for name in ("unit_detail", "provider_detail", "agreement_detail"):
        assert client.get(reverse(f"registry:{name}", args=[987654])).status_code == 404
    assert client.get(reverse("registry:map_export", args=["pdf"])).status_code == 404


def _registry(units: int) -> None:
    central = CentralOfficeFactory()
    area = ContractAreaFactory(code="dv")
    for _ in range(units):
        unit = UnitFactory()
        AgreementFactory(
            provider=unit.provider,
            contract_area=area,
            units=[unit],
            signed_by=central,
            valid_from=dt.date(2021, 1, 1),
        )
    ProviderFactory()


LIST_PAGES = [
    "home",
    "registry:map",
    "registry:gaps",
    "registry:unit_list",
    "registry:provider_list",
    "registry:agreement_list",
    "registry:contract_area_list",
    "registry:organisation_list",
    "registry:rule_list",
    "planning:overview",
    "planning:capacity_list",
    "planning:run_list",
]


@pytest.mark.parametrize("name", LIST_PAGES)
def test_query_count_does_not_grow_with_rows(client, coordinator, name) -> None:
    client.force_login(coordinator)
    url = reverse(name)
    counts = []
    for units in (3, 12):
        _registry(units)
        client.get(url)  # the first request of a session also writes the session
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], (
        f"{name}: {counts[0]} queries for few rows, {counts[1]} for more"
    )


@pytest.mark.parametrize(
    "name", ["registry:provider_detail", "registry:agreement_detail"]
)
def test_detail_query_count_does_not_grow_with_units(client, coordinator, name) -> None:
    client.force_login(coordinator)
    central = CentralOfficeFactory()
    counts = []
    for units in (2, 9):
        provider = ProviderFactory()
        members = [UnitFactory(provider=provider) for _ in range(units)]
        agreement = AgreementFactory(
            provider=provider, units=members, signed_by=central
        )
        pk = provider.pk if name == "registry:provider_detail" else agreement.pk
        client.get(reverse(name, args=[pk]))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name, args=[pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
