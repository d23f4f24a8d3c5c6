"""Every page passes axe-core at WCAG 2.1 A and AA, in Chromium, for every role that
can see it; the skip link and keyboard focus work."""

from __future__ import annotations

import pytest
from django.db.models import Q

from conftest import make_user
from foljsam.accounts.access import Capability, capabilities
from foljsam.accounts.roles import Role
from foljsam.complaints.models import Signal
from foljsam.demo.loader import load_demo
from foljsam.financial.models import FinancialCheck
from foljsam.followups.models import FollowUp
from foljsam.planning.models import Candidate
from foljsam.portal.selectors import PORTAL_STATUSES
from foljsam.registry.models import Provider
from tests.browser.conftest import axe_violations, describe, log_in
from tests.pages import BY_NAME, ORGANISATION_TARGETS, PAGES
from tests.test_access import allowed

# serialized_rollback: the flush after each test must not take the rows that the
# data migrations installed (default rules, operating areas) with it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _check(page, url: str, expected_status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None and response.status == expected_status, url
    violations = axe_violations(page)
    assert not violations, f"{url}:\n{describe(violations)}"


ROLES = [
    ("coordinator", Role.CENTRAL_COORDINATOR, "central_office"),
    ("officer", Role.DISTRICT_OFFICER, "district"),
    ("reader", Role.ORGANISATION_READER, "district"),
    ("committee", Role.COMMITTEE_READER, "central_office"),
    ("sysadmin", Role.SYSTEM_ADMINISTRATOR, "central_office"),
]


def test_every_page_for_every_role(browser_page, live_server, central_office, district):
    """Every page a role may open, as that role; and the 403 page where it may not."""
    load_demo()
    organisations = {"central_office": central_office, "district": district}
    personas = [
        make_user(f"a11y-{name}", role, organisation=organisations[org])
        for name, role, org in ROLES
    ]
    # A provider with results in the portal, so that its pages show something.
    provider = (
        Provider.objects.filter(
            units__isnull=False, followups__status__in=sorted(PORTAL_STATUSES)
        )
        .order_by("pk")
        .first()
    )
    personas.append(make_user("a11y-provider", Role.PROVIDER_USER, provider=provider))
    page = browser_page
    _check(page, "/accounts/login/")
    _check(page, "/accounts/password/reset/")
    for user in personas:
        log_in(page, user, live_server.url)
        for entry in PAGES:
            if entry.kind not in {"page", "form"}:
                continue
            # The public pages (issue 8) are everyone's, logged in too; the
            # other public pages are the way in (login, reset, answer link).
            if entry.access == "public" and not entry.name.startswith("public"):
                continue
            if not allowed(entry, user):
                expected = 403
            elif entry.name == "home" and Role.PROVIDER_USER in user.roles:
                expected = 200  # redirected to the provider's own page
            else:
                expected = 200
            url = entry.url()
            if entry.target in {"unit", "provider", "agreement"} and (
                Role.PROVIDER_USER in user.roles
            ):
                url = entry.url(_owned(entry.target, provider))
            if entry.target == "provider_followup" and expected == 200:
                url = entry.url(
                    FollowUp.objects.filter(
                        provider=provider, status__in=sorted(PORTAL_STATUSES)
                    )
                    .order_by("pk")
                    .values_list("pk", flat=True)[0]
                )
            if entry.target == "user":
                url = entry.url(user.pk)
            if (
                entry.target in ORGANISATION_TARGETS
                and expected == 200
                and ORGANISATION_TARGETS[entry.target] not in capabilities(user)
            ):
                # A district's own work: its own follow-up, signal or candidate;
                # a role that reads no organisation's work finds nothing, and
                # a district runs no screening campaign (the central office's
                # are a 404 for it).
                if OWN_WORK.get(entry.target) in capabilities(user):
                    url = entry.url(_organisations_own(entry.target, user))
                else:
                    expected = 404
            _check(page, url, expected)
        _check(page, "/registry/units/999999/", 404)
    _check(page, "/registry/map/?status=overdue&page=2", 403)  # the provider user
    # The answer page a provider without an account opens from its e-mail.
    page.context.clear_cookies()
    _check(page, BY_NAME["portal:answer"].url())
    _check(page, "/portal/answer/not-a-token/", 404)


OWN_WORK = {
    "followup": Capability.READ_OWN_FOLLOWUPS,
    "planned_followup": Capability.READ_OWN_FOLLOWUPS,
    "candidate": Capability.READ_OWN_FOLLOWUPS,
    "signal": Capability.READ_OWN_SIGNALS,
    "financial_check": Capability.READ_OWN_FOLLOWUPS,
}


def _axe_here(page) -> None:
    """axe on the page as it stands (after a form was sent), without reloading."""
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n{describe(violations)}"


