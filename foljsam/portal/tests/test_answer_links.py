"""Answer links: single-use, expiring links through which a provider without an
account answers the questions meant for the unit's manager."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from foljsam.core.models import Event
from foljsam.core.worker import run_pending
from foljsam.followups import protocol as proto
from foljsam.followups.models import Answer, Evidence, FollowUp
from foljsam.portal import services
from foljsam.portal.models import AnswerLink
from foljsam.portal.selectors import links_for_followup
from foljsam.portal.tests.factories import answer_followup, pdf_upload
from foljsam.requirements.models import Question

pytestmark = pytest.mark.django_db
TODAY = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def _private(settings, tmp_path):
    settings.FOLJSAM_PRIVATE_DIR = tmp_path / "private"


@pytest.fixture
def followup(district, provider) -> FollowUp:
    return answer_followup(organisation=district, provider=provider)


def _questions(followup: FollowUp) -> tuple[Question, Question, Question]:
    manager = list(
        Question.objects.filter(
            version=followup.template_version, respondent="manager"
        ).order_by("position")
    )
    staff = Question.objects.get(version=followup.template_version, respondent="staff")
    return manager[0], manager[1], staff


def _link(followup: FollowUp, officer=None) -> tuple[AnswerLink, str]:
    return services.answer_link_create(
        actor=officer, followup=followup, email="chef@utforare.example.org"
    )


def _answers(followup: FollowUp, **values: str) -> dict[str, str]:
    data = {"revision": str(FollowUp.objects.get(pk=followup.pk).protocol_revision)}
    for key, value in values.items():
        data[f"{key}-present"] = "1"
        data[key] = value
    return data


def test_the_officer_sends_a_link_and_the_email_carries_it(
    followup, district_officer, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        link, token = _link(followup, district_officer)
    assert link.token_hash == services.hash_token(token)
    assert link.expires_at == TODAY + dt.timedelta(days=30)
    assert len(token) >= 43
    # The raw token is stored nowhere: not on the link, not in the task queue.
    assert not AnswerLink.objects.filter(token_hash=token).exists()
    assert token not in json.dumps(list(DBTaskResult.objects.values("args_kwargs")))
    assert mailoutbox == []
    assert run_pending() == 1
    [mail] = mailoutbox
    assert mail.to == ["chef@utforare.example.org"]
    assert followup.unit.name in mail.subject
    assert f"/portal/answer/{token}/" in mail.body
    assert Event.objects.filter(action="portal.answer_link_created").exists()


def test_a_new_link_withdraws_the_one_before(followup, district_officer) -> None:
    first, first_token = _link(followup, district_officer)
    second, _token = _link(followup, district_officer)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.revoked_at is None
    assert Client().get(reverse("portal:answer", args=[first_token])).status_code == 410


def test_a_withdrawn_link_sends_no_mail(
    followup, district_officer, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        link, _token = _link(followup, district_officer)
    services.answer_link_revoke(actor=district_officer, link=link)
    run_pending()
    assert mailoutbox == []


@pytest.mark.parametrize("status", ["assigned", "assessing", "completed"])
def test_links_are_sent_while_preparing_or_visited(
    followup, district_officer, status
) -> None:
    followup.status = status
    followup.outcome = "complies" if status == "completed" else ""
    followup.save()
    with pytest.raises(ValidationError):
        _link(followup, district_officer)
    assert not AnswerLink.objects.exists()


def test_a_bad_address_is_refused(followup, district_officer) -> None:
    with pytest.raises(ValidationError) as refused:
        services.answer_link_create(
            actor=district_officer, followup=followup, email="inte en adress"
        )
    assert "email" in refused.value.message_dict
    assert not AnswerLink.objects.exists()


def test_open_answer_save_submit_then_read_only(followup, district_officer) -> None:
    link, token = _link(followup, district_officer)
    first, second, staff = _questions(followup)
    client = Client()
    url = reverse("portal:answer", args=[token])

    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert first.text in text and second.text in text
    assert staff.text not in text  # not the provider's to answer
    assert page["Cache-Control"] == "private, no-store"
    link.refresh_from_db()
    assert link.opened_at is not None

    saved = client.post(
        url,
        {
            **_answers(followup, **{f"q-{first.pk}": "yes"}),
            f"q-{first.pk}-comment": "Rutinen reviderades i mars.",
            f"q-{first.pk}-files": [pdf_upload("Rutin hot och våld.pdf")],
        },
    )
    assert saved.status_code == 302
    answer = Answer.objects.get(followup=followup, question=first)
    assert (answer.value, answer.by_provider, answer.answered_by) == ("yes", True, None)
    evidence = Evidence.objects.get(followup=followup)
    assert (evidence.question_id, evidence.by_provider) == (first.pk, True)

    sent = client.post(
        reverse("portal:answer_submit", args=[token]),
        _answers(followup, **{f"q-{second.pk}": "no"}),
    )
    assert sent.status_code == 302
    link.refresh_from_db()
    assert link.submitted_at is not None
    assert Answer.objects.get(question=second).value == "no"
    assert Event.objects.filter(action="portal.answer_link_submitted").exists()

    receipt = client.get(url)
    assert receipt.status_code == 200
    assert 'name="revision"' not in receipt.content.decode()  # read-only
    assert "Rutin hot och våld.pdf" in receipt.content.decode()
    # Changes are refused, and so is a second submit.
    again = client.post(url, _answers(followup, **{f"q-{first.pk}": "no"}))
    assert again.status_code == 410
    assert Answer.objects.get(question=first).value == "yes"
    assert (
        client.post(reverse("portal:answer_submit", args=[token]), {}).status_code
        == 410
    )
    # Anyone else with the used link is told it is used, and nothing more.
    other = Client().get(url)
    assert other.status_code == 410
    assert followup.unit.name not in other.content.decode()


def test_autosave_answers_in_json(followup) -> None:
    _link_row, token = _link(followup)
    first, _second, _staff = _questions(followup)
    client = Client()
    url = reverse("portal:answer", args=[token])
    response = client.post(
        url,
        _answers(followup, **{f"q-{first.pk}": "partly"}),
        headers={"X-Foljsam-Autosave": "1"},
    )
    assert response.status_code == 200
    assert response.json()["revision"] == 1
    bad = client.post(
        url,
        _answers(followup, **{f"q-{first.pk}": "kanske"}),
        headers={"X-Foljsam-Autosave": "1"},
    )
    assert bad.status_code == 400
    assert f"q-{first.pk}" in bad.json()["errors"]


def test_a_save_from_an_older_revision_is_refused(followup, district_officer) -> None:
    _link_row, token = _link(followup, district_officer)
    first, second, _staff = _questions(followup)
    opened = _answers(followup, **{f"q-{first.pk}": "no"})
    # The officer saves while the provider has the page open.
    proto.protocol_save(
        actor=district_officer,
        followup=followup,
        revision=0,
        answers={second.pk: proto.AnswerInput("yes", "")},
    )
    response = Client().post(reverse("portal:answer", args=[token]), opened)
    assert response.status_code == 409
    text = response.content.decode()
    assert second.text[:40] in text  # what changed in the meantime
    assert district_officer.username not in text  # no officer's name
    assert not Answer.objects.filter(question=first).exists()


def test_expired_revoked_and_unknown_links(followup, district_officer) -> None:
    link, token = _link(followup, district_officer)
    url = reverse("portal:answer", args=[token])
    with time_machine.travel(TODAY + dt.timedelta(days=30, seconds=1), tick=False):
        expired = Client().get(url)
    assert expired.status_code == 410
    assert followup.unit.name not in expired.content.decode()

    services.answer_link_revoke(actor=district_officer, link=link)
    revoked = Client().get(url)
    assert revoked.status_code == 410
    assert followup.unit.name not in revoked.content.decode()

    for unknown in ("x" * 43, "nej", "a" * 500):
        response = Client().get(reverse("portal:answer", args=[unknown]))
        assert response.status_code == 404
    response = Client().post(reverse("portal:answer_submit", args=["x" * 43]))
    assert response.status_code == 404


def test_a_token_reaches_its_own_follow_up_only(
    followup, district, other_provider
) -> None:
    other = answer_followup(organisation=district, provider=other_provider)
    _link_row, token = _link(followup)
    theirs, _second, _staff = _questions(other)
    mine, _mine2, own_staff = _questions(followup)
    url = reverse("portal:answer", args=[token])
    page = Client().get(url).content.decode()
    assert followup.unit.name in page
    assert other.unit.name not in page
    # Another follow-up's question, or one for the staff, through this link.
    response = Client().post(
        url,
        {
            **_answers(followup, **{f"q-{mine.pk}": "yes"}),
            f"q-{theirs.pk}-present": "1",
            f"q-{theirs.pk}": "yes",
            f"q-{own_staff.pk}-present": "1",
            f"q-{own_staff.pk}": "yes",
        },
    )
    assert response.status_code == 302  # the questions it does not show are ignored
    assert not Answer.objects.filter(followup=other).exists()
    assert not Answer.objects.filter(question=own_staff).exists()
    link = AnswerLink.objects.get()
    with pytest.raises(ValidationError):
        services.answer_link_save(
            link=link,
            revision=1,
            answers={own_staff.pk: proto.AnswerInput("no", "")},
        )
    with pytest.raises(ValidationError):
        services.answer_link_save(
            link=link, revision=1, answers={}, uploads={theirs.pk: [pdf_upload()]}
        )
    assert not Evidence.objects.exists()


def test_a_link_closes_with_its_follow_up(followup) -> None:
    _link_row, token = _link(followup)
    followup.status = "cancelled"
    followup.cancel_reason = "other"
    followup.cancelled_on = dt.date(2026, 11, 30)
    followup.save()
    response = Client().get(reverse("portal:answer", args=[token]))
    assert response.status_code == 410
    assert followup.unit.name not in response.content.decode()


def test_officer_views(client, followup, district_officer, other_district_officer):
    create = reverse("portal:link_create", args=[followup.pk])
    revoke = reverse("portal:link_revoke", args=[followup.pk])
    client.force_login(other_district_officer)
    assert client.post(create, {"email": "chef@example.org"}).status_code == 404
    client.force_login(district_officer)
    bad = client.post(create, {"email": "inte en adress"}, follow=True)
    assert not AnswerLink.objects.exists()
    messages = [str(m) for m in bad.context["messages"]]
    assert any(m.startswith("E-post") or m.startswith("E-mail") for m in messages)
    response = client.post(create, {"email": "chef@example.org"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/followups/{followup.pk}/#answer-links")
    link = AnswerLink.objects.get()
    assert link.email == "chef@example.org" and link.created_by == district_officer
    assert client.post(revoke).status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    # Nothing left to withdraw: said, not a failure.
    assert client.post(revoke).status_code == 302


def test_links_for_followup(followup, district_officer, provider_user) -> None:
    panel = links_for_followup(user=district_officer, followup=followup)
    assert panel.can_create and not panel.can_revoke
    assert panel.questions == 2
    assert panel.default_email == provider_user.email
    with CaptureQueriesContext(connection) as few:
        links_for_followup(user=district_officer, followup=followup)
    for _ in range(3):
        _link(followup, district_officer)
    with CaptureQueriesContext(connection) as more:
        panel = links_for_followup(user=district_officer, followup=followup)
    assert len(few) == len(more)
    assert len(panel.links) == 3 and panel.current is not None and panel.can_revoke
    # A provider user never sees the links; nor does another district.
    assert not AnswerLink.objects.visible_to(provider_user).exists()


def test_the_partial_renders(client, followup, district_officer) -> None:
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    _link(followup, district_officer)
    request = RequestFactory().get("/")
    request.user = district_officer
    html = render_to_string(
        "portal/_followup_links.html",
        {"links": links_for_followup(user=district_officer, followup=followup)},
        request=request,
    )
    assert 'id="answer-links"' in html
    assert reverse("portal:link_revoke", args=[followup.pk]) in html
    assert reverse("portal:link_create", args=[followup.pk]) in html
    assert re.search(r'value="chef@utforare.example.org"', html)


def test_the_template_tag_renders_the_partial(followup, district_officer) -> None:
    from django.middleware.csrf import get_token
    from django.template import engines
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = district_officer
    get_token(request)
    html = (
        engines["django"]
        .from_string("{% load portal_links %}{% answer_links followup %}")
        .render({"followup": followup}, request)
    )
    assert reverse("portal:link_create", args=[followup.pk]) in html
    assert 'name="csrfmiddlewaretoken"' in html
