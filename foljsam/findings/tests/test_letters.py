"""The correction-request letter: built from a correction request, refused for
the city's own units, rendered as DOCX and PDF, read through the scoped actions."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from foljsam.findings.choices import ActionKind
from foljsam.findings.letters import build_letter, letter_docx, letter_html
from foljsam.findings.models import ContractAction
from foljsam.findings.tests.test_report import _docx_text, _rows, make_followup
from foljsam.followups.models import FollowUp
from foljsam.registry.choices import ProviderKind

GROUNDS = "Skriftlig rutin för hot och våld saknades och kompletterades inte."


def _action(followup: FollowUp, **fields: object) -> ContractAction:
    values: dict[str, object] = {
        "followup": followup,
        "agreement": followup.agreement,
        "kind": ActionKind.CORRECTION_REQUEST,
        "decided_on": dt.date(2027, 5, 2),
        "due_on": dt.date(2027, 6, 15),
        "reasons": GROUNDS,
    }
    values.update(fields)
    return ContractAction(**values)


# Hand-made rows ------------------------------------------------------------------


def test_the_letter_names_deficiencies_deadline_and_consequence() -> None:
    followup, _sections, _questions, _answers, deficiencies = _rows()
    with translation.override("en"):
        letter = build_letter(
            _action(followup),
            deficiencies=deficiencies,
            city="Stockholms stad",
            central_office="Socialförvaltningen",
        )
    assert letter.provider_name == "Omsorg Norr AB"
    assert letter.provider_org_number == "556016-0680"
    assert letter.agreement == "SN 2022/0042 (LOV contract)"
    assert letter.due_on == dt.date(2027, 6, 15)
    assert letter.grounds == GROUNDS
    assert [(d.requirement, d.description) for d in letter.deficiencies] == [
        ("R-1: Rutin för hot och våld", "Rutin saknas.")
    ]
    assert "June 15, 2027" in letter.request
    assert "penalty" in letter.consequence
    assert "terminate the agreement" in letter.consequence
    assert letter.sender == ("Socialförvaltningen", "Stockholms stad")


def test_refused_for_an_own_unit_naming_the_mission_description() -> None:
    followup, *_rest = _rows(ProviderKind.MUNICIPAL)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        build_letter(_action(followup), deficiencies=[])
    message = " ".join(refused.value.messages)
    assert "mission description" in message
    assert "uppdragsbeskrivning" in message
    assert "no agreement" in message


def test_only_a_correction_request_has_a_letter() -> None:
    followup, *_rest = _rows()
    penalty = _action(followup, kind=ActionKind.PENALTY, amount=Decimal(10000))
    with pytest.raises(ValidationError):
        build_letter(penalty, deficiencies=[])


def test_the_docx_and_the_html_hold_the_letter() -> None:
    followup, *_rest, deficiencies = _rows()
    letter = build_letter(
        _action(followup), deficiencies=deficiencies, central_office="SOF"
    )
    text = _docx_text(letter_docx(letter))
    html = letter_html(letter)
    for body in (text, html):
        assert "Omsorg Norr AB" in body
        assert "556016-0680" in body
        assert "SN 2022/0042" in body
        assert "Rutin saknas." in body
        assert "Skriftlig rutin för hot och våld" in body
        assert "Agneta" not in body  # no officer's name


# Through the views ----------------------------------------------------------------


@pytest.fixture
def followup(district, central_office) -> FollowUp:
    return make_followup(organisation=district, responsible=central_office)


def _saved(followup: FollowUp, **fields: object) -> ContractAction:
    action = _action(followup, **fields)
    action.save()
    action.deficiencies.set(followup.deficiencies.all())
    return action


def _url(action: ContractAction, fmt: str = "docx") -> str:
    return reverse("findings:action_letter", args=[action.pk, fmt])


@pytest.mark.django_db
def test_the_coordinator_and_the_district_download_the_letter(
    client, followup, coordinator, district_officer
) -> None:
    action = _saved(followup)
    for user in (coordinator, district_officer):
        client.force_login(user)
        response = client.get(_url(action))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment; filename=")
        text = _docx_text(response.content)
        assert followup.provider.name in text
        assert followup.agreement.reference in text
        assert "Brist 0" in text
        assert GROUNDS in text


@pytest.mark.django_db
def test_another_district_a_provider_and_other_kinds_are_refused(
    client, followup, other_district_officer, provider_user, coordinator
) -> None:
    action = _saved(followup)
    client.force_login(other_district_officer)
    assert client.get(_url(action)).status_code == 404
    client.force_login(provider_user)
    assert client.get(_url(action)).status_code == 403
    client.force_login(coordinator)
    penalty = _saved(followup, kind=ActionKind.PENALTY, amount=Decimal(5000))
    assert client.get(_url(penalty)).status_code == 404
    assert client.get(_url(action, "odt")).status_code == 404


@pytest.mark.django_db
def test_the_letter_pdf(client, followup, coordinator) -> None:
    pytest.importorskip("weasyprint")
    action = _saved(followup)
    client.force_login(coordinator)
    response = client.get(_url(action, "pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is optional here
        return
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert followup.provider.name in text
    assert "Brist 0" in text


@pytest.mark.django_db
def test_an_own_unit_has_no_letter_but_is_told_why(
    client, district, coordinator
) -> None:
    """An action recorded before the services refused it for own units: no
    letter, and the coordinator is sent to the report with the reason."""
    followup = make_followup(
        organisation=district, kind=ProviderKind.MUNICIPAL, code="mall-egen"
    )
    action = _saved(followup)
    client.force_login(coordinator)
    response = client.get(_url(action))
    assert response.status_code == 302
    assert response["Location"] == reverse("findings:report", args=[followup.pk])
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert "uppdragsbeskrivning" in message
