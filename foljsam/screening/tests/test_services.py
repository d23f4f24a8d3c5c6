"""The campaign's life through its services: population, sending through the
worker, answering through the link, flags, reminders, revoking, visits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from foljsam.core.worker import run_pending
from foljsam.followups.choices import Method, Source
from foljsam.followups.models import FollowUp
from foljsam.registry.tests.factories import AgreementFactory
from foljsam.screening import answering, services, visits
from foljsam.screening.choices import CampaignStatus, FlagKind, Population
from foljsam.screening.models import Flag, Respondent
from foljsam.screening.selectors import progress, triage
from foljsam.screening.tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_population_is_one_respondent_per_provider_with_its_agreements(
    coordinator: Any, central_office: Any
) -> None:
    area, providers = f.population(signed_by=central_office, providers=2)
    # A second agreement of the first provider in the same area, and one that
    # ended: the first counts, the second does not.
    AgreementFactory(
        provider=providers[0], contract_area=area, signed_by=central_office, kind="lou"
    )
    AgreementFactory(
        provider=providers[1],
        contract_area=area,
        signed_by=central_office,
        kind="lou",
        valid_to=dt.date(2021, 1, 1),
    )
    campaign = f.draft_campaign(actor=coordinator, area=area)
    rows = {r.provider_id: r for r in campaign.respondents.all()}
    assert set(rows) == {p.pk for p in providers}
    assert rows[providers[0].pk].agreements.count() == 2
    assert rows[providers[1].pk].agreements.count() == 1
    assert rows[providers[0].pk].email == providers[0].contact_email
    assert campaign.status == CampaignStatus.DRAFT
    assert campaign.organisation == central_office


def test_a_hand_picked_list_names_the_line_of_each_wrong_reference(
    coordinator: Any, central_office: Any
) -> None:
    _area, providers = f.population(signed_by=central_office, providers=2)
    version = f.screening_version()
    good = providers[0].agreements.get().reference
    with pytest.raises(ValidationError) as caught:
        services.campaign_create(
            actor=coordinator,
            given=f.campaign_input(
                template_version_id=version.pk,
                population=Population.PICKED,
                picked=f"{good}\n\nSN 1999/0001",
            ),
        )
    assert caught.value.message_dict["picked"] == [
        "Rad 3: inget avtal har diarienumret ”SN 1999/0001”."
    ]
    campaign = services.campaign_create(
        actor=coordinator,
        given=f.campaign_input(
            template_version_id=version.pk,
            population=Population.PICKED,
            picked=good.lower(),
        ),
    )
    assert [r.provider for r in campaign.respondents.all()] == [providers[0]]


def test_only_the_coordinator_makes_campaigns(
    district_officer: Any, central_office: Any
) -> None:
    area, _providers = f.population(signed_by=central_office, providers=1)
    with pytest.raises(PermissionDenied):
        f.draft_campaign(actor=district_officer, area=area)


def test_sending_goes_through_the_worker_and_stores_no_token(
    coordinator: Any, central_office: Any, django_capture_on_commit_callbacks: Any
) -> None:
    area, providers = f.population(signed_by=central_office, providers=3)
    providers[2].contact_email = ""
    providers[2].save(update_fields=["contact_email"])
    campaign = f.draft_campaign(actor=coordinator, area=area)
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            services.campaign_send(
                actor=coordinator, campaign=campaign, base_url="http://testserver"
            )
            == 2
        )
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENDING
    assert len(mail.outbox) == 0
    assert run_pending() == 1
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT
    assert (campaign.send_done, campaign.send_total) == (2, 2)
    assert len(mail.outbox) == 2
    sent = campaign.respondents.exclude(email="")
    for respondent in sent:
        token = f.token_of(respondent)
        message = next(m for m in mail.outbox if m.to == [respondent.email])
        assert f"/screening/svar/{token}/" in message.body
        assert token not in str(
            Respondent.objects.filter(pk=respondent.pk).values().get()
        )
    counts = progress(campaign)
    assert (counts.total, counts.sent, counts.no_address, counts.answered) == (
        3,
        2,
        1,
        0,
    )


def test_answering_saves_resumes_and_submits_with_flags(
    coordinator: Any, central_office: Any, django_capture_on_commit_callbacks: Any
) -> None:
    area, _providers = f.population(signed_by=central_office, providers=2)
    campaign = f.send(
        f.draft_campaign(actor=coordinator, area=area),
        coordinator,
        django_capture_on_commit_callbacks,
    )
    first, second = campaign.respondents.order_by("pk")
    found = answering.resolve(f.token_of(first))
    assert found == first
    rows = answering.content(found).rows
    yes_no = rows[0].question
    revision = answering.answers_save(
        respondent=found,
        revision=0,
        answers={yes_no.pk: answering.proto.AnswerInput("no")},
    )
    assert revision == 1
    # An older revision is refused: nobody's answer is overwritten silently.
    with pytest.raises(answering.AnswerConflict):
        answering.answers_save(
            respondent=found,
            revision=0,
            answers={yes_no.pk: answering.proto.AnswerInput("yes")},
        )
    # Sending in with a required question unanswered is refused, by question.
    with pytest.raises(ValidationError) as caught:
        answering.answers_submit(respondent=found, revision=1)
    assert f"q-{rows[1].question.pk}" in caught.value.message_dict
    f.answer_all(first, not_met=True, document=False)
    first.refresh_from_db()
    assert first.submitted_at is not None
    kinds = sorted(Flag.objects.filter(respondent=first).values_list("kind", flat=True))
    assert kinds == [FlagKind.MISSING_DOCUMENT, FlagKind.NOT_MET]
    assert first.flag_count == 2
    with pytest.raises(ValidationError):
        answering.answers_save(respondent=first, revision=first.revision, answers={})
    f.answer_all(second)
    second.refresh_from_db()
    assert second.flag_count == 0
    rows_ = triage(campaign)
    assert [r.respondent for r in rows_] == [first, second]
    assert [v.kind for v in rows_[0].flags] == [
        FlagKind.NOT_MET,
        FlagKind.MISSING_DOCUMENT,
    ]


def test_a_withdrawn_or_expired_link_opens_nothing_and_a_new_one_replaces_it(
    coordinator: Any, central_office: Any, django_capture_on_commit_callbacks: Any
) -> None:
    area, _providers = f.population(signed_by=central_office, providers=1)
    campaign = f.send(
        f.draft_campaign(actor=coordinator, area=area),
        coordinator,
        django_capture_on_commit_callbacks,
    )
    respondent = campaign.respondents.get()
    old = f.token_of(respondent)
    services.respondent_revoke(actor=coordinator, respondent=respondent)
    with pytest.raises(answering.LinkRevoked):
        answering.resolve(old)
    with django_capture_on_commit_callbacks(execute=True):
        services.respondent_reissue(
            actor=coordinator, respondent=respondent, base_url="http://testserver"
        )
    run_pending()
    new = f.token_of(respondent)
    assert new != old
    with pytest.raises(answering.LinkUnknown):
        answering.resolve(old)
    assert answering.resolve(new) == respondent
    with (
        time_machine.travel(respondent.expires_at + dt.timedelta(seconds=1)),
        pytest.raises(answering.LinkExpired),
    ):
        answering.resolve(new)


def test_reminders_go_to_those_who_have_not_answered(
    coordinator: Any, central_office: Any, django_capture_on_commit_callbacks: Any
) -> None:
    area, _providers = f.population(signed_by=central_office, providers=3)
    campaign = f.send(
        f.draft_campaign(actor=coordinator, area=area),
        coordinator,
        django_capture_on_commit_callbacks,
    )
    first = campaign.respondents.order_by("pk").first()
    f.answer_all(first)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            services.campaign_remind(
                actor=coordinator, campaign=campaign, base_url="http://testserver"
            )
            == 2
        )
    run_pending()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        campaign.respondents.exclude(pk=first.pk).values_list("email", flat=True)
    )
    # The reminder carries the same link as before.
    other = campaign.respondents.exclude(pk=first.pk).first()
    assert (
        f.token_of(other) in next(m for m in mail.outbox if m.to == [other.email]).body
    )


def test_visits_are_made_for_the_chosen_providers_units_and_allocated(
    coordinator: Any,
    central_office: Any,
    district: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    area, providers = f.population(
        signed_by=central_office, providers=2, district=district
    )
    campaign = f.send(
        f.draft_campaign(actor=coordinator, area=area),
        coordinator,
        django_capture_on_commit_callbacks,
    )
    first = campaign.respondents.get(provider=providers[0])
    f.answer_all(first, not_met=True)
    second = campaign.respondents.get(provider=providers[1])
    # Not answered before the deadline: cannot be chosen yet.
    with pytest.raises(ValidationError):
        visits.visits_create(
            actor=coordinator,
            campaign=campaign,
            respondent_ids=[second.pk],
            base_url="http://testserver",
        )
    made = visits.visits_create(
        actor=coordinator,
        campaign=campaign,
        respondent_ids=[first.pk],
        base_url="http://testserver",
    )
    assert made.created == 1
    followup = FollowUp.objects.get(provider=providers[0])
    # LOU: the central office keeps it (seed 004).
    assert followup.organisation == central_office
    assert followup.source == Source.SCREENING
    assert followup.methods == [Method.SITE_VISIT]
    assert followup.screening_visit.respondent == first
    # Choosing again makes nothing more.
    again = visits.visits_create(
        actor=coordinator,
        campaign=campaign,
        respondent_ids=[first.pk],
        base_url="http://testserver",
    )
    assert (again.created, again.linked) == (0, 0)
    assert FollowUp.objects.filter(provider=providers[0]).count() == 1
    # After the deadline, a provider that never answered may be chosen.
    with time_machine.travel(campaign.deadline + dt.timedelta(days=1)):
        later = visits.visits_create(
            actor=coordinator,
            campaign=campaign,
            respondent_ids=[second.pk],
            base_url="http://testserver",
        )
        assert later.created == 1
        rows = triage(campaign)
        assert rows[0].respondent == second or rows[0].respondent == first
        assert any(v.kind == FlagKind.NO_ANSWER for r in rows for v in r.flags)


def test_the_daily_reminders_come_before_the_deadline_and_once_after(
    coordinator: Any, central_office: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from foljsam.screening.sending import due_reminders, send_reminders

    area, _providers = f.population(signed_by=central_office, providers=2)
    campaign = f.send(
        f.draft_campaign(actor=coordinator, area=area),
        coordinator,
        django_capture_on_commit_callbacks,
    )
    first, second = campaign.respondents.order_by("pk")
    f.answer_all(first)
    deadline = campaign.deadline
    assert due_reminders(deadline - dt.timedelta(days=6), days_before=5) == {}
    before = deadline - dt.timedelta(days=5)
    assert due_reminders(before, days_before=5) == {campaign.pk: [second.pk]}
    with time_machine.travel(before):
        assert send_reminders(campaign.pk, "http://testserver", [second.pk]) == 1
    # Reminded once before: not again until the deadline has passed.
    assert due_reminders(deadline, days_before=5) == {}
    after = deadline + dt.timedelta(days=1)
    assert due_reminders(after, days_before=5) == {campaign.pk: [second.pk]}
    with time_machine.travel(after):
        send_reminders(campaign.pk, "http://testserver", [second.pk])
    assert due_reminders(after + dt.timedelta(days=1), days_before=5) == {}
    second.refresh_from_db()
    assert second.reminders == 2
