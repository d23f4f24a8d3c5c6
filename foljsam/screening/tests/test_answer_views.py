"""The provider's answer pages behind a screening link (issue 9: "The provider
opens the link and answers in an accessible form, saving and resuming as they
go. They upload the documents asked for, then submit. After submitting they can
read their answers but not change them. A token works for its own provider
only; the tests prove it.")."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foljsam.registry.tests.factories import ContractAreaFactory
from foljsam.requirements.choices import AnswerType
from foljsam.requirements.models import Question
from foljsam.requirements.services import version_publish
from foljsam.requirements.tests.factories import build_version
from foljsam.screening import services
from foljsam.screening.choices import FlagKind
from foljsam.screening.models import (
    Campaign,
    Flag,
    Respondent,
    ScreeningAnswer,
    ScreeningDocument,
)
from foljsam.screening.tests import factories as f

pytestmark = pytest.mark.django_db
AUTOSAVE = {"X-Foljsam-Autosave": "1"}


@pytest.fixture
def campaign(
    coordinator: Any, central_office: Any, django_capture_on_commit_callbacks: Any
) -> Campaign:
    area, _providers = f.population(signed_by=central_office, providers=2)
    return f.send(
        f.draft_campaign(actor=coordinator, area=area),
        coordinator,
        django_capture_on_commit_callbacks,
    )


def _respondents(campaign: Campaign) -> tuple[Respondent, Respondent]:
    first, second = campaign.respondents.order_by("pk")
    return first, second


def _questions(campaign: Campaign) -> dict[str, Question]:
    """The factory's version: two yes/no questions, a number and a document."""
    yes_no, second, number, document = f.questions(campaign.template_version)
    assert number.answer_type == AnswerType.NUMBER
    assert document.answer_type == AnswerType.DOCUMENT
    return {"yes_no": yes_no, "second": second, "number": number, "doc": document}


def _url(token: str, name: str = "screening:answer", **kwargs: Any) -> str:
    return reverse(name, kwargs={"token": token, **kwargs})


def _form(respondent: Respondent, **values: str) -> dict[str, Any]:
    """A posted form: ``q<pk>="yes"`` answers the question, as the page would."""
    respondent.refresh_from_db()
    data: dict[str, Any] = {"revision": str(respondent.revision)}
    for key, value in values.items():
        pk = key.removeprefix("q")
        data[f"q-{pk}-present"] = "1"
        data[f"q-{pk}"] = value
    return data


def _assert_private(response: Any) -> None:
    assert response["Cache-Control"] == "private, no-store"
    # The origin at most, never the address with the token (see _private).
    assert response["Referrer-Policy"] == "strict-origin"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_opening_the_link_shows_the_questions_and_records_it(
    campaign: Campaign,
) -> None:
    respondent, other = _respondents(campaign)
    q = _questions(campaign)
    page = Client().get(_url(f.token_of(respondent)))
    assert page.status_code == 200
    _assert_private(page)
    text = page.content.decode()
    for question in q.values():
        assert f'id="q-{question.pk}"' in text
    assert respondent.provider.name in text and campaign.name in text
    assert other.provider.name not in text
    # The document request is answered by attaching, never by a radio button.
    assert f'name="q-{q["doc"].pk}-files"' in text
    assert f'name="q-{q["doc"].pk}"' not in text
    assert f'name="q-{q["yes_no"].pk}"' in text
    assert 'name="files"' in text
    assert reverse("screening:answer_submit", args=[f.token_of(respondent)]) in text
    # An anonymous visitor gets no logged-in menu.
    assert reverse("logout") not in text
    respondent.refresh_from_db()
    assert respondent.opened_at is not None
    opened = respondent.opened_at
    Client().get(_url(f.token_of(respondent)))
    respondent.refresh_from_db()
    assert respondent.opened_at == opened  # the first opening is what counts


