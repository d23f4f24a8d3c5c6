"""The register's pages pass axe-core (WCAG 2.1 A and AA) in Chromium, also in
the states the page catalogue's walk does not reach: a form with errors, and the
import's preview with errors and without."""

from __future__ import annotations

import datetime as dt

import pytest

from foljsam.complaints.models import Signal
from foljsam.complaints.tests.factories import SignalFactory
from foljsam.registry.tests.factories import (
    ContractAreaFactory,
    ProviderFactory,
    UnitFactory,
    org_number,
)
from tests.browser.conftest import axe_violations, describe, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
EK = org_number(401)


def _check(page, url: str | None = None, status: int = 200) -> None:
    if url is not None:
        response = page.goto(url)
        assert response is not None and response.status == status, url
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n{describe(violations)}"


@pytest.fixture
def page(browser_page):
    return browser_page


@pytest.fixture
def signal(district) -> Signal:
    provider = ProviderFactory(org_number=EK, name="Ek Omsorg AB")
    unit = UnitFactory(provider=provider, external_id="EK-1")
    return SignalFactory(
        provider=provider,
        unit=unit,
        contract_area=ContractAreaFactory(name="Daglig verksamhet"),
        organisation=district,
        received_on=dt.date(2025, 3, 1),
        status=Signal.Status.CLOSED,
        closed_on=dt.date(2025, 4, 1),
        handling_note="Ny rutin inskickad.",
    )


@pytest.mark.parametrize("who", ["coordinator", "district_officer"])
def test_register_pages(page, live_server, signal, request, who):
    user = request.getfixturevalue(who)
    log_in(page, user, live_server.url)
    for url in (
        "/signals/",
        "/signals/?status=closed&q=Ek&year=nonsense",
        f"/signals/{signal.pk}/",
        f"/signals/{signal.pk}/history/",
        f"/signals/{signal.pk}/edit/",
        "/signals/new/",
    ):
        _check(page, url)
    # A form sent with mistakes the form finds, and then with mistakes the
    # service finds: either way the errors are tied to their fields.
    page.fill("#id_unit_id", "FINNS-INTE")
    _save(page)
    assert page.locator("#id_unit_id").get_attribute("aria-invalid") == "true"
    _check(page)
    page.fill("#id_unit_id", "")
    page.fill("#id_received_on", "2025-02-01")
    page.select_option("#id_category", label="Bemötande")
    page.select_option("#id_provider", label="Ek Omsorg AB")
    page.fill("#id_summary", "Brukaren 121212-1212 föll.")
    page.select_option("#id_status", "closed")
    _save(page)
    assert page.locator("#id_summary").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_closed_on_error").count() == 1
    _check(page)


def _save(page) -> None:
    page.get_by_role("button", name="Spara signalen").or_(
        page.get_by_role("button", name="Save the signal")
    ).click()
    page.wait_for_load_state()


def test_import_pages(page, live_server, coordinator, signal, tmp_path):
    log_in(page, coordinator, live_server.url)
    _check(page, "/signals/import/")
    bad = tmp_path / "signaler.csv"
    bad.write_text(
        "reference,received_on,source,category,summary,provider_org_number\n"
        "KL 1,2026-13-01,gossip,bemotande,Text,123\n",
        encoding="utf-8",
    )
    page.set_input_files("input[type=file]", str(bad))
    page.get_by_role("button", name="Kontrollera filen").click()
    page.wait_for_load_state()
    assert page.locator("table").get_by_text("received_on").count() >= 1
    _check(page)
    good = tmp_path / "signaler-ok.csv"
    good.write_text(
        "reference,received_on,source,category,summary,provider_org_number\n"
        f"KL 1,2025-02-01,complaint,bemotande,Text,{EK}\n"
        f"{signal.reference},2025-03-01,deviation,bemotande,Text,{EK}\n",
        encoding="utf-8",
    )
    page.goto("/signals/import/")
    page.set_input_files("input[type=file]", str(good))
    page.get_by_role("button", name="Kontrollera filen").click()
    page.wait_for_load_state()
    _check(page)
    page.get_by_role("button", name="Importera").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").count() >= 1
    _check(page)
    assert Signal.objects.filter(reference="KL 1").exists()


def test_admin_pages(page, live_server, system_administrator, signal):
    log_in(page, system_administrator, live_server.url)
    for model in ("signalcategory", "signal"):
        _check(page, f"/admin/complaints/{model}/")
        _check(page, f"/admin/complaints/{model}/add/")
    _check(page, f"/admin/complaints/signal/{signal.pk}/change/")
    _check(page, f"/admin/complaints/signalcategory/{signal.category_id}/change/")
    _check(page, "/admin/complaints/signal/?status__exact=closed&q=Ek")
