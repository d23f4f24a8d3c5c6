"""The city's dashboards and a provider's results (issue 7) pass axe-core at WCAG
2.1 A and AA in Chromium, on the demo city, for every role that opens them; the
roles that may not get the 403 page, which passes too. (The walk over every page
in ``test_accessibility`` covers them as well; this one runs on its own, with
filters and later pages.)"""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import make_user
from foljsam.accounts.roles import Role
from foljsam.demo.loader import load_demo
from foljsam.followups.models import FollowUp
from foljsam.registry.models import Provider
from tests.browser.conftest import axe_violations, describe, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _check(page, url: str, expected_status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None and response.status == expected_status, url
    violations = axe_violations(page)
    assert not violations, f"{url}:\n{describe(violations)}"


def test_reporting_pages_for_every_role(
    browser_page, live_server, central_office, district
) -> None:
    load_demo()
    shared = (
        FollowUp.objects.filter(status="shared").order_by("pk").first()
        or FollowUp.objects.filter(status="completed").order_by("pk").first()
    )
    assert shared is not None
    provider = shared.provider
    city = Provider.objects.filter(kind="municipal").order_by("pk").first()
    results = [
        reverse("reporting:provider_results", args=[provider.pk]),
        reverse("reporting:provider_followups", args=[provider.pk]),
        reverse("reporting:provider_followups", args=[city.pk]) + "?page=2",
    ]
    dashboards = [
        reverse("reporting:dashboard"),
        reverse("reporting:dashboard") + "?year=2023",
        reverse("reporting:overdue_units"),
        reverse("reporting:overdue_units") + "?page=2&contract_area=abc",
        reverse("reporting:overdue_deficiencies"),
    ]
    page = browser_page
    for name, role, org, reads_reports in [
        ("coordinator", Role.CENTRAL_COORDINATOR, central_office, True),
        ("committee", Role.COMMITTEE_READER, central_office, True),
        ("officer", Role.DISTRICT_OFFICER, district, False),
    ]:
        log_in(
            page, make_user(f"a11y-rep-{name}", role, organisation=org), live_server.url
        )
        for url in dashboards:
            _check(page, url, 200 if reads_reports else 403)
        for url in results:
            _check(page, url)
    log_in(
        page,
        make_user("a11y-rep-provider", Role.PROVIDER_USER, provider=provider),
        live_server.url,
    )
    for url in results[:2]:
        _check(page, url)
    _check(page, reverse("reporting:provider_results", args=[city.pk]), 404)
    _check(page, reverse("reporting:dashboard"), 403)