def test_a_bad_number_is_shown_on_its_field_and_nothing_is_written(
    campaign: Campaign,
) -> None:
    respondent, _other = _respondents(campaign)
    q = _questions(campaign)
    response = Client().post(
        _url(f.token_of(respondent)),
        _form(
            respondent, **{f"q{q['yes_no'].pk}": "yes", f"q{q['number'].pk}": "tolv"}
        ),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert f'id="q-{q["number"].pk}-error"' in text
    assert f'href="#q-{q["number"].pk}"' in text
    # Translated in the catalogue already (the protocol's message).
    assert "Skriv ett tal, till exempel 12 eller 3,5." in text
    # What was posted stays in the form.
    assert 'value="tolv"' in text
    assert not ScreeningAnswer.objects.exists()
    respondent.refresh_from_db()
    assert respondent.revision == 0


def test_save_and_resume_with_the_same_link(campaign: Campaign) -> None:
    respondent, _other = _respondents(campaign)
    q = _questions(campaign)
    token = f.token_of(respondent)
    data = _form(
        respondent, **{f"q{q['yes_no'].pk}": "no", f"q{q['number'].pk}": "12,5"}
    )
    data[f"q-{q['yes_no'].pk}-comment"] = "Ansökan är inskickad."
    saved = Client().post(_url(token), data)
    assert saved.status_code == 302
    assert saved["Location"] == _url(token)
    answer = ScreeningAnswer.objects.get(question=q["yes_no"])
    assert (answer.value, answer.comment) == ("no", "Ansökan är inskickad.")
    assert ScreeningAnswer.objects.get(question=q["number"]).value == "12.5"
    # Another browser, later: the saved answers are there.
    text = Client().get(_url(token)).content.decode()
    assert 'value="no" checked' in text
    assert 'value="12.5"' in text
    assert "Ansökan är inskickad." in text
    assert 'name="revision" value="1"' in text


def test_autosave_answers_in_json_and_refuses_an_older_revision(
    campaign: Campaign,
) -> None:
    respondent, _other = _respondents(campaign)
    q = _questions(campaign)
    url = _url(f.token_of(respondent))
    opened = _form(respondent, **{f"q{q['yes_no'].pk}": "yes"})
    first = Client().post(url, opened, headers=AUTOSAVE)
    assert first.status_code == 200
    _assert_private(first)
    body = first.json()
    assert body["revision"] == 1 and body["message"]
    # A second page opened at revision 0 saves: refused, with the protocol's reply.
    stale = Client().post(
        url, {**opened, f"q-{q['yes_no'].pk}": "no"}, headers=AUTOSAVE
    )
    assert stale.status_code == 409
    assert stale.json()["conflict"] == [] and stale.json()["message"]
    assert ScreeningAnswer.objects.get(question=q["yes_no"]).value == "yes"
    # The same, from the Save button: the page says so and keeps what was posted.
    page = Client().post(url, {**opened, f"q-{q['yes_no'].pk}": "no"})
    assert page.status_code == 409
    assert 'id="conflict"' in page.content.decode()
    assert 'name="revision" value="1"' in page.content.decode()
    bad = Client().post(
        url, _form(respondent, **{f"q{q['number'].pk}": "x"}), headers=AUTOSAVE
    )
    assert bad.status_code == 400
    assert f"q-{q['number'].pk}" in bad.json()["errors"]


def test_a_document_attached_then_sent_in_gives_flags_and_a_read_only_page(
    campaign: Campaign,
) -> None:
    respondent, _other = _respondents(campaign)
    q = _questions(campaign)
    token = f.token_of(respondent)
    client = Client()
    saved = client.post(
        _url(token),
        {
            **_form(respondent, **{f"q{q['yes_no'].pk}": "no"}),
            f"q-{q['doc'].pk}-files": [f.pdf_upload("Rutin hot och våld.pdf")],
        },
    )
    assert saved.status_code == 302
    document = ScreeningDocument.objects.get(respondent=respondent)
    assert document.question_id == q["doc"].pk
    page = client.get(_url(token)).content.decode()
    assert "Rutin hot och våld.pdf" in page
    assert _url(token, "screening:answer_document", pk=document.pk) in page
    assert _url(token, "screening:answer_document_remove", pk=document.pk) in page

    sent = client.post(
        _url(token, "screening:answer_submit"),
        _form(
            respondent,
            **{f"q{q['second'].pk}": "yes", f"q{q['number'].pk}": "8"},
        ),
    )
    assert sent.status_code == 302 and sent["Location"] == _url(token)
    respondent.refresh_from_db()
    assert respondent.submitted_at is not None
    assert list(
        Flag.objects.filter(respondent=respondent).values_list("kind", flat=True)
    ) == [FlagKind.NOT_MET]
    assert ScreeningAnswer.objects.get(question=q["doc"]).value == "received"

    # Anyone with the link reads the answers, and changes nothing.
    receipt = Client().get(_url(token))
    assert receipt.status_code == 200
    text = receipt.content.decode()
    assert 'name="revision"' not in text and "<form" not in text.split("<main")[1]
    assert 'id="sent-in"' in text
    assert "Rutin hot och våld.pdf" in text
    download = Client().get(_url(token, "screening:answer_document", pk=document.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    _assert_private(download)


def test_a_required_question_unanswered_sends_nothing_in(campaign: Campaign) -> None:
    respondent, _other = _respondents(campaign)
    q = _questions(campaign)
    response = Client().post(
        _url(f.token_of(respondent), "screening:answer_submit"),
        _form(respondent, **{f"q{q['yes_no'].pk}": "yes"}),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert f'href="#q-{q["second"].pk}"' in text
    assert f'href="#q-{q["number"].pk}"' in text
    assert f'href="#q-{q["doc"].pk}"' not in text  # a missing document is a flag
    respondent.refresh_from_db()
    assert respondent.submitted_at is None
    assert not ScreeningAnswer.objects.exists()  # the save went back with it
    assert not Flag.objects.exists()


def test_a_link_sent_in_refuses_changes(campaign: Campaign) -> None:
    respondent, _other = _respondents(campaign)
    q = _questions(campaign)
    token = f.token_of(respondent)
    f.answer_all(respondent)
    respondent.refresh_from_db()
    before = list(ScreeningAnswer.objects.values_list("pk", "value", "comment"))
    for name in ("screening:answer", "screening:answer_submit"):
        refused = Client().post(
            _url(token, name), _form(respondent, **{f"q{q['yes_no'].pk}": "no"})
        )
        assert refused.status_code == 400
        assert 'name="revision"' not in refused.content.decode()
    autosave = Client().post(
        _url(token),
        _form(respondent, **{f"q{q['yes_no'].pk}": "no"}),
        headers=AUTOSAVE,
    )
    assert autosave.status_code == 400 and autosave.json()["errors"]
    document = ScreeningDocument.objects.get(respondent=respondent)
    removed = Client().post(
        _url(token, "screening:answer_document_remove", pk=document.pk)
    )
    assert removed.status_code == 302
    assert ScreeningDocument.objects.filter(pk=document.pk).exists()
    assert list(ScreeningAnswer.objects.values_list("pk", "value", "comment")) == before
    respondent.refresh_from_db()
    assert Flag.objects.filter(respondent=respondent).count() == respondent.flag_count


def test_a_closed_campaign_shows_the_answers_read_only(
    campaign: Campaign, coordinator: Any
) -> None:
    respondent, _other = _respondents(campaign)
    q = _questions(campaign)
    token = f.token_of(respondent)
    Client().post(_url(token), _form(respondent, **{f"q{q['yes_no'].pk}": "yes"}))
    services.campaign_close(actor=coordinator, campaign=campaign)
    page = Client().get(_url(token))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="closed"' in text and 'name="revision"' not in text
    refused = Client().post(
        _url(token), _form(respondent, **{f"q{q['yes_no'].pk}": "no"})
    )
    assert refused.status_code == 400
    assert ScreeningAnswer.objects.get(question=q["yes_no"]).value == "yes"


def test_a_token_reaches_its_own_documents_only(campaign: Campaign) -> None:
    mine, theirs = _respondents(campaign)
    q = _questions(campaign)
    for respondent in (mine, theirs):
        Client().post(
            _url(f.token_of(respondent)),
            {
                **_form(respondent),
                f"q-{q['doc'].pk}-files": [f.pdf_upload(f"{respondent.pk}.pdf")],
            },
        )
    own = ScreeningDocument.objects.get(respondent=mine)
    other = ScreeningDocument.objects.get(respondent=theirs)
    token = f.token_of(mine)
    got = Client().get(_url(token, "screening:answer_document", pk=other.pk))
    assert got.status_code == 404
    removed = Client().post(
        _url(token, "screening:answer_document_remove", pk=other.pk)
    )
    assert removed.status_code == 404
    assert ScreeningDocument.objects.filter(pk=other.pk).exists()
    assert theirs.provider.name not in Client().get(_url(token)).content.decode()
    # Its own: downloaded, then taken off before sending in.
    assert (
        Client().get(_url(token, "screening:answer_document", pk=own.pk)).status_code
        == 200
    )
    gone = Client().post(_url(token, "screening:answer_document_remove", pk=own.pk))
    assert gone.status_code == 302
    assert gone["Location"] == _url(token) + f"#q-{q['doc'].pk}"
    assert not ScreeningDocument.objects.filter(pk=own.pk).exists()
    assert (
        Client().get(_url(token, "screening:answer_document", pk=own.pk)).status_code
        == 404
    )


def test_a_question_the_link_does_not_ask_is_refused(campaign: Campaign) -> None:
    respondent, _other = _respondents(campaign)
    q = _questions(campaign)
    foreign = version_publish(
        actor=None, version=build_version(code="annan-mall")
    ).questions.first()
    assert foreign is not None
    url = _url(f.token_of(respondent))
    data = _form(respondent, **{f"q{q['yes_no'].pk}": "yes", f"q{foreign.pk}": "yes"})
    response = Client().post(url, data)
    assert response.status_code == 400
    assert not ScreeningAnswer.objects.exists()
    files = Client().post(
        url,
        {**_form(respondent), f"q-{foreign.pk}-files": [f.pdf_upload()]},
    )
    assert files.status_code == 400
    autosave = Client().post(url, data, headers=AUTOSAVE)
    assert autosave.status_code == 400
    assert f"q-{foreign.pk}" in autosave.json()["errors"]
    assert not ScreeningAnswer.objects.exists()
    assert not ScreeningDocument.objects.exists()
    respondent.refresh_from_db()
    assert respondent.revision == 0


def test_expired_withdrawn_and_unknown_links(
    campaign: Campaign, coordinator: Any
) -> None:
    respondent, other = _respondents(campaign)
    token = f.token_of(respondent)
    assert respondent.expires_at is not None
    with time_machine.travel(respondent.expires_at + dt.timedelta(seconds=1)):
        expired = Client().get(_url(token))
        assert (
            Client()
            .post(_url(token, "screening:answer_submit"), _form(respondent))
            .status_code
            == 410
        )
    assert expired.status_code == 410
    _assert_private(expired)
    assert respondent.provider.name not in expired.content.decode()
    assert campaign.name not in expired.content.decode()

    services.respondent_revoke(actor=coordinator, respondent=other)
    revoked = Client().get(_url(f"{f.token_of(other)}"))
    assert revoked.status_code == 410
    assert other.provider.name not in revoked.content.decode()

    for garbage in ("x" * 43, "nej", "a" * 100):
        assert Client().get(_url(garbage)).status_code == 404
    assert (
        Client().get(_url("x" * 43, "screening:answer_document", pk=1)).status_code
        == 404
    )


def _bigger_campaign(
    coordinator: Any, central_office: Any, capture: Any
) -> tuple[Respondent, Campaign]:
    version = build_version(
        code="storre-screening",
        purpose="screening",
        sections=[
            ("Ledning", [f"Ledningsfråga {n}" for n in range(6)]),
            ("Personal", [f"Personalfråga {n}" for n in range(6)]),
            ("Rutiner", [f"Rutinfråga {n}" for n in range(6)]),
        ],
    )
    version = version_publish(actor=None, version=version)
    area, _providers = f.population(
        area=ContractAreaFactory(code="barn-unga", name="Barn och unga"),
        signed_by=central_office,
        providers=1,
    )
    campaign = f.send(
        f.draft_campaign(actor=coordinator, area=area, version=version),
        coordinator,
        capture,
    )
    return campaign.respondents.get(), campaign


def _page_queries(respondent: Respondent) -> int:
    client = Client()
    url = _url(f.token_of(respondent))
    client.get(url)  # the first opening writes; the version is read once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_reads_a_fixed_number_of_queries(
    campaign: Campaign,
    coordinator: Any,
    central_office: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    small, _other = _respondents(campaign)
    few = _page_queries(small)
    big, big_campaign = _bigger_campaign(
        coordinator, central_office, django_capture_on_commit_callbacks
    )
    rows = f.questions(big_campaign.template_version)
    data = _form(big, **{f"q{row.pk}": "yes" for row in rows})
    data["files"] = [f.pdf_upload("a.pdf"), f.pdf_upload("b.pdf")]
    for row in rows:
        data[f"q-{row.pk}-comment"] = "Kommentar"
    assert Client().post(_url(f.token_of(big)), data).status_code == 302
    assert ScreeningAnswer.objects.filter(respondent=big).count() == len(rows) == 18
    assert _page_queries(big) == few
