"""Proposing, publishing, sending back and withdrawing a result."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from foljsam.core.models import Event
from foljsam.core.worker import run_pending
from foljsam.followups.tests.factories import FollowUpFactory
from foljsam.publishing import events
from foljsam.publishing.models import Publication
from foljsam.publishing.services import (
    publication_blockers,
    publication_decline,
    publication_propose,
    publication_publish,
    publication_withdraw,
)
from foljsam.publishing.tests.factories import SUMMARY, shared_followup
from foljsam.registry.tests.factories import CityFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _actions(followup) -> list[str]:
    return list(
        Event.objects.filter(
            target_id=str(followup.pk), action__startswith="publishing."
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_a_result_goes_from_proposed_to_published_to_withdrawn_and_back(
    district_officer, coordinator
) -> None:
    followup = shared_followup(organisation=district_officer.organisation)
    proposed = publication_propose(
        actor=district_officer, followup=followup, summary=" Utkast. "
    )
    assert proposed.status == "proposed"
    assert proposed.summary == "Utkast."
    assert proposed.proposed_by == district_officer

    published = publication_publish(
        actor=coordinator, followup=followup, summary=SUMMARY, summary_en="In English."
    )
    assert published.pk == proposed.pk  # one publication per follow-up
    assert published.status == "published"
    assert published.decided_by == coordinator
    # The result as approved: a copy of the follow-up's facts.
    assert (published.year, published.performed_on, published.outcome) == (
        followup.year,
        followup.performed_on,
        followup.outcome,
    )
    assert published.methods == ["site_visit", "document_review"]
    assert published.regime == "private"
    assert Publication.objects.published().count() == 1

    withdrawn = publication_withdraw(
        actor=coordinator, followup=followup, reason="Fel enhet."
    )
    assert withdrawn.status == "withdrawn"
    assert withdrawn.note == "Fel enhet."
    assert withdrawn.withdrawn_at is not None
    assert Publication.objects.published().count() == 0

    again = publication_publish(actor=coordinator, followup=followup, summary=SUMMARY)
    assert again.pk == proposed.pk
    assert again.status == "published" and again.withdrawn_at is None
    assert again.note == ""

    assert _actions(followup) == [
        events.PROPOSED,
        events.PUBLISHED,
        events.WITHDRAWN,
        events.PUBLISHED,
    ]
    # Every step is in the publication's own history, with who took it.
    steps = list(
        Publication.history.filter(id=proposed.pk)
        .order_by("history_id")
        .values_list("status", "history_user_id")
    )
    assert steps == [
        ("proposed", district_officer.pk),
        ("published", coordinator.pk),
        ("withdrawn", coordinator.pk),
        ("published", coordinator.pk),
    ]


def test_the_central_office_sends_a_proposal_back_and_it_can_be_proposed_again(
    district_officer, coordinator, mailoutbox
) -> None:
    followup = shared_followup(organisation=district_officer.organisation)
    publication_propose(actor=district_officer, followup=followup, summary="Utkast.")
    with pytest.raises(ValidationError) as refused:
        publication_decline(actor=coordinator, followup=followup, reason="  ")
    assert "reason" in refused.value.message_dict
    declined = publication_decline(
        actor=coordinator, followup=followup, reason="Skriv enklare."
    )
    assert declined.status == "declined" and declined.note == "Skriv enklare."
    # The officer who proposed it is told, with the reason and the link.
    run_pending()
    [message] = mailoutbox
    assert message.to == [district_officer.email]
    assert followup.unit.name in message.subject
    assert "har skickat tillbaka ditt förslag" in message.body  # in Swedish
    assert "Skriv enklare." in message.body
    assert f"/publishing/{followup.pk}/" in message.body
    again = publication_propose(
        actor=district_officer, followup=followup, summary="Enklare."
    )
    assert again.status == "proposed" and again.note == ""


def test_a_result_with_an_unanswered_deficiency_is_not_published(coordinator) -> None:
    followup = shared_followup(answered=False)
    assert publication_blockers(followup)
    with pytest.raises(ValidationError):
        publication_propose(actor=coordinator, followup=followup, summary=SUMMARY)
    with pytest.raises(ValidationError):
        publication_publish(actor=coordinator, followup=followup, summary=SUMMARY)
    assert not Publication.objects.exists()
    assert _actions(followup) == []


def test_a_result_without_deficiencies_needs_no_action_plan(coordinator) -> None:
    followup = shared_followup(with_open_deficiency=False, outcome="complies")
    assert publication_blockers(followup) == []
    publication_publish(actor=coordinator, followup=followup, summary=SUMMARY)


def test_only_a_shared_result_is_published(coordinator) -> None:
    followup = FollowUpFactory(status="completed", outcome="complies")
    with pytest.raises(ValidationError):
        publication_publish(actor=coordinator, followup=followup, summary=SUMMARY)
    assert not Publication.objects.exists()


def test_a_personal_number_in_the_summary_is_refused_and_nothing_is_written(
    coordinator,
) -> None:
    followup = shared_followup()
    with pytest.raises(ValidationError) as refused:
        publication_publish(
            actor=coordinator,
            followup=followup,
            summary="Brukaren 19121212-1212 klagade.",
        )
    assert "summary" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        publication_publish(
            actor=coordinator,
            followup=followup,
            summary=SUMMARY,
            summary_en="The user 19121212-1212 complained.",
        )
    assert "summary_en" in refused.value.message_dict
    assert not Publication.objects.exists()


def test_steps_out_of_order_are_refused(coordinator) -> None:
    followup = shared_followup()
    with pytest.raises(ValidationError):
        publication_withdraw(actor=coordinator, followup=followup, reason="x")
    with pytest.raises(ValidationError):
        publication_decline(actor=coordinator, followup=followup, reason="x")
    publication_publish(actor=coordinator, followup=followup, summary=SUMMARY)
    with pytest.raises(ValidationError):
        publication_publish(actor=coordinator, followup=followup, summary=SUMMARY)
    with pytest.raises(ValidationError):
        publication_propose(actor=coordinator, followup=followup, summary=SUMMARY)
    with pytest.raises(ValidationError):
        publication_decline(actor=coordinator, followup=followup, reason="x")


def test_the_city_s_own_unit_is_published_with_its_mission_description_words(
    coordinator,
) -> None:
    unit = UnitFactory(provider=CityFactory())
    followup = shared_followup(unit=unit, with_open_deficiency=False)
    published = publication_publish(
        actor=coordinator, followup=followup, summary=SUMMARY
    )
    assert published.regime == "own"