def _organisations_own(target: str, user) -> int:
    org = user.organisation_id
    rows = {
        "followup": FollowUp.objects.filter(organisation_id=org),
        "planned_followup": FollowUp.objects.filter(
            organisation_id=org, candidate__isnull=False
        ),
        "candidate": Candidate.objects.filter(followup__organisation_id=org),
        "signal": Signal.objects.filter(organisation_id=org),
        "financial_check": FinancialCheck.objects.filter(
            Q(organisation_id=org) | Q(followup__organisation_id=org)
        ),
    }[target]
    found = rows.order_by("pk").values_list("pk", flat=True).first()
    assert found is not None, f"the demo has no {target} of {user.organisation}"
    return found


def _owned(target: str, provider: Provider) -> int:
    if target == "provider":
        return provider.pk
    if target == "unit":
        return provider.units.order_by("pk").first().pk
    return provider.agreements.order_by("pk").first().pk


def test_import_preview_and_errors(browser_page, live_server, coordinator, tmp_path):
    load_demo()
    log_in(browser_page, coordinator, live_server.url)
    page = browser_page
    bad = tmp_path / "units.csv"
    bad.write_text(
        "unit_id,provider_org_number,name,district\nX1,123,Utan utförare,nowhere\n",
        encoding="utf-8",
    )
    page.goto("/registry/import/")
    page.set_input_files("input[type=file]", str(bad))
    page.get_by_role("button", name="Kontrollera filen").click()
    page.wait_for_load_state()
    assert page.locator("table").get_by_text("provider_org_number").count() >= 1
    violations = axe_violations(page)
    assert not violations, describe(violations)

    good = tmp_path / "organisations.csv"
    good.write_text("code,name,kind\nsdf-ny,Ny stadsdelsförvaltning,district_office\n")
    page.goto("/registry/import/")
    page.set_input_files("input[type=file]", str(good))
    page.get_by_role("button", name="Kontrollera filen").click()
    page.wait_for_load_state()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.get_by_role("button", name="Importera").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").count() >= 1
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_skip_link_and_visible_focus(browser_page, live_server, coordinator):
    log_in(browser_page, coordinator, live_server.url)
    page = browser_page
    page.goto("/registry/units/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    assert page.evaluate("document.activeElement.getBoundingClientRect().top >= 0"), (
        "the skip link must become visible when focused"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_admin_pages_for_the_system_administrator(
    browser_page, live_server, central_office
):
    """The administration is where rules and reference data are kept: every model's
    list, add and change page passes too."""
    from django.contrib import admin
    from django.test import RequestFactory
    from django.urls import reverse

    load_demo()
    superuser = make_user(
        "a11y-admin", Role.SYSTEM_ADMINISTRATOR, organisation=central_office
    )
    log_in(browser_page, superuser, live_server.url)
    _check(browser_page, reverse("admin:index"))
    request = RequestFactory().get("/")
    request.user = superuser
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        _check(browser_page, reverse("admin:{}_{}_changelist".format(*info)))
        # Some models are read-only in the admin (django-axes' login records).
        adds = model_admin.has_add_permission(request)
        _check(
            browser_page, reverse("admin:{}_{}_add".format(*info)), 200 if adds else 403
        )
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            _check(
                browser_page,
                reverse("admin:{}_{}_change".format(*info), args=[first.pk]),
            )


def test_planning_as_the_coordinator_and_a_district(
    browser_page, live_server, central_office, district
):
    """The year's work in the browser: make a selection, take a unit out without
    saying why (the error), with a reason, publish; the district sees its
    follow-ups and why it got them. Every step passes axe."""
    load_demo()
    coordinator = make_user(
        "a11y-planner", Role.CENTRAL_COORDINATOR, organisation=central_office
    )
    officer = make_user("a11y-district", Role.DISTRICT_OFFICER, organisation=district)
    page = browser_page
    log_in(page, coordinator, live_server.url)
    page.goto("/planning/selections/new/")
    page.fill("#id_w_threshold", "-1")
    page.get_by_role("button", name="Gör urvalet").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    _axe_here(page)
    page.fill("#id_w_threshold", "10")
    page.get_by_role("button", name="Gör urvalet").click()
    page.wait_for_load_state()
    assert "/planning/selections/" in page.url
    run_url = page.url
    _check(page, page.url)
    page.get_by_role("link", name="Verksamheter", exact=True).last.click()
    page.wait_for_load_state()
    _check(page, page.url)
    page.locator("tbody th a").first.click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Ta bort den").click()
    page.wait_for_load_state()
    assert page.locator(".field-error").count() >= 1
    _axe_here(page)
    page.locator("form[action$='/remove/'] textarea").fill("Besöktes i november.")
    page.get_by_role("button", name="Ta bort den").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").count() >= 1
    _axe_here(page)
    _check(page, run_url + "publish/")
    page.get_by_role("button", name="Publicera").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").count() >= 1
    log_in(page, officer, live_server.url)
    page.goto("/followups/?year=2027")
    _check(page, page.url)
    page.locator("tbody th a").first.click()
    page.wait_for_load_state()
    _check(page, page.url)
    page.get_by_role("link", name="Varför verksamheten valdes ut").click()
    page.wait_for_load_state()
    assert "/planning/candidates/" in page.url
    _check(page, page.url)
