"""The publishing workflow's pages: the officer proposes, the central office
publishes, sends back or withdraws."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foljsam.publishing.models import Publication
from foljsam.publishing.services import publication_propose
from foljsam.publishing.tests.factories import SUMMARY, shared_followup

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_officer_proposes_and_the_central_office_publishes_in_the_browser_flow(
    district_officer, coordinator
) -> None:
    followup = shared_followup(organisation=district_officer.organisation)
    officer = _client(district_officer)
    page = officer.get(reverse("publishing:detail", args=[followup.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    # A draft from the result's facts, and what the public will see.
    assert "Vad allmänheten ser" in text
    assert "12 mars 2026" in text
    assert "Föreslå för publicering" in text
    assert "Publicera</button>" not in text  # the central office's

    answer = officer.post(
        reverse("publishing:propose", args=[followup.pk]),
        {"summary": SUMMARY, "summary_en": ""},
    )
    assert answer.status_code == 302
    assert Publication.objects.get().status == "proposed"
    # The officer may not publish.
    refused = officer.post(
        reverse("publishing:publish", args=[followup.pk]), {"summary": SUMMARY}
    )
    assert refused.status_code == 403

    central = _client(coordinator)
    listing = central.get(reverse("publishing:list"))
    assert followup.unit.name in listing.content.decode()
    answer = central.post(
        reverse("publishing:publish", args=[followup.pk]),
        {"summary": SUMMARY + " Godkänd.", "summary_en": ""},
    )
    assert answer.status_code == 302
    publication = Publication.objects.get()
    assert publication.status == "published"
    assert publication.summary.endswith("Godkänd.")
    page = central.get(reverse("publishing:detail", args=[followup.pk]))
    assert reverse("public:unit", args=[followup.unit_id]) in page.content.decode()

    answer = central.post(
        reverse("publishing:withdraw", args=[followup.pk]),
        {"withdraw-reason": "Fel i sammanfattningen."},
    )
    assert answer.status_code == 302
    assert Publication.objects.get().status == "withdrawn"
    # The follow-up's history tells every step, with who took it and why.
    history = central.get(reverse("followups:history", args=[followup.pk]))
    text = history.content.decode()
    for label in (
        "Resultatet föreslaget för publicering",
        "Resultatet publicerat på de publika sidorna",
        "Resultatet tillbakadraget från de publika sidorna",
        "Fel i sammanfattningen.",
    ):
        assert label in text


def test_bad_input_is_named_in_swedish_and_nothing_is_written(coordinator) -> None:
    followup = shared_followup()
    central = _client(coordinator)
    answer = central.post(
        reverse("publishing:publish", args=[followup.pk]),
        {"summary": "Brukaren 19121212-1212 klagade."},
    )
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "Rätta följande" in text
    assert "19121212-1212" in text and "personnummer" in text
    answer = central.post(reverse("publishing:publish", args=[followup.pk]), {})
    assert answer.status_code == 400
    answer = central.post(
        reverse("publishing:withdraw", args=[followup.pk]), {"withdraw-reason": "x"}
    )
    assert answer.status_code == 302  # refused: the page says why
    page = central.get(answer["Location"])
    assert "Bara ett publicerat resultat kan dras tillbaka." in page.content.decode()
    assert not Publication.objects.exists()


def test_a_blocked_result_says_why_and_offers_no_form(coordinator) -> None:
    followup = shared_followup(answered=False)
    page = _client(coordinator).get(reverse("publishing:detail", args=[followup.pk]))
    text = page.content.decode()
    assert "Inte redo att publiceras" in text
    assert "åtgärdsplan" in text
    assert 'name="summary"' not in text


def test_another_district_s_follow_up_is_not_found(
    district_officer, other_district_officer
) -> None:
    followup = shared_followup(organisation=district_officer.organisation)
    client = _client(other_district_officer)
    assert (
        client.get(reverse("publishing:detail", args=[followup.pk])).status_code == 404
    )
    answer = client.post(
        reverse("publishing:propose", args=[followup.pk]), {"summary": SUMMARY}
    )
    assert answer.status_code == 404
    assert not Publication.objects.exists()


def test_readers_and_providers_may_not_use_the_workflow(
    committee_reader, provider_user
) -> None:
    for user in (committee_reader, provider_user):
        assert _client(user).get(reverse("publishing:list")).status_code == 403


def test_the_list_s_query_count_does_not_grow_with_its_rows(
    district_officer, coordinator
) -> None:
    def count() -> int:
        client = _client(coordinator)
        client.get(reverse("publishing:list"))  # the session, once
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("publishing:list")).status_code == 200
        return len(queries)

    def propose() -> None:
        followup = shared_followup(organisation=district_officer.organisation)
        publication_propose(actor=district_officer, followup=followup, summary=SUMMARY)

    propose()
    few = count()
    for _n in range(6):
        propose()
    assert count() == few


def test_the_follow_up_and_the_portal_say_the_result_is_public(
    district_officer, provider_user
) -> None:
    from foljsam.publishing.tests.factories import published_result
    from foljsam.registry.tests.factories import UnitFactory

    publication = published_result(
        unit=UnitFactory(provider=provider_user.provider),
        organisation=district_officer.organisation,
    )
    followup = publication.followup
    public_page = reverse("public:unit", args=[followup.unit_id])
    for client, url in (
        (_client(district_officer), reverse("followups:detail", args=[followup.pk])),
        (_client(provider_user), reverse("portal:followup", args=[followup.pk])),
    ):
        text = client.get(url).content.decode()
        assert "Publicerat på stadens jämförelsesidor" in text
        assert SUMMARY in text and public_page in text
