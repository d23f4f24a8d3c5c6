"""Deficiencies: recorded by hand or confirmed from a "not met" answer, and the
follow-up's completion, whose outcome the deficiencies suggest (issue 6).

The measures taken on a deficiency are in ``measures``; the central office's
decisions under an agreement in ``actions``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from foljsam.accounts.models import User
from foljsam.core.events import event_record
from foljsam.core.history import stamp_history
from foljsam.findings import events
from foljsam.findings.choices import DeficiencyStatus, Resolution, Severity
from foljsam.findings.models import Deficiency
from foljsam.findings.outcome import DeficiencyState, propose_outcome
from foljsam.followups import lifecycle
from foljsam.followups.choices import Outcome, Status
from foljsam.followups.models import Answer, FollowUp
from foljsam.followups.protocol import is_not_met
from foljsam.requirements.models import Question, Requirement, RequirementCategory

# A deficiency is recorded once the visit has taken place, and until the
# follow-up is completed.
RECORDING_STATUSES = frozenset(
    {Status.VISITED, Status.ASSESSING, Status.AWAITING_COMPLEMENT}
)


def require_recording(followup: FollowUp) -> None:
    if followup.status not in RECORDING_STATUSES:
        raise ValidationError(
            _(
                "Deficiencies are recorded after the visit and before the "
                "follow-up is completed; this one is %(status)s."
            )
            % {"status": followup.get_status_display().lower()}
        )


@transaction.atomic
def deficiency_register(
    *,
    actor: User | None,
    followup: FollowUp,
    category: RequirementCategory,
    severity: str = Severity.MINOR,
    description: str = "",
    requirement: Requirement | None = None,
    question: Question | None = None,
    resolved_on: dt.date | None = None,
) -> Deficiency:
    """Record a deficiency a follow-up found (seed 004: "De verksamheter som vid
    avtalsuppföljning uppvisar brister ges möjlighet att inom en förutbestämd
    tidsram åtgärda bristerna"). One resolved by a complement carries the day
    (earlier years, recorded afterwards)."""
    if severity not in Severity.values:
        raise ValidationError({"severity": _("Choose a severity.")})
    deficiency = Deficiency(
        followup=followup,
        category=category,
        severity=severity,
        description=description.strip(),
        requirement=requirement,
        question=question,
        status=DeficiencyStatus.RESOLVED if resolved_on else DeficiencyStatus.OPEN,
        resolved_on=resolved_on,
        resolution=Resolution.COMPLEMENT if resolved_on else "",
    )
    stamp_history(deficiency, actor)
    deficiency.save()
    event_record(
        actor=actor,
        action=events.REGISTERED,
        target=followup,
        data={
            "deficiency": deficiency.pk,
            "category": category.name,
            "severity": severity,
            "requirement": requirement.code if requirement else "",
        },
    )
    return deficiency


@transaction.atomic
def deficiency_add(
    *,
    actor: User | None,
    followup: FollowUp,
    category: RequirementCategory,
    severity: str,
    description: str,
    requirement: Requirement | None = None,
) -> Deficiency:
    """A deficiency the officer adds by hand: one that no question asked about
    (seen on the premises, in a document)."""
    locked = FollowUp.objects.select_for_update().get(pk=followup.pk)
    require_recording(locked)
    if not description.strip():
        raise ValidationError({"description": _("Describe what is missing or wrong.")})
    if requirement is not None and requirement.category_id != category.pk:
        category = requirement.category
    return deficiency_register(
        actor=actor,
        followup=locked,
        category=category,
        severity=severity,
        description=description,
        requirement=requirement,
    )


@transaction.atomic
def deficiency_confirm(
    *,
    actor: User | None,
    followup: FollowUp,
    question: Question,
    severity: str,
    description: str,
    category: RequirementCategory | None = None,
) -> Deficiency:
    """Confirm the deficiency a "not met" answer proposes (issue 6: "'Not met'
    answers propose deficiencies, which the officer confirms"). It keeps the
    question's requirement and that requirement's category."""
    locked = FollowUp.objects.select_for_update().get(pk=followup.pk)
    require_recording(locked)
    if question.version_id != locked.template_version_id:
        raise ValidationError(_("The question is not part of this protocol."))
    answer = Answer.objects.filter(followup=locked, question=question).first()
    if answer is None or not is_not_met(question, answer.value):
        raise ValidationError(
            _("Only an answer that means the requirement is not met proposes one.")
        )
    if Deficiency.objects.filter(followup=locked, question=question).exists():
        raise ValidationError(_("The answer already has its deficiency."))
    requirement = question.requirement
    chosen = category or (requirement.category if requirement else None)
    if chosen is None:
        raise ValidationError({"category": _("Choose a category.")})
    return deficiency_register(
        actor=actor,
        followup=locked,
        category=chosen,
        severity=severity,
        description=description or (answer.comment if answer else ""),
        requirement=requirement,
        question=question,
    )


def proposal_for(followup: FollowUp) -> Outcome:
    """The outcome the follow-up's deficiencies suggest now."""
    return propose_outcome(
        DeficiencyState(severity, status)
        for severity, status in Deficiency.objects.filter(
            followup=followup
        ).values_list("severity", "status")
    )


@transaction.atomic
def followup_complete(
    *,
    actor: User | None,
    followup: FollowUp,
    outcome: str,
    reason: str = "",
) -> FollowUp:
    """End the follow-up in one of the four outcomes: the one the deficiencies
    propose (``outcome.propose_outcome``), or another, with the officer's reason
    (seed 004's charts; for the city's own units the words say
    "uppdragsbeskrivningen", ``followups.choices.outcome_label``)."""
    locked = FollowUp.objects.select_for_update().get(pk=followup.pk)
    return lifecycle.followup_mark_completed(
        actor=actor,
        followup=locked,
        outcome=outcome,
        proposed_outcome=proposal_for(locked),
        reason=reason,
    )
