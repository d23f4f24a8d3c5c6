"""The steps of a follow-up (issue 6): assigned → preparing (documents
requested) → visited → assessing → awaiting complement → completed → shared with
the provider; cancelled at any point before completion (``services``).

Seed 004 describes the work: "att på förhand begära in rutiner och svar på
skriftliga frågor", then the visit (seed 002: "Stadsdelsförvaltningarna gör
platsbesök, fyller i uppföljningsmall"), then "De verksamheter som vid
avtalsuppföljning uppvisar brister ges möjlighet att inom en förutbestämd tidsram
åtgärda bristerna", and at last "Stadsdelsförvaltningarna lämnar uppföljningen
till utföraren för kännedom" (seed 002). Only the steps of
``choices.TRANSITIONS`` are possible; each is a service here that records who
took it and when (an event, and a history row), in one transaction.
Completing, which needs the deficiencies, is
``findings.services.followup_complete``; it calls ``followup_mark_completed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from foljsam.accounts.models import User
from foljsam.core.events import event_record
from foljsam.core.history import stamp_history
from foljsam.followups import events
from foljsam.followups.choices import (
    Outcome,
    Participant,
    Status,
    may_move,
)
from foljsam.followups.models import FollowUp
from foljsam.followups.services import clean_methods


def clean_participants(participants: Iterable[str]) -> list[str]:
    """Known roles, each once, in the list's order. Names are never asked for."""
    chosen = set(participants)
    unknown = chosen - set(Participant.values)
    if unknown:
        raise ValidationError(
            {
                "participants": _("Unknown role: %(roles)s.")
                % {"roles": ", ".join(sorted(unknown))}
            }
        )
    return [p for p in Participant.values if p in chosen]


def _move(
    *,
    actor: User | None,
    followup: FollowUp,
    target: Status,
    changes: dict[str, Any],
    data: dict[str, Any] | None = None,
) -> FollowUp:
    """Take one step: lock the row, check the step is allowed from where the
    follow-up stands now (not where the page showed it), write and record."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("A follow-up's step belongs inside a transaction.")
    locked = FollowUp.objects.select_for_update().get(pk=followup.pk)
    if not may_move(locked.status, target):
        raise ValidationError(
            _("A follow-up that is %(status)s cannot become %(target)s.")
            % {
                "status": locked.get_status_display().lower(),
                "target": Status(target).label.lower(),
            }
        )
    before = locked.status
    locked.status = target
    for field, value in changes.items():
        setattr(locked, field, value)
    stamp_history(locked, actor)
    locked.save(update_fields=["status", *changes, "updated_at"])
    event_record(
        actor=actor,
        action=events.MOVED,
        target=locked,
        data={"from": before, "to": str(target), **(data or {})},
    )
    return locked


@transaction.atomic
def followup_prepare(
    *,
    actor: User | None,
    followup: FollowUp,
    documents_requested_on: dt.date,
    methods: Iterable[str],
    visit_planned_on: dt.date | None = None,
) -> FollowUp:
    """Start the follow-up: the routines, staff lists and permits are asked for in
    advance (seed 004: "på förhand begära in rutiner och svar på skriftliga
    frågor"), the methods chosen and the visit planned."""
    chosen = clean_methods(methods)
    if not chosen:
        raise ValidationError({"methods": _("Choose at least one method.")})
    if visit_planned_on and visit_planned_on < documents_requested_on:
        raise ValidationError(
            {
                "visit_planned_on": _(
                    "The visit cannot be planned before the documents are requested."
                )
            }
        )
    return _move(
        actor=actor,
        followup=followup,
        target=Status.PREPARING,
        changes={
            "documents_requested_on": documents_requested_on,
            "methods": chosen,
            "visit_planned_on": visit_planned_on,
        },
        data={"on": documents_requested_on.isoformat()},
    )


@transaction.atomic
def followup_record_visit(
    *,
    actor: User | None,
    followup: FollowUp,
    visited_on: dt.date,
    participants: Iterable[str],
    methods: Iterable[str] | None = None,
) -> FollowUp:
    """The visit (on site or digital) took place: its day and who took part, by
    role only (seed 004: questions to users only "utifrån samtycke", and never
    recorded by name)."""
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("The visit cannot be in the future.")})
    roles = clean_participants(participants)
    if not roles:
        raise ValidationError(
            {"participants": _("Choose at least one role that took part.")}
        )
    changes: dict[str, Any] = {"performed_on": visited_on, "participants": roles}
    if methods is not None:
        chosen = clean_methods(methods)
        if not chosen:
            raise ValidationError({"methods": _("Choose at least one method.")})
        changes["methods"] = chosen
    return _move(
        actor=actor,
        followup=followup,
        target=Status.VISITED,
        changes=changes,
        data={"on": visited_on.isoformat()},
    )


@transaction.atomic
def followup_start_assessment(*, actor: User | None, followup: FollowUp) -> FollowUp:
    """The officer weighs the answers and records the deficiencies."""
    return _move(actor=actor, followup=followup, target=Status.ASSESSING, changes={})


@transaction.atomic
def followup_mark_awaiting_complement(
    *, actor: User | None, followup: FollowUp, due_on: dt.date
) -> FollowUp:
    """Complements were asked for (findings.services.complements_request)."""
    return _move(
        actor=actor,
        followup=followup,
        target=Status.AWAITING_COMPLEMENT,
        changes={},
        data={"due_on": due_on.isoformat()},
    )


@transaction.atomic
def followup_mark_completed(
    *,
    actor: User | None,
    followup: FollowUp,
    outcome: str,
    proposed_outcome: str,
    reason: str = "",
) -> FollowUp:
    """End the follow-up in one of the four outcomes: the one proposed from the
    deficiencies, or another with the officer's reason
    (findings.services.followup_complete decides the proposal)."""
    if outcome not in Outcome.values or proposed_outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose one of the four outcomes.")})
    reason = reason.strip()
    if outcome != proposed_outcome and not reason:
        raise ValidationError(
            {
                "reason": _(
                    "Say why the outcome differs from the one the deficiencies suggest."
                )
            }
        )
    if outcome == proposed_outcome:
        reason = ""
    return _move(
        actor=actor,
        followup=followup,
        target=Status.COMPLETED,
        changes={
            "outcome": outcome,
            "proposed_outcome": proposed_outcome,
            "outcome_reason": reason,
            "completed_on": timezone.localdate(),
        },
        data={"outcome": outcome, "proposed": proposed_outcome, "reason": reason},
    )


@transaction.atomic
def followup_share(*, actor: User | None, followup: FollowUp) -> FollowUp:
    """Send the result to the provider (seed 002: "Stadsdelsförvaltningarna
    lämnar uppföljningen till utföraren för kännedom"). Its users see the report
    in the portal from now on, and are told by e-mail (the worker sends it once
    the step is committed)."""
    from foljsam.followups.tasks import notify_shared

    shared = _move(
        actor=actor,
        followup=followup,
        target=Status.SHARED,
        changes={"shared_on": timezone.localdate()},
    )
    # The task row is written in this transaction (the outbox, as publishing
    # does): the provider is told exactly when the step is taken.
    notify_shared.enqueue(shared.pk)
    return shared
