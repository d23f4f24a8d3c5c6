"""Issue 8 in the browser, on the demo city: a district officer shares a
completed follow-up with its provider and proposes it for publication; the
central office approves the summary and publishes it; anyone finds it on the
public pages and in the open data (CSV and JSON). Withdrawn, it is gone from all
three. Every page on the way passes axe-core."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from foljsam.accounts.models import User
from foljsam.demo.loader import load_demo
from foljsam.followups.models import FollowUp
from foljsam.publishing.models import Publication
from foljsam.publishing.services import publication_blockers
from tests.browser.conftest import (
    assert_accessible,
    click_button,
    log_in,
    messages_of,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
DEMO_DAY = dt.datetime(2026, 11, 30, 12, tzinfo=ZoneInfo("Europe/Stockholm"))
SUMMARY = "Verksamheten följdes upp med verksamhetsbesök och följer avtalet."


@pytest.fixture
def demo():
    with time_machine.travel(DEMO_DAY, tick=True):
        load_demo()
        yield


def _completed_followup() -> FollowUp:
    """A follow-up of this year's work that Södermalm has completed and may
    publish once it is shared."""
    for followup in FollowUp.objects.filter(
        organisation__code="sdf-sodermalm", status="completed"
    ).order_by("pk"):
        followup.status = "shared"  # as it will be: is anything else missing?
        if not publication_blockers(followup):
            return FollowUp.objects.get(pk=followup.pk)
    raise AssertionError("The demo has no completed follow-up to publish.")


def _open_data(external_id: str) -> tuple[str, list[dict]]:
    client = Client()
    csv = client.get("/jamfor/oppna-data/resultat.csv").content.decode("utf-8-sig")
    results = json.loads(client.get("/jamfor/oppna-data/resultat.json").content)
    found = [r for r in results["results"] if r["unit_id"] == external_id]
    return csv, found


def test_a_result_goes_from_completed_to_public_and_back(
    demo, browser_page, live_server
) -> None:
    page = browser_page
    followup = _completed_followup()
    unit = followup.unit
    officer = User.objects.get(username="uppfoljare.sodermalm")
    coordinator = User.objects.get(username="samordnare")

    # The officer shares the result with the provider, then proposes it.
    log_in(page, officer, live_server.url)
    page.goto(f"/followups/{followup.pk}/")
    click_button(page, "Dela resultatet med utföraren")
    page.get_by_role("link", name="Publicering", exact=True).last.click()
    page.wait_for_load_state()
    assert_accessible(page)
    draft = page.get_by_label("Publik sammanfattning (svenska)")
    assert "Verksamheten följdes upp den" in draft.input_value()
    click_button(page, "Föreslå för publicering")
    assert "föreslaget för publicering" in messages_of(page)
    assert_accessible(page)
    assert Publication.objects.get(followup=followup).status == "proposed"

    # The central office finds the proposal, approves a summary, publishes.
    log_in(page, coordinator, live_server.url)
    page.goto("/publishing/")
    assert_accessible(page)
    page.get_by_role("link", name=unit.name).first.click()
    page.wait_for_load_state()
    page.get_by_label("Publik sammanfattning (svenska)").fill(SUMMARY)
    click_button(page, "Publicera")
    assert "publicerat på de publika sidorna" in messages_of(page)
    assert_accessible(page)

    # Anyone finds it, logged out: the search, the unit's page, the open data.
    page.context.clear_cookies()
    page.goto(f"/jamfor/?q={unit.name}")
    assert_accessible(page)
    page.get_by_role("link", name=unit.name).first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert SUMMARY in page.locator("main").inner_text()
    csv, found = _open_data(unit.external_id)
    assert SUMMARY in csv
    assert [r["summary"] for r in found if r["summary"] == SUMMARY]

    # Withdrawn: gone from all three.
    log_in(page, coordinator, live_server.url)
    page.goto(f"/publishing/{followup.pk}/")
    page.get_by_label("Varför dras det tillbaka?").fill("Fel i sammanfattningen.")
    click_button(page, "Dra tillbaka")
    assert "tillbakadraget" in messages_of(page)
    assert_accessible(page)
    page.context.clear_cookies()
    page.goto(f"/jamfor/?q={unit.name}")
    assert SUMMARY not in page.content()
    answer = Client().get(f"/jamfor/enhet/{unit.pk}/")
    assert SUMMARY not in answer.content.decode()
    csv, found = _open_data(unit.external_id)
    assert SUMMARY not in csv
    assert not [r for r in found if r["summary"] == SUMMARY]
