"""The import of earlier years' follow-ups passes axe-core (WCAG 2.1 A and AA) in
Chromium in every state: the upload page, the preview with errors, the preview
with notes and the rows to record, and the list it returns to."""

from __future__ import annotations

import pytest

from foljsam.followups.models import FollowUp
from foljsam.reporting.tests import import_fixtures
from foljsam.reporting.tests.import_fixtures import rows
from tests.browser.conftest import axe_violations, describe, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
registry = import_fixtures.registry


def _check(page, url: str | None = None) -> None:
    if url is not None:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n{describe(violations)}"


def _upload(page, path) -> None:
    page.goto("/reports/import/")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Kontrollera filen").click()
    page.wait_for_load_state()


def test_import_pages(browser_page, live_server, coordinator, registry, tmp_path):
    page = browser_page
    log_in(page, coordinator, live_server.url)
    _check(page, "/reports/import/")
    bad = tmp_path / "historik-fel.csv"
    bad.write_text(
        rows(
            "2023,NOPE,daglig-verksamhet,performed,,,,,,,,",
            "1999,EK-1,daglig-verksamhet,kanske,,,,,,,,ja",
        ),
        encoding="utf-8",
    )
    _upload(page, bad)
    assert page.locator("table").get_by_text("unit_id").count() >= 1
    _check(page)
    good = tmp_path / "historik.csv"
    good.write_text(
        rows(
            "2023,EK-1,daglig-verksamhet,performed,complies_after_complement,,,"
            "site_visit,2023-05-10,,rutiner,ja",
            # No agreement in this area: recorded with a note.
            "2023,EK-1,korttidstillsyn,not_performed,,other,,,,,,",
        ),
        encoding="utf-8",
    )
    _upload(page, good)
    assert page.locator("#notices-caption").count() == 1
    assert page.locator("#rows-caption").count() == 1
    _check(page)
    page.get_by_role("button", name="Importera").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").count() >= 1
    _check(page)
    assert FollowUp.objects.filter(source="history").count() == 2
