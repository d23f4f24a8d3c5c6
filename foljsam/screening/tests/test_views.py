"""The office's screening pages through the test client: who may open each
(another organisation's campaign is a 404, the read-only roles get 403 on every
write, anonymous is sent to log in), bad input is refused on the form and writes
nothing, sending shows its progress, triage makes the visits, a provider's link
is corrected, withdrawn and sent anew, and the query counts do not grow with
the providers.

Assertions on text are on ids, URLs and data, or on Django's own Swedish; where
a message of this app is checked, its English and Swedish forms are both
accepted until the catalogue is compiled (marked "translated")."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from foljsam.core.worker import run_pending
from foljsam.followups.choices import Source
from foljsam.followups.models import FollowUp
from foljsam.registry.tests.factories import ContractAreaFactory
from foljsam.screening.choices import CampaignStatus, Population
from foljsam.screening.models import Campaign, CampaignVisit, Respondent
from foljsam.screening.selectors import chosen_by
from foljsam.screening.tests import factories as f

pytestmark = pytest.mark.django_db


def url(name: str, *args: Any) -> str:
    return reverse(f"screening:{name}", args=args)


@pytest.fixture
def version() -> Any:
    return f.screening_version()


@pytest.fixture
def draft(coordinator: Any, central_office: Any, district: Any, version: Any) -> Any:
    area, _providers = f.population(
        signed_by=central_office, providers=3, district=district
    )
    return f.draft_campaign(actor=coordinator, area=area, version=version)


@pytest.fixture
def sent(
    coordinator: Any,
    central_office: Any,
    district: Any,
    version: Any,
    django_capture_on_commit_callbacks: Any,
) -> Campaign:
    area, _providers = f.population(
        area=ContractAreaFactory(code="sent-area"),
        signed_by=central_office,
        providers=3,
        district=district,
    )
    campaign = f.draft_campaign(actor=coordinator, area=area, version=version)
    return f.send(campaign, coordinator, django_capture_on_commit_callbacks)


def _form(version: Any, area: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Screening missbruk",
        "year": timezone.localdate().year,
        "template_version": version.pk,
        "population": Population.AREAS,
        "contract_areas": [area.pk],
        "picked": "",
        "deadline": (timezone.localdate() + dt.timedelta(days=20)).isoformat(),
        "message": "Svara gärna i god tid.",
    }
    data.update(overrides)
    return data


def _answered_document(campaign: Campaign) -> Any:
    respondent = campaign.respondents.order_by("pk").first()
    f.answer_all(respondent)
    return respondent.documents.get()


# Who may open what --------------------------------------------------------


def test_the_reading_pages_for_each_persona(
    client: Any,
    sent: Campaign,
    coordinator: Any,
    committee_reader: Any,
    district_officer: Any,
    provider_user: Any,
) -> None:
    document = _answered_document(sent)
    respondent = document.respondent
    pages = [
        url("list"),
        url("detail", sent.pk),
        url("progress", sent.pk),
        url("triage", sent.pk),
        url("respondent", respondent.pk),
        url("document", document.pk),
    ]
    for user in (coordinator, committee_reader):
        client.force_login(user)
        assert [client.get(page).status_code for page in pages] == [200] * 6
    # A district officer reads campaigns, but the central office's is not its.
    client.force_login(district_officer)
    assert client.get(url("list")).status_code == 200
    assert sent.name not in client.get(url("list")).content.decode()
    assert [client.get(page).status_code for page in pages[1:]] == [404] * 5
    client.force_login(provider_user)
    assert [client.get(page).status_code for page in pages] == [403] * 6
    client.logout()
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_a_district_sees_its_own_campaign(
    client: Any, sent: Campaign, district: Any, district_officer: Any
) -> None:
    sent.organisation = district
    sent.save(update_fields=["organisation"])
    client.force_login(district_officer)
    assert client.get(url("detail", sent.pk)).status_code == 200
    assert sent.name in client.get(url("list")).content.decode()


def test_every_write_is_refused_to_the_read_only_and_the_districts(
    client: Any,
    draft: Campaign,
    sent: Campaign,
    committee_reader: Any,
    district_officer: Any,
    version: Any,
) -> None:
    respondent = sent.respondents.order_by("pk").first()
    area = draft.contract_areas.get()
    writes = [
        (url("create"), _form(version, area)),
        (url("edit", draft.pk), _form(version, area, name="Ändrad")),
        (url("delete", draft.pk), {}),
        (url("send", draft.pk), {}),
        (url("remind", sent.pk), {}),
        (url("close", sent.pk), {}),
        (url("triage", sent.pk), {"respondents": [respondent.pk]}),
        (url("respondent_email", respondent.pk), {"email": "ny@utforare.se"}),
        (url("respondent_revoke", respondent.pk), {}),
        (url("respondent_reissue", respondent.pk), {}),
    ]
    before = (
        Campaign.objects.count(),
        list(Campaign.objects.order_by("pk").values_list("name", "status")),
        list(Respondent.objects.order_by("pk").values_list("email", "revoked_at")),
        FollowUp.objects.count(),
    )
    for user in (committee_reader, district_officer):
        client.force_login(user)
        for address, data in writes:
            assert client.post(address, data).status_code == 403, (user, address)
    # The forms themselves are the office's too.
    client.force_login(committee_reader)
    for name in ("create",):
        assert client.get(url(name)).status_code == 403
    assert client.get(url("edit", draft.pk)).status_code == 403
    after = (
        Campaign.objects.count(),
        list(Campaign.objects.order_by("pk").values_list("name", "status")),
        list(Respondent.objects.order_by("pk").values_list("email", "revoked_at")),
        FollowUp.objects.count(),
    )
    assert after == before


# Preparing a draft --------------------------------------------------------


def test_a_campaign_is_created_from_the_form(
    client: Any, coordinator: Any, central_office: Any, version: Any
) -> None:
    area, providers = f.population(signed_by=central_office, providers=2)
    client.force_login(coordinator)
    page = client.get(url("create"))
    assert page.status_code == 200
    assert f'value="{version.pk}"' in page.content.decode()
    response = client.post(url("create"), _form(version, area))
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response.url == url("detail", campaign.pk)
    assert campaign.status == CampaignStatus.DRAFT
    assert {r.provider_id for r in campaign.respondents.all()} == {
        p.pk for p in providers
    }
    assert client.get(url("detail", campaign.pk)).status_code == 200


def test_bad_input_is_shown_on_the_fields_and_writes_nothing(
    client: Any, coordinator: Any, central_office: Any, version: Any
) -> None:
    area, _providers = f.population(signed_by=central_office, providers=1)
    client.force_login(coordinator)
    response = client.post(
        url("create"), _form(version, area, name="", deadline="not a date")
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"name", "deadline"}
    assert errors["name"] == ["Detta fält måste fyllas i."]  # Django's Swedish
    assert 'href="#id_name"' in response.content.decode()
    # The service's checks: no area, a deadline in the past.
    response = client.post(
        url("create"),
        _form(
            version,
            area,
            contract_areas=[],
            deadline=(timezone.localdate() - dt.timedelta(days=1)).isoformat(),
        ),
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"contract_areas", "deadline"}
    assert not Campaign.objects.exists()


def test_a_wrong_line_in_the_hand_picked_list_is_named(
    client: Any, coordinator: Any, central_office: Any, version: Any
) -> None:
    area, providers = f.population(signed_by=central_office, providers=1)
    good = providers[0].agreements.get().reference
    client.force_login(coordinator)
    response = client.post(
        url("create"),
        _form(
            version,
            area,
            population=Population.PICKED,
            contract_areas=[],
            picked=f"{good}\n\nSN 1999/0001",
        ),
    )
    assert response.status_code == 400
    [message] = response.context["form"].errors["picked"]
    # translated: "Line 3: ..." / "Rad 3: ..."
    assert message.split(":")[0] in {"Line 3", "Rad 3"}
    assert "SN 1999/0001" in message
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Campaign.objects.exists()


def test_a_draft_is_changed_and_deleted_but_a_sent_one_is_not(
    client: Any, coordinator: Any, draft: Campaign, sent: Campaign, version: Any
) -> None:
    client.force_login(coordinator)
    area = draft.contract_areas.get()
    page = client.get(url("edit", draft.pk))
    assert page.status_code == 200
    assert page.context["form"].initial["name"] == draft.name
    response = client.post(url("edit", draft.pk), _form(version, area, name="Ny"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.name == "Ny"
    # A sent campaign's form is not offered, and a post changes nothing.
    page = client.get(url("edit", sent.pk))
    assert page.status_code == 200 and page.context["form"] is None
    client.post(url("edit", sent.pk), _form(version, area, name="Nej"))
    sent.refresh_from_db()
    assert sent.name != "Nej"
    assert client.get(url("delete", sent.pk)).status_code == 200
    assert client.post(url("delete", sent.pk)).status_code == 302
    assert Campaign.objects.filter(pk=sent.pk).exists()
    assert client.get(url("delete", draft.pk)).status_code == 200
    assert client.post(url("delete", draft.pk)).url == url("list")
    assert not Campaign.objects.filter(pk=draft.pk).exists()


def test_a_draft_lists_the_providers_without_an_address(
    client: Any, coordinator: Any, central_office: Any, version: Any
) -> None:
    area, _providers = f.population(signed_by=central_office, providers=2, email=False)
    campaign = f.draft_campaign(actor=coordinator, area=area, version=version)
    client.force_login(coordinator)
    content = client.get(url("detail", campaign.pk)).content.decode()
    assert 'id="no-address-heading"' in content
    for respondent in campaign.respondents.all():
        assert url("respondent", respondent.pk) in content
    # Nobody to send to: no send button.
    assert url("send", campaign.pk) not in content


# Sending, progress, reminders, closing -------------------------------------


def test_sending_queues_the_task_and_the_page_shows_its_progress(
    client: Any,
    coordinator: Any,
    draft: Campaign,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(coordinator)
    assert url("send", draft.pk) in client.get(url("detail", draft.pk)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("send", draft.pk))
    assert response.status_code == 302
    assert DBTaskResult.objects.filter(task_path__endswith="send_links").count() == 1
    progress = client.get(url("progress", draft.pk)).json()
    assert progress["status"] == CampaignStatus.SENDING
    assert (progress["send_done"], progress["send_total"]) == (0, 3)
    assert progress["counts"]["total"] == 3
    page = client.get(url("detail", draft.pk)).content.decode()
    assert 'id="send-progress"' in page and 'role="status"' in page
    assert "screening.js" in page
    assert url("progress", draft.pk) in page
    run_pending()
    progress = client.get(url("progress", draft.pk)).json()
    assert progress["status"] == CampaignStatus.SENT
    assert (progress["send_done"], progress["send_total"]) == (3, 3)
    assert progress["counts"]["sent"] == 3
    assert len(mail.outbox) == 3
    page = client.get(url("detail", draft.pk)).content.decode()
    assert "screening.js" not in page
    assert url("remind", draft.pk) in page and url("close", draft.pk) in page


def test_reminders_and_closing(
    client: Any,
    coordinator: Any,
    sent: Campaign,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url("remind", sent.pk)).status_code == 302
    run_pending()
    assert len(mail.outbox) == 3
    assert client.post(url("close", sent.pk)).status_code == 302
    sent.refresh_from_db()
    assert sent.status == CampaignStatus.CLOSED
    # Sending a closed campaign is refused on the page, not with an error.
    response = client.post(url("send", sent.pk), follow=True)
    assert response.status_code == 200
    assert list(response.context["messages"])


def test_the_providers_list_filters_by_state(
    client: Any, coordinator: Any, sent: Campaign
) -> None:
    first = sent.respondents.order_by("pk").first()
    f.answer_all(first)
    client.force_login(coordinator)
    response = client.get(url("detail", sent.pk), {"state": "answered"})
    assert [r.pk for r in response.context["page_obj"]] == [first.pk]
    response = client.get(url("detail", sent.pk), {"state": "overdue"})
    assert list(response.context["page_obj"]) == []
    with time_machine.travel(sent.deadline + dt.timedelta(days=1)):
        client.force_login(coordinator)  # the session has timed out by then
        response = client.get(url("detail", sent.pk), {"state": "overdue"})
        assert len(response.context["page_obj"]) == 2
    for query in ({"state": "nonsense", "page": "999"}, {"q": "<script>"}):
        response = client.get(url("detail", sent.pk), query)
        assert response.status_code == 200
        assert b"<script>" not in response.content


# Triage ------------------------------------------------------------------


def test_triage_lists_the_flags_and_makes_the_visits(
    client: Any,
    coordinator: Any,
    committee_reader: Any,
    central_office: Any,
    sent: Campaign,
) -> None:
    flagged, clean, _waiting = sent.respondents.order_by("pk")
    f.answer_all(flagged, not_met=True)
    f.answer_all(clean)
    client.force_login(coordinator)
    page = client.get(url("triage", sent.pk))
    rows = page.context["rows"]
    assert [row.respondent.pk for row in rows] == [flagged.pk, clean.pk]
    assert rows[0].total == 1
    assert f'id="pick-{flagged.pk}"' in page.content.decode()
    # Nothing chosen: refused on the page.
    response = client.post(url("triage", sent.pk), {})
    assert response.status_code == 400
    assert "respondents" in response.context["form"].errors
    assert not FollowUp.objects.filter(source=Source.SCREENING).exists()
    response = client.post(url("triage", sent.pk), {"respondents": [flagged.pk]})
    assert response.status_code == 302
    followup = FollowUp.objects.get(source=Source.SCREENING)
    assert followup.provider_id == flagged.provider_id
    assert followup.organisation == central_office  # LOU: kept centrally
    assert CampaignVisit.objects.get().respondent == flagged
    [message] = client.get(url("triage", sent.pk)).context["messages"]
    assert central_office.name in str(message)
    # The follow-up's page names the campaign, with a link for who sees it.
    content = client.get(
        reverse("followups:detail", args=[followup.pk])
    ).content.decode()
    assert url("detail", sent.pk) in content
    # The committee reads the list but chooses nothing.
    client.force_login(committee_reader)
    page = client.get(url("triage", sent.pk))
    assert page.status_code == 200
    assert f'id="pick-{flagged.pk}"' not in page.content.decode()
    assert (
        client.post(url("triage", sent.pk), {"respondents": [clean.pk]}).status_code
        == 403
    )


def test_the_follow_up_names_the_campaign_without_a_link_for_others(
    sent: Campaign, coordinator: Any, district_officer: Any
) -> None:
    from foljsam.screening import visits

    respondent = sent.respondents.order_by("pk").first()
    f.answer_all(respondent)
    visits.visits_create(
        actor=coordinator,
        campaign=sent,
        respondent_ids=[respondent.pk],
        base_url="http://testserver",
        notify=False,
    )
    followup = FollowUp.objects.get(source=Source.SCREENING)
    seen = chosen_by(user=coordinator, followup_id=followup.pk)
    assert seen is not None and seen.visible and seen.name == sent.name
    unseen = chosen_by(user=district_officer, followup_id=followup.pk)
    assert unseen is not None and not unseen.visible


# A provider's link ----------------------------------------------------------


def test_the_address_is_corrected_and_a_new_link_sent(
    client: Any,
    coordinator: Any,
    sent: Campaign,
    django_capture_on_commit_callbacks: Any,
) -> None:
    respondent = sent.respondents.order_by("pk").first()
    old = f.token_of(respondent)
    client.force_login(coordinator)
    response = client.post(
        url("respondent_email", respondent.pk), {"email": "inte en adress"}
    )
    assert response.status_code == 400
    assert "email" in response.context["email_form"].errors
    respondent.refresh_from_db()
    assert respondent.email != "inte en adress"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("respondent_email", respondent.pk), {"email": "ny@utforare.se"}
        )
    assert response.status_code == 302
    run_pending()
    respondent.refresh_from_db()
    assert respondent.email == "ny@utforare.se"
    assert [m.to for m in mail.outbox] == [["ny@utforare.se"]]
    assert f.token_of(respondent) != old


def test_the_address_of_a_draft_is_corrected_without_sending(
    client: Any, coordinator: Any, central_office: Any, version: Any
) -> None:
    area, _providers = f.population(signed_by=central_office, providers=1, email=False)
    campaign = f.draft_campaign(actor=coordinator, area=area, version=version)
    respondent = campaign.respondents.get()
    client.force_login(coordinator)
    response = client.post(
        url("respondent_email", respondent.pk), {"email": "chef@utforare.se"}
    )
    assert response.status_code == 302
    respondent.refresh_from_db()
    assert respondent.email == "chef@utforare.se" and respondent.sent_at is None
    assert not DBTaskResult.objects.exists()


def test_a_link_is_withdrawn_and_sent_anew(
    client: Any,
    coordinator: Any,
    committee_reader: Any,
    sent: Campaign,
    django_capture_on_commit_callbacks: Any,
) -> None:
    respondent = sent.respondents.order_by("pk").first()
    old = f.token_of(respondent)
    client.force_login(coordinator)
    page = client.get(url("respondent", respondent.pk)).content.decode()
    # The office may copy the live personal link.
    assert 'id="personal-link"' in page and old in page
    assert client.post(url("respondent_revoke", respondent.pk)).status_code == 302
    respondent.refresh_from_db()
    assert respondent.revoked_at is not None
    page = client.get(url("respondent", respondent.pk)).content.decode()
    assert 'id="personal-link"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url("respondent_reissue", respondent.pk)).status_code == 302
    run_pending()
    respondent.refresh_from_db()
    assert respondent.revoked_at is None and respondent.sent_at is not None
    new = f.token_of(respondent)
    assert new != old
    # The committee reads the page, never the link.
    client.force_login(committee_reader)
    page = client.get(url("respondent", respondent.pk)).content.decode()
    assert new not in page and 'id="personal-link"' not in page


def test_a_document_downloads_only_for_those_who_see_its_campaign(
    client: Any,
    coordinator: Any,
    other_district_officer: Any,
    sent: Campaign,
) -> None:
    document = _answered_document(sent)
    client.force_login(coordinator)
    page = client.get(url("respondent", document.respondent_id)).content.decode()
    assert url("document", document.pk) in page
    response = client.get(url("document", document.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment")
    client.force_login(other_district_officer)
    assert client.get(url("document", document.pk)).status_code == 404
    assert client.get(url("document", 987654)).status_code == 404


# Query counts ----------------------------------------------------------------


def _campaign_of(
    size: int, code: str, actor: Any, central_office: Any, version: Any, capture: Any
) -> Campaign:
    area, _providers = f.population(
        area=ContractAreaFactory(code=code), signed_by=central_office, providers=size
    )
    campaign = f.send(
        f.draft_campaign(actor=actor, area=area, version=version), actor, capture
    )
    for n, respondent in enumerate(campaign.respondents.order_by("pk")):
        if n % 3 != 2:
            f.answer_all(respondent, not_met=n % 2 == 0)
    return campaign


def _queries(client: Any, address: str) -> int:
    client.get(address)  # the session, the template version's cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_the_query_counts_do_not_grow_with_the_providers(
    client: Any,
    coordinator: Any,
    central_office: Any,
    version: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(coordinator)
    counts: dict[str, list[int]] = {"list": [], "detail": [], "triage": []}
    for size, code in ((3, "few"), (12, "many")):
        campaign = _campaign_of(
            size,
            code,
            coordinator,
            central_office,
            version,
            django_capture_on_commit_callbacks,
        )
        counts["list"].append(_queries(client, url("list")))
        counts["detail"].append(_queries(client, url("detail", campaign.pk)))
        counts["triage"].append(_queries(client, url("triage", campaign.pk)))
    for page, (few, many) in counts.items():
        assert few == many, f"{page}: {few} queries for 3 providers, {many} for 12"
