"""The deficiencies tab: allowed, forbidden, another organisation; bad input
gives the form back with a Swedish message; queries do not grow with rows."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foljsam.findings import measures, services
from foljsam.findings.models import ContractAction, Deficiency, Measure
from foljsam.followups.choices import Status
from foljsam.followups.tests.factories import protocol_followup
from foljsam.registry.tests.factories import CityFactory
from foljsam.requirements.models import RequirementCategory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC), tick=False):
        yield


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _add(followup, officer, n: int, severity: str = "minor") -> list[Deficiency]:
    category = RequirementCategory.objects.get(code="rutiner")
    return [
        services.deficiency_add(
            actor=officer,
            followup=followup,
            category=category,
            severity=severity,
            description=f"Brist {i}",
        )
        for i in range(n)
    ]


def test_who_sees_the_tab(
    district, district_officer, other_district_officer, committee_reader, provider_user
) -> None:
    followup = protocol_followup(organisation=district, status=Status.VISITED)
    url = reverse("findings:followup_deficiencies", args=[followup.pk])
    assert _client(district_officer).get(url).status_code == 200
    assert _client(committee_reader).get(url).status_code == 200
    assert _client(other_district_officer).get(url).status_code == 404
    assert _client(provider_user).get(url).status_code == 403
    # The committee reads but gets no forms.
    assert (
        b'action="/findings/followups/'
        not in _client(committee_reader).get(url).content
    )


def test_adding_a_deficiency_with_bad_input_shows_the_form_again(
    district, district_officer
) -> None:
    followup = protocol_followup(organisation=district, status=Status.VISITED)
    url = reverse("findings:deficiency_add", args=[followup.pk])
    response = _client(district_officer).post(
        url, {"add-severity": "minor", "add-description": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Rätta följande" in page and "Kategori" in page
    assert not Deficiency.objects.exists()
    category = RequirementCategory.objects.get(code="rutiner")
    response = _client(district_officer).post(
        url,
        {
            "add-category": category.pk,
            "add-severity": "serious",
            "add-description": "Brandrutin saknas.",
        },
    )
    assert response.status_code == 302
    assert Deficiency.objects.get().severity == "serious"


def test_request_receive_approve_and_complete_through_the_pages(
    district, district_officer
) -> None:
    followup = protocol_followup(organisation=district, status=Status.ASSESSING)
    first, second = _add(followup, district_officer, 2)
    session = _client(district_officer)
    response = session.post(
        reverse("findings:complements_request", args=[followup.pk]),
        {
            "request-deficiencies": [first.pk, second.pk],
            "request-due_on": "2026-12-30",
            "request-note": "",
        },
    )
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.status == Status.AWAITING_COMPLEMENT
    measure_url = reverse("findings:deficiency_measure", args=[first.pk, "receive"])
    bad = session.post(measure_url, {f"receive-{first.pk}-note": ""})
    assert bad.status_code == 400
    assert "Skriv vad som har gjorts" in bad.content.decode()
    ok = session.post(measure_url, {f"receive-{first.pk}-note": "Ny rutin antagen."})
    assert ok.status_code == 302
    decide = reverse("findings:deficiency_measure", args=[first.pk, "decide"])
    assert (
        session.post(decide, {f"decide-{first.pk}-decision": "approve"}).status_code
        == 302
    )
    first.refresh_from_db()
    assert first.status == "resolved"
    page = session.get(reverse("findings:followup_deficiencies", args=[followup.pk]))
    assert page.context["page"].proposal == "minor_deficiencies_remain"
    complete = reverse("findings:followup_complete", args=[followup.pk])
    differing = session.post(
        complete, {"complete-outcome": "complies", "complete-reason": ""}
    )
    assert differing.status_code == 400
    assert (
        session.post(
            complete, {"complete-outcome": "minor_deficiencies_remain"}
        ).status_code
        == 302
    )
    followup.refresh_from_db()
    assert (followup.status, followup.outcome) == (
        Status.COMPLETED,
        "minor_deficiencies_remain",
    )


def test_a_correction_request_on_an_own_unit_is_refused_naming_the_regime(
    district, coordinator
) -> None:
    own = protocol_followup(
        organisation=district, status=Status.ASSESSING, provider=CityFactory()
    )
    page = _client(coordinator).get(
        reverse("findings:followup_deficiencies", args=[own.pk])
    )
    text = page.content.decode()
    assert "uppdragsbeskrivning" in text and "egen regi" in text
    assert 'id="id_action-kind"' not in text  # no form for what cannot be done
    response = _client(coordinator).post(
        reverse("findings:contract_action_create", args=[own.pk]),
        {
            "action-kind": "correction_request",
            "action-reasons": "Brister.",
            "action-due_on": "2027-01-31",
        },
    )
    assert response.status_code == 400
    assert "uppdragsbeskrivning" in response.content.decode()
    assert not ContractAction.objects.exists()


def test_a_district_officer_cannot_decide(district, district_officer) -> None:
    followup = protocol_followup(organisation=district, status=Status.ASSESSING)
    response = _client(district_officer).post(
        reverse("findings:contract_action_create", args=[followup.pk]),
        {"action-kind": "penalty", "action-reasons": "x", "action-amount": "1000"},
    )
    assert response.status_code == 403


def test_the_tab_runs_the_same_queries_for_1_and_for_8_deficiencies(
    district, district_officer
) -> None:
    counts = []
    for n in (1, 8):
        followup = protocol_followup(organisation=district, status=Status.ASSESSING)
        found = _add(followup, district_officer, n)
        measures.complements_request(
            actor=district_officer,
            followup=followup,
            deficiencies=found,
            due_on=dt.date(2026, 12, 30),
        )
        for deficiency in found:
            measures.complement_receive(
                actor=None, deficiency=deficiency, note="Klart.", by_provider=True
            )
        session = _client(district_officer)
        url = reverse("findings:followup_deficiencies", args=[followup.pk])
        session.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert session.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
    assert Measure.objects.count() == 2 * (1 + 8)


def test_the_dashboard_lists_escalations_until_the_central_office_decides(
    district, district_officer, other_district_officer, coordinator
) -> None:
    from foljsam.findings import actions

    followup = protocol_followup(organisation=district, status=Status.ASSESSING)
    [deficiency] = _add(followup, district_officer, 1, severity="possible_breach")
    measures.deficiency_escalate(
        actor=district_officer, deficiency=deficiency, note="Bemanningen brister."
    )
    url = reverse("dashboard:home")
    for user in (coordinator, district_officer):
        board = _client(user).get(url).context["board"]
        assert [d.pk for d in board.escalated] == [deficiency.pk]
    assert _client(other_district_officer).get(url).context["board"].escalated == []
    actions.contract_action_decide(
        actor=coordinator,
        followup=followup,
        kind="correction_request",
        reasons="Bemanningen följer inte avtalet.",
        deficiencies=[deficiency],
        due_on=dt.date(2027, 1, 31),
    )
    assert _client(coordinator).get(url).context["board"].escalated == []
