"""The follow-up's steps: only the allowed ones, each recording who and when."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError

from foljsam.core.models import Event
from foljsam.followups import events, lifecycle
from foljsam.followups.choices import TRANSITIONS, Status, may_move
from foljsam.followups.services import followup_cancel
from foljsam.followups.tests.factories import protocol_followup

pytestmark = pytest.mark.django_db


def test_the_transition_table_is_the_issues_chain() -> None:
    chain = [
        Status.ASSIGNED,
        Status.PREPARING,
        Status.VISITED,
        Status.ASSESSING,
        Status.AWAITING_COMPLEMENT,
        Status.COMPLETED,
        Status.SHARED,
    ]
    for before, after in itertools.pairwise(chain):
        assert may_move(before, after), (before, after)
    # Cancelled before completion, never after.
    for status in chain[:5]:
        assert may_move(status, Status.CANCELLED)
    assert not may_move(Status.COMPLETED, Status.CANCELLED)
    assert not may_move(Status.SHARED, Status.CANCELLED)
    # No skipping the visit, no going back to the start.
    assert not may_move(Status.ASSIGNED, Status.VISITED)
    assert not may_move(Status.PREPARING, Status.ASSIGNED)
    assert TRANSITIONS[Status.SHARED] == frozenset()


def test_prepare_then_visit_records_actor_and_day(district, district_officer) -> None:
    followup = protocol_followup(organisation=district, status=Status.ASSIGNED)
    started = lifecycle.followup_prepare(
        actor=district_officer,
        followup=followup,
        documents_requested_on=dt.date(2026, 11, 2),
        methods=["site_visit", "document_review"],
        visit_planned_on=dt.date(2026, 11, 20),
    )
    assert started.status == Status.PREPARING
    assert started.methods == ["site_visit", "document_review"]
    visited = lifecycle.followup_record_visit(
        actor=district_officer,
        followup=started,
        visited_on=dt.date(2026, 11, 20),
        participants=["staff", "manager"],
    )
    assert visited.status == Status.VISITED
    assert visited.performed_on == dt.date(2026, 11, 20)
    assert visited.participants == ["manager", "staff"]
    moves = Event.objects.filter(action=events.MOVED, target_id=str(followup.pk))
    assert [(e.data["from"], e.data["to"], e.actor) for e in moves.order_by("id")] == [
        ("assigned", "preparing", district_officer),
        ("preparing", "visited", district_officer),
    ]
    assert visited.history.first().history_user == district_officer


def test_a_step_out_of_order_is_refused_and_nothing_changes(district) -> None:
    followup = protocol_followup(organisation=district, status=Status.ASSIGNED)
    with pytest.raises(ValidationError) as refused:
        lifecycle.followup_record_visit(
            actor=None,
            followup=followup,
            visited_on=dt.date(2026, 1, 5),
            participants=["manager"],
        )
    assert "cannot become" in str(refused.value) or "kan inte" in str(refused.value)
    followup.refresh_from_db()
    assert followup.status == Status.ASSIGNED and followup.performed_on is None
    assert not Event.objects.filter(action=events.MOVED).exists()


def test_the_visit_needs_roles_and_a_past_day(district) -> None:
    followup = protocol_followup(organisation=district)
    with pytest.raises(ValidationError) as refused:
        lifecycle.followup_record_visit(
            actor=None,
            followup=followup,
            visited_on=dt.date(2026, 1, 5),
            participants=[],
        )
    assert "participants" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        lifecycle.followup_record_visit(
            actor=None,
            followup=followup,
            visited_on=dt.date(2999, 1, 5),
            participants=["manager"],
        )
    assert "visited_on" in refused.value.message_dict
    with pytest.raises(ValidationError):
        lifecycle.followup_record_visit(
            actor=None,
            followup=followup,
            visited_on=dt.date(2026, 1, 5),
            participants=["Anna Andersson"],
        )


def test_completing_needs_a_reason_to_differ(district) -> None:
    followup = protocol_followup(organisation=district, status=Status.ASSESSING)
    with pytest.raises(ValidationError) as refused:
        lifecycle.followup_mark_completed(
            actor=None,
            followup=followup,
            outcome="complies",
            proposed_outcome="does_not_comply",
        )
    assert "reason" in refused.value.message_dict
    done = lifecycle.followup_mark_completed(
        actor=None,
        followup=followup,
        outcome="complies",
        proposed_outcome="does_not_comply",
        reason="Bristen rättades under besöket.",
    )
    assert (done.status, done.outcome, done.proposed_outcome) == (
        Status.COMPLETED,
        "complies",
        "does_not_comply",
    )
    assert done.outcome_reason == "Bristen rättades under besöket."
    with pytest.raises(ValidationError):
        followup_cancel(
            actor=None, followup=done, reason="other", on=dt.date(2026, 12, 1)
        )


def test_sharing_queues_an_email_to_the_providers_users(
    district, provider, provider_user, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    from foljsam.core.worker import run_pending

    followup = protocol_followup(
        organisation=district, provider=provider, status=Status.ASSESSING
    )
    lifecycle.followup_mark_completed(
        actor=None, followup=followup, outcome="complies", proposed_outcome="complies"
    )
    with django_capture_on_commit_callbacks(execute=True):
        shared = lifecycle.followup_share(actor=None, followup=followup)
    assert shared.status == Status.SHARED and shared.shared_on is not None
    run_pending()
    assert [m.to for m in mailoutbox] == [[provider_user.email]]
    assert followup.unit.name in mailoutbox[0].subject
    assert f"/findings/followups/{followup.pk}/report/" in mailoutbox[0].body
